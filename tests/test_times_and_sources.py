"""Time and sources end to end: stories dated by their articles, stale re-ingest, anonymous articles, token sources."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from streams.articles.model import Article
from tests.test_alert_pipeline import send
from tests.workers import running_worker, wait_for


def article(body: str, source: str | None, published: datetime | None, slug: str) -> Article:
    url = f"https://{source.lower().replace(' ', '-')}.example/{slug}" if source else None
    return replace(Article.create(title="", body=body, url=url, source=source, lang="en"), published_at=published)


def test_stories_are_dated_by_their_articles_and_old_or_anonymous_ones_never_alert(kafka: str, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    # The December 2024 report of Homs changing hands, ingested again today: recorded, no alert.
    old = article(
        "Opposition fighters entered the city of Homs on Saturday evening after government forces withdrew "
        "from their positions, residents said.",
        "Levant Wire",
        datetime(2024, 12, 7, 16, 40, tzinfo=UTC),
        "homs-2024",
    )
    hama = article(
        "Rebels seized Hama on Thursday, a military source said.", "Levant Wire", now - timedelta(hours=1), "h"
    )
    # No source and no link: evidence of the Hama story, never a second outlet that would confirm it.
    anonymous = article(
        "Opposition fighters took control of Hama overnight, residents told our reporter by phone.", None, None, "h2"
    )
    # A date in the future counts as the arrival.
    aleppo = article(
        "Rebel fighters captured Aleppo's citadel and the city centre on Friday, witnesses said.",
        "Gulf Observer",
        datetime(2099, 1, 1, tzinfo=UTC),
        "aleppo",
    )
    with running_worker(kafka, "times.", tmp_path, NEWSALERT_PARTITIONS="1") as worker:
        asyncio.run(send(worker, old, hama, anonymous, aleppo))
        # One partition: the Aleppo alert is written after every earlier article was applied.
        alerts = wait_for(
            kafka, worker.topic("alerts"), lambda alerts: any("aleppo" in a["group_key"] for a in alerts), 90
        )
        state = {p["place"]: p for p in httpx.get(worker.url + "/state", timeout=10).json()["places"]}
        metrics = httpx.get(worker.url + "/metrics", timeout=10).text
    after = datetime.now(UTC)

    assert [(a["group_key"], a["kind"]) for a in alerts] == [("place=hama", "opened"), ("place=aleppo", "opened")]
    hama_alert, aleppo_alert = alerts
    assert datetime.fromisoformat(hama_alert["first_seen"]) == hama.published_at
    assert now <= datetime.fromisoformat(aleppo_alert["first_seen"]) <= after

    stale = re.findall(r'^newsalert_stale_matches_total\{rule="([^"]+)"\} ([0-9.]+)$', metrics, re.M)
    assert stale == [("city-control-change", "1.0")]
    # The old report still says who held Homs from its own date.
    assert (state["homs"]["controller"], state["homs"]["since"]) == ("opposition", "2024-12-07T16:40:00+00:00")
    assert state["hama"]["status"] == "unconfirmed" and state["hama"]["sources"] == ["Levant Wire"]
    assert len(state["hama"]["articles"]) == 2


def test_a_producer_token_gives_its_articles_their_source(kafka: str, tmp_path: Path) -> None:
    config = tmp_path / "newsalert.yaml"
    config.write_text(
        "ingest_tokens:\n  - {name: Levant Wire, token: '${LEVANT_TOKEN}'}\n  - {token: '${AGGREGATOR_TOKEN}'}\n"
    )
    levant, aggregator = "levant-" + "x" * 20, "aggregator-" + "y" * 20
    env = {"NEWSALERT_CONFIG": str(config), "LEVANT_TOKEN": levant, "AGGREGATOR_TOKEN": aggregator}
    hama = {"title": "Rebels seize Hama", "body": "Rebels seized Hama on Thursday, a military source said."}
    relayed = {**hama, "title": "Rebels seize Hama (relayed)", "source": "Gulf Observer"}
    with running_worker(kafka, "tokens.", tmp_path, NEWSALERT_PARTITIONS="1", **env) as worker:
        url = worker.url + "/articles"

        def post(article: dict[str, str], token: str | None) -> httpx.Response:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return httpx.post(url, json=article, headers=headers, timeout=30)

        assert post(hama, None).status_code == 401
        refused = post({**hama, "source": "Gulf Observer"}, levant)
        assert refused.status_code == 403 and "this token sends as 'Levant Wire'" in refused.json()["error"]
        sent = post(hama, levant)
        kept = post(relayed, aggregator)
        assert (sent.status_code, kept.status_code) == (202, 202)
        ids = {sent.json()["ids"][0]: "Levant Wire", kept.json()["ids"][0]: "Gulf Observer"}
        matches = wait_for(kafka, worker.topic("matches"), lambda ms: set(ids) <= {m["article_id"] for m in ms}, 60)
        log = worker.log.read_text()
    assert {m["article_id"]: m["source"] for m in matches if m["article_id"] in ids} == ids
    assert levant not in log and aggregator not in log
