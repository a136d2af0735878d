"""Every page of the worker's web server, in one place.

``POST /articles`` (ingest), ``/health`` (liveness), ``/ready`` (readiness), ``GET /state`` (the control
map), the situation board (``GET /`` and its assets under ``/board/``, ``GET /stories``,
``POST /stories/ID/ack|silence``) and, under ``newsalert run``, ``POST /sink`` (the local webhook receiver). Each page is thin: what it
accepts and answers is decided by the module named beside it; ``/metrics`` is Faust's sensor's. Faust's
own pages (tables, router, graph, stats) are turned off in :func:`streams.app.faust_app`.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import faust
from aiokafka.errors import KafkaError
from faust.web import Request, Response, View

from streams.app import Pipeline, acknowledged
from streams.board.actions import MAX_ACTION_BYTES, action_key, parse_action_body, parse_kind, story_action
from streams.board.assets import asset
from streams.board.view import facets, parse_filters, select, story_view
from streams.config import Settings
from streams.errors import (
    ArticleError,
    BadQuery,
    BodyTooLarge,
    BrokerUnavailable,
    SourceRefused,
    StateUnavailable,
    StoryNotFound,
    TooManyArticles,
)
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
    token_of,
)
from streams.records import to_json
from streams.ruleset.model import RuleSet
from streams.secret import Secret
from streams.sink import Sink
from streams.state import Changelog, read_changelog

# How long one read of the stories table's changelog serves every page that asks (the board polls).
CHANGELOG_SECONDS = 1.0


class ChangelogCache:
    """The ``stories`` table's changelog, read at most once per :data:`CHANGELOG_SECONDS` whoever asks."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._read_at = -CHANGELOG_SECONDS
        self._changelog: Changelog | None = None
        self._lock = asyncio.Lock()
        self._views: tuple[Changelog, RuleSet, list[dict[str, Any]]] | None = None

    async def get(self) -> Changelog:
        """The changelog, read again when the last read is older than :data:`CHANGELOG_SECONDS`."""
        async with self._lock:
            if self._changelog is None or time.monotonic() - self._read_at >= CHANGELOG_SECONDS:
                try:
                    self._changelog = await read_changelog(self._settings)
                except (KafkaError, TimeoutError) as error:
                    raise StateUnavailable(
                        f"cannot read the stories from the broker ({type(error).__name__}: {error}); "
                        "the page asks again by itself"
                    ) from None
                self._read_at = time.monotonic()
            return self._changelog

    async def views(self, ruleset: RuleSet) -> list[dict[str, Any]]:
        """Every story as the board shows it (:func:`streams.board.view.story_view`), built once per read."""
        changelog = await self.get()
        if self._views is None or self._views[0] is not changelog or self._views[1] is not ruleset:
            self._views = (changelog, ruleset, [story_view(stored, ruleset) for stored in changelog.stories()])
        return self._views[2]

    def forget(self) -> None:
        """Read again next time (an action was just sent)."""
        self._changelog = None


# The board's files change only with the package, so the browser re-checks them at each load; the page runs
# only its own script and style and reads only this server, whatever an article's text holds.
_ASSET_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
}


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
            producer = token_of(request.headers.get("Authorization"), settings.ingest_tokens)
            if settings.ingest_tokens and producer is None:
                return 401, {"error": "missing or wrong bearer token (Authorization: Bearer …)"}
            try:
                async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
                    body = await read_limited(request, limit)
            except BodyTooLarge:
                return 413, {"error": f"the body is over {limit:,} bytes; send fewer or shorter articles"}
            except TimeoutError:
                return 408, {"error": f"the body did not arrive within {BODY_TIMEOUT_SECONDS:.0f} s; send it again"}
            try:
                articles = parse_ingest_body(
                    body, max_article_bytes=settings.max_article_bytes, source=producer.name if producer else None
                )
            except TooManyArticles as error:
                return 413, {"error": str(error)}
            except SourceRefused as error:
                return 403, {"error": str(error)}
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

    changelog = ChangelogCache(settings)

    @app.page("/state")
    class State(View):
        """Who controls each place, with its coordinates, as JSON: ``{"places": [...]}`` (:mod:`streams.state`)."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            try:
                return self.json({"places": (await changelog.get()).places(pipeline.rules.ruleset)})
            except StateUnavailable as error:
                return self.json({"error": str(error)}, status=503, headers={"Retry-After": "5"})

    @app.page("/")
    class Board(View):
        """The situation board (:mod:`streams.board`): one page, its script and style under ``/board/``."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            return self._asset("index.html")

        def _asset(self, name: str) -> Response:
            found = asset(name)
            if found is None:
                return self.json({"error": f"no board asset {name[:40]!r}"}, status=404)
            content, content_type = found
            return self.bytes(content, headers={"Content-Type": content_type, **_ASSET_HEADERS})

    @app.page("/board/{name}")
    class BoardAsset(Board):
        """One of the board's files, served from the package (nothing is fetched from elsewhere)."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            return self._asset(str(kwargs.get("name", "")))

    @app.page("/stories")
    class Stories(View):
        """Open and recent stories, newest first, filtered: ``{"stories": [...]}`` (:mod:`streams.board.view`)."""

        async def get(self, request: Request, **kwargs: Any) -> Response:
            try:
                filters = parse_filters({key: request.query.get(key, "") for key in request.query})
            except BadQuery as error:
                return self.json({"error": str(error)}, status=400)
            try:
                views = await changelog.views(pipeline.rules.ruleset)
            except StateUnavailable as error:
                return self.json({"error": str(error)}, status=503, headers={"Retry-After": "5"})
            now = datetime.now(UTC)
            return self.json({"stories": select(views, filters, now), "facets": facets(views), "now": now.isoformat()})

    @app.page("/stories/{story_id}/{action}")
    class StoryActionPage(View):
        """``POST /stories/ID/ack`` and ``POST /stories/ID/silence`` (``{"for": "2h", "by": "desk"}``)."""

        async def post(self, request: Request, **kwargs: Any) -> Response:
            status, answer = await self._act(request, str(kwargs.get("story_id", "")), str(kwargs.get("action", "")))
            return self.json(answer, status=status)

        async def _act(self, request: Any, story_id: str, action: str) -> tuple[int, dict[str, Any]]:
            if not authorised(request.headers.get("Authorization"), settings.ingest_tokens):
                return 401, {"error": "missing or wrong bearer token (Authorization: Bearer …, as for POST /articles)"}
            # A JSON content type keeps another site's page from posting here through an analyst's browser.
            if request.content_type != "application/json":
                return 415, {"error": 'send the action as JSON (Content-Type: application/json): {"for": "2h"}'}
            try:
                async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
                    body = await read_limited(request, MAX_ACTION_BYTES)
                kind = parse_kind(action)
                duration, by = parse_action_body(body)
                stories = (await changelog.get()).stories()
                made = story_action(stories, story_id, kind, datetime.now(UTC), duration=duration, by=by)
            except StateUnavailable as error:
                return 503, {"error": str(error)}
            except (BodyTooLarge, BadQuery) as error:
                return 400, {"error": str(error) if isinstance(error, BadQuery) else "the body is too large"}
            except TimeoutError:
                return 408, {"error": f"the body did not arrive within {BODY_TIMEOUT_SECONDS:.0f} s; send it again"}
            except StoryNotFound as error:
                return 404, {"error": str(error)}
            try:
                await acknowledged(pipeline.actions, action_key(made), to_json(made))
            except BrokerUnavailable as error:
                return 503, {"error": f"{error}; try again later"}
            changelog.forget()
            return 202, {"action": made.to_dict()}

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
