"""Feeds: RSS and Atom polled politely, each new entry sent once as an article.

Polite means a conditional GET (ETag / Last-Modified, a 304 costs the server
nothing), an honest User-Agent, the configured interval, exponential backoff
after errors and ``Retry-After`` honoured. What was already sent is remembered
in a compacted Kafka topic keyed by feed URL, not in a local file: a restarted
poller, or another replica taking over, sends nothing twice.

A feed's server is not trusted: every connection a fetch opens (the feed, each
redirect, each entry's page) goes to an address checked after DNS resolution
(:class:`GuardedTransport`); one bad entry is skipped without holding back the
others; feeds are polled concurrently, each within a deadline, so a server that
never answers delays only its own feed.
"""

from __future__ import annotations

import asyncio
import calendar
import functools
import hashlib
import html
import io
import ipaddress
import json
import logging
import random
import re
import socket
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpcore
import httpx
from aiokafka.errors import KafkaError

from streams.articles.html import parse_html
from streams.articles.model import Article
from streams.articles.readers import without_surrogates
from streams.config import FeedSettings
from streams.errors import AddressRefused, ArticleError, BrokerUnavailable, FetchTooLarge, NewsalertError
from streams.httpclient import USER_AGENT, retry_after
from streams.kafka import read_to_end
from streams.metrics import FEED_ENTRIES, FEED_ENTRIES_SKIPPED, FEED_LAST_SUCCESS, FEED_POLLS, bounded
from streams.records import from_json, to_json

log = logging.getLogger(__name__)

# Entries read from one feed document, newest first as feeds list them; every one of them that was sent
# is remembered, so none is sent twice while the feed lists it.
MAX_FEED_ENTRIES = 8000
# Keys of entries gone from the feed that are still remembered, so an entry listed again is not resent.
MAX_DROPPED = 2000
MAX_SEEN = MAX_FEED_ENTRIES + MAX_DROPPED
# A key whose JSON is longer is remembered by its digest: 10,000 keys stay under Kafka's 1 MB record limit.
MAX_KEY_JSON = 66
MAX_SENT_PER_POLL = 500  # new entries sent per poll; the rest go at the next poll
MAX_BACKOFF = 3600.0
MAX_BYTES = 10 << 20  # a feed or page larger than this is refused, not read into memory
FETCH_DEADLINE = 60.0  # seconds for a whole fetch, so a server dripping bytes cannot hold a poll forever
POLL_DEADLINE = 300.0  # seconds for one feed's poll (feed, pages, sends); what was sent by then stays sent
MAX_REDIRECTS = 5
MAX_CONCURRENT_POLLS = 8
HTTP_TIMEOUT = 20.0  # seconds per connect, read or write
BROKER_RETRY = 30.0  # seconds before a feed whose articles the broker did not take is polled again
_TAGS = re.compile(r"<[^<>]*>")  # [^<>]: an unclosed "<" costs one scan up to the next "<", not to the end
_BLOCKS = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^<>]*>", re.I)
# A numeric character reference; feedparser's lenient parser raises on one beyond U+10FFFF or to a surrogate.
_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+))")

SendArticle = Callable[[Article], Awaitable[Any]]
SendRecord = Callable[[bytes, bytes], Awaitable[Any]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolve = Callable[[str, int], Awaitable[list[IPAddress]]]

# Cloud metadata and host services. All but Azure's are outside the public ranges anyway; listed so that
# what must never be reached is said once, whatever Python's idea of "global" becomes.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
        "168.63.129.16",  # Azure host services, a public address
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def public_address(address: IPAddress) -> bool:
    """Whether a feed may make us connect to ``address``.

    Refused: private, loopback, link-local, shared (100.64.0.0/10), multicast, reserved and unspecified
    addresses and :data:`METADATA_ADDRESSES`; an IPv4 address inside IPv6 (mapped, NAT64, 6to4) is
    judged as that IPv4 address.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
        if embedded is not None:
            return public_address(embedded)
    return (
        address.is_global and not address.is_multicast and not address.is_reserved and address not in METADATA_ADDRESSES
    )


def any_address(address: IPAddress) -> bool:
    """Every address is permitted (``fetch_private_addresses: true``)."""
    return True


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """The addresses ``host`` resolves to (an IP literal: itself); none when it does not resolve."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves each host itself, checks every address, then connects to one of those very addresses."""

    def __init__(self, permitted: Callable[[IPAddress], bool], resolve: Resolve) -> None:
        self._permitted = permitted
        self._resolve = resolve
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await self._resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took more than {timeout} s") from None
        if not addresses:
            raise AddressRefused(f"{host} does not resolve; check the feed's URL or its links")
        refused = [address for address in addresses if not self._permitted(address)]
        if refused:
            raise AddressRefused(
                f"{host} resolves to {refused[0]}, a private, local or reserved address; "
                "set fetch_private_addresses: true to allow it"
            )
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._backend.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        assert error is not None
        raise error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused(f"{path}: feeds are fetched over TCP only")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """An HTTP transport that connects only to addresses ``permitted`` allows, checked after DNS resolution.

    The address checked is the address connected to, so a second DNS answer (rebinding) cannot switch
    it, and every connection is checked: the first request's and each redirect's alike. TLS still
    verifies the certificate against the host name. Proxies are not used: a proxy would connect to
    addresses this transport never saw.
    """

    def __init__(
        self, *, permitted: Callable[[IPAddress], bool] = public_address, resolve: Resolve = resolve_host
    ) -> None:
        super().__init__(trust_env=False)
        # httpx offers no way to give its connection pool a network backend, so the pool is made here.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=4 * MAX_CONCURRENT_POLLS,
            keepalive_expiry=5.0,
            network_backend=_GuardedBackend(permitted, resolve),
        )


def feed_client(*, allow_private: bool) -> httpx.AsyncClient:
    """The HTTP client feeds are fetched with: public addresses only, unless ``allow_private``."""
    return httpx.AsyncClient(
        transport=GuardedTransport(permitted=any_address if allow_private else public_address), timeout=HTTP_TIMEOUT
    )


def remembered_key(key: str) -> str:
    """How an entry key is stored in a feed state: as it is, or by digest when it is long."""
    if len(json.dumps(key)) <= MAX_KEY_JSON:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class FeedState:
    """What the poller knows about one feed between polls (and across restarts)."""

    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)  # remembered keys (see remembered_key), oldest first
    failures: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The value stored in the state topic."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> FeedState:
        """Inverse of :meth:`to_dict`; what cannot be read is left at its default."""
        try:
            seen = [key for key in values.get("seen", []) if isinstance(key, str)][-MAX_SEEN:]
            return cls(
                etag=values.get("etag"),
                last_modified=values.get("last_modified"),
                seen=seen,
                failures=int(values.get("failures", 0)),
            )
        except (ValueError, TypeError, AttributeError, RecursionError):
            return cls()

    def remember(self, listed: Sequence[str], sent: Collection[str]) -> None:
        """Keep the keys of the entries the feed lists (``listed``, oldest first) that were ``sent``, after
        the most recent :data:`MAX_DROPPED` of the remembered keys the feed no longer lists."""
        in_feed = set(listed)
        dropped = [key for key in self.seen if key not in in_feed][-MAX_DROPPED:]
        self.seen = dropped + [key for key in listed if key in sent]


async def fetch(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """GET ``url`` with a bound on redirects (:data:`MAX_REDIRECTS`), size (:data:`MAX_BYTES`) and total time
    (:data:`FETCH_DEADLINE`).

    Each redirect is a request of its own through ``client``, whose transport checks the address of
    every connection it opens (see :func:`feed_client`).
    """
    async with asyncio.timeout(FETCH_DEADLINE):
        request = client.build_request("GET", url, headers=headers)
        for _ in range(MAX_REDIRECTS + 1):
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                if response.next_request is None:
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) > MAX_BYTES:
                            raise FetchTooLarge(f"{url}: more than {MAX_BYTES:,} bytes")
                    return response, bytes(body)
                request = response.next_request
            finally:
                await response.aclose()
        raise httpx.TooManyRedirects(f"{url}: more than {MAX_REDIRECTS} redirects", request=request)


class FeedStateStore:
    """Feed states in a compacted topic, keyed by feed URL; ``send(key, value)`` writes to that topic."""

    def __init__(self, bootstrap: str, topic: str, send: SendRecord) -> None:
        self.bootstrap = bootstrap
        self.topic = topic
        self._send = send

    async def load(self) -> dict[str, FeedState]:
        """The newest state of every feed (the last value per key wins); raises ``BrokerUnavailable``."""
        try:
            records = await read_to_end(self.bootstrap, self.topic)
        except (KafkaError, TimeoutError) as error:
            reason = str(error) or type(error).__name__
            raise BrokerUnavailable(f"feed states could not be read from {self.topic}: {reason}") from None
        states: dict[str, FeedState] = {}
        for record in records:
            if record.key and record.value:
                states[record.key.decode("utf-8", "replace")] = _feed_state(record.value)
        return states

    async def save(self, url: str, state: FeedState) -> None:
        """Store ``state`` for the feed at ``url``."""
        await self._send(url.encode("utf-8"), to_json(state))


def _feed_state(value: bytes) -> FeedState:
    """A stored feed state; an unreadable one gives a fresh state (the feed is polled as new)."""
    try:
        return from_json(FeedState, value)
    except (ValueError, RecursionError):
        return FeedState()


@dataclass(frozen=True)
class PollResult:
    """The outcome of one poll: ``new`` (200, maybe with nothing new), ``not_modified`` (304), ``error``, or
    ``broker_unavailable`` (the broker did not acknowledge an article; the feed is not at fault)."""

    feed: str
    outcome: str
    sent: int = 0
    error: str | None = None


@dataclass(frozen=True)
class FeedDocument:
    """A parsed feed: its title and its entries with their keys, oldest first."""

    title: str | None
    entries: list[tuple[str, Any]]


def parse_feed(content: bytes, headers: Mapping[str, str]) -> FeedDocument:
    """The newest :data:`MAX_FEED_ENTRIES` entries of a feed document; raises ``ArticleError`` when it is no feed."""
    content = _CHAR_REFERENCE.sub(_valid_reference, content)
    try:
        # A stream, never bytes: feedparser opens bytes that name a file ("/dev/zero") and reads that file.
        parsed = feedparser.parse(io.BytesIO(content), response_headers=dict(headers))
    except Exception as error:
        # feedparser is a large lenient parser fed hostile bytes; whatever it raises, there is no feed to read.
        raise ArticleError(f"not a feed: feedparser failed with {type(error).__name__}: {error}") from None
    if parsed.get("bozo") and not parsed.entries:
        raise ArticleError(f"not a feed: {parsed.get('bozo_exception')}")
    entries = parsed.entries[:MAX_FEED_ENTRIES]
    title = parsed.feed.get("title")
    return FeedDocument(
        without_surrogates(title) if isinstance(title, str) else None,
        [(entry_key(entry), entry) for entry in reversed(entries)],
    )


def _valid_reference(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.groups()
    text, base = (hex_digits, 16) if hex_digits else (digits, 10)
    value = int(text, base) if len(text) <= 7 else 0x110000
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        return b"&#xFFFD"
    return match.group(0)


def entry_key(entry: Any) -> str:
    """A stable key for a feed entry: its id/guid, else its link, else a hash of its title."""
    key = _text(entry.get("id")) or _text(entry.get("link"))
    if key:
        return key
    return "title:" + hashlib.sha256(_text(entry.get("title")).encode("utf-8")).hexdigest()[:24]


def _text(value: Any) -> str:
    """A feed field as text that can be written as UTF-8 (a non-text value is empty)."""
    return without_surrogates(value) if isinstance(value, str) else ""


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment from a feed, one paragraph per line."""
    text = _TAGS.sub("", _BLOCKS.sub("\n", fragment))
    lines = (" ".join(html.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _published(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (ValueError, OverflowError, OSError):
        return None  # a year outside 1-9999 (feeds have said -1): the entry keeps its text, not its date


def entry_article(entry: Any, feed: FeedSettings, feed_title: str | None) -> Article | None:
    """The article of one feed entry, or ``None`` when it has neither title nor text.

    Raises ``ArticleError`` when the entry's link is not a URL.
    """
    content = entry.get("content") or []
    body_html = content[0].get("value", "") if content else entry.get("summary", "")
    title = html_to_text(_text(entry.get("title")))
    body = html_to_text(_text(body_html))
    if not title and not body:
        return None
    link = _text(entry.get("link"))
    try:
        return Article.create(
            title=title,
            body=body,
            url=link or None,
            source=feed.source or feed_title or feed.name,
            published_at=_published(entry),
            received_at=datetime.now(UTC),
            extra={"feed": feed.name},
        )
    except ValueError as error:  # from the URL's parser: "http://[x", a port over 65535
        raise ArticleError(f"its link {link[:200]!r} is not a URL ({error})") from None


class FeedPoller:
    """Polls every configured feed when it is due and sends each new entry once.

    ``client`` should come from :func:`feed_client`, whose transport keeps feeds out of private networks.
    """

    def __init__(
        self,
        feeds: Iterable[FeedSettings],
        *,
        client: httpx.AsyncClient,
        send_article: SendArticle,
        store: FeedStateStore,
    ) -> None:
        self.feeds = list(feeds)
        self.client = client
        self.send_article = send_article
        self.store = store
        self.states: dict[str, FeedState] = {}
        self._due: dict[str, float] = {}
        self._retry_after: dict[str, float] = {}
        self._polling: dict[str, asyncio.Task[PollResult]] = {}
        self._slots = asyncio.Semaphore(MAX_CONCURRENT_POLLS)

    async def start(self) -> None:
        """Load what earlier pollers remembered; every feed is due at once."""
        self.states = await self.store.load()
        self._due = {}

    async def stop(self) -> None:
        """Cancel the polls in progress (leadership lost, shutdown); what they sent stays sent."""
        tasks = list(self._polling.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def next_due(self, feed: FeedSettings) -> float:
        """Monotonic-clock time of the feed's next poll (0: now)."""
        return self._due.get(feed.url, 0.0)

    def start_due(self, now: float) -> list[asyncio.Task[PollResult]]:
        """Start polling each feed whose time has come and that is not being polled already.

        ``now`` is on the clock of :meth:`next_due`. At most :data:`MAX_CONCURRENT_POLLS` feeds are
        fetched at once; the tasks run on their own, so a feed that never answers delays only itself.
        """
        started = []
        for feed in self.feeds:
            if feed.url in self._polling or self.next_due(feed) > now:
                continue
            task = asyncio.create_task(self._poll_in_turn(feed, now), name=f"feed {feed.name}")
            self._polling[feed.url] = task
            task.add_done_callback(functools.partial(self._finished, feed.url))
            started.append(task)
        return started

    async def poll_due(self, now: float) -> list[PollResult]:
        """Poll each due feed (see :meth:`start_due`) and wait for all of them; results in feed order."""
        return list(await asyncio.gather(*self.start_due(now)))

    def _finished(self, url: str, task: asyncio.Task[PollResult]) -> None:
        if self._polling.get(url) is task:
            del self._polling[url]

    async def _poll_in_turn(self, feed: FeedSettings, now: float) -> PollResult:
        async with self._slots:
            result = await self.poll(feed)
        self._due[feed.url] = now + self._delay(feed, self.states.setdefault(feed.url, FeedState()), result)
        return result

    def _delay(self, feed: FeedSettings, state: FeedState, result: PollResult) -> float:
        if result.outcome == "broker_unavailable":
            return min(feed.interval, BROKER_RETRY)
        if result.outcome != "error":
            return feed.interval
        backoff = min(MAX_BACKOFF, feed.interval * 2.0**state.failures)
        asked = self._retry_after.pop(feed.url, None)
        # Jitter spreads retries of many feeds on one failing host.
        return max(backoff * random.uniform(0.9, 1.1), asked or 0.0)

    async def poll(self, feed: FeedSettings) -> PollResult:
        """Poll one feed now, within :data:`POLL_DEADLINE`; never raises.

        An error is an ``error`` result and a longer wait; a broker that does not take the articles is a
        ``broker_unavailable`` result, and the entries it did not take are sent at a later poll.
        """
        name = bounded("feed", feed.name)
        state = self.states.setdefault(feed.url, FeedState())
        try:
            async with asyncio.timeout(POLL_DEADLINE):
                result = await self._poll(feed, state)
        except BrokerUnavailable as error:
            # Not the feed's fault: no backoff, and no state to save to a broker that is not there.
            log.warning("feed %s: %s; sending again in %.0f s", feed.name, error, min(feed.interval, BROKER_RETRY))
            FEED_POLLS.labels(name, "broker_unavailable").inc()
            return PollResult(feed.name, "broker_unavailable", error=str(error))
        except (httpx.HTTPError, NewsalertError, ValueError, TimeoutError) as error:
            result = PollResult(feed.name, "error", error=f"{type(error).__name__}: {error}")
        except Exception as error:
            # A bug or a refused send must not stop the timer polling the other feeds.
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
            wait = (
                retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
                if response.status_code in (429, 503)
                else None
            )
            if wait is not None:
                self._retry_after[feed.url] = wait
            return PollResult(feed.name, "error", error=f"HTTP {response.status_code}")
        # Parsing a large document takes a while; in a thread, it does not stall the worker's event loop.
        document = await asyncio.to_thread(parse_feed, content, response.headers)
        before = state.to_dict()
        listed = [remembered_key(key) for key, _ in document.entries]
        done = set(state.seen)
        new = [
            (key, remembered, entry)
            for (key, entry), remembered in zip(document.entries, listed, strict=True)
            if remembered not in done
        ]
        sent = 0
        try:
            # Oldest first, so articles reach the topic in the order they were published.
            for key, remembered, entry in new[:MAX_SENT_PER_POLL]:
                article = self._article(feed, document, key, entry)
                if article is not None:
                    if feed.fetch_page and article.url:
                        article = await self._with_page(article)
                    await self.send_article(article)  # raises when not acknowledged: the entry stays new
                    sent += 1
                done.add(remembered)
        finally:
            state.remember(listed, done)
        backlog = len(new) > MAX_SENT_PER_POLL
        # With a backlog the next poll must get the whole document again, not a 304.
        state.etag = None if backlog else response.headers.get("ETag")
        state.last_modified = None if backlog else response.headers.get("Last-Modified")
        state.failures = 0
        # A feed that ignores conditional GET returns 200 every time; don't grow the topic when nothing changed.
        if state.to_dict() != before:
            await self.store.save(feed.url, state)
        return PollResult(feed.name, "new", sent=sent)

    def _article(self, feed: FeedSettings, document: FeedDocument, key: str, entry: Any) -> Article | None:
        """The entry's article; ``None`` for an entry without text, or one that cannot be read (logged, counted)."""
        try:
            return entry_article(entry, feed, document.title)
        except ArticleError as error:
            log.warning("feed %s: entry %r skipped, it is remembered and not retried: %s", feed.name, key[:200], error)
            FEED_ENTRIES_SKIPPED.labels(bounded("feed", feed.name)).inc()
            return None

    async def _save(self, feed: FeedSettings, state: FeedState) -> None:
        """Save after an error; when the broker is the error too, the state stays in memory until next time."""
        try:
            await self.store.save(feed.url, state)
        except Exception as error:
            log.warning(
                "feed %s: its state could not be saved (%s: %s); kept in memory", feed.name, type(error).__name__, error
            )

    async def _with_page(self, article: Article) -> Article:
        """The article with its page's main text as body; the feed's text when the page cannot be had."""
        assert article.url
        try:
            response, content = await fetch(self.client, article.url, {"User-Agent": USER_AGENT})
            response.raise_for_status()
            text = content.decode(response.encoding or "utf-8", "replace")
            page = await asyncio.to_thread(parse_html, text, url=article.url, source=article.source, origin=article.url)
        except (httpx.HTTPError, httpx.InvalidURL, NewsalertError, ValueError, LookupError, TimeoutError) as error:
            log.info("feed page %s: %s; keeping the feed's text", article.url, error)
            return article
        return Article.create(
            title=article.title or without_surrogates(page.title),
            body=without_surrogates(page.body),
            url=article.url,
            source=article.source,
            published_at=article.published_at or page.published_at,
            received_at=article.received_at,
            lang=page.lang,
            extra={**article.extra, "page": True},
        )
