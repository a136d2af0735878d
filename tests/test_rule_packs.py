"""The shipped rule packs: valid, their own examples pass, the real sample and the labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.articles.readers import read_path
from streams.cli import main
from streams.evaluation import evaluate_dataset, read_dataset
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"

# Floors on the labelled development set; they only go up.
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    return compile_rules(load_rules([ROOT / "rules"]))


def test_rules_check_and_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(ROOT / "rules")]) == 0
    assert main(["rules", "test", str(ROOT / "rules")]) == 0
    assert "examples passed" in capsys.readouterr().out


def test_sample_reports_homs_with_evidence(compiled: CompiledRules) -> None:
    main_article, read_also = read_path(DATA / "saraya-homs-2024-12-07.txt")
    matches = [m for m in match_article(compiled, main_article) if m.rule == "city-control-change"]
    homs = [m for m in matches if m.bindings.get("place") == "homs"]
    assert homs, [m.bindings for m in matches]
    assert "damascus" not in {m.bindings.get("place") for m in matches}  # only approached
    evidence = {e.text for e in homs[0].evidence}
    assert "توغلت" in evidence or "انسحاب" in evidence
    for item in homs[0].evidence:
        text = main_article.title if item.field == "title" else main_article.body
        assert text[item.start : item.end] == item.text


def test_read_also_story_alone_is_no_control_change(compiled: CompiledRules) -> None:
    _, read_also = read_path(DATA / "saraya-homs-2024-12-07.txt")
    assert [m for m in match_article(compiled, read_also) if m.rule == "city-control-change"] == []


def test_labelled_development_set_floor(compiled: CompiledRules) -> None:
    with open(DATA / "eval-dev.jsonl", encoding="utf-8") as lines:
        result = evaluate_dataset(compiled, read_dataset(lines))
    score = result.by_rule["city-control-change"]
    assert score.precision >= MIN_PRECISION, result.errors
    assert score.recall >= MIN_RECALL, result.errors
    assert set(result.by_language) == {"ar", "en"}


def test_eval_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DATA / "eval-dev.jsonl"), "--rules", str(ROOT / "rules"), "--min-f1", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "rule city-control-change" in out and "lang ar" in out
