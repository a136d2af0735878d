"""The alert agent: ``matches`` → stories (a Faust table) → ``alerts``.

Story policy is pure (:mod:`streams.alerting.story`), and so is what one match or one tick does to the
table (:mod:`streams.alerting.stage`, which ``newsalert eval --replay`` runs too); this agent keeps each
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
:func:`~streams.alerting.stage.volume_key` of its story key, and its story opens and resolves as the count
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
from streams.alerting.stage import take_match, take_tick
from streams.alerting.story import Policies, Story
from streams.app import Pipeline
from streams.deadletter import DeadLetter
from streams.metrics import ALERTS, ALERTS_SILENCED, CONTROL_CLAIMS, STALE_MATCHES, VOLUME_GROUPS, bounded
from streams.records import to_json
from streams.ruleset.matches import Match

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
        step = take_match(stories, match, pipeline.rules.ruleset, policies, now)
        if step.stale:
            STALE_MATCHES.labels(bounded("rule", match.rule)).inc()
        if step.change is not None:
            CONTROL_CLAIMS.labels(step.change).inc()
        for sent in step.sent:
            await send_alert(pipeline, sent.alert, sent.story, now)

    async def resolve_quiet(partition: int) -> None:
        def owns(story_key: str) -> bool:  # another partition's story is resolved on that partition's tick
            return bool(app.producer.key_partition(matches_topic, story_key.encode()).partition == partition)

        now = datetime.now(UTC)
        tick = take_tick(stories, pipeline.rules.ruleset, now, owns)
        for sent in tick.sent:
            await send_alert(pipeline, sent.alert, sent.story, now)
        VOLUME_GROUPS.set(tick.volume_groups)

    @app.timer(pipeline.settings.resolve_interval)
    async def tick() -> None:
        if not app.is_leader():
            return
        for partition in range(pipeline.settings.partitions):
            await pipeline.ticks.send(key=None, value=b"", partition=partition)
