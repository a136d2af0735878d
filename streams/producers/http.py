"""HTTP ingest on the worker's web server: ``POST /articles``, plus ``/health`` and ``/ready``.

``POST /articles`` takes one article object or a list of them as JSON and
answers ``202 {"ids": [...]}`` once they are on the ``articles`` topic. When
``NEWSALERT_INGEST_TOKEN`` is set it requires ``Authorization: Bearer <token>``.
A body over ``max_article_bytes`` × 16 is refused with 413 before it is read in full.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import faust
from faust.web import Request, Response, View

from streams.alerting.destinations.config import Secret
from streams.app import Pipeline
from streams.articles.model import Article
from streams.articles.readers import parse_json_value
from streams.articles.wire import encode_article
from streams.errors import ArticleError
from streams.metrics import INGEST_REQUESTS

MAX_ARTICLES_PER_REQUEST = 16


class BodyTooLarge(Exception):
    """The request body is over the limit."""


def authorised(header: str | None, token: Secret | None) -> bool:
    """Whether an ``Authorization`` header carries ``token`` (always true when no token is configured)."""
    if token is None:
        return True
    scheme, _, given = (header or "").partition(" ")
    # compare_digest: the time taken must not tell an attacker how much of the token was right.
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.reveal().encode())


def parse_ingest_body(body: bytes) -> list[Article]:
    """The articles in a request body; ``ArticleError`` says what is wrong, for the 400 answer."""
    try:
        value = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ArticleError("the body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise ArticleError(f"the body is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") \
            from None
    except RecursionError:
        raise ArticleError("the body is JSON nested deeper than the parser allows") from None
    if isinstance(value, list) and not value:
        raise ArticleError("the list of articles is empty")
    now = datetime.now(UTC)
    return [
        article if article.received_at else replace(article, received_at=now)
        for article in parse_json_value(value, origin="body")
    ]


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


def install(pipeline: Pipeline) -> None:
    """Register the ingest, health and readiness pages on ``pipeline.app``'s web server."""
    app: faust.App = pipeline.app
    settings = pipeline.settings
    limit = settings.max_article_bytes * MAX_ARTICLES_PER_REQUEST

    @app.page("/articles")
    class Ingest(View):
        """``POST /articles``."""

        async def post(self, request: Request, **kwargs: Any) -> Response:
            status, answer = await self._ingest(request)
            INGEST_REQUESTS.labels(str(status)).inc()
            headers = {"WWW-Authenticate": 'Bearer realm="newsalert"'} if status == 401 else None
            return self.json(answer, status=status, headers=headers)

        async def _ingest(self, request: Any) -> tuple[int, dict[str, Any]]:
            if not authorised(request.headers.get("Authorization"), settings.ingest_token):
                return 401, {"error": "missing or wrong bearer token (Authorization: Bearer …)"}
            try:
                body = await read_limited(request, limit)
            except BodyTooLarge:
                return 413, {"error": f"the body is over {limit:,} bytes; send fewer or shorter articles"}
            try:
                articles = parse_ingest_body(body)
            except ArticleError as error:
                return 400, {"error": str(error)}
            for article in articles:
                await pipeline.articles.send(key=article.id.encode(), value=encode_article(article))
            return 202, {"ids": [article.id for article in articles]}

    @app.page("/health")
    class Health(View):
        """Liveness: the web server answers."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            return self.json({"status": "ok"})

    @app.page("/ready")
    class Ready(View):
        """Readiness: partitions are assigned and no rebalance is under way."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            assigned = bool(app.consumer.assignment()) if app.consumer else False
            ready = assigned and not app.rebalancing
            return self.json({"ready": ready}, status=200 if ready else 503)
