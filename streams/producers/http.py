"""What ``POST /articles`` accepts, and how (the page itself is registered in :mod:`streams.web`).

It takes one article object or a list of them as JSON and
answers ``202 {"ids": [...]}`` once the broker acknowledged every one of them (503 while the broker
is unreachable: nothing is accepted that could be lost). When a token is configured
(``NEWSALERT_INGEST_TOKEN``, ``ingest_tokens``) it requires ``Authorization: Bearer <token>`` with one of
them. A named producer's token gives its articles their source: an article that names no source gets the
token's name, and one that names another is refused (403), so a producer cannot pass for another outlet;
an unnamed token keeps the source the body gives.
A body over ``max_article_bytes`` × 16 is refused with 413 before it is read in full.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from streams.articles.model import Article
from streams.articles.readers import parse_json_value
from streams.articles.wire import encode_article
from streams.config import IngestToken
from streams.errors import ArticleError, BodyTooLarge, SourceRefused, TooManyArticles
from streams.kafka import broker_reachable

# The body may hold this many articles of the largest size; most requests are far smaller.
MAX_ARTICLES_PER_REQUEST = 16
# Articles per request, however short: each is one record the answer waits for.
MAX_ARTICLES = 1000
# A client that sends its body slower than this is holding a connection, not sending an article.
BODY_TIMEOUT_SECONDS = 30.0
BROKER_CHECK_SECONDS = 2.0
RETRY_AFTER_SECONDS = 5


def token_of(header: str | None, tokens: Sequence[IngestToken]) -> IngestToken | None:
    """The configured token an ``Authorization: Bearer …`` header carries, or None."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    offered = given.strip().encode("utf-8", "surrogateescape")
    # compare_digest, and every token compared: the time taken must not tell how much of a token was right.
    found = [token for token in tokens if hmac.compare_digest(offered, token.token.reveal().encode())]
    return found[0] if found else None


def authorised(header: str | None, tokens: Sequence[IngestToken]) -> bool:
    """Whether an ``Authorization`` header carries one of ``tokens`` (always true when none is configured)."""
    return not tokens or token_of(header, tokens) is not None


def parse_ingest_body(body: bytes, *, max_article_bytes: int, source: str | None = None) -> list[Article]:
    """The articles in a request body, every one checked before any is sent.

    ``source``: the name of the producer's token, which every article gets (:class:`SourceRefused`, 403,
    when one names another). ``ArticleError`` says what is wrong, for the 400 answer; :class:`TooManyArticles`
    (413) when the body holds more than :data:`MAX_ARTICLES` or an article is over ``max_article_bytes``.
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
    if source is not None:
        articles = [_from(source, article, index) for index, article in enumerate(articles)]
    for index, article in enumerate(articles):
        size = len(encode_article(article))
        if size > max_article_bytes:
            raise TooManyArticles(
                f"body[{index}]: the article is {size:,} bytes encoded, over the limit of "
                f"{max_article_bytes:,}; shorten it"
            )
    return articles


def _from(source: str, article: Article, index: int) -> Article:
    """``article`` with the producer's ``source``; the same name in another case or spacing is the same source."""
    given = (article.source or "").strip()
    if given and given.casefold() != source.casefold():
        raise SourceRefused(
            f"body[{index}]: 'source' is {given[:80]!r}, but this token sends as {source!r}; "
            "leave 'source' out, or send with that outlet's own token"
        )
    return replace(article, source=source)


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
