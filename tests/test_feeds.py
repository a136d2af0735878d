"""Feeds: real RSS and Atom from a local HTTP server, conditional GET, state kept in Kafka, backoff."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.config import FeedSettings, Settings
from streams.kafka import create_topics, producer, read_to_end
from streams.producers.feeds import FeedPoller, FeedStateStore, feed_client, html_to_text
from tests.workers import ThreadedServer, running_worker, wait_for

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example Wire</title><link>https://wire.example.org/</link><description>News</description>
<item><title>Rebels seize Hama</title><link>https://wire.example.org/hama</link>
<guid>wire-hama</guid><pubDate>Thu, 05 Dec 2024 14:00:00 GMT</pubDate>
<description>&lt;p&gt;Opposition fighters seized &lt;b&gt;Hama&lt;/b&gt; after the army withdrew.&lt;/p&gt;</description></item>
<item><title>Markets calm</title><link>https://wire.example.org/markets</link>
<guid>wire-markets</guid><pubDate>Wed, 04 Dec 2024 09:00:00 GMT</pubDate>
<description>Shares were little changed.</description></item>
{extra}
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>وكالة تجريبية</title><id>urn:demo:atom</id><updated>2024-12-07T22:00:00Z</updated>
<entry><title>الفصائل تدخل حمص</title><id>urn:demo:homs</id>
<link href="https://atom.example.org/homs"/><updated>2024-12-07T22:00:00Z</updated>
<content type="html">&lt;p&gt;دخلت الفصائل مدينة حمص بعد انسحاب الجيش منها.&lt;/p&gt;</content></entry>
</feed>"""

EXTRA = """<item><title>Rebels enter Daraa</title><link>https://wire.example.org/daraa</link><guid>wire-daraa</guid>
<description>Fighters entered Daraa after troops pulled out.</description></item>"""

PAGE = """<html><head><title>Rebels seize Hama</title></head><body><nav>Home | World</nav><article>
<h1>Rebels seize Hama</h1>
<p>Opposition fighters seized the central city of Hama on Thursday after days of fighting, in the biggest
setback for the government in years. Residents said the army withdrew overnight.</p>
<p>The full page says much more than the feed did, which is why some users fetch every page: it carries
quotes, context and the names of the commanders involved in the offensive.</p></article>
<footer>Copyright Example Wire</footer></body></html>"""


@dataclass
class FeedServer:
    """A feed server that honours (or, when told, ignores) conditional requests and can fail."""

    conditional: bool = True
    status: int = 200
    extra: str = ""
    local_page: bool = False  # link the Hama entry to this server's /hama page
    requests: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    async def feed(self, request: web.Request) -> web.Response:
        self.requests.append(dict(request.headers))
        if self.status != 200:
            return web.Response(status=self.status, headers={"Retry-After": "120"} if self.status == 503 else {})
        text = RSS.format(extra=self.extra) if request.path == "/rss.xml" else ATOM
        if self.local_page:
            text = text.replace("https://wire.example.org/hama", self.url + "/hama")
        body = text.encode()
        etag = f'"v{len(body)}"'
        modified = "Sat, 07 Dec 2024 22:00:00 GMT"
        if self.conditional and (
            request.headers.get("If-None-Match") == etag or request.headers.get("If-Modified-Since") == modified
        ):
            return web.Response(status=304)
        return web.Response(
            body=body, content_type="application/xml", headers={"ETag": etag, "Last-Modified": modified}
        )

    async def page(self, request: web.Request) -> web.Response:
        return web.Response(text=PAGE, content_type="text/html")

    async def serve(self) -> web.AppRunner:
        """Start serving on a free port of 127.0.0.1 (``self.url``)."""
        app = web.Application()
        app.router.add_get("/rss.xml", self.feed)
        app.router.add_get("/atom.xml", self.feed)
        app.router.add_get("/hama", self.page)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
        return runner


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    state = FeedServer()
    runner = await state.serve()
    yield state
    await runner.cleanup()


class Harness:
    """Pollers as the worker builds them, writing to real topics on the test broker."""

    def __init__(self, kafka: str, prefix: str) -> None:
        self.kafka = kafka
        self.settings = Settings(kafka_bootstrap=kafka, topic_prefix=prefix, partitions=1)
        self.allow_private = True

    async def poller(self, *feeds: FeedSettings) -> FeedPoller:
        await create_topics(self.settings)
        self._producer = producer(self.kafka)
        client = await self._producer.__aenter__()

        async def send_article(article: Article) -> None:
            await client.send_and_wait(
                self.settings.topic("articles"), encode_article(article), key=article.id.encode()
            )

        store = FeedStateStore(
            self.kafka,
            self.settings.topic("feedstate"),
            lambda key, value: client.send_and_wait(self.settings.topic("feedstate"), value, key=key),
        )
        # The local test server is on loopback, which pollers refuse to connect to unless allowed.
        poller = FeedPoller(
            feeds, client=feed_client(allow_private=self.allow_private), send_article=send_article, store=store
        )
        await poller.start()
        return poller

    async def close(self) -> None:
        await self._producer.__aexit__(None, None, None)

    async def articles(self) -> list[dict[str, object]]:
        return [json.loads(r.value) for r in await read_to_end(self.kafka, self.settings.topic("articles"))]


@pytest.fixture
async def harness(kafka: str, topic_prefix: str) -> AsyncIterator[Harness]:
    made = Harness(kafka, topic_prefix)
    yield made
    await made.close()


async def test_rss_and_atom_entries_become_articles(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", source=None, interval=60)
    atom = FeedSettings(url=server.url + "/atom.xml", name="atom", source="Demo Agency", interval=60)
    poller = await harness.poller(rss, atom)
    results = await poller.poll_due(now=0.0)
    assert [(r.outcome, r.sent) for r in results] == [("new", 2), ("new", 1)]
    articles = {a["url"]: a for a in await harness.articles()}
    hama = articles["https://wire.example.org/hama"]
    assert hama["title"] == "Rebels seize Hama"
    assert hama["body"] == "Opposition fighters seized Hama after the army withdrew."
    assert hama["source"] == "Example Wire"  # the feed's own title when none is configured
    assert hama["published_at"] == "2024-12-05T14:00:00+00:00"
    homs = articles["https://atom.example.org/homs"]
    assert homs["title"] == "الفصائل تدخل حمص"
    assert homs["source"] == "Demo Agency"
    assert "حمص" in homs["body"]
    # Not due again before the interval is over.
    assert poller.next_due(rss) == 60.0
    assert await poller.poll_due(now=30.0) == []


async def test_second_poll_is_conditional_and_sends_nothing(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60)
    poller = await harness.poller(rss)
    await poller.poll(rss)
    second = await poller.poll(rss)
    assert second.outcome == "not_modified" and second.sent == 0
    assert server.requests[1].get("If-None-Match", "").startswith('"v')
    assert "If-Modified-Since" in server.requests[1]
    assert "newsalert" in server.requests[1]["User-Agent"]
    assert len(await harness.articles()) == 2


async def test_a_restarted_poller_does_not_resend(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60)
    first = await harness.poller(rss)
    await first.poll(rss)
    # The server now ignores conditional requests and has one more entry.
    server.conditional = False
    server.extra = EXTRA
    restarted = await harness.poller(rss)  # state comes back from the Kafka topic
    result = await restarted.poll(rss)
    assert (result.outcome, result.sent) == ("new", 1)
    urls = [a["url"] for a in await harness.articles()]
    assert sorted(urls) == sorted(
        ["https://wire.example.org/hama", "https://wire.example.org/markets", "https://wire.example.org/daraa"]
    )


async def test_an_unchanged_feed_writes_no_new_state(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60)
    server.conditional = False  # 200 with the same entries every time
    poller = await harness.poller(rss)
    await poller.poll(rss)
    again = await poller.poll(rss)
    assert (again.outcome, again.sent) == ("new", 0)
    assert len(await read_to_end(harness.kafka, harness.settings.topic("feedstate"))) == 1


async def test_a_failing_send_is_an_error_not_an_exception(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60)
    poller = await harness.poller(rss)
    real_send = poller.send_article

    async def refuse(article: Article) -> None:
        raise RuntimeError("broker said no")

    poller.send_article = refuse
    failed = await poller.poll(rss)
    assert failed.outcome == "error" and "broker said no" in (failed.error or "")
    assert poller.states[rss.url].failures == 1
    poller.send_article = real_send
    retried = await poller.poll(rss)  # nothing was recorded as seen, so every entry goes out now
    assert (retried.outcome, retried.sent) == ("new", 2)
    assert poller.states[rss.url].failures == 0


async def test_errors_back_off_and_success_resets(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60)
    poller = await harness.poller(rss)
    server.status = 500
    (failed,) = await poller.poll_due(now=0.0)
    assert failed.outcome == "error" and "500" in (failed.error or "")
    assert poller.states[rss.url].failures == 1
    assert 60 * 2 * 0.9 <= poller.next_due(rss) <= 60 * 2 * 1.1
    await poller.poll_due(now=200.0)
    assert poller.states[rss.url].failures == 2
    assert 200 + 60 * 4 * 0.9 <= poller.next_due(rss) <= 200 + 60 * 4 * 1.1
    server.status = 503  # with Retry-After: 120, which is shorter than the backoff: backoff wins
    await poller.poll_due(now=1000.0)
    assert poller.next_due(rss) >= 1000 + 60 * 8 * 0.9
    server.status = 200
    (ok,) = await poller.poll_due(now=5000.0)
    assert ok.outcome == "new" and poller.states[rss.url].failures == 0
    assert poller.next_due(rss) == 5060.0


async def test_fetch_page_uses_the_extracted_page(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60, fetch_page=True)
    server.local_page = True
    poller = await harness.poller(rss)
    await poller.poll(rss)
    articles = {a["url"]: a for a in await harness.articles()}
    page = articles[server.url + "/hama"]
    assert "names of the commanders" in page["body"]
    assert "Copyright" not in page["body"] and "Home | World" not in page["body"]
    # A page that cannot be fetched keeps the feed's text.
    markets = articles["https://wire.example.org/markets"]
    assert markets["body"] == "Shares were little changed."


async def test_feeds_on_private_addresses_are_not_fetched_by_default(server: FeedServer, harness: Harness) -> None:
    rss = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60, fetch_page=True)
    harness.allow_private = False
    poller = await harness.poller(rss)
    result = await poller.poll(rss)
    assert result.outcome == "error" and "AddressRefused" in (result.error or "")
    assert "fetch_private_addresses" in (result.error or "")
    assert server.requests == []


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>One &amp; two</p><p>Three<br>four</p>") == "One & two\nThree\nfour"


def test_a_worker_polls_its_feeds(kafka: str, tmp_path: Path) -> None:
    """The worker's leader polls the configured feed; its entries are matched like any article."""
    state = FeedServer()
    app = web.Application()
    app.router.add_get("/rss.xml", state.feed)
    server = ThreadedServer(app)
    config = tmp_path / "newsalert.yaml"
    config.write_text(
        f"fetch_private_addresses: true\nfeeds:\n  - url: {server.url}/rss.xml\n"
        "    source: Example Wire\n    interval: 2s\n"
    )
    try:
        with running_worker(kafka, "feedworker.", tmp_path, NEWSALERT_CONFIG=str(config)) as worker:
            found = wait_for(
                kafka, worker.topic("matches"), lambda ms: any(m["bindings"].get("place") == "hama" for m in ms)
            )
            assert next(m for m in found if m["bindings"].get("place") == "hama")["source"] == "Example Wire"
            states = wait_for(kafka, worker.topic("feedstate"), lambda rs: bool(rs))
            assert "wire-hama" in states[-1]["seen"]
    finally:
        server.stop()


async def test_hostile_feed_servers_are_bounded_and_do_not_affect_other_feeds(
    server: FeedServer, harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streams.producers import feeds

    monkeypatch.setattr(feeds, "MAX_BYTES", 200_000)
    monkeypatch.setattr(feeds, "FETCH_DEADLINE", 2.0)

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        while True:
            await response.write(b"<item>" + b"x" * 10_000 + b"</item>")

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await response.prepare(request)
        for byte in RSS.format(extra="").encode():
            await response.write(bytes([byte]))
            await asyncio.sleep(1)
        return response

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.path)

    async def broken(request: web.Request) -> web.Response:
        return web.Response(text="<<<&&& not XML at all", content_type="application/rss+xml")

    app = web.Application()
    for path, handler in (("/endless", endless), ("/drip", drip), ("/loop", loop), ("/broken", broken)):
        app.router.add_get(path, handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    hostile = [
        FeedSettings(url=base + path, name=path.strip("/"), interval=60)
        for path in ("/endless", "/drip", "/loop", "/broken")
    ]
    good = FeedSettings(url=server.url + "/rss.xml", name="wire", interval=60)
    try:
        poller = await harness.poller(*hostile, good)
        results = {r.feed: r for r in await asyncio.wait_for(poller.poll_due(now=0.0), 30)}
    finally:
        await runner.cleanup()
    assert "more than 200,000 bytes" in (results["endless"].error or "")
    assert "Timeout" in (results["drip"].error or "")
    assert "Redirect" in (results["loop"].error or "")
    assert results["broken"].outcome == "error"
    assert all(poller.states[f.url].failures == 1 for f in hostile)
    assert (results["wire"].outcome, results["wire"].sent) == ("new", 2)
