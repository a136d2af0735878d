"""Delivering alerts: one shared HTTP client, a queue per destination, retries, and dead letters.

Every destination has its own lanes (queues, each with one worker), so a slow
or dead destination only ever delays itself. An alert always takes the same
lane of a destination, so its revisions reach that destination in order.

An attempt that times out, cannot connect, or gets a 408, 429 or 5xx is
retried with exponential backoff and jitter (a 429's or 503's ``Retry-After`` is
honoured instead) until the retry deadline; any other answer but 2xx is final.
What is not delivered goes to the :class:`DeadLetterSink` with the destination
and a short reason, and :func:`replay` sends it again later with the same
``webhook-id``. Neither the URL (a Slack webhook URL is a credential) nor the
secret ever reaches a log line, an outcome or a dead letter: dead letters hold
the alert itself, and replay builds the request afresh from the configuration.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import zlib
from collections.abc import AsyncIterable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Protocol

import httpx

from streams import metrics
from streams.alerting.alert import Alert, AlertKind
from streams.alerting.destinations import Destination, OutgoingRequest, build_request
from streams.deadletter import DeadLetter
from streams.httpclient import USER_AGENT, retry_after
from streams.records import to_json

STAGE = "deliver"
UNKNOWN_DESTINATION = "unknown destination"
QUEUE_FULL = "queue full"
UNREADABLE = "unreadable dead letter"
_RETRIED_STATUSES = frozenset({408, 429})
_HONOURS_RETRY_AFTER = frozenset({429, 503})
_EXCERPT = 200

log = logging.getLogger(__name__)
# httpx logs every request's full URL at INFO; a Slack or webhook URL is a credential.
logging.getLogger("httpx").setLevel(logging.WARNING)


class DeadLetterSink(Protocol):
    """Where undeliverable messages go (the pipeline's ``deadletter`` topic)."""

    async def put(self, stage: str, reason: str, payload: bytes, destination: str) -> None:
        """Keep ``payload`` from ``stage``, undelivered to ``destination`` because of ``reason``."""


@dataclass(frozen=True)
class RetryPolicy:
    """How long and how often to retry one delivery (seconds)."""

    first_delay: float = 0.5
    max_delay: float = 30.0
    deadline: float = 300.0

    def backoff(self, retry: int, rng: random.Random) -> float:
        """The pause before retry number ``retry`` (1-based): doubling from ``first_delay``, half of it random."""
        ceiling = min(self.max_delay, self.first_delay * 2.0 ** (retry - 1))
        # Jitter spreads the retries of many alerts that failed at the same moment.
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


@dataclass(frozen=True)
class DeliveryOutcome:
    """How the delivery of one alert revision to one destination ended; ``reason`` says why it failed."""

    destination: str
    delivery_id: str
    delivered: bool
    attempts: int
    seconds: float
    reason: str = ""


@dataclass(frozen=True)
class _Attempt:
    status: int | None
    reason: str
    retryable: bool
    retry_after: float | None = None

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def make_client() -> httpx.AsyncClient:
    """The HTTP client every destination shares: no redirects, timeouts, connection reuse."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(10.0, connect=5.0),
        # No global cap: the lanes already bound the requests in flight per destination,
        # and a global cap would let a hung destination take every connection.
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=32),
        follow_redirects=False,
        headers={"user-agent": USER_AGENT},
    )


class _Fanout:
    """The outcomes of one submitted alert, completing a future when every destination has one."""

    def __init__(self, expected: int) -> None:
        self.future: asyncio.Future[tuple[DeliveryOutcome, ...]] = asyncio.get_running_loop().create_future()
        self._expected = expected
        self._outcomes: list[DeliveryOutcome] = []
        if not expected:
            self.future.set_result(())

    def add(self, outcome: DeliveryOutcome) -> None:
        self._outcomes.append(outcome)
        if len(self._outcomes) == self._expected and not self.future.done():
            self.future.set_result(tuple(self._outcomes))


class Delivery:
    """Delivers alerts to the configured destinations; use as ``async with Delivery(...) as delivery:``.

    :meth:`submit` queues an alert for its destinations and returns at once
    with a future of the outcomes, so the deliver agent can acknowledge the
    alert's record only when every destination has delivered it or dead-lettered
    it. :meth:`deliver` does one destination's whole delivery in the caller.
    """

    def __init__(
        self,
        destinations: Mapping[str, Destination],
        dead_letters: DeadLetterSink,
        *,
        client: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        lanes: int = 4,
        queue_size: int = 1000,
        rng: random.Random | None = None,
    ) -> None:
        self._destinations = dict(destinations)
        self._dead_letters = dead_letters
        self._own_client = client is None
        self._client = client or make_client()
        self._retry = retry or RetryPolicy()
        self._lane_count = lanes
        self._queue_size = queue_size
        self._rng = rng or random.Random()
        self._lanes: dict[str, list[asyncio.Queue[tuple[Alert, _Fanout]]]] = {}
        self._workers: list[asyncio.Task[None]] = []
        self._pending: set[_Fanout] = set()
        self._closed = True

    async def __aenter__(self) -> Delivery:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Start every destination's workers."""
        self._closed = False
        for name in self._destinations:
            queues: list[asyncio.Queue[tuple[Alert, _Fanout]]] = []
            for lane in range(self._lane_count):
                queue: asyncio.Queue[tuple[Alert, _Fanout]] = asyncio.Queue(self._queue_size)
                queues.append(queue)
                self._workers.append(asyncio.create_task(self._work(name, queue), name=f"deliver:{name}:{lane}"))
            self._lanes[name] = queues

    async def close(self, drain_timeout: float = 10.0) -> None:
        """Let queued deliveries finish for up to ``drain_timeout`` seconds, then stop.

        Alerts still unfinished get a cancelled future: their records stay
        unacknowledged, so they are delivered again after the restart.
        """
        queues = [q for lanes in self._lanes.values() for q in lanes]
        try:
            await asyncio.wait_for(asyncio.gather(*(q.join() for q in queues)), drain_timeout)
        except TimeoutError:
            log.warning("delivery: stopping with undelivered alerts; they will be re-read from the alerts topic")
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        for fanout in self._pending:
            fanout.future.cancel()
        self._workers.clear()
        self._lanes.clear()
        self._closed = True
        if self._own_client:
            await self._client.aclose()

    async def submit(
        self, alert: Alert, destinations: Iterable[str] | None = None
    ) -> asyncio.Future[tuple[DeliveryOutcome, ...]]:
        """Queue ``alert`` for ``destinations`` (default: the alert's ``notify``) and return its outcomes' future.

        A destination whose queue is full, or that is not configured, gets a
        dead letter at once instead of holding up the caller.
        """
        if self._closed:
            # Without workers every destination would look unknown and every alert be dead-lettered.
            raise RuntimeError("Delivery.submit() needs start() first (or the async with block)")
        names = list(dict.fromkeys(alert.notify if destinations is None else destinations))
        fanout = _Fanout(len(names))
        self._pending.add(fanout)
        fanout.future.add_done_callback(lambda _: self._pending.discard(fanout))
        for name in names:
            lanes = self._lanes.get(name)
            if lanes is None:
                fanout.add(await self._give_up(alert, name, UNKNOWN_DESTINATION, attempts=0, started=time.monotonic()))
                continue
            try:
                lanes[zlib.crc32(alert.id.encode()) % len(lanes)].put_nowait((alert, fanout))
            except asyncio.QueueFull:
                fanout.add(await self._give_up(alert, name, QUEUE_FULL, attempts=0, started=time.monotonic()))
        return fanout.future

    async def deliver(self, alert: Alert, destination: str) -> DeliveryOutcome:
        """Deliver ``alert`` to ``destination``, retrying until delivered, refused or past the retry deadline.

        Whatever is not delivered is handed to the dead-letter sink before this returns.
        """
        started = time.monotonic()
        settings = self._destinations.get(destination)
        if settings is None:
            return await self._give_up(alert, destination, UNKNOWN_DESTINATION, attempts=0, started=started)
        request = build_request(alert, settings)
        deadline = started + self._retry.deadline
        attempts = 0
        while True:
            attempts += 1
            attempt = await self._attempt(request, settings.timeout)
            metrics.DELIVERY_ATTEMPTS.labels(destination, str(attempt.status or attempt.reason)).inc()
            if attempt.delivered:
                return self._delivered(alert, destination, attempts, started)
            if not attempt.retryable:
                return await self._give_up(alert, destination, attempt.reason, attempts, started)
            pause = attempt.retry_after
            if pause is None:
                pause = self._retry.backoff(attempts, self._rng)
            if time.monotonic() + pause > deadline:
                log.warning(
                    "delivery %s to %s: giving up after %d attempts (%s); the retry deadline would pass",
                    alert.delivery_id, destination, attempts, attempt.reason,
                )  # fmt: skip
                return await self._give_up(alert, destination, attempt.reason, attempts, started)
            log.info(
                "delivery %s to %s: attempt %d failed (%s), retrying in %.1f s",
                alert.delivery_id, destination, attempts, attempt.reason, pause,
            )  # fmt: skip
            await asyncio.sleep(pause)

    async def _work(self, destination: str, queue: asyncio.Queue[tuple[Alert, _Fanout]]) -> None:
        while True:
            alert, fanout = await queue.get()
            try:
                try:
                    outcome = await self.deliver(alert, destination)
                except Exception as error:  # a bug in building the request: keep the alert, say why
                    log.exception("delivery %s to %s failed", alert.delivery_id, destination)
                    outcome = await self._give_up(
                        alert,
                        destination,
                        f"internal error: {type(error).__name__}",
                        attempts=0,
                        started=time.monotonic(),
                    )
                fanout.add(outcome)
            finally:
                queue.task_done()

    async def _attempt(self, request: OutgoingRequest, timeout: float) -> _Attempt:
        try:
            # httpx's timeouts are per read or write; this one bounds the whole attempt.
            async with asyncio.timeout(timeout):
                # Streamed: the answer's body is never read whole (a receiver may send gigabytes),
                # and a 2xx is delivered whatever its body says or however it is encoded.
                async with self._client.stream(
                    "POST",
                    request.url.reveal(),
                    content=request.body,
                    headers=request.headers_at(int(time.time())),
                    timeout=timeout,
                ) as response:
                    status = response.status_code
                    if 200 <= status < 300:
                        return _Attempt(status, "", retryable=False)
                    excerpt = await _excerpt(response)
        except (TimeoutError, httpx.TimeoutException):
            return _Attempt(None, "timeout", retryable=True)
        except httpx.TransportError:
            return _Attempt(None, "connection error", retryable=True)
        except Exception as error:
            return _Attempt(None, f"error: {type(error).__name__}", retryable=True)
        retryable = status in _RETRIED_STATUSES or status >= 500
        wait = (
            retry_after(response.headers.get("retry-after"), datetime.now(UTC))
            if status in _HONOURS_RETRY_AFTER
            else None
        )
        if not retryable:
            log.warning(
                "delivery %s to %s: refused with HTTP %d: %s", request.delivery_id, request.destination, status, excerpt
            )
        return _Attempt(status, f"http {status}", retryable=retryable, retry_after=wait)

    def _delivered(self, alert: Alert, destination: str, attempts: int, started: float) -> DeliveryOutcome:
        seconds = time.monotonic() - started
        metrics.DELIVERIES.labels(destination, "delivered").inc()
        metrics.DELIVERY_SECONDS.labels(destination).observe(seconds)
        if alert.kind is not AlertKind.resolved:
            metrics.ALERT_LATENCY_SECONDS.labels(destination).observe(
                max(0.0, time.time() - alert.last_seen.timestamp())
            )
        return DeliveryOutcome(destination, alert.delivery_id, True, attempts, seconds)

    async def _give_up(
        self, alert: Alert, destination: str, reason: str, attempts: int, started: float
    ) -> DeliveryOutcome:
        payload = to_json(alert)
        await self._dead_letters.put(STAGE, reason, payload, destination)
        metrics.DELIVERIES.labels(destination, "deadlettered").inc()
        return DeliveryOutcome(destination, alert.delivery_id, False, attempts, time.monotonic() - started, reason)


async def _excerpt(response: httpx.Response) -> str:
    """The first :data:`_EXCERPT` bytes of an answer's body as one line, for the log; the rest is never read."""
    head = b""
    try:
        async for chunk in response.aiter_bytes():
            head += chunk
            if len(head) >= _EXCERPT:
                break
    except httpx.HTTPError:
        pass  # an excerpt is a courtesy: the status already decided the outcome
    return " ".join(head[:_EXCERPT].decode("utf-8", "replace").split())


async def replay(
    letters: Iterable[DeadLetter] | AsyncIterable[DeadLetter], delivery: Delivery
) -> list[DeliveryOutcome]:
    """Send the delivery stage's dead letters again, each to its destination, with its original ``webhook-id``.

    Other stages' letters are skipped; a letter that holds no alert gets an
    outcome with reason ``unreadable dead letter``. Letters that fail again are
    dead-lettered again, with their new reason.
    """
    futures: list[asyncio.Future[tuple[DeliveryOutcome, ...]]] = []
    unreadable: list[DeliveryOutcome] = []
    async for letter in _each(letters):
        if letter.stage != STAGE:
            continue
        try:
            alert = Alert.from_dict(json.loads(letter.payload))
        except (ValueError, KeyError, TypeError):
            unreadable.append(DeliveryOutcome(letter.destination, "", False, 0, 0.0, UNREADABLE))
            continue
        futures.append(await delivery.submit(alert, [letter.destination]))
    outcomes = [outcome for done in await asyncio.gather(*futures) for outcome in done]
    return unreadable + outcomes


async def _each(letters: Iterable[DeadLetter] | AsyncIterable[DeadLetter]) -> AsyncIterable[DeadLetter]:
    if isinstance(letters, AsyncIterable):
        async for letter in letters:
            yield letter
    else:
        for letter in letters:
            yield letter
