"""The Article record and its stable identity."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader; dropping them makes the same
# story reached through two campaigns one article.
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src", "cmpid", "ocid"})


def canonical_url(url: str) -> str:
    """Return ``url`` without fragment, tracking parameters, default port or trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "http"
    host = (parts.hostname or "").lower()
    if parts.port and not ((scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def article_id(url: str | None, title: str, body: str) -> str:
    """A stable id: from the canonical URL when known, else from the normalised title and body.

    The same story fetched twice (or from two feeds) gets the same id, so the
    pipeline can drop the second copy before matching it.
    """
    if url:
        basis = "url:" + canonical_url(url)
    else:
        # Imported here: the text package imports nothing from articles, and
        # this keeps the record module light for the readers that only need the type.
        from streams.text.normalise import fold

        basis = "text:" + fold(title) + "\n" + fold(body)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True, kw_only=True)
class Article:
    """One news article as every stage sees it.

    ``title`` and ``body`` keep the original text: evidence offsets point into them.
    """

    id: str
    title: str
    body: str
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    published_at: datetime | None = None
    received_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        *,
        title: str,
        body: str,
        url: str | None = None,
        id: str | None = None,
        **rest: Any,
    ) -> Article:
        """Build an article, deriving its stable id when none is given."""
        return cls(id=id or article_id(url, title, body), title=title, body=body, url=url, **rest)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (datetimes as ISO 8601 strings)."""
        data = asdict(self)
        for key in ("published_at", "received_at"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        if not data["extra"]:
            del data["extra"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`; unknown keys are kept in ``extra``.

        Raises ``ArticleError`` when ``title``/``body`` are missing or not text,
        or a date is not ISO 8601.
        """
        from streams.errors import ArticleError

        data = _valid_text(data, "article")
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        given_extra = values.pop("extra", None)
        if given_extra is not None and not isinstance(given_extra, dict):
            raise ArticleError(f"'extra' must be an object of named values, not {type(given_extra).__name__}")
        extra = dict(given_extra or {})
        extra.update({k: v for k, v in data.items() if k not in known})
        title, body = values.get("title"), values.get("body")
        if not isinstance(title, str) or not isinstance(body, str):
            raise ArticleError("an article needs 'title' and 'body' as strings")
        if not title.strip() and not body.strip():
            raise ArticleError("an article needs a non-empty 'title' or 'body'")
        for key in ("published_at", "received_at"):
            value = values.get(key)
            if isinstance(value, str) and value:
                values[key] = parse_datetime(value, key)
            elif value is not None and not isinstance(value, datetime):
                values[key] = None
        for key in ("url", "source", "lang", "id"):
            if values.get(key) is not None and not isinstance(values[key], str):
                raise ArticleError(f"'{key}' must be a string")
        values.pop("id", None)
        return cls.create(id=data.get("id") or None, extra=extra, **values)


# Past this depth an article's values are refused: every stage serialises them again, recursively.
MAX_DEPTH = 16
# JSON's \\uD800 escapes decode to lone surrogates, which no stage can encode as UTF-8 again.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(value: Any, where: str, depth: int = 0) -> Any:
    """``value`` with every lone surrogate replaced by U+FFFD; ``ArticleError`` when nested past :data:`MAX_DEPTH`."""
    from streams.errors import ArticleError

    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if depth >= MAX_DEPTH and isinstance(value, (dict, list)):
        raise ArticleError(f"{where} is nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        return {_valid_text(str(k), where): _valid_text(v, where, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_valid_text(item, where, depth + 1) for item in value]
    return value


def parse_datetime(value: str, name: str = "date") -> datetime:
    """Parse an ISO 8601 date or datetime (a trailing ``Z`` is accepted)."""
    from streams.errors import ArticleError

    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise ArticleError(f"'{name}' is not an ISO 8601 date: {value!r}") from exc
