"""Where a rule's words were found in an article, and how far apart two findings are."""

from __future__ import annotations

from typing import NamedTuple

from streams.ruleset.model import Field


class Occurrence(NamedTuple):
    """Where something was found: a field, its first and last word and sentence; ``term`` is a term id or a regex label."""

    field: Field
    first: int
    last: int
    term: int | str
    sentence: int


# The term of an occurrence that refers back to a place ("the city", المدينة) instead of naming it.
REFERENCE = "reference"

_APART = 1 << 30


def distance(a: Occurrence, b: Occurrence) -> int:
    """Words between two occurrences; occurrences in different fields or sentences are never near."""
    if a.field != b.field or a.sentence != b.sentence:
        return _APART
    if a.last < b.first:
        return b.first - a.last
    if b.last < a.first:
        return a.first - b.last
    return 0
