"""How newsalert shows matches to a person on a terminal (one place, so every command looks alike).

Article text is hostile input: an escape sequence in a title could recolour, hide or rewrite what the
terminal shows, and a bidi override could make a line read differently from what it holds. Every line
these functions return has been through :func:`terminal_safe`, and :func:`json_text` does the same for
JSON printed where a person may read it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # kept out of the import so that logging (which uses terminal_safe) stays cheap to set up
    from streams.alerting.alert import Alert
    from streams.ruleset.explain import ConditionExplanation, Explanation
    from streams.ruleset.matches import Evidence, Match

_SEVERITY_MARK = {"critical": "‼", "high": "!", "medium": "•", "low": "·", "info": "·"}

# C0 and C1 controls and DEL, shown as Python-style escapes; bidi embeddings, overrides and isolates
# (U+202A–U+202E, U+2066–U+2069), which reorder what follows them, as \u escapes. Arabic letters and the
# plain direction marks (U+200E, U+200F) are left alone: they change no other text.
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_VISIBLE = str.maketrans(
    {**{chr(c): f"\\x{c:02x}" for c in _CONTROLS}, **{chr(c): f"\\u{c:04x}" for c in _BIDI}, **_NAMED}
)
_JSON_VISIBLE = str.maketrans({chr(c): f"\\u{c:04x}" for c in (*_CONTROLS, *_BIDI) if c >= 0x20})


def terminal_safe(text: str) -> str:
    """``text`` with every control character and bidi control shown as a visible escape (``\\x1b``, ``\\u202e``)."""
    return text.translate(_VISIBLE)


def json_text(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON (one line unless ``indent``), non-ASCII text kept, controls and bidi controls as ``\\uXXXX``.

    ``json.dumps`` escapes only U+0000–U+001F; the rest of :func:`terminal_safe`'s set is escaped here,
    which leaves the decoded value unchanged.
    """
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_JSON_VISIBLE)


def _safe_lines(lines: list[str]) -> str:
    return "\n".join(terminal_safe(line) for line in lines)


def format_match(match: Match) -> str:
    """A few readable lines: rule, severity, rendered title, bindings, the article, and each piece of evidence."""
    mark = _SEVERITY_MARK.get(match.severity, "•")
    bindings = ", ".join(f"{k}={v}" for k, v in match.bindings.items())
    lines = [
        f"{mark} [{match.severity}] {match.rule_title or match.rule}  ({match.rule}{'; ' + bindings if bindings else ''})"
    ]
    if match.claim is not None:
        claim = match.claim
        said = (
            f"{claim.denied_by or 'someone'} denies a change"
            if claim.denial
            else f"{claim.loser or '?'} → {claim.winner or '?'}"
        )
        lines.append(f"  claim: {claim.place}: {said}")
    origin = " · ".join(x for x in (match.source, match.published_at, match.url) if x)
    lines.append(f"  article: {match.title.strip() or '(untitled)'}" + (f"  [{origin}]" if origin else ""))
    for evidence in match.evidence:
        lines.append(
            f"  {evidence.field}:{evidence.start}-{evidence.end} «{evidence.text}» ({evidence.term}): {evidence.snippet}"
        )
    return _safe_lines(lines)


# After quoted article text: a left-to-right mark, so that an Arabic quote does not carry the
# punctuation and numbers after it into its own right-to-left run.
_LRM = "\u200e"


def _quoted(evidence: Evidence) -> str:
    return f"{evidence.field}:{evidence.start}-{evidence.end} «{evidence.text}»{_LRM}"


def format_explanation(explanation: Explanation) -> str:
    """Why a rule did or did not match an article: the decision, then every condition as a tree.

    ✓ a condition that held, ✗ one that failed (a ``none`` that fired), · one read only to explain
    (an earlier condition of its ``all`` had failed); under each, what it found and why it did not count.
    """
    title = explanation.title.strip() or "(untitled)"
    lines = [f"rule {explanation.rule} on «{title}»{_LRM} ({explanation.article_id})", f"  {explanation.decision}"]
    failing = explanation.failing()
    if len(failing) > 1:
        lines.append("  fails at: " + " › ".join(c.label for c in failing))
    for match in explanation.matches:
        lines.extend(f"    evidence: {_quoted(e)} ({e.term})" for e in match.evidence)
    _condition_lines(explanation.condition, "  ", lines)
    return _safe_lines(lines)


def _condition_lines(condition: ConditionExplanation, indent: str, lines: list[str]) -> None:
    mark = "·" if not condition.needed else "✗" if condition.failed else "✓"
    where = f"  [{condition.location}]" if condition.location else ""
    state = ""
    # The conditions below a failed all or any say why themselves; a reason they do not show is printed.
    explained_below = (
        condition.kind == "any" and condition.children and all(c.failed for c in condition.children)
    ) or (condition.kind == "all" and any(c.needed and c.failed for c in condition.children))
    if condition.kind == "none":
        state = f": {condition.why}" if condition.held else ": found nothing"
    elif explained_below:
        pass
    elif condition.why:
        state = f": {condition.why}"
    elif condition.bindings:
        state = ": " + "; ".join(", ".join(f"{k}={v}" for k, v in b.items()) for b in condition.bindings)
    lines.append(f"{indent}{mark} {condition.label}{state}{where}")
    below = indent + "    "
    for place in condition.places:
        chosen = f" → {place.entity}" if place.entity else ""
        others = f" (namesakes: {', '.join(place.candidates)})" if len(place.candidates) > 1 else ""
        lines.append(f"{below}place {_quoted(place.evidence)} {place.status}{chosen}: {place.reason}{others}")
    for finding in condition.findings:
        found = f"{'+' if finding.counted else '-'} {_quoted(finding.evidence)} ({finding.evidence.term})"
        if not finding.counted:
            found += f": {finding.why}"
        elif finding.entity:
            found += f" {finding.entity}"
        lines.append(f"{below}{found}  {finding.evidence.snippet}")
    for qualifier in condition.unless:
        lines.append(f"{below}unless (within {condition.modifiers.get('unless_window')} words before):")
        _condition_lines(qualifier, below + "  ", lines)
    for child in condition.children:
        _condition_lines(child, below, lines)


def format_alert(alert: Alert) -> str:
    """An alert as a person reads it: what, how sure (sources), and the evidence with links."""
    from streams.alerting.destinations.common import summary

    mark = _SEVERITY_MARK.get(alert.severity, "•")
    lines = [
        f"{mark} ALERT {alert.kind.value} · rev {alert.revision} · [{alert.severity}] {alert.title}",
        f"  {summary(alert)}",
        f"  sources: {', '.join(alert.sources) or 'unknown'}",
    ]
    for article in alert.articles:
        lines.append(
            f"  - {article.title.strip() or '(untitled)'}  [{', '.join(article.sources)}]"
            + (f"  {article.url}" if article.url else "")
        )
        lines.extend(f"      «{e.text}»: {e.snippet}" for e in article.evidence)
    return _safe_lines(lines)


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
        cells = (
            entry["place_name"],
            holder,
            entry["status"],
            entry["since"][:16].replace("T", " "),
            f"{entry['confidence']:.2f}",
            sources,
        )
        rows.append(tuple(terminal_safe(cell) for cell in cells))  # type: ignore[arg-type]  # six cells: escapes widen them before measuring
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows
    )


def _when(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "-"


def format_stories(stories: list[dict[str, Any]]) -> str:
    """Stories as the board shows them (:func:`streams.board.view.story_view`): one block each, newest first."""
    if not stories:
        return "no open or recent story"
    lines = []
    for story in stories:
        mark = _SEVERITY_MARK.get(story["severity"], "•")
        place = story["place"]["name"] if story["place"] else "-"
        lines.append(f"{mark} [{story['severity']}] {story['title']}  ({story['id']})")
        lines.append(
            f"  {story['state']} · rule {story['rule']} · place {place} · revision {story['revision']} · "
            f"first seen {_when(story['first_seen'])} · last seen {_when(story['last_seen'])} UTC"
        )
        lines.append(f"  {story['source_count']} sources: {', '.join(story['sources']) or '-'}")
        if story["volume"]:
            volume = story["volume"]
            lines.append(f"  {volume['kind']}: {volume['count']} articles in {volume['within_seconds']:.0f} s")
        if story["acknowledged"]:
            by = f" by {story['acknowledged_by']}" if story["acknowledged_by"] else ""
            news = " (revised since)" if story["news_since_ack"] else ""
            lines.append(f"  acknowledged{by} at {_when(story['acknowledged_at'])} UTC{news}")
        if story["silenced_until"]:
            lines.append(f"  silenced until {_when(story['silenced_until'])} UTC")
        for piece in story["evidence"]:
            title = "".join(s["text"] for s in piece["title"]).strip() or "(untitled)"
            words = ", ".join(f"«{w}»" for w in piece["words"])
            lines.append(
                f"  - {title}  [{piece['source']}{', ' + piece['lang'] if piece['lang'] else ''}] {words}"
                + (f"  {piece['url']}" if piece["url"] else "")
            )
        lines.append("")
    return _safe_lines(lines).rstrip("\n")
