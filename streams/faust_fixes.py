"""Where a newsalert worker changes Faust's own behaviour, and why.

Each class here overrides one Faust method. Faust's version is pinned in ``constraints.txt``, and
``tests/test_faust_fixes.py`` checks that every method overridden here still exists in it.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Mapping
from typing import Any

import faust
from faust.tables import TableManager
from faust.tables.recovery import Recovery
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP

from streams.exitcodes import ExitCode
from streams.kafka import log_end_offsets

log = logging.getLogger(__name__)

# Faust hard-codes fetch_max_wait_ms=1500. Tansu does not answer a parked fetch when new records
# arrive, only when the wait ends (measured with plain aiokafka: p50 430 ms at 1500, 3 ms at 100),
# so the wait bounds each hop's latency (an alert takes three hops). 50 ms costs an idle worker twenty
# small requests a second.
FETCH_MAX_WAIT_MS = 50


class ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Faust's consumer thread with a short fetch wait (see ``FETCH_MAX_WAIT_MS``) and true end offsets.

    Table recovery reads each changelog partition up to the end offset the broker reports, taken
    from ``_highwaters``. Tansu under-reports it when the last record batch holds several records
    (see :func:`streams.kafka.log_end_offsets`), and Faust writes a changelog in batches, so a worker
    that took over a partition stopped reading before the newest stories of the previous owner and
    opened a second alert for them.
    """

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS  # read by aiokafka when the consumer starts
        return consumer

    async def _highwaters(self, partitions: list[TP]) -> Mapping[TP, int]:
        reported = await super()._highwaters(partitions)
        transport = self.consumer.transport
        bootstrap = ",".join(faust_aiokafka.server_list(transport.url, transport.default_port))  # type: ignore[attr-defined]
        return await log_end_offsets(bootstrap, reported)


class Consumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer, running :class:`ConsumerThread`."""

    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class StreamSafeRecovery(Recovery):
    """Faust's table recovery, without losing stream records at the end of a rebalance.

    When the tables are restored, Faust resumes the stream partitions and seeks them back to
    their committed offsets while the consumer's flow is still on (it was turned on to read
    the changelogs). The fetcher therefore goes on handing records of the batch it fetched
    before the seek to the agents, during and after the seek. Faust's bookkeeping of read
    offsets takes those stale records for a jump in offsets: it records the offsets in between
    as a gap, commits them as if processed, and drops them when they are fetched again.
    Articles were lost that way (seen in about one full test run in four when a worker
    took over the partitions of one that left). Stopping the flow first makes the end of
    recovery behave like a rebalance without tables: nothing is handed to agents until the
    seek is done, and Faust's ``on_recovery_completed`` turns the flow back on after it.
    """

    async def on_recovery_completed(self, generation_id: int = 0) -> None:
        """Stop the consumer's flow, then let Faust seek the streams and resume them."""
        self.app.consumer.stop_flow()
        await super().on_recovery_completed(generation_id)


class StreamSafeTableManager(TableManager):
    """Faust's table manager, recovering with :class:`StreamSafeRecovery`."""

    @property
    def recovery(self) -> Recovery:
        """The recovery service (created on first use, as Faust's is)."""
        if self._recovery is None:
            self._recovery = StreamSafeRecovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery


# aiohttp closes a connection that has sent no request for this long; its default is an hour, which lets
# idle clients (or a client holding connections open on purpose) pile up on the worker's web server.
IDLE_CONNECTION_SECONDS = 60.0


def close_idle_connections(app: faust.App) -> None:
    """Make the worker's web server close connections idle for :data:`IDLE_CONNECTION_SECONDS`.

    Faust builds aiohttp's runner with its own arguments only; the runner passes the ones it keeps to
    every connection's handler, which starts the idle timer as the connection opens.
    """
    app.web._runner._kwargs["keepalive_timeout"] = IDLE_CONNECTION_SECONDS  # type: ignore[attr-defined]


# How long a stop may take before the process exits anyway. Stopping commits offsets and flushes the
# producer, which waits forever on a broker that is gone; only acknowledged offsets are ever committed,
# so exiting loses nothing that is not read again.
STOP_GRACE = 20.0


class Worker(faust.Worker):
    """Faust's worker, sure to stop on SIGTERM or SIGINT: after :data:`STOP_GRACE` seconds, or at once on a second one.

    Faust waits for its broker while stopping: with the broker killed, the worker ignored every
    signal and had to be killed by hand.
    """

    _stopping: threading.Timer | None = None

    def _schedule_shutdown(self, signal: signal.Signals) -> None:
        if self._stopping is not None:
            log.warning("second %s while stopping: exiting now", signal.name)
            _exit_now()
        self._stopping = threading.Timer(STOP_GRACE, _stop_timed_out)
        self._stopping.daemon = True
        self._stopping.start()
        super()._schedule_shutdown(signal)


def _stop_timed_out() -> None:
    log.error(
        "the worker did not stop within %.0f s (is the broker reachable?); exiting anyway: "
        "unacknowledged messages are read again at the next start",
        STOP_GRACE,
    )
    _exit_now()


def _exit_now() -> None:
    logging.shutdown()
    os._exit(ExitCode.STOP_TIMEOUT)
