"""Stories and when they notify: pure policy, time passed in, state round-tripped through JSON like a table."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from homs_story import GULF, HOMS_TODAY, ORONTES, RULE, SHAM, START, WIRE, matches

from streams.alerting.alert import Alert, AlertKind, alert_id
from streams.alerting.similarity import FINGERPRINT_KEY, fingerprint, is_copy, similarity
from streams.alerting.story import (
    FALLBACK_POLICY,
    MAX_PIECES,
    UNKNOWN_SOURCE,
    Policies,
    Story,
    StoryPolicy,
    apply_match,
    event_time,
    expire,
    is_stale,
    named,
    outlet,
)
from streams.ruleset.loader import load_rules_text
from streams.ruleset.matches import Evidence, Match
from streams.ruleset.model import RuleSet

POLICY = StoryPolicy.of(RULE)


def run(
    items: list[tuple[datetime, Match]], policy: StoryPolicy = POLICY, story: Story | None = None
) -> tuple[Story, list[Alert]]:
    """Apply every match in turn, storing the story as JSON between matches as a Faust table would."""
    alerts: list[Alert] = []
    for now, match in items:
        story, new = apply_match(story, match, policy, now)
        story = Story.from_dict(json.loads(json.dumps(story.to_dict())))
        alerts += [Alert.from_dict(json.loads(json.dumps(a.to_dict()))) for a in new]
    assert story is not None
    return story, alerts


def report(n: int, source: str, *, severity: str = "high", text: str | None = None) -> Match:
    """A match of an article of its own (distinct text unless ``text`` is given)."""
    body = text or f"report number {n} from {source}: " + " ".join(f"w{n}x{i}" for i in range(40))
    return Match(
        article_id=f"a{n}-{source}",
        title=f"Homs report {n}",
        rule=RULE.id,
        severity=severity,
        bindings={"place": "homs"},
        evidence=(Evidence("Homs", "title", 0, 4, "Homs report", "Homs", "place:homs"),),
        rule_title="Homs: control changing hands",
        group_key="place=homs",
        url=f"https://{source}.example/{n}",
        source=source,
        extra={FINGERPRINT_KEY: fingerprint(body)},
    )


def test_ten_articles_from_five_outlets_open_once_and_escalate_within_the_thresholds() -> None:
    story, alerts = run(matches())
    kinds = [a.kind for a in alerts]
    assert kinds.count(AlertKind.opened) == 1 and kinds[0] is AlertKind.opened
    assert kinds.count(AlertKind.escalated) <= len(POLICY.corroboration) - 1
    assert set(kinds) <= {AlertKind.opened, AlertKind.escalated}
    assert story.revision == 10 and story.article_count == 10

    final = expire(story, story.ends_at)
    assert final is not None and final.kind is AlertKind.resolved and final.revision == 11
    assert final.evidence_count == 4 and len(final.articles) == 4
    assert set(final.sources) == {WIRE, ORONTES, GULF, HOMS_TODAY, SHAM}
    assert final.corroboration == 3  # the two republishers add sources, not corroboration
    by_first = {(a.source, a.title): a for a in final.articles}
    wire = by_first[(WIRE, "Opposition fighters enter Homs as army withdraws")]
    assert set(wire.sources) == {WIRE, ORONTES, GULF} and wire.copies == 3
    assert {a.copies for a in final.articles} == {3, 2}
    assert all(a.url and a.evidence and a.evidence[0].snippet for a in final.articles)


def test_escalation_happens_when_the_third_independent_outlet_reports() -> None:
    _, alerts = run(matches())
    escalated = [a for a in alerts if a.kind is AlertKind.escalated]
    assert [(a.revision, a.corroboration) for a in escalated] == [(5, 3)]
    assert escalated[0].articles[0].source == WIRE  # most repeated piece first


def test_the_same_article_delivered_again_changes_nothing() -> None:
    items = matches()
    story, _ = run(items)
    again, alerts = run(items, story=story)
    assert alerts == [] and again == story


def test_ids_are_deterministic_from_rule_group_key_and_opening_time() -> None:
    first = [(a.id, a.revision, a.kind) for a in run(matches())[1]]
    second = [(a.id, a.revision, a.kind) for a in run(matches())[1]]
    assert first == second
    assert first[0][0] == alert_id(RULE.id, "place=homs", START)
    assert alert_id(RULE.id, "place=homs", START + timedelta(seconds=1)) != first[0][0]
    assert alert_id(RULE.id, "place=hama", START) != first[0][0]
    assert run(matches())[1][0].delivery_id == f"{first[0][0]}-1"


def test_updates_notify_at_most_once_per_cooldown() -> None:
    policy = StoryPolicy(window=timedelta(days=2), cooldown=timedelta(hours=6), corroboration=(1, 100))
    hours = [0, 1, 7, 8, 12.5, 14]
    items = [(START + timedelta(hours=h), report(i, f"outlet{i}")) for i, h in enumerate(hours)]
    _, alerts = run(items, policy)
    assert [(a.kind, a.revision) for a in alerts] == [
        (AlertKind.opened, 1),
        (AlertKind.updated, 3),  # 7 h after the last notification
        (AlertKind.updated, 6),  # 7 h after that one; the matches at 8 h and 12.5 h were within the cooldown
    ]


def test_a_copy_from_a_new_outlet_is_a_source_not_evidence() -> None:
    policy = StoryPolicy(window=timedelta(days=2), cooldown=timedelta(hours=1), corroboration=(1, 2))
    wire_text = "the wire text " + " ".join(f"word{i}" for i in range(60))
    items = [(START + timedelta(hours=2 * i), report(i, f"outlet{i}", text=wire_text)) for i in range(5)]
    story, alerts = run(items, policy)
    assert story.evidence_count == 1 and len(story.sources) == 5 and story.article_count == 5
    # Syndication never reaches the second threshold; each new outlet is a (cooled-down) update.
    assert [a.kind for a in alerts] == [AlertKind.opened] + [AlertKind.updated] * 4
    assert all(a.corroboration == 1 for a in alerts)


def test_each_corroboration_threshold_escalates_once() -> None:
    items = [(START + timedelta(minutes=i), report(i, f"outlet{i}")) for i in range(12)]
    _, alerts = run(items)
    assert [(a.kind, a.corroboration) for a in alerts] == [
        (AlertKind.opened, 1),
        (AlertKind.escalated, 3),
        (AlertKind.escalated, 10),
    ]


def test_a_rise_in_severity_escalates_at_once_and_never_falls_back() -> None:
    items = [
        (START, report(0, "a")),
        (START + timedelta(minutes=5), report(1, "a", severity="critical")),
        (START + timedelta(minutes=10), report(2, "a", severity="medium")),
    ]
    story, alerts = run(items)
    assert [(a.kind, a.severity, a.previous_severity) for a in alerts] == [
        (AlertKind.opened, "high", None),
        (AlertKind.escalated, "critical", "high"),
    ]
    assert story.severity == "critical"


def test_a_quiet_story_resolves_after_its_window() -> None:
    story, _ = run([(START, report(0, "a")), (START + timedelta(hours=3), report(1, "b"))])
    assert story.ends_at == START + timedelta(hours=27)
    assert expire(story, START + timedelta(hours=26, minutes=59)) is None
    resolved = expire(story, START + timedelta(hours=30))
    assert resolved is not None and resolved.kind is AlertKind.resolved and resolved.resolved
    assert resolved.ends_at == resolved.revised_at == START + timedelta(hours=27)
    assert resolved.revision == story.revision + 1 and resolved.id == story.alert_id


def test_a_match_after_the_window_resolves_the_old_story_and_opens_a_new_one() -> None:
    story, _ = run([(START, report(0, "a"))])
    later = START + timedelta(days=3)
    new_story, alerts = apply_match(story, report(1, "b"), POLICY, later)
    assert [a.kind for a in alerts] == [AlertKind.resolved, AlertKind.opened]
    assert alerts[0].id == story.alert_id and alerts[1].id == new_story.alert_id != story.alert_id
    assert new_story.revision == 1 and new_story.opened_at == later


def test_naive_times_are_taken_as_utc() -> None:
    story, _ = apply_match(None, report(0, "a"), POLICY, datetime(2024, 12, 7, 18, 0))
    assert story.opened_at == datetime(2024, 12, 7, 18, 0, tzinfo=UTC)


def test_a_long_story_stays_small() -> None:
    items = [(START + timedelta(minutes=i), report(i, f"outlet{i % 300}")) for i in range(400)]
    story, _ = run(items)
    assert story.evidence_count == 400 and story.article_count == 400
    assert len(story.pieces) == MAX_PIECES
    assert len(json.dumps(story.to_dict())) < 64_000


def test_wire_copies_are_near_duplicates_and_own_reports_are_not() -> None:
    by_source: dict[str, list[str]] = {}
    for _, match in matches():
        by_source.setdefault(match.source or "", []).append(match.extra[FINGERPRINT_KEY])
    assert is_copy(by_source[WIRE][0], by_source[ORONTES][0]) and is_copy(by_source[WIRE][0], by_source[GULF][0])
    assert is_copy(by_source[HOMS_TODAY][0], by_source[HOMS_TODAY][1])
    assert similarity(by_source[WIRE][0], by_source[WIRE][1]) < 0.1
    assert similarity(by_source[WIRE][0], by_source[SHAM][0]) < 0.1


def test_fingerprints_ignore_arabic_spelling_variants_and_reject_empty_text() -> None:
    plain = "دخلت فصائل المعارضة مدينة حمص مساء السبت بعد انسحاب قوات النظام"
    varied = "دَخَلَتْ فصائل المعارضـــة مدينة حمص مساء السبت بعد إنسحاب قوات النظام"
    assert fingerprint(plain) == fingerprint(varied)
    assert fingerprint(" ... ") == "" and similarity("", fingerprint(plain)) == 0.0
    assert similarity("not base64!", fingerprint(plain)) == 0.0


def test_policies_follow_the_rule_set_in_force_across_reloads() -> None:
    # Each reload frees the old rule set, and CPython gives the next one the same id() (checked below):
    # policies cached by id() would keep serving the first rule set's cooldown.
    base = load_rules_text("rules:\n  - id: r\n    title: t\n    when: [volcano]\n", "reload.yaml").rules[0]
    # How soon an id() comes back depends on the allocator's state, so reload until one has (it takes a
    # few reloads at most).
    policies, ids, reloads = Policies(), set(), 0
    while len(ids) == reloads and reloads < 500:
        reloads += 1
        ruleset = RuleSet((replace(base, cooldown=timedelta(minutes=reloads)),))
        ids.add(id(ruleset))
        assert policies.of(ruleset, "r").cooldown == timedelta(minutes=reloads)
        del ruleset
    assert len(ids) < reloads, "no id() was reused, so this run did not exercise a reload that reuses one"
    assert policies.of(RuleSet(()), "r") is FALLBACK_POLICY  # a rule since removed


def anonymous(n: int, text: str | None = None) -> Match:
    """A match of an article that names no source and has no link (an anonymous ``POST /articles``)."""
    return replace(report(n, "nobody", text=text), source=None, url=None, article_id=f"anon{n}")


def test_anonymous_articles_are_evidence_but_never_corroboration() -> None:
    policy = StoryPolicy(window=timedelta(days=2), cooldown=timedelta(hours=1), corroboration=(1, 2))
    items = [(START, report(0, "wire"))] + [(START + timedelta(hours=2 * i), anonymous(i)) for i in range(1, 4)]
    story, alerts = run(items, policy)
    assert story.evidence_count == 4 and story.independent_sources == ("wire",)
    assert "unknown" in story.sources  # shown as carried by an unknown outlet, counted as none
    assert {a.corroboration for a in alerts} == {1} and AlertKind.escalated not in [a.kind for a in alerts]


def test_a_story_opened_anonymously_has_no_corroboration_until_a_named_outlet_reports() -> None:
    policy = StoryPolicy(window=timedelta(days=2), cooldown=timedelta(hours=1), corroboration=(1, 2))
    story, alerts = run([(START, anonymous(1)), (START + timedelta(minutes=5), report(2, "wire"))], policy)
    assert [(a.kind, a.corroboration) for a in alerts] == [(AlertKind.opened, 0), (AlertKind.escalated, 1)]
    assert story.level == 1


def test_a_named_outlet_carrying_an_anonymous_text_is_its_first_corroboration() -> None:
    policy = StoryPolicy(window=timedelta(days=2), cooldown=timedelta(hours=1), corroboration=(1, 2))
    text = "the wire text " + " ".join(f"word{i}" for i in range(60))
    items = [
        (START, anonymous(1, text)),
        (START + timedelta(minutes=1), anonymous(2, text)),
        (START + timedelta(minutes=2), report(3, "wire", text=text)),
        (START + timedelta(minutes=3), report(4, "republisher", text=text)),
    ]
    story, alerts = run(items, policy)
    assert story.evidence_count == 1 and story.independent_sources == ("wire",)
    assert [a.corroboration for a in alerts] == [0, 1]


@pytest.mark.parametrize("source", ["", "   ", "unknown"])
def test_a_blank_source_without_a_link_is_anonymous(source: str) -> None:
    match = replace(anonymous(1), source=source)
    assert outlet(match) == UNKNOWN_SOURCE and not named(outlet(match))
    story, _ = apply_match(None, match, POLICY, START)
    assert story.independent_sources == () and story.level == 0


def test_a_source_is_its_name_trimmed_else_the_host_of_its_link() -> None:
    assert outlet(replace(anonymous(1), source="  Levant Wire ")) == "Levant Wire"
    assert outlet(replace(anonymous(1), url="https://www.levant-wire.example/a")) == "levant-wire.example"


def published(match: Match, when: datetime | str | None) -> Match:
    """``match`` of an article that says it was published at ``when``."""
    return replace(match, published_at=when.isoformat() if isinstance(when, datetime) else when)


def test_a_storys_times_are_its_articles_published_times() -> None:
    arrival = START + timedelta(hours=10)
    items = [
        (arrival, published(report(0, "a"), START + timedelta(hours=2))),
        (arrival + timedelta(minutes=1), published(report(1, "b"), START + timedelta(hours=5))),
        # published before the first one, read later: first seen moves, the id stays
        (arrival + timedelta(minutes=2), published(report(2, "c"), START + timedelta(hours=1))),
    ]
    story, alerts = run(items)
    assert alerts[0].id == alert_id(RULE.id, "place=homs", START + timedelta(hours=2))
    assert alerts[0].first_seen == alerts[0].revised_at == START + timedelta(hours=2)
    assert (story.opened_at, story.last_seen) == (START + timedelta(hours=1), START + timedelta(hours=5))
    assert story.ends_at == START + timedelta(hours=5) + POLICY.window
    assert story.alert_id == alerts[0].id


def test_a_date_in_the_future_counts_as_the_arrival() -> None:
    arrival = START + timedelta(hours=3)
    story, (alert,) = run([(arrival, published(report(0, "a"), datetime(2099, 1, 1, tzinfo=UTC)))])
    assert story.opened_at == story.last_seen == alert.first_seen == arrival
    assert story.ends_at == arrival + POLICY.window


@pytest.mark.parametrize(
    "date", [None, "", "yesterday", "2024-13-45", "0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"]
)
def test_a_date_that_cannot_be_read_or_placed_counts_as_the_arrival_or_as_ancient(date: str | None) -> None:
    match = published(report(0, "a"), date)
    time = event_time(match, START)
    assert time <= START and time.tzinfo is not None
    assert (time == START) is (date is None or not date.startswith("0001")), time


def test_a_stale_match_opens_no_story_and_notifies_nothing() -> None:
    arrival = datetime(2026, 12, 1, 9, tzinfo=UTC)  # the 2024 story ingested again two years on
    old = published(report(0, "a"), START)
    assert is_stale(old, POLICY, arrival) and not is_stale(old, POLICY, START + timedelta(hours=23))
    assert apply_match(None, old, POLICY, arrival) == (None, ())
    # Exactly one window old: the story it would open would end on arrival.
    assert is_stale(old, POLICY, START + POLICY.window)


def test_a_stale_match_joins_an_open_story_as_history_without_notifying() -> None:
    policy = StoryPolicy(window=timedelta(hours=24), cooldown=timedelta(0), corroboration=(1, 2))
    story, _ = run([(START, report(0, "a"))], policy)
    late = published(report(1, "b", severity="critical"), START - timedelta(days=3))
    grown, new = apply_match(story, late, policy, START + timedelta(hours=1))
    assert new == () and grown is not None
    assert grown.article_count == 2 and grown.evidence_count == 2 and "b" in grown.independent_sources
    assert (grown.level, grown.severity, grown.last_notified_at) == (story.level, story.severity, START)
    assert (grown.last_seen, grown.ends_at) == (story.last_seen, story.ends_at)
    # The crossing it brought is told by the next fresh match.
    _, (told,) = apply_match(grown, report(2, "a"), policy, START + timedelta(hours=2))
    assert told.kind is AlertKind.escalated and told.corroboration == 2


def test_a_stale_match_after_the_story_ended_resolves_it_and_opens_none() -> None:
    story, _ = run([(START, report(0, "a"))])
    arrival = START + timedelta(days=3)
    ended, alerts = apply_match(story, published(report(1, "b"), START), POLICY, arrival)
    assert ended is None and [a.kind for a in alerts] == [AlertKind.resolved]
