"""The Faust methods that ``streams.faust_fixes`` overrides still exist and still do what the fixes assume.

A Faust upgrade that renames or reorders them would otherwise silently undo a fix.
"""

from __future__ import annotations

import inspect

from faust.tables import TableManager
from faust.tables.recovery import Recovery
from faust.transport.drivers import aiokafka as faust_aiokafka

from streams.app import faust_app
from streams.config import Settings
from streams.faust_fixes import Consumer, ConsumerThread, StreamSafeRecovery, StreamSafeTableManager


def test_every_overridden_method_exists_in_faust() -> None:
    assert callable(getattr(faust_aiokafka.AIOKafkaConsumerThread, "_create_worker_consumer", None))
    assert callable(getattr(faust_aiokafka.Consumer, "_new_consumer_thread", None))
    assert callable(getattr(Recovery, "on_recovery_completed", None))
    assert isinstance(inspect.getattr_static(TableManager, "recovery"), property)
    assert TableManager._recovery is None  # the lazily created service our property replaces


def test_faust_seeks_the_streams_before_it_turns_the_flow_back_on() -> None:
    # StreamSafeRecovery only stops the flow; it relies on Faust's own on_recovery_completed to
    # seek the stream partitions first and resume the flow after.
    source = inspect.getsource(Recovery.on_recovery_completed)
    assert source.index("perform_seek()") < source.index("consumer.resume_flow()")


def test_a_worker_app_uses_the_fixes() -> None:
    app = faust_app(Settings(kafka_bootstrap="127.0.0.1:9"))
    assert isinstance(app.tables, StreamSafeTableManager)
    assert isinstance(app.tables.recovery, StreamSafeRecovery)
    assert app.transport.Consumer is Consumer
    assert isinstance(Consumer._new_consumer_thread(app.consumer), ConsumerThread)
