"""Faults survived with nothing lost: a killed worker, workers joining and leaving, a frozen broker, a dead
destination. Real worker processes, real broker, a real webhook receiver."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from bench.common import story_rules
from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.broker import EmbeddedBroker
from streams.kafka import producer
from tests.workers import ThreadedServer, Worker, records, running_worker

pytestmark = pytest.mark.slow
STORIES = 60


@dataclass
class Receiver:
    """A webhook receiver that can be switched off (503) and records what it accepted, in order."""

    up: bool = True
    accepted: list[tuple[str, str, str]] = field(default_factory=list)  # (webhook-id, alert id, group key)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not self.up:
            return web.Response(status=503, text="down")
        alert = body["data"]["alert"]
        with self.lock:
            self.accepted.append((request.headers["webhook-id"], alert["id"], alert["group_key"]))
        return web.Response(text="ok")

    def stories(self) -> set[str]:
        with self.lock:
            return {group for _, _, group in self.accepted}


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    state = Receiver()
    app = web.Application()
    app.router.add_post("/hook", state.hook)
    server = ThreadedServer(app)
    yield state, server.url + "/hook"
    server.stop()


def setup(tmp_path: Path, url: str) -> dict[str, str]:
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    story_rules(rules, STORIES)
    config = tmp_path / "newsalert.yaml"
    config.write_text(f"destinations:\n  hook: {{type: webhook, url: '{url}', secret: '${{HOOK_SECRET}}', timeout: 2}}\n")
    return {"NEWSALERT_RULES": str(rules), "NEWSALERT_CONFIG": str(config), "NEWSALERT_PARTITIONS": "2",
            "HOOK_SECRET": "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}


def story(number: int) -> Article:
    return Article.create(title=f"Armed men seized facility-{number:05d}",
                          body=f"Armed men seized facility-{number:05d} before dawn, residents said.",
                          url=f"https://faults.example.org/{number}", source="Fault Wire")


def send_stories(bootstrap: str, topic: str, numbers: range, rate: float = 20.0) -> None:
    async def go() -> None:
        async with producer(bootstrap) as client:
            for number in numbers:
                article = story(number)
                await client.send_and_wait(topic, encode_article(article), key=article.id.encode())
                await asyncio.sleep(1 / rate)

    asyncio.run(go())


def wait_until(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached in {timeout:.0f} s")
        time.sleep(0.3)


def every_story_delivered_once(received: Receiver) -> None:
    """Every story reached the receiver; repeats carry the same webhook-id; no story opened two alerts."""
    assert received.stories() == {f"facility=f{n:05d}" for n in range(STORIES)}
    ids_per_story: dict[str, set[str]] = {}
    for _, alert_id, group in received.accepted:
        ids_per_story.setdefault(group, set()).add(alert_id)
    assert all(len(ids) == 1 for ids in ids_per_story.values()), "a story opened two alerts"


def test_a_worker_killed_mid_stream_loses_nothing(kafka: str, tmp_path: Path, receiver: tuple[Receiver, str]) -> None:
    received, url = receiver
    env = setup(tmp_path, url)
    worker = Worker(kafka, "killed.", tmp_path, **env).start()
    sender = threading.Thread(target=send_stories, args=(kafka, worker.topic("articles"), range(STORIES)))
    sender.start()
    time.sleep(1.5)
    assert worker.process is not None
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait()
    sender.join()
    restarted = Worker(kafka, "killed.", tmp_path, **env).start()
    try:
        wait_until(lambda: len(received.stories()) == STORIES, 90, "every story delivered after the restart")
    finally:
        restarted.stop()
    every_story_delivered_once(received)
    matched = {m["article_id"] for m in records(kafka, worker.topic("matches"))}
    assert matched == {story(n).id for n in range(STORIES)}
    redelivered = len(received.accepted) - len({w for w, _, _ in received.accepted})
    print(f"re-deliveries after SIGKILL: {redelivered} of {len(received.accepted)} deliveries")


def test_workers_joining_and_leaving_lose_nothing(kafka: str, tmp_path: Path, receiver: tuple[Receiver, str]) -> None:
    received, url = receiver
    env = setup(tmp_path, url)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Worker(kafka, "scaling.", tmp_path / "a", **env).start()
    sender = threading.Thread(target=send_stories, args=(kafka, first.topic("articles"), range(STORIES), 10.0))
    sender.start()
    time.sleep(1.0)
    second = Worker(kafka, "scaling.", tmp_path / "b", **env).start()  # joins mid-stream
    time.sleep(2.0)
    first.stop()  # leaves mid-stream: its partitions and their stories move to the second
    sender.join()
    try:
        wait_until(lambda: len(received.stories()) == STORIES, 90, "every story delivered")
    finally:
        second.stop()
    every_story_delivered_once(received)


def test_a_frozen_broker_is_survived(tmp_path: Path, receiver: tuple[Receiver, str]) -> None:
    received, url = receiver
    env = setup(tmp_path, url)
    with EmbeddedBroker(log=tmp_path / "tansu.log") as broker:
        with running_worker(broker.bootstrap, "frozen.", tmp_path, **env) as worker:
            send_stories(broker.bootstrap, worker.topic("articles"), range(0, 10))
            wait_until(lambda: len(received.stories()) == 10, 60, "first stories delivered")
            assert broker._process is not None
            broker._process.send_signal(signal.SIGSTOP)
            time.sleep(15)
            broker._process.send_signal(signal.SIGCONT)
            assert worker.process is not None and worker.process.poll() is None, "the worker died"
            send_stories(broker.bootstrap, worker.topic("articles"), range(10, 20))
            wait_until(lambda: len(received.stories()) == 20, 90, "stories after the freeze delivered")
            assert worker.process.poll() is None


def test_a_dead_destination_gets_every_alert_in_order_afterwards(
    kafka: str, tmp_path: Path, receiver: tuple[Receiver, str]
) -> None:
    received, url = receiver
    env = setup(tmp_path, url)
    with running_worker(kafka, "outage.", tmp_path, **{**env, "NEWSALERT_PARTITIONS": "1"}) as worker:
        received.up = False
        send_stories(kafka, worker.topic("articles"), range(20))
        # Upstream keeps matching while the destination is down.
        wait_until(lambda: len({m["article_id"] for m in records(kafka, worker.topic("matches"))}) == 20, 30,
                   "every article matched during the outage")
        time.sleep(8)  # retries keep failing meanwhile
        assert not received.accepted
        received.up = True
        wait_until(lambda: len(received.stories()) == 20, 120, "every alert delivered after the outage")
    order = [group for _, _, group in received.accepted]
    assert order == sorted(order, key=lambda g: int(g.rsplit("f", 1)[1]))  # in the order they were opened
    assert not [l for l in records(kafka, worker.topic("deadletter")) if l["stage"] == "deliver"]
