"""The control map and the stories as operators see them: ``GET /state`` and ``GET /stories`` on a worker
(:mod:`streams.web`), ``newsalert state`` and ``newsalert alerts``.

The control states (kept in the ``stories`` table) are sharded across workers
by partition, so no worker holds the whole map; the table's changelog topic
does. Both the page and the command read that topic to its end (its
``control-state|`` keys) and overlay the rule set's ``known_control``; without
``KAFKA_BOOTSTRAP`` the command asks a worker's page instead: that of the
``newsalert run`` on this machine when there is one (its worker has the rules
loaded, so the command needs none). Stories are read the same way: the newest value of every story key,
and a story whose key was removed (it resolved) with its last value, for as long as the changelog keeps it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import httpx

from streams.alerting.control import control_map
from streams.alerting.stage import CONTROL_PREFIX, VOLUME_PREFIX
from streams.alerting.story import Story
from streams.app import STORIES_TABLE, changelog_topic
from streams.board.view import StoredStory, located
from streams.config import Settings
from streams.errors import StateUnavailable
from streams.kafka import read_to_end
from streams.ruleset.model import RuleSet

log = logging.getLogger(__name__)


Values = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Changelog:
    """The ``stories`` table as its changelog holds it: the value of every key, the last of every removed one."""

    latest: Values
    removed: Values

    def places(self, ruleset: RuleSet) -> list[dict[str, Any]]:
        """Every place's state (:func:`streams.alerting.control.control_map`) with its coordinates (``located``)."""
        states: dict[str, dict[str, Any] | None] = {
            key.removeprefix(CONTROL_PREFIX): value
            for key, value in self.latest.items()
            if key.startswith(CONTROL_PREFIX)
        }
        return located(control_map(states, ruleset), ruleset)

    def stories(self) -> list[StoredStory]:
        """Every open story, and every resolved one still in the changelog."""
        stories = []
        for values, resolved in ((self.latest, False), (self.removed, True)):
            for key, value in values.items():
                if key.startswith((CONTROL_PREFIX, VOLUME_PREFIX)):
                    continue  # a place's control, a volume rule's counts: kept beside the stories
                try:
                    stories.append(StoredStory(key, Story.from_dict(value), resolved=resolved))
                except (KeyError, TypeError, ValueError):
                    log.warning("skipping story %s: its table value is not a story", key)
        return stories


async def read_changelog(settings: Settings) -> Changelog:
    """The ``stories`` table's changelog on Kafka, read to its end."""
    assert settings.kafka_bootstrap
    latest: Values = {}
    removed: Values = {}
    for record in await read_to_end(settings.kafka_bootstrap, changelog_topic(settings, STORIES_TABLE)):
        key = json.loads(record.key) if record.key is not None else None
        if not isinstance(key, str):
            continue
        if record.value:
            latest[key] = json.loads(record.value)
            removed.pop(key, None)
        elif key in latest:
            removed[key] = latest.pop(key)
    return Changelog(latest, removed)


async def read_state(settings: Settings, ruleset: RuleSet) -> list[dict[str, Any]]:
    """Every place's state, from the control states in the ``stories`` table's changelog on Kafka."""
    return (await read_changelog(settings)).places(ruleset)


async def read_stories(settings: Settings) -> list[StoredStory]:
    """Every open story, and every resolved one the ``stories`` table's changelog still holds."""
    return (await read_changelog(settings)).stories()


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
