"""A volume rule end to end: a frequency rule alerts once after its count, and its counts survive a restart."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from streams.articles.model import Article
from streams.harness import WorkerProcess as Worker
from tests.test_alert_pipeline import SECRET, Received, hook_config, receiver, send  # noqa: F401 (a fixture)
from tests.workers import ThreadedServer, records, running_worker, wait_for

RULES = """\
entities:
  place:
    benghazi: [Benghazi, بنغازي]
rules:
  - id: benghazi-unrest
    title: "{place}: a wave of unrest reports"
    when: {all: [{entity: place}, {any: [clashes, gunfire], near: place}]}
    group_by: [place]
    frequency: {count: 3, within: 1h}
    examples:
      match: ["Clashes broke out in Benghazi."]
"""
PREFIX = "volume."


def report(n: int, source: str) -> Article:
    """An article of its own about unrest in Benghazi (written for this test)."""
    return Article.create(
        title=f"Unrest report {n}",
        body=f"Residents described gunfire and clashes in Benghazi for the {n}th night, said {source}.",
        url=f"https://{source}.example/benghazi/{n}",
        source=source,
    )


def counted(kafka: str, worker: Worker, articles: int) -> None:
    """Wait until the volume state of Benghazi, in the stories changelog, has counted ``articles`` articles."""

    def holds(changes: list[dict[str, object]]) -> bool:
        states = [c for c in changes if "times" in c and c.get("group_key") == "place=benghazi"]
        return bool(states) and len(states[-1]["recent_articles"]) == articles  # type: ignore[arg-type]

    wait_for(kafka, f"{worker.prefix.strip('.')}-stories-changelog", holds, 60)


@contextmanager
def volume_worker(kafka: str, prefix: str, tmp_path: Path, server: ThreadedServer, rules_text: str) -> Iterator[Worker]:
    """A running worker with ``rules_text`` as its only rule file and its webhook on ``server``, ticking every
    second; started again on the same ``tmp_path`` and ``prefix``, it recovers the state the last one left."""
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    (rules / "volume.yaml").write_text(rules_text, encoding="utf-8")
    env = {
        "NEWSALERT_CONFIG": str(hook_config(tmp_path, "resolve_interval: 1s\n")),
        "NEWSALERT_RULES": str(rules),
        "TEST_HOOK_URL": server.url + "/hook",
        "TEST_HOOK_SECRET": SECRET,
    }
    with running_worker(kafka, prefix, tmp_path, **env) as worker:
        yield worker


def test_a_frequency_rule_alerts_once_after_its_count_and_its_counts_survive_a_restart(
    kafka: str,
    tmp_path: Path,
    receiver: tuple[ThreadedServer, Received],  # noqa: F811 (the fixture imported above)
) -> None:
    server, received = receiver
    with volume_worker(kafka, PREFIX, tmp_path, server, RULES) as worker:
        asyncio.run(send(worker, report(1, "gulf"), report(2, "sahel")))
        counted(kafka, worker, 2)
    assert records(kafka, worker.topic("alerts")) == []

    # A new worker recovers the two counted articles from the changelog: the third makes the count.
    with volume_worker(kafka, PREFIX, tmp_path, server, RULES) as worker:
        asyncio.run(send(worker, report(3, "nile")))
        wait_for(kafka, worker.topic("alerts"), lambda alerts: len(alerts) >= 1, 60)
        wait_for(kafka, worker.topic("alerts"), lambda alerts: len(received) >= len(alerts), 30)
        asyncio.run(send(worker, report(4, "gulf")))
        counted(kafka, worker, 4)  # counted, and the story follows it silently
        alerts = records(kafka, worker.topic("alerts"))
        # The board lists it like any story (its counts are not a story of their own).
        board = httpx.get(worker.url + "/stories", timeout=10).json()["stories"]

    [opened] = alerts
    assert opened["kind"] == "opened" and opened["rule"] == "benghazi-unrest"
    assert opened["title"] == "Benghazi: a wave of unrest reports" and opened["article_count"] == 3
    assert opened["volume"]["kind"] == "frequency" and opened["volume"]["needs"] == 3
    assert {a["source"] for a in opened["articles"]} == {"gulf", "sahel", "nile"}
    [(_, body)] = received
    assert json.loads(body)["data"]["alert"]["id"] == opened["id"]
    [listed] = board
    assert listed["rule"] == "benghazi-unrest" and listed["id"] == opened["id"]


def test_a_flatline_fires_on_the_clock_and_resolves_when_articles_come_back(
    kafka: str,
    tmp_path: Path,
    receiver: tuple[ThreadedServer, Received],  # noqa: F811 (the fixture imported above)
) -> None:
    server, received = receiver
    flatline = RULES.replace("benghazi-unrest", "benghazi-quiet").replace(
        "frequency: {count: 3, within: 1h}", "flatline: {below: 1, within: 3s}"
    )
    with volume_worker(kafka, "flatline.", tmp_path, server, flatline) as worker:
        asyncio.run(send(worker, report(1, "gulf")))
        # Nothing more arrives: a tick at least 3 s later finds Benghazi silent.
        wait_for(kafka, worker.topic("alerts"), lambda alerts: len(alerts) >= 1, 60)
        asyncio.run(send(worker, report(2, "sahel")))
        alerts = wait_for(kafka, worker.topic("alerts"), lambda alerts: len(alerts) >= 2, 60)
        wait_for(kafka, worker.topic("alerts"), lambda alerts: len(received) >= len(alerts), 30)

    opened, resolved = alerts[:2]
    assert (opened["kind"], resolved["kind"]) == ("opened", "resolved") and opened["id"] == resolved["id"]
    assert opened["volume"] == {"kind": "flatline", "count": 0, "sources": 0, "within_seconds": 3.0, "below": 1}
    assert opened["articles"][0]["source"] == "gulf"  # the last heard of it
    assert len(received) == 2
