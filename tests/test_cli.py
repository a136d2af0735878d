"""The ``newsalert`` command as a user meets it: real processes, started outside the repository.

Every expected failure is one line and its own exit code; commands find what they need from any
directory; output meant for a terminal never reaches a pipe.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from streams.broker import free_port
from streams.exitcodes import ExitCode
from streams.harness import ROOT, wait_until_ready
from tests.workers import records

pytestmark = pytest.mark.integration  # real newsalert processes and outside tools

NEWSALERT = str(Path(sys.executable).parent / "newsalert")
SAMPLE = ROOT / "samples" / "demo.jsonl"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty working directory outside the repository (``cwd``), with its own per-user state directory."""
    (tmp_path / "cwd").mkdir()
    return tmp_path


def environment(home: Path, **env: str) -> dict[str, str]:
    """This environment without any newsalert setting, the per-user state under ``home``, plus ``env``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSALERT_", "KAFKA_"))}
    return {**base, "XDG_STATE_HOME": str(home / "state"), **env}


def cli(home: Path, *args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsalert ARGS`` in ``home/cwd`` and wait for it; output captured (so through pipes)."""
    return subprocess.run(
        [NEWSALERT, *args],
        cwd=home / "cwd",
        env=environment(home, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port another process listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_version_is_the_package_version(home: Path) -> None:
    done = cli(home, "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"newsalert {version('newsalert')}"


def test_bash_completion_sources_and_completes_commands(home: Path) -> None:
    script = cli(home, "completion", "bash").stdout
    shell = subprocess.run(
        [
            "bash",
            "-c",
            'source <("$0" completion bash) && complete -p newsalert && '
            'COMP_WORDS=(newsalert de); COMP_CWORD=1; _shtab_newsalert; echo "${COMPREPLY[@]}"',
            NEWSALERT,
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shell.returncode == 0, shell.stderr
    assert "complete" in shell.stdout and "newsalert" in shell.stdout.splitlines()[0]
    assert shell.stdout.splitlines()[-1].split() == ["deadletter"]
    assert "--log-format" in script and "ingest" in script


def test_zsh_completion_names_every_command(home: Path) -> None:
    script = cli(home, "completion", "zsh").stdout
    assert script.startswith("#compdef newsalert")
    for command in ("run", "worker", "ingest", "state", "deadletter", "match", "eval", "rules", "topics"):
        assert command in script
    if shutil.which("zsh"):
        shell = subprocess.run(
            ["zsh", "-c", 'autoload -Uz compinit && compinit -u && source <("$0" completion zsh)', NEWSALERT],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert shell.returncode == 0, shell.stderr


def one_line_failure(done: subprocess.CompletedProcess[str], code: ExitCode, *words: str) -> str:
    """The one line ``done`` wrote on stderr, once its exit code is ``code`` and the line holds ``words``."""
    assert done.returncode == code, (done.returncode, done.stderr[-3000:])
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr[-3000:]
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_a_taken_web_port_is_one_line_for_worker_and_run(home: Path, taken_port: int) -> None:
    for command in ("worker", "run"):
        done = cli(home, command, KAFKA_BOOTSTRAP="127.0.0.1:1", NEWSALERT_WEB_PORT=str(taken_port))
        one_line_failure(done, ExitCode.PORT_IN_USE, f"web port {taken_port}", "NEWSALERT_WEB_PORT")


def test_an_unreachable_broker_is_one_line(home: Path) -> None:
    done = cli(home, "ingest", str(SAMPLE), KAFKA_BOOTSTRAP=f"127.0.0.1:{free_port()}")
    one_line_failure(done, ExitCode.BROKER, "cannot reach Kafka")


def test_without_a_broker_the_commands_say_how_to_get_one(home: Path) -> None:
    for args in (["ingest", str(SAMPLE)], ["deadletter", "list"], ["topics"]):
        one_line_failure(cli(home, *args), ExitCode.BROKER, "KAFKA_BOOTSTRAP", "newsalert run")
    one_line_failure(cli(home, "worker"), ExitCode.BROKER, "KAFKA_BOOTSTRAP")


def test_a_stale_run_file_is_ignored_with_a_note(home: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    data = home / "state" / "newsalert"
    data.mkdir(parents=True)
    (data / "run.json").write_text(
        json.dumps({"bootstrap": "127.0.0.1:1", "web": "http://127.0.0.1:1", "pid": gone.pid, "started_at": ""})
    )
    done = cli(home, "ingest", str(SAMPLE))
    assert done.returncode == ExitCode.BROKER
    note, error = done.stderr.splitlines()
    assert note == f"note: ignoring {data / 'run.json'}: its newsalert run (pid {gone.pid}) is no longer running"
    assert error.startswith("error: newsalert ingest needs a broker")


def worker_failing_early(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``newsalert worker`` with ``env``, a broker nothing listens at and a free web port: what it refuses,
    it refuses before it needs either."""
    return cli(home, "worker", KAFKA_BOOTSTRAP="127.0.0.1:1", NEWSALERT_WEB_PORT=str(free_port()), **env)


def test_missing_rules_are_one_line_with_what_to_do(home: Path) -> None:
    done = worker_failing_early(home, NEWSALERT_RULES="/nowhere/rules")
    one_line_failure(done, ExitCode.RULES, "/nowhere/rules: error: no such file or directory", "NEWSALERT_RULES")


def test_a_worker_whose_rule_notifies_an_unknown_destination_refuses_to_start(home: Path) -> None:
    (home / "rules.yaml").write_text(
        "rules:\n  - id: quake\n    title: Quake\n    when: {phrase: earthquake}\n    notify: [pagr]\n"
    )
    (home / "newsalert.yaml").write_text("destinations:\n  pager: {type: alertmanager, url: 'http://127.0.0.1:9'}\n")
    done = worker_failing_early(
        home, NEWSALERT_RULES=str(home / "rules.yaml"), NEWSALERT_CONFIG=str(home / "newsalert.yaml")
    )
    one_line_failure(done, ExitCode.RULES, f"{home / 'rules.yaml'}:5:14:", "'pagr'", "did you mean 'pager'?")


def test_a_bad_setting_is_one_line_and_debug_adds_the_traceback(home: Path) -> None:
    one_line_failure(cli(home, "ingest", "x", NEWSALERT_WEB_PORT="http"), ExitCode.CONFIG, "web.port")
    debug = cli(home, "ingest", "x", "--debug", NEWSALERT_WEB_PORT="http")
    assert debug.returncode == ExitCode.CONFIG
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1].startswith("error: ") and "web.port" in debug.stderr.splitlines()[-1]


def test_a_data_directory_that_cannot_be_made_is_one_line(home: Path) -> None:
    (home / "file").write_text("")
    done = worker_failing_early(home, NEWSALERT_DATA_DIR=str(home / "file" / "data"))
    one_line_failure(done, ExitCode.DATA_DIR, str(home / "file" / "data"), "NEWSALERT_DATA_DIR")


def test_json_logs_carry_the_fatal_error_too(home: Path) -> None:
    done = cli(home, "--log-format", "json", "ingest", str(SAMPLE), KAFKA_BOOTSTRAP=f"127.0.0.1:{free_port()}")
    assert done.returncode == ExitCode.BROKER
    (record,) = [json.loads(line) for line in done.stderr.splitlines()]
    assert record["level"] == "error" and record["exit_code"] == ExitCode.BROKER
    assert "cannot reach Kafka" in record["message"]


# -- with a broker ---------------------------------------------------------------------------------------------------

UNSET_SECRET = "NEWSALERT_TEST_SECRET_NEVER_SET"


def test_commands_that_deliver_nothing_need_no_destination_secrets(home: Path, kafka: str, topic_prefix: str) -> None:
    config = home / "newsalert.yaml"
    config.write_text(
        f"destinations:\n  hook: {{type: webhook, url: 'https://hooks.test/x', secret: '${{{UNSET_SECRET}}}'}}\n"
    )
    env = {"KAFKA_BOOTSTRAP": kafka, "NEWSALERT_TOPIC_PREFIX": topic_prefix, "NEWSALERT_CONFIG": str(config)}
    for args in (["ingest", str(SAMPLE)], ["deadletter", "list"], ["state"], ["match", str(SAMPLE)]):
        done = cli(home, *args, **env)
        assert done.returncode == 0, (args, done.stderr)
    one_line_failure(cli(home, "worker", **env), ExitCode.CONFIG, UNSET_SECRET)


def test_ingest_reports_an_oversized_article_and_sends_the_others(home: Path, kafka: str, topic_prefix: str) -> None:
    articles = home / "cwd" / "batch.jsonl"
    articles.write_text(
        "\n".join(
            json.dumps(a)
            for a in (
                {"title": "First", "body": "Rebels seized Hama."},
                {"title": "Too long", "body": "word " * 2000},
                {"title": "Third", "body": "The army withdrew from Homs."},
            )
        )
        + "\n"
    )
    (home / "small.yaml").write_text("max_article_bytes: 4000\n")
    done = cli(
        home,
        "ingest",
        "--config",
        str(home / "small.yaml"),
        "batch.jsonl",
        "missing.json",
        KAFKA_BOOTSTRAP=kafka,
        NEWSALERT_TOPIC_PREFIX=topic_prefix,
    )
    assert done.returncode == ExitCode.FAILED
    oversized, missing = done.stderr.splitlines()
    assert oversized.startswith("error: batch.jsonl: article ") and "'Too long'" in oversized
    assert "over max_article_bytes (4,000)" in oversized
    assert missing == "error: missing.json: no such file or directory"
    assert done.stdout.startswith(f"2 articles sent to {topic_prefix}articles")
    assert sorted(r["title"] for r in records(kafka, topic_prefix + "articles")) == ["First", "Third"]
    assert "\x1b" not in done.stdout + done.stderr  # piped: no progress drawn


def test_ingest_draws_progress_on_a_terminal_only(home: Path, kafka: str, topic_prefix: str) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [NEWSALERT, "ingest", str(SAMPLE)],
        cwd=home / "cwd",
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        env=environment(home, KAFKA_BOOTSTRAP=kafka, NEWSALERT_TOPIC_PREFIX=topic_prefix),
    )
    os.close(follower)
    terminal = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other end closed: the process is done with it
            break
        if not chunk:
            break
        terminal += chunk
    os.close(leader)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert b"ingest: " in terminal and b"\x1b[K" in terminal
    assert "\x1b" not in stdout and stdout.startswith("7 articles sent")


def test_a_worker_starts_in_an_empty_directory_with_the_defaults(home: Path, kafka: str, topic_prefix: str) -> None:
    port = free_port()
    log = home / "worker.log"
    with open(log, "w") as output:
        process = subprocess.Popen(
            [NEWSALERT, "worker", "--log-format", "json"],
            cwd=home / "cwd",
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment(
                home, KAFKA_BOOTSTRAP=kafka, NEWSALERT_TOPIC_PREFIX=topic_prefix, NEWSALERT_WEB_PORT=str(port)
            ),
        )
    try:
        assert wait_until_ready(process, f"http://127.0.0.1:{port}", 60) == "ready", log.read_text()[-3000:]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    assert process.returncode == 0, log.read_text()[-3000:]
    assert (home / "state" / "newsalert" / "faust").is_dir()
    assert list((home / "cwd").iterdir()) == []  # nothing written where it was started
    lines = log.read_text().splitlines()
    assert lines
    for line in lines:  # every line a JSON object with the stable fields
        record = json.loads(line)
        assert {"time", "level", "logger", "message"} <= record.keys(), line


def test_state_works_outside_the_repository(home: Path, kafka: str, topic_prefix: str) -> None:
    done = cli(home, "state", KAFKA_BOOTSTRAP=kafka, NEWSALERT_TOPIC_PREFIX=topic_prefix)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:3] == ["PLACE", "CONTROLLED", "BY"]
    assert "Homs" in done.stdout  # the shipped rules' known control
