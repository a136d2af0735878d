"""Routing cannot widen in silence: a misspelt ``notify`` name is an error (rules check, start, reload), a rule
without ``notify`` goes to the settings' ``default_notify``, never to every destination."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from streams.alerting.routing import Routing
from streams.cli import main
from streams.config import Settings, load_settings
from streams.errors import ConfigError, RuleError
from streams.exitcodes import ExitCode
from streams.ruleset.loader import check_rules, load_rules
from streams.ruleset.reload import reload_if_changed, rules_fingerprint
from streams.sink import DESTINATION, with_sink

ROOT = Path(__file__).resolve().parent.parent
RULES = """rules:
  - id: quake
    title: Earthquake
    when: {phrase: earthquake}
    notify: [newsroom-slack, pager]
  - id: fire
    title: Fire
    when: {phrase: wildfire}
"""
SETTINGS = """destinations:
  newsroom_slack: {type: slack, url: "${NEWSROOM_SLACK_URL}"}
  pager: {type: alertmanager, url: "http://alertmanager:9093"}
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No newsalert setting from the environment, and an empty working directory."""
    for name in [n for n in os.environ if n.startswith(("NEWSALERT_", "KAFKA_"))]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, rules: str = RULES, settings: str | None = SETTINGS) -> tuple[Path, Path]:
    (tmp_path / "rules.yaml").write_text(rules)
    if settings is not None:
        (tmp_path / "newsalert.yaml").write_text(settings)
    return tmp_path / "rules.yaml", tmp_path / "newsalert.yaml"


def test_an_alert_goes_where_its_rule_says_else_to_the_default_never_everywhere() -> None:
    routing = Routing(destinations=("desk", "pager", "chat"), default=("desk",))
    assert routing.targets(["chat", "pager", "chat"]) == ["chat", "pager"]  # once each, in order
    assert routing.targets([]) == ["desk"]
    assert Routing(destinations=("desk", "pager"), default=()).targets([]) == []  # default_notify: [] is nowhere
    assert Routing(destinations=("desk", "sink"), default=None, always=("sink",)).targets(["desk"]) == ["desk", "sink"]


def test_an_unknown_name_says_the_closest_one_and_where_destinations_are() -> None:
    routing = Routing(destinations=("newsroom_slack", "pager"), settings="/etc/newsalert.yaml")
    assert routing.unknown("pager") is None
    message, hint = routing.unknown("newsroom-slack") or ("", "")
    assert message == "notify names 'newsroom-slack', which is not a configured destination"
    assert hint.startswith("did you mean 'newsroom_slack'?") and "'destinations:' in /etc/newsalert.yaml" in hint
    assert "configured: newsroom_slack, pager" in (routing.unknown("ops") or ("", ""))[1]
    assert "no settings file" in (Routing().unknown("ops") or ("", ""))[1]


def test_the_loader_locates_each_unknown_name_and_a_rule_with_nowhere_to_go(tmp_path: Path) -> None:
    rules, _ = write(tmp_path, settings=None)
    routing = Routing(destinations=("newsroom_slack", "pager"), settings="newsalert.yaml")
    ruleset, problems = check_rules([rules], routing)
    assert ruleset is None
    assert [str(p).split(" (hint")[0] for p in problems] == [
        f"{rules}:5:14: error: rule 'quake': notify names 'newsroom-slack', which is not a configured destination",
        f"{rules}:6:5: error: rule 'fire' has no 'notify' and the settings set no 'default_notify', so where its "
        "alerts go is not said",
    ]
    assert "default_notify: [newsroom_slack] to newsalert.yaml" in problems[1].hint
    # Without routing (match, eval, rules test) the names are not checked; with a default, no notify is fine.
    assert check_rules([rules])[0] is not None
    fixed = Routing(destinations=("newsroom-slack", "pager"), default=("pager",))
    assert check_rules([rules], fixed)[0] is not None


def test_with_no_destination_configured_a_rule_without_notify_is_fine_and_any_name_is_an_error(tmp_path: Path) -> None:
    rules, _ = write(tmp_path, settings=None)
    with pytest.raises(RuleError) as raised:
        load_rules([rules], Routing())
    assert [p.location.line for p in raised.value.problems] == [5, 5]  # both names of quake; fire is fine


def test_default_notify_is_read_and_checked_without_the_destinations_secrets(tmp_path: Path) -> None:
    _, config = write(tmp_path, settings=SETTINGS + "default_notify: pager\n")
    settings = load_settings(config, {}, destinations=False)
    assert settings.destinations == {} and settings.destination_names == ("newsroom_slack", "pager")
    assert settings.routing == Routing(("newsroom_slack", "pager"), ("pager",), (), str(config))
    assert Settings().default_notify is None  # unset is not [] (nowhere, on purpose)
    for value, message in [
        (
            "[pagr]",
            f"{config}:4:18: default_notify[0]: 'pagr' is not a destination under 'destinations:' "
            "(did you mean 'pager'?)",
        ),
        ("{a: b}", f"{config}:4:1: default_notify: expected a list of destination names"),
        ("[pager, 3]", f"{config}:4:1: default_notify: expected a list of destination names"),
    ]:
        config.write_text(SETTINGS + f"default_notify: {value}\n")
        with pytest.raises(ConfigError) as raised:
            load_settings(config, {}, destinations=False)
        assert str(raised.value).startswith(message)
    config.write_text("default_notify: [pager]\n")
    with pytest.raises(ConfigError, match="no destination is configured"):
        load_settings(config, {})


def test_the_local_sink_of_newsalert_run_gets_every_alert_besides() -> None:
    settings, _ = with_sink(load_settings(None, {}))
    assert settings.routing.targets([]) == [DESTINATION]
    assert settings.routing.unknown(DESTINATION) is None


def run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["rules", "check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_check_reads_the_settings_like_the_worker(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rules, config = write(tmp_path)
    code, out, _ = run_check(capsys, str(rules))  # ./newsalert.yaml, as the worker would read it
    assert code == 1 and "did you mean 'newsroom_slack'?" in out and "'default_notify'" in out
    config.write_text(SETTINGS + "default_notify: [newsroom_slack]\n")
    rules.write_text(RULES.replace("newsroom-slack", "newsroom_slack"))
    code, out, err = run_check(capsys, "--config", str(config), str(rules))
    assert (code, err) == (0, "") and out.splitlines()[-1].startswith("ok:")


def test_rules_check_without_settings_says_the_names_were_not_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rules, _ = write(tmp_path, settings=None)
    code, out, err = run_check(capsys, str(rules))
    assert code == 0 and out.splitlines()[-1].startswith("ok:")  # the rules' lack of examples is only warned about
    assert err.startswith("note: notify names not checked: no settings file")
    code, out, _ = run_check(capsys, "--json", str(rules))
    assert code == 0 and '"notify_checked": false' in out


def test_a_bad_settings_file_stops_rules_check_as_it_would_stop_the_worker(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rules, config = write(tmp_path, settings="destinations: [a]\n")
    code, _, err = run_check(capsys, "--config", str(config), str(rules))
    assert code == ExitCode.CONFIG and "destinations: expected a mapping" in err


def test_a_reload_with_a_bad_name_keeps_the_previous_rules(tmp_path: Path) -> None:
    rules, _ = write(tmp_path, rules=RULES.replace("newsroom-slack", "newsroom_slack"), settings=None)
    routing = Routing(destinations=("newsroom_slack", "pager"), default=("pager",), settings="newsalert.yaml")
    known = rules_fingerprint([rules])
    rules.write_text(RULES.replace("newsroom-slack", "newsroom_slak"))
    outcome = reload_if_changed([rules], known, routing)
    assert outcome is not None and outcome.rules is None
    assert outcome.problems == (
        f"{rules}:5:14: error: rule 'quake': notify names 'newsroom_slak', which is not a configured destination "
        "(hint: did you mean 'newsroom_slack'? — destinations are configured under 'destinations:' in newsalert.yaml)",
    )


def test_the_shipped_rules_check_cleanly_with_the_shipped_settings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(capsys, "--config", str(ROOT / "deploy" / "newsalert.yaml"), str(ROOT / "rules"))
    assert (code, err) == (0, "") and out.startswith("ok:")
