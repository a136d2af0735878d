"""Running real newsalert processes against the test broker, and waiting for what they write."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiohttp import web

from streams.harness import WorkerProcess
from streams.kafka import read_to_end


@contextmanager
def running_worker(bootstrap: str, prefix: str, data_dir: Path, **extra_env: str) -> Iterator[WorkerProcess]:
    """A started worker, stopped on exit."""
    worker = WorkerProcess(bootstrap, prefix, data_dir, **extra_env).start()
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
            self.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
            ready.set()

        threading.Thread(
            target=lambda: (self.loop.run_until_complete(serve()), self.loop.run_forever()), daemon=True
        ).start()
        if not ready.wait(10):
            raise AssertionError("test HTTP server did not start")

    def stop(self) -> None:
        """Stop serving (the thread is a daemon; its loop just stops)."""
        self.loop.call_soon_threadsafe(self.loop.stop)
