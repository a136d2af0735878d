"""Control state end to end: Arabic and English reports of one change are one alert; GET /state and `newsalert state`."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import httpx
from standardwebhooks.webhooks import Webhook

from streams.articles.model import Article
from streams.harness import newsalert
from tests.test_alert_pipeline import SECRET, Received, hook_config, receiver, send  # noqa: F401  (fixture)
from tests.workers import ThreadedServer, running_worker, wait_for

ENGLISH = Article.create(
    title="Opposition fighters enter Homs",
    body="Opposition fighters entered the city of Homs on Saturday evening after government forces withdrew "
    "from their positions, residents said.",
    url="https://levant-wire.example/homs",
    source="Levant Wire",
    lang="en",
)
ARABIC = Article.create(
    title="فصائل المعارضة تدخل حمص",
    body="دخلت فصائل المعارضة المسلحة مدينة حمص مساء السبت بعد انسحاب قوات النظام من مواقعها في المدينة.",
    url="https://sham-radio.example/homs",
    source="Al-Sham Radio",
    lang="ar",
)
# Agrees with known control (HTS has held Idlib for years): no change, no alert.
IDLIB = Article.create(
    title="Parade in Idlib",
    body="HTS fighters entered Idlib city for a military parade on Friday.",
    url="https://gulf.example/idlib",
    source="Gulf Observer",
    lang="en",
)
# Denies a change nobody reported: nothing to dispute, no alert.
HAMA_DENIAL = Article.create(
    title="Army denies withdrawal",
    body="The Syrian army denied that it had withdrawn from Hama.",
    url="https://state-tv.example/hama",
    source="State TV",
    lang="en",
)


def test_one_change_reported_in_two_languages_is_one_alert_and_the_map_shows_it(
    kafka: str,
    tmp_path: Path,
    receiver: tuple[ThreadedServer, Received],  # noqa: F811
) -> None:
    server, received = receiver
    env = {
        "NEWSALERT_CONFIG": str(hook_config(tmp_path)),
        "TEST_HOOK_URL": server.url + "/hook",
        "TEST_HOOK_SECRET": SECRET,
        "NEWSALERT_PARTITIONS": "2",
    }
    with running_worker(kafka, "control.", tmp_path, **env) as worker:
        asyncio.run(send(worker, IDLIB, HAMA_DENIAL, ENGLISH, ARABIC))
        wait_for(kafka, worker.topic("alerts"), lambda alerts: any(a["revision"] == 2 for a in alerts), 60)
        # every article matched (the Idlib one and the denial too) before looking at what was not alerted
        wait_for(
            kafka,
            worker.topic("matches"),
            lambda ms: {m["article_id"] for m in ms} >= {IDLIB.id, HAMA_DENIAL.id, ENGLISH.id, ARABIC.id},
            30,
        )
        alerts = wait_for(kafka, worker.topic("alerts"), lambda alerts: len(received) >= len(alerts), 30)
        state = httpx.get(worker.url + "/state", timeout=10).json()["places"]
        metrics = httpx.get(worker.url + "/metrics", timeout=10).text
        table = newsalert("state", env=worker.env, stdout=-1, stderr=-1)
        out, err = table.communicate(timeout=60)
        listing = newsalert("state", "--json", env=worker.env, stdout=-1, stderr=-1)
        listed, _ = listing.communicate(timeout=60)

    assert {a["group_key"] for a in alerts} == {"place=homs"}  # no alert for Idlib or Hama
    assert len({a["id"] for a in alerts}) == 1
    bodies = [Webhook(SECRET).verify(body, headers)["data"]["alert"] for headers, body in received]
    assert [a["kind"] for a in bodies] == ["opened", "escalated"]
    assert bodies[0]["title"].startswith("Homs: Syrian army → opposition factions (unconfirmed: 1 source")
    assert bodies[1]["title"].startswith("Homs: Syrian army → opposition factions (confirmed: 2 sources")
    final = bodies[1]
    # the two articles are on different partitions of `articles`: either may be matched first
    assert sorted(final["control"]["sources"]) == ["Al-Sham Radio", "Levant Wire"]
    languages = {article["url"] for article in final["articles"]}
    assert languages == {ENGLISH.url, ARABIC.url}  # both languages' evidence in one alert
    evidence = " ".join(e["text"] for article in final["articles"] for e in article["evidence"])
    assert "Homs" in evidence and "حمص" in evidence

    places = {entry["place"]: entry for entry in state}
    homs = places["homs"]
    assert (homs["previous"], homs["controller"], homs["status"]) == ("army", "opposition", "confirmed")
    assert {a["url"] for a in homs["articles"]} == {ENGLISH.url, ARABIC.url}
    assert (places["idlib"]["controller"], places["idlib"]["status"]) == ("hts", "known")
    assert (places["hama"]["controller"], places["hama"]["status"]) == ("army", "known")

    claims = dict(re.findall(r'^newsalert_control_claims_total\{change="(\w+)"\} ([0-9.]+)$', metrics, re.M))
    assert claims == {"none": "2.0", "changed": "1.0", "confirmed": "1.0"}

    assert table.returncode == 0, err
    homs_line = next(line for line in out.splitlines() if line.startswith("Homs "))
    assert "Syrian army → opposition factions" in homs_line and "confirmed" in homs_line
    assert json.loads(listed) == state
