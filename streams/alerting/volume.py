"""Volume rules: alerts on how many matches of a rule arrive per group, pure state and policy, time passed in.

A rule with ``frequency``, ``spike`` or ``flatline`` (:data:`streams.ruleset.model.Volume`) does not open a
story per matching article. The alert agent keeps one :class:`VolumeState` per story key (rule and group
key, e.g. ``place=benghazi``), feeds it every match with :func:`observe`, and asks :func:`settle`, after
each match and on every tick, whether the condition holds:

- it starts holding: the story opens (``opened``), unless the rule's cooldown since the last opening
  has not passed;
- it keeps holding: the story's counts and evidence follow silently;
- it stops holding: the story resolves (``resolved``). A flatline stops when articles come back.

The state is bounded whatever arrives: a frequency or flatline keeps only the latest ``count``/``below``
arrival times (enough to tell whether that many fall in the window), a spike keeps counts per slice of a
quarter of its window over the window and its baseline, outlets are capped at
:data:`~streams.ruleset.limits.MAX_VOLUME_SOURCES` and the evidence at :data:`SAMPLE` articles.

Times are epoch seconds in the state (a table value written on every match). An article counts while it
is younger than the window: at ``now``, the window is ``(now - within, now]``. An arrival time later
than ``now`` counts as ``now``; one already out of the window and the baseline counts for nothing.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, assert_never

from streams.alerting.alert import Alert, AlertKind, alert_id, utc
from streams.alerting.story import EvidencePiece, Story, evidence_piece, named, story_alert
from streams.ruleset.limits import MAX_VOLUME_SOURCES
from streams.ruleset.matches import Match
from streams.ruleset.model import Flatline, Frequency, Rule, Spike, Volume

# The latest articles counted, kept as the alert's evidence.
SAMPLE = 5
# Article ids remembered so that a match delivered twice (at-least-once processing) counts once.
RECENT_ARTICLES = 64
# A spike counts in slices of its window: its window slides by a quarter of its length.
SLICES = 4


@dataclass(frozen=True, kw_only=True)
class VolumeState:
    """What one group of a volume rule has seen, stored as a Faust table value (see :meth:`to_dict`).

    ``times``: the latest arrival times, oldest first (frequency and flatline); ``slices``: (slice index,
    articles) oldest first (spike); ``sources``: (outlet, its latest arrival), latest last; ``sample``: the
    latest articles counted; ``since``: the first arrival, from which a flatline is judged;
    ``last_opened``: when its story last opened.
    """

    rule: str
    group_key: str
    title: str
    bindings: dict[str, str]
    severity: str
    since: float
    times: tuple[float, ...] = ()
    slices: tuple[tuple[int, int], ...] = ()
    sources: tuple[tuple[str, float], ...] = ()
    sample: tuple[EvidencePiece, ...] = ()
    recent_articles: tuple[str, ...] = ()
    last_opened: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = dict(vars(self))
        data["bindings"] = dict(self.bindings)
        data["times"] = list(self.times)
        data["slices"] = [list(s) for s in self.slices]
        data["sources"] = [list(s) for s in self.sources]
        data["sample"] = [p.to_dict() for p in self.sample]
        data["recent_articles"] = list(self.recent_articles)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VolumeState:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        values["times"] = tuple(values["times"])
        values["slices"] = tuple((int(i), int(n)) for i, n in values["slices"])
        values["sources"] = tuple((str(s), float(t)) for s, t in values["sources"])
        values["sample"] = tuple(EvidencePiece.from_dict(p) for p in values["sample"])
        values["recent_articles"] = tuple(values["recent_articles"])
        return cls(**values)


@dataclass(frozen=True)
class Reading:
    """What a volume condition sees at one moment: the articles and outlets in its window, and whether it holds.

    ``baseline`` (a spike's) is the mean count per window over its baseline.
    """

    volume: Volume
    count: int
    sources: tuple[str, ...]
    holds: bool
    baseline: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """What an alert shows of it: the kind, the counts and the thresholds they were held against."""
        data: dict[str, Any] = {
            "kind": kind(self.volume),
            "count": self.count,
            "sources": len(_named(self.sources)),
            "within_seconds": self.volume.within.total_seconds(),
        }
        match self.volume:
            case Frequency(count=count, sources=sources):
                data |= {"needs": count, "needs_sources": sources}
            case Spike(factor=factor, min_count=minimum, baseline=baseline):
                data |= {
                    "needs": minimum,
                    "factor": factor,
                    "baseline": self.baseline,
                    "baseline_seconds": baseline.total_seconds(),
                }
            case Flatline(below=below):
                data |= {"below": below}
            case _:
                assert_never(self.volume)
        return data


@dataclass(frozen=True)
class Settled:
    """What :func:`settle` decided: the state and story to store (a None story is removed), the alerts to send."""

    state: VolumeState
    story: Story | None
    alerts: tuple[Alert, ...]


def kind(volume: Volume) -> str:
    """The rule-file key of a volume condition: ``frequency``, ``spike`` or ``flatline``."""
    match volume:
        case Frequency():
            return "frequency"
        case Spike():
            return "spike"
        case Flatline():
            return "flatline"
        case _:
            assert_never(volume)


def observe(state: VolumeState | None, volume: Volume, match: Match, at: datetime, now: datetime) -> VolumeState:
    """``state`` after ``match``, which arrived at ``at``, counted at ``now`` (``state`` None: the group's first).

    A match of an article the state already counted changes nothing.
    """
    moment = min(_seconds(at), _seconds(now))
    clock = _seconds(now)
    if state is None:
        state = VolumeState(
            rule=match.rule,
            group_key=match.group_key,
            title=match.rule_title or match.rule,
            bindings=dict(match.bindings),
            severity=match.severity,
            since=moment,
        )
    elif match.article_id in state.recent_articles:
        return state
    state = replace(
        _prune(state, volume, clock),
        title=match.rule_title or match.rule,
        bindings=dict(match.bindings),
        severity=match.severity,
        since=min(state.since, moment),
        recent_articles=(*state.recent_articles, match.article_id)[-RECENT_ARTICLES:],
    )
    if moment <= clock - _horizon(volume):
        return state  # too old to count in any window this state still reads
    piece = evidence_piece(match, datetime.fromtimestamp(moment, UTC))
    source = piece.article.source
    sources = [(s, t) for s, t in state.sources if s != source]
    latest = max((t for s, t in state.sources if s == source), default=moment)
    sources.append((source, max(latest, moment)))
    if len(sources) > MAX_VOLUME_SOURCES:
        sources.remove(min(sources, key=lambda item: item[1]))
    times, slices = state.times, state.slices
    match volume:
        case Frequency(count=keep) | Flatline(below=keep):
            ordered = list(times)
            bisect.insort(ordered, moment)
            times = tuple(ordered[-keep:])
        case Spike():
            index = _slice(volume, moment)
            counts = dict(slices)
            counts[index] = counts.get(index, 0) + 1
            slices = tuple(sorted(counts.items()))
        case _:
            assert_never(volume)
    return replace(state, times=times, slices=slices, sources=tuple(sources), sample=(*state.sample, piece)[-SAMPLE:])


def read(state: VolumeState, volume: Volume, now: datetime) -> Reading:
    """What ``volume`` sees in ``state`` at ``now``."""
    clock = _seconds(now)
    start = clock - volume.within.total_seconds()
    sources = tuple(s for s, t in state.sources if start < t <= clock)
    match volume:
        case Frequency(count=count, sources=needed):
            seen = sum(1 for t in state.times if start < t <= clock)
            return Reading(volume, seen, sources, seen >= count and len(_named(sources)) >= needed)
        case Flatline(below=below):
            seen = sum(1 for t in state.times if start < t <= clock)
            # Judged only once the group has been watched for a whole window: its first article is not a silence.
            return Reading(volume, seen, sources, seen < below and state.since <= start)
        case Spike(factor=factor, min_count=minimum, baseline=baseline):
            current = _slice(volume, clock)
            windows = baseline / volume.within
            first = current - SLICES + 1
            seen = sum(n for i, n in state.slices if first <= i <= current)
            before = sum(n for i, n in state.slices if first - SLICES * windows <= i < first)
            usual = before / windows
            return Reading(volume, seen, sources, seen >= minimum and seen >= factor * usual, baseline=usual)
        case _:
            assert_never(volume)


def settle(state: VolumeState, story: Story | None, rule: Rule, now: datetime) -> Settled:
    """Open, follow or resolve the story of ``state``'s group at ``now``, as ``rule``'s volume condition says.

    ``story`` is the group's story as stored (None when none is open). The state that comes back is pruned
    to what the condition can still read.
    """
    volume = rule.volume
    if volume is None:
        raise ValueError(f"rule {rule.id} has no volume condition")
    now = utc(now)
    state = _prune(state, volume, _seconds(now))
    reading = read(state, volume, now)
    if story is None:
        if not reading.holds:
            return Settled(state, None, ())
        if state.last_opened is not None and _seconds(now) - state.last_opened < rule.cooldown.total_seconds():
            return Settled(state, None, ())
        opened = _story(state, rule, reading, now)
        return Settled(replace(state, last_opened=_seconds(now)), opened, (story_alert(opened, AlertKind.opened, now),))
    if reading.holds:
        return Settled(state, _follow(story, state, rule, reading, now), ())
    resolved = replace(_follow(story, state, rule, reading, now), revision=story.revision + 1, ends_at=now)
    return Settled(state, None, (story_alert(resolved, AlertKind.resolved, now),))


def idle(state: VolumeState, rule: Rule, now: datetime) -> bool:
    """Whether ``state`` (with no story open) can be forgotten at ``now``: nothing it holds counts any more, and
    the cooldown since its story last opened has passed (forgetting that would let the story reopen early).

    A flatline's state is never idle: its silence is what it watches.
    """
    volume = rule.volume
    clock = _seconds(now)
    if state.last_opened is not None and clock - state.last_opened < rule.cooldown.total_seconds():
        return False
    match volume:
        case None | Flatline():
            return False
        case Frequency() | Spike():
            return not _prune(state, volume, clock).sources
        case _:
            assert_never(volume)


def _story(state: VolumeState, rule: Rule, reading: Reading, now: datetime) -> Story:
    return _follow(
        Story(
            alert_id=alert_id(state.rule, state.group_key, now),
            rule=state.rule,
            group_key=state.group_key,
            title=state.title,
            bindings=dict(state.bindings),
            severity=state.severity,
            notify=rule.notify,
            opened_at=now,
            last_seen=now,
            # Alertmanager ends an alert by itself at ends_at; a count that still holds then is not re-sent.
            ends_at=now + reading.volume.within,
            revision=1,
            article_count=0,
            evidence_count=0,
            sources=(),
            independent_sources=(),
            pieces=(),
            recent_articles=(),
            last_notified_at=now,
            level=0,
        ),
        state,
        rule,
        reading,
        now,
    )


def _follow(story: Story, state: VolumeState, rule: Rule, reading: Reading, now: datetime) -> Story:
    """``story`` showing ``reading`` and the latest articles counted.

    Its ``article_count`` starts at the count that opened it and grows by every article counted since
    (a frequency's reading stops at the count it needs).
    """
    last = max((t for _, t in state.sources), default=None)
    new = [p.article.article_id for p in state.sample if p.article.article_id not in story.recent_articles]
    return replace(
        story,
        title=state.title,
        bindings=dict(state.bindings),
        severity=state.severity,
        notify=rule.notify,
        last_seen=datetime.fromtimestamp(last, UTC) if last is not None else story.last_seen,
        article_count=story.article_count + len(new) if story.recent_articles else reading.count,
        recent_articles=(*story.recent_articles, *new)[-RECENT_ARTICLES:],
        evidence_count=len(state.sample),
        sources=reading.sources,
        independent_sources=_named(reading.sources),
        pieces=state.sample,
        volume=reading.to_dict(),
    )


def _named(sources: tuple[str, ...]) -> tuple[str, ...]:
    """The outlets among ``sources`` that can corroborate: an article with no source and no link cannot."""
    return tuple(s for s in sources if named(s))


def _prune(state: VolumeState, volume: Volume, clock: float) -> VolumeState:
    """``state`` without what falls before every window it can still read at ``clock``.

    The clock is never taken to be earlier than the latest arrival held, so a clock that goes back and
    forth cannot keep slices from two horizons at once.
    """
    clock = max([clock, *(t for _, t in state.sources)])
    start = clock - _horizon(volume)
    times = tuple(t for t in state.times if t > start)
    sources = tuple((s, t) for s, t in state.sources if t > start)
    slices = state.slices
    if isinstance(volume, Spike):
        first = _slice(volume, clock) - SLICES * (1 + int(volume.baseline / volume.within)) + 1
        slices = tuple((i, n) for i, n in slices if i >= first)
    if times == state.times and sources == state.sources and slices == state.slices:
        return state
    return replace(state, times=times, sources=sources, slices=slices)


def _horizon(volume: Volume) -> float:
    """How far back (seconds) anything still counts: the window, and a spike's baseline before it."""
    match volume:
        case Frequency() | Flatline():
            return volume.within.total_seconds()
        case Spike():
            return (volume.within + volume.baseline).total_seconds()
        case _:
            assert_never(volume)


def _slice(spike: Spike, seconds: float) -> int:
    return math.floor(seconds / (spike.within.total_seconds() / SLICES))


def _seconds(moment: datetime) -> float:
    return utc(moment).timestamp()
