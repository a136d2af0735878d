"""Records as bytes on a topic: every record has ``to_dict`` and ``from_dict``; this is the one JSON codec.

Topics carry our records as compact UTF-8 JSON of their ``to_dict()``; reading one back decodes the JSON
and hands the value to ``from_dict``, which says what is wrong with it.
"""

from __future__ import annotations

import json
from typing import Any, Protocol, TypeVar


class Record(Protocol):
    """Anything with a JSON-ready ``to_dict``."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON values."""


class Readable(Protocol):
    """A record type with ``from_dict``, the inverse of ``to_dict``."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        """The record in ``data``."""


R = TypeVar("R", bound=Readable)


def to_json(record: Record) -> bytes:
    """``record`` as compact UTF-8 JSON (non-ASCII text kept as it is)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def from_json(kind: type[R], data: bytes) -> R:
    """The ``kind`` record in ``data``; ``ValueError`` (a JSON error, or ``from_dict``'s) when it holds none."""
    value = json.loads(data)
    if not isinstance(value, dict):
        raise ValueError(f"expected a JSON object, got {type(value).__name__}")
    return kind.from_dict(value)  # type: ignore[no-any-return]
