"""Table recovery: how long a fresh worker takes to rebuild its tables from their changelogs, by size.

A worker keeps its tables in memory (``store="memory://"``), so a worker that starts, or takes over
partitions, reads their changelogs from the beginning before its agents process anything. This measures
that wait on the embedded broker, and the worker's memory once the tables are in:

1. Samples: a real worker (match and alert stages, shipped rules plus a volume rule and a one-article
   story rule) reads war reporting; every record it wrote to its tables' changelogs is kept: each
   revision of each story, control state and volume state (``stories``) and each id it saw
   (``seen-articles``, windowed).
2. For each shape and size: the changelogs of a fresh app are filled with ``N`` records under distinct
   keys, their values taken in turn from the samples (so a ``stories`` changelog holds stories of every
   age, from the first report to a full one), one table at a time.
3. A worker with an empty data directory is launched, a probe article that opens a new story is sent at
   the same moment, and the time until its alert is on ``alerts`` is taken. Recovery is that time minus
   the same with empty changelogs (start-up and group join). Peak resident memory of the worker then.

Beside it, the CPU cost per table entry of the alert stage's sweep for quiet stories, which grows with
the table too (:func:`_sweep_cost`). The per-record and per-byte costs fitted over all sizes
(:func:`fit_recovery`) extrapolate to a deployment's tables (docs/capacity.md).
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner

from bench.corpus import corpus
from bench.matcher import code_state
from bench.pipeline import _preload
from streams.alerting.stage import CONTROL_PREFIX, VOLUME_PREFIX, take_tick
from streams.app import STORIES_TABLE, changelog_topic
from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.broker import EmbeddedBroker
from streams.config import Settings
from streams.harness import ROOT, WorkerProcess, story_rules
from streams.kafka import create_topics, ensure_topics, producer, read_to_end
from streams.ruleset.model import RuleSet

SEEN_TABLE = "seen-articles"
SAMPLE_ARTICLES = 300
PROBE_TIMEOUT = 600.0
VOLUME_RULE = """\
rules:
  - id: bench-place-volume
    title: "{place}: many reports"
    severity: low
    when: {entity: place}
    group_by: [place]
    frequency: {count: 3, within: 1h}
"""
# Records per run, by table: ids seen are ~40 bytes, stories up to ~50 KB, so the stories runs hold
# fewer records for a comparable number of bytes.
SIZES = {
    "quick": {SEEN_TABLE: [20_000], STORIES_TABLE: [1_000]},
    "full": {SEEN_TABLE: [10_000, 50_000, 200_000], STORIES_TABLE: [1_000, 3_000, 8_000]},
}


@dataclass(frozen=True)
class Run:
    """One recovery measured: ``records`` changelog records of ``payload_bytes`` (keys and values)."""

    records: int
    payload_bytes: int
    seconds: float


@dataclass(frozen=True)
class RecoveryCost:
    """Seconds of recovery per changelog record and per MB of keys and values (least squares, no intercept)."""

    seconds_per_record: float
    seconds_per_mb: float

    def seconds(self, records: float, payload_bytes: float) -> float:
        """The recovery time this cost predicts for a changelog of ``records`` records of ``payload_bytes``."""
        return self.seconds_per_record * records + self.seconds_per_mb * payload_bytes / 1e6


def fit_recovery(runs: list[Run]) -> RecoveryCost:
    """Fit ``seconds = a * records + b * MB`` over ``runs`` (a cost that comes out negative is taken as 0).

    Small records (ids seen) pin the per-record cost, large ones (stories) the per-byte cost; the start-up
    is already subtracted from each run, so the line goes through the origin.
    """
    xs = [(float(r.records), r.payload_bytes / 1e6) for r in runs]
    ys = [r.seconds for r in runs]
    s11 = sum(a * a for a, _ in xs)
    s22 = sum(b * b for _, b in xs)
    s12 = sum(a * b for a, b in xs)
    t1 = sum(a * y for (a, _), y in zip(xs, ys, strict=True))
    t2 = sum(b * y for (_, b), y in zip(xs, ys, strict=True))
    determinant = s11 * s22 - s12 * s12
    if determinant > 1e-12 * max(s11 * s22, 1e-300):
        per_record = (t1 * s22 - t2 * s12) / determinant
        per_mb = (t2 * s11 - t1 * s12) / determinant
        if per_record >= 0 and per_mb >= 0:
            return RecoveryCost(per_record, per_mb)
    # One kind of run only, or one cost would be negative: each cost alone, the other 0.
    alone_record = t1 / s11 if s11 else 0.0
    alone_mb = t2 / s22 if s22 else 0.0
    residual_record = sum((y - alone_record * a) ** 2 for (a, _), y in zip(xs, ys, strict=True))
    residual_mb = sum((y - alone_mb * b) ** 2 for (_, b), y in zip(xs, ys, strict=True))
    if residual_record <= residual_mb:
        return RecoveryCost(max(alone_record, 0.0), 0.0)
    return RecoveryCost(0.0, max(alone_mb, 0.0))


# ---------------------------------------------------------------- measuring


def _rules(directory: Path) -> str:
    """The shipped rules, a volume rule and a story rule whose probe article always opens a new story."""
    story_rules(directory, stories=1)
    (directory / "volume.yaml").write_text(VOLUME_RULE, encoding="utf-8")
    return f"{ROOT / 'rules'}:{directory}"


def _probe() -> Article:
    return Article.create(
        title="Armed men seized facility-00000",
        body="Armed men seized facility-00000 on the outskirts of the city before dawn.",
        url="https://bench.example.org/recovery-probe",
        source="Bench Wire",
    )


def _worker(settings: Settings, data_dir: Path, rules: str) -> WorkerProcess:
    assert settings.kafka_bootstrap
    data_dir.mkdir(parents=True, exist_ok=True)
    return WorkerProcess(
        settings.kafka_bootstrap,
        settings.topic_prefix,
        data_dir,
        NEWSALERT_PARTITIONS=str(settings.partitions),
        NEWSALERT_AGENTS="match,alert",
        NEWSALERT_RULES=rules,
    )


async def _changelog(settings: Settings, table: str) -> Records:
    assert settings.kafka_bootstrap
    records = await read_to_end(settings.kafka_bootstrap, changelog_topic(settings, table), timeout=60)
    return [(r.key, r.value) for r in records if r.key is not None and r.value]


Records = list[tuple[bytes, bytes]]


def _mean_bytes(records: Records) -> int:
    return round(sum(len(k) + len(v) for k, v in records) / max(len(records), 1))


def _samples(broker: EmbeddedBroker, work: Path, rules: str, quick: bool) -> tuple[dict[str, Records], dict[str, int]]:
    """Every changelog record a real worker writes while it reads war reporting, by table; and the mean size
    of a record of each topic it read and wrote (``articles``, ``matches``, ``alerts``)."""
    settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix="recovery-sample.", partitions=1)
    count = SAMPLE_ARTICLES // 3 if quick else SAMPLE_ARTICLES
    base = corpus(count, conflict_share=1.0)
    asyncio.run(_preload(settings, [replace(base[i], id=f"sample-{i}") for i in range(count)]))
    worker = _worker(settings, work / "sample", rules).start()
    try:
        # Done when the stories changelog has stopped growing for a while.
        last, still_since = -1, time.monotonic()
        while time.monotonic() - still_since < 5.0:
            time.sleep(1.0)
            size = len(asyncio.run(_changelog(settings, STORIES_TABLE)))
            if size != last:
                last, still_since = size, time.monotonic()
    finally:
        worker.stop()
    tables = {table: asyncio.run(_changelog(settings, table)) for table in (STORIES_TABLE, SEEN_TABLE)}
    topics = {name: _mean_bytes(asyncio.run(_topic(settings, name))) for name in ("articles", "matches", "alerts")}
    return tables, topics


async def _topic(settings: Settings, name: str) -> Records:
    assert settings.kafka_bootstrap
    records = await read_to_end(settings.kafka_bootstrap, settings.topic(name), timeout=60)
    return [(r.key or b"", r.value or b"") for r in records]


async def _plain_read(settings: Settings, table: str) -> float:
    """Seconds a bare aiokafka consumer takes to read ``table``'s changelog to its end: the broker's share."""
    assert settings.kafka_bootstrap
    started = time.perf_counter()
    await read_to_end(settings.kafka_bootstrap, changelog_topic(settings, table), timeout=60)
    return time.perf_counter() - started


def _fill_key(key: bytes, table: str, index: int) -> bytes:
    """The sample's key made distinct: ``"story key#i"``, or for a windowed id ``["fill-i", window]``."""
    decoded = json.loads(key)
    if table == SEEN_TABLE:
        return json.dumps([f"fill-{index}", decoded[1]]).encode()
    return json.dumps(f"{decoded}#{index}").encode()


async def _fill(settings: Settings, table: str, samples: Records, records: int) -> int:
    """Write ``records`` records to ``table``'s changelog; returns the bytes of their keys and values."""
    assert settings.kafka_bootstrap
    topic = changelog_topic(settings, table)
    await ensure_topics(settings.kafka_bootstrap, [topic], partitions=settings.partitions, compacted=[topic])
    client = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=20, max_batch_size=512 * 1024
    )
    await client.start()
    written = 0
    try:
        pending = []
        for index in range(records):
            key, value = samples[index % len(samples)]
            key = _fill_key(key, table, index)
            written += len(key) + len(value)
            pending.append(await client.send(topic, value, key=key, partition=0))
            if len(pending) >= 2000:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    finally:
        await client.stop()
    return written


def _sweep_cost(records: Records, partitions: int = 48) -> dict[str, float]:
    """CPU cost per table entry of the alert stage's sweep for quiet stories (``take_tick``, run by the alert
    agent on every tick of every partition): it hashes every story key of the worker's table to a partition,
    and decodes and checks for expiry each story of the tick's partition. Measured on the latest value of
    each sample story, none of which expires."""
    stories: dict[str, Any] = {}
    for key, value in dict(records).items():
        name = json.loads(key)
        if not name.startswith((CONTROL_PREFIX, VOLUME_PREFIX)):
            stories[name] = json.loads(value)
    if not stories:
        return {}
    partitioner = DefaultPartitioner()
    every = list(range(partitions))

    def another_partitions(story_key: str) -> bool:
        partitioner(story_key.encode(), every, every)
        return False

    rules = RuleSet(rules=())
    now = datetime.now(UTC)
    rounds = max(1, 20_000 // len(stories))
    started = time.process_time()
    for _ in range(rounds):
        take_tick(dict(stories), rules, now, another_partitions)
    hashed = time.process_time()
    for _ in range(rounds):
        take_tick(dict(stories), rules, now, lambda _key: True)
    done = time.process_time()
    count = rounds * len(stories)
    return {
        "stories": len(stories),
        "mean_story_bytes": round(sum(len(json.dumps(value)) for value in stories.values()) / len(stories)),
        "us_per_key_hashed": round((hashed - started) / count * 1e6, 2),
        "us_per_story_checked": round((done - hashed) / count * 1e6, 1),
    }


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _probe_alert(settings: Settings, deadline: float) -> None:
    assert settings.kafka_bootstrap
    while time.monotonic() < deadline:
        if await read_to_end(settings.kafka_bootstrap, settings.topic("alerts"), timeout=10):
            return
        await asyncio.sleep(0.2)
    raise RuntimeError(f"no alert for the probe within {PROBE_TIMEOUT:.0f} s")


def _recover(broker: EmbeddedBroker, work: Path, rules: str, name: str) -> tuple[float, float]:
    """Launch a fresh worker on app ``name`` and send the probe: seconds until its alert, peak RSS (MB)."""
    settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix=f"{name}.", partitions=1)
    asyncio.run(_send_probe(settings))
    worker = _worker(settings, work / name, rules)
    started = time.monotonic()
    process = worker.launch()
    try:
        asyncio.run(_probe_alert(settings, started + PROBE_TIMEOUT))
        seconds = time.monotonic() - started
        return seconds, _peak_rss_mb(process.pid)
    finally:
        worker.stop()


async def _send_probe(settings: Settings) -> None:
    assert settings.kafka_bootstrap
    await create_topics(settings)
    probe = _probe()
    async with producer(settings.kafka_bootstrap) as client:
        await client.send_and_wait(settings.topic("articles"), encode_article(probe), key=probe.id.encode())


def main(quick: bool = False) -> dict[str, Any]:
    """Run the recovery benchmark and return its results (also printed)."""
    sizes = SIZES["quick" if quick else "full"]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as directory, EmbeddedBroker(log=Path(directory) / "tansu.log") as broker:
        work = Path(directory)
        (work / "rules").mkdir()
        rules = _rules(work / "rules")
        samples, topics = _samples(broker, work, rules, quick)
        described = {
            table: {
                "records": len(records),
                "mean_bytes": _mean_bytes(records),
                "max_bytes": max((len(k) + len(v) for k, v in records), default=0),
            }
            for table, records in samples.items()
        }
        print(
            "recovery: a fresh worker (match and alert stages, one partition, tables in memory) on the embedded "
            "broker; changelogs filled from what a real worker wrote on war reporting:"
        )
        for table, about in described.items():
            print(f"  {table}: {about['records']} sample records, {about['mean_bytes']:,} bytes on average")
        print("  topic records, mean bytes: " + ", ".join(f"{name} {size:,}" for name, size in topics.items()))
        sweep = _sweep_cost(samples[STORIES_TABLE])
        if sweep:
            print(
                f"  sweep for quiet stories, CPU per entry: {sweep['us_per_key_hashed']} us to hash a key, "
                f"{sweep['us_per_story_checked']} us to decode and check a story ({sweep['stories']} stories, "
                f"{sweep['mean_story_bytes']:,} bytes on average)"
            )
        # The least disturbed of two starts on empty changelogs (others share the machine).
        baseline, baseline_rss = min(_recover(broker, work, rules, f"recovery-empty-{i}") for i in range(2))
        print(
            f"  empty changelogs: probe alerted {baseline:.1f} s after launch (start-up, join); RSS {baseline_rss:.0f} MB"
        )
        print(
            f"  {'table':<14} {'records':>9} {'MB':>8} {'to alert s':>11} {'recovery s':>11} "
            f"{'plain read s':>13} {'peak RSS MB':>12}"
        )
        for table, counts in sizes.items():
            for records in counts:
                name = f"recovery-{table}-{records}"
                settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix=f"{name}.", partitions=1)
                payload = asyncio.run(_fill(settings, table, samples[table], records))
                plain = asyncio.run(_plain_read(settings, table))
                seconds, rss = _recover(broker, work, rules, name)
                row = {
                    "table": table,
                    "records": records,
                    "payload_bytes": payload,
                    "bytes_per_record": round(payload / records),
                    "seconds_to_alert": round(seconds, 2),
                    "recovery_seconds": round(max(seconds - baseline, 0.0), 2),
                    "plain_read_seconds": round(plain, 2),
                    "peak_rss_mb": round(rss, 1),
                    "rss_mb_per_1000_records": round((rss - baseline_rss) / records * 1000, 2),
                }
                rows.append(row)
                print(
                    f"  {table:<14} {records:>9,} {payload / 1e6:>8.1f} {seconds:>11.1f} "
                    f"{row['recovery_seconds']:>11.1f} {plain:>13.1f} {rss:>12.0f}"
                )
    cost = fit_recovery([Run(r["records"], r["payload_bytes"], r["recovery_seconds"]) for r in rows])
    print(
        f"  fitted: {cost.seconds_per_record * 1e6:.1f} s per million records + {cost.seconds_per_mb:.3f} s per MB "
        "of keys and values"
    )
    return {
        "samples": described,
        "topic_record_mean_bytes": topics,
        "sweep_cost": sweep,
        "baseline_seconds_to_alert": round(baseline, 2),
        "baseline_peak_rss_mb": round(baseline_rss, 1),
        "rows": rows,
        "fit": {
            "seconds_per_million_records": round(cost.seconds_per_record * 1e6, 2),
            "seconds_per_mb": round(cost.seconds_per_mb, 4),
        },
        "partitions": 1,
        "code": code_state(),
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
    }
