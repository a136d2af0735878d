"""`newsalert run`: embedded broker, worker and demo in one process, and nothing left behind when it stops."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from streams.broker import free_port
from streams.harness import ROOT, newsalert

pytestmark = pytest.mark.integration  # real newsalert processes and outside tools

NEWSALERT = str(Path(sys.executable).parent / "newsalert")
BANNER = re.compile(r"embedded broker on 127\.0\.0\.1:(\d+)")


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def tansu_processes(port: int) -> list[str]:
    """Command lines of live Tansu processes serving ``port``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = status.read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "tansu" in command and f":{port}" in command:
            found.append(command)
    return found


DEMO_PLACES = ("Homs", "Aleppo", "Hama", "Daraa")  # the changes of control in samples/demo.jsonl


def start_run(tmp_path: Path) -> tuple[subprocess.Popen[str], int, list[str]]:
    """Start `newsalert run --demo samples` and read its output until every demo match and an alert are printed."""
    env = {"NEWSALERT_WEB_PORT": str(free_port()), "NEWSALERT_DATA_DIR": str(tmp_path), "KAFKA_BOOTSTRAP": ""}
    process = newsalert("run", "--demo", "samples", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    lines: list[str] = []
    port = 0
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if found := BANNER.search(line):
            port = int(found.group(1))
        output = "".join(lines)
        # Every demo change of control matched (the articles are spread over partitions, in any order) and
        # the sink printed an alert.
        if all(f"{place}: control changing hands" in output for place in DEMO_PLACES) and "ALERT opened" in output:
            return process, port, lines
    process.kill()
    pytest.fail("not every demo match and an alert printed:\n" + "".join(lines[-40:]))


def test_run_prints_demo_matches_and_stops_everything_on_sigterm(tmp_path: Path) -> None:
    process, port, lines = start_run(tmp_path)
    assert port and listening(port)
    process.send_signal(signal.SIGTERM)
    try:
        rest, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGUSR1)  # mode's worker logs every task's stack: what it is stuck on
        time.sleep(3)
        process.kill()
        rest, _ = process.communicate()
        pytest.fail("newsalert run did not stop within 60 s of SIGTERM:\n" + rest[-12000:])
    assert process.returncode == 0, rest[-2000:]
    output = "".join(lines) + rest
    for place in DEMO_PLACES:
        assert f"{place}: control changing hands" in output
    assert "Damascus: control changing hands" not in output  # markets reopening is not a change of control
    assert not listening(port)
    assert tansu_processes(port) == []


def test_the_broker_dies_with_a_killed_run(tmp_path: Path) -> None:
    process, port, _ = start_run(tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    deadline = time.monotonic() + 10
    while tansu_processes(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tansu_processes(port) == []


def test_the_run_file_lets_ingest_and_state_find_the_broker_from_anywhere(tmp_path: Path) -> None:
    process, port, _ = start_run(tmp_path)
    try:
        announced = json.loads((tmp_path / "run.json").read_text())
        assert announced["bootstrap"] == f"127.0.0.1:{port}" and announced["pid"] == process.pid
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSALERT_", "KAFKA_"))},
            "NEWSALERT_DATA_DIR": str(tmp_path),
        }
        sent = subprocess.run(
            [NEWSALERT, "ingest", str(ROOT / "samples" / "demo.jsonl")],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert sent.returncode == 0, sent.stderr
        assert sent.stdout.startswith(f"7 articles sent to newsalert.articles on 127.0.0.1:{port}")
        state = subprocess.run(
            [NEWSALERT, "state", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60
        )
        assert state.returncode == 0, state.stderr
        assert "hama" in {place["place"] for place in json.loads(state.stdout)}
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    assert not (tmp_path / "run.json").exists()  # removed by the run that wrote it
