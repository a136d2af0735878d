"""What the situation board shows, built from story and control state alone: pure, no clock and no I/O.

``GET /stories`` (:mod:`streams.web`), the page's script and ``newsalert alerts`` all read the same
:func:`story_view` entries, filtered by :func:`parse_filters`' :class:`Filters`, so the terminal and the
page never disagree. Article text is hostile: a view carries it as plain strings in segments marked hit or
not (:func:`highlight`), never as markup, and the page writes it as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from streams.alerting.attention import Attention
from streams.alerting.control import ChangeKind, ControlStatus
from streams.alerting.story import Story
from streams.errors import BadQuery
from streams.ruleset.model import RuleSet, Severity
from streams.ruleset.unlisted import display_name

# The states a story can be in, as the board names them.
STATES = ("unconfirmed", "confirmed", "disputed", "reversed", "open", "resolved")
# How long a resolved story stays on the board (while the stories table's changelog still holds it).
RECENT = timedelta(hours=24)
DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
# A filter value longer than this is no rule, place or language id: refused before any work.
MAX_VALUE = 200
MAX_VALUES = 50
FILTERS = ("rule", "severity", "lang", "place", "state", "limit")


@dataclass(frozen=True)
class StoredStory:
    """A story as the ``stories`` table's changelog last held it; ``resolved`` once it was removed."""

    key: str
    story: Story
    resolved: bool


@dataclass(frozen=True)
class Filters:
    """What the board shows: each set empty means every value; at most ``limit`` stories, newest first."""

    rules: frozenset[str] = frozenset()
    severities: frozenset[str] = frozenset()
    langs: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    limit: int = DEFAULT_LIMIT


def parse_filters(query: Mapping[str, str]) -> Filters:
    """The filters of a query string (``?severity=high,critical&place=homs``); :class:`BadQuery` says what is wrong.

    Values are comma-separated lists; an unknown parameter, severity or state is an error rather than a
    filter that silently shows everything.
    """
    unknown = sorted(set(query) - set(FILTERS))
    if unknown:
        raise BadQuery(f"unknown parameter {_shown(unknown[0])}; the filters are {', '.join(FILTERS)}")

    def values(name: str, allowed: Iterable[str] | None = None) -> frozenset[str]:
        text = query.get(name, "")
        if len(text) > MAX_VALUE * MAX_VALUES:
            raise BadQuery(f"{name} is {len(text):,} characters long; give at most {MAX_VALUES} values")
        given = [v.strip() for v in text.split(",") if v.strip()]
        if len(given) > MAX_VALUES or any(len(v) > MAX_VALUE for v in given):
            raise BadQuery(f"{name}: give at most {MAX_VALUES} values of at most {MAX_VALUE} characters each")
        if allowed is not None:
            choices = tuple(allowed)
            wrong = [v for v in given if v not in choices]
            if wrong:
                raise BadQuery(f"{name} {_shown(wrong[0])} is not one of {', '.join(choices)}")
        return frozenset(given)

    limit_text = query.get("limit", "").strip()
    if limit_text and not (limit_text.isascii() and limit_text.isdigit() and 1 <= int(limit_text) <= MAX_LIMIT):
        raise BadQuery(f"limit {_shown(limit_text)} is not a whole number from 1 to {MAX_LIMIT}")
    return Filters(
        rules=values("rule"),
        severities=values("severity", (s.name for s in Severity)),
        langs=values("lang"),
        places=values("place"),
        states=values("state", STATES),
        limit=int(limit_text) if limit_text else DEFAULT_LIMIT,
    )


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def story_state(story: Story, resolved: bool) -> str:
    """One of :data:`STATES`: resolved, else the control state of a change of control, else open."""
    if resolved:
        return "resolved"
    control = story.control
    if not control:
        return "open"
    if control.get("status") == ControlStatus.disputed:
        return "disputed"
    if control.get("change") == ChangeKind.reversed:
        return "reversed"
    return "confirmed" if control.get("status") == ControlStatus.confirmed else "unconfirmed"


def highlight(text: str, words: Iterable[str]) -> list[dict[str, Any]]:
    """``text`` cut into segments, ``{"text": …, "hit": True}`` where one of ``words`` occurs in it."""
    wanted = sorted({" ".join(w.split()) for w in words if w.strip()}, key=len, reverse=True)
    if not wanted:
        return [{"text": text, "hit": False}] if text else []
    pattern = re.compile("|".join(re.escape(w) for w in wanted))
    segments: list[dict[str, Any]] = []
    last = 0
    for found in pattern.finditer(text):
        if found.start() > last:
            segments.append({"text": text[last : found.start()], "hit": False})
        segments.append({"text": found.group(), "hit": True})
        last = found.end()
    if last < len(text):
        segments.append({"text": text[last:], "hit": False})
    return segments


def place_of(story: Story, ruleset: RuleSet) -> dict[str, Any] | None:
    """The place a story is about: the first bound entity with coordinates, else its ``place`` binding."""
    for type_, entity_id in story.bindings.items():
        entity = ruleset.entity(type_, entity_id)
        if entity is not None and entity.place is not None:
            return _place(entity_id, entity.display_name, entity.place.name_ar, entity.place.lat, entity.place.lon)
    place = story.bindings.get("place")
    if place is None:
        return None
    entity = ruleset.entity("place", place)
    return _place(place, entity.display_name if entity else display_name(place), None, None, None)


def _place(place: str, name: str, name_ar: str | None, lat: float | None, lon: float | None) -> dict[str, Any]:
    return {"id": place, "name": name, "name_ar": name_ar, "lat": lat, "lon": lon}


def story_view(stored: StoredStory, ruleset: RuleSet) -> dict[str, Any]:
    """One story as the board and ``newsalert alerts --json`` show it."""
    story = stored.story
    attention = Attention.of(story)
    evidence = []
    for piece in sorted(story.pieces, key=lambda p: p.first_seen, reverse=True):
        article = piece.article
        words = [e.text for e in article.evidence]
        excerpts = list(dict.fromkeys(e.snippet for e in article.evidence))
        evidence.append(
            {
                "title": highlight(article.title, words),
                "url": article.url,
                "source": article.source,
                "sources": list(article.sources),
                "copies": article.copies,
                "published_at": article.published_at,
                "lang": article.lang,
                "first_seen": piece.first_seen.isoformat(),
                "words": list(dict.fromkeys(words)),
                "excerpts": [highlight(excerpt, words) for excerpt in excerpts],
            }
        )
    return {
        "id": story.alert_id,
        "key": stored.key,
        "rule": story.rule,
        "title": story.title,
        "severity": story.severity,
        "state": story_state(story, stored.resolved),
        "revision": story.revision,
        "place": place_of(story, ruleset),
        "bindings": dict(story.bindings),
        "first_seen": story.opened_at.isoformat(),
        "last_seen": story.last_seen.isoformat(),
        "ends_at": story.ends_at.isoformat(),
        "sources": list(story.sources),
        "source_count": len(story.sources),
        "corroboration": len(story.independent_sources),
        "article_count": story.article_count,
        "evidence_count": story.evidence_count,
        "langs": sorted({a for a in (p.article.lang for p in story.pieces) if a}),
        "control": story.control,
        "volume": story.volume,
        "acknowledged": attention.acknowledged_at is not None,
        "acknowledged_at": attention.acknowledged_at.isoformat() if attention.acknowledged_at else None,
        "acknowledged_by": attention.acknowledged_by,
        "news_since_ack": attention.acknowledged_at is not None and story.revision > attention.acknowledged_revision,
        "silenced_until": attention.silenced_until.isoformat() if attention.silenced_until else None,
        "silenced_by": attention.silenced_by,
        "evidence": evidence,
    }


def select(views: Iterable[dict[str, Any]], filters: Filters, now: datetime) -> list[dict[str, Any]]:
    """The views ``filters`` keep, newest first (by last seen), at most ``filters.limit``.

    A story resolved more than :data:`RECENT` before ``now`` is left out; a silence that ended before
    ``now`` is shown as none.
    """
    kept = []
    for view in views:
        place = view["place"]["id"] if view["place"] else None
        if view["state"] == "resolved" and datetime.fromisoformat(view["ends_at"]) < now - RECENT:
            continue
        if (
            (filters.rules and view["rule"] not in filters.rules)
            or (filters.severities and view["severity"] not in filters.severities)
            or (filters.langs and not filters.langs & set(view["langs"]))
            or (filters.places and place not in filters.places)
            or (filters.states and view["state"] not in filters.states)
        ):
            continue
        if view["silenced_until"] and datetime.fromisoformat(view["silenced_until"]) <= now:
            view = {**view, "silenced_until": None, "silenced_by": ""}
        kept.append(view)
    kept.sort(key=lambda v: (v["last_seen"], v["id"]), reverse=True)
    return kept[: filters.limit]


def facets(views: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """What each filter can choose among these views: ``{"rule": [{"value": …, "label": …}], …}``.

    Severities and states are listed whole, in their order, so a filter set before a story arrives stays set.
    """
    rules: dict[str, str] = {}
    langs: set[str] = set()
    places: dict[str, str] = {}
    for view in views:
        rules[view["rule"]] = view["rule"]
        langs.update(view["langs"])
        if view["place"]:
            places[view["place"]["id"]] = view["place"]["name"]

    def choices(values: Mapping[str, str]) -> list[dict[str, str]]:
        return [{"value": v, "label": label} for v, label in sorted(values.items(), key=lambda item: item[1])]

    return {
        "rule": choices(rules),
        "severity": [{"value": s.name, "label": s.name} for s in sorted(Severity, reverse=True)],
        "lang": choices({lang: lang for lang in langs}),
        "place": choices(places),
        "state": [{"value": state, "label": state} for state in STATES],
    }


def find_story(stories: Iterable[StoredStory], story_id: str) -> StoredStory | None:
    """The open story whose id is ``story_id`` or starts with it (at least 6 characters, one story only)."""
    wanted = story_id.strip().lower()
    if len(wanted) < 6:
        return None
    found = [s for s in stories if not s.resolved and s.story.alert_id.startswith(wanted)]
    return found[0] if len(found) == 1 else None


def located(places: list[dict[str, Any]], ruleset: RuleSet) -> list[dict[str, Any]]:
    """The control map's places (``control_map`` entries) with what the board's map needs: ``name_ar``,
    ``lat``/``lon`` from the gazetteer (None for a place it does not have) and ``changed``, whether the
    holder changed while the stream ran (the state is no longer the seed's)."""
    entries = []
    for entry in places:
        entity = ruleset.entity("place", entry["place"])
        where = entity.place if entity is not None else None
        entries.append(
            {
                **entry,
                "name_ar": where.name_ar if where else None,
                "lat": where.lat if where else None,
                "lon": where.lon if where else None,
                "changed": entry["status"] not in (ControlStatus.known, ControlStatus.unknown),
            }
        )
    return entries
