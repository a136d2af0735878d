"""The streaming pipeline end to end: real worker process, real Tansu broker, real HTTP."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.kafka import producer
from tests.workers import ROOT, Worker, newsalert, records, running_worker, wait_for

SAMPLE = ROOT / "tests" / "data" / "saraya-homs-2024-12-07.txt"
TOKEN = "test-token-" + uuid.uuid4().hex
MAX_ARTICLE_BYTES = 20_000


@pytest.fixture(scope="module")
def worker(kafka: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    """One worker for this module: one partition (so order is observable), an ingest token, a small size limit."""
    data_dir = tmp_path_factory.mktemp("worker")
    config = data_dir / "newsalert.yaml"
    config.write_text(f"max_article_bytes: {MAX_ARTICLE_BYTES}\n")
    with running_worker(
        kafka, "pipeline.", data_dir, NEWSALERT_CONFIG=str(config), NEWSALERT_PARTITIONS="1",
        NEWSALERT_INGEST_TOKEN=TOKEN,
    ) as running:
        yield running


def send(worker: Worker, *messages: tuple[bytes | None, bytes]) -> None:
    """Write raw (key, value) messages to the worker's ``articles`` topic, as any producer could."""

    async def go() -> None:
        async with producer(worker.bootstrap) as client:
            for key, value in messages:
                await client.send_and_wait(worker.topic("articles"), value, key=key)

    asyncio.run(go())


def article(place: str, marker: str) -> Article:
    """A fresh English article that city-control-change matches for ``place``."""
    return Article.create(
        title=f"Rebels seize {place} ({marker})",
        body=f"Opposition fighters seized {place} on Saturday after government troops withdrew from the city.",
        url=f"https://news.example.org/{marker}",
        source="Example Wire",
    )


def matches_of(found: list[dict[str, Any]], article_id: str) -> list[dict[str, Any]]:
    return [m for m in found if m["article_id"] == article_id]


def test_sample_ingested_from_a_file_is_matched(worker: Worker) -> None:
    ingest = newsalert("ingest", str(SAMPLE), env=worker.env, stdout=-1, stderr=-1)
    out, err = ingest.communicate(timeout=60)
    assert ingest.returncode == 0, err
    assert "2 articles sent" in out  # the sample and its embedded "read also" story
    found = wait_for(worker.bootstrap, worker.topic("matches"),
                     lambda ms: any(m["bindings"].get("place") == "homs" for m in ms))
    homs = next(m for m in found if m["bindings"].get("place") == "homs")
    assert homs["rule"] == "city-control-change"
    assert homs["message_key"] == b"city-control-change|place=homs"
    assert any(e["text"] == "حمص" for e in homs["evidence"])


def test_the_same_article_twice_is_matched_once(worker: Worker) -> None:
    twice = article("Aleppo", "twice-" + uuid.uuid4().hex)
    rekeyed = article("Hama", "rekeyed-" + uuid.uuid4().hex)
    sentinel = article("Daraa", "sentinel-" + uuid.uuid4().hex)
    value = encode_article(twice)
    # The second copy of `rekeyed` has no key, as a foreign producer might send it: it must still count as seen.
    send(worker, (twice.id.encode(), value), (twice.id.encode(), value),
         (rekeyed.id.encode(), encode_article(rekeyed)), (None, encode_article(rekeyed)),
         (sentinel.id.encode(), encode_article(sentinel)))
    found = wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: bool(matches_of(ms, sentinel.id)))
    # One partition: once the sentinel is matched, every earlier message has been processed.
    assert len(matches_of(found, twice.id)) == 1
    assert len(matches_of(found, rekeyed.id)) == 1


BAD_MESSAGES = {
    "not_json": b"{this is not json",
    "not_utf8": b'{"title": "\xff\xfe", "body": "x"}',
    "invalid_article": json.dumps({"title": "no body here"}).encode(),
    "not_an_object": b"[1, 2, 3]",
    "too_large": json.dumps({"title": "big", "body": "x" * (MAX_ARTICLE_BYTES + 1)}).encode(),
    "empty": b"",
}


def test_bad_messages_go_to_deadletter_and_the_worker_goes_on(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    good = article("Homs", "after-bad-" + marker)
    send(worker, *[(f"{reason}-{marker}".encode(), value) for reason, value in BAD_MESSAGES.items()],
         (good.id.encode(), encode_article(good)))
    wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: bool(matches_of(ms, good.id)))
    letters = {r["key"]: r for r in records(worker.bootstrap, worker.topic("deadletter")) if r["key"]}
    for reason, value in BAD_MESSAGES.items():
        letter = letters[f"{reason}-{marker}"]
        assert (letter["stage"], letter["reason"]) == ("match", reason)
        assert letter["detail"] and letter["at"]
        assert letter["size"] == len(value)
    assert letters[f"too_large-{marker}"]["truncated"] is False  # 20 kB is under the 64 kB copy limit
    assert letters[f"not_utf8-{marker}"]["payload_encoding"] == "base64"
    assert letters[f"not_json-{marker}"]["payload"] == "{this is not json"


def test_post_articles(worker: Worker) -> None:
    url = worker.url + "/articles"
    posted = {"title": "Rebels seize Idlib", "body": "Opposition fighters seized Idlib after the army withdrew.",
              "url": "https://news.example.org/post-" + uuid.uuid4().hex}
    auth = {"Authorization": f"Bearer {TOKEN}"}

    refused = httpx.post(url, json=posted)
    assert refused.status_code == 401
    assert httpx.post(url, json=posted, headers={"Authorization": "Bearer wrong"}).status_code == 401

    bad = httpx.post(url, content=b"{oops", headers=auth)
    assert bad.status_code == 400
    assert "not valid JSON" in bad.json()["error"]
    assert httpx.post(url, json=[{"title": 3}], headers=auth).status_code == 400

    huge = httpx.post(url, content=b"[" + b" " * (MAX_ARTICLE_BYTES * 16) + b"]", headers=auth)
    assert huge.status_code == 413
    deep = httpx.post(url, content=b"[" * 5000 + b"]" * 5000, headers=auth)
    assert deep.status_code == 400 and "nested" in deep.json()["error"]

    accepted = httpx.post(url, json=[posted], headers=auth)
    assert accepted.status_code == 202
    (article_id,) = accepted.json()["ids"]
    found = wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: bool(matches_of(ms, article_id)))
    assert matches_of(found, article_id)[0]["bindings"]["place"] == "idlib"


def test_hostile_messages_are_dead_lettered_or_matched_and_the_worker_goes_on(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    nested = ("[" * 5_000 + "]" * 5_000).encode()  # deeper than Python's JSON parser can recurse
    control = json.dumps({"title": "Rebels seize Idlib\x00\x07\x1b[31m", "body": "Fighters\x00 seized Idlib after "
                          "the army withdrew.\x0b", "url": f"https://news.example.org/control-{marker}"}).encode()
    markup = Article.create(title="<b>Rebels</b> seize <@U123> <!channel> *Hama* <script>x</script>",
                            body="Fighters seized Hama after the army withdrew.",
                            url=f"https://news.example.org/markup-{marker}")
    # A reader sees "حمص"; the text hides a zero-width joiner, a tatweel, a diacritic and an RTL override.
    evasive = Article.create(title="الفصائل تسيطر على مدينة ح\u200dمـصَ\u202e",
                             body="أعلنت الفصائل سيطرتها على مدينة ح\u200dمـص بعد انسحاب الجيش.",
                             url=f"https://news.example.org/evasive-{marker}")
    send(worker, (f"nested-{marker}".encode(), nested), (b"control", control),
         (markup.id.encode(), encode_article(markup)), (evasive.id.encode(), encode_article(evasive)))
    found = wait_for(worker.bootstrap, worker.topic("matches"),
                     lambda ms: bool(matches_of(ms, evasive.id)) and bool(matches_of(ms, markup.id)))
    assert matches_of(found, evasive.id)[0]["bindings"]["place"] == "homs"
    assert any(m["bindings"].get("place") == "idlib" and "control" in (m.get("url") or "") for m in found)
    letters = {r["key"]: r for r in records(worker.bootstrap, worker.topic("deadletter")) if r["key"]}
    assert letters[f"nested-{marker}"]["reason"] == "too_deep"
