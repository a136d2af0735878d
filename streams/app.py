"""The Faust app: topics, tables and the agents of one newsalert worker.

Records on every topic are our own typed dataclasses serialised as UTF-8 JSON
(``Article``, ``Match``, ``DeadLetter``), carried as raw bytes: Faust's own
deserialiser would drop or crash on a malformed message, and the match stage
must dead-letter it with the reason instead.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import faust
from aiokafka.errors import KafkaError
from faust.sensors.prometheus import setup_prometheus_sensors

from streams.articles.model import Article
from streams.articles.wire import article_key, encode_article
from streams.config import Settings
from streams.deadletter import TopicDeadLetters
from streams.errors import BrokerUnavailable
from streams.faust_fixes import Consumer, StreamSafeTableManager, close_idle_connections
from streams.metrics import RULES_LOADED
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import warm_up
from streams.secret import Secret

log = logging.getLogger(__name__)

# Bounded so a rebalance re-delivers little and one poll never outlasts max.poll.interval.
MAX_POLL_RECORDS = 500
# Kafka's classic default. Faust's 60 s makes every join slow: Tansu completes a join after
# half the session timeout (measured: 30 s at 60 s, 5 s at 10 s), and a dead worker's
# partitions wait a whole session timeout before they move.
SESSION_TIMEOUT = 10.0
HEARTBEAT_INTERVAL = 3.0


@dataclass
class Pipeline:
    """One worker's app and the things its agents share."""

    settings: Settings
    app: faust.App
    articles: faust.TopicT
    matches: faust.TopicT
    alerts: faust.TopicT
    deadletter: faust.TopicT
    feedstate: faust.TopicT
    ticks: faust.TopicT
    actions: faust.TopicT
    seen: Any
    stories: Any
    rules: CompiledRules
    dead_letters: TopicDeadLetters = field(init=False)

    def __post_init__(self) -> None:
        self.dead_letters = TopicDeadLetters(lambda key, value: acknowledged(self.deadletter, key, value))

    async def publish_article(self, article: Article) -> None:
        """Write ``article`` to ``articles`` keyed by its id; returns once the broker has it.

        Raises :class:`BrokerUnavailable` when the broker does not acknowledge it within
        :data:`ACK_TIMEOUT` seconds, so a producer never reports an article accepted that was lost.
        """
        await acknowledged(self.articles, article_key(article), encode_article(article))


# How long a producer waits for the broker to acknowledge one record before it reports the broker down.
ACK_TIMEOUT = 10.0


async def acknowledged(topic: faust.TopicT, key: bytes | None, value: bytes) -> None:
    """Send one record to ``topic`` and wait until the broker acknowledged it (raises :class:`BrokerUnavailable`).

    Faust's ``send`` only buffers the record; awaiting its future is what tells that it was written.
    """
    try:
        async with asyncio.timeout(ACK_TIMEOUT):
            pending = await topic.send(key=key, value=value)
            await pending
    except TimeoutError:
        raise BrokerUnavailable(
            f"the broker did not acknowledge a record on {topic.get_topic_name()} within {ACK_TIMEOUT:.0f} s"
        ) from None
    except KafkaError as error:
        raise BrokerUnavailable(f"the broker refused a record on {topic.get_topic_name()}: {error}") from None


STORIES_TABLE = "stories"


def changelog_topic(settings: Settings, table: str) -> str:
    """The changelog topic Faust keeps for ``table`` (read by ``GET /state`` on any worker, whatever its stages)."""
    return f"{settings.group_id}-{table}-changelog"


def settle_rules() -> None:
    """Put what the process holds now (the compiled rules above all) out of the cyclic collector's reach.

    Compiled rules are about a million long-lived objects; each full collection walks them all (0.43 s
    measured with the shipped rules), a pause in the middle of matching that frees nothing. Called once the
    rules are compiled and again after a reload, when the replaced rules must be freed first.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def faust_app(settings: Settings) -> faust.App:
    """A Faust app configured from ``settings`` (the broker must be known by now)."""
    if not settings.kafka_bootstrap:
        raise ValueError("faust_app needs settings.kafka_bootstrap (start the embedded broker first)")
    app = faust.App(
        settings.group_id,
        broker=f"kafka://{settings.kafka_bootstrap}",
        store="memory://",
        datadir=str(settings.data_dir / "faust"),
        autodiscover=False,
        processing_guarantee="at_least_once",
        broker_max_poll_records=MAX_POLL_RECORDS,
        # Waiting at shutdown for every in-flight event to be acked hung the worker indefinitely now and
        # then (an event of `matches` never acked by one of its two agents). Not waiting is safe: only
        # acked offsets are committed, so what was in flight is read again after the restart, and
        # every stage is idempotent (seen articles, stories' recent articles, webhook-id).
        stream_wait_empty=False,
        broker_session_timeout=SESSION_TIMEOUT,
        broker_heartbeat_interval=HEARTBEAT_INTERVAL,
        consumer_auto_offset_reset="earliest",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication,
        table_standby_replicas=0,
        # Tables keep Faust's JSON; topics carry raw bytes (see topic() in build_pipeline).
        key_serializer="json",
        value_serializer="json",
        web_enabled=True,
        # Faust's own pages would serve raw table contents (stories, sources, evidence) and internals
        # to anyone who reaches the port; the worker serves what it means to share itself.
        web_tables_enabled=False,
        web_router_enabled=False,
        web_graph_enabled=False,
        web_stats_enabled=False,
        web_host=settings.web_host,
        web_port=settings.web_port,
        web_bind=settings.web_host,
        TableManager=StreamSafeTableManager,
    )
    app.transport.Consumer = Consumer  # type: ignore[misc]
    close_idle_connections(app)
    # Faust's sensor serves /metrics from the default registry, where streams.metrics registers ours too.
    # A fixed prefix keeps its names (faust_*) the same whatever the app id, for dashboards and rules.
    setup_prometheus_sensors(app, pattern="/metrics", name_prefix="faust")
    return app


def build_pipeline(settings: Settings, *, rules: CompiledRules | None = None, sink: Secret | None = None) -> Pipeline:
    """The app with its topics, tables, agents and web pages; ``rules`` defaults to compiling ``settings.rules``.

    ``sink``: also serve the local webhook receiver (``POST /sink``) that verifies with this secret.

    Raises ``RuleError`` (with every file:line problem) when the rules do not load.
    """
    app = faust_app(settings)
    compiled = rules or compile_rules(load_rules(settings.rules, settings.routing))
    warm_up(compiled)
    settle_rules()
    RULES_LOADED.set(compiled.rule_count)

    def topic(name: str, **options: Any) -> faust.TopicT:
        return app.topic(
            settings.topic(name),
            key_type=bytes,
            value_type=bytes,
            key_serializer="raw",
            value_serializer="raw",
            **options,
        )

    window = timedelta(seconds=settings.dedup_window)
    # Tumbling windows that expire on their own keep "already seen" bounded in memory: an id is
    # remembered for at least one window (looked up in the current and the previous one).
    # Tables only where their stage runs, so a feeds-only or deliver-only worker holds no table partitions.
    seen = (
        app.Table("seen-articles", default=int, partitions=settings.partitions, key_type=str, value_type=int).tumbling(
            window, expires=window * 2
        )
        if "match" in settings.agents
        else None
    )
    pipeline = Pipeline(
        settings=settings,
        app=app,
        articles=topic("articles"),
        matches=topic("matches"),
        alerts=topic("alerts"),
        deadletter=topic("deadletter"),
        feedstate=topic("feedstate", partitions=1, compacting=True),
        ticks=topic("ticks"),
        # analysts' acknowledgements and silences, keyed like `matches` (streams.alerting.attention)
        actions=topic("actions"),
        seen=seen,
        # story key → Story.to_dict(), co-partitioned with `matches` (and `ticks`); and
        # control_key(place) → ControlState.to_dict(), written only while handling the place's story key
        # (control|place=…), so each place lives on one partition too
        stories=app.Table(STORIES_TABLE, default=None, partitions=settings.partitions)
        if "alert" in settings.agents
        else None,
        rules=compiled,
    )
    from streams.agents.alert import install as install_alert
    from streams.agents.attention import install as install_attention
    from streams.agents.deliver import install as install_deliver
    from streams.agents.match import install as install_match
    from streams.agents.rules import install as install_rules
    from streams.web import install as install_web

    installers = {"match": install_match, "alert": install_alert, "deliver": install_deliver}
    for stage in settings.agents:
        if stage in installers:  # "feeds" is installed by the worker, which knows whether any are configured
            installers[stage](pipeline)
    if "alert" in settings.agents:
        install_attention(pipeline)
    install_web(pipeline, sink=sink)
    if "match" in settings.agents or "alert" in settings.agents:
        install_rules(pipeline)
    return pipeline
