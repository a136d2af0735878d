"""The match agent: ``articles`` → (dead letter | duplicate | matches) → ``matches``.

Thin on purpose: decoding, matching and formatting are pure functions elsewhere;
this reads one message, calls them, and writes what they return.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from streams.alerting.similarity import with_fingerprints
from streams.app import Pipeline
from streams.articles.model import Article
from streams.articles.wire import article_key, decode_article
from streams.deadletter import DeadLetter
from streams.errors import InvalidMessage
from streams.metrics import ARTICLES, MATCH_SECONDS, MATCHES, PIPELINE_LATENCY_SECONDS, bounded
from streams.records import to_json
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match

log = logging.getLogger(__name__)
STAGE = "match"


def match_key(match: Match) -> bytes:
    """The ``matches`` key: every match of one story (see ``Match.story_key``) lands on one partition."""
    return match.story_key.encode()


def install(pipeline: Pipeline) -> None:
    """Register the match agent on ``pipeline.app``."""

    @pipeline.app.agent(pipeline.articles, name="match")
    async def match(stream: Any) -> None:
        # Acknowledged by hand, after the article was processed or dead-lettered: only then may its
        # offset be committed. A dead letter that cannot be written yet is retried, never skipped.
        async for event in stream.noack().events():
            await process(pipeline, event.key, event.value, event.message.timestamp)
            event.ack()


async def process(pipeline: Pipeline, key: bytes | None, value: bytes | None, timestamp: float) -> None:
    """Handle one message of ``articles``; never raises for bad input, which is dead-lettered instead."""
    key_text = key.decode("utf-8", "replace") if key else None
    try:
        article = decode_article(value, max_bytes=pipeline.settings.max_article_bytes)
    except InvalidMessage as error:
        await pipeline.dead_letters.add(
            DeadLetter.of(STAGE, error.reason, value or b"", detail=error.detail, key=key_text)
        )
        ARTICLES.labels("unknown", "invalid").inc()
        return
    source = bounded("source", article.source)
    try:
        await _match(pipeline, article, key_text, value or b"", timestamp)
    except Exception as error:  # a bug must cost one article, kept with its reason, not the worker
        log.exception("matching article %s failed", article.id)
        await pipeline.dead_letters.add(
            DeadLetter.of(STAGE, "match_failed", value or b"", detail=repr(error)[:500], key=key_text)
        )
        ARTICLES.labels(source, "failed").inc()


async def _match(pipeline: Pipeline, article: Article, key_text: str | None, value: bytes, timestamp: float) -> None:
    source = bounded("source", article.source)
    started = time.perf_counter()
    found = match_article(pipeline.rules, article)
    MATCH_SECONDS.observe(time.perf_counter() - started)
    if not found:
        # Only an article that matches needs de-duplicating: matching an unmatched duplicate again
        # changes nothing, and most articles match nothing, so most never touch the table.
        ARTICLES.labels(source, "unmatched").inc()
        PIPELINE_LATENCY_SECONDS.observe(max(0.0, time.time() - timestamp))
        return
    if key_text != article.id:
        # The seen-articles table is sharded by the message key; a message keyed otherwise (by a
        # producer of someone else's) is re-sent once under its id so de-duplication stays exact.
        await pipeline.articles.send(key=article_key(article), value=value)
        ARTICLES.labels(source, "rekeyed").inc()
        return
    seen = pipeline.seen[article.id]
    if seen.current() or seen.delta(pipeline.settings.dedup_window):
        ARTICLES.labels(source, "duplicate").inc()
        return
    # The alert stage recognises wire copies by this fingerprint; only this stage still has the body.
    for found_match in with_fingerprints(found, article):
        await pipeline.matches.send(key=match_key(found_match), value=to_json(found_match))
        MATCHES.labels(bounded("rule", found_match.rule)).inc()
    # Marked seen only once its matches are written: a crash in between re-reads the article and
    # re-sends its matches, which the alert stage recognises; the other order would lose them.
    pipeline.seen[article.id] = 1
    ARTICLES.labels(source, "matched").inc()
    PIPELINE_LATENCY_SECONDS.observe(max(0.0, time.time() - timestamp))
