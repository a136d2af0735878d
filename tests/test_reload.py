"""Hot rule reload in a running worker: an edit applies within seconds, a broken edit keeps the old rules."""

from __future__ import annotations

import asyncio
import gc
import re
import time
import uuid
import weakref
from pathlib import Path

import httpx

from streams.app import settle_rules
from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.harness import WorkerProcess as Worker
from streams.kafka import producer
from tests.workers import records, running_worker

RULE = """rules:
  - id: {rule_id}
    title: "Volcano erupts"
    severity: high
    when: [{word}]
"""


def send(worker: Worker, article: Article) -> None:
    async def go() -> None:
        async with producer(worker.bootstrap) as client:
            await client.send_and_wait(worker.topic("articles"), encode_article(article), key=article.id.encode())

    asyncio.run(go())


def matched_by(worker: Worker, rule: str, word: str, timeout: float = 30.0) -> bool:
    """Send fresh articles containing ``word`` until one is matched by ``rule`` (or ``timeout`` passes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        article = Article.create(title=f"News {uuid.uuid4().hex}", body=f"Reports of a {word} this morning.")
        send(worker, article)
        for _ in range(10):
            if any(
                m["article_id"] == article.id and m["rule"] == rule
                for m in records(worker.bootstrap, worker.topic("matches"))
            ):
                return True
            time.sleep(0.3)
    return False


def metric(worker: Worker, name: str) -> float:
    found = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", httpx.get(worker.url + "/metrics").text, re.M)
    return float(found.group(1)) if found else 0.0


def test_rule_edits_apply_without_restart_and_broken_edits_are_rejected(kafka: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule_file = rules / "volcano.yaml"
    rule_file.write_text(RULE.format(rule_id="volcano", word="eruption"))
    with running_worker(kafka, "reload.", tmp_path, NEWSALERT_RULES=str(rules), NEWSALERT_PARTITIONS="1") as worker:
        assert matched_by(worker, "volcano", "eruption")
        assert metric(worker, "newsalert_rules_loaded") == 1

        rule_file.write_text(
            RULE.format(rule_id="volcano", word="lava") + RULE.format(rule_id="ash", word="ash").replace("rules:\n", "")
        )
        assert matched_by(worker, "ash", "ash")
        assert metric(worker, "newsalert_rules_loaded") == 2
        assert metric(worker, 'newsalert_rule_reloads_total{outcome="applied"}') == 1

        rule_file.write_text("rules:\n  - id: broken\n    when: [lava\n")  # unclosed flow sequence
        deadline = time.monotonic() + 20
        while metric(worker, 'newsalert_rule_reloads_total{outcome="rejected"}') < 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert metric(worker, 'newsalert_rule_reloads_total{outcome="rejected"}') == 1
        assert matched_by(worker, "ash", "ash")  # the previous rules stay in force
        assert metric(worker, "newsalert_rules_loaded") == 2

        # A control character makes YAML's reader fail before parsing: rejected like any broken edit.
        (rules / "bell.yaml").write_bytes(b"rules: []\n# \x07\n")
        deadline = time.monotonic() + 20
        while metric(worker, 'newsalert_rule_reloads_total{outcome="rejected"}') < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert metric(worker, 'newsalert_rule_reloads_total{outcome="rejected"}') == 2
        assert matched_by(worker, "ash", "ash")
        (rules / "bell.yaml").unlink()

        rule_file.write_text(RULE.format(rule_id="volcano", word="eruption"))  # fixed: applied again
        deadline = time.monotonic() + 20
        while metric(worker, "newsalert_rules_loaded") != 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert metric(worker, 'newsalert_rule_reloads_total{outcome="applied"}') == 2
    log = worker.log.read_text()
    assert f"{rule_file}:" in log and "rejected" in log  # the file (and line) is in the worker's log
    assert f"{rules / 'bell.yaml'}:2:3: error: character U+0007 is not allowed" in log


def test_every_worker_of_a_group_applies_an_edit(kafka: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule_file = rules / "volcano.yaml"
    rule_file.write_text(RULE.format(rule_id="volcano", word="eruption"))
    env = {"NEWSALERT_RULES": str(rules), "NEWSALERT_PARTITIONS": "2"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        running_worker(kafka, "reload2.", tmp_path / "a", **env) as first,
        running_worker(kafka, "reload2.", tmp_path / "b", **env) as second,
    ):
        rule_file.write_text(
            RULE.format(rule_id="volcano", word="eruption")
            + RULE.format(rule_id="ash", word="ash").replace("rules:\n", "")
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not all(
            metric(w, "newsalert_rules_loaded") == 2 for w in (first, second)
        ):
            time.sleep(0.5)
        for worker in (first, second):
            assert metric(worker, "newsalert_rules_loaded") == 2
            assert metric(worker, 'newsalert_rule_reloads_total{outcome="applied"}') == 1
        # whichever worker holds the partition an article lands on, the new rule matches it
        assert matched_by(first, "ash", "ash")


class _Node:
    """An object in a reference cycle, as compiled rules are: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_settled_rules_stay_out_of_collections_and_replaced_ones_are_freed() -> None:
    rules = _Node()
    replaced = weakref.ref(rules)
    try:
        settle_rules()
        assert gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        gc.collect()
        assert gc.get_freeze_count() == frozen  # a full collection no longer walks them
        del rules
        settle_rules()  # what the reload does once the new rules are in force
        assert replaced() is None
    finally:
        gc.unfreeze()
