"""End-to-end alert latency: article produced → signed webhook received, at a fixed rate, one worker.

A realistic stream: one article in ten is a first report of a new story (so it
opens an alert and is delivered), the rest are everyday news that match
nothing. The receiver runs in this process, beside the producer; latency is its
arrival time minus the time the article was sent. For scale, the same run
reports the broker round trip of a bare produce → consume.
"""

from __future__ import annotations

import asyncio
import base64
import tempfile
import time
from pathlib import Path
from typing import Any

from aiohttp import web
from aiokafka import AIOKafkaConsumer

from bench.common import paced, percentile, story_worker
from bench.corpus import corpus
from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.broker import EmbeddedBroker, free_port
from streams.config import Settings
from streams.harness import story_rules
from streams.kafka import create_topics, producer

RATE = 200  # articles/s
STORY_SHARE = 10  # one article in this many opens a story
TARGET_P99 = 0.250
SECRET = "whsec_" + base64.b64encode(b"bench-secret-bench-secret-bench!").decode()


async def _round_trip(bootstrap: str) -> float:
    """Median produce → consume time of a bare aiokafka pair on this broker (seconds)."""
    topic = "bench-round-trip"
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", fetch_max_wait_ms=100)
    async with producer(bootstrap) as client:
        await client.send_and_wait(topic, b"warm")
        await consumer.start()
        try:
            await consumer.getone()
            times = []
            for _ in range(50):
                started = time.time()
                await client.send_and_wait(topic, b"x")
                await consumer.getone()
                times.append(time.time() - started)
                await asyncio.sleep(0.005)
        finally:
            await consumer.stop()
    return percentile(times, 0.5)


async def _measure(settings: Settings, seconds: float, arrivals: dict[str, float]) -> list[float]:
    assert settings.kafka_bootstrap
    everyday = corpus(500, conflict_share=0.0)
    sent: dict[str, float] = {}
    total = int(seconds * RATE)
    async with producer(settings.kafka_bootstrap) as client:
        async for i in paced(RATE, total):
            if i % STORY_SHARE == 0:
                number = i // STORY_SHARE
                article = Article.create(
                    title=f"Fighters seized facility-{number:05d}",
                    body=f"Armed men seized facility-{number:05d} on the outskirts of the city before dawn.",
                    url=f"https://bench.example.org/story/{number}",
                    source="Bench Wire",
                )
                sent[article.url or ""] = time.time()
            else:
                base = everyday[i % len(everyday)]
                article = Article.create(title=base.title, body=base.body, url=f"https://bench.example.org/n/{i}")
            await client.send(settings.topic("articles"), encode_article(article), key=article.id.encode())
    deadline = time.time() + 30
    while len(arrivals) < len(sent) and time.time() < deadline:
        await asyncio.sleep(0.1)
    return [arrivals[url] - at for url, at in sent.items() if url in arrivals]


def main(quick: bool = False) -> dict[str, Any]:
    """Run the alerting benchmark and return its results (also printed)."""
    seconds = 5.0 if quick else 20.0
    stories = int(seconds * RATE / STORY_SHARE) + 10
    arrivals: dict[str, float] = {}

    async def hook(request: web.Request) -> web.Response:
        body = await request.json()
        now = time.time()
        for article in body["data"]["alert"]["articles"]:
            arrivals.setdefault(article["url"], now)
        return web.Response(text="ok")

    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(log=Path(data_dir) / "tansu.log") as broker:
        rules = Path(data_dir) / "rules"
        rules.mkdir()
        story_rules(rules, stories)
        port = free_port()
        config = Path(data_dir) / "newsalert.yaml"
        config.write_text(
            f"destinations:\n  sink: {{type: webhook, url: 'http://127.0.0.1:{port}/hook', secret: '{SECRET}'}}\n"
        )
        settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix="bench-alerts.", partitions=1)
        asyncio.run(create_topics(settings))
        round_trip = asyncio.run(_round_trip(broker.bootstrap))
        worker = story_worker(broker.bootstrap, settings.topic_prefix, data_dir, rules, config)
        try:
            worker.start(timeout=90)
            latencies = asyncio.run(_serve_and_measure(hook, port, settings, seconds, arrivals))
        finally:
            worker.stop()
    expected = int(seconds * RATE / STORY_SHARE)
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"alerting: {seconds:.0f} s at {RATE} articles/s, one in {STORY_SHARE} opens a story; one worker")
    print(f"  bare produce → consume on this broker (baseline): p50 {round_trip * 1000:.1f} ms")
    print(
        f"  article sent → signed webhook received: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms ({len(latencies)} of {expected} alerts received)"
    )
    checks = {"p99_under_250ms": p99 < TARGET_P99, "every_alert_received": len(latencies) == expected}
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'} {name}")
    return {
        "rate_per_second": RATE,
        "seconds": seconds,
        "alerts_expected": expected,
        "alerts_received": len(latencies),
        "baseline_round_trip_ms": round(round_trip * 1000, 2),
        "latency_ms": {
            "p50": round(p50 * 1000, 2),
            "p99": round(p99 * 1000, 2),
            "max": round(max(latencies) * 1000, 2),
        },
        "checks": checks,
    }


async def _serve_and_measure(
    hook: Any, port: int, settings: Settings, seconds: float, arrivals: dict[str, float]
) -> list[float]:
    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        return await _measure(settings, seconds, arrivals)
    finally:
        await runner.cleanup()
