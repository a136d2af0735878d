"""Explanations: every condition kind says what it found and why it did (not) count, from the matcher's own trace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.articles.model import Article
from streams.articles.readers import iter_articles
from streams.display import format_explanation
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.explain import REASONS, ConditionExplanation, Explanation, explain
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article
from streams.ruleset.model import (
    AllOf,
    AnyOf,
    ArticleFilter,
    Condition,
    Entity,
    EntityRef,
    ListRef,
    NoneOf,
    Phrase,
    PhraseList,
    Regex,
    Rule,
    RuleSet,
)

ROOT = Path(__file__).parent.parent
PLACES = {
    "homs": Entity("place", "homs", ("Homs", "حمص")),
    "hama": Entity("place", "hama", ("Hama", "حماة")),
    "damascus": Entity("place", "damascus", ("Damascus", "دمشق")),
    "rif-dimashq": Entity("place", "rif-dimashq", ("ريف دمشق",)),
}
ACTORS = {"hts": Entity("actor", "hts", ("HTS", "هيئة تحرير الشام"))}
LISTS = {
    "capture": PhraseList("capture", tuple(Phrase(text=t) for t in ("captur*", "seized", "entered", "سيطرت"))),
    "denial": PhraseList("denial", (Phrase(text="denied"), Phrase(text="نفى"))),
}
CONTROL = AllOf(children=(EntityRef(type="place"), ListRef(name="capture", near="place", window=4)))


def compiled_with(when: Condition, **rest: object) -> CompiledRules:
    rule = Rule(id="r", title="{place}", when=when, group_by=("place",), **rest)  # type: ignore[arg-type]
    return compile_rules(RuleSet(rules=(rule,), entities={"place": PLACES, "actor": ACTORS}, lists=LISTS))


def explained(when: Condition, body: str, title: str = "") -> Explanation:
    return explain(compiled_with(when), "r", Article.create(title=title, body=body))


def node(explanation: Explanation, label: str) -> ConditionExplanation:
    """The condition whose label starts with ``label`` (depth first)."""
    stack = [explanation.condition]
    while stack:
        current = stack.pop(0)
        if current.label.startswith(label):
            return current
        stack[:0] = [*current.children, *current.unless]
    raise AssertionError(f"no condition {label!r} in {[c.label for c in explanation.condition.children]}")


def test_a_match_shows_each_condition_holding_with_its_words_in_the_original_text() -> None:
    body = "Rebels captured Homs on Sunday."
    result = explained(CONTROL, body)
    assert result.matched and result.decision == "match (place=homs)"
    assert result.failing() == ()
    place, action = result.condition.children
    assert (place.kind, place.held, place.bindings) == ("entity", True, ({"place": "homs"},))
    (homs,) = place.findings
    assert homs.counted and homs.entity == "place:homs" and body[homs.evidence.start : homs.evidence.end] == "Homs"
    assert (action.kind, action.label, action.modifiers) == (
        "list",
        "list capture, near place within 4",
        {"near": "place", "window": 4},
    )
    (captured,) = action.findings
    assert captured.counted and captured.evidence.text == "captured" and captured.evidence.term == "captur*"


def test_a_phrase_that_does_not_occur_says_so() -> None:
    result = explained(AllOf(children=(EntityRef(type="place"), Phrase(text="stormed", near="place"))), "Homs.")
    assert not result.matched
    assert [c.label for c in result.failing()] == ["all", "'stormed', near place within 10"]
    assert result.decision == "no match: 'stormed', near place within 10: none of its words occur"


def test_a_near_that_fails_on_distance_gives_the_distance_and_the_window() -> None:
    result = explained(CONTROL, "Rebels captured the old and very famous town of Homs.")
    assert not result.matched
    action = node(result, "list capture")
    (captured,) = action.findings
    assert (captured.counted, captured.reason, captured.distance, captured.window) == (False, "too-far", 8, 4)
    assert captured.by is not None and captured.by.text == "Homs" and captured.entity == "place:homs"
    assert captured.why == "place 'Homs' is 8 words away, the window is 4"
    assert result.decision.endswith("place 'Homs' is 8 words away, the window is 4")


def test_near_stays_inside_a_sentence_and_says_so() -> None:
    result = explained(CONTROL, "Rebels captured it. Homs is quiet.")
    (captured,) = node(result, "list capture").findings
    assert captured.reason == "no-mention"
    assert "no place named in its sentence" in captured.why


def test_near_within_sentences_says_how_many() -> None:
    when = AllOf(children=(EntityRef(type="place"), ListRef(name="capture", near="place", within_sentences=1)))
    result = explained(when, "Rebels captured it. It was bad. Homs is quiet.")
    action = node(result, "list capture")
    assert action.label == "list capture, near place within 1 sentence(s)"
    assert action.modifiers == {"near": "place", "within_sentences": 1}
    (captured,) = action.findings
    assert captured.reason == "no-mention" and captured.why == "no place named within 1 sentence(s) of it"
    assert explained(when, "Rebels captured it. Homs is quiet.").matched


def test_a_word_past_the_lead_says_how_far_the_lead_reads() -> None:
    when = AllOf(children=(EntityRef(type="place"), ListRef(name="capture", near="place", lead=3)))
    result = explained(when, "Prices rose again. Rebels captured Homs.")
    action = node(result, "list capture")
    assert action.label == "list capture, near place within 10, in the first 3 words"
    assert action.modifiers == {"near": "place", "window": 10, "lead": 3}
    (captured,) = action.findings
    assert (
        captured.reason == "past-lead"
        and captured.why == "past the body's first 3 words, the lead this condition reads"
    )
    assert explained(when, "Rebels captured Homs.").matched


def test_a_rule_that_does_not_read_the_articles_source_says_so() -> None:
    compiled = compiled_with(CONTROL, sources=ArticleFilter(values=frozenset({"wire"})))
    article = Article.create(title="", body="Rebels captured Homs.", source="blog")
    result = explain(compiled, "r", article)
    assert not result.matched and result.failing() == ()
    assert result.decision == "no match: the rule reads only the sources wire, and this article's source is blog"
    assert not result.condition.needed and result.condition.held  # what the conditions would find, all the same
    assert explain(compiled, "r", Article.create(title="", body="Rebels captured Homs.", source="wire")).matched


def test_a_veto_that_fires_names_its_word_and_the_hit_it_voids() -> None:
    when = AllOf(
        children=(
            EntityRef(type="place"),
            ListRef(name="capture", near="place", window=4),
            NoneOf(children=(ListRef(name="denial"),), near="place", window=20),
        )
    )
    result = explained(when, "The army denied that rebels captured Hama.")
    assert not result.matched
    (captured,) = node(result, "list capture").findings
    assert captured.reason == "vetoed" and captured.by is not None and captured.by.text == "denied"
    assert captured.why == "the none word 'denied' governs its clause (about hama)"
    none = node(result, "none")
    assert none.held and not none.failed
    assert none.why == "found 'denied': each voids the hits of its clause about the entity it is near"


def test_a_none_over_the_whole_article_removes_the_bindings_it_is_compatible_with() -> None:
    when = AllOf(children=(CONTROL, NoneOf(children=(Phrase(text="drill"),))))
    result = explained(when, "Rebels captured Homs in a drill.")
    assert not result.matched
    none = node(result, "none")
    assert none.held and none.failed and none.why == "found 'drill': removed place=homs"
    assert result.failing()[-1] is none


def test_a_qualifier_names_the_word_in_front() -> None:
    when = AllOf(
        children=(EntityRef(type="place"), ListRef(name="capture", near="place", unless=Phrase(text="outskirts")))
    )
    result = explained(when, "Rebels entered the outskirts of Homs.")
    (entered,) = node(result, "list capture").findings
    assert entered.reason == "qualified" and entered.by is not None and entered.by.text == "outskirts"
    assert entered.why == "qualified by 'outskirts' in front of 'Homs' (unless)"
    (qualifier,) = node(result, "list capture").unless
    assert qualifier.held and not qualifier.needed


def test_a_regex_and_a_minimum_count() -> None:
    result = explained(Regex(pattern=r" \d+ killed ", min_count=2), "Officials said 12 killed in Homs.")
    assert not result.matched
    assert result.condition.kind == "regex" and result.condition.findings[0].evidence.text == "12 killed"
    assert result.condition.why == "found 1 occurrence(s), needs min 2"
    assert explained(Regex(pattern=r" \d+ wounded "), "none").condition.why == "no match in the normalised text"


def test_a_word_inside_an_alias_is_a_name_not_the_phrase() -> None:
    result = explained(Phrase(text="تحرير"), "قالت هيئة تحرير الشام")
    (word,) = result.condition.findings
    assert word.reason == "inside-alias" and not result.matched


def test_a_field_scope_sets_aside_the_other_field() -> None:
    result = explained(Phrase(text="seized", field="title"), "Rebels seized Homs.", title="News")
    (seized,) = result.condition.findings
    assert seized.reason == "other-field" and seized.why == "this condition looks in the title only"


def test_a_place_covered_by_a_longer_alias_does_not_bind_and_says_why() -> None:
    result = explained(EntityRef(type="place"), "قصف في ريف دمشق")
    readings = {p.evidence.text: p for p in result.condition.places}
    assert readings["دمشق"].status == "covered" and readings["دمشق"].entity is None
    assert readings["دمشق"].reason == "part of the longer alias 'ريف دمشق'"
    assert result.matched and result.matches[0].bindings == {"place": "rif-dimashq"}


def test_a_case_sensitive_alias_written_otherwise_says_so() -> None:
    meta = Entity("company", "meta", ("Meta",), case_sensitive=("Meta",))
    rule = Rule(id="r", title="{company}", when=EntityRef(type="company"))
    compiled = compile_rules(RuleSet(rules=(rule,), entities={"company": {"meta": meta}}))
    result = explain(compiled, "r", Article.create(title="", body="A meta-analysis of forty trials."))
    (reading,) = result.condition.places
    assert (reading.evidence.text, reading.status, reading.entity) == ("meta", "case", None)
    assert reading.reason == "a case-sensitive alias (Meta) written otherwise"
    assert result.decision == "no match: entity company: 1 mention(s) did not bind: 'meta' case: " + reading.reason


def test_an_any_lists_each_condition_that_found_something() -> None:
    when = AllOf(
        children=(
            EntityRef(type="place"),
            AnyOf(children=(Phrase(text="seized"), Phrase(text="stormed")), near="place", window=2),
        )
    )
    result = explained(when, "Rebels seized the crowded market by the river in Homs.")
    assert result.failing()[-1].kind == "any"
    assert result.failing()[-1].why == "'seized': 'seized' (body): place 'Homs' is 8 words away, the window is 2"


def test_conditions_after_a_failed_one_are_still_shown_as_not_needed() -> None:
    when = AllOf(children=(Phrase(text="stormed"), EntityRef(type="place")))
    result = explained(when, "Homs is quiet.")
    stormed, place = result.condition.children
    assert stormed.needed and stormed.failed
    assert not place.needed and place.held and place.findings[0].evidence.text == "Homs"
    assert "· entity place" in format_explanation(result)


@pytest.fixture(scope="module")
def shipped() -> CompiledRules:
    return compile_rules(load_rules([ROOT / "rules"]))


def test_a_place_name_read_as_a_word_gives_the_gazetteers_reason(shipped: CompiledRules) -> None:
    article = Article.create(title="", body="الفصائل تتقدم نحو المدينة", lang="ar")
    result = explain(shipped, "city-control-change", article)
    readings = node(result, "entity place").places
    assert readings and all(r.status == "rejected" and r.entity is None for r in readings)
    assert "a common word here" in readings[0].reason


def test_an_explanation_agrees_with_matching_on_the_demo_articles(shipped: CompiledRules) -> None:
    articles = [a for a in iter_articles([str(ROOT / "samples")]) if isinstance(a, Article)]
    assert articles
    for article in articles:
        matches = match_article(shipped, article)
        for rule in shipped.ruleset.rules:
            result = explain(shipped, rule.id, article)
            assert list(result.matches) == [m for m in matches if m.rule == rule.id], (article.id, rule.id)
            assert result.matched == bool(result.matches)
            assert result.matched or result.failing(), (article.id, rule.id)


def test_the_json_shape_is_stable() -> None:
    result = explained(CONTROL, "Rebels captured the old and very famous town of Homs.")
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert set(data) == {"rule", "article_id", "title", "matched", "decision", "matches", "failing", "condition"}
    assert data["failing"] == ["all", "list capture, near place within 4"]
    condition = data["condition"]
    assert set(condition) == {
        "kind",
        "label",
        "location",
        "modifiers",
        "held",
        "failed",
        "needed",
        "why",
        "bindings",
        "findings",
        "places",
        "unless",
        "children",
    }
    finding = condition["children"][1]["findings"][0]
    assert set(finding) == {
        "text",
        "field",
        "start",
        "end",
        "snippet",
        "term",
        "entity",
        "counted",
        "reason",
        "why",
        "by",
        "bound_entity",
        "distance",
        "window",
    }
    assert finding["reason"] in REASONS


def test_the_terminal_text_is_safe_and_keeps_arabic() -> None:
    result = explained(CONTROL, "سيطرت الفصائل على حمص \x1b[2J", title="عنوان \u202e")
    text = format_explanation(result)
    assert "\x1b" not in text and "\u202e" not in text and "\\x1b" in text
    assert "«سيطرت»" in text and "«حمص»" in text
