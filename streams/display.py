"""How newsalert shows matches to a person on a terminal (one place, so every command looks alike)."""

from __future__ import annotations

from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.destinations.common import summary
from streams.ruleset.matches import Match

_SEVERITY_MARK = {"critical": "‼", "high": "!", "medium": "•", "low": "·", "info": "·"}


def format_match(match: Match) -> str:
    """A few readable lines: rule, severity, rendered title, bindings, the article, and each piece of evidence."""
    mark = _SEVERITY_MARK.get(match.severity, "•")
    bindings = ", ".join(f"{k}={v}" for k, v in match.bindings.items())
    lines = [f"{mark} [{match.severity}] {match.rule_title or match.rule}  ({match.rule}{'; ' + bindings if bindings else ''})"]
    if match.claim is not None:
        claim = match.claim
        said = (f"{claim.denied_by or 'someone'} denies a change" if claim.denial
                else f"{claim.loser or '?'} → {claim.winner or '?'}")
        lines.append(f"  claim: {claim.place}: {said}")
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


def format_control_map(places: list[dict[str, Any]]) -> str:
    """The control map as a table: place, holder (and the one before), status, since, sources."""
    rows = [("PLACE", "CONTROLLED BY", "STATUS", "SINCE", "CONF", "SOURCES")]
    for entry in places:
        holder = entry["controller_name"]
        if entry["previous"] is not None and entry["status"] != "known":
            holder = f"{entry['previous_name']} → {holder}"
        sources = ", ".join(entry["sources"]) or "-"
        if entry["denied_by"]:
            sources += f" (denied by {', '.join(entry['denied_by'])})"
        rows.append((entry["place_name"], holder, entry["status"], entry["since"][:16].replace("T", " "),
                     f"{entry['confidence']:.2f}", sources))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1]
                     for row in rows)
