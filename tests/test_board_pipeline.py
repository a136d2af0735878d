"""The board's pages and `newsalert alerts` on a real worker: listing, acknowledging, silencing (delivery held back
until the silence ends), the state surviving a restart, and hostile requests."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from streams.articles.model import Article
from streams.harness import WorkerProcess, newsalert
from tests.test_alert_pipeline import send
from tests.workers import records, running_worker

RULE = """
entities:
  depot:
    d1: {name: North Depot, aliases: [north depot]}
rules:
  - id: depot-seized
    title: "{depot}: seized"
    severity: high
    when:
      all:
        - entity: depot
        - any: [seized, captured, overran]
          near: depot
    group_by: [depot]
    cooldown: 1s
    window: 1h
"""
# Each in its own words and from its own outlet, so each is new evidence that notifies once the cooldown passed.
ARTICLES = [
    ("Alpha Daily", "Fighters seized the north depot", "Armed fighters seized the north depot before dawn on Monday."),
    ("Beta Post", "North depot captured", "Residents said a militia captured the north depot after a short fight."),
    ("Gamma News", "Militia overran north depot", "Witnesses reported that gunmen overran the north depot at noon."),
]


def article(index: int) -> Article:
    source, title, body = ARTICLES[index]
    return Article.create(title=title, body=body, url=f"https://news{index}.example/depot", source=source)


def until(what: Callable[[], Any], timeout: float = 30.0) -> Any:
    """``what()`` once it is truthy; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        found = what()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not met in {timeout:.0f} s")
        time.sleep(0.3)


def stories(worker: WorkerProcess, **query: str) -> list[dict[str, Any]]:
    answer = httpx.get(worker.url + "/stories", params=query, timeout=10)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()["stories"]
    return found


def cli(worker: WorkerProcess, *args: str, kafka: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(worker.env) if kafka else {**worker.env, "KAFKA_BOOTSTRAP": ""}
    process = newsalert(*args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


@pytest.fixture
def depot_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "depot.yaml").write_text(RULE, encoding="utf-8")
    return rules


def test_a_silenced_story_delivers_nothing_until_the_silence_ends(
    kafka: str, tmp_path: Path, depot_rules: Path
) -> None:
    env = {"NEWSALERT_RULES": str(depot_rules), "NEWSALERT_PARTITIONS": "2"}
    with running_worker(kafka, "board.", tmp_path, **env) as worker:
        alerts_topic = worker.topic("alerts")

        def delivered() -> list[int]:
            return [a["revision"] for a in records(kafka, alerts_topic)]

        asyncio.run(send(worker, article(0)))
        until(lambda: delivered() == [1])
        listed = cli(worker, "alerts", "--json", "--rule", "depot-seized")
        assert listed.returncode == 0, listed.stderr
        [story] = json.loads(listed.stdout)
        assert story["title"] == "North Depot: seized" and story["state"] == "open" and story["revision"] == 1

        # silenced through Kafka (the command reads the stories and writes the action itself)
        silenced = cli(worker, "alerts", "silence", story["id"][:8], "--for", "1h", "--by", "night desk")
        assert silenced.returncode == 0, silenced.stderr
        assert "silenced until" in silenced.stdout
        until(lambda: stories(worker)[0]["silenced_until"])
        asyncio.run(send(worker, article(1)))
        until(lambda: stories(worker)[0]["revision"] == 2)
        held = httpx.get(worker.url + "/metrics").text
        assert 'newsalert_alerts_silenced_total{kind="updated",rule="depot-seized"} 1.0' in held
        assert delivered() == [1]  # revision 2 was held back

        # acknowledged and the silence lifted through the worker's page (--url)
        acked = cli(worker, "alerts", "ack", story["id"], "--url", worker.url, kafka=False)
        assert acked.returncode == 0, acked.stderr
        lifted = cli(worker, "alerts", "silence", story["id"], "--for", "0s", "--url", worker.url, kafka=False)
        assert lifted.returncode == 0 and "silence lifted" in lifted.stdout, lifted.stderr
        until(lambda: stories(worker)[0]["acknowledged"] and not stories(worker)[0]["silenced_until"])
        asyncio.run(send(worker, article(2)))
        until(lambda: delivered() == [1, 3])

        # silenced again, then the worker restarts: the state is in the table's changelog
        answer = httpx.post(
            worker.url + f"/stories/{story['id']}/silence", json={"for": "2h", "by": "desk"}, timeout=10
        )
        assert answer.status_code == 202, answer.text
        until(lambda: stories(worker)[0]["silenced_until"])
    with running_worker(kafka, "board.", tmp_path, **env) as restarted:
        [after] = stories(restarted)
        assert after["acknowledged"] and after["silenced_by"] == "desk" and after["silenced_until"]
        assert after["revision"] == 3 and after["news_since_ack"]  # acknowledged at revision 2
        shown = cli(restarted, "alerts", "--url", restarted.url, kafka=False)
        assert shown.returncode == 0, shown.stderr
        assert "North Depot: seized" in shown.stdout and "acknowledged" in shown.stdout
        assert "silenced until" in shown.stdout


@pytest.fixture(scope="module")
def idle_worker(kafka: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    with running_worker(kafka, "board-hostile.", tmp_path_factory.mktemp("hostile")) as worker:
        yield worker


@pytest.mark.parametrize(
    ("path", "status", "said"),
    [
        ("/stories?severity=urgent", 400, "severity 'urgent' is not one of"),
        ("/stories?limit=-1", 400, "is not a whole number"),
        ("/stories?limit=99999999999999999999", 400, "is not a whole number"),
        ("/stories?nonsense=1", 400, "unknown parameter"),
        ("/stories?place=" + "x" * 7000, 400, "give at most"),
        ("/stories?state=open&state=resolved", 200, ""),
        ("/stories?rule=%00%ff%fe", 200, ""),
        ("/board/..%2f..%2fweb.py", 404, ""),
        ("/board/view.py", 404, "no board asset"),
    ],
)
def test_hostile_board_requests_get_clear_answers(
    idle_worker: WorkerProcess, path: str, status: int, said: str
) -> None:
    answer = httpx.get(idle_worker.url + path, timeout=10)
    assert answer.status_code == status, answer.text
    assert said in answer.text


def test_hostile_actions_get_clear_answers(idle_worker: WorkerProcess) -> None:
    url = idle_worker.url + "/stories/abcdef012345/"
    json_type = {"Content-Type": "application/json"}
    for action, body, headers, status, said in (
        ("ack", b"{}", {"Content-Type": "text/plain"}, 415, "send the action as JSON"),
        ("ack", b"{}", {}, 415, "send the action as JSON"),
        ("delete", b"{}", json_type, 400, "unknown action"),
        ("silence", b'{"for": "forever"}', json_type, 400, "is not a duration"),
        ("silence", b"[", json_type, 400, "not JSON"),
        ("ack", b" " * 100_000, json_type, 400, "too large"),
        ("ack", b"{}", json_type, 404, "no open story has the id"),
    ):
        answer = httpx.post(url + action, content=body, headers=headers, timeout=10)
        assert answer.status_code == status, (action, body[:20], answer.text)
        assert said in answer.json()["error"]
    assert httpx.get(idle_worker.url + "/health", timeout=10).status_code == 200  # still serving


def test_board_page_and_assets_come_from_the_package(idle_worker: WorkerProcess) -> None:
    page = httpx.get(idle_worker.url + "/", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/board/board.js", "/board/board.css"):
        assert asset in page.text
        assert httpx.get(idle_worker.url + asset, timeout=10).status_code == 200
    assert "http" not in page.text.replace("http-equiv", "")  # nothing fetched from elsewhere
    board = cli(idle_worker, "board", "--no-browser", "--url", idle_worker.url)
    assert board.returncode == 0 and board.stdout.strip() == idle_worker.url + "/"
