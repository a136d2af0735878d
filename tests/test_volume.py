"""Volume rules (frequency, spike, flatline): the YAML they are written in, and their policy on a simulated clock.

The policy is pure (:mod:`streams.alerting.volume`): each test feeds matches and ticks at chosen moments, and
stores the state and the story as JSON between steps, as the alert agent's table does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.alerting.alert import Alert, AlertKind
from streams.alerting.destinations import build_request, parse_destinations
from streams.alerting.story import Story
from streams.alerting.volume import SAMPLE, SLICES, VolumeState, idle, observe, read, settle
from streams.articles.model import Article
from streams.cli import main
from streams.ruleset.compiler import compile_rules
from streams.ruleset.explain import explain
from streams.ruleset.limits import MAX_VOLUME_SOURCES
from streams.ruleset.loader import check_rules, load_rules, load_rules_text
from streams.ruleset.matches import Evidence, Match
from streams.ruleset.model import Flatline, Frequency, Phrase, Rule, Spike, Volume

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ENTITIES = "entities:\n  place:\n    benghazi: [Benghazi, بنغازي]\n    derna: [Derna, درنة]\n"


def volume_rule(volume: str, extra: str = "") -> Rule:
    """A rule bound to a place, grouped by it, with ``volume`` (YAML flow text) as its volume condition."""
    text = (
        ENTITIES + "rules:\n  - id: in-the-news\n    title: '{place} is in the news'\n    when: {entity: place}\n"
        f"    group_by: [place]\n    cooldown: 30m\n    {volume}\n{extra}"
    )
    [rule] = load_rules_text(text).rules
    return rule


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def article(n: int, source: str = "gulf", place: str = "benghazi") -> Match:
    """A match of article ``n`` from ``source`` about ``place`` (written for these tests)."""
    name = place.title()
    return Match(
        article_id=f"{source}-{n}",
        title=f"Report {n} on {name}",
        rule="in-the-news",
        severity="medium",
        bindings={"place": place},
        evidence=(Evidence(name, "title", 13, 13 + len(name), f"Report {n} on {name}", name, f"place:{place}"),),
        rule_title=f"{name} is in the news",
        group_key=f"place={place}",
        url=f"https://{source}.example/{n}",
        source=source,
    )


@dataclass
class Desk:
    """One group's volume state and story, kept as JSON between steps like the alert agent's table."""

    rule: Rule
    state: dict[str, object] | None = None
    story: dict[str, object] | None = None
    alerts: list[Alert] = field(default_factory=list)

    def arrive(self, match: Match, now: datetime, published: datetime | None = None) -> list[Alert]:
        """``match`` counted at ``now`` (arrived at ``published`` when given), then settled."""
        assert self.rule.volume is not None
        state = observe(
            VolumeState.from_dict(self.state) if self.state else None,
            self.rule.volume,
            match,
            published or now,
            now,
        )
        return self._settle(state, now)

    def tick(self, now: datetime) -> list[Alert]:
        """The clock's check at ``now``, with no article."""
        assert self.state is not None
        return self._settle(VolumeState.from_dict(self.state), now)

    def _settle(self, state: VolumeState, now: datetime) -> list[Alert]:
        settled = settle(state, Story.from_dict(self.story) if self.story else None, self.rule, now)
        self.state = json.loads(json.dumps(settled.state.to_dict()))
        self.story = json.loads(json.dumps(settled.story.to_dict())) if settled.story else None
        alerts = [Alert.from_dict(json.loads(json.dumps(a.to_dict()))) for a in settled.alerts]
        self.alerts += alerts
        return alerts

    @property
    def kinds(self) -> list[AlertKind]:
        return [a.kind for a in self.alerts]


# -- frequency ---------------------------------------------------------------------------------------------


def test_frequency_opens_once_at_the_nth_article_and_its_alert_shows_the_articles_counted() -> None:
    desk = Desk(volume_rule("frequency: {count: 3, within: 10m}"))
    assert desk.arrive(article(1), at(0)) == []
    assert desk.arrive(article(2, "sahel"), at(2)) == []
    [opened] = desk.arrive(article(3, "nile"), at(4))
    assert opened.kind is AlertKind.opened and opened.revision == 1
    assert opened.title == "Benghazi is in the news" and opened.bindings == {"place": "benghazi"}
    assert opened.article_count == 3 and set(opened.sources) == {"gulf", "sahel", "nile"}
    assert [a.article_id for a in opened.articles] == ["gulf-1", "sahel-2", "nile-3"]
    assert opened.articles[0].evidence[0].text == "Benghazi"
    assert opened.volume == {
        "kind": "frequency",
        "count": 3,
        "sources": 3,
        "within_seconds": 600.0,
        "needs": 3,
        "needs_sources": 1,
    }
    # More articles while it holds follow silently: counted in the story, no second alert.
    assert desk.arrive(article(4), at(5)) == [] and desk.arrive(article(5), at(6)) == []
    assert desk.story is not None and desk.story["article_count"] == 5
    assert desk.kinds == [AlertKind.opened]


def test_frequency_with_distinct_sources_waits_for_enough_outlets() -> None:
    desk = Desk(volume_rule("frequency: {count: 3, sources: 2, within: 1h}"))
    for n in range(1, 6):
        assert desk.arrive(article(n, "gulf"), at(n)) == []
    [opened] = desk.arrive(article(6, "sahel"), at(7))
    assert opened.kind is AlertKind.opened and opened.volume is not None
    assert opened.volume["sources"] == 2 and opened.volume["needs_sources"] == 2


def test_anonymous_articles_count_but_are_not_distinct_outlets() -> None:
    desk = Desk(volume_rule("frequency: {count: 3, sources: 2, within: 1h}"))
    anonymous = [replace(article(n, ""), url=None) for n in range(1, 5)]
    for n, match in enumerate(anonymous):
        assert desk.arrive(match, at(n)) == []
    assert desk.arrive(article(5, "gulf"), at(5)) == []  # "unknown" and gulf: one outlet that can corroborate
    [opened] = desk.arrive(article(6, "sahel"), at(6))
    assert opened.volume is not None and opened.volume["sources"] == 2 and opened.corroboration == 2
    assert set(opened.sources) == {"unknown", "gulf", "sahel"}
    assert opened.article_count == 3  # a frequency's reading stops at the count it needs


def test_frequency_counts_articles_younger_than_the_window_only() -> None:
    desk = Desk(volume_rule("frequency: {count: 2, within: 10m}"))
    desk.arrive(article(1), at(0))
    assert desk.arrive(article(2), at(10)) == []  # the first is exactly 10 minutes old: out of the window
    [opened] = desk.arrive(article(3), at(19.99))  # the second is not yet 10 minutes old
    assert opened.kind is AlertKind.opened and opened.article_count == 2


def test_frequency_counts_a_late_arrival_by_its_own_time_and_ignores_one_already_out_of_the_window() -> None:
    desk = Desk(volume_rule("frequency: {count: 3, within: 10m}"))
    desk.arrive(article(1), at(20))
    desk.arrive(article(2), at(21), published=at(5))  # published 16 minutes before: counts for nothing
    assert desk.kinds == []
    desk.arrive(article(3), at(22), published=at(15))  # out of order, but inside the window
    assert desk.kinds == []
    desk.arrive(article(4), at(23), published=at(30))  # a time after the clock counts as the clock's
    assert desk.kinds == [AlertKind.opened]
    assert desk.alerts[0].last_seen == at(23)


def test_frequency_resolves_when_its_window_empties_and_reopens_only_after_the_cooldown() -> None:
    desk = Desk(volume_rule("frequency: {count: 2, within: 10m}"))
    desk.arrive(article(1), at(0))
    desk.arrive(article(2), at(1))
    assert desk.tick(at(9.5)) == []  # both are still in the window
    [resolved] = desk.tick(at(11))
    assert resolved.kind is AlertKind.resolved and resolved.revision == 2 and resolved.ends_at == at(11)
    assert desk.story is None
    # It holds again 14 minutes after it opened: within the 30 minutes' cooldown, no alert.
    desk.arrive(article(3), at(14))
    assert desk.arrive(article(4), at(15)) == [] and desk.story is None
    # After the cooldown it opens a new story with a new id.
    desk.arrive(article(5), at(40))
    [again] = desk.arrive(article(6), at(41))
    assert again.kind is AlertKind.opened and again.id != resolved.id


def test_a_match_delivered_twice_counts_once() -> None:
    desk = Desk(volume_rule("frequency: {count: 2, within: 10m}"))
    desk.arrive(article(1), at(0))
    desk.arrive(article(1), at(1))
    assert desk.kinds == []


def test_groups_are_counted_apart() -> None:
    rule = volume_rule("frequency: {count: 2, within: 10m}")
    benghazi, derna = Desk(rule), Desk(rule)
    benghazi.arrive(article(1), at(0))
    derna.arrive(article(2, place="derna"), at(1))
    assert benghazi.kinds == derna.kinds == []
    benghazi.arrive(article(3), at(2))
    assert benghazi.kinds == [AlertKind.opened] and derna.kinds == []


# -- spike -------------------------------------------------------------------------------------------------


def test_a_spike_against_its_baseline_and_its_minimum() -> None:
    desk = Desk(volume_rule("spike: {within: 1h, factor: 3, baseline: 6h, min: 4}"))
    # Usual traffic: 2 articles an hour for 6 hours.
    for n in range(12):
        assert desk.arrive(article(n), at(30 * n)) == []
    # Then a burst: 5 within the hour are more than the minimum but less than 3 times the usual 2.
    for n in range(12, 17):
        assert desk.arrive(article(n, "sahel"), at(400 + n - 12)) == []
    [opened] = desk.arrive(article(17, "nile"), at(405))
    assert opened.volume is not None and opened.volume["kind"] == "spike"
    assert opened.volume["count"] == 6 and opened.volume["baseline"] == 2.0 and opened.volume["factor"] == 3.0
    # The hour passes with nothing new: the rate is back under 3 times the baseline.
    [resolved] = desk.tick(at(460))
    assert resolved.kind is AlertKind.resolved


def test_a_spike_needs_its_minimum_even_from_nothing() -> None:
    desk = Desk(volume_rule("spike: {within: 1h, factor: 3, baseline: 1d, min: 3}"))
    desk.arrive(article(1), at(0))
    assert desk.arrive(article(2), at(1)) == []
    [opened] = desk.arrive(article(3), at(2))  # no articles the day before: 3 is the minimum and a spike
    assert opened.volume is not None and opened.volume["baseline"] == 0.0


# -- flatline ----------------------------------------------------------------------------------------------


def test_a_flatline_fires_on_the_clock_and_recovers_when_articles_come_back() -> None:
    desk = Desk(volume_rule("flatline: {below: 2, within: 1h}"))
    assert desk.arrive(article(1), at(0)) == []  # one article, but not yet watched for a whole hour
    assert desk.tick(at(30)) == []
    desk.arrive(article(2), at(40))
    assert desk.kinds == []  # two within the hour
    desk.tick(at(99))  # only the one at 40 is within the hour, and the place has been watched for longer
    assert desk.kinds == [AlertKind.opened]
    [flat] = desk.alerts
    assert flat.volume is not None and flat.volume == {
        "kind": "flatline",
        "count": 1,
        "sources": 1,
        "within_seconds": 3600.0,
        "below": 2,
    }
    assert flat.articles[-1].article_id == "gulf-2"  # the last heard of it
    assert desk.tick(at(200)) == []  # still silent: no second alert
    desk.arrive(article(3), at(210))
    [recovered] = desk.arrive(article(4), at(211))
    assert recovered.kind is AlertKind.resolved and recovered.id == flat.id


def test_a_flatline_state_is_never_idle_and_a_quiet_frequency_state_is_once_its_cooldown_passed() -> None:
    flat = volume_rule("flatline: {below: 1, within: 1h}")
    assert flat.volume is not None
    state = observe(None, flat.volume, article(1), at(0), at(0))
    assert not idle(state, flat, at(1000))
    frequency = volume_rule("frequency: {count: 2, within: 1h}")  # cooldown 30m
    assert frequency.volume is not None
    state = observe(None, frequency.volume, article(1), at(0), at(0))
    assert not idle(state, frequency, at(59)) and idle(state, frequency, at(60))
    # A story opened at 50 keeps its counts until the cooldown ends at 80, whatever the window says.
    opened = replace(state, last_opened=at(50).timestamp())
    assert not idle(opened, frequency, at(79)) and idle(opened, frequency, at(80))


# -- bounded state, under any arrival sequence -----------------------------------------------------------

VOLUMES: list[Volume] = [
    Frequency(count=4, within=timedelta(minutes=10), sources=2),
    Spike(within=timedelta(minutes=10), factor=2.5, baseline=timedelta(minutes=30), min_count=2),
    Flatline(below=3, within=timedelta(minutes=10)),
]
ARRIVALS = st.lists(
    st.tuples(
        st.integers(0, 200),  # article number (repeats are redeliveries)
        st.integers(0, 80),  # outlet
        st.floats(-1000, 5000, allow_nan=False),  # the clock, in seconds from T0: it may go back
        st.floats(-2000, 2000, allow_nan=False),  # the article's time relative to the clock
    ),
    max_size=150,
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(VOLUMES), ARRIVALS)
def test_the_state_stays_bounded_and_counts_never_go_negative(
    volume: Volume, arrivals: list[tuple[int, int, float, float]]
) -> None:
    rule = Rule(id="in-the-news", title="t", when=Phrase(text="x"), volume=volume)
    state: VolumeState | None = None
    story: Story | None = None
    for n, source, clock, offset in arrivals:
        now = T0 + timedelta(seconds=clock)
        state = observe(state, volume, article(n, f"s{source}"), now + timedelta(seconds=offset), now)
        settled = settle(state, story, rule, now)
        state, story = settled.state, settled.story
        state = VolumeState.from_dict(json.loads(json.dumps(state.to_dict())))
        reading = read(state, volume, now)
        assert reading.count >= 0 and all(n > 0 for _, n in state.slices)
        assert len(state.sources) <= MAX_VOLUME_SOURCES and len(state.sample) <= SAMPLE
        match volume:
            case Frequency(count=keep) | Flatline(below=keep):
                assert len(state.times) <= keep and reading.count <= keep
            case Spike():
                assert len(state.slices) <= SLICES * (1 + 3) + 1
        if story is not None:
            assert story.article_count >= 0 and len(story.pieces) <= SAMPLE


# -- the rule file -----------------------------------------------------------------------------------------


def test_the_three_volume_conditions_load() -> None:
    frequency = volume_rule("frequency: {count: 5, sources: 3, within: 1h}").volume
    assert isinstance(frequency, Frequency) and (frequency.count, frequency.sources) == (5, 3)
    assert frequency.within == timedelta(hours=1) and frequency.location is not None
    spike = volume_rule("spike: {within: 1h, factor: 2.5, baseline: 1d, min: 4}").volume
    assert isinstance(spike, Spike) and (spike.factor, spike.baseline, spike.min_count) == (2.5, timedelta(days=1), 4)
    flat = volume_rule("flatline: {below: 1, within: 6h}").volume
    assert isinstance(flat, Flatline) and (flat.below, flat.within) == (1, timedelta(hours=6))


def rule_text(volume: str, extra: str = "") -> str:
    return (
        ENTITIES
        + f"rules:\n  - id: r\n    title: t\n    when: {{entity: place}}\n    group_by: [place]\n{extra}    {volume}\n"
    )


@pytest.mark.parametrize(
    ("volume", "extra", "expected"),
    [
        (
            "frequency: {count: 5, within: 1h, sorces: 2}",
            "",
            "rules.yaml:10:39: error: unknown key 'sorces' in 'frequency' of rule 'r' (hint: did you mean 'sources'?)",
        ),
        (
            "frequncy: {count: 5, within: 1h}",
            "",
            "rules.yaml:10:5: error: unknown key 'frequncy' in a rule (hint: did you mean 'frequency'?)",
        ),
        (
            "frequency: {count: 5}",
            "",
            "rules.yaml:10:16: error: rule 'r': 'frequency' needs 'within' (hint: e.g. {count: 5, within: 1h})",
        ),
        ("frequency: {count: 0, within: 1h}", "", "rules.yaml:10:24: error: 'frequency: count' must be between 1"),
        ("frequency: {count: many, within: 1h}", "", "rules.yaml:10:24: error: 'frequency: count' must be a whole"),
        ("frequency: {count: 5000, within: 1h}", "", "'frequency: count' must be between 1 and 1000, not 5000"),
        ("frequency: {count: 5, within: 1h, sources: 0}", "", "rules.yaml:10:48: error: 'frequency: sources' must be"),
        ("frequency: {count: 5, within: 1h, sources: 99}", "", "'frequency: sources' must be between 1 and 50"),
        (
            "frequency: {count: 2, within: 1h, sources: 3}",
            "",
            "rules.yaml:10:48: error: rule 'r': 'frequency: sources' (3) cannot exceed its count (2)",
        ),
        (
            "frequency: {count: 5, within: 1hour}",
            "",
            "rules.yaml:10:35: error: 'frequency: within' '1hour' is not a duration",
        ),
        ("frequency: {count: 5, within: 0s}", "", "rules.yaml:10:35: error: 'frequency: within' must be longer"),
        (
            "frequency: {count: 5, within: 100d}",
            "",
            "rules.yaml:10:35: error: rule 'r': 'frequency: within' must be at",
        ),
        ("frequency: [5, 1h]", "", "rules.yaml:10:16: error: 'frequency' of rule 'r' must be a mapping"),
        (
            "spike: {within: 1h, factor: 3, baseline: 1d}",
            "",
            "rules.yaml:10:12: error: rule 'r': 'spike' needs 'min'",
        ),
        (
            "spike: {within: 1h, factor: 1, baseline: 1d, min: 3}",
            "",
            "rules.yaml:10:33: error: 'spike: factor' must be",
        ),
        ("spike: {within: 1h, factor: x, baseline: 1d, min: 3}", "", "'spike: factor' must be a number, e.g. 3 or 2.5"),
        ("spike: {within: 1h, factor: .nan, baseline: 1d, min: 3}", "", "'spike: factor' must be a number"),
        (
            "spike: {within: 1h, factor: 5000, baseline: 1d, min: 3}",
            "",
            "'spike: factor' must be more than 1 and at most",
        ),
        ("spike: {within: 1h, factor: 3, baseline: 1d, min: 0}", "", "rules.yaml:10:55: error: 'spike: min' must be"),
        (
            "spike: {within: 1h, factor: 3, baseline: 90m, min: 3}",
            "",
            "rules.yaml:10:46: error: rule 'r': 'spike: baseline' must be 1 to 168 times its 'within', a whole number "
            "of times (hint: e.g. within: 1h, baseline: 1d)",
        ),
        ("spike: {within: 1h, factor: 3, baseline: 30m, min: 3}", "", "'spike: baseline' must be 1 to 168 times"),
        ("spike: {within: 1h, factor: 3, baseline: 8w, min: 3}", "", "'spike: baseline' must be 1 to 168 times"),
        ("flatline: {below: 0, within: 1h}", "", "rules.yaml:10:23: error: 'flatline: below' must be between 1"),
        ("flatline: {within: 1h}", "", "rules.yaml:10:15: error: rule 'r': 'flatline' needs 'below'"),
        (
            "flatline: {below: 1, within: 1h}",
            "    frequency: {count: 2, within: 1h}\n",
            "rules.yaml:11:5: error: rule 'r': a rule takes one of frequency, spike, flatline, not frequency and "
            "flatline (hint: write a rule for each)",
        ),
        (
            "frequency: {count: 2, within: 1h}",
            "    window: 2h\n",
            "rules.yaml:10:5: error: rule 'r': 'window' does not go with 'frequency' (hint: a volume rule's alert ends "
            "when its condition stops holding; its window is 'frequency: within')",
        ),
        ("frequency: {count: 2, within: 1h}", "    corroboration: [1, 3]\n", "'corroboration' does not go with"),
    ],
)
def test_each_bad_volume_value_is_reported_where_it_is(volume: str, extra: str, expected: str, tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(rule_text(volume, extra), encoding="utf-8")
    ruleset, problems = check_rules([tmp_path])
    assert ruleset is None
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in problems]
    assert any(expected in m for m in messages), messages


def test_control_does_not_go_with_a_volume_condition(tmp_path: Path) -> None:
    text = (
        "entities:\n  place:\n    homs: [Homs]\n  actor:\n    army: [army]\n"
        "rules:\n  - id: r\n    title: t\n    when: {all: [{entity: place}, {entity: actor}]}\n"
        "    control: {gained: [took]}\n    frequency: {count: 2, within: 1h}\n"
    )
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    _, problems = check_rules([tmp_path])
    assert any("rules.yaml:10:5: error: rule 'r': 'control' does not go with 'frequency'" in str(p) for p in problems)


# -- the documentation's example ---------------------------------------------------------------------------


def documented_example() -> str:
    """The YAML block of docs/rules.md's section on volume rules."""
    text = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    section = text.split("## Volume: ", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_documented_volume_rules_load_and_their_examples_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "volume.yaml").write_text(documented_example(), encoding="utf-8")
    assert main(["rules", "test", str(tmp_path)]) == 0, capsys.readouterr()
    kinds = {rule.id: type(rule.volume) for rule in load_rules([tmp_path]).rules}
    assert kinds == {"unrest-wave": Frequency, "suddenly-in-the-news": Spike, "derna-went-quiet": Flatline}


def test_volume_alerts_follow_the_webhook_schema() -> None:
    schema = json.loads((Path(__file__).parent.parent / "docs" / "webhook.schema.json").read_text())
    hook = parse_destinations(
        {
            "hook": {
                "type": "webhook",
                "url": "https://example.org/h",
                "secret": "whsec_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LQ==",
            }
        },
        {},
    )["hook"]
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for volume in ("frequency: {count: 1, within: 1h}", "spike: {within: 1h, factor: 2, baseline: 2h, min: 1}"):
        desk = Desk(volume_rule(volume))
        [opened] = desk.arrive(article(1), at(0))
        [resolved] = desk.tick(at(120))
        for alert in (opened, resolved):
            validator.validate(json.loads(build_request(alert, hook).body))
    desk = Desk(volume_rule("flatline: {below: 1, within: 1h}"))
    desk.arrive(article(1), at(0))
    [flat] = desk.tick(at(61))
    validator.validate(json.loads(build_request(flat, hook).body))


def test_explain_says_that_a_volume_rule_counts_its_matches(tmp_path: Path) -> None:
    (tmp_path / "volume.yaml").write_text(documented_example(), encoding="utf-8")
    compiled = compile_rules(load_rules([tmp_path]))
    article = Article.create(title="", body="Gunfire and clashes were heard across Benghazi overnight.", source="x")
    explanation = explain(compiled, "unrest-wave", article)
    assert explanation.decision == (
        "match (place=benghazi); the rule counts its matches and alerts on at least 5 matching articles from 3 "
        "outlets within 2h"
    )
    spike = explain(compiled, "suddenly-in-the-news", article).decision
    assert spike.endswith("at least 5 matching articles within 1h, and 3 times the mean per 1h over the 1d before")
    quiet = explain(compiled, "derna-went-quiet", Article.create(title="Derna", body="", source="x")).decision
    assert quiet.endswith("alerts on no matching article within 6h")
