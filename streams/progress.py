"""Progress of long commands (``ingest``, ``deadletter replay``) for a person watching a terminal.

Drawn on stderr, in place, only when stderr is a terminal: a pipe or a file gets nothing from here (the
command's own summary line says what was done), so no escape code ever reaches a log or a script.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

REDRAW_EVERY = 0.1  # seconds: often enough to look alive, rarely enough to cost nothing
_CLEAR_LINE = "\r\x1b[K"


class Progress:
    """A one-line counter (``ingest: 1,204 sent, 3 errors, 410/s``), redrawn in place; a context manager."""

    def __init__(self, label: str, *, total: int | None = None, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.counts: dict[str, int] = {}
        self.enabled = self.stream.isatty()
        self._started = time.monotonic()
        self._drawn = 0.0

    def advance(self, outcome: str, count: int = 1) -> None:
        """Count ``count`` more items of ``outcome`` (``sent``, ``errors``, …) and redraw if it is time."""
        self.counts[outcome] = self.counts.get(outcome, 0) + count
        now = time.monotonic()
        if self.enabled and now - self._drawn >= REDRAW_EVERY:
            self._drawn = now
            self.stream.write(_CLEAR_LINE + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        """The text of the progress line at ``now``."""
        done = sum(self.counts.values())
        parts = [f"{count:,} {outcome}" for outcome, count in self.counts.items()]
        if self.total:
            parts.insert(0, f"{done:,}/{self.total:,}")
        elapsed = now - self._started
        if elapsed > 1:
            parts.append(f"{done / elapsed:,.0f}/s")
        return f"{self.label}: {', '.join(parts)}"

    def clear(self) -> None:
        """Erase the line, so that what is printed next starts on a clean line."""
        if self.enabled and self._drawn:
            self.stream.write(_CLEAR_LINE)
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.clear()
