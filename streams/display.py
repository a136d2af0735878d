"""How newsalert shows matches to a person on a terminal (one place, so every command looks alike)."""

from __future__ import annotations

from streams.alerting.alert import Alert
from streams.alerting.destinations.common import summary
from streams.ruleset.matches import Match

_SEVERITY_MARK = {"critical": "‼", "high": "!", "medium": "•", "low": "·", "info": "·"}


def format_match(match: Match) -> str:
    """A few readable lines: rule, severity, rendered title, bindings, the article, and each piece of evidence."""
    mark = _SEVERITY_MARK.get(match.severity, "•")
    bindings = ", ".join(f"{k}={v}" for k, v in match.bindings.items())
    lines = [f"{mark} [{match.severity}] {match.rule_title or match.rule}  ({match.rule}{'; ' + bindings if bindings else ''})"]
    origin = " · ".join(x for x in (match.source, match.published_at, match.url) if x)
    lines.append(f"  article: {match.title.strip() or '(untitled)'}" + (f"  [{origin}]" if origin else ""))
    for evidence in match.evidence:
        lines.append(f"  {evidence.field}:{evidence.start}-{evidence.end} «{evidence.text}» ({evidence.term}): {evidence.snippet}")
    return "\n".join(lines)


def format_alert(alert: Alert) -> str:
    """An alert as a person reads it: what, how sure (sources), and the evidence with links."""
    mark = _SEVERITY_MARK.get(alert.severity, "•")
    lines = [
        f"{mark} ALERT {alert.kind.value} · rev {alert.revision} · [{alert.severity}] {alert.title}",
        f"  {summary(alert)}",
        f"  sources: {', '.join(alert.sources) or 'unknown'}",
    ]
    for article in alert.articles:
        lines.append(f"  - {article.title.strip() or '(untitled)'}  [{', '.join(article.sources)}]"
                     + (f"  {article.url}" if article.url else ""))
        lines.extend(f"      «{e.text}»: {e.snippet}" for e in article.evidence)
    return "\n".join(lines)
