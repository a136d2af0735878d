"""A worker whose broker is gone: not ready, accepts nothing it could lose, and still stops when told."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from streams.broker import EmbeddedBroker
from streams.harness import WorkerProcess as Worker
from tests.test_run import start_run

pytestmark = pytest.mark.integration  # real newsalert processes and outside tools

ARTICLE = {"title": "Rebels seize Idlib", "body": "Opposition fighters seized Idlib after the army withdrew."}


def until(condition: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_a_worker_that_loses_its_broker_is_not_ready_refuses_articles_and_stops_on_sigterm(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    broker = EmbeddedBroker(log=tmp_path / "tansu.log").start()
    worker = Worker(broker.bootstrap, "lost.", tmp_path, NEWSALERT_PARTITIONS="1").start()
    assert worker.process is not None
    try:
        accepted = httpx.post(worker.url + "/articles", json=ARTICLE, timeout=30)
        assert accepted.status_code == 202  # acknowledged by the broker before the answer
        broker.stop()
        assert until(lambda: httpx.get(worker.url + "/ready").status_code == 503, 15)
        assert httpx.get(worker.url + "/ready").json()["broker"] is False
        refused = httpx.post(worker.url + "/articles", json={**ARTICLE, "title": "Rebels seize Hama"}, timeout=30)
        assert refused.status_code == 503 and refused.headers["Retry-After"]
        assert "broker" in refused.json()["error"]
        assert httpx.get(worker.url + "/health").status_code == 200  # alive, only not ready

        started = time.monotonic()
        worker.process.send_signal(signal.SIGTERM)
        try:
            worker.process.wait(60)
        except subprocess.TimeoutExpired:
            raise AssertionError("the worker ignored SIGTERM with its broker gone") from None
        took = time.monotonic() - started
    finally:
        worker.stop()
        broker.stop()
    record_property("report_stop_seconds_without_broker", round(took, 1))


def test_newsalert_run_stops_when_its_embedded_broker_dies(tmp_path: Path) -> None:
    process, port, lines = start_run(tmp_path)
    pids = [
        int(p.parent.name)
        for p in Path("/proc").glob("[0-9]*/cmdline")
        if b"tansu" in p.read_bytes() and f":{port}".encode() in p.read_bytes()
    ]
    assert pids, "no embedded broker process found"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    try:
        rest, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("newsalert run kept running without its broker") from None
    assert process.returncode != 0
    assert "the embedded broker exited" in "".join(lines) + rest
