"""Prometheus Alertmanager: ``POST /api/v2/alerts``, so routing, grouping, silences and inhibition apply.

Labels identify the alert to Alertmanager: ``alertname`` (the rule), ``rule``,
``severity``, ``group_key`` and ``alert_id`` (the story), all stable while the
story lasts, so each revision updates the same Alertmanager alert. A firing
revision carries ``endsAt`` = when the story resolves if nothing more arrives,
so Alertmanager resolves it on its own even if the resolved revision were lost.
When severity rises the label set changes; the revision then also ends the
alert with the old severity.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.destinations.common import OutgoingRequest, json_request, render, summary, top_link
from streams.alerting.destinations.config import Destination, DestinationKind
from streams.errors import ConfigError
from streams.secret import Secret

PATH = "/api/v2/alerts"


def read_options(
    options: Mapping[str, Any], where: str, resolve: Callable[[Any, str], Secret | None]
) -> Mapping[str, Any]:
    """``generator_url``: where an alert's "source" link in Alertmanager points (default: its first article)."""
    generator_url = options.get("generator_url")
    if generator_url is not None and not isinstance(generator_url, str):
        raise ConfigError(f"{where}.generator_url: expected a URL string")
    return {"generator_url": generator_url} if generator_url else {}


def build_request(alert: Alert, destination: Destination) -> OutgoingRequest:
    """The POST of ``alert`` to the Alertmanager at the destination's base URL."""
    current: dict[str, Any] = {
        "labels": labels(alert, alert.severity),
        "annotations": {
            "title": render(destination.templates.title, alert, alert.title),
            "summary": render(destination.templates.text, alert, summary(alert)),
            "links": "\n".join(a.url for a in alert.articles if a.url),
            "revision": str(alert.revision),
        },
        "startsAt": alert.first_seen.isoformat(),
        "endsAt": alert.ends_at.isoformat(),
    }
    generator = destination.options.get("generator_url") or top_link(alert)
    if generator:
        current["generatorURL"] = generator
    payload = [current]
    if alert.previous_severity:
        ended = alert.revised_at.isoformat()
        payload.append({**current, "labels": labels(alert, alert.previous_severity), "endsAt": ended})
    url = Secret(destination.url.reveal().rstrip("/") + PATH)
    return json_request(destination, alert, payload, url=url)


def labels(alert: Alert, severity: str) -> dict[str, str]:
    """The label set that identifies ``alert`` (with ``severity``) in Alertmanager."""
    return {
        "alertname": alert.rule,
        "rule": alert.rule,
        "severity": severity,
        "group_key": alert.group_key,
        "alert_id": alert.id,
    }


KIND = DestinationKind(
    name="alertmanager", options=("generator_url",), read_options=read_options, build_request=build_request
)
