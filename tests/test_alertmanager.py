"""A real Prometheus Alertmanager (Debian's prometheus-alertmanager, installed by `make test-deps`) gets our alerts."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import yaml
from homs_story import RULE, alerts

from streams.alerting.alert import Alert, AlertKind
from streams.alerting.delivery import DeadLetter, Delivery
from streams.alerting.destinations import parse_destinations
from streams.alerting.destinations.alertmanager import labels as alertmanager_labels
from streams.harness import ROOT
from streams.ruleset.model import Severity

BINARY = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
AMTOOL = shutil.which("amtool")
CONFIG = """\
route:
  receiver: nowhere
  group_wait: 1s
receivers:
  - name: nowhere
"""

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        BINARY is None,
        reason="Alertmanager is not installed; `make test-deps` installs Debian's prometheus-alertmanager",
    ),
]


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


# The compose stack's configuration: its routes, proved with amtool against the labels both kinds of alert
# really carry.
DEPLOYED = ROOT / "deploy" / "alertmanager" / "alertmanager.yml"
PROMETHEUS_RULES = ROOT / "deploy" / "prometheus" / "rules" / "newsalert.yml"


def amtool() -> str:
    if AMTOOL is None:
        pytest.skip("amtool is not installed; `make test-deps` installs Debian's prometheus-alertmanager")
    return AMTOOL


def amtool_version() -> tuple[int, int]:
    done = subprocess.run([amtool(), "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"version (\d+)\.(\d+)", done.stdout + done.stderr)
    assert found, f"cannot read amtool's version from: {done.stdout}{done.stderr}"
    return int(found[1]), int(found[2])


@pytest.fixture(scope="module")
def deployed_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """deploy/alertmanager/alertmanager.yml as the installed amtool can read it.

    The webhook URLs come from files (`url_file`, Alertmanager 0.26 or later, as in the compose image).
    Debian 12's amtool is 0.25 and rejects that key, so for an older amtool each `url_file` becomes an
    inline `url`, the only thing 0.26 changed there; routes, inhibitions and every other key are checked
    as written.
    """
    if amtool_version() >= (0, 26):
        return DEPLOYED
    config = yaml.safe_load(DEPLOYED.read_text())
    for receiver in config["receivers"]:
        for webhook in receiver.get("webhook_configs", []):
            assert "url" not in webhook, f"receiver {receiver['name']} has a URL written in the repository"
            webhook["url"] = f"https://{receiver['name']}.example.invalid/hook"
            del webhook["url_file"]
    path = tmp_path_factory.mktemp("alertmanager") / "alertmanager.yml"
    path.write_text(yaml.safe_dump(config))
    return path


def routed(config: Path, labels: dict[str, str]) -> list[str]:
    """The receivers Alertmanager routes an alert with ``labels`` to, by `amtool config routes test`."""
    pairs = [f"{name}={value}" for name, value in labels.items()]
    done = subprocess.run(
        [amtool(), "config", "routes", "test", f"--config.file={config}", *pairs],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().split(",")


def test_deployed_config_passes_amtool_check_config(deployed_config: Path) -> None:
    done = subprocess.run([amtool(), "check-config", str(deployed_config)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_receiver_delivers_somewhere_and_takes_its_url_from_a_file() -> None:
    config = yaml.safe_load(DEPLOYED.read_text())

    def named(route: dict) -> Iterator[str]:
        if "receiver" in route:
            yield route["receiver"]
        for child in route.get("routes", []):
            yield from named(child)

    receivers = {receiver["name"]: receiver for receiver in config["receivers"]}
    for name in set(named(config["route"])):
        integrations = [key for key in receivers[name] if key.endswith("_configs") and receivers[name][key]]
        assert integrations, f"receiver {name} is routed to but sends nowhere: alerts to it are dropped"
        for webhook in receivers[name].get("webhook_configs", []):
            assert "url" not in webhook and webhook["url_file"].startswith("/run/secrets/"), (
                f"receiver {name}: webhook URLs are credentials; read them from a compose secret (url_file)"
            )


@pytest.mark.parametrize("severity", [s.name for s in Severity])
def test_news_alerts_reach_the_newsroom_by_severity(deployed_config: Path, severity: str) -> None:
    opened = alerts()[0]
    # The labels the alertmanager destination really posts for this story at this severity.
    labels = alertmanager_labels(opened, severity)
    assert labels["alertname"] == "city-control-change"
    expected = "newsroom" if severity in ("critical", "high") else "newsroom-digest"
    assert routed(deployed_config, labels) == [expected]


def test_a_rule_named_like_an_operational_alert_is_still_news(deployed_config: Path) -> None:
    story = dataclasses.replace(alerts()[0], rule="NewsalertWorkerDown")
    assert routed(deployed_config, alertmanager_labels(story, "critical")) == ["newsroom"]


def operational_alerts() -> list[tuple[str, str]]:
    groups = yaml.safe_load(PROMETHEUS_RULES.read_text())["groups"]
    return [
        (rule["alert"], rule["labels"]["severity"]) for group in groups for rule in group["rules"] if "alert" in rule
    ]


@pytest.mark.parametrize(("alertname", "severity"), operational_alerts())
def test_every_operational_alert_reaches_ops(deployed_config: Path, alertname: str, severity: str) -> None:
    # The labels Prometheus adds from the scrape (job, instance) and from the rule.
    labels = {"alertname": alertname, "severity": severity, "job": "newsalert", "instance": "worker:6066"}
    assert routed(deployed_config, labels) == ["ops"]


def test_alerts_nobody_claims_still_reach_ops(deployed_config: Path) -> None:
    assert routed(deployed_config, {"alertname": "TargetDown", "job": "prometheus", "severity": "warning"}) == ["ops"]


def test_the_operational_alerts_are_the_ones_the_routes_were_written_for() -> None:
    names = {name for name, _ in operational_alerts()}
    assert {"NewsalertWorkerDown", "NewsalertAllWorkersGone", "NewsalertFeedSilent"} <= names
    assert all(name.startswith("Newsalert") for name in names), "ops routing matches alertname=~Newsalert.+"
    assert {severity for _, severity in operational_alerts()} <= {"critical", "warning"}
