"""Logging for every command: text for people or one JSON object per line for log collectors.

The level comes from ``NEWSALERT_LOG_LEVEL`` (``NEWSALERT_LOGLEVEL`` is still read), the format from
``--log-format`` or ``NEWSALERT_LOG_FORMAT``. A warning that repeats (Faust logs "producer buffer full
size N" for every event while its buffer drains) is shown once per :data:`REPEAT_WINDOW`; the next one
shown carries how many were held back.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TextIO

from streams.display import json_text, terminal_safe
from streams.errors import ConfigError

LEVEL_VARIABLE = "NEWSALERT_LOG_LEVEL"
OLD_LEVEL_VARIABLE = "NEWSALERT_LOGLEVEL"
FORMAT_VARIABLE = "NEWSALERT_LOG_FORMAT"
LEVELS = ("debug", "info", "warning", "error", "critical")
FORMATS = ("text", "json")
REPEAT_WINDOW = 60.0  # seconds during which a repeated warning is counted instead of shown

# Every attribute a LogRecord has before a caller adds extras (taskName exists from Python 3.12 on).
_STANDARD = {*vars(logging.LogRecord("", 0, "", 0, "", None, None)), "message", "asctime", "taskName"}
_NUMBERS = re.compile(r"\d+")


def log_level(env: Mapping[str, str], default: str) -> str:
    """The level named by ``NEWSALERT_LOG_LEVEL`` (or the older ``NEWSALERT_LOGLEVEL``), else ``default``."""
    for variable in (LEVEL_VARIABLE, OLD_LEVEL_VARIABLE):
        value = env.get(variable, "").strip().lower()
        if value:
            if value not in LEVELS:
                raise ConfigError(f"{variable}: expected one of {', '.join(LEVELS)}, got {value!r}")
            return value
    return default


def log_format(env: Mapping[str, str], given: str | None) -> str:
    """``--log-format`` when given, else ``NEWSALERT_LOG_FORMAT``, else ``text``."""
    value = (given or env.get(FORMAT_VARIABLE, "") or "text").strip().lower()
    if value not in FORMATS:
        raise ConfigError(f"{FORMAT_VARIABLE}: expected one of {', '.join(FORMATS)}, got {value!r}")
    return value


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {key: value for key, value in vars(record).items() if key not in _STANDARD}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: ``time``, ``level``, ``logger``, ``message``, then any extras
    (``repeated``: warnings like this one held back since the last shown), and ``exception`` with its traceback."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields.update({key: value if _plain(value) else repr(value) for key, value in _extras(record).items()})
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        return json_text(fields)


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


class TextFormatter(logging.Formatter):
    """``TIME LEVEL LOGGER: MESSAGE``, with control characters of the message shown as escapes."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        repeated = getattr(record, "repeated", 0)
        if repeated:
            first, newline, rest = text.partition("\n")
            text = f"{first} ({repeated} more like this held back since the last shown){newline}{rest}"
        # Line by line, so a traceback keeps its lines while an escape sequence in a message is defused.
        return "\n".join(terminal_safe(line) for line in text.split("\n"))


class RepeatFilter(logging.Filter):
    """Lets a warning (or worse) through once per ``window`` seconds per logger and message shape.

    Numbers do not count towards the shape, so "buffer full size 101" and "… 102" are one warning. The
    next one shown carries the number held back as ``record.repeated``.
    """

    MAX_SHAPES = 1024  # forget shapes past this, oldest first, so varied messages cannot grow it forever

    def __init__(self, window: float = REPEAT_WINDOW, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.window = window
        self.clock = clock
        self._shown: dict[tuple[str, int, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, record.levelno, _NUMBERS.sub("#", record.getMessage()))
        now = self.clock()
        last = self._shown.get(key)
        if last is not None and now - last[0] < self.window:
            self._shown[key] = (last[0], last[1] + 1)
            return False
        if last is not None and last[1]:
            record.repeated = last[1]
        self._shown.pop(key, None)
        self._shown[key] = (now, 0)
        if len(self._shown) > self.MAX_SHAPES:
            del self._shown[next(iter(self._shown))]
        return True


def configure(level: str, fmt: str, *, stream: TextIO | None = None, quiet_clients: bool = False) -> None:
    """Send every log record at ``level`` or above to ``stream`` (stderr) as ``fmt`` (``text`` or ``json``).

    ``quiet_clients``: for short-lived commands, aiokafka's own errors are held back below ``debug``: a
    broker it cannot reach comes back to the command as an exception, reported as one line.
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(RepeatFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    if quiet_clients and level != "debug":
        logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
