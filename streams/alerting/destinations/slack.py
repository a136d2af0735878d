"""Slack incoming webhook: a Block Kit message with severity, title, bindings, evidence and source links.

Article text is written by strangers, so every piece of it goes through
:func:`escape` before it reaches mrkdwn: ``&<>`` become entities (which makes
``<!here>``, ``<@U…>`` and ``<url|text>`` plain text), ``@channel``-style
words get a word joiner after the ``@``, and the mrkdwn markers ``*_~```` are
replaced by look-alike characters, since mrkdwn has no escape for them. Only
the bold around matched words and the links are ours.

Slack's limits (header 150 characters, section 3000, 50 blocks) are kept by
construction: a message over any of them is refused with a 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from streams.alerting.alert import Alert, AlertArticle
from streams.alerting.destinations.common import (
    OutgoingRequest,
    json_request,
    render,
    summary,
    top_link,
    truncate,
)
from streams.alerting.destinations.config import Destination, DestinationKind
from streams.ruleset.matches import Evidence

HEADER_LIMIT = 150
SECTION_LIMIT = 3000
BLOCK_LIMIT = 50
FIELD_LIMIT = 10
_TITLE_LIMIT = 300
# How far a snippet reaches on each side of its evidence (streams.text.normalise.snippet's width / 2).
_SNIPPET_REACH = 40
_SEVERITY_EMOJI = {
    "info": ":information_source:",
    "low": ":large_blue_circle:",
    "medium": ":large_yellow_circle:",
    "high": ":large_orange_circle:",
    "critical": ":red_circle:",
}
_WORD_JOINER = "\u2060"
_BROADCAST = re.compile(r"@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
_MARKERS = str.maketrans({"*": "∗", "_": "ˍ", "~": "∼", "`": "ˋ"})


def build_request(alert: Alert, destination: Destination) -> OutgoingRequest:
    """The POST of ``alert`` to a Slack incoming webhook."""
    emoji = _SEVERITY_EMOJI.get(alert.severity, ":grey_question:")
    header = render(destination.templates.title, alert, f"{emoji} {alert.title}")
    url = top_link(alert)
    text = render(
        destination.templates.text,
        alert,
        escape(summary(alert)),
        escape=escape,
        formatted={"link": link(url, url or "")},
    )
    fields = [_field("Severity", alert.severity.upper())]
    fields += [_field(name.replace("_", " ").capitalize(), value) for name, value in alert.bindings.items()]
    fields += [
        _field("Articles", f"{alert.article_count} ({alert.evidence_count} pieces of evidence)"),
        _field("Sources", f"{len(alert.sources)} ({alert.corroboration} independent)"),
    ]
    blocks: list[dict[str, object]] = [
        {"type": "header", "text": {"type": "plain_text", "text": truncate(header, HEADER_LIMIT), "emoji": True}},
        {"type": "section", "text": _mrkdwn(text), "fields": fields[:FIELD_LIMIT]},
    ]
    blocks += [{"type": "section", "text": _mrkdwn(_article(a))} for a in alert.articles]
    context = (
        f"rule {escape(alert.rule)} · alert {alert.id} revision {alert.revision} · "
        f"first seen {alert.first_seen:%Y-%m-%d %H:%M} UTC · last seen {alert.last_seen:%Y-%m-%d %H:%M} UTC"
    )
    blocks.append({"type": "context", "elements": [_mrkdwn(context)]})
    fallback = escape(f"[{alert.severity.upper()}] {alert.title}: {summary(alert)}")
    return json_request(destination, alert, {"text": fallback, "blocks": blocks[:BLOCK_LIMIT]})


def escape(text: str) -> str:
    """``text`` made inert in Slack mrkdwn: no entities, mentions, links or formatting of its own."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@" + _WORD_JOINER, text).translate(_MARKERS)


def emphasise(snippet: str, words: Iterable[str]) -> str:
    """``snippet`` as escaped mrkdwn with each occurrence of ``words`` in bold.

    Bold is widened to whole whitespace-separated chunks: mrkdwn only honours
    ``*`` at word edges, and a matched Arabic word often carries a prefix (وبحمص).
    """
    spans: list[tuple[int, int]] = []
    for word in words:
        word = " ".join(word.split())
        start = snippet.find(word) if word else -1
        while start != -1:
            end = start + len(word)
            left = snippet.rfind(" ", 0, start) + 1
            right = snippet.find(" ", end)
            spans.append((left, len(snippet) if right == -1 else right))
            start = snippet.find(word, end)
    pieces, position = [], 0
    for start, end in _merged(spans):
        pieces += [escape(snippet[position:start]), "*", escape(snippet[start:end]), "*"]
        position = end
    pieces.append(escape(snippet[position:]))
    return "".join(pieces)


def link(url: str | None, text: str) -> str:
    """A mrkdwn link to ``url`` labelled with escaped ``text``; just the text when the URL is not http(s)."""
    label = escape(text)
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return label
    # Characters that would end or split Slack's <url|label> syntax are percent-encoded.
    target = quote(url, safe=":/?#[]@!$'()*+,;=%-._~&").replace("&", "&amp;")
    return f"<{target}|{label}>"


def _article(article: AlertArticle) -> str:
    others = [s for s in article.sources if s != article.source]
    line = f"*{link(article.url, truncate(article.title, _TITLE_LIMIT))}* — {escape(article.source)}"
    if others:
        line += f" (also {escape(', '.join(others))})"
    lines = [line]
    words = [e.text for e in article.evidence]
    # The title is already the link, so its snippets would only repeat it.
    candidates = [e for e in article.evidence if e.field != "title"] or article.evidence
    shown: list[Evidence] = []
    for evidence in candidates:
        # Evidence inside the reach of a snippet already shown is already in it, emphasised.
        if any(s.field == evidence.field and abs(s.start - evidence.start) < _SNIPPET_REACH for s in shown):
            continue
        shown.append(evidence)
        quoted = f">{emphasise(evidence.snippet, words)}"
        if len("\n".join([*lines, quoted])) > SECTION_LIMIT:
            break
        lines.append(quoted)
    return "\n".join(lines)


def _field(name: str, value: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": f"*{escape(name)}*\n{escape(value)}"}


def _mrkdwn(text: str) -> dict[str, str]:
    if len(text) > SECTION_LIMIT:
        text = text[: SECTION_LIMIT - 1]
        # Never leave half an entity (&am) or an unclosed <link behind the cut.
        amp, lt = text.rfind("&"), text.rfind("<")
        if amp > text.rfind(";"):
            text = text[:amp]
        if lt > text.rfind(">"):
            text = text[:lt]
        text += "…"
    return {"type": "mrkdwn", "text": text}


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


KIND = DestinationKind(
    name="slack", options=(), read_options=lambda options, where, resolve: {}, build_request=build_request
)
