"""What every outgoing HTTP request of newsalert shares: who it says it is, and how it reads ``Retry-After``."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from streams import __version__

USER_AGENT = f"newsalert/{__version__} (+https://github.com/newsalert/newsalert)"


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or None when absent or invalid.

    An HTTP date without a time zone is taken as UTC, as HTTP dates are.
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
