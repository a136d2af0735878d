"""`newsalert explain`, `match --explain` and `rules test --rule/--text`: why a rule did (not) match, from the command line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from streams.cli import main

ROOT = Path(__file__).parent.parent
SAMPLE = Path(__file__).parent / "data" / "saraya-homs-2024-12-07.txt"
RULES = """\
entities:
  place:
    homs: [Homs, حمص]
    hama: [Hama, حماة]
rules:
  - id: seized
    title: "{place}: seized"
    when:
      all:
        - entity: place
        - any: [seized, captured]
          near: place
          window: 3
    group_by: [place]
    examples:
      match:
        - "Rebels seized Homs"
        - "Rebels captured the big and very old town of Hama"
  - id: shelled
    title: "{place}: shelled"
    when:
      all:
        - entity: place
        - any: [shelled]
          near: place
    examples:
      match:
        - "Artillery shelled Homs"
"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def article(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_explain_prints_the_tree_and_the_failing_condition(
    rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = article(tmp_path, "Report\n\nRebels captured the big and very old town of Hama.")
    assert main(["explain", "--rules", str(rules), "--rule", "seized", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "no match: any, near place within 3: 'captured': 'captured' (body): place 'Hama' is 8 words away, the window is 3"
        in out
    )
    assert f"✗ any, near place within 3  [{rules}:11:11]" in out  # its conditions below say why
    assert f"✗ 'captured': 'captured' (body): place 'Hama' is 8 words away, the window is 3  [{rules}:11:25]" in out
    assert "- body:7-15 «captured»" in out
    assert "✓ entity place: place=hama" in out


def test_explain_json_is_one_object_per_article(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--rules", str(rules), "--rule", "seized", "--json", str(SAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # the file holds the story and a "read also" teaser
    data = json.loads(lines[0])
    assert data["rule"] == "seized" and data["matched"] is False and data["failing"]
    assert data["condition"]["children"][0]["held"] is True  # حمص is there


def test_explain_reads_stdin(rules: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO("سيطرت الفصائل على حمص. Rebels seized Homs.".encode()))
    )
    assert main(["explain", "--rules", str(rules), "--rule", "seized", "-"]) == 0
    assert "match (place=homs)" in capsys.readouterr().out


def test_an_unknown_rule_is_one_line_with_the_close_ids(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--rules", str(rules), "--rule", "seize", str(SAMPLE)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"error: --rule: no rule 'seize' in {rules}; did you mean seized, shelled?"]
    assert captured.out == ""
    assert main(["explain", "--rules", str(rules), "--rule", "zzz", str(SAMPLE)]) == 1
    assert capsys.readouterr().err.strip().endswith("the rules are seized, shelled")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"\x00\x01\xff\xfe\x89PNG", "not UTF-8 text")],
)
def test_an_empty_or_binary_file_is_one_line(
    rules: Path, tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["explain", "--rules", str(rules), "--rule", "seized", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"error: {path}: {message}") and len(captured.err.splitlines()) == 1
    assert captured.out == ""


def test_match_explain_explains_each_rule_that_matched(
    rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = article(tmp_path, "Rebels seized Homs. Artillery shelled Hama.")
    assert main(["match", "--rules", str(rules), "--explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "rule seized on" in out and "rule shelled on" in out and "2 matches in 1 articles" in out
    assert main(["match", "--rules", str(rules), "--explain", "--rule", "shelled", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "rule shelled on" in out and "no match: any, near place within 10: none of its words occur" in out
    assert "0 matches in 2 articles" in out


def test_rules_test_names_the_failing_condition_and_takes_one_rule(
    rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "test", str(rules), "--rule", "seized"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"FAIL seized ({rules}:18:11): expected a match"
    assert out[3] == f"  why:   all › any, near place within 3 [{rules}:11:11]"
    assert out[4] == "         'captured': 'captured' (body): place 'Hama' is 8 words away, the window is 3"
    assert out[-1] == "FAILED: 1/2 examples passed (rule seized)"
    assert main(["rules", "test", str(rules), "--rule", "shelled"]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1/1 examples passed (rule shelled)"


def test_rules_test_says_why_an_expected_binding_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bindings.yaml"
    path.write_text(
        RULES.split("  - id: shelled")[0].replace(
            """        - "Rebels captured the big and very old town of Hama"
""",
            """        - {body: "Rebels captured Homs", bindings: {place: hama}}
        - {body: "Rebels captured Homs on a cold day while the old town of Hama was quiet", bindings: {place: hama}}
        - {body: "The old town of Hama was quiet until rebels captured it", bindings: {place: hama}}
""",
        ),
        encoding="utf-8",
    )
    assert main(["rules", "test", str(path)]) == 1
    whys = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  why:")]
    assert whys == [
        "  why:   no match binds place=hama: the article does not name it",
        "  why:   place=hama is found, but not with what the other conditions need",
        "  why:   all › any, near place within 3 [" + str(path) + ":11:11]",
    ]


def test_rules_test_text_says_no_match_and_why(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", str(rules), "--rule", "shelled", "--text", "Artillery pounded Homs"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "no match: Artillery pounded Homs",
        "  shelled: any, near place within 10: none of its words occur",
    ]
    assert main(["rules", "test", str(rules), "--rule", "shelled", "--json", "--text", "Artillery pounded Homs"]) == 0
    report = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert report["matched"] is False and report["rules"][0]["rule"] == "shelled"


def test_rules_test_json_names_the_failing_condition(rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", "--json", str(rules)]) == 1
    (failure,) = json.loads(capsys.readouterr().out)["failures"]
    assert failure["failing"] == ["all", "any, near place within 3"]
    assert failure["why"].startswith("no match: any, near place within 3: 'captured'")
