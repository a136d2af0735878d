"""Alerts end to end: articles → worker (match, alert, deliver agents) → a real signed-webhook receiver."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.harness import ROOT, newsalert
from streams.harness import WorkerProcess as Worker
from streams.kafka import producer
from tests.homs_story import GULF, HOMS_TODAY, ORONTES, SHAM, WIRE, articles
from tests.workers import ThreadedServer, running_worker, wait_for

SECRET = "whsec_" + base64.b64encode(b"newsalert-test-secret-of-32-byte").decode()
WINDOW = "8s"  # the story resolves this long after its last match


async def send(worker: Worker, *sent: Article) -> None:
    """Write ``sent`` to the worker's ``articles`` topic, in order."""
    async with producer(worker.bootstrap) as client:
        for article in sent:
            await client.send_and_wait(worker.topic("articles"), encode_article(article), key=article.id.encode())


Received = list[tuple[dict[str, str], bytes]]
STATUS = {"answer": 200}  # what the receiver answers; a test may change it


@pytest.fixture
def receiver() -> Iterator[tuple[ThreadedServer, Received]]:
    received: Received = []
    STATUS["answer"] = 200

    async def hook(request: web.Request) -> web.Response:
        body = await request.read()
        if STATUS["answer"] == 200:
            received.append((dict(request.headers), body))
        return web.Response(status=STATUS["answer"], text="ok" if STATUS["answer"] == 200 else "refused")

    app = web.Application()
    app.router.add_post("/hook", hook)
    server = ThreadedServer(app)
    yield server, received
    server.stop()


def hook_config(tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "newsalert.yaml"
    config.write_text(
        extra + "default_notify: [hook]\ndestinations:\n"
        "  hook: {type: webhook, url: '${TEST_HOOK_URL}', secret: '${TEST_HOOK_SECRET}', timeout: 5}\n"
    )
    return config


def test_one_story_from_five_outlets_is_one_alert_that_grows_and_resolves(
    kafka: str, tmp_path: Path, receiver: tuple[ThreadedServer, Received]
) -> None:
    server, received = receiver
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    rule_file = rules / "conflict" / "city-control-change.yaml"
    rule_file.write_text(rule_file.read_text().replace("    window: 24h", f"    window: {WINDOW}"))
    config = hook_config(tmp_path, "resolve_interval: 1s\n")
    # One partition: articles are matched in publication order, so "who published a wire story first"
    # (the piece's own outlet; later carriers add sources, not corroboration) is deterministic.
    with running_worker(
        kafka,
        "alerting.",
        tmp_path,
        NEWSALERT_CONFIG=str(config),
        NEWSALERT_RULES=str(rules),
        NEWSALERT_PARTITIONS="1",
        TEST_HOOK_URL=server.url + "/hook",
        TEST_HOOK_SECRET=SECRET,
    ) as worker:
        asyncio.run(send(worker, *(article for _, article in articles())))
        wait_for(kafka, worker.topic("alerts"), lambda alerts: any(a["kind"] == "resolved" for a in alerts), 60)
        deadline_alerts = wait_for(kafka, worker.topic("alerts"), lambda alerts: len(received) >= len(alerts), 30)

    verifier = Webhook(SECRET)
    bodies = [verifier.verify(body, headers) for headers, body in received]  # raises if any signature is bad
    alerts = [body["data"]["alert"] for body in bodies]
    # opened (one outlet: unconfirmed), confirmed by a second independent outlet, corroborated by a third
    assert [a["kind"] for a in alerts] == ["opened", "escalated", "escalated", "resolved"]
    assert [a["revision"] for a in alerts] == [1, 3, 5, 11]
    assert [a["control"]["status"] for a in alerts[:3]] == ["unconfirmed", "confirmed", "confirmed"]
    assert alerts[0]["title"].startswith("Homs: Syrian army → opposition factions (unconfirmed: 1 source, first seen")
    assert len({headers["webhook-id"] for headers, _ in received}) == len(received) == len(deadline_alerts)
    assert len({a["id"] for a in alerts}) == 1  # one story, one alert id
    final = alerts[-1]
    assert final["evidence_count"] == 4 and final["article_count"] == 10
    assert set(final["sources"]) == {WIRE, ORONTES, GULF, HOMS_TODAY, SHAM}
    assert final["corroboration"] == 3
    assert final["bindings"] == {"place": "homs"}
    assert all(article["url"] and article["evidence"] for article in final["articles"])

    headers, body = received[0]
    tampered = body.replace(b'"opened"', b'"resolved"')
    with pytest.raises(WebhookVerificationError):
        verifier.verify(tampered, headers)
    assert json.loads(body)["type"] == "alert.opened"


def test_a_refused_alert_is_dead_lettered_and_replay_delivers_it(
    kafka: str, tmp_path: Path, receiver: tuple[ThreadedServer, Received]
) -> None:
    server, received = receiver
    STATUS["answer"] = 400  # a 4xx is not retried: straight to the dead-letter topic
    env = {
        "NEWSALERT_CONFIG": str(hook_config(tmp_path)),
        "TEST_HOOK_URL": server.url + "/hook",
        "TEST_HOOK_SECRET": SECRET,
    }
    article = Article.create(
        title="Rebels seize Hama",
        body="Opposition fighters seized Hama after the army withdrew.",
        url="https://news.example.org/replay",
        source="Example Wire",
    )
    with running_worker(kafka, "replay.", tmp_path, **env) as worker:
        asyncio.run(send(worker, article))
        letters = wait_for(kafka, worker.topic("deadletter"), lambda ls: any(l["stage"] == "deliver" for l in ls), 60)
    letter = next(l for l in letters if l["stage"] == "deliver")
    assert letter["destination"] == "hook" and "400" in letter["reason"]
    refused = json.loads(letter["payload"])
    assert refused["rule"] == "city-control-change" and refused["bindings"] == {"place": "hama"}

    STATUS["answer"] = 200
    replay = newsalert("deadletter", "replay", env={**worker.env, **env}, stdout=-1, stderr=-1)
    out, err = replay.communicate(timeout=60)
    assert replay.returncode == 0, err
    assert "delivered" in out
    ((headers, body),) = received
    assert headers["webhook-id"] == f"{refused['id']}-{refused['revision']}"
    assert Webhook(SECRET).verify(body, headers)["data"]["alert"]["id"] == refused["id"]
