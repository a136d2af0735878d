"""What every destination shares: the outgoing request, JSON bodies, templates and the alert's summary line."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from streams.alerting.alert import Alert, AlertKind
from streams.alerting.destinations.config import Destination
from streams.httpclient import USER_AGENT
from streams.secret import Secret

# Headers computed per attempt from the body and the Unix time (a webhook signature).
Signer = Callable[[bytes, int], Mapping[str, str]]


@dataclass(frozen=True)
class OutgoingRequest:
    """One HTTP POST that delivers one alert revision to one destination.

    ``sign``, when set, adds headers that depend on the moment of the attempt
    (a signature over a timestamp), so every retry is signed afresh while the
    body and ``delivery_id`` stay the same.
    """

    destination: str
    delivery_id: str
    url: Secret
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    sign: Signer | None = None

    def headers_at(self, unix_time: int) -> dict[str, str]:
        """The headers of an attempt made at ``unix_time`` (seconds)."""
        headers = dict(self.headers)
        if self.sign is not None:
            headers.update(self.sign(self.body, unix_time))
        return headers


def json_request(
    destination: Destination, alert: Alert, payload: Any, *, url: Secret | None = None, sign: Signer | None = None
) -> OutgoingRequest:
    """A POST of ``payload`` as compact UTF-8 JSON to ``url`` (default: the destination's URL)."""
    return OutgoingRequest(
        destination=destination.name,
        delivery_id=alert.delivery_id,
        url=url or destination.url,
        body=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        headers={"content-type": "application/json", "user-agent": USER_AGENT},
        sign=sign,
    )


def summary(alert: Alert) -> str:
    """One line saying what happened and how big the story is, e.g. ``Escalated: 6 articles, 3 pieces…``."""
    text = (
        f"{alert.kind.value.capitalize()}: {_count(alert.article_count, 'article')}, "
        f"{_count(alert.evidence_count, 'piece', 'pieces')} of evidence from {_count(len(alert.sources), 'source')} "
        f"({alert.corroboration} independent)."
    )
    if alert.previous_severity:
        text += f" Severity rose from {alert.previous_severity} to {alert.severity}."
    if alert.kind is AlertKind.resolved:
        text += f" Quiet since {alert.last_seen:%Y-%m-%d %H:%M} UTC."
    return text


def template_values(alert: Alert, escape: Callable[[str], str]) -> dict[str, str]:
    """Every name a template may use, as ``escape``d text; bindings (``place``) first so fields win."""
    values = {
        "title": alert.title,
        "summary": summary(alert),
        "rule": alert.rule,
        "severity": alert.severity,
        "kind": alert.kind.value,
        "revision": str(alert.revision),
        "id": alert.id,
        "group_key": alert.group_key,
        "article_count": str(alert.article_count),
        "evidence_count": str(alert.evidence_count),
        "source_count": str(len(alert.sources)),
        "corroboration": str(alert.corroboration),
        "sources": ", ".join(alert.sources),
        "first_seen": alert.first_seen.isoformat(),
        "last_seen": alert.last_seen.isoformat(),
        "link": top_link(alert) or "",
    }
    return {k: escape(v) for k, v in {**alert.bindings, **values}.items()}


def render(
    template: str | None,
    alert: Alert,
    default: str,
    escape: Callable[[str], str] = str,
    formatted: Mapping[str, str] | None = None,
) -> str:
    """``template`` filled in from ``alert``, or ``default`` without one.

    Values pass through ``escape``, except those in ``formatted``, which the
    destination has already written in its own markup (a Slack link).
    Templates are checked when the configuration is read (plain ``{name}``
    fields only); a binding the alert does not have renders as nothing.
    """
    if template is None:
        return default
    return template.format_map(_Values({**template_values(alert, escape), **(formatted or {})}))


def top_link(alert: Alert) -> str | None:
    """The link of the alert's first article that has one."""
    return next((a.url for a in alert.articles if a.url), None)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in … when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""
