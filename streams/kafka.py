"""Plain aiokafka helpers for the parts that run outside a Faust worker (ingest, feed state, tests).

Faust owns the worker's consumers and producers; these are for short-lived
clients: creating newsalert's topics, sending a batch of articles, reading a
small topic from the beginning to its current end, and finding a partition's
true end offset (which the worker's table recovery uses too).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from streams.errors import BrokerUnavailable

if TYPE_CHECKING:
    from streams.config import Settings

# Topics and what they carry; compacted ones keep only the newest value per key.
TOPICS = ("articles", "matches", "alerts", "deadletter", "ticks", "actions")
COMPACTED = ("feedstate",)


async def broker_reachable(bootstrap: str, timeout: float = 2.0) -> bool:
    """Whether any broker of ``bootstrap`` (``host:port,…``) accepts a connection within ``timeout`` seconds.

    A TCP connection, not a Kafka request: cheap enough to ask every few seconds, and what a dead or
    unreachable broker fails. A broker that accepts but does not answer shows up as producers' timeouts.
    """
    for address in bootstrap.split(","):
        host, _, port = address.strip().rpartition(":")
        try:
            async with asyncio.timeout(timeout):
                _, writer = await asyncio.open_connection(host.strip("[]"), int(port))
        except (OSError, TimeoutError, ValueError):
            continue
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        return True
    return False


async def ensure_topics(
    bootstrap: str, names: Iterable[str], *, partitions: int, replication: int = 1, compacted: Iterable[str] = ()
) -> None:
    """Create the topics that do not exist yet (existing ones are left as they are)."""
    compact = set(compacted)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        await admin.start()
    except KafkaConnectionError as error:
        raise BrokerUnavailable(f"cannot reach Kafka at {bootstrap}: {error}") from None
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(
                name,
                1 if name in compact else partitions,
                replication,
                topic_configs={"cleanup.policy": "compact"} if name in compact else {},
            )
            for name in names
            if name not in existing
        ]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    finally:
        await admin.close()


async def create_topics(settings: Settings) -> None:
    """Create newsalert's own topics for ``settings`` if they do not exist yet."""
    assert settings.kafka_bootstrap
    await ensure_topics(
        settings.kafka_bootstrap,
        [settings.topic(name) for name in (*TOPICS, *COMPACTED)],
        partitions=settings.partitions,
        replication=settings.replication,
        compacted=[settings.topic(name) for name in COMPACTED],
    )


@contextlib.asynccontextmanager
async def producer(bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    """A started producer that waits for every broker acknowledgement and is flushed on exit."""
    client = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    try:
        await client.start()
    except KafkaConnectionError as error:
        await client.stop()
        raise BrokerUnavailable(f"cannot reach Kafka at {bootstrap}: {error}") from None
    try:
        yield client
    finally:
        await client.stop()


# How long log_end_offsets waits for the last batch of a partition before it trusts the reported end.
END_PROBE_TIMEOUT = 2.0


async def log_end_offsets(bootstrap: str, reported: Mapping[TopicPartition, int]) -> dict[TopicPartition, int]:
    """The true end offset (last offset + 1) of each partition, given the end the broker reported for it.

    Tansu (0.6, the embedded and test broker) reports as a partition's end the base offset of its last
    record batch + 1, so every record after the first of a batch of several is left out: measured, seven
    records sent in one batch at offsets 10..16 and an end reported as 11. A reader that trusts it stops
    short; Faust's table recovery did, and a worker taking over a partition lacked the stories written in
    that batch. Fetching from the reported end - 1 returns that whole batch, whose last offset gives the
    true end. Apache Kafka reports the end correctly, and the probe then only confirms it.
    """
    ends = dict(reported)
    # Faust passes its own TP tuples; aiokafka wants its TopicPartition.
    probed = {TopicPartition(tp.topic, tp.partition): tp for tp, end in ends.items() if end is not None and end > 0}
    if not probed:
        return ends
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, fetch_max_wait_ms=50)
    try:
        await consumer.start()  # inside: a broker gone during recovery must not leave this client open
        consumer.assign(list(probed))
        for tp, key in probed.items():
            consumer.seek(tp, ends[key] - 1)
        remaining = set(probed)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(END_PROBE_TIMEOUT):  # a record compacted away leaves the reported end
                while remaining:
                    batch = await consumer.getmany(*remaining, timeout_ms=200)
                    for tp, items in batch.items():
                        if items:
                            key = probed[tp]
                            ends[key] = max(ends[key], items[-1].offset + 1)
                            remaining.discard(tp)
        return ends
    finally:
        await consumer.stop()


async def read_to_end(bootstrap: str, topic: str, *, timeout: float = 10.0) -> list[ConsumerRecord]:
    """Every record of ``topic`` from the beginning up to its end as of now (no consumer group, no commits)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = consumer.partitions_for_topic(topic)
        if partitions is None:
            await consumer._client.force_metadata_update()  # a topic created a moment ago
            partitions = consumer.partitions_for_topic(topic) or set()
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        if not assigned:
            return []
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        ends = await consumer.end_offsets(assigned)
        records: list[ConsumerRecord] = []
        remaining = {tp for tp in assigned if ends[tp] > 0}
        async with asyncio.timeout(timeout):
            while remaining:
                batch = await consumer.getmany(*remaining, timeout_ms=200)
                for tp, items in batch.items():
                    records.extend(items)
                    if items and items[-1].offset + 1 >= ends[tp]:
                        remaining.discard(tp)
        return records
    finally:
        await consumer.stop()
