"""Durations as rule files write them: ``30s``, ``15m``, ``6h``, ``2d``, ``1w``, ``1h30m``."""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+)([smhdw])")
_WHOLE = re.compile(r"(?:\d+[smhdw])+")


def parse_duration(text: str) -> timedelta:
    """Parse a duration; raises ``ValueError`` with the accepted forms when ``text`` is not one."""
    compact = text.strip().lower()
    if not _WHOLE.fullmatch(compact):
        raise ValueError(f"'{text}' is not a duration")
    try:
        return timedelta(seconds=sum(int(n) * _UNITS[unit] for n, unit in _PART.findall(compact)))
    except OverflowError:
        raise ValueError(f"'{text}' is longer than a duration can be") from None


def format_duration(duration: timedelta) -> str:
    """``duration`` as a rule file writes it, in its largest whole unit (``24h``, ``2d``, ``90m``)."""
    seconds = int(duration.total_seconds())
    for unit, size in sorted(_UNITS.items(), key=lambda item: -item[1]):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    raise AssertionError("every whole number of seconds is a duration in seconds")
