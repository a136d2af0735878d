"""Pipeline throughput and latency on the embedded broker: a Faust worker against a plain aiokafka loop.

Throughput: ``count`` articles are written to ``articles`` first, then one consumer
drains them: (a) a real ``newsalert worker`` process (Faust), (b) the same
decode → de-duplicate → match → write-matches steps in a bare aiokafka loop in
this process. Latency: with the worker running, articles that all match are
produced at a fixed rate and each one's send time is compared with the Kafka
timestamp of the match the worker wrote for it.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from bench.common import paced, percentile
from bench.corpus import corpus
from streams.agents.match import match_key
from streams.alerting.similarity import with_fingerprints
from streams.articles.model import Article
from streams.articles.wire import decode_article, encode_article
from streams.broker import EmbeddedBroker
from streams.config import Settings
from streams.harness import WorkerProcess
from streams.kafka import create_topics, producer, read_to_end
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article

TARGET_RATE = 2000.0  # articles/s per worker
TARGET_FAUST_SHARE = 0.5  # Faust at least half the plain loop
TARGET_P99 = 0.100  # seconds at 200 articles/s
LATENCY_RATE = 200
_COUNTER = re.compile(r"^newsalert_articles_total\{[^}]*\} ([0-9.e+]+)$", re.M)


async def _preload(settings: Settings, articles: list[Article]) -> None:
    await create_topics(settings)
    assert settings.kafka_bootstrap
    async with producer(settings.kafka_bootstrap) as client:
        pending = [
            await client.send(settings.topic("articles"), encode_article(a), key=a.id.encode()) for a in articles
        ]
        await asyncio.gather(*pending)


def _processed(url: str) -> float:
    try:
        text = httpx.get(url + "/metrics", timeout=2).text
    except httpx.HTTPError:
        return 0.0
    return sum(float(v) for v in _COUNTER.findall(text))


def _faust_rate(settings: Settings, count: int, data_dir: str) -> tuple[float, WorkerProcess]:
    """Articles/s of a real worker draining ``count`` preloaded articles; returns the still-running worker."""
    # The match stage alone, as the plain loop does; alert and deliver are measured by bench/alerting.py.
    assert settings.kafka_bootstrap
    worker = WorkerProcess(
        settings.kafka_bootstrap,
        settings.topic_prefix,
        Path(data_dir),
        NEWSALERT_PARTITIONS=str(settings.partitions),
        NEWSALERT_AGENTS="match",
    )
    worker.launch()
    samples: list[tuple[float, float]] = []
    deadline = time.monotonic() + 120 + count / 200
    while time.monotonic() < deadline:
        done = _processed(worker.url)
        now = time.perf_counter()
        if done > 0:
            samples.append((now, done))
        if done >= count:
            break
        time.sleep(0.05)
    else:
        worker.stop()
        raise RuntimeError(f"the worker processed {samples[-1][1] if samples else 0:.0f} of {count} articles")
    (t0, n0), (t1, n1) = samples[0], samples[-1]
    return (n1 - n0) / max(t1 - t0, 1e-9), worker


async def _plain_rate(settings: Settings, count: int) -> float:
    """The same work in a bare aiokafka loop: decode, match, de-duplicate, fingerprint, write matches, commit."""
    compiled = compile_rules(load_rules(settings.rules))
    seen: set[str] = set()
    consumer = AIOKafkaConsumer(
        settings.topic("articles"),
        bootstrap_servers=settings.kafka_bootstrap,
        group_id="plain-loop",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        max_poll_records=500,
        session_timeout_ms=10_000,
    )
    await consumer.start()
    done = 0
    started = 0.0
    assert settings.kafka_bootstrap
    try:
        async with producer(settings.kafka_bootstrap) as client:
            while done < count:
                batch = await consumer.getmany(timeout_ms=500)
                if batch and not started:
                    started = time.perf_counter()
                pending = []
                for records in batch.values():
                    for record in records:
                        done += 1
                        article = decode_article(record.value, max_bytes=settings.max_article_bytes)
                        matches = match_article(compiled, article)
                        if not matches or article.id in seen:
                            continue
                        seen.add(article.id)
                        for found in with_fingerprints(matches, article):
                            pending.append(
                                await client.send(
                                    settings.topic("matches"),
                                    json.dumps(found.to_dict()).encode(),
                                    key=match_key(found),
                                )
                            )
                await asyncio.gather(*pending)
                if batch:
                    await consumer.commit()
    finally:
        await consumer.stop()
    return count / (time.perf_counter() - started)


async def _latency(settings: Settings, seconds: float) -> list[float]:
    """Seconds from sending each article to its match being written, at :data:`LATENCY_RATE` per second."""
    assert settings.kafka_bootstrap
    sent: dict[str, float] = {}
    total = int(seconds * LATENCY_RATE)
    async with producer(settings.kafka_bootstrap) as client:
        async for i in paced(LATENCY_RATE, total):
            article = Article.create(
                title=f"Rebels seize Homs (latency probe {i})",
                body="Opposition fighters seized Homs after government troops withdrew.",
                url=f"https://bench.example.org/latency/{i}",
            )
            sent[article.id] = time.time()
            await client.send(settings.topic("articles"), encode_article(article), key=article.id.encode())
    await asyncio.sleep(2.0)
    latencies = []
    for record in await read_to_end(settings.kafka_bootstrap, settings.topic("matches"), timeout=60):
        article_id = json.loads(record.value)["article_id"]
        if article_id in sent:
            latencies.append(record.timestamp / 1000 - sent.pop(article_id))
    if sent:
        raise RuntimeError(f"{len(sent)} latency probes never matched")
    return latencies


CORPORA = {"news stream (10% war reporting)": 0.1, "war reporting only": 1.0}


def main(quick: bool = False) -> dict[str, Any]:
    """Run the pipeline benchmark and return its results (also printed)."""
    count = 3000 if quick else 20000
    latency_seconds = 5.0 if quick else 15.0
    print(
        f"pipeline: {count} articles of 2-5 KB per run, one worker (match stage), one partition, embedded broker, "
        "shipped rules"
    )
    print(f"  {'corpus':<34} {'plain loop art/s':>17} {'faust art/s':>12} {'faust/plain':>12}")
    rows = []
    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(log=Path(data_dir) / "tansu.log") as broker:
        for number, (name, share) in enumerate(CORPORA.items()):
            base = corpus(1000, conflict_share=share)
            # Distinct articles (distinct ids), each a real 2-5 KB Arabic or English text.
            articles = [replace(base[i % len(base)], id=f"bench-{i}") for i in range(count)]
            faust_settings = Settings(
                kafka_bootstrap=broker.bootstrap, topic_prefix=f"bench{number}-faust.", partitions=1
            )
            plain_settings = replace(faust_settings, topic_prefix=f"bench{number}-plain.")
            asyncio.run(_preload(faust_settings, articles))
            asyncio.run(_preload(plain_settings, articles))
            plain = asyncio.run(_plain_rate(plain_settings, count))
            faust_rate, worker = _faust_rate(faust_settings, count, data_dir)
            try:
                if number == 0:
                    latencies = asyncio.run(_latency(faust_settings, latency_seconds))
            finally:
                worker.stop()
            rows.append(
                {
                    "corpus": name,
                    "war_reporting_share": share,
                    "plain_articles_per_second": round(plain, 1),
                    "faust_articles_per_second": round(faust_rate, 1),
                }
            )
            print(f"  {name:<34} {plain:>17,.0f} {faust_rate:>12,.0f} {faust_rate / plain:>12.2f}")
    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    print(
        f"  latency at {LATENCY_RATE}/s for {latency_seconds:.0f} s: p50 {p50 * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms ({len(latencies)} articles)"
    )
    stream = rows[0]
    checks = {
        "at_least_2000_per_s_news_stream": stream["faust_articles_per_second"] >= TARGET_RATE,
        "faust_at_least_half_plain": all(
            r["faust_articles_per_second"] >= TARGET_FAUST_SHARE * r["plain_articles_per_second"] for r in rows
        ),
        "p99_under_100ms": p99 < TARGET_P99,
    }
    for check, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'} {check}")
    return {
        "articles_per_run": count,
        "rows": rows,
        "latency_rate_per_second": LATENCY_RATE,
        "latency_ms": {
            "p50": round(p50 * 1000, 2),
            "p99": round(p99 * 1000, 2),
            "mean": round(statistics.mean(latencies) * 1000, 2),
            "max": round(max(latencies) * 1000, 2),
        },
        "checks": checks,
    }
