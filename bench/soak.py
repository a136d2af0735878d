"""Soak: one worker on the embedded broker at a steady 200 articles/s; memory, file descriptors, lost alerts.

Full run: 10 minutes; quick: 1 minute. Every story resolves a minute after it opened, so the worker's state
reaches a steady size. Its resident memory and open file descriptors are read from /proc at the start of the
steady state (after a warm-up of two story windows, or 15 s in quick mode) and at the end; every article
that opens a story must reach the webhook receiver.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from bench.common import paced, story_worker
from bench.corpus import corpus
from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.broker import EmbeddedBroker, free_port
from streams.config import Settings
from streams.harness import WorkerProcess, story_rules
from streams.kafka import create_topics, producer

RATE = 200
STORY_SHARE = 20  # one article in twenty opens a story
SECRET = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
TARGET_GROWTH = 0.10
STORY_WINDOW = "1m"


def _resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _open_fds(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/fd").iterdir()))


async def _run(settings: Settings, worker: WorkerProcess, seconds: float, warmup: float, port: int) -> dict[str, Any]:
    received: set[str] = set()

    async def hook(request: web.Request) -> web.Response:
        body = await request.json()
        received.update(a["url"] for a in body["data"]["alert"]["articles"])
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    everyday = corpus(500, conflict_share=0.0)
    sent: set[str] = set()
    samples: dict[str, tuple[int, int]] = {}
    assert worker.process is not None
    pid = worker.process.pid
    assert settings.kafka_bootstrap
    try:
        async with producer(settings.kafka_bootstrap) as client:
            started = time.monotonic()
            async for i in paced(RATE, int((seconds + warmup) * RATE)):
                if "start" not in samples and time.monotonic() - started >= warmup:
                    samples["start"] = (_resident_kb(pid), _open_fds(pid))
                if i % STORY_SHARE == 0:
                    number = i // STORY_SHARE
                    article = Article.create(
                        title=f"Fighters seized facility-{number:05d}",
                        body=f"Armed men seized facility-{number:05d} before dawn.",
                        url=f"https://soak.example.org/{number}",
                        source="Soak Wire",
                    )
                    sent.add(article.url or "")
                else:
                    base = everyday[i % len(everyday)]
                    article = Article.create(title=base.title, body=base.body, url=f"https://soak.example.org/n/{i}")
                await client.send(settings.topic("articles"), encode_article(article), key=article.id.encode())
        deadline = time.monotonic() + 60
        while not sent <= received and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        samples["end"] = (_resident_kb(pid), _open_fds(pid))
    finally:
        await runner.cleanup()
    (rss0, fd0), (rss1, fd1) = samples["start"], samples["end"]
    return {
        "rss_kb_start": rss0,
        "rss_kb_end": rss1,
        "rss_growth": round((rss1 - rss0) / rss0, 4),
        "fds_start": fd0,
        "fds_end": fd1,
        "alerts_expected": len(sent),
        "alerts_lost": len(sent - received),
    }


def main(quick: bool = False) -> dict[str, Any]:
    """Run the soak benchmark and return its results (also printed)."""
    seconds, warmup = (60.0, 15.0) if quick else (600.0, 120.0)
    stories = int((seconds + warmup) * RATE / STORY_SHARE) + 10
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(log=Path(data_dir) / "tansu.log") as broker:
        rules = Path(data_dir) / "rules"
        rules.mkdir()
        # Stories resolve a minute after their match, so the soak reaches a steady state in which every
        # story is opened and resolved: what memory still grows then is a leak, not open stories.
        story_rules(rules, stories, window=STORY_WINDOW)
        config = Path(data_dir) / "newsalert.yaml"
        config.write_text(
            f"resolve_interval: 5s\ndestinations:\n  sink: {{type: webhook, "
            f"url: 'http://127.0.0.1:{port}/hook', secret: '{SECRET}'}}\n"
        )
        settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix="soak.", partitions=1)
        asyncio.run(create_topics(settings))
        worker = story_worker(broker.bootstrap, settings.topic_prefix, data_dir, rules, config).start(timeout=90)
        try:
            result = asyncio.run(_run(settings, worker, seconds, warmup, port))
        finally:
            worker.stop()
    print(f"soak: {seconds:.0f} s at {RATE} articles/s after {warmup:.0f} s warm-up, one worker, all stages")
    print(
        f"  resident memory {result['rss_kb_start'] / 1024:.0f} MB → {result['rss_kb_end'] / 1024:.0f} MB "
        f"({result['rss_growth']:+.1%}); open fds {result['fds_start']} → {result['fds_end']}; "
        f"alerts lost {result['alerts_lost']} of {result['alerts_expected']}"
    )
    checks = {
        "memory_growth_under_10_percent": result["rss_growth"] < TARGET_GROWTH,
        "no_fd_growth": result["fds_end"] <= result["fds_start"],
        "zero_lost_alerts": result["alerts_lost"] == 0,
    }
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'} {name}")
    return {**result, "seconds": seconds, "rate_per_second": RATE, "checks": checks}
