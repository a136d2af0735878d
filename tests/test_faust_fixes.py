"""The Faust methods that ``streams.faust_fixes`` overrides still exist and still do what the fixes assume.

A Faust upgrade that renames or reorders them would otherwise silently undo a fix.
"""

from __future__ import annotations

import asyncio
import inspect
import uuid

import faust
import mode
from aiohttp import web
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.tables import TableManager
from faust.tables.recovery import Recovery
from faust.transport.drivers import aiokafka as faust_aiokafka

from streams.app import faust_app
from streams.config import Settings
from streams.faust_fixes import (
    IDLE_CONNECTION_SECONDS,
    Consumer,
    ConsumerThread,
    StreamSafeRecovery,
    StreamSafeTableManager,
)
from streams.kafka import log_end_offsets, producer


def test_every_overridden_method_exists_in_faust() -> None:
    assert callable(getattr(faust_aiokafka.AIOKafkaConsumerThread, "_create_worker_consumer", None))
    assert callable(getattr(faust_aiokafka.Consumer, "_new_consumer_thread", None))
    assert callable(getattr(faust_aiokafka.AIOKafkaConsumerThread, "_highwaters", None))
    assert callable(getattr(Recovery, "on_recovery_completed", None))
    assert isinstance(inspect.getattr_static(TableManager, "recovery"), property)
    assert TableManager._recovery is None  # the lazily created service our property replaces
    # Worker arms its stop timer where mode schedules the stop of both SIGTERM and SIGINT.
    assert "_schedule_shutdown" in inspect.getsource(mode.Worker._on_sigterm)
    assert "_schedule_shutdown" in inspect.getsource(mode.Worker._on_sigint)
    assert "super()._on_sigterm()" in inspect.getsource(faust.Worker._on_sigterm)


def test_faust_seeks_the_streams_before_it_turns_the_flow_back_on() -> None:
    # StreamSafeRecovery only stops the flow; it relies on Faust's own on_recovery_completed to
    # seek the stream partitions first and resume the flow after.
    source = inspect.getsource(Recovery.on_recovery_completed)
    assert source.index("perform_seek()") < source.index("consumer.resume_flow()")


def test_table_recovery_reads_up_to_the_end_offsets_of_highwaters() -> None:
    # ConsumerThread corrects the end offsets where recovery takes them from.
    assert "consumer.highwaters(" in inspect.getsource(Recovery._build_highwaters)
    assert "self._highwaters" in inspect.getsource(faust_aiokafka.AIOKafkaConsumerThread.highwaters)


def test_the_end_of_a_partition_counts_every_record_of_its_last_batch(kafka: str) -> None:
    topic = f"ends-{uuid.uuid4().hex[:8]}"
    tp = TopicPartition(topic, 0)

    async def send_batch(size: int) -> None:
        async with producer(kafka) as client:  # not awaited one by one, so they leave as one batch
            sent = [await client.send(topic, b"x", partition=0) for _ in range(size)]
            await asyncio.gather(*sent)

    async def reported_end() -> int:
        consumer = AIOKafkaConsumer(bootstrap_servers=kafka)
        await consumer.start()
        try:
            return (await consumer.end_offsets([tp]))[tp]
        finally:
            await consumer.stop()

    async def go() -> list[tuple[int, int]]:
        ends = []
        for size in (1, 7, 1, 5):
            await send_batch(size)
            reported = await reported_end()  # Tansu 0.6: the batch's first offset + 1
            ends.append(((await log_end_offsets(kafka, {tp: reported}))[tp], reported))
        return ends

    ends = asyncio.run(go())
    assert [end for end, _ in ends] == [1, 8, 9, 14], f"(true end, reported end): {ends}"
    print(f"\n(true end, end the broker reported) after batches of 1, 7, 1, 5 records: {ends}")


def test_a_worker_app_uses_the_fixes() -> None:
    app = faust_app(Settings(kafka_bootstrap="127.0.0.1:9"))
    assert isinstance(app.tables, StreamSafeTableManager)
    assert isinstance(app.tables.recovery, StreamSafeRecovery)
    assert app.transport.Consumer is Consumer
    assert isinstance(Consumer._new_consumer_thread(app.consumer), ConsumerThread)
    assert app.web._runner._kwargs["keepalive_timeout"] == IDLE_CONNECTION_SECONDS


def test_the_web_server_closes_connections_that_send_nothing() -> None:
    async def idle_connection_closed() -> bool:
        # What the fix relies on: aiohttp starts the idle timer as a connection opens, before any request.
        runner = web.AppRunner(web.Application(), keepalive_timeout=0.3)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        try:
            reader, writer = await asyncio.open_connection(*runner.addresses[0][:2])
            closed = await asyncio.wait_for(reader.read(), 10) == b""
            writer.close()
            return closed
        finally:
            await runner.cleanup()

    assert asyncio.run(idle_connection_closed())
