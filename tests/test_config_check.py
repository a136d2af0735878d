"""``newsalert config check`` and docs/configuration.md: the settings file is checked the way every command reads
it, hostile files get one located line, and the documentation names every setting the code knows."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from streams.cli import main
from streams.config import load_settings, setting_names
from streams.exitcodes import ExitCode

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "docs" / "configuration.md").read_text()
# Every variable the code reads from the environment by name: env.get("X"), environ["X"], or a *_VARIABLE constant.
READ_FROM_ENVIRONMENT = re.compile(r"""(?:get\(|\[|_(?:VARIABLE|DIR)\s*=\s*)"((?:NEWSALERT|KAFKA)_[A-Z_]+)\"""")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No newsalert setting from the environment, and a working directory without newsalert.yaml."""
    for name in [n for n in os.environ if n.startswith(("NEWSALERT_", "KAFKA_"))]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["config", "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def settings_file(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "newsalert.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(path)


def test_a_good_file_is_ok_with_what_it_configures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = settings_file(tmp_path, "destinations:\n  pager: {type: alertmanager, url: http://am:9093}\n")
    code, out, err = check(capsys, path)
    assert (code, err) == (ExitCode.OK, "")
    assert out.startswith(f"ok: {path};") and "destinations: pager" in out


def test_no_file_says_so_and_checks_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = check(capsys)
    assert code == ExitCode.OK and "no settings file" in out and "defaults apply" in out
    monkeypatch.setenv("NEWSALERT_WEB_PORT", "http")
    code, _, err = check(capsys)
    assert code == ExitCode.CONFIG and err.startswith("error: web.port:")


def test_the_file_of_newsalert_config_is_the_one_checked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSALERT_CONFIG", settings_file(tmp_path, "kafka: {partitons: 3}\n"))
    code, _, err = check(capsys)
    assert code == ExitCode.CONFIG
    assert err == (
        f"error: {tmp_path / 'newsalert.yaml'}:1:9: kafka.partitons: unknown key 'partitons' in kafka "
        "(did you mean 'partitions'?)\n"
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("kafka:\n  partitions: many\n", ":2:3:", "kafka.partitions: expected a whole number, got 'many'"),
        ("web: {port: 70000}\n", ":1:7:", "web.port: 70000 is out of range"),
        ("fetch_private_addresses: yes please\n", ":1:1:", "fetch_private_addresses: expected true or false"),
        ("feeds:\n  - url: ftp://x\n", ":2:5:", "feeds[0].url: expected an http:// or https:// URL"),
        ("feeds:\n  - {url: 'https://x.org/', fetch_pages: true}\n", ":2:29:", "did you mean 'fetch_page'?"),
        ("dedup_window: forever\n", ":1:1:", "dedup_window: expected seconds or a duration"),
        ("agents: [match, mail]\n", ":1:1:", "agents: expected some of match, alert, deliver, feeds"),
        ("rules: 3\n", ":1:1:", "rules: expected a list of rule files or directories"),
        ("desinations: {}\n", ":1:1:", "unknown key 'desinations' in top level (did you mean 'destinations'?)"),
        ("- a\n- b\n", "", "top level: expected a mapping"),
        ("a: &x 1\nb: *x\n", ":1:4:", "YAML anchors and aliases are not allowed here"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", ":1:", "nesting deeper than 32 levels"),
        ("kafka: {bootstrap: [1\n", ":2:1:", "YAML syntax error"),
        ("web:\x07\n", ":1:5:", "character U+0007 is not allowed"),
    ],
)
def test_a_bad_file_is_one_located_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = settings_file(tmp_path, text)
    code, out, err = check(capsys, path)
    assert (code, out) == (ExitCode.CONFIG, "")
    assert err.startswith(f"error: {path}{where}") and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\x00k", "not UTF-8 text (byte 0)"), (b"#" * (1 << 20) + b"\n", "larger than 1048576 bytes")],
)
def test_binary_and_huge_files_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    code, _, err = check(capsys, settings_file(tmp_path, content))
    assert code == ExitCode.CONFIG and message in err


def test_a_directory_or_a_missing_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = check(capsys, str(tmp_path))
    assert code == ExitCode.CONFIG and err.startswith(f"error: {tmp_path}: cannot read")
    code, _, err = check(capsys, str(tmp_path / "nowhere.yaml"))
    assert code == ExitCode.CONFIG and "nowhere.yaml: cannot read: No such file" in err


def test_a_missing_secret_is_named_without_any_value(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOOK_URL", "https://hooks.example.org/very-secret-path")
    path = settings_file(
        tmp_path, "destinations:\n  hook:\n    type: webhook\n    url: ${HOOK_URL}\n    secret: ${HOOK_KEY}\n"
    )
    code, out, err = check(capsys, path)
    assert code == ExitCode.CONFIG
    assert err == f"error: {path}:5:5: destinations.hook.secret: environment variable HOOK_KEY is not set\n"
    assert "very-secret-path" not in out + err


def documented(name: str) -> bool:
    return f"`{name}`" in DOCS


def test_every_setting_the_code_knows_is_documented() -> None:
    assert [name for name in setting_names() if not documented(name)] == []


def test_every_environment_variable_the_code_reads_is_documented() -> None:
    read = {
        name
        for source in (ROOT / "streams").rglob("*.py")
        for name in READ_FROM_ENVIRONMENT.findall(source.read_text())
    }
    assert {"KAFKA_BOOTSTRAP", "NEWSALERT_CONFIG", "NEWSALERT_LOG_LEVEL", "NEWSALERT_PLACES_CACHE"} <= read
    assert sorted(name for name in read if not documented(name)) == []


def test_the_documented_complete_file_passes_and_sets_every_setting(tmp_path: Path) -> None:
    (example,) = re.findall(r"A complete file.*?```yaml\n(.*?)```", DOCS, re.DOTALL)
    path = settings_file(tmp_path, example)
    env = {
        "NEWSALERT_WEBHOOK_URL": "https://hooks.example.org/x",
        "NEWSALERT_WEBHOOK_SECRET": "whsec_" + "A" * 32,
        "NEWSALERT_TOKEN_LEVANT_WIRE": "levant-wire-token-0123456789",
        "NEWSALERT_TOKEN_AGGREGATOR": "aggregator-token-0123456789",
    }
    settings = load_settings(path, env)
    assert settings.source == Path(path) and settings.partitions == 12 and list(settings.destinations) == ["newsroom"]
    data = yaml.safe_load(example)
    written = {*data, *(f"{parent}.{key}" for parent in ("kafka", "web") for key in data[parent])}
    written |= {f"feeds[].{key}" for feed in data["feeds"] for key in feed}
    written |= {f"ingest_tokens[].{key}" for token in data["ingest_tokens"] for key in token}
    assert sorted(set(setting_names()) - written) == []
