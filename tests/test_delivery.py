"""Delivery against real HTTP servers in the test process: retries, Retry-After, dead letters, replay, isolation."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import resource
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from homs_story import alerts
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from streams.agents.deliver import _ack_when_settled
from streams.alerting.alert import Alert
from streams.alerting.delivery import (
    QUEUE_FULL,
    UNKNOWN_DESTINATION,
    DeadLetter,
    Delivery,
    RetryPolicy,
    replay,
)
from streams.alerting.destinations import parse_destinations
from streams.alerting.routing import Routing
from streams.deadletter import TopicDeadLetters
from streams.errors import BrokerUnavailable
from streams.httpclient import retry_after

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
FAST_RETRIES = RetryPolicy(first_delay=0.2, max_delay=1.0, deadline=30.0)


@dataclass
class Received:
    """One request as the receiving server saw it, with the status it answered."""

    at: float
    headers: dict[str, str]
    body: bytes
    status: int


Respond = Callable[[int], Awaitable[web.StreamResponse]]


@dataclass
class Sink:
    """A receiving HTTP server; ``respond(n)`` answers its n-th request (0-based)."""

    respond: Respond
    url: str = ""
    received: list[Received] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    request: web.Request | None = None  # the one being answered, for responses streamed by hand

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.request = request
        body = await request.read()
        index = len(self.received)
        entry = Received(time.monotonic(), dict(request.headers), body, 0)
        self.received.append(entry)
        response = await self.respond(index)
        entry.status = response.status
        return response

    @property
    def delivered(self) -> list[Received]:
        return [r for r in self.received if 200 <= r.status < 300]


@asynccontextmanager
async def serve(respond: Respond) -> AsyncIterator[Sink]:
    sink = Sink(respond)
    app = web.Application()
    app.router.add_post("/{tail:.*}", sink.handle)
    runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    sink.url = f"http://{host}:{port}/hook"
    try:
        yield sink
    finally:
        sink.release.set()
        await runner.cleanup()


def answer(status: int, **headers: str) -> Respond:
    async def respond(_: int) -> web.StreamResponse:
        return web.Response(status=status, text="ok" if status < 300 else "no", headers=headers)

    return respond


class Letters:
    """An in-memory dead-letter sink."""

    def __init__(self) -> None:
        self.items: list[DeadLetter] = []

    async def put(self, stage: str, reason: str, payload: bytes, destination: str) -> None:
        self.items.append(DeadLetter(stage, reason, payload, destination))


def many_alerts(stories: int, revisions: int = 1) -> list[Alert]:
    """Revisions 1…``revisions`` of ``stories`` distinct stories, in the order a busy alert stage sends them."""
    opened = alerts()[0]
    return [
        dataclasses.replace(opened, id=f"{story:024x}", revision=revision)
        for revision in range(1, revisions + 1)
        for story in range(stories)
    ]


def settings(**urls: str) -> dict:
    """Destinations named after their type prefix: ``hook…`` webhook, ``chat…`` Slack, else alertmanager."""
    section = {}
    for name, url in urls.items():
        kind = "webhook" if name.startswith("hook") else "slack" if name.startswith("chat") else "alertmanager"
        section[name] = {"type": kind, "url": url, "timeout": 1}
        if kind == "webhook":
            section[name]["secret"] = SECRET
    return parse_destinations(section, {})


async def test_signed_webhook_verifies_at_the_receiver_and_a_tampered_body_does_not() -> None:
    async with serve(answer(204)) as sink, Delivery(settings(hook=sink.url), Letters()) as delivery:
        outcome = await delivery.deliver(alerts()[1], "hook")
    assert outcome.delivered and outcome.attempts == 1
    [request] = sink.received
    body = Webhook(SECRET).verify(request.body, request.headers)
    assert body["data"]["alert"]["revision"] == 5 and request.headers["webhook-id"] == alerts()[1].delivery_id
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(request.body.replace(b'"revision":5', b'"revision":6'), request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 32).verify(request.body, request.headers)


async def test_a_sink_down_for_seconds_gets_every_alert_and_repeats_carry_the_same_webhook_id() -> None:
    started = time.monotonic()

    async def down_then_up(_: int) -> web.StreamResponse:
        return web.Response(status=503 if time.monotonic() - started < 3.0 else 200)

    sent = many_alerts(4, revisions=3)
    letters = Letters()
    async with serve(down_then_up) as sink, Delivery(settings(hook=sink.url), letters, retry=FAST_RETRIES) as delivery:
        futures = [await delivery.submit(a, ["hook"]) for a in sent]
        outcomes = [o for done in await asyncio.gather(*futures) for o in done]
    assert letters.items == []
    assert all(o.delivered for o in outcomes) and max(o.attempts for o in outcomes) > 1
    assert sorted(r.headers["webhook-id"] for r in sink.delivered) == sorted(a.delivery_id for a in sent)
    bodies_by_id: dict[str, set[bytes]] = {}
    for request in sink.received:
        Webhook(SECRET).verify(request.body, request.headers)  # every retry is signed afresh
        bodies_by_id.setdefault(request.headers["webhook-id"], set()).add(request.body)
    assert all(len(bodies) == 1 for bodies in bodies_by_id.values())  # a repeat is the same message
    assert len(sink.received) > len(sent)
    # One story's revisions reach a destination in order.
    delivered = [r.headers["webhook-id"].rsplit("-", 1) for r in sink.delivered]
    for story in {story for story, _ in delivered}:
        revisions = [int(revision) for s, revision in delivered if s == story]
        assert revisions == sorted(revisions)


async def test_429_with_retry_after_waits_that_long() -> None:
    async def limited_once(index: int) -> web.StreamResponse:
        return web.Response(status=429, headers={"Retry-After": "2"}) if index == 0 else web.Response(text="ok")

    async with (
        serve(limited_once) as sink,
        Delivery(settings(chat=sink.url), Letters(), retry=FAST_RETRIES) as delivery,
    ):
        outcome = await delivery.deliver(alerts()[0], "chat")
    assert outcome.delivered and outcome.attempts == 2
    first, second = sink.received
    assert second.at - first.at >= 1.8
    assert json.loads(second.body)["blocks"][0]["type"] == "header"


async def test_a_refused_delivery_goes_to_dead_letters_and_replay_sends_it_again() -> None:
    refuse = True

    async def respond(_: int) -> web.StreamResponse:
        return web.Response(status=400, text="invalid_blocks") if refuse else web.Response(status=200)

    letters = Letters()
    alert = alerts()[1]
    async with serve(respond) as sink, Delivery(settings(hook=sink.url), letters, retry=FAST_RETRIES) as delivery:
        outcome = await delivery.deliver(alert, "hook")
        assert not outcome.delivered and outcome.attempts == 1 and outcome.reason == "http 400"
        [letter] = letters.items
        assert (letter.stage, letter.reason, letter.destination) == ("deliver", "http 400", "hook")
        assert SECRET.encode() not in letter.payload and sink.url.encode() not in letter.payload

        refuse = False
        replayed = await replay([letter, DeadLetter("match", "bad input", b"{}", "")], delivery)
    assert [o.delivered for o in replayed] == [True]
    first, second = sink.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == alert.delivery_id
    assert first.body == second.body and len(letters.items) == 1


async def test_a_dead_destination_does_not_delay_another() -> None:
    async def hang(_: int) -> web.StreamResponse:
        await sink_dead.release.wait()
        return web.Response()

    letters = Letters()
    async with serve(hang) as sink_dead, serve(answer(200)) as sink_live:
        destinations = settings(hook=sink_dead.url, chat=sink_live.url, hook_closed="http://127.0.0.1:9/")
        retry = RetryPolicy(first_delay=0.2, max_delay=0.5, deadline=1.0)
        async with Delivery(destinations, letters, retry=retry, lanes=4) as delivery:
            started = time.monotonic()
            futures = [await delivery.submit(a, ["hook", "hook_closed", "chat"]) for a in many_alerts(3, revisions=2)]
            while len(sink_live.delivered) < 6 and time.monotonic() - started < 5:
                await asyncio.sleep(0.01)
            live_done = time.monotonic() - started
            outcomes = [o for done in await asyncio.gather(*futures) for o in done]
    assert len(sink_live.delivered) == 6 and live_done < 0.9  # a hung attempt alone takes 1 s
    by_destination = {name: [o for o in outcomes if o.destination == name] for name in ("hook", "hook_closed", "chat")}
    assert all(o.delivered for o in by_destination["chat"])
    assert {o.reason for o in by_destination["hook"]} == {"timeout"}
    assert {o.reason for o in by_destination["hook_closed"]} == {"connection error"}
    assert len(letters.items) == 12 and {letter.destination for letter in letters.items} == {"hook", "hook_closed"}


async def test_unknown_destinations_and_full_queues_are_dead_lettered_without_waiting() -> None:
    async def hang(_: int) -> web.StreamResponse:
        await sink.release.wait()
        return web.Response()

    letters = Letters()
    async with serve(hang) as sink:
        delivery = Delivery(settings(hook=sink.url), letters, lanes=1, queue_size=1)
        await delivery.start()
        first, second, third = many_alerts(1, revisions=3)
        started = time.monotonic()
        futures = [await delivery.submit(first, ["hook", "nowhere"])]
        await asyncio.sleep(0.1)  # the worker takes the first alert and hangs on it
        futures += [await delivery.submit(a, ["hook", "nowhere"]) for a in (second, third)]
        assert time.monotonic() - started < 0.5
        assert sorted(letter.reason for letter in letters.items) == [QUEUE_FULL] + [UNKNOWN_DESTINATION] * 3
        assert futures[2].done() and not futures[1].done()
        await delivery.close(drain_timeout=0.2)
        assert futures[0].cancelled() and futures[1].cancelled()  # not acknowledged: read again after a restart


def test_retry_after_reads_seconds_and_http_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2024, 12, 7, 18, 0, 0, tzinfo=UTC)
    assert retry_after("2", now) == 2.0
    assert retry_after("Sat, 07 Dec 2024 18:00:30 GMT", now) == 30.0
    assert retry_after("Sat, 07 Dec 2024 17:00:00 GMT", now) == 0.0
    assert retry_after("soon", now) is None and retry_after(None, now) is None


async def test_an_alert_reaches_only_the_destinations_its_rule_names() -> None:
    async with serve(answer(200)) as ops, serve(answer(200)) as desk:
        configured = settings(hook_ops=ops.url, hook_desk=desk.url)
        routed, fallback = many_alerts(2)
        routed = dataclasses.replace(routed, notify=("hook_desk", "pager"))
        fallback = dataclasses.replace(fallback, notify=())
        routing = Routing(destinations=tuple(configured), default=("hook_ops",))
        letters = Letters()
        async with Delivery(configured, letters, lanes=1, retry=FAST_RETRIES) as delivery:
            for alert in (routed, fallback):
                await asyncio.wait_for(await delivery.submit(alert, routing.targets(alert.notify)), 10)
        ids = lambda sink: [r.headers["webhook-id"] for r in sink.delivered]  # noqa: E731
        assert ids(desk) == [f"{routed.id}-1"]
        assert ids(ops) == [f"{fallback.id}-1"]  # the default: not the routed alert, which named only hook_desk
        # A name no longer configured is dead-lettered with its reason, never widened to the others.
        assert [(letter.reason, letter.destination) for letter in letters.items] == [(UNKNOWN_DESTINATION, "pager")]


async def test_a_2xx_answer_is_delivered_whatever_its_body_says_it_is_encoded_in() -> None:
    # A receiver that claims gzip but sends plain text: reading the body fails to decode; the status decides.
    async def lying(index: int) -> web.StreamResponse:
        return web.Response(status=200 if index else 502, body=b"not gzip at all", headers={"Content-Encoding": "gzip"})

    letters = Letters()
    async with serve(lying) as sink, Delivery(settings(hook=sink.url), letters, retry=FAST_RETRIES) as delivery:
        outcome = await delivery.deliver(alerts()[0], "hook")
    assert outcome.delivered and outcome.attempts == 2 and letters.items == []


async def test_a_huge_answer_is_not_read_into_memory() -> None:
    gigabyte, chunk = 1024**3, b"x" * (1024 * 1024)

    async def flood(index: int) -> web.StreamResponse:
        response = web.StreamResponse(status=400 if index == 0 else 200)
        response.content_length = gigabyte
        assert sink.request is not None
        await response.prepare(sink.request)
        with contextlib.suppress(ConnectionError):
            for _ in range(gigabyte // len(chunk)):
                await response.write(chunk)
        return response

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    letters = Letters()
    async with (
        serve(flood) as sink,
        Delivery(settings(hook=sink.url, hook2=sink.url), letters, retry=FAST_RETRIES) as delivery,
    ):
        refused = await delivery.deliver(alerts()[0], "hook")
        delivered = await delivery.deliver(alerts()[0], "hook2")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert refused.reason == "http 400" and delivered.delivered
    assert grown_mb < 200, f"peak memory grew by {grown_mb:.0f} MB while answers of 1 GB were received"


async def test_a_dead_letter_is_retried_until_the_broker_takes_it() -> None:
    written: list[bytes] = []
    failures = iter([BrokerUnavailable("down"), BrokerUnavailable("still down")])

    async def send(key: bytes | None, value: bytes) -> None:
        error = next(failures, None)
        if error is not None:
            raise error
        written.append(value)

    sink = TopicDeadLetters(send, first_retry=0.01)
    await sink.put("deliver", "http 400", b'{"id": "a"}', "hook")
    [value] = written
    assert json.loads(value)["reason"] == "http 400"


async def test_an_alert_is_acknowledged_only_when_every_destination_settled_it() -> None:
    class Event:
        acked = False

        def ack(self) -> None:
            self.acked = True

    loop = asyncio.get_running_loop()
    settled, cancelled, failed = loop.create_future(), loop.create_future(), loop.create_future()
    settled.set_result(())
    cancelled.cancel()
    failed.set_exception(RuntimeError("the outcome could not be recorded"))
    events = {name: Event() for name in ("settled", "cancelled", "failed")}
    for name, future in (("settled", settled), ("cancelled", cancelled), ("failed", failed)):
        _ack_when_settled(future, events[name])
    assert {name: event.acked for name, event in events.items()} == {
        "settled": True,
        "cancelled": False,
        "failed": False,
    }
