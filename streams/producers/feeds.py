"""Feeds: RSS and Atom polled politely, each new entry sent once as an article.

Polite means a conditional GET (ETag / Last-Modified, a 304 costs the server
nothing), an honest User-Agent, the configured interval, exponential backoff
after errors and ``Retry-After`` honoured. What was already sent is remembered
in a compacted Kafka topic keyed by feed URL, not in a local file: a restarted
poller, or another replica taking over, sends nothing twice.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import html
import ipaddress
import json
import logging
import random
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx

from streams.articles.html import parse_html
from streams.articles.model import Article
from streams.config import FeedSettings
from streams.errors import ArticleError
from streams.kafka import read_to_end
from streams.metrics import FEED_ENTRIES, FEED_LAST_SUCCESS, FEED_POLLS, bounded

log = logging.getLogger(__name__)

USER_AGENT = "newsalert/0.1 (+https://github.com/newsalert/newsalert)"
MAX_SEEN = 5000  # entry keys remembered per feed; feeds list far fewer entries than this
MAX_BACKOFF = 3600.0
MAX_BYTES = 10 << 20  # a feed or page larger than this is refused, not read into memory
FETCH_DEADLINE = 60.0  # seconds for a whole fetch, so a server dripping bytes cannot hold a poll forever
_TAGS = re.compile(r"<[^>]+>")
_BLOCKS = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.I)

SendArticle = Callable[[Article], Awaitable[Any]]
SendRecord = Callable[[bytes, bytes], Awaitable[Any]]


@dataclass
class FeedState:
    """What the poller knows about one feed between polls (and across restarts)."""

    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)
    failures: int = 0

    def to_json(self) -> bytes:
        """The value stored in the state topic."""
        return json.dumps(asdict(self)).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> FeedState:
        """Inverse of :meth:`to_json`; an unreadable value gives a fresh state."""
        try:
            values = json.loads(data)
            return cls(etag=values.get("etag"), last_modified=values.get("last_modified"),
                       seen=list(values.get("seen", []))[-MAX_SEEN:], failures=int(values.get("failures", 0)))
        except (ValueError, TypeError, AttributeError):
            return cls()


class FetchTooLarge(ValueError):
    """A response body over :data:`MAX_BYTES`."""


async def fetch(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """GET ``url`` with a bound on size (:data:`MAX_BYTES`) and total time (:data:`FETCH_DEADLINE`)."""
    async with asyncio.timeout(FETCH_DEADLINE):
        async with client.stream("GET", url, headers=headers, follow_redirects=True) as response:
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise FetchTooLarge(f"{url}: more than {MAX_BYTES:,} bytes")
            return response, bytes(body)


class FeedStateStore:
    """Feed states in a compacted topic, keyed by feed URL; ``send(key, value)`` writes to that topic."""

    def __init__(self, bootstrap: str, topic: str, send: SendRecord) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self._send = send

    async def load(self) -> dict[str, FeedState]:
        """The newest state of every feed (the last value per key wins)."""
        states: dict[str, FeedState] = {}
        for record in await read_to_end(self.bootstrap, self.topic):
            if record.key and record.value:
                states[record.key.decode("utf-8")] = FeedState.from_json(record.value)
        return states

    async def save(self, url: str, state: FeedState) -> None:
        """Store ``state`` for the feed at ``url``."""
        await self._send(url.encode("utf-8"), state.to_json())


@dataclass(frozen=True)
class PollResult:
    """The outcome of one poll: ``new`` (200, maybe with nothing new), ``not_modified`` (304) or ``error``."""

    feed: str
    outcome: str
    sent: int = 0
    error: str | None = None


def entry_key(entry: Any) -> str:
    """A stable key for a feed entry: its id/guid, else its link, else a hash of its title."""
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    return "title:" + hashlib.sha256(str(entry.get("title", "")).encode("utf-8")).hexdigest()[:24]


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment from a feed, one paragraph per line."""
    text = _TAGS.sub("", _BLOCKS.sub("\n", fragment))
    lines = (" ".join(html.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _published(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


def entry_article(entry: Any, feed: FeedSettings, feed_title: str | None) -> Article | None:
    """The article of one feed entry, or ``None`` when it has neither title nor text."""
    content = entry.get("content") or []
    body_html = content[0].get("value", "") if content else entry.get("summary", "")
    title = html_to_text(entry.get("title", ""))
    body = html_to_text(body_html or "")
    if not title and not body:
        return None
    return Article.create(
        title=title,
        body=body,
        url=entry.get("link") or None,
        source=feed.source or feed_title or feed.name,
        published_at=_published(entry),
        received_at=datetime.now(UTC),
        extra={"feed": feed.name},
    )


def retry_after(response: httpx.Response, now: datetime) -> float | None:
    """Seconds the server asked us to wait (``Retry-After`` as seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - now).total_seconds())
    except (TypeError, ValueError):
        return None


async def private_address(url: str) -> bool:
    """Whether ``url``'s host is, or resolves to, a private, loopback, link-local or reserved address."""
    host = urlsplit(url).hostname
    if not host:
        return True
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return False  # unresolvable: the fetch itself will fail
    addresses = {ipaddress.ip_address(info[4][0]) for info in infos}
    return any(a.is_private or a.is_loopback or a.is_link_local or a.is_reserved or a.is_multicast
               or a.is_unspecified for a in addresses)


class FeedPoller:
    """Polls every configured feed when it is due and sends each new entry once."""

    def __init__(
        self,
        feeds: Iterable[FeedSettings],
        *,
        client: httpx.AsyncClient,
        send_article: SendArticle,
        store: FeedStateStore,
        allow_private: bool = False,
    ) -> None:
        self.feeds = list(feeds)
        self.allow_private = allow_private
        self.client = client
        self.send_article = send_article
        self.store = store
        self.states: dict[str, FeedState] = {}
        self._due: dict[str, float] = {}
        self._retry_after: dict[str, float] = {}

    async def start(self) -> None:
        """Load what earlier pollers remembered; every feed is due at once."""
        self.states = await self.store.load()
        self._due = {}

    def next_due(self, feed: FeedSettings) -> float:
        """Monotonic-clock time of the feed's next poll (0: now)."""
        return self._due.get(feed.url, 0.0)

    async def poll_due(self, now: float) -> list[PollResult]:
        """Poll each feed whose time has come (``now`` on the same clock as :meth:`next_due`)."""
        results = []
        for feed in self.feeds:
            if self.next_due(feed) <= now:
                result = await self.poll(feed)
                state = self.states.setdefault(feed.url, FeedState())
                self._due[feed.url] = now + self._delay(feed, state, result)
                results.append(result)
        return results

    def _delay(self, feed: FeedSettings, state: FeedState, result: PollResult) -> float:
        if result.outcome != "error":
            return feed.interval
        backoff = min(MAX_BACKOFF, feed.interval * 2 ** state.failures)
        asked = self._retry_after.pop(feed.url, None)
        # Jitter spreads retries of many feeds on one failing host.
        return max(backoff * random.uniform(0.9, 1.1), asked or 0.0)

    async def poll(self, feed: FeedSettings) -> PollResult:
        """Poll one feed now; never raises (an error is an ``error`` result and a longer wait)."""
        name = bounded("feed", feed.name)
        state = self.states.setdefault(feed.url, FeedState())
        try:
            result = await self._poll(feed, state)
        except (httpx.HTTPError, ArticleError, ValueError, TimeoutError) as error:
            result = PollResult(feed.name, "error", error=f"{type(error).__name__}: {error}")
        except Exception as error:
            # A broker refusing a send or a parser bug must not stop the timer polling the other feeds;
            # entries not yet recorded as seen are simply sent again on a later poll.
            log.exception("feed %s: unexpected error", feed.name)
            result = PollResult(feed.name, "error", error=f"{type(error).__name__}: {error}")
        FEED_POLLS.labels(name, result.outcome).inc()
        if result.outcome == "error":
            state.failures += 1
            log.warning("feed %s: %s (failure %d)", feed.name, result.error, state.failures)
            await self._save(feed, state)
        else:
            FEED_LAST_SUCCESS.labels(name).set_to_current_time()
            FEED_ENTRIES.labels(name).inc(result.sent)
        return result

    async def _poll(self, feed: FeedSettings, state: FeedState) -> PollResult:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*;q=0.5"}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        response, content = await fetch(self.client, feed.url, headers)
        if response.status_code == 304:
            if state.failures:
                state.failures = 0
                await self.store.save(feed.url, state)
            return PollResult(feed.name, "not_modified")
        if response.status_code >= 400:
            wait = retry_after(response, datetime.now(UTC)) if response.status_code in (429, 503) else None
            if wait is not None:
                self._retry_after[feed.url] = wait
            return PollResult(feed.name, "error", error=f"HTTP {response.status_code}")
        parsed = feedparser.parse(content, response_headers=dict(response.headers))
        if parsed.get("bozo") and not parsed.entries:
            return PollResult(feed.name, "error", error=f"not a feed: {parsed.get('bozo_exception')}")
        before = state.to_json()
        seen = set(state.seen)
        sent = 0
        # Oldest first, so articles reach the topic in the order they were published.
        for entry in reversed(parsed.entries):
            key = entry_key(entry)
            if key in seen:
                continue
            article = entry_article(entry, feed, parsed.feed.get("title"))
            if article is not None:
                if feed.fetch_page and article.url:
                    article = await self._with_page(article)
                await self.send_article(article)
                sent += 1
            seen.add(key)
            state.seen.append(key)
        state.seen = state.seen[-MAX_SEEN:]
        state.etag = response.headers.get("ETag")
        state.last_modified = response.headers.get("Last-Modified")
        state.failures = 0
        # A feed that ignores conditional GET returns 200 every time; don't grow the topic when nothing changed.
        if state.to_json() != before:
            await self.store.save(feed.url, state)
        return PollResult(feed.name, "new", sent=sent)

    async def _save(self, feed: FeedSettings, state: FeedState) -> None:
        """Save after an error; when the broker is the error too, the state stays in memory until next time."""
        try:
            await self.store.save(feed.url, state)
        except Exception:
            log.exception("feed %s: its state could not be saved", feed.name)

    async def _with_page(self, article: Article) -> Article:
        """The article with its page's main text as body; the feed's text when the page cannot be had."""
        assert article.url
        if not self.allow_private and await private_address(article.url):
            # A feed must not make us fetch our own network (SSRF): metadata services, admin pages.
            log.warning("feed page %s: refused, it resolves to a private or loopback address", article.url)
            return article
        try:
            response, content = await fetch(self.client, article.url, {"User-Agent": USER_AGENT})
            response.raise_for_status()
            text = content.decode(response.encoding or "utf-8", "replace")
            page = parse_html(text, url=article.url, source=article.source, origin=article.url)
        except (httpx.HTTPError, ArticleError, ValueError, TimeoutError) as error:
            log.info("feed page %s: %s; keeping the feed's text", article.url, error)
            return article
        return Article.create(
            title=article.title or page.title, body=page.body, url=article.url, source=article.source,
            published_at=article.published_at or page.published_at, received_at=article.received_at,
            lang=page.lang, extra={**article.extra, "page": True},
        )
