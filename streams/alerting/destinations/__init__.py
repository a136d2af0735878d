"""Destinations: the named places alerts are delivered to, one module per kind, and the request each needs.

Every module of this package that defines ``KIND`` (a :class:`DestinationKind`) is a destination kind:
its name is the ``type:`` users write, its options are the keys it takes, and it builds the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.destinations import config
from streams.alerting.destinations.common import OutgoingRequest
from streams.alerting.destinations.config import Destination, DestinationKind, Templates
from streams.registry import defined_in


@cache
def kinds() -> dict[str, DestinationKind]:
    """Every destination kind by name, found in this package's modules."""
    return {kind.name: kind for kind in defined_in(__name__, __path__, "KIND", DestinationKind)}


def parse_destinations(section: Any, env: Mapping[str, str]) -> dict[str, Destination]:
    """Every destination of a ``destinations:`` mapping (see :func:`config.parse_destinations`)."""
    return config.parse_destinations(section, env, kinds())


def build_request(alert: Alert, destination: Destination) -> OutgoingRequest:
    """The HTTP request that delivers ``alert`` to ``destination``, whatever its kind."""
    return kinds()[destination.type].build_request(alert, destination)


__all__ = [
    "Destination",
    "DestinationKind",
    "OutgoingRequest",
    "Templates",
    "build_request",
    "kinds",
    "parse_destinations",
]
