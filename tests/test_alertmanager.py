"""A real Prometheus Alertmanager (Debian's prometheus-alertmanager, installed by `make test-deps`) gets our alerts."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from homs_story import RULE, alerts

from streams.alerting.alert import Alert, AlertKind
from streams.alerting.delivery import DeadLetter, Delivery
from streams.alerting.destinations import parse_destinations

BINARY = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
AMTOOL = shutil.which("amtool")
CONFIG = """\
route:
  receiver: nowhere
  group_wait: 1s
receivers:
  - name: nowhere
"""

pytestmark = pytest.mark.skipif(
    BINARY is None, reason="Alertmanager is not installed; `make test-deps` installs Debian's prometheus-alertmanager"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def alertmanager(tmp_path: Path) -> Iterator[str]:
    """The base URL of a fresh Alertmanager on a free loopback port, clustering off, storage in ``tmp_path``."""
    (tmp_path / "alertmanager.yml").write_text(CONFIG)
    url = f"http://127.0.0.1:{free_port()}"
    log = (tmp_path / "alertmanager.log").open("w")
    process = subprocess.Popen(
        [
            str(BINARY),
            f"--config.file={tmp_path / 'alertmanager.yml'}",
            f"--storage.path={tmp_path / 'data'}",
            f"--web.listen-address={url.removeprefix('http://')}",
            "--cluster.listen-address=",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/-/ready", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Alertmanager did not start:\n" + (tmp_path / "alertmanager.log").read_text())
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def current(alert: Alert) -> Alert:
    """``alert`` moved in time as if this revision were made just now (Alertmanager ignores alerts long ended)."""
    shift = datetime.now(UTC) - alert.revised_at
    return dataclasses.replace(
        alert,
        first_seen=alert.first_seen + shift,
        last_seen=alert.last_seen + shift,
        revised_at=alert.revised_at + shift,
        ends_at=alert.ends_at + shift,
    )


class Letters:
    def __init__(self) -> None:
        self.items: list[DeadLetter] = []

    async def put(self, stage: str, reason: str, payload: bytes, destination: str) -> None:
        self.items.append(DeadLetter(stage, reason, payload, destination))


async def listed(url: str, want: int, **filters: str) -> list[dict]:
    """The alerts Alertmanager lists for ``filters`` (label=value), waiting up to 10 s until there are ``want``."""
    query = [("filter", f'{name}="{value}"') for name, value in filters.items()]
    async with httpx.AsyncClient() as client:
        deadline = time.monotonic() + 10
        while True:
            found = (await client.get(f"{url}/api/v2/alerts", params=query)).json()
            if len(found) == want or time.monotonic() > deadline:
                return found
            await asyncio.sleep(0.2)


async def test_alertmanager_lists_the_alert_and_resolves_it(alertmanager: str) -> None:
    opened, escalated, resolved = (current(a) for a in alerts())
    letters = Letters()
    destinations = parse_destinations({"am": {"type": "alertmanager", "url": alertmanager}}, {})
    async with Delivery(destinations, letters) as delivery:
        assert (await delivery.deliver(opened, "am")).delivered

        [alert] = await listed(alertmanager, 1, alert_id=opened.id)
        assert alert["labels"] == {
            "alertname": RULE.id, "rule": RULE.id, "severity": "high", "group_key": "place=homs", "alert_id": opened.id,
        }  # fmt: skip
        assert alert["annotations"]["title"] == "Homs: control changing hands"
        assert alert["annotations"]["links"] == "https://levant-wire.example/homs-entered"
        assert alert["status"]["state"] == "active"
        assert alert["generatorURL"] == "https://levant-wire.example/homs-entered"

        if AMTOOL:
            amtool = await asyncio.create_subprocess_exec(
                AMTOOL, "alert", "query", f"--alertmanager.url={alertmanager}", "-o", "json", f"alert_id={opened.id}",
                stdout=asyncio.subprocess.PIPE,
            )  # fmt: skip
            output, _ = await amtool.communicate()
            assert amtool.returncode == 0
            assert [a["labels"]["alert_id"] for a in json.loads(output)] == [opened.id]

        # A rise in severity replaces the alert: the old label set ends, the new one fires.
        risen = dataclasses.replace(escalated, severity="critical", previous_severity="high", kind=AlertKind.escalated)
        assert (await delivery.deliver(risen, "am")).delivered
        [alert] = await listed(alertmanager, 1, alert_id=opened.id)
        assert alert["labels"]["severity"] == "critical" and alert["annotations"]["revision"] == "5"

        # The story went quiet for its window: endsAt now lies in the past.
        assert resolved.ends_at <= datetime.now(UTC)
        assert (await delivery.deliver(dataclasses.replace(resolved, severity="critical"), "am")).delivered
        assert await listed(alertmanager, 0, alert_id=opened.id) == []
    assert letters.items == []
