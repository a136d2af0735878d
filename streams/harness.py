"""Real ``newsalert`` processes for the tests and the benchmarks: start one, wait until it is ready, stop it.

One harness for both, so a benchmark measures the worker exactly as the tests exercise it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from streams.broker import free_port
from streams.errors import WorkerFailed

ROOT = Path(__file__).resolve().parent.parent
# A worker needs about 4 CPU seconds to be ready; on a machine shared with other work (a loaded CI
# runner) that can take minutes of wall time, and a test that gives up early fails for nothing.
READY_TIMEOUT = 180.0


def newsalert(*args: str, env: Mapping[str, str], **options: Any) -> subprocess.Popen[str]:
    """Start ``newsalert ARGS`` as a real process with ``env`` added to this one's environment."""
    return subprocess.Popen(
        [sys.executable, "-m", "streams.cli", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        text=True,
        **options,
    )


def wait_until_ready(process: subprocess.Popen[Any], url: str, timeout: float) -> str:
    """``ready`` once the worker at ``url`` answers ``/ready`` with 200, ``exited`` if its process ends first,
    ``timeout`` after ``timeout`` seconds."""
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
    """A ``newsalert worker`` on ``bootstrap`` with its own topic prefix, web port and data directory.

    ``env`` adds or overrides settings (``NEWSALERT_PARTITIONS``, ``NEWSALERT_RULES``, …); the worker
    logs to ``data_dir/worker.log``.
    """

    def __init__(self, bootstrap: str, prefix: str, data_dir: Path, **env: str) -> None:
        self.port = free_port()
        self.prefix = prefix
        self.bootstrap = bootstrap
        self.log = data_dir / "worker.log"
        self.env = {
            "KAFKA_BOOTSTRAP": bootstrap,
            "NEWSALERT_TOPIC_PREFIX": prefix,
            "NEWSALERT_WEB_PORT": str(self.port),
            "NEWSALERT_DATA_DIR": str(data_dir),
            "NEWSALERT_RULES": str(ROOT / "rules"),
            **env,
        }
        self.process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        """Base URL of the worker's web server."""
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> subprocess.Popen[str]:
        """Start the worker process without waiting for it (a benchmark times its start)."""
        with open(self.log, "a") as log:
            self.process = newsalert("worker", env=self.env, stdout=log, stderr=subprocess.STDOUT)
        return self.process

    def start(self, timeout: float = READY_TIMEOUT) -> WorkerProcess:
        """Start the worker and wait until it is ready; :class:`WorkerFailed` with its log's end if it is not."""
        process = self.launch()
        outcome = wait_until_ready(process, self.url, timeout)
        if outcome == "exited":
            raise WorkerFailed(f"worker exited with {process.returncode}:\n{self.log.read_text()[-3000:]}")
        if outcome == "timeout":
            self.stop()
            raise WorkerFailed(f"worker not ready in {timeout:.0f} s:\n{self.log.read_text()[-3000:]}")
        return self

    def stop(self) -> int | None:
        """SIGTERM, as an orchestrator would (SIGKILL after 30 s); returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def topic(self, name: str) -> str:
        """Full name of one of this worker's topics."""
        return self.prefix + name


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
