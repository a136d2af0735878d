"""Running real newsalert processes against the test broker, and waiting for what they write."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiohttp import web

from bench.common import wait_until_ready
from streams.broker import free_port
from streams.kafka import read_to_end

ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 60.0


def newsalert(*args: str, env: Mapping[str, str], **options: Any) -> subprocess.Popen[str]:
    """Start ``newsalert ARGS`` as a real process with ``env`` added to this one's environment."""
    return subprocess.Popen(
        [sys.executable, "-m", "streams.cli", *args],
        cwd=ROOT, env={**os.environ, **env}, text=True, **options,
    )


class Worker:
    """A ``newsalert worker`` process with its own topic prefix and web port."""

    def __init__(self, bootstrap: str, prefix: str, data_dir: Path, **extra_env: str) -> None:
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
            **extra_env,
        }
        self.process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        """Base URL of the worker's web server."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Worker:
        """Start the worker and wait until it has partitions assigned (``/ready``)."""
        with open(self.log, "a") as log:
            self.process = newsalert("worker", env=self.env, stdout=log, stderr=subprocess.STDOUT)
        outcome = wait_until_ready(self.process, self.url, READY_TIMEOUT)
        if outcome == "exited":
            raise AssertionError(f"worker exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
        if outcome == "timeout":
            self.stop()
            raise AssertionError(f"worker not ready in {READY_TIMEOUT:.0f} s:\n{self.log.read_text()[-3000:]}")
        return self

    def stop(self) -> int | None:
        """SIGTERM, as an orchestrator would; returns the exit code."""
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


@contextmanager
def running_worker(bootstrap: str, prefix: str, data_dir: Path, **extra_env: str) -> Iterator[Worker]:
    """A started worker, stopped on exit."""
    worker = Worker(bootstrap, prefix, data_dir, **extra_env).start()
    try:
        yield worker
    finally:
        worker.stop()


def records(bootstrap: str, topic: str) -> list[dict[str, Any]]:
    """Every record of ``topic`` so far that is a JSON object, decoded (the Kafka key as ``message_key``).

    Others are skipped: tests write hostile records to the topics a worker reads.
    """
    found = []
    for record in asyncio.run(read_to_end(bootstrap, topic)):
        try:
            value = json.loads(record.value)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, dict):
            found.append({**value, "message_key": record.key})
    return found


def wait_for(
    bootstrap: str, topic: str, found: Callable[[list[dict[str, Any]]], bool], timeout: float = 30.0
) -> list[dict[str, Any]]:
    """The records of ``topic`` as soon as ``found(records)`` holds; fails the test after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        got = records(bootstrap, topic)
        if found(got):
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{topic}: condition not met in {timeout:.0f} s; records: {got[-5:]}")
        time.sleep(0.3)


class ThreadedServer:
    """An aiohttp server on a background thread, for tests whose worker runs in another process."""

    def __init__(self, app: web.Application) -> None:
        self.loop = asyncio.new_event_loop()
        self.url = ""
        ready = threading.Event()

        async def serve() -> None:
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            self.url = "http://127.0.0.1:%d" % runner.addresses[0][1]
            ready.set()

        threading.Thread(target=lambda: (self.loop.run_until_complete(serve()), self.loop.run_forever()),
                         daemon=True).start()
        if not ready.wait(10):
            raise AssertionError("test HTTP server did not start")

    def stop(self) -> None:
        """Stop serving (the thread is a daemon; its loop just stops)."""
        self.loop.call_soon_threadsafe(self.loop.stop)
