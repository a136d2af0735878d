"""What matching produces: a Match of one rule on one article, with its Evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One thing found in the article: the original words, where, and why they count.

    ``start``/``end`` are offsets into the ORIGINAL ``field`` text, so
    ``article.<field>[start:end] == text``.
    """

    text: str
    field: str
    start: int
    end: int
    snippet: str
    term: str
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


@dataclass(frozen=True)
class Match:
    """A rule that holds in an article, with the bindings and evidence that made it hold."""

    article_id: str
    title: str
    rule: str
    severity: str
    bindings: dict[str, str]
    evidence: tuple[Evidence, ...]
    rule_title: str = ""
    group_key: str = ""
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    published_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; the keys ``article_id, title, rule, severity, bindings, evidence`` are stable."""
        data = asdict(self)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Match:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        values["evidence"] = tuple(Evidence.from_dict(e) for e in values.get("evidence", ()))
        return cls(**values)
