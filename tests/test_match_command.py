"""`newsalert match`: a dry run over files, for people and for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.alerting.story import StoryPolicy, apply_match
from streams.articles.model import Article
from streams.cli import main
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article

ROOT = Path(__file__).parent.parent
SAMPLE = Path(__file__).parent / "data" / "saraya-homs-2024-12-07.txt"
EXAMPLES = ROOT / "docs" / "examples"


def test_json_lines_have_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--rules", str(ROOT / "rules"), str(SAMPLE), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    homs = [m for m in lines if m["rule"] == "city-control-change" and m["bindings"].get("place") == "homs"]
    assert homs
    match = homs[0]
    assert {"article_id", "title", "rule", "severity", "bindings", "evidence"} <= match.keys()
    assert match["severity"] == "critical"
    assert match["claim"] == {
        "place": "homs",
        "winner": "opposition",
        "loser": "army",
        "denial": False,
        "denied_by": None,
    }
    body = SAMPLE.read_text(encoding="utf-8")
    for evidence in match["evidence"]:
        assert {"text", "field", "start", "end"} <= evidence.keys()
        assert evidence["text"] in body


def test_a_bad_file_is_named_and_the_others_still_processed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"title": "Rebels seize Hama", "body": "Opposition fighters seized the city of Hama on Thursday."})
        + "\nnot json either\n",
        encoding="utf-8",
    )
    code = main(["match", "--rules", str(ROOT / "rules"), str(bad), str(tmp_path / "missing.txt"), str(good)])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{bad}: not valid JSON" in captured.err
    assert "missing.txt: no such file or directory" in captured.err
    assert f"{good}:2: not valid JSON" in captured.err
    assert "Hama: control changing hands" in captured.out
    assert "claim: hama: ? → opposition" in captured.out
    assert "1 matches in 1 articles" in captured.out


def test_broken_rules_are_reported_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: r\n    title: t\n    when: {entity: nowhere}\n", encoding="utf-8")
    assert main(["match", "--rules", str(rules), str(SAMPLE)]) == 1
    assert "unknown entity type 'nowhere'" in capsys.readouterr().err


def test_without_rules_it_uses_the_shipped_rules_from_any_directory(tmp_path: Path) -> None:
    newsalert = Path(sys.executable).parent / "newsalert"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSALERT_")}
    done = subprocess.run(
        [str(newsalert), "match", str(SAMPLE)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Homs: control changing hands" in done.stdout


def test_escape_sequences_in_an_article_are_shown_not_obeyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text(
        json.dumps(
            {
                "title": "Rebels seize Hama\x1b[2J\x1b]0;owned\x07\u202e",
                "body": "Opposition fighters seized the city of Hama.\x1b[8m",
                "source": "W\x9b1m",
            }
        )
    )
    assert main(["match", "--rules", str(ROOT / "rules"), str(hostile)]) == 0
    out = capsys.readouterr().out
    assert "Hama: control changing hands" in out
    assert "Rebels seize Hama\\x1b[2J\\x1b]0;owned\\x07\\u202e" in out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")


def test_any_over_two_entity_types_gives_one_match_and_one_alert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("SDF fighters reported clashes near Aleppo on Monday.\n", encoding="utf-8")
    assert main(["match", "--rules", str(EXAMPLES), str(article), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [m["bindings"] for m in lines if m["rule"] == "example-who-and-where"] == [
        {"actor": "sdf", "place": "aleppo"}
    ]
    # Through the alert stage: one story, one alert.
    compiled = compile_rules(load_rules([EXAMPLES]))
    article_read = Article.create(title="", body=article.read_text(encoding="utf-8"))
    found = [m for m in match_article(compiled, article_read) if m.rule == "example-who-and-where"]
    alerts = []
    for match in found:
        rule = compiled.ruleset.rules_by_id[match.rule]
        alerts += apply_match(None, match, StoryPolicy.of(rule), datetime(2025, 1, 1, tzinfo=UTC))[1]
    assert len({m.story_key for m in found}) == 1 and len(alerts) == 1


# An alias and a regex's `at` group found on the same word: two pieces of evidence with one span.
SAME_SPAN_RULES = """\
entities:
  place:
    hama: [Hama]
    idlib: [Idlib]
rules:
  - id: taken
    title: "{place} taken"
    when:
      all:
        - entity: place
        - regex: " (?:seized|entered) (?P<at>[^ ]+) "
          near: place
          window: 1
"""


def test_evidence_comes_in_the_same_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(SAME_SPAN_RULES, encoding="utf-8")
    (tmp_path / "article.json").write_text(
        json.dumps(
            {"title": "Fighters seized Hama", "body": "Rebel units seized Hama at dawn and entered Idlib by noon."}
        ),
        encoding="utf-8",
    )
    newsalert = Path(sys.executable).parent / "newsalert"
    outputs = []
    # Seeds under which a set of these occurrences iterates in different orders.
    for seed in ("0", "2"):
        done = subprocess.run(
            [str(newsalert), "match", "--rules", "rules.yaml", "--json", "article.json"],
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    [hama, _] = [json.loads(line) for line in outputs[0].splitlines()]
    assert [(e["field"], e["text"], e["term"]) for e in hama["evidence"]] == [
        ("title", "Hama", "Hama"),
        ("title", "Hama", "regex: (?:seized|entered) (?P<at>[^ ]+) "),
        ("body", "Hama", "Hama"),
        ("body", "Hama", "regex: (?:seized|entered) (?P<at>[^ ]+) "),
    ]
