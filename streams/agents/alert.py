"""The alert agent: ``matches`` → stories (a Faust table) → ``alerts``.

Story policy is pure (:mod:`streams.alerting.story`); this agent keeps each
story in the ``stories`` table, keyed like ``matches`` (``Match.story_key``) so a
story lives on the partition its matches arrive on, and writes the alerts the
policy calls for. A match that carries a claim first updates its place's control
state, kept in the same table (:mod:`streams.alerting.control`); a claim that
changes nothing opens no story, and one that does retitles the story ("Homs:
Syrian army → opposition factions …") and notifies when the change is news.
A match arrives at its ``matches`` record's timestamp (when the match stage read
the article; the same when it is processed again); the story policy dates it by
its article (:func:`~streams.alerting.story.event_time`), and a stale match opens
no story and is counted (``newsalert_stale_matches_total``).
Stories that went quiet are resolved on ticks: the leader sends one tick to
each partition of the ``ticks`` topic (co-partitioned with ``matches``, read by
the same agent) every ``resolve_interval``, and the worker that owns the
partition resolves that partition's expired stories, so every table change is
written to the changelog partition it belongs to.

A match of a volume rule (``frequency``, ``spike``, ``flatline``) is counted instead
(:mod:`streams.alerting.volume`): its group's counts are kept in the same table under
:func:`~streams.app.volume_key` of its story key, and its story opens and resolves as the count
says, after each match and on each tick (a flatline is news when nothing arrives); a match counts at
its article's date too.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.attention import silenced
from streams.alerting.control import ControlState, claim_news
from streams.alerting.story import Policies, Story, apply_match, event_time, expire, is_stale
from streams.alerting.volume import VolumeState, idle, observe, settle
from streams.app import CONTROL_PREFIX, VOLUME_PREFIX, Pipeline, control_key, volume_key
from streams.deadletter import DeadLetter
from streams.metrics import ALERTS, ALERTS_SILENCED, CONTROL_CLAIMS, STALE_MATCHES, VOLUME_GROUPS, bounded
from streams.records import to_json
from streams.ruleset.matches import Match
from streams.ruleset.model import Rule

log = logging.getLogger(__name__)
STAGE = "alert"


async def send_alert(pipeline: Pipeline, alert: Alert, story: Story, now: datetime) -> None:
    """Write one alert revision to ``alerts`` (keyed by alert id, so its revisions stay in order), unless an
    analyst silenced its ``story`` at ``now`` (:mod:`streams.alerting.attention`)."""
    if silenced(story, now):
        ALERTS_SILENCED.labels(bounded("rule", alert.rule), alert.kind.value).inc()
        return
    await pipeline.alerts.send(key=alert.id.encode(), value=to_json(alert))
    ALERTS.labels(bounded("rule", alert.rule), alert.severity, alert.kind.value).inc()


def install(pipeline: Pipeline) -> None:
    """Register the alert agent and its tick timer on ``pipeline.app``."""
    app = pipeline.app
    stories = pipeline.stories
    policies = Policies()  # rebuilt whenever the rules are reloaded

    matches_topic = pipeline.matches.get_topic_name()
    ticks_topic = pipeline.ticks.get_topic_name()
    source = app.topic(
        matches_topic, ticks_topic, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw"
    )

    @app.agent(source, name="alert")
    async def alert(stream: Any) -> None:
        # Acknowledged by hand once the event was processed or dead-lettered, so that only then its
        # offset can be committed.
        async for event in stream.noack().events():
            if event.message.topic == ticks_topic:
                await resolve_quiet(event.message.partition)
            else:
                await process(event)
            event.ack()

    async def process(event: Any) -> None:
        key = event.key.decode("utf-8", "replace") if event.key else None
        try:
            match = Match.from_dict(json.loads(event.value))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            await pipeline.dead_letters.add(
                DeadLetter.of(
                    STAGE, "invalid_match", event.value or b"", detail=f"{type(error).__name__}: {error}", key=key
                )
            )
            return
        try:
            await apply(match, datetime.fromtimestamp(event.message.timestamp, UTC))
        except Exception as error:  # a bug must cost one match, kept with its reason, not the worker
            log.exception("applying match of rule %s to story %s failed", match.rule, match.story_key)
            await pipeline.dead_letters.add(
                DeadLetter.of(STAGE, "alert_failed", event.value or b"", detail=repr(error)[:500], key=key)
            )

    async def apply(match: Match, now: datetime) -> None:
        rule = pipeline.rules.ruleset.rules_by_id.get(match.rule)
        if rule is not None and rule.volume is not None and match.claim is None:
            known = stories.get(volume_key(match.story_key))
            at = event_time(match, now)
            counts = observe(VolumeState.from_dict(known) if known else None, rule.volume, match, at, now)
            await settle_volume(match.story_key, counts, known, rule, now)
            return
        policy = policies.of(pipeline.rules.ruleset, match.rule)
        if is_stale(match, policy, now):
            STALE_MATCHES.labels(bounded("rule", match.rule)).inc()
        news = None
        if match.claim is not None:
            place = match.claim.place
            known = stories.get(control_key(place))
            state, news = claim_news(
                ControlState.from_dict(known) if known else None, match, pipeline.rules.ruleset, now
            )
            CONTROL_CLAIMS.labels(news.control["change"] if news else "none").inc()
            if news is None:
                return  # the claim changes nothing: no story, no alert
            stories[control_key(place)] = state.to_dict()
        key = match.story_key
        stored = stories.get(key)
        story = Story.from_dict(stored) if stored else None
        updated, alerts = apply_match(story, match, policy, now, news)
        if updated is None:
            if story is not None:
                del stories[key]  # resolved, and the stale match opened no new story
        elif updated is not story:
            stories[key] = updated.to_dict()
        for revision in alerts:
            shown = story if revision.resolved or updated is None else updated
            assert shown is not None  # an alert has its story: the one it opened, or the one it resolved
            await send_alert(pipeline, revision, shown, now)

    async def settle_volume(
        key: str, state: VolumeState, known: dict[str, Any] | None, rule: Rule, now: datetime
    ) -> None:
        """Store what ``state`` makes of the story ``key`` at ``now`` (``known``: the state as stored), and alert."""
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
        for revision in settled.alerts:
            assert shown is not None  # an alert has its story: the one it opened, or the one it resolved
            await send_alert(pipeline, revision, shown, now)

    async def resolve_quiet(partition: int) -> None:
        now = datetime.now(UTC)
        ruleset = pipeline.rules.ruleset
        groups = 0
        for key, stored in list(stories.items()):
            if key.startswith(CONTROL_PREFIX):
                continue  # who controls a place: state, not a story; it never expires
            story_key = key.removeprefix(VOLUME_PREFIX)
            groups += story_key != key
            if app.producer.key_partition(matches_topic, story_key.encode()).partition != partition:
                continue  # another partition's story: resolved on that partition's tick
            rule = ruleset.rules_by_id.get(stored["rule"])
            if story_key != key:
                if rule is not None and rule.volume is not None:
                    await settle_volume(story_key, VolumeState.from_dict(stored), stored, rule, now)
                else:
                    del stories[key]  # its rule no longer counts; its story, if open, ends with its window
                continue
            if rule is not None and rule.volume is not None and stored.get("volume") is not None:
                continue  # a volume rule's story ends when its count says, settled with its counts
            story = Story.from_dict(stored)
            resolved = expire(story, now)
            if resolved is not None:
                del stories[key]
                await send_alert(pipeline, resolved, story, now)
        VOLUME_GROUPS.set(groups)

    @app.timer(pipeline.settings.resolve_interval)
    async def tick() -> None:
        if not app.is_leader():
            return
        for partition in range(pipeline.settings.partitions):
            await pipeline.ticks.send(key=None, value=b"", partition=partition)
