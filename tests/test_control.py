"""Control state: a change is told once, unconfirmed then confirmed; denials and recaptures say so."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from streams.alerting.alert import AlertKind
from streams.alerting.control import (
    ChangeKind,
    ControlPolicy,
    ControlState,
    ControlStatus,
    apply_claim,
    claim_news,
    control_map,
    display_names,
    headline,
    initial_state,
)
from streams.alerting.similarity import with_fingerprint
from streams.alerting.stage import control_key, take_match
from streams.alerting.story import Policies, StoryPolicy, apply_match
from streams.articles.model import Article
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match
from streams.ruleset.model import KnownControl

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2024, 12, 7, 16, 40, tzinfo=UTC)
POLICY = ControlPolicy(confirm=2, window=timedelta(hours=24))


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    return compile_rules(load_rules([ROOT / "rules"]))


def claim_match(
    compiled: CompiledRules, body: str, source: str, rule: str = "city-control-change", title: str = ""
) -> Match:
    """The real matcher's match of ``rule`` on one article (with the fingerprint the match stage adds)."""
    article = Article.create(title=title, body=body, source=source, url=f"https://{source}.example/{abs(hash(body))}")
    [match] = [m for m in match_article(compiled, article) if m.rule == rule]
    assert match.claim is not None
    return with_fingerprint(match, article)


def seeded(place: str, actor: str) -> ControlState:
    return initial_state(place, KnownControl(place, actor, datetime(2024, 11, 26, tzinfo=UTC)), T0)


ENTERED = "Opposition fighters entered the city of Homs on Saturday after government forces withdrew."
OWN_WORDS = "Rebels took control of Homs overnight, residents told our reporter by phone."


def test_a_change_is_unconfirmed_then_confirmed_by_an_independent_outlet(compiled: CompiledRules) -> None:
    state, change = apply_claim(
        seeded("homs", "army"), (first := claim_match(compiled, ENTERED, "wire")).claim, first, POLICY, T0
    )  # type: ignore[arg-type]
    assert change is ChangeKind.changed
    assert (state.previous, state.controller, state.status, state.sources) == (
        "army",
        "opposition",
        ControlStatus.unconfirmed,
        ("wire",),
    )
    assert state.confidence == 0.5

    copy = claim_match(compiled, "HOMS (wire) - " + ENTERED, "republisher")
    state, change = apply_claim(state, copy.claim, copy, POLICY, T0 + timedelta(minutes=5))  # type: ignore[arg-type]
    assert change is ChangeKind.corroborated and state.status is ControlStatus.unconfirmed
    assert state.sources == ("wire",)  # a wire copy is no new source

    own = claim_match(compiled, OWN_WORDS, "local")
    state, change = apply_claim(state, own.claim, own, POLICY, T0 + timedelta(minutes=20))  # type: ignore[arg-type]
    assert change is ChangeKind.confirmed
    assert state.status is ControlStatus.confirmed and state.sources == ("wire", "local")
    assert state.since == T0 and state.confidence == 0.75

    again, change = apply_claim(state, own.claim, own, POLICY, T0 + timedelta(minutes=30))  # type: ignore[arg-type]
    assert change is None and again is state  # the same article twice counts once


def test_a_claim_that_agrees_with_the_holder_changes_nothing(compiled: CompiledRules) -> None:
    match = claim_match(compiled, "HTS fighters entered Idlib city on Friday for a parade.", "wire")
    state = seeded("idlib", "hts")
    assert apply_claim(state, match.claim, match, POLICY, T0) == (state, None)  # type: ignore[arg-type]


def test_a_denial_disputes_a_recent_change_and_is_said(compiled: CompiledRules) -> None:
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    denial = claim_match(
        compiled, "The Syrian army denied that it had withdrawn from Hama.", "state-tv", rule="city-control-denied"
    )
    state, change = apply_claim(state, denial.claim, denial, POLICY, T0 + timedelta(hours=1))  # type: ignore[arg-type]
    assert change is ChangeKind.disputed
    assert state.status is ControlStatus.disputed and state.denied_by == ("state-tv",)
    assert state.controller == "opposition" and state.confidence == 0.0


def test_a_denial_of_nothing_reported_changes_nothing(compiled: CompiledRules) -> None:
    denial = claim_match(
        compiled, "The Syrian army denied that it had withdrawn from Hama.", "state-tv", rule="city-control-denied"
    )
    state = seeded("hama", "army")
    assert apply_claim(state, denial.claim, denial, POLICY, T0) == (state, None)  # type: ignore[arg-type]


def test_a_recapture_reverses_the_change(compiled: CompiledRules) -> None:
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    back = claim_match(compiled, "The Syrian army recaptured Hama from the rebels on Friday.", "agency")
    state, change = apply_claim(state, back.claim, back, POLICY, T0 + timedelta(hours=20))  # type: ignore[arg-type]
    assert change is ChangeKind.reversed
    assert (state.previous, state.controller, state.status) == ("opposition", "army", ControlStatus.unconfirmed)


def test_the_loser_first_then_the_winner_is_identified(compiled: CompiledRules) -> None:
    left = claim_match(compiled, "Government forces withdrew from Hama overnight, residents said.", "wire")
    state, change = apply_claim(seeded("hama", "army"), left.claim, left, POLICY, T0)  # type: ignore[arg-type]
    assert change is ChangeKind.changed and (state.previous, state.controller) == ("army", "unknown")
    entered = claim_match(compiled, "Insurgents entered Hama a few hours later.", "agency")
    state, change = apply_claim(state, entered.claim, entered, POLICY, T0 + timedelta(hours=2))  # type: ignore[arg-type]
    assert change is ChangeKind.identified
    assert (state.previous, state.controller, state.since) == ("army", "opposition", T0)


def test_the_story_is_titled_by_the_change_and_news_is_notified_within_the_cooldown(compiled: CompiledRules) -> None:
    ruleset = compiled.ruleset
    first = claim_match(compiled, ENTERED, "wire")
    state, news = claim_news(None, first, ruleset, T0)
    assert news is not None and news.news
    assert news.title == "Homs: Syrian army → opposition factions (unconfirmed: 1 source, first seen 07 Dec 16:40 UTC)"
    policy = StoryPolicy(window=timedelta(hours=24), cooldown=timedelta(hours=6), corroboration=(1, 3, 10))
    story, alerts = apply_match(None, first, policy, T0, news)
    assert [a.kind for a in alerts] == [AlertKind.opened] and alerts[0].title == news.title
    assert alerts[0].control is not None and alerts[0].control["controller"] == "opposition"

    own = claim_match(compiled, OWN_WORDS, "local")
    state, news = claim_news(state, own, ruleset, T0 + timedelta(minutes=20))
    story, alerts = apply_match(story, own, policy, T0 + timedelta(minutes=20), news)
    assert [a.kind for a in alerts] == [AlertKind.escalated]  # confirmed: news, cooldown or not
    assert alerts[0].title.startswith("Homs: Syrian army → opposition factions (confirmed: 2 sources")
    assert alerts[0].control["status"] == "confirmed"  # type: ignore[index]


def test_the_map_overlays_known_control_with_what_the_stream_showed(compiled: CompiledRules) -> None:
    first = claim_match(compiled, ENTERED, "wire")
    state, _ = claim_news(None, first, compiled.ruleset, T0)
    places = {entry["place"]: entry for entry in control_map({"homs": state.to_dict()}, compiled.ruleset)}
    assert places["homs"]["controller_name"] == "opposition factions" and places["homs"]["status"] == "unconfirmed"
    assert places["homs"]["articles"][0]["source"] == "wire"
    assert places["idlib"]["controller"] == "hts" and places["idlib"]["status"] == "known"
    assert places["idlib"]["confidence"] == 1.0
    assert list(places) == sorted(places)
    assert ControlState.from_dict(state.to_dict()) == state


def test_a_change_of_control_alert_follows_the_webhook_schema(compiled: CompiledRules) -> None:
    import json

    import jsonschema

    from streams.alerting.destinations import build_request, parse_destinations

    first = claim_match(compiled, ENTERED, "wire")
    _, news = claim_news(None, first, compiled.ruleset, T0)
    policy = StoryPolicy(window=timedelta(hours=24), cooldown=timedelta(hours=6), corroboration=(1, 3, 10))
    _, (alert,) = apply_match(None, first, policy, T0, news)
    secret = "whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LQ=="
    hook = parse_destinations({"hook": {"type": "webhook", "url": "https://example.org/h", "secret": secret}}, {})[
        "hook"
    ]
    body = json.loads(build_request(alert, hook).body)
    schema = json.loads((ROOT / "docs" / "webhook.schema.json").read_text())
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(body)
    assert body["data"]["alert"]["control"]["previous_name"] == "Syrian army"


def test_each_region_is_seeded_with_its_own_date(compiled: CompiledRules) -> None:
    known = compiled.ruleset.known_control
    held = {place: (known[place].actor, known[place].since.date().isoformat()) for place in known}
    assert held["homs"] == ("army", "2024-11-26")
    assert held["el-fasher"] == ("rsf", "2025-11-01") and held["wad-medani"] == ("saf", "2025-11-01")
    assert held["goma"] == ("m23", "2025-03-01") and held["uvira"] == ("fardc", "2025-03-01")
    assert held["pokrovsk"] == ("ukrainian-forces", "2025-06-01")
    assert held["avdiyivka-ua"] == ("russian-forces", "2025-06-01")
    assert held["laukkai"] == ("mndaa", "2025-05-01") and held["lashio"] == ("myanmar-military", "2025-05-01")


def dated_claim(compiled: CompiledRules, body: str, source: str, published: str | None) -> Match:
    """``claim_match`` for an article that says when it was published."""
    article = Article.create(title="", body=body, source=source, url=f"https://{source}.example/{published}")
    article = replace(article, published_at=datetime.fromisoformat(published) if published else None)
    [match] = [m for m in match_article(compiled, article) if m.rule == "city-control-change"]
    assert match.claim is not None
    return with_fingerprint(match, article)


def test_a_change_outside_syria_is_told_against_its_regions_seed(compiled: CompiledRules) -> None:
    retaken = dated_claim(compiled, "The Congolese army retook Goma from M23 rebels on Monday.", "wire", "2025-12-01")
    _, news = claim_news(None, retaken, compiled.ruleset, datetime(2025, 12, 1, 9, tzinfo=UTC))
    assert news is not None and news.title.startswith("Goma: M23 → Congolese army (unconfirmed: 1 source")


FASHER = "Rapid Support Forces fighters seized El Fasher on Sunday."


def test_an_article_older_than_the_seed_finds_the_place_unknown(compiled: CompiledRules) -> None:
    # The seed gives El Fasher to the RSF from 1 November 2025; the report of that capture, published
    # on 26 October and read late (a backfill, a slow feed), is still the news of a change.
    now = datetime(2025, 11, 20, tzinfo=UTC)
    before = dated_claim(compiled, FASHER, "wire", "2025-10-26T18:00:00+00:00")
    state, news = claim_news(None, before, compiled.ruleset, now)
    assert news is not None and news.control["change"] == "changed"
    assert (state.previous, state.controller) == ("unknown", "rsf")
    assert news.title.startswith("El Fasher: unknown → Rapid Support Forces")


@pytest.mark.parametrize("published", ["2025-11-05", None])
def test_an_article_from_the_seeds_date_on_agrees_with_it(compiled: CompiledRules, published: str | None) -> None:
    # Without a date the article is as new as the stream, so after the seed too.
    after = dated_claim(compiled, FASHER, "wire", published)
    state, news = claim_news(None, after, compiled.ruleset, datetime(2025, 11, 20, tzinfo=UTC))
    assert news is None and state.status is ControlStatus.known and state.controller == "rsf"


def test_an_anonymous_report_tells_a_change_but_never_confirms_it(compiled: CompiledRules) -> None:
    first = claim_match(compiled, ENTERED, "wire")
    state, _ = apply_claim(seeded("homs", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    anonymous = replace(claim_match(compiled, OWN_WORDS, "x"), source=None, url=None)
    state, change = apply_claim(state, anonymous.claim, anonymous, POLICY, T0 + timedelta(minutes=5))  # type: ignore[arg-type]
    assert change is ChangeKind.corroborated and state.status is ControlStatus.unconfirmed
    assert state.sources == ("wire",) and len(state.support) == 2

    alone = replace(claim_match(compiled, "Rebels seized Hama on Thursday.", "x"), source=None, url=None)
    state, change = apply_claim(seeded("hama", "army"), alone.claim, alone, POLICY, T0)  # type: ignore[arg-type]
    assert change is ChangeKind.changed and state.sources == () and state.confidence == 0.0
    names = display_names(compiled.ruleset)
    assert "(unconfirmed: no named source, first seen" in headline(state, names)
    # A named outlet carrying the anonymous text is its first source.
    named_copy = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, change = apply_claim(state, named_copy.claim, named_copy, POLICY, T0 + timedelta(minutes=1))  # type: ignore[arg-type]
    assert change is ChangeKind.corroborated and state.sources == ("wire",)


def test_a_claim_is_dated_by_its_article_and_an_older_change_is_history(compiled: CompiledRules) -> None:
    arrival = datetime(2026, 12, 1, tzinfo=UTC)
    entered = dated_claim(compiled, ENTERED, "wire", "2025-03-01T10:00:00Z")
    state, news = claim_news(None, entered, compiled.ruleset, arrival)
    assert news is not None and state.since == datetime(2025, 3, 1, 10, tzinfo=UTC) == state.updated_at
    # A report of an older change, ingested now: before the current change, so history.
    old = dated_claim(compiled, "The Syrian army retook Homs from the rebels.", "gulf", "2024-12-05T09:00:00Z")
    assert old.claim is not None and old.claim.winner == "army"
    assert claim_news(state, old, compiled.ruleset, arrival) == (state, None)
    # The same report dated after the change is a change of its own.
    new = dated_claim(compiled, "The Syrian army retook Homs from the rebels.", "gulf", "2025-06-01T09:00:00Z")
    assert claim_news(state, new, compiled.ruleset, arrival)[0].controller == "army"


def test_an_earlier_report_of_the_same_change_corroborates_it_and_moves_first_seen(compiled: CompiledRules) -> None:
    arrival = T0 + timedelta(hours=5)
    later = dated_claim(compiled, ENTERED, "wire", (T0 + timedelta(hours=2)).isoformat())
    state, _ = claim_news(None, later, compiled.ruleset, arrival)
    earlier = dated_claim(compiled, OWN_WORDS, "local", T0.isoformat())
    state, news = claim_news(state, earlier, compiled.ruleset, arrival)
    assert news is not None and news.control["change"] == "confirmed"
    assert state.since == T0 and state.updated_at == T0 + timedelta(hours=2)


def test_a_change_told_again_without_a_new_holder_is_no_change_for_a_month(compiled: CompiledRules) -> None:
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    # Days later, outside the story's window, reports still tell the change without naming a new holder.
    fell = claim_match(compiled, "Hama has fallen, residents said.", "paper")
    assert fell.claim is not None and fell.claim.winner is None
    assert apply_claim(state, fell.claim, fell, POLICY, T0 + timedelta(days=5)) == (state, None)
    left = claim_match(compiled, "Government forces withdrew from Hama, residents said.", "daily")
    assert left.claim is not None and left.claim.loser == "army"
    assert apply_claim(state, left.claim, left, POLICY, T0 + timedelta(days=9)) == (state, None)
    # The holder said to leave is news at any time, and after a month a claim naming nobody is a change again.
    gone = claim_match(compiled, "Rebels withdrew from Hama on Monday.", "agency")
    assert gone.claim is not None and gone.claim.loser == "opposition"
    assert apply_claim(state, gone.claim, gone, POLICY, T0 + timedelta(days=5))[1] is ChangeKind.changed
    assert apply_claim(state, fell.claim, fell, POLICY, T0 + timedelta(days=40))[1] is ChangeKind.changed


def test_a_change_is_recent_for_as_long_as_its_story_is_open(compiled: CompiledRules) -> None:
    # Reports dated by day alone come at midnight: a report a whole window later finds the story over, and the
    # change with it, so it does not reopen the story as corroboration; within the window it still corroborates.
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    again = claim_match(compiled, "Rebels seized Hama, a second outlet reported.", "paper")
    later, change = apply_claim(state, again.claim, again, POLICY, T0 + POLICY.window)  # type: ignore[arg-type]
    # Nothing to tell, though the outlet still backs the holder (against a challenge, below).
    assert change is None and later.sources == ("wire", "paper") and later.since == state.since
    _, change = apply_claim(state, again.claim, again, POLICY, T0 + POLICY.window - timedelta(seconds=1))  # type: ignore[arg-type]
    assert change is ChangeKind.confirmed


RETAKEN = "The Syrian army recaptured Hama from the rebels on Friday."


def test_one_report_against_two_outlets_disputes_the_change_and_a_second_takes_the_place(
    compiled: CompiledRules,
) -> None:
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    second = claim_match(compiled, "Insurgents took control of Hama, residents said.", "paper")
    state, change = apply_claim(state, second.claim, second, POLICY, T0 + timedelta(hours=1))  # type: ignore[arg-type]
    assert change is ChangeKind.confirmed

    back = claim_match(compiled, RETAKEN, "agency")
    state, change = apply_claim(state, back.claim, back, POLICY, T0 + timedelta(hours=2))  # type: ignore[arg-type]
    assert change is ChangeKind.disputed  # told once, the holder unchanged
    assert (state.controller, state.status, state.challenger) == ("opposition", ControlStatus.disputed, "army")
    assert "Syrian army said to hold it by 1 report" in headline(state, display_names(compiled.ruleset))
    stored = ControlState.from_dict(state.to_dict())
    assert stored == state

    copy = claim_match(compiled, "HAMA (agency) - " + RETAKEN, "republisher")
    state, change = apply_claim(state, copy.claim, copy, POLICY, T0 + timedelta(hours=3))  # type: ignore[arg-type]
    assert change is None and state.controller == "opposition"  # a wire copy is no second outlet

    own = claim_match(compiled, "Government troops took back Hama on Friday, state television said.", "state-tv")
    state, change = apply_claim(state, own.claim, own, POLICY, T0 + timedelta(hours=4))  # type: ignore[arg-type]
    assert change is ChangeKind.reversed
    assert (state.previous, state.controller, state.challenger, state.challenge) == ("opposition", "army", None, ())
    # The change is dated by its first report and backed by every report of it.
    assert state.since == T0 + timedelta(hours=2) and state.sources == ("agency", "state-tv")
    assert state.status is ControlStatus.confirmed


def test_a_challenge_to_an_older_change_waits_silently_until_it_has_the_outlets(compiled: CompiledRules) -> None:
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    second = claim_match(compiled, "Insurgents took control of Hama, residents said.", "paper")
    later = T0 + POLICY.window + timedelta(hours=1)  # the story is over, the outlets still back the holder
    state, change = apply_claim(state, second.claim, second, POLICY, later)  # type: ignore[arg-type]
    assert change is None and state.sources == ("wire", "paper")
    back = claim_match(compiled, RETAKEN, "agency")
    state, change = apply_claim(state, back.claim, back, POLICY, later + timedelta(hours=1))  # type: ignore[arg-type]
    assert change is None and state.challenger == "army" and state.controller == "opposition"
    # Once the holder's outlets are two windows old, one report is a change again.
    own = claim_match(compiled, "Government troops took back Hama on Friday, state television said.", "state-tv")
    state, change = apply_claim(state, own.claim, own, POLICY, later + 2 * POLICY.window)  # type: ignore[arg-type]
    assert change is ChangeKind.changed and state.controller == "army"


def test_one_outlet_against_one_is_a_change_at_once(compiled: CompiledRules) -> None:
    first = claim_match(compiled, "Rebels seized Hama on Thursday.", "wire")
    state, _ = apply_claim(seeded("hama", "army"), first.claim, first, POLICY, T0)  # type: ignore[arg-type]
    again = claim_match(compiled, "HAMA (wire) - Rebels seized Hama on Thursday.", "republisher")
    state, _ = apply_claim(state, again.claim, again, POLICY, T0 + timedelta(hours=1))  # type: ignore[arg-type]
    back = claim_match(compiled, RETAKEN, "agency")
    state, change = apply_claim(state, back.claim, back, POLICY, T0 + timedelta(hours=2))  # type: ignore[arg-type]
    assert change is ChangeKind.reversed and state.challenger is None


def test_the_alert_stage_keeps_a_challenge_that_tells_nothing(compiled: CompiledRules) -> None:
    stories: dict[str, dict[str, object]] = {}
    policies, ruleset = Policies(), compiled.ruleset
    reports = [
        ("Rebels seized Hama on Thursday.", "wire", T0),
        ("Insurgents took control of Hama, residents said.", "paper", T0 + timedelta(hours=1)),
        (RETAKEN, "agency", T0 + timedelta(days=1, hours=2)),
    ]
    steps = [
        take_match(stories, claim_match(compiled, body, source), ruleset, policies, at) for body, source, at in reports
    ]
    assert [step.change for step in steps] == ["changed", "confirmed", "none"]
    kept = ControlState.from_dict(stories[control_key("hama")])  # type: ignore[arg-type]
    assert (kept.controller, kept.challenger, len(kept.challenge)) == ("opposition", "army", 1)
