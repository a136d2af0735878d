"""The situation board's views, filters and actions, and the acknowledgement and silence of a story (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.alerting.attention import ActionKind, Attention, StoryAction, attend, silenced
from streams.alerting.story import Story, StoryPolicy, apply_match
from streams.board.actions import parse_action_body, parse_kind, silence_for, story_action
from streams.board.assets import TYPES, asset
from streams.board.view import (
    MAX_LIMIT,
    Filters,
    StoredStory,
    facets,
    find_story,
    highlight,
    parse_filters,
    select,
    story_state,
    story_view,
)
from streams.display import format_stories
from streams.errors import BadQuery, StoryNotFound
from tests.fuzzing import FUZZ
from tests.homs_story import RULE, RULESET, START, matches


def homs_story() -> Story:
    """The Homs story of tests/homs_story.py after its ten articles (Arabic evidence among them)."""
    story = None
    for now, match in matches():
        story, _ = apply_match(story, match, StoryPolicy.of(RULE), now)
    assert story is not None
    return story


def stored(
    story: Story | None = None, *, resolved: bool = False, key: str = "city-control-change|place=homs"
) -> StoredStory:
    return StoredStory(key, story or homs_story(), resolved)


def text(segments: list[dict[str, Any]]) -> str:
    return "".join(s["text"] for s in segments)


def hits(segments: list[dict[str, Any]]) -> list[str]:
    return [s["text"] for s in segments if s["hit"]]


def test_highlight_marks_every_word_and_keeps_the_text_whole() -> None:
    segments = highlight("دخلت فصائل المعارضة مدينة حمص مساء السبت، وحمص هادئة", ["حمص", "دخلت"])
    assert text(segments) == "دخلت فصائل المعارضة مدينة حمص مساء السبت، وحمص هادئة"
    assert hits(segments) == ["دخلت", "حمص", "حمص"]
    # the longer of two overlapping words wins; whitespace inside a phrase is read as one space
    assert hits(highlight("they withdrew from Homs", ["withdrew", "withdrew  from"])) == ["withdrew from"]
    assert highlight("no words", []) == [{"text": "no words", "hit": False}]
    assert highlight("", ["x"]) == []
    # a word is text, never a pattern
    assert hits(highlight("a.b and a*b", ["a*b"])) == ["a*b"]


def test_a_story_view_has_what_the_board_shows() -> None:
    view = story_view(stored(), RULESET)
    assert view["rule"] == "city-control-change" and view["severity"] == "high" and view["state"] == "open"
    assert view["place"] == {"id": "homs", "name": "Homs", "name_ar": None, "lat": None, "lon": None}
    assert view["revision"] == 10 and view["source_count"] == 5 and view["corroboration"] == 3
    assert view["first_seen"] == START.isoformat()
    arabic = [piece for piece in view["evidence"] if "حمص" in text(piece["title"])]
    assert arabic, "the Arabic evidence is shown"
    assert any("حمص" in hits(excerpt) for piece in arabic for excerpt in piece["excerpts"])
    # newest piece first
    firsts = [piece["first_seen"] for piece in view["evidence"]]
    assert firsts == sorted(firsts, reverse=True)
    assert not view["acknowledged"] and view["silenced_until"] is None


def test_a_volume_rules_reading_is_shown() -> None:
    reading = {"kind": "frequency", "count": 12, "sources": 4, "within_seconds": 3600.0, "needs": 10}
    view = story_view(stored(replace(homs_story(), volume=reading)), RULESET)
    assert view["volume"] == reading
    assert "frequency: 12 articles in 3600 s" in format_stories([view])


def test_story_states() -> None:
    story = homs_story()
    assert story_state(story, resolved=True) == "resolved"
    assert story_state(story, resolved=False) == "open"
    for status, change, state in (
        ("unconfirmed", "changed", "unconfirmed"),
        ("confirmed", "confirmed", "confirmed"),
        ("disputed", "disputed", "disputed"),
        ("unconfirmed", "reversed", "reversed"),
    ):
        assert story_state(replace(story, control={"status": status, "change": change}), resolved=False) == state


def test_filters_parse_and_refuse_what_they_cannot_mean() -> None:
    assert parse_filters({}) == Filters()
    parsed = parse_filters({"severity": "high, critical", "place": "homs", "limit": "5", "state": ""})
    assert parsed.severities == {"high", "critical"} and parsed.places == {"homs"} and parsed.limit == 5
    for query, said in (
        ({"colour": "red"}, "unknown parameter 'colour'"),
        ({"severity": "urgent"}, "severity 'urgent' is not one of"),
        ({"state": "closed"}, "state 'closed' is not one of"),
        ({"limit": "0"}, "limit '0' is not a whole number"),
        ({"limit": str(MAX_LIMIT + 1)}, "is not a whole number"),
        ({"limit": "١٢"}, "is not a whole number"),  # Arabic-Indic digits are digits to str.isdigit
        ({"rule": "x" * 20_000}, "give at most"),
        ({"place": ",".join(["p"] * 60)}, "give at most 50 values"),
    ):
        with pytest.raises(BadQuery, match=said):
            parse_filters(query)


@FUZZ
@given(st.dictionaries(st.sampled_from(["rule", "severity", "lang", "place", "state", "limit", "x"]), st.text()))
def test_fuzz_filters_parse_or_say_why_not(query: dict[str, str]) -> None:
    try:
        filters = parse_filters(query)
    except BadQuery as error:
        assert "\n" not in str(error) and len(str(error)) < 300
    else:
        assert 1 <= filters.limit <= MAX_LIMIT


def test_select_filters_and_puts_the_newest_first() -> None:
    story = homs_story()
    later = replace(
        story, alert_id="b" * 24, rule="other", severity="critical", last_seen=story.last_seen + timedelta(hours=1)
    )
    views = [story_view(stored(story), RULESET), story_view(stored(later, key="other|"), RULESET)]
    now = story.last_seen
    assert [v["id"] for v in select(views, Filters(), now)] == ["b" * 24, story.alert_id]
    assert [v["id"] for v in select(views, Filters(rules=frozenset({"city-control-change"})), now)] == [story.alert_id]
    assert [v["id"] for v in select(views, Filters(severities=frozenset({"critical"})), now)] == ["b" * 24]
    assert [v["id"] for v in select(views, Filters(places=frozenset({"homs"})), now)] == ["b" * 24, story.alert_id]
    assert select(views, Filters(states=frozenset({"resolved"})), now) == []
    gone = story_view(stored(story, resolved=True), RULESET)
    assert select([gone], Filters(), story.ends_at + timedelta(hours=23))[0]["state"] == "resolved"
    assert select([gone], Filters(), story.ends_at + timedelta(hours=25)) == []  # no longer recent
    assert len(select(views, Filters(limit=1), now)) == 1
    assert {f["value"] for f in facets(views)["rule"]} == {"city-control-change", "other"}
    assert facets(views)["severity"][0]["value"] == "critical"


def test_an_acknowledgement_and_a_silence_are_kept_in_the_story() -> None:
    story = homs_story()
    at = story.last_seen
    ack = StoryAction(story_id=story.alert_id, story_key="k", kind=ActionKind.ack, at=at, by="night desk")
    acknowledged = attend(story, ack)
    assert acknowledged is not None
    attention = Attention.of(Story.from_dict(acknowledged.to_dict()))  # survives the table's round trip
    assert attention.acknowledged_at == at and attention.acknowledged_by == "night desk"
    assert attention.acknowledged_revision == story.revision
    view = story_view(stored(replace(acknowledged, revision=story.revision + 1)), RULESET)
    assert view["acknowledged"] and view["news_since_ack"]

    silence = replace(ack, kind=ActionKind.silence, until=at + timedelta(hours=2))
    quiet = attend(acknowledged, silence)
    assert quiet is not None
    assert silenced(quiet, at + timedelta(hours=1)) and not silenced(quiet, at + timedelta(hours=2))
    assert Attention.of(quiet).acknowledged_by == "night desk"  # a silence keeps the acknowledgement
    lifted = attend(quiet, replace(silence, until=None))
    assert lifted is not None and not silenced(lifted, at)
    # an action for a story that resolved since (another id under the same key) changes nothing
    assert attend(story, replace(ack, story_id="0" * 24)) is None
    # a silence that has ended is not shown
    ended = story_view(stored(quiet), RULESET)
    assert select([ended], Filters(), at + timedelta(hours=3))[0]["silenced_until"] is None


def test_story_actions_round_trip_and_refuse_bad_records() -> None:
    story = homs_story()
    action = StoryAction(
        story_id=story.alert_id, story_key="k", kind=ActionKind.silence, at=START, until=START + timedelta(hours=1)
    )
    assert StoryAction.from_dict(action.to_dict()) == action
    for bad in (
        {},
        {**action.to_dict(), "kind": "delete"},
        {**action.to_dict(), "at": "yesterday"},
        {**action.to_dict(), "by": 3},
    ):
        with pytest.raises((KeyError, TypeError, ValueError)):
            StoryAction.from_dict(bad)


def test_an_action_names_one_open_story() -> None:
    story = homs_story()
    stories = [stored(story), stored(replace(story, alert_id="f" * 24), resolved=True, key="gone")]
    made = story_action(
        stories, story.alert_id[:8].upper(), ActionKind.silence, START, duration="2h", by="  desk \n one "
    )
    assert made.story_key == "city-control-change|place=homs" and made.until == START + timedelta(hours=2)
    assert made.by == "desk one"
    assert story_action(stories, story.alert_id, ActionKind.silence, START, duration="0s", by="").until is None
    for wanted in (story.alert_id[:5], "f" * 24, "nothing-like-it"):
        with pytest.raises(StoryNotFound, match="no open story has the id"):
            story_action(stories, wanted, ActionKind.ack, START, duration="", by="")
    twins = [stored(story), stored(replace(story, alert_id=story.alert_id[:6] + "z" * 18), key="twin")]
    assert find_story(twins, story.alert_id[:6]) is None  # ambiguous
    assert find_story(twins, story.alert_id) is not None


def test_action_requests_are_checked() -> None:
    assert parse_action_body(b"") == ("1h", "")
    assert parse_action_body(b'{"for": "30m", "by": "desk"}') == ("30m", "desk")
    assert parse_kind("ack") is ActionKind.ack
    for body, said in (
        (b"[1]", "not a JSON object"),
        (b"{", "not JSON"),
        (b'{"for": 2}', "must be strings"),
        (b" " * 5000, "over 4096 bytes"),
    ):
        with pytest.raises(BadQuery, match=said):
            parse_action_body(body)
    for duration, said in (("soon", "is not a duration"), ("60d", "at most 30 days")):
        with pytest.raises(BadQuery, match=said):
            silence_for(duration)
    with pytest.raises(BadQuery, match="unknown action 'delete'"):
        parse_kind("delete")


@FUZZ
@given(st.binary(max_size=5000))
def test_fuzz_action_bodies_parse_or_say_why_not(body: bytes) -> None:
    try:
        duration, by = parse_action_body(body)
        silence_for(duration)
    except BadQuery as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(by, str)


def test_only_the_board_files_are_served() -> None:
    for name in TYPES:
        found = asset(name)
        assert found is not None and found[0]
    for name in ("../__init__.py", "view.py", "", "index.html/", "%2e%2e"):
        assert asset(name) is None


def test_the_page_writes_article_text_as_text_only() -> None:
    found = asset("board.js")
    assert found is not None
    script = found[0].decode()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_stories_in_the_terminal_are_escaped() -> None:
    story = homs_story()
    hostile = replace(story, title="Homs \x1b[31mred\u202e")
    shown = format_stories([story_view(stored(hostile), RULESET)])
    assert "\x1b" not in shown and "\u202e" not in shown and "\\x1b" in shown
    assert "حمص" in shown
    assert format_stories([]) == "no open or recent story"


async def test_the_board_pages_say_when_the_broker_cannot_be_read() -> None:
    from streams.config import Settings
    from streams.errors import StateUnavailable
    from streams.web import ChangelogCache

    cache = ChangelogCache(Settings(kafka_bootstrap="127.0.0.1:9"))  # nothing listens on the discard port
    with pytest.raises(StateUnavailable, match="cannot read the stories from the broker"):
        await cache.get()


@pytest.mark.parametrize(
    "argv",
    [
        ["alerts", "--url", "http://w:1", "--config", "c.yaml", "silence", "abcdef", "--for", "2h"],
        ["alerts", "silence", "abcdef", "--url", "http://w:1", "--config", "c.yaml", "--for", "2h"],
    ],
)
def test_alerts_actions_take_their_options_before_or_after_the_action(argv: list[str]) -> None:
    from streams.cli import build_parser

    args = build_parser().parse_args(argv)
    assert (args.url, args.config, args.alerts_command, args.story, args.duration) == (
        "http://w:1",
        "c.yaml",
        "silence",
        "abcdef",
        "2h",
    )
