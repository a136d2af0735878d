"""The control map as operators see it: ``GET /state`` on a worker (:mod:`streams.web`) and ``newsalert state``.

The control states (kept in the ``stories`` table) are sharded across workers
by partition, so no worker holds the whole map; the table's changelog topic
does. Both the page and the command read that topic to its end (its
``control-state|`` keys) and overlay the rule set's ``known_control``; without
``KAFKA_BOOTSTRAP`` the command asks a worker's page instead: that of the
``newsalert run`` on this machine when there is one (its worker has the rules
loaded, so the command needs none).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from streams.alerting.control import control_map
from streams.app import CONTROL_PREFIX, STORIES_TABLE, changelog_topic
from streams.config import Settings
from streams.errors import StateUnavailable
from streams.kafka import read_to_end
from streams.ruleset.model import RuleSet


async def read_state(settings: Settings, ruleset: RuleSet) -> list[dict[str, Any]]:
    """Every place's state, from the control states in the ``stories`` table's changelog on Kafka."""
    assert settings.kafka_bootstrap
    latest: dict[str, dict[str, Any] | None] = {}
    for record in await read_to_end(settings.kafka_bootstrap, changelog_topic(settings, STORIES_TABLE)):
        key = json.loads(record.key) if record.key is not None else None
        if isinstance(key, str) and key.startswith(CONTROL_PREFIX):
            latest[key.removeprefix(CONTROL_PREFIX)] = json.loads(record.value) if record.value else None
    return control_map(latest, ruleset)


def fetch_state(url: str) -> list[dict[str, Any]]:
    """The places a worker's ``GET /state`` page lists."""
    try:
        answer = httpx.get(url, timeout=10.0)
        answer.raise_for_status()
    except httpx.HTTPError as error:
        raise StateUnavailable(
            f"cannot read {url}: {error}; start `newsalert run` or a worker, pass --url, or set "
            "KAFKA_BOOTSTRAP to read Kafka instead"
        ) from None
    places: list[dict[str, Any]] = answer.json()["places"]
    return places
