"""Destinations: the named places alerts are delivered to, one module per kind, and the request each needs."""

from __future__ import annotations

from collections.abc import Callable

from streams.alerting.alert import Alert
from streams.alerting.destinations import alertmanager, slack, webhook
from streams.alerting.destinations.common import OutgoingRequest
from streams.alerting.destinations.config import Destination, Secret, Templates, parse_destinations

_BUILDERS: dict[str, Callable[[Alert, Destination], OutgoingRequest]] = {
    "webhook": webhook.build_request,
    "slack": slack.build_request,
    "alertmanager": alertmanager.build_request,
}


def build_request(alert: Alert, destination: Destination) -> OutgoingRequest:
    """The HTTP request that delivers ``alert`` to ``destination``, whatever its kind."""
    return _BUILDERS[destination.type](alert, destination)


__all__ = ["Destination", "OutgoingRequest", "Secret", "Templates", "build_request", "parse_destinations"]
