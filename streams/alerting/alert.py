"""The Alert record: one notification about a story, as the alerts topic and every destination see it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from streams.ruleset.matches import Evidence


class AlertKind(StrEnum):
    """Why an alert is sent: a new story, a story that matters more, a story that grew, a quiet story."""

    opened = "opened"
    escalated = "escalated"
    updated = "updated"
    resolved = "resolved"


def alert_id(rule: str, group_key: str, opened_at: datetime) -> str:
    """The id of the story ``rule``/``group_key`` opened at ``opened_at``: the same inputs give the same id.

    Reprocessing the same matches after a restart therefore re-creates the same
    id, which receivers use to de-duplicate.
    """
    basis = "\x1f".join([rule, group_key, utc(opened_at).isoformat()])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class AlertArticle:
    """One piece of evidence of a story: the first article that carried it and the outlets that repeated it."""

    article_id: str
    title: str
    url: str | None
    source: str
    published_at: str | None
    evidence: tuple[Evidence, ...]
    sources: tuple[str, ...]
    copies: int = 1
    lang: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = dict(vars(self))
        data["evidence"] = [e.to_dict() for e in self.evidence]
        data["sources"] = list(self.sources)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlertArticle:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        values["evidence"] = tuple(Evidence.from_dict(e) for e in values["evidence"])
        values["sources"] = tuple(values["sources"])
        return cls(**values)


_TIMES = ("first_seen", "last_seen", "revised_at", "ends_at")


@dataclass(frozen=True, kw_only=True)
class Alert:
    """One revision of a story's alert.

    ``sources`` are every outlet that carried the story; ``corroboration`` counts
    only those that published evidence of their own (an outlet that republished
    another's wire copy adds a source, not corroboration). ``ends_at`` is when
    the story resolves if nothing more arrives, or when it did resolve.
    """

    id: str
    revision: int
    kind: AlertKind
    rule: str
    severity: str
    title: str
    group_key: str
    bindings: dict[str, str]
    first_seen: datetime
    last_seen: datetime
    revised_at: datetime
    ends_at: datetime
    article_count: int
    evidence_count: int
    sources: tuple[str, ...]
    corroboration: int
    articles: tuple[AlertArticle, ...]
    previous_severity: str | None = None
    notify: tuple[str, ...] = field(default=())
    # For a change of control: place, previous and new holder (ids and names), status, sources, confidence.
    control: dict[str, Any] | None = None
    # For a volume rule: what was counted, within which window, against what threshold.
    volume: dict[str, Any] | None = None

    @property
    def delivery_id(self) -> str:
        """The id of this revision's delivery (Standard Webhooks ``webhook-id``), the same on every retry."""
        return f"{self.id}-{self.revision}"

    @property
    def resolved(self) -> bool:
        """Whether this revision says the story is over."""
        return self.kind is AlertKind.resolved

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (datetimes as ISO 8601 strings in UTC)."""
        data = dict(vars(self))
        data["bindings"] = dict(self.bindings)
        data["control"] = dict(self.control) if self.control is not None else None
        data["volume"] = dict(self.volume) if self.volume is not None else None
        data["kind"] = self.kind.value
        data["sources"] = list(self.sources)
        data["notify"] = list(self.notify)
        data["articles"] = [a.to_dict() for a in self.articles]
        for key in _TIMES:
            data[key] = getattr(self, key).isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        values["kind"] = AlertKind(values["kind"])
        values["sources"] = tuple(values["sources"])
        values["notify"] = tuple(values.get("notify", ()))
        values["articles"] = tuple(AlertArticle.from_dict(a) for a in values["articles"])
        for key in _TIMES:
            values[key] = datetime.fromisoformat(values[key])
        return cls(**values)
