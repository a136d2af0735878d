"""What the pipeline benchmarks share: a real worker process, paced sending, percentiles."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from typing import Any
from pathlib import Path

import httpx

from streams.broker import free_port
from streams.config import Settings

ROOT = Path(__file__).resolve().parent.parent


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


def wait_until_ready(process: subprocess.Popen[Any], url: str, timeout: float) -> str:
    """``ready`` once the worker at ``url`` answers ``/ready`` with 200 (partitions assigned), ``exited`` if its
    process ends first, ``timeout`` after ``timeout`` seconds (shared by the benchmarks and the tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return "exited"
        try:
            if httpx.get(url + "/ready", timeout=1).status_code == 200:
                return "ready"
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return "timeout"


class WorkerProcess:
    """A ``newsalert worker`` process for ``settings`` (broker, prefix, partitions), logging to ``data_dir``."""

    def __init__(self, settings: Settings, data_dir: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "KAFKA_BOOTSTRAP": settings.kafka_bootstrap or "",
                    "NEWSALERT_TOPIC_PREFIX": settings.topic_prefix, "NEWSALERT_WEB_PORT": str(self.port),
                    "NEWSALERT_DATA_DIR": data_dir, "NEWSALERT_PARTITIONS": str(settings.partitions),
                    "NEWSALERT_RULES": str(ROOT / "rules"), **env}
        self.log = open(Path(data_dir) / "worker.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker"], cwd=ROOT, env=full_env,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 90.0) -> WorkerProcess:
        """Return once the worker has partitions assigned."""
        outcome = wait_until_ready(self.process, self.url, timeout)
        if outcome != "ready":
            raise RuntimeError(f"the worker {'exited' if outcome == 'exited' else 'did not become ready'}; "
                               f"see {self.log.name}")
        return self

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 30 s."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def story_rules(directory: Path, stories: int, window: str = "24h") -> None:
    """Write ``bench.yaml``: a rule watching ``stories`` facilities (``facility-00042``), each its own story.

    "Armed men seized facility-00042" matches it; every facility opens an alert of its own, which
    resolves ``window`` after its last match.
    """
    facilities = "\n".join(f"    f{i:05d}: {{name: Facility {i}, aliases: [facility-{i:05d}]}}" for i in range(stories))
    (directory / "bench.yaml").write_text(
        "entities:\n  facility:\n" + facilities + "\n"
        "rules:\n"
        "  - id: bench-facility-seized\n"
        '    title: "{facility}: seized"\n'
        "    severity: high\n"
        "    when:\n"
        "      all:\n"
        "        - entity: facility\n"
        "        - any: [seized, captured]\n"
        "          near: facility\n"
        "    group_by: [facility]\n"
        f"    window: {window}\n",
        encoding="utf-8",
    )
