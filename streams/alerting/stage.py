"""The alert stage's step, pure: what one match or one tick does to the stories table, and the alerts it sends.

The alert agent (:mod:`streams.agents.alert`) runs these over its Faust table and sends what they
return; ``newsalert eval --replay`` (:mod:`streams.replay`) runs them over a dict, so what a replay
reports is what the worker would have sent. The table maps keys to JSON-ready values: a story under
its story key (:attr:`~streams.ruleset.matches.Match.story_key`), a place's control state under
:func:`control_key`, a volume rule's counts under :func:`volume_key` of its story's key. Nothing here
reads a clock: the caller passes the arrival of a match, or the time of a tick.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.control import ControlState, claim_news
from streams.alerting.story import Policies, Story, apply_match, event_time, expire, is_stale
from streams.alerting.volume import VolumeState, idle, observe, settle
from streams.ruleset.matches import Match
from streams.ruleset.model import Rule, RuleSet

# Who controls a place is kept in the stories table, not a table of its own: a table whose changelog
# is still empty stalled Faust's recovery after a rebalance now and then (faust-streaming #597),
# and with few control rules that is the usual state of such a table.
CONTROL_PREFIX = "control-state|"
# What a volume rule has counted for one group is kept there too, beside the group's story.
VOLUME_PREFIX = "volume-state|"

# The stories table: a Faust table in the worker, a dict in a replay.
Stories = MutableMapping[str, Any]


def control_key(place: str) -> str:
    """The stories-table key under which a place's control state is kept."""
    return CONTROL_PREFIX + place


def volume_key(story_key: str) -> str:
    """The stories-table key under which a volume rule's counts for the story ``story_key`` are kept."""
    return VOLUME_PREFIX + story_key


@dataclass(frozen=True)
class Sent:
    """One alert revision to send, with the story it is about (an analyst's silence is judged on it)."""

    alert: Alert
    story: Story


@dataclass(frozen=True)
class Step:
    """What one match did to the table: the revisions to send, and what the agent counts.

    ``stale``: the match's event was older than its rule's window at arrival. ``change``: for a match
    with a claim, what the claim did to its place (a :class:`~streams.alerting.control.ChangeKind`
    value, or ``"none"`` when it changed nothing, so no story heard of it); None for a match without one.
    """

    sent: tuple[Sent, ...] = ()
    stale: bool = False
    change: str | None = None


def take_match(stories: Stories, match: Match, ruleset: RuleSet, policies: Policies, arrival: datetime) -> Step:
    """Apply ``match``, arrived at ``arrival``, to ``stories``: its place's control, its story or its counts."""
    rule = ruleset.rules_by_id.get(match.rule)
    if rule is not None and rule.volume is not None and match.claim is None:
        known = stories.get(volume_key(match.story_key))
        counts = observe(
            VolumeState.from_dict(known) if known else None, rule.volume, match, event_time(match, arrival), arrival
        )
        return Step(settle_volume(stories, match.story_key, counts, known, rule, arrival))
    policy = policies.of(ruleset, match.rule)
    stale = is_stale(match, policy, arrival)
    news = None
    change = None
    if match.claim is not None:
        place = match.claim.place
        known = stories.get(control_key(place))
        state, news = claim_news(ControlState.from_dict(known) if known else None, match, ruleset, arrival)
        if (stored_state := state.to_dict()) != known:
            stories[control_key(place)] = stored_state
        if news is None:
            # No change to tell (though the state may have grown: a challenge, an outlet backing the holder).
            return Step(stale=stale, change="none")
        change = news.control["change"]
    key = match.story_key
    stored = stories.get(key)
    story = Story.from_dict(stored) if stored else None
    updated, alerts = apply_match(story, match, policy, arrival, news)
    if updated is None:
        if story is not None:
            del stories[key]  # resolved, and the stale match opened no new story
    elif updated is not story:
        stories[key] = updated.to_dict()
    sent = []
    for revision in alerts:
        shown = story if revision.resolved or updated is None else updated
        assert shown is not None  # an alert has its story: the one it opened, or the one it resolved
        sent.append(Sent(revision, shown))
    return Step(tuple(sent), stale=stale, change=change)


def settle_volume(
    stories: Stories, key: str, state: VolumeState, known: dict[str, Any] | None, rule: Rule, now: datetime
) -> tuple[Sent, ...]:
    """Store what ``state`` makes of the story ``key`` at ``now`` (``known``: the counts as stored); its alerts."""
    stored = stories.get(key)
    before = Story.from_dict(stored) if stored else None
    settled = settle(state, before, rule, now)
    if settled.story is None and idle(settled.state, rule, now):
        if known is not None:
            del stories[volume_key(key)]  # nothing it holds counts any more
    elif (counts := settled.state.to_dict()) != known:
        stories[volume_key(key)] = counts
    if settled.story is None:
        if stored is not None:
            del stories[key]
    elif (story := settled.story.to_dict()) != stored:
        stories[key] = story
    shown = settled.story if settled.story is not None else before
    sent = []
    for revision in settled.alerts:
        assert shown is not None  # an alert has its story: the one it opened, or the one it resolved
        sent.append(Sent(revision, shown))
    return tuple(sent)


@dataclass(frozen=True)
class Tick:
    """What a tick did: the revisions to send (stories resolved, volume stories settled) and the volume groups."""

    sent: tuple[Sent, ...]
    volume_groups: int


def take_tick(stories: Stories, ruleset: RuleSet, now: datetime, owns: Callable[[str], bool]) -> Tick:
    """Resolve the stories of ``stories`` that went quiet by ``now`` and settle the volume stories.

    Only the story keys ``owns`` accepts are touched (the worker: those of the tick's partition); a place's
    control state is state, not a story, and never expires.
    """
    sent: list[Sent] = []
    groups = 0
    for key, stored in list(stories.items()):
        if key.startswith(CONTROL_PREFIX):
            continue
        story_key = key.removeprefix(VOLUME_PREFIX)
        groups += story_key != key
        if not owns(story_key):
            continue
        rule = ruleset.rules_by_id.get(stored["rule"])
        if story_key != key:
            if rule is not None and rule.volume is not None:
                sent += settle_volume(stories, story_key, VolumeState.from_dict(stored), stored, rule, now)
            else:
                del stories[key]  # its rule no longer counts; its story, if open, ends with its window
            continue
        if rule is not None and rule.volume is not None and stored.get("volume") is not None:
            continue  # a volume rule's story ends when its count says, settled with its counts
        story = Story.from_dict(stored)
        resolved = expire(story, now)
        if resolved is not None:
            del stories[key]
            sent.append(Sent(resolved, story))
    return Tick(tuple(sent), groups)
