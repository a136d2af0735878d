"""What ``POST /articles`` accepts, and how (the page itself is registered in :mod:`streams.web`).

It takes one article object or a list of them as JSON and
answers ``202 {"ids": [...]}`` once the broker acknowledged every one of them (503 while the broker
is unreachable: nothing is accepted that could be lost). When
``NEWSALERT_INGEST_TOKEN`` is set it requires ``Authorization: Bearer <token>``.
A body over ``max_article_bytes`` × 16 is refused with 413 before it is read in full.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from streams.articles.model import Article
from streams.articles.readers import parse_json_value
from streams.articles.wire import encode_article
from streams.errors import ArticleError, BodyTooLarge, TooManyArticles
from streams.kafka import broker_reachable
from streams.secret import Secret

# The body may hold this many articles of the largest size; most requests are far smaller.
MAX_ARTICLES_PER_REQUEST = 16
# Articles per request, however short: each is one record the answer waits for.
MAX_ARTICLES = 1000
# A client that sends its body slower than this is holding a connection, not sending an article.
BODY_TIMEOUT_SECONDS = 30.0
BROKER_CHECK_SECONDS = 2.0
RETRY_AFTER_SECONDS = 5


def authorised(header: str | None, token: Secret | None) -> bool:
    """Whether an ``Authorization`` header carries ``token`` (always true when no token is configured)."""
    if token is None:
        return True
    scheme, _, given = (header or "").partition(" ")
    # compare_digest: the time taken must not tell an attacker how much of the token was right.
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.reveal().encode())


def parse_ingest_body(body: bytes, *, max_article_bytes: int) -> list[Article]:
    """The articles in a request body, every one checked before any is sent.

    ``ArticleError`` says what is wrong, for the 400 answer; :class:`TooManyArticles` (413) when the
    body holds more than :data:`MAX_ARTICLES` or an article is over ``max_article_bytes`` once encoded.
    """
    try:
        value = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ArticleError("the body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"the body is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise ArticleError("the body is JSON nested deeper than the parser allows") from None
    if isinstance(value, list) and not value:
        raise ArticleError("the list of articles is empty")
    if isinstance(value, list) and len(value) > MAX_ARTICLES:
        raise TooManyArticles(f"{len(value):,} articles in one request; send at most {MAX_ARTICLES:,} at a time")
    now = datetime.now(UTC)
    articles = [
        article if article.received_at else replace(article, received_at=now)
        for article in parse_json_value(value, origin="body")
    ]
    for index, article in enumerate(articles):
        size = len(encode_article(article))
        if size > max_article_bytes:
            raise TooManyArticles(
                f"body[{index}]: the article is {size:,} bytes encoded, over the limit of "
                f"{max_article_bytes:,}; shorten it"
            )
    return articles


async def read_limited(request: Any, limit: int) -> bytes:
    """The body of an aiohttp request, raising :class:`BodyTooLarge` as soon as it passes ``limit`` bytes."""
    if request.content_length is not None and request.content_length > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.content.iter_any():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


class BrokerWatch:
    """Whether the broker was reachable at the last look; the worker's readiness and the ingest answer follow it."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.up = True

    async def check(self) -> None:
        """Look again (a connection to the bootstrap address)."""
        self.up = await broker_reachable(self.bootstrap)
