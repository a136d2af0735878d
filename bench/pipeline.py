"""Pipeline throughput and latency on the embedded broker: a Faust worker against a plain aiokafka loop.

Throughput, per corpus: ``count`` articles of 2 KB are written to ``articles`` first, then one
consumer drains them: (a) a real ``newsalert worker`` process (Faust, the match stage, shipped
rules with the world gazetteer), (b) the same decode → match → de-duplicate → fingerprint →
write-matches → commit steps in a bare aiokafka loop in this process, in the same run. The first
``warm_up`` articles of each drain are not timed (caches fill as in a running worker). Corpora:

- *news stream* (the headline): ``bench.newscorpus.NewsStream``, text that never repeats, 10% war
  reporting, as ``bench/matcher.py`` measures the matcher;
- *war reporting only*: the same generator, every article war reporting, nearly all of which
  match (the crisis case: fingerprinting and writing matches on every article);
- *best case (repeating text)*: the old corpus of a few dozen sentences (``bench.corpus``).

Beside each figure: the normalisation cache's hit rate over the timed articles (read in the plain
loop, which normalises the same articles with the same code), matches per article, and the load
average. Start-up (process start → ``/ready``, partitions assigned) and peak resident memory of each
worker are reported too. Latency: with the news-stream worker running, articles that all match are
produced at a fixed rate and each one's send time is compared with the Kafka timestamp of the
match the worker wrote for it.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer

from bench.cache import CacheProbe, chunks
from bench.common import paced, percentile
from bench.corpus import corpus
from bench.matcher import code_state
from bench.newscorpus import NewsStream
from streams.agents.match import match_key
from streams.alerting.similarity import with_fingerprints
from streams.articles.model import Article
from streams.articles.wire import decode_article, encode_article
from streams.broker import EmbeddedBroker
from streams.config import Settings
from streams.harness import READY_TIMEOUT, WorkerProcess, wait_until_ready
from streams.kafka import create_topics, producer, read_to_end
from streams.records import to_json
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules
from streams.ruleset.matcher import match_article

TARGET_RATE = 2000.0  # articles/s per worker, news stream
TARGET_CRISIS_RATE = 1000.0  # articles/s per worker, war reporting only
TARGET_FAUST_SHARE = 0.5  # Faust at least half the plain loop
TARGET_P99 = 0.100  # seconds at 200 articles/s
LATENCY_RATE = 200
ARTICLE_BYTES = 2048
NEWS_STREAM_WAR_SHARE = 0.1
# How often the worker's /metrics is read while it drains: each read costs it about 10 ms of CPU
# (rendering every metric). Until the warm-up is done it is read often, to start the timing close to it;
# then once every TIMED_POLL_SECONDS, which costs the worker about 1% of a core (at 4 reads a second, on a
# machine loaded enough that it drains 80 articles/s, the reads took 0.5 ms of CPU per article, a fifth
# of what was measured). The timing ends at the last read before the drain is done, so it is exact.
POLL_SECONDS = 0.25
TIMED_POLL_SECONDS = 1.0
_COUNTER = re.compile(r"^newsalert_articles_total\{[^}]*\} ([0-9.e+]+)$", re.M)


@dataclass(frozen=True)
class Corpus:
    """One row of the benchmark: a label and the articles drained (warm-up first)."""

    key: str
    label: str
    war_share: float

    def articles(self, count: int, seed: int) -> list[Article]:
        """``count`` distinct articles of about :data:`ARTICLE_BYTES`."""
        if self.key == "repeating":
            base = corpus(1000, seed=seed, conflict_share=self.war_share, size=ARTICLE_BYTES)
            return [replace(base[i % len(base)], id=f"bench-{i}") for i in range(count)]
        return NewsStream(seed, war_share=self.war_share).articles(count, 0, ARTICLE_BYTES)


CORPORA = (
    Corpus("news", "news stream (generated, 10% war reporting)", NEWS_STREAM_WAR_SHARE),
    Corpus("war", "war reporting only (generated)", 1.0),
    Corpus("repeating", "best case: repeating text, 10% war reporting", NEWS_STREAM_WAR_SHARE),
)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


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


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a running process (``VmHWM``), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system, all threads) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class FaustRun:
    """A real worker that drained the preloaded articles, still running."""

    rate: float
    cpu_rate: float
    startup_seconds: float
    startup_cpu_seconds: float
    worker: WorkerProcess

    @property
    def peak_rss_mb(self) -> float:
        assert self.worker.process is not None
        return _peak_rss_mb(self.worker.process.pid)


def _faust_rate(settings: Settings, count: int, warm_up: int, data_dir: str) -> FaustRun:
    """Articles/s of a real worker draining ``count`` preloaded articles after the first ``warm_up``."""
    # The match stage alone, as the plain loop does; alert and deliver are measured by bench/alerting.py.
    assert settings.kafka_bootstrap
    worker = WorkerProcess(
        settings.kafka_bootstrap,
        settings.topic_prefix,
        Path(data_dir),
        NEWSALERT_PARTITIONS=str(settings.partitions),
        NEWSALERT_AGENTS="match",
    )
    launched = time.perf_counter()
    process = worker.launch()
    if wait_until_ready(process, worker.url, READY_TIMEOUT) != "ready":
        worker.stop()
        raise RuntimeError(f"the worker was not ready in {READY_TIMEOUT:.0f} s:\n{worker.log.read_text()[-3000:]}")
    startup = time.perf_counter() - launched
    startup_cpu = _cpu_seconds(process.pid)
    samples: list[tuple[float, float, float]] = []
    deadline = time.monotonic() + 120 + count / 100
    while time.monotonic() < deadline:
        done = _processed(worker.url)
        now, cpu = time.perf_counter(), _cpu_seconds(process.pid)
        if done >= warm_up:
            samples.append((now, cpu, done))
        if done >= count:
            break
        time.sleep(TIMED_POLL_SECONDS if samples else POLL_SECONDS)
    else:
        worker.stop()
        raise RuntimeError(f"the worker processed {samples[-1][2] if samples else 0:.0f} of {count} articles")
    # The last read while the worker was still draining, unless it finished between the first two.
    (t0, c0, n0), (t1, c1, n1) = samples[0], samples[-2] if len(samples) > 2 else samples[-1]
    return FaustRun((n1 - n0) / max(t1 - t0, 1e-9), (n1 - n0) / max(c1 - c0, 1e-9), startup, startup_cpu, worker)


@dataclass
class PlainRun:
    """What the plain loop measured over the timed articles."""

    rate: float
    cpu_rate: float
    hit_rate: float
    matches_per_article: float


async def _plain_rate(settings: Settings, articles: list[Article], warm_up: int) -> PlainRun:
    """The same work in a bare aiokafka loop: decode, match, de-duplicate, fingerprint, write matches, commit."""
    compiled = compile_rules(load_rules(settings.rules))
    probe = CacheProbe()
    count = len(articles)
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
    done = matches = 0
    started = cpu_started = 0.0
    misses_before = 0
    assert settings.kafka_bootstrap
    try:
        async with producer(settings.kafka_bootstrap) as client:
            while done < count:
                batch = await consumer.getmany(timeout_ms=500)
                pending = []
                for records in batch.values():
                    for record in records:
                        if done == warm_up:
                            started, cpu_started = time.perf_counter(), time.process_time()
                            misses_before, matches = probe.size(), 0
                        done += 1
                        article = decode_article(record.value, max_bytes=settings.max_article_bytes)
                        found = match_article(compiled, article)
                        if not found or article.id in seen:
                            continue
                        seen.add(article.id)
                        for match in with_fingerprints(found, article):
                            matches += 1
                            pending.append(
                                await client.send(settings.topic("matches"), to_json(match), key=match_key(match))
                            )
                await asyncio.gather(*pending)
                if batch:
                    await consumer.commit()
    finally:
        await consumer.stop()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    timed = articles[warm_up:]
    lookups = sum(len(chunks(a)) for a in timed)
    return PlainRun(
        len(timed) / seconds,
        len(timed) / cpu_seconds,
        1 - (probe.size() - misses_before) / max(1, lookups) if probe.available else float("nan"),
        matches / len(timed),
    )


async def _latency(settings: Settings, seconds: float, worker: WorkerProcess, before: float) -> list[float]:
    """Seconds from sending each article to its match being written, at :data:`LATENCY_RATE` per second.

    ``worker`` had processed ``before`` articles; the probes are read back once it has processed them all
    (on a loaded machine it may trail the rate).
    """
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
    deadline = time.monotonic() + 120
    while _processed(worker.url) < before + total and time.monotonic() < deadline:
        await asyncio.sleep(POLL_SECONDS)
    latencies = []
    for record in await read_to_end(settings.kafka_bootstrap, settings.topic("matches"), timeout=60):
        article_id = json.loads(record.value)["article_id"]
        if article_id in sent:
            latencies.append(record.timestamp / 1000 - sent.pop(article_id))
    if sent:
        raise RuntimeError(f"{len(sent)} latency probes never matched")
    return latencies


def main(quick: bool = False) -> dict[str, Any]:
    """Run the pipeline benchmark and return its results (also printed)."""
    count = 3000 if quick else 10000
    warm_up = 500 if quick else 1000
    latency_seconds = 5.0 if quick else 15.0
    started = time.perf_counter()
    print(
        f"pipeline: {count - warm_up:,} articles of {ARTICLE_BYTES // 1024} KB timed per run after {warm_up:,} untimed, "
        f"one worker (match stage), one partition, embedded broker, shipped rules with the world gazetteer; "
        f"load average {_load()} on {os.cpu_count()} CPUs; {code_state()}"
    )
    print(
        "  art/s = articles per second of wall time; per CPU s = per CPU second of the consumer's process "
        "(what one core does, whatever else runs on the machine)"
    )
    print(
        f"  {'corpus':<46} {'plain art/s':>11} {'per CPU s':>9} {'faust art/s':>11} {'per CPU s':>9} "
        f"{'faust/plain':>11} {'hit':>6} {'match/art':>9} {'start s':>7} {'RSS MB':>6}"
    )
    rows = []
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir, EmbeddedBroker(log=Path(data_dir) / "tansu.log") as broker:
        for number, kind in enumerate(CORPORA):
            articles = kind.articles(count, seed=31 + number)
            faust_settings = Settings(
                kafka_bootstrap=broker.bootstrap, topic_prefix=f"bench{number}-faust.", partitions=1
            )
            plain_settings = replace(faust_settings, topic_prefix=f"bench{number}-plain.")
            asyncio.run(_preload(faust_settings, articles))
            asyncio.run(_preload(plain_settings, articles))
            load_before = _load()
            plain = asyncio.run(_plain_rate(plain_settings, articles, warm_up))
            faust = _faust_rate(faust_settings, count, warm_up, data_dir)
            try:
                peak_rss = faust.peak_rss_mb
                if number == 0:
                    latencies = asyncio.run(_latency(faust_settings, latency_seconds, faust.worker, count))
            finally:
                faust.worker.stop()
            rows.append(
                {
                    "corpus": kind.label,
                    "war_reporting_share": kind.war_share,
                    "article_bytes": ARTICLE_BYTES,
                    "plain_articles_per_second": round(plain.rate, 1),
                    "plain_articles_per_cpu_second": round(plain.cpu_rate, 1),
                    "faust_articles_per_second": round(faust.rate, 1),
                    "faust_articles_per_cpu_second": round(faust.cpu_rate, 1),
                    "cache_hit_rate": round(plain.hit_rate, 4),
                    "matches_per_article": round(plain.matches_per_article, 3),
                    "worker_startup_seconds": round(faust.startup_seconds, 2),
                    "worker_startup_cpu_seconds": round(faust.startup_cpu_seconds, 2),
                    "worker_peak_rss_mb": round(peak_rss, 1),
                    "load_average_before": load_before,
                    "load_average_after": _load(),
                }
            )
            print(
                f"  {kind.label:<46} {plain.rate:>11,.0f} {plain.cpu_rate:>9,.0f} {faust.rate:>11,.0f} "
                f"{faust.cpu_rate:>9,.0f} {faust.rate / plain.rate:>11.2f} "
                f"{plain.hit_rate:>6.1%} {plain.matches_per_article:>9.2f} {faust.startup_seconds:>7.1f} "
                f"{peak_rss:>6.0f}"
            )
    print(
        "  hit = share of normaliser chunk look-ups that cost no Python work of their own, over the timed "
        "articles (bench/cache.py); start = worker process start until /ready (partitions assigned; "
        "CPU seconds in the JSON); RSS = the worker's peak resident memory"
    )
    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    print(
        f"  latency at {LATENCY_RATE}/s for {latency_seconds:.0f} s: p50 {p50 * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms ({len(latencies)} articles)"
    )
    stream, crisis = rows[0], rows[1]
    checks = {
        "at_least_2000_per_s_news_stream": stream["faust_articles_per_second"] >= TARGET_RATE,
        "at_least_1000_per_s_war_reporting_only": crisis["faust_articles_per_second"] >= TARGET_CRISIS_RATE,
        "faust_at_least_half_plain": all(
            r["faust_articles_per_second"] >= TARGET_FAUST_SHARE * r["plain_articles_per_second"] for r in rows
        ),
        "p99_under_100ms": p99 < TARGET_P99,
    }
    for check, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'} {check}")
    return {
        "articles_per_run": count,
        "warm_up_articles": warm_up,
        "headline": {
            "corpus": stream["corpus"],
            "faust_articles_per_second": stream["faust_articles_per_second"],
            "plain_articles_per_second": stream["plain_articles_per_second"],
            "faust_articles_per_cpu_second": stream["faust_articles_per_cpu_second"],
            "plain_articles_per_cpu_second": stream["plain_articles_per_cpu_second"],
            "cache_hit_rate": stream["cache_hit_rate"],
            "crisis_faust_articles_per_second": crisis["faust_articles_per_second"],
            "crisis_plain_articles_per_second": crisis["plain_articles_per_second"],
            "crisis_faust_articles_per_cpu_second": crisis["faust_articles_per_cpu_second"],
            "crisis_plain_articles_per_cpu_second": crisis["plain_articles_per_cpu_second"],
            "worker_startup_seconds": stream["worker_startup_seconds"],
            "worker_peak_rss_mb": max(r["worker_peak_rss_mb"] for r in rows),
        },
        "rows": rows,
        "latency_rate_per_second": LATENCY_RATE,
        "latency_ms": {
            "p50": round(p50 * 1000, 2),
            "p99": round(p99 * 1000, 2),
            "mean": round(statistics.mean(latencies) * 1000, 2),
            "max": round(max(latencies) * 1000, 2),
        },
        "checks": checks,
        "code": code_state(),
        "seconds": round(time.perf_counter() - started),
        "load_average_end": _load(),
    }
