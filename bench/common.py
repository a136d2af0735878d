"""What the pipeline benchmarks share: paced sending and percentiles (worker processes: streams.harness)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

from streams.harness import ROOT, WorkerProcess


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def paced(rate: float, total: int) -> AsyncIterator[int]:
    """0 … ``total``-1, each yielded at its turn of a fixed ``rate`` per second (no catch-up bursts)."""
    start = time.time()
    for i in range(total):
        delay = start + i / rate - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        yield i


def story_worker(bootstrap: str, prefix: str, data_dir: str, rules: Path, config: Path) -> WorkerProcess:
    """A one-partition worker (not started yet) on the shipped rules plus the story rules in ``rules``."""
    return WorkerProcess(
        bootstrap,
        prefix,
        Path(data_dir),
        NEWSALERT_PARTITIONS="1",
        NEWSALERT_RULES=f"{ROOT / 'rules'}:{rules}",
        NEWSALERT_CONFIG=str(config),
    )
