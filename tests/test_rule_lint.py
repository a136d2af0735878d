"""``rules check`` warns about what a rule cannot do: a regex written for text the matcher never sees (worked
out from the normaliser itself), a rule without examples. Warnings fail only with ``--strict``."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.cli import main
from streams.ruleset.lint import regex_warnings, rule_warnings
from streams.ruleset.loader import load_rules_text
from streams.text.normalise import fold
from tests.fuzzing import FUZZ

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "warning"),
    [
        (r" (\d{2,}|[5-9]) (Killed|dead) ", "'Killed' in regex"),
        (r"6\.8", "write '6 8'"),
        (r"\d\.\d", "'.' in regex '\\d\\.\\d' never occurs in normalised text: write ' '"),
        (r"7\.8-magnitude", "write '7 8 magnitude'"),
        (r" الحسكة ", "write ' الحسكه '"),
        (r" أعلن ", "write ' اعلن '"),
        (r"a  b", "write 'a b'"),
        (r"[A-Z]+ killed", "a character class in regex '[A-Z]+ killed' has no character"),
        (r"[.,;]", "a character class"),
        (r"\bحمص\b", "\\b next to 'ح'"),
        (r"\b(قتيل|قتلي)", "\\b next to 'ق'"),
    ],
)
def test_a_regex_part_the_normalised_text_never_contains_is_named_with_what_to_write(
    pattern: str, warning: str
) -> None:
    (found,) = regex_warnings(pattern)
    assert warning in found and "\n" not in found


@pytest.mark.parametrize(
    "pattern",
    [
        r" (magnitude|بقوه) (of )?[4-9]( [0-9])? ",
        r"\bkilled\b",
        r"(?i)Killed",  # case-insensitive on purpose
        r"[A-Za-z]+",
        r"colou?r",
        r" \d+ (قتيل|قتلي) ",
        r"\p{Arabic}+",  # RE2 syntax Python's parser does not read: nothing said rather than a guess
        r"[^a-z]",
        r"",
    ],
)
def test_a_regex_written_for_the_normalised_text_gets_no_warning(pattern: str) -> None:
    assert regex_warnings(pattern) == []


@FUZZ
@given(st.text(max_size=80))
def test_any_normalised_text_written_as_a_literal_is_accepted(text: str) -> None:
    words = fold(text)
    assert regex_warnings(f" {re.escape(words)} " if words else " ") == []


@FUZZ
@given(st.text(st.characters(codec=None, blacklist_categories=()), max_size=200))
def test_any_pattern_is_read_without_failing(pattern: str) -> None:
    assert all("\n" not in warning for warning in regex_warnings(pattern))


RULES = r"""rules:
  - id: quake
    title: Earthquake
    when: {regex: " magnitude [4-9]\\.\\d "}
    examples:
      match: ["a magnitude 6 2 earthquake"]
  - id: fire
    title: Fire
    when: {phrase: wildfire}
"""


def test_rule_warnings_are_located() -> None:
    warnings = rule_warnings(load_rules_text(RULES, "rules.yaml"))
    assert [str(w).split(" (hint")[0] for w in warnings] == [
        "rules.yaml:4:11: warning: rule 'quake': '.' in regex ' magnitude [4-9]\\.\\d ' never occurs in normalised "
        "text: write ' '",
        "rules.yaml:7:5: warning: rule 'fire' has no examples",
    ]


@pytest.fixture
def rule_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in [n for n in os.environ if n.startswith(("NEWSALERT_", "KAFKA_"))]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules.yaml").write_text(RULES)
    return tmp_path / "rules.yaml"


def test_warnings_do_not_fail_rules_check_unless_strict(rule_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(rule_file)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": warning:")[0] for line in out[:2]] == [f"{rule_file}:4:11", f"{rule_file}:7:5"]
    assert out[2].startswith("ok: 1 files, 2 rules") and out[2].endswith("; 2 warnings")
    assert main(["rules", "check", "--strict", str(rule_file)]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("FAILED: ")
    assert main(["rules", "check", "--strict", "--json", str(rule_file)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["problems"] == []
    assert [(w["line"], w["message"]) for w in report["warnings"]][1] == (7, "rule 'fire' has no examples")


def test_the_shipped_rules_and_documented_examples_check_cleanly_even_strictly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = str(ROOT / "deploy" / "newsalert.yaml")
    for paths in ([str(ROOT / "rules")], [str(ROOT / "rules"), str(ROOT / "docs" / "examples" / "extend.yaml")]):
        code = main(["rules", "check", "--strict", "--config", settings, *paths])
        out = capsys.readouterr().out
        assert code == 0 and "warning" not in out, out
    code = main(["rules", "check", "--strict", str(ROOT / "docs" / "examples" / "rule-language.yaml")])
    out = capsys.readouterr().out
    assert code == 0 and "warning" not in out, out
