"""Faults survived with nothing lost: a killed worker, workers joining and leaving, a frozen broker, a dead
destination. Real worker processes, real broker, a real webhook receiver."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.broker import EmbeddedBroker
from streams.harness import WorkerProcess as Worker
from streams.harness import story_rules
from streams.kafka import producer
from tests.workers import ThreadedServer, records, running_worker

pytestmark = [pytest.mark.slow, pytest.mark.integration]  # brokers of its own, killed and frozen
STORIES = 60


@dataclass
class Receiver:
    """A webhook receiver that can be switched off (503) and records what it accepted, in order."""

    up: bool = True
    refused: Counter[str] = field(default_factory=Counter)  # attempts answered 503 while off, per webhook-id
    accepted: list[tuple[str, str, str]] = field(default_factory=list)  # (webhook-id, alert id, group key)
    alerts: list[dict] = field(default_factory=list)  # the accepted alerts themselves, same order
    elsewhere: list[str] = field(default_factory=list)  # webhook-ids that reached the destination no rule names
    feed_stories: list[int] = field(default_factory=list)  # stories the feed at /feed.xml carries
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        if not self.up:
            with self.lock:
                self.refused[request.headers["webhook-id"]] += 1
            return web.Response(status=503, text="down")
        alert = body["data"]["alert"]
        with self.lock:
            self.accepted.append((request.headers["webhook-id"], alert["id"], alert["group_key"]))
            self.alerts.append(alert)
        return web.Response(text="ok")

    async def other(self, request: web.Request) -> web.Response:
        with self.lock:
            self.elsewhere.append(request.headers["webhook-id"])
        return web.Response(text="ok")

    async def feed(self, request: web.Request) -> web.Response:
        items = "".join(
            f"<item><title>Armed men seized facility-{n:05d}</title><link>https://feed.example.org/{n}</link>"
            f"<guid>feed-{n}</guid><description>Armed men seized facility-{n:05d} overnight.</description></item>"
            for n in self.feed_stories
        )
        return web.Response(
            text=f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Desk</title>{items}</channel></rss>',
            content_type="application/rss+xml",
        )

    def stories(self) -> set[str]:
        with self.lock:
            return {group for _, _, group in self.accepted}


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    state = Receiver()
    app = web.Application()
    app.router.add_post("/hook", state.hook)
    app.router.add_post("/other", state.other)
    app.router.add_get("/feed.xml", state.feed)
    server = ThreadedServer(app)
    yield state, server.url + "/hook"
    server.stop()


def setup(tmp_path: Path, url: str) -> dict[str, str]:
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    story_rules(rules, STORIES)
    # The rule names `hook`; `other` is configured too but must never get its alerts (per-rule routing).
    rule_file = rules / "bench.yaml"
    text = rule_file.read_text()
    assert text.count("    group_by: [facility]\n") == 1
    rule_file.write_text(text.replace("    group_by: [facility]\n", "    group_by: [facility]\n    notify: [hook]\n"))
    other = url.rsplit("/", 1)[0] + "/other"
    config = tmp_path / "newsalert.yaml"
    config.write_text(
        f"destinations:\n  hook: {{type: webhook, url: '{url}', secret: '${{HOOK_SECRET}}', timeout: 2}}\n"
        f"  other: {{type: webhook, url: '{other}', secret: '${{HOOK_SECRET}}', timeout: 2}}\n"
    )
    return {
        "NEWSALERT_RULES": str(rules),
        "NEWSALERT_CONFIG": str(config),
        "NEWSALERT_PARTITIONS": "2",
        "HOOK_SECRET": "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    }


def story(number: int) -> Article:
    return Article.create(
        title=f"Armed men seized facility-{number:05d}",
        body=f"Armed men seized facility-{number:05d} before dawn, residents said.",
        url=f"https://faults.example.org/{number}",
        source="Fault Wire",
    )


def follow_ups(number: int) -> list[Article]:
    """Two more outlets reporting story ``number`` in their own words (not wire copies): three sources in all."""
    return [
        Article.create(
            title=f"Gunmen take facility-{number:05d}",
            body=f"Local sources confirmed that gunmen captured facility-{number:05d} early this "
            "morning and set up checkpoints on the roads around it.",
            url=f"https://second.example.net/{number}",
            source="Second Desk",
        ),
        Article.create(
            title=f"Fighting reported at facility-{number:05d}",
            body=f"A resident living near facility-{number:05d} said it was seized by a group of "
            "fighters after a brief exchange of fire with the guards.",
            url=f"https://third.example.com/{number}",
            source="Third Courier",
        ),
    ]


def send_stories(bootstrap: str, topic: str, numbers: range, rate: float = 20.0, make=lambda n: [story(n)]) -> None:
    async def go() -> None:
        async with producer(bootstrap) as client:
            for number in numbers:
                for article in make(number):
                    await client.send_and_wait(topic, encode_article(article), key=article.id.encode())
                await asyncio.sleep(1 / rate)

    asyncio.run(go())


def wait_until(condition: object, timeout: float, what: str, explain: Callable[[], str] = str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached in {timeout:.0f} s{explain()}")
        time.sleep(0.3)


def where_stories_stopped(bootstrap: str, prefix: str, received: Receiver, revision: int) -> str:
    """For a failure message: how far each story short of ``revision`` got at each stage."""
    matches, alerts = (grouped_by_story(records(bootstrap, prefix + name)) for name in ("matches", "alerts"))
    delivered = {group: max(a["revision"] for a in revisions) for group, revisions in by_story(received).items()}
    short = sorted(g for g in (f"facility=f{n:05d}" for n in range(STORIES)) if delivered.get(g, 0) < revision)
    lines = [
        f"{group}: {len(matches.get(group, []))} matches (sources "
        f"{[m['source'] for m in matches.get(group, [])]}), alerts written "
        f"{[(a['id'][:8], a['kind'], a['revision'], a['article_count']) for a in alerts.get(group, [])]}, "
        f"delivered revision {delivered.get(group, 0)}"
        for group in short
    ]
    return "\n".join(["", *lines])


def every_story_delivered_once(received: Receiver) -> None:
    """Every story reached the receiver; repeats carry the same webhook-id; no story opened two alerts."""
    assert received.stories() == {f"facility=f{n:05d}" for n in range(STORIES)}
    ids_per_story: dict[str, set[str]] = {}
    for _, alert_id, group in received.accepted:
        ids_per_story.setdefault(group, set()).add(alert_id)
    assert all(len(ids) == 1 for ids in ids_per_story.values()), "a story opened two alerts"
    assert not received.elsewhere, "an alert reached a destination its rule does not name"


def test_a_worker_killed_mid_stream_loses_nothing(
    kafka: str, tmp_path: Path, receiver: tuple[Receiver, str], record_property: Callable[[str, object], None]
) -> None:
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
    record_property("report_sigkill_redeliveries", f"{redelivered} of {len(received.accepted)} deliveries")
    print(f"\nre-deliveries after SIGKILL: {redelivered} of {len(received.accepted)} deliveries")


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
        wait_until(
            lambda: len(received.stories()) == STORIES,
            90,
            "every story delivered",
            explain=lambda: where_stories_stopped(kafka, "scaling.", received, 1),
        )
        # After the rebalance, two more outlets report every story: the second worker must grow the
        # stories the first one opened (their state followed the partitions), not open new ones.
        send_stories(kafka, first.topic("articles"), range(STORIES), 100.0, make=follow_ups)
        wait_until(
            lambda: len(corroborated(received)) == STORIES,
            90,
            "every story corroborated by three outlets",
            explain=lambda: where_stories_stopped(kafka, "scaling.", received, 3),
        )
    finally:
        second.stop()
    every_story_delivered_once(received)
    for group, alerts in by_story(received).items():
        opened = [a for a in alerts if a["kind"] == "opened"]
        assert opened and {(a["id"], a["revision"]) for a in opened} == {(alerts[0]["id"], 1)}, group
        grown = max(alerts, key=lambda a: a["revision"])
        assert grown["id"] == opened[0]["id"] and grown["revision"] == 3, (group, alerts)
        assert grown["article_count"] == 3 and grown["corroboration"] == 3, grown
        assert set(grown["sources"]) == {"Fault Wire", "Second Desk", "Third Courier"}


def grouped_by_story(items: list[dict]) -> dict[str, list[dict]]:
    """Matches or alerts by their story's group key, in order."""
    stories: dict[str, list[dict]] = {}
    for item in items:
        stories.setdefault(item["group_key"], []).append(item)
    return stories


def by_story(received: Receiver) -> dict[str, list[dict]]:
    """The alerts the receiver accepted, by story."""
    with received.lock:
        return grouped_by_story(received.alerts)


def corroborated(received: Receiver) -> set[str]:
    """Stories whose delivered alerts already count all three outlets."""
    return {group for group, alerts in by_story(received).items() if any(a["corroboration"] >= 3 for a in alerts)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_frozen_broker_is_survived(
    tmp_path: Path, receiver: tuple[Receiver, str], record_property: Callable[[str, object], None]
) -> None:
    received, url = receiver
    env = setup(tmp_path, url)
    with open(env["NEWSALERT_CONFIG"], "a") as config:  # the worker polls a feed too
        config.write(
            f"fetch_private_addresses: true\nfeeds:\n  - url: '{url.rsplit('/', 1)[0]}/feed.xml'\n"
            "    source: Feed Desk\n    interval: 1s\n"
        )
    with (
        EmbeddedBroker(log=tmp_path / "tansu.log") as broker,
        running_worker(broker.bootstrap, "frozen.", tmp_path, **env) as worker,
    ):
        send_stories(broker.bootstrap, worker.topic("articles"), range(0, 10))
        wait_until(lambda: len(received.stories()) == 10, 60, "first stories delivered")
        assert broker._process is not None and worker.process is not None
        cpu_before = cpu_seconds(worker.process.pid)
        broker._process.send_signal(signal.SIGSTOP)
        received.feed_stories.append(20)  # the poller finds it while the broker is frozen
        time.sleep(15)
        broker._process.send_signal(signal.SIGCONT)
        assert worker.process.poll() is None, "the worker died"
        # Not spinning: a worker retrying in a tight loop would burn most of a core for the 15 s.
        frozen_cpu = cpu_seconds(worker.process.pid) - cpu_before
        record_property("report_cpu_while_broker_frozen", f"{frozen_cpu:.2f} s of CPU in 15 s")
        assert frozen_cpu < 5.0, f"the worker used {frozen_cpu:.1f} s of CPU in 15 s with the broker frozen"
        send_stories(broker.bootstrap, worker.topic("articles"), range(10, 20))
        wait_until(lambda: len(received.stories()) == 21, 90, "stories after the freeze delivered")
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
        wait_until(
            lambda: len({m["article_id"] for m in records(kafka, worker.topic("matches"))}) == 20,
            30,
            "every article matched during the outage",
        )
        # Retries keep failing meanwhile: an alert refused five times, its retries backing off to seconds apart.
        wait_until(lambda: max(received.refused.values(), default=0) >= 5, 60, "an alert refused five times")
        assert not received.accepted
        received.up = True
        wait_until(lambda: len(received.stories()) == 20, 120, "every alert delivered after the outage")
    order = [group for _, _, group in received.accepted]
    assert order == sorted(order, key=lambda g: int(g.rsplit("f", 1)[1]))  # in the order they were opened
    assert not [l for l in records(kafka, worker.topic("deadletter")) if l["stage"] == "deliver"]
