"""Every page of the worker's web server, in one place.

``POST /articles`` (ingest), ``/health`` (liveness), ``/ready`` (readiness), ``GET /state`` (the control
map) and, under ``newsalert run``, ``POST /sink`` (the local webhook receiver). Each page is thin: what it
accepts and answers is decided by the module named beside it; ``/metrics`` is Faust's sensor's. Faust's
own pages (tables, router, graph, stats) are turned off in :func:`streams.app.faust_app`.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import faust
from faust.web import Request, Response, View

from streams.app import Pipeline
from streams.errors import ArticleError, BodyTooLarge, BrokerUnavailable, TooManyArticles
from streams.metrics import INGEST_REQUESTS
from streams.producers.http import (
    BODY_TIMEOUT_SECONDS,
    BROKER_CHECK_SECONDS,
    MAX_ARTICLES_PER_REQUEST,
    RETRY_AFTER_SECONDS,
    BrokerWatch,
    authorised,
    parse_ingest_body,
    read_limited,
)
from streams.secret import Secret
from streams.sink import Sink
from streams.state import read_state


def install(pipeline: Pipeline, *, sink: Secret | None = None) -> None:
    """Register every page on ``pipeline.app``'s web server; ``sink``: also ``POST /sink``, verifying with it."""
    app: faust.App = pipeline.app
    settings = pipeline.settings
    limit = settings.max_article_bytes * MAX_ARTICLES_PER_REQUEST
    assert settings.kafka_bootstrap
    broker = BrokerWatch(settings.kafka_bootstrap)
    app.timer(BROKER_CHECK_SECONDS)(broker.check)

    @app.page("/articles")
    class Ingest(View):
        """``POST /articles`` (:mod:`streams.producers.http`)."""

        async def post(self, request: Request, **kwargs: Any) -> Response:
            status, answer = await self._ingest(request)
            INGEST_REQUESTS.labels(str(status)).inc()
            headers = (
                {"WWW-Authenticate": 'Bearer realm="newsalert"'}
                if status == 401
                else {"Retry-After": str(RETRY_AFTER_SECONDS)}
                if status == 503
                else None
            )
            return self.json(answer, status=status, headers=headers)

        async def _ingest(self, request: Any) -> tuple[int, dict[str, Any]]:
            if not authorised(request.headers.get("Authorization"), settings.ingest_token):
                return 401, {"error": "missing or wrong bearer token (Authorization: Bearer …)"}
            try:
                async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
                    body = await read_limited(request, limit)
            except BodyTooLarge:
                return 413, {"error": f"the body is over {limit:,} bytes; send fewer or shorter articles"}
            except TimeoutError:
                return 408, {"error": f"the body did not arrive within {BODY_TIMEOUT_SECONDS:.0f} s; send it again"}
            try:
                articles = parse_ingest_body(body, max_article_bytes=settings.max_article_bytes)
            except TooManyArticles as error:
                return 413, {"error": str(error)}
            except ArticleError as error:
                return 400, {"error": str(error)}
            if not broker.up:
                return 503, {"error": "the broker is unreachable; nothing was accepted, send again later"}
            try:
                # Answered only once the broker has every article: a 202 is a promise that none is lost.
                await asyncio.gather(*(pipeline.publish_article(article) for article in articles))
            except BrokerUnavailable as error:
                broker.up = False
                return 503, {"error": f"{error}; send again later (articles keep their ids, so a repeat is recognised)"}
            return 202, {"ids": [article.id for article in articles]}

    @app.page("/health")
    class Health(View):
        """Liveness: the web server answers."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            return self.json({"status": "ok"})

    @app.page("/ready")
    class Ready(View):
        """Readiness: the broker is reachable, partitions are assigned and no rebalance is under way."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            assigned = bool(app.consumer.assignment()) if app.consumer else False
            ready = broker.up and assigned and not app.rebalancing
            return self.json(
                {"ready": ready, "broker": broker.up, "assigned": assigned, "rebalancing": bool(app.rebalancing)},
                status=200 if ready else 503,
            )

    @app.page("/state")
    class State(View):
        """Who controls each place, as JSON: ``{"places": [...]}`` (:mod:`streams.state`)."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            places = await read_state(settings, pipeline.rules.ruleset)
            return self.json({"places": places})

    if sink is not None:
        receiver = Sink(sink)

        @app.page("/sink")
        class SinkPage(View):
            """``POST /sink``: the local webhook receiver of ``newsalert run`` (:mod:`streams.sink`)."""

            async def post(self, request: Request, **kwargs: Any) -> Response:
                body = await request.read()
                if not receiver.receive(request.headers, body, time.time()):
                    return self.json({"error": "bad signature"}, status=401)
                return self.json({"ok": True})
