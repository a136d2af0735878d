"""What newsalert prints for people is safe to print: article text cannot drive the terminal."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from homs_story import alerts

from streams.alerting.alert import AlertArticle
from streams.articles.model import Article
from streams.display import format_alert, format_control_map, format_match, json_text, terminal_safe
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules_text
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Evidence

ESC_TITLE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mHoms\x9b31m falls\u202e\u2066"
# Anything a terminal acts on instead of showing: C0/C1 controls, DEL, bidi embeddings/overrides/isolates.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RULES = """
entities:
  place:
    homs: [Homs, حمص]
rules:
  - id: homs-falls
    title: "{place} falls"
    when:
      all:
        - entity: place
        - any: [falls, سقطت]
"""


def test_control_characters_become_visible_escapes_and_arabic_stays() -> None:
    shown = terminal_safe("a\x1b[31mb\x00c\x7fd\x9be\tf\ng\u202eh\u2069 سقطت حمص \u200f")
    assert shown == "a\\x1b[31mb\\x00c\\x7fd\\x9be\\tf\\ng\\u202eh\\u2069 سقطت حمص \u200f"
    assert not ACTIVE.search(shown)


def test_json_text_escapes_controls_and_bidi_but_decodes_to_the_same_value() -> None:
    value = {"title": ESC_TITLE + " حمص", "n": 1}
    text = json_text(value)
    assert not ACTIVE.search(text) and "\n" not in text
    assert "حمص" in text  # readable, not \\u escaped
    assert json.loads(text) == value
    assert json.loads(json_text(value, indent=2)) == value


def test_a_hostile_match_prints_no_control_character() -> None:
    compiled = compile_rules(load_rules_text(RULES))
    article = Article.create(
        title=ESC_TITLE,
        body="Homs falls.\x1b[8m hidden \x1b[0m سقطت حمص",
        url="https://news.test/\x1b[5m",
        source="Wire\x1b[1m",
    )
    matches = match_article(compiled, article)
    assert matches
    for match in matches:
        text = format_match(match)
        assert not ACTIVE.search(text), text
        assert "\\x1b[31mHoms" in text and "\\u202e" in text
        assert "سقطت حمص" in text or "Homs" in text


def test_a_hostile_alert_prints_no_control_character() -> None:
    alert = alerts()[0]
    evidence = (Evidence("falls", "title", 0, 5, "…Homs\x1b[2K falls\u202e…", "falls"),)
    article = AlertArticle("x", ESC_TITLE, "https://news.test/\x1b[5m", "Wire\x9b", None, evidence, ("Wire\x9b",))
    text = format_alert(
        dataclasses.replace(alert, title=ESC_TITLE, articles=(article,), sources=("Wire\x1b[1m", "الوكالة"))
    )
    assert not ACTIVE.search(text), text
    assert "\\x1b]0;pwned\\x07" in text and "الوكالة" in text
    assert len(text.splitlines()) == 3 + 1 + 1  # header, summary, sources; the article; its evidence


def _place(name: str, sources: list[str]) -> dict[str, Any]:
    return {
        "place_name": name,
        "controller_name": "army\x1b[0m",
        "previous": None,
        "previous_name": None,
        "status": "known",
        "since": "2024-12-07T10:00:00",
        "confidence": 1.0,
        "sources": sources,
        "denied_by": [],
    }


def test_the_control_map_is_escaped_before_columns_are_measured() -> None:
    table = format_control_map([_place("Homs\x1b[31m", ["Wire\u202e"]), _place("حمص", [])])
    assert not ACTIVE.search(table)
    header, first, second = table.splitlines()
    assert first.index("army") == second.index("army") == header.index("CONTROLLED BY")
