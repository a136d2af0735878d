"""What matching produces: a Match of one rule on one article, with its Evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
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
        return dict(vars(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


@dataclass(frozen=True)
class Claim:
    """What an article says about who controls a place, read by a rule with ``control:``.

    ``winner`` took the place, ``loser`` left it; either may be unknown (None):
    "Hama fell" names neither, "the army withdrew from Hama" only the loser.
    A ``denial`` says a change did not happen (``denied_by`` says so).
    """

    place: str
    winner: str | None = None
    loser: str | None = None
    denial: bool = False
    denied_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(vars(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
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
    claim: Claim | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def story_key(self) -> str:
        """The story this match belongs to, also its ``matches`` key and partition.

        Claims about one place form one story whichever control rule read them (a change
        and its denial are one story), so their state lives on one partition.
        """
        if self.claim is not None:
            return f"control|{self.group_key}"
        return f"{self.rule}|{self.group_key}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; the keys ``article_id, title, rule, severity, bindings, evidence`` are stable."""
        data = dict(vars(self))
        data["bindings"] = dict(self.bindings)
        data["extra"] = dict(self.extra)
        data["claim"] = self.claim.to_dict() if self.claim is not None else None
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Match:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        values["evidence"] = tuple(Evidence.from_dict(e) for e in values.get("evidence", ()))
        if values.get("claim") is not None:
            values["claim"] = Claim.from_dict(values["claim"])
        return cls(**values)
