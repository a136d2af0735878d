"""The streaming pipeline end to end: real worker process, real Tansu broker, real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families

from streams.articles.model import Article
from streams.articles.readers import read_path
from streams.articles.scraped import parse_scraped
from streams.articles.wire import encode_article
from streams.harness import ROOT, newsalert
from streams.harness import WorkerProcess as Worker
from streams.kafka import producer, read_to_end
from tests.test_fuzz_boundaries import article_like
from tests.workers import records, running_worker, wait_for

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
        kafka,
        "pipeline.",
        data_dir,
        NEWSALERT_CONFIG=str(config),
        NEWSALERT_PARTITIONS="1",
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
    return [m for m in found if m.get("article_id") == article_id]


def test_sample_ingested_from_a_file_is_matched(worker: Worker) -> None:
    ingest = newsalert("ingest", str(SAMPLE), env=worker.env, stdout=-1, stderr=-1)
    out, err = ingest.communicate(timeout=60)
    assert ingest.returncode == 0, err
    assert "2 articles sent" in out  # the sample and its embedded "read also" story
    found = wait_for(
        worker.bootstrap, worker.topic("matches"), lambda ms: any(m["bindings"].get("place") == "homs" for m in ms)
    )
    homs = next(m for m in found if m["bindings"].get("place") == "homs")
    assert homs["rule"] == "city-control-change"
    assert homs["message_key"] == b"control|place=homs"  # every control rule's story of Homs
    assert any(e["text"] == "حمص" for e in homs["evidence"])


def test_the_same_article_twice_is_matched_once(worker: Worker) -> None:
    twice = article("Aleppo", "twice-" + uuid.uuid4().hex)
    rekeyed = article("Hama", "rekeyed-" + uuid.uuid4().hex)
    sentinel = article("Daraa", "sentinel-" + uuid.uuid4().hex)
    value = encode_article(twice)
    # The second copy of `rekeyed` has no key, as a foreign producer might send it: it must still count as seen.
    send(
        worker,
        (twice.id.encode(), value),
        (twice.id.encode(), value),
        (rekeyed.id.encode(), encode_article(rekeyed)),
        (None, encode_article(rekeyed)),
        (sentinel.id.encode(), encode_article(sentinel)),
    )
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
    "too_deep": b"[" * 3000 + b"]" * 3000,
    "empty": b"",
}


def metric_samples(worker: Worker, name: str) -> list[tuple[dict[str, str], float]]:
    """The samples called ``name`` on the worker's ``/metrics`` page: (labels, value)."""
    page = httpx.get(worker.url + "/metrics").text
    return [
        (sample.labels, sample.value)
        for family in text_string_to_metric_families(page)
        for sample in family.samples
        if sample.name == name
    ]


def metric_value(worker: Worker, name: str, **labels: str) -> float:
    return sum(value for have, value in metric_samples(worker, name) if labels.items() <= have.items())


def deadletter_counts(worker: Worker) -> dict[tuple[str, str], float]:
    """``newsalert_deadletter_total`` by (stage, reason), as the worker's ``/metrics`` page shows it."""
    return {
        (labels["stage"], labels["reason"]): value
        for labels, value in metric_samples(worker, "newsalert_deadletter_total")
    }


def test_bad_messages_go_to_deadletter_and_the_worker_goes_on(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    good = article("Homs", "after-bad-" + marker)
    before = deadletter_counts(worker)
    send(
        worker,
        *[(f"{reason}-{marker}".encode(), value) for reason, value in BAD_MESSAGES.items()],
        (good.id.encode(), encode_article(good)),
    )
    wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: bool(matches_of(ms, good.id)))
    # One partition: the good article was matched after every bad one was dead-lettered and counted.
    after = deadletter_counts(worker)
    for reason in BAD_MESSAGES:
        assert after.get(("match", reason), 0) - before.get(("match", reason), 0) == 1, reason
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
    posted = {
        "title": "Rebels seize Idlib",
        "body": "Opposition fighters seized Idlib after the army withdrew.",
        "url": "https://news.example.org/post-" + uuid.uuid4().hex,
    }
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
    # One object, not a list: the same answer, with its one id.
    single = {
        "title": "Rebels seize Hama",
        "body": "Opposition fighters seized Hama after the army withdrew.",
        "url": "https://news.example.org/post-" + uuid.uuid4().hex,
    }
    one = httpx.post(url, json=single, headers=auth)
    assert one.status_code == 202
    assert one.json() == {"ids": [Article.from_dict(single).id]}
    single_id = one.json()["ids"][0]
    found = wait_for(
        worker.bootstrap,
        worker.topic("matches"),
        lambda ms: bool(matches_of(ms, article_id)) and bool(matches_of(ms, single_id)),
    )
    assert matches_of(found, article_id)[0]["bindings"]["place"] == "idlib"
    assert matches_of(found, single_id)[0]["bindings"]["place"] == "hama"


def test_a_post_is_checked_whole_before_any_article_is_sent(worker: Worker) -> None:
    url, auth = worker.url + "/articles", {"Authorization": f"Bearer {TOKEN}"}
    marker = uuid.uuid4().hex
    good = {"title": "Rebels seize Idlib", "body": "Fighters seized Idlib.", "url": f"https://n.example/{marker}"}
    oversized = {"title": "x" * (MAX_ARTICLE_BYTES + 1), "body": "y"}
    refused = httpx.post(url, json=[good, oversized], headers=auth)
    assert refused.status_code == 413 and refused.json()["error"].startswith("body[1]: the article is")
    deep_extra = {**good, "extra": {"x": json.loads("[" * 900 + "]" * 900)}}
    nested = httpx.post(url, json=[good, deep_extra], headers=auth)
    assert nested.status_code == 400 and "nested deeper than 16" in nested.json()["error"]
    many = httpx.post(url, json=[{"title": f"t{i}", "body": "b"} for i in range(1001)], headers=auth)
    assert many.status_code == 413 and "at most 1,000" in many.json()["error"]
    surrogate = httpx.post(url, content=b'{"title": "Rebels seize Hama \\ud800", "body": "b"}', headers=auth)
    assert surrogate.status_code == 202
    # Nothing of the refused requests reached the topic.
    good_id = Article.from_dict(good).id
    assert on_articles_topic(worker, {good_id}) == {}


def test_hostile_messages_are_dead_lettered_or_matched_and_the_worker_goes_on(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    nested = ("[" * 5_000 + "]" * 5_000).encode()  # deeper than Python's JSON parser can recurse
    control = json.dumps(
        {
            "title": "Rebels seize Idlib\x00\x07\x1b[31m",
            "body": "Fighters\x00 seized Idlib after the army withdrew.\x0b",
            "url": f"https://news.example.org/control-{marker}",
        }
    ).encode()
    markup = Article.create(
        title="<b>Rebels</b> seize <@U123> <!channel> *Hama* <script>x</script>",
        body="Fighters seized Hama after the army withdrew.",
        url=f"https://news.example.org/markup-{marker}",
    )
    # A reader sees "حمص"; the text hides a zero-width joiner, a tatweel, a diacritic and an RTL override.
    evasive = Article.create(
        title="الفصائل تسيطر على مدينة ح\u200dمـصَ\u202e",
        body="أعلنت الفصائل سيطرتها على مدينة ح\u200dمـص بعد انسحاب الجيش.",
        url=f"https://news.example.org/evasive-{marker}",
    )
    send(
        worker,
        (f"nested-{marker}".encode(), nested),
        (b"control", control),
        (markup.id.encode(), encode_article(markup)),
        (evasive.id.encode(), encode_article(evasive)),
    )
    # The four are keyed apart, so they land on different partitions: wait for each one's outcome.
    found = wait_for(
        worker.bootstrap,
        worker.topic("matches"),
        lambda ms: (
            bool(matches_of(ms, evasive.id))
            and bool(matches_of(ms, markup.id))
            and any("control" in (m.get("url") or "") for m in ms)
        ),
    )
    assert matches_of(found, evasive.id)[0]["bindings"]["place"] == "homs"
    assert any(m["bindings"].get("place") == "idlib" and "control" in (m.get("url") or "") for m in found)
    letters = wait_for(
        worker.bootstrap, worker.topic("deadletter"), lambda ls: any(l["key"] == f"nested-{marker}" for l in ls)
    )
    assert {l["key"]: l for l in letters}[f"nested-{marker}"]["reason"] == "too_deep"


def test_poisoned_articles_are_dead_lettered_or_repaired_and_none_is_lost(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    body = "Opposition fighters seized Hama after the army withdrew."
    poisoned = {
        f"extra-list-{marker}": {"title": "t", "body": body, "extra": [1, 2]},
        f"extra-text-{marker}": {"title": "t", "body": body, "extra": "text"},
        f"deep-extra-{marker}": {"title": "t", "body": body, "extra": {"x": json.loads("[" * 40 + "]" * 40)}},
    }
    # JSON's \ud800 escape decodes to a lone surrogate, which cannot be encoded again: repaired to U+FFFD.
    surrogate = (
        f'{{"id": "\\ud800-{marker}", "title": "Rebels seize Hama \\udfff", "body": "{body}", '
        f'"url": "https://news.example.org/surrogate-{marker}"}}'
    ).encode()
    good = article("Homs", "after-poison-" + marker)
    send(
        worker,
        *[(key.encode(), json.dumps(value).encode()) for key, value in poisoned.items()],
        (b"surrogate-" + marker.encode(), surrogate),
        (good.id.encode(), encode_article(good)),
    )
    found = wait_for(
        worker.bootstrap,
        worker.topic("matches"),
        lambda ms: bool(matches_of(ms, good.id)) and any(f"surrogate-{marker}" in (m.get("url") or "") for m in ms),
    )
    [repaired] = [m for m in found if f"surrogate-{marker}" in (m.get("url") or "")]
    assert repaired["bindings"]["place"] == "hama" and "\ufffd" in repaired["title"]
    letters = {r["key"]: r for r in records(worker.bootstrap, worker.topic("deadletter")) if r["key"]}
    for key in poisoned:
        assert (letters[key]["stage"], letters[key]["reason"]) == ("match", "invalid_article"), key
    assert "'extra' must be an object" in letters[f"extra-list-{marker}"]["detail"]
    assert "nested deeper than 16" in letters[f"deep-extra-{marker}"]["detail"]
    assert "Crashed" not in worker.log.read_text()


def test_a_match_that_is_not_an_object_is_dead_lettered(worker: Worker) -> None:
    marker = uuid.uuid4().hex

    async def go() -> None:
        async with producer(worker.bootstrap) as client:
            for value in (b'["a", "list"]', b'"text"', b"null"):
                await client.send_and_wait(worker.topic("matches"), value, key=f"{marker}-{value!r}".encode())

    asyncio.run(go())
    letters = wait_for(
        worker.bootstrap,
        worker.topic("deadletter"),
        lambda ls: sum(1 for l in ls if (l["key"] or "").startswith(marker)) == 3,
    )
    assert {l["reason"] for l in letters if (l["key"] or "").startswith(marker)} == {"invalid_match"}
    assert "Crashed" not in worker.log.read_text()


def test_a_bad_alert_is_dead_lettered_and_counted(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    before = deadletter_counts(worker).get(("deliver", "invalid_alert"), 0)

    async def go() -> None:
        async with producer(worker.bootstrap) as client:
            await client.send_and_wait(worker.topic("alerts"), b'{"not": "an alert"}', key=marker.encode())

    asyncio.run(go())
    letters = wait_for(
        worker.bootstrap,
        worker.topic("deadletter"),
        lambda ls: any(l["stage"] == "deliver" and l["payload"] == '{"not": "an alert"}' for l in ls),
    )
    assert any(l["reason"] == "invalid_alert" for l in letters if l["stage"] == "deliver")
    assert deadletter_counts(worker).get(("deliver", "invalid_alert"), 0) == before + 1


def on_articles_topic(worker: Worker, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The records of ``articles`` whose id is in ``ids`` (the topic also holds the bad messages of other tests)."""
    found = {}
    for record in asyncio.run(read_to_end(worker.bootstrap, worker.topic("articles"))):
        try:
            value = json.loads(record.value)
        except (ValueError, RecursionError):
            continue
        if isinstance(value, dict) and value.get("id") in ids:
            found[value["id"]] = {**value, "message_key": record.key}
    return found


def ingested(worker: Worker, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``newsalert ingest ARGS`` against the worker's topics; (exit code, stdout, stderr)."""
    ingest = newsalert("ingest", *args, env=worker.env, stdin=-1 if stdin is not None else None, stdout=-1, stderr=-1)
    out, err = ingest.communicate(stdin, timeout=60)
    return ingest.returncode, out, err


def test_ingest_a_directory(worker: Worker, tmp_path: Path) -> None:
    marker = uuid.uuid4().hex
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.json").write_text(json.dumps(article("Aleppo", f"dir-json-{marker}").to_dict()))
    (tmp_path / "sub" / "two.jsonl").write_text(
        json.dumps(article("Hama", f"dir-jsonl-a-{marker}").to_dict())
        + "\n"
        + json.dumps(article("Daraa", f"dir-jsonl-b-{marker}").to_dict())
        + "\n"
    )
    (tmp_path / "sub" / "page.txt").write_text(
        f"Rebels seize Idlib ({marker})\nSource: Example Wire\n\nOpposition fighters seized Idlib on Sunday after "
        "government troops withdrew from the city.\n"
    )
    (tmp_path / ".hidden.json").write_text(json.dumps(article("Homs", f"dir-hidden-{marker}").to_dict()))
    (tmp_path / "notes.md").write_text("not an article")
    expected = {a.id for name in ("one.json", "sub/two.jsonl", "sub/page.txt") for a in read_path(tmp_path / name)}
    hidden = read_path(tmp_path / ".hidden.json")[0].id

    code, out, err = ingested(worker, str(tmp_path))
    assert code == 0, err
    assert f"4 articles sent to {worker.topic('articles')}" in out
    sent = on_articles_topic(worker, expected | {hidden})
    assert set(sent) == expected  # hidden files and other suffixes are skipped
    assert all(r["message_key"] == r["id"].encode() and r["received_at"] for r in sent.values())
    found = wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: expected <= {m["article_id"] for m in ms})
    assert {m["bindings"]["place"] for m in found if m["article_id"] in expected} == {
        "aleppo",
        "hama",
        "daraa",
        "idlib",
    }


def test_ingest_from_stdin(worker: Worker) -> None:
    marker = uuid.uuid4().hex
    lines = [article("Raqqa", f"stdin-a-{marker}"), article("Homs", f"stdin-b-{marker}")]
    code, out, err = ingested(worker, "-", stdin="".join(json.dumps(a.to_dict()) + "\n" for a in lines) + "not json\n")
    assert code == 1  # the bad line is reported; the good ones are still sent
    assert "<stdin>.jsonl:3: not valid JSON" in err
    assert f"2 articles sent to {worker.topic('articles')}" in out
    ids = {a.id for a in lines}
    assert set(on_articles_topic(worker, ids)) == ids
    wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: ids <= {m["article_id"] for m in ms})

    scraped = (
        f"Rebels seize Hama ({marker})\nPublished: 8 December 2024\n\nFighters seized Hama after the army withdrew.\n"
    )
    code, out, err = ingested(worker, "-", stdin=scraped)
    assert code == 0, err
    [expected] = parse_scraped(scraped)
    assert expected.published_at is not None
    wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: bool(matches_of(ms, expected.id)))
    sent = on_articles_topic(worker, {expected.id})[expected.id]
    assert sent["title"] == f"Rebels seize Hama ({marker})" and sent["published_at"].startswith("2024-12-08")


FIFTY_MB = 50 * 1024 * 1024
SENT_OF_FIFTY_MB = 1024 * 1024


def post_huge(worker: Worker, framing: str) -> bytes:
    """POST /articles announcing a 50 MB body but sending only its first megabyte; the worker's status line.

    A raw socket, so the test can stop sending and wait: the worker must answer without the other
    49 MB (an HTTP client library would insist on sending the whole body first). A worker that read
    the body to its end would never answer, and the test would fail.
    """
    host, port = "127.0.0.1", worker.port
    head = (
        f"POST /articles HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Content-Type: application/json\r\n"
    ).encode()
    if framing == "content-length":
        head += f"Content-Length: {FIFTY_MB}\r\n\r\n".encode()
    else:  # one 50 MB chunk: no length up front, so the worker has to count what it reads
        head += f"Transfer-Encoding: chunked\r\n\r\n{FIFTY_MB:x}\r\n".encode()
    first_megabyte = b"[" + b" " * (SENT_OF_FIFTY_MB - 1)  # over the worker's limit (16 × 20 kB)
    with socket.create_connection((host, port), timeout=15) as conn:
        # The worker may answer and close before taking all of it; its answer is still readable.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            conn.sendall(head + first_megabyte)
        answer = b""
        with contextlib.suppress(ConnectionResetError):
            while b"\r\n" not in answer and (chunk := conn.recv(4096)):
                answer += chunk
    return answer.split(b"\r\n", 1)[0]


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_50_mb_post_is_refused_without_being_read(worker: Worker, framing: str) -> None:
    refused = metric_value(worker, "newsalert_ingest_requests_total", status="413")
    assert post_huge(worker, framing).startswith(b"HTTP/1.1 413")
    assert metric_value(worker, "newsalert_ingest_requests_total", status="413") == refused + 1  # our check said so
    assert httpx.get(worker.url + "/health").status_code == 200


def test_a_50_mb_message_is_dead_lettered_and_the_next_article_is_matched(worker: Worker) -> None:
    # Tansu takes a 50 MB record (Kafka's own default would refuse anything over 1 MB); the worker's
    # consumer still fetches it, since a fetch always returns at least the first record batch whatever its size.
    marker = uuid.uuid4().hex
    huge = json.dumps({"title": "huge", "body": "x" * FIFTY_MB}).encode()
    after = article("Homs", "after-huge-" + marker)
    before = deadletter_counts(worker).get(("match", "too_large"), 0)

    async def go() -> None:
        client = AIOKafkaProducer(bootstrap_servers=worker.bootstrap, acks="all", max_request_size=len(huge) + 65536)
        await client.start()
        try:
            await client.send_and_wait(worker.topic("articles"), huge, key=f"huge-{marker}".encode())
            await client.send_and_wait(worker.topic("articles"), encode_article(after), key=after.id.encode())
        finally:
            await client.stop()

    asyncio.run(go())
    wait_for(worker.bootstrap, worker.topic("matches"), lambda ms: bool(matches_of(ms, after.id)), timeout=60)
    [letter] = [r for r in records(worker.bootstrap, worker.topic("deadletter")) if r["key"] == f"huge-{marker}"]
    assert (letter["stage"], letter["reason"]) == ("match", "too_large")
    assert letter["size"] == len(huge) and letter["truncated"] is True
    assert len(letter["payload"].encode()) == 64 * 1024  # a bounded copy, not the 50 MB
    assert deadletter_counts(worker).get(("match", "too_large"), 0) == before + 1
    assert worker.process is not None and worker.process.poll() is None


def test_faust_internal_pages_are_not_served(worker: Worker) -> None:
    # Faust's /table pages would hand out raw story records (sources, evidence) without a token.
    for path in ("/table/", "/table/stories/", "/router/", "/graph/", "/stats/"):
        assert httpx.get(worker.url + path).status_code == 404, path
    assert httpx.get(worker.url + "/metrics").status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.binary(max_size=3000)
    | st.builds(json.dumps, article_like | st.lists(article_like, max_size=3)).map(str.encode)
)
def test_fuzz_http_ingest_answers_each_body_with_a_clear_status(worker: Worker, body: bytes) -> None:
    answer = httpx.post(
        worker.url + "/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
    )
    assert answer.status_code in (202, 400, 413), answer.text
    assert set(answer.json()) == ({"ids"} if answer.status_code == 202 else {"error"})
