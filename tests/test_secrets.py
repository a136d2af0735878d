"""Secrets (webhook URLs, signing key, ingest token) never reach logs, errors, metrics or dead letters."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

import httpx
from aiohttp import web

from streams.config import load_settings
from streams.errors import ConfigError
from tests.workers import ThreadedServer, records, running_worker, wait_for

TOKEN = "tok-" + uuid.uuid4().hex
HOOK_PATH = "hookpath" + uuid.uuid4().hex
SLACK_PATH = "T000/B000/" + uuid.uuid4().hex
KEY = base64.b64encode(uuid.uuid4().bytes * 2).decode()
SECRET = "whsec_" + KEY


def test_secrets_stay_out_of_logs_metrics_and_dead_letters(kafka: str, tmp_path: Path) -> None:
    async def refuse(request: web.Request) -> web.Response:
        return web.Response(status=400, text="no")

    app = web.Application()
    app.router.add_post("/{tail:.*}", refuse)
    server = ThreadedServer(app)
    config = tmp_path / "newsalert.yaml"
    config.write_text(
        "default_notify: [hook, chat]\n"
        "destinations:\n"
        "  hook: {type: webhook, url: '${HOOK_URL}', secret: '${HOOK_SECRET}', timeout: 2}\n"
        "  chat: {type: slack, url: '${SLACK_URL}', timeout: 2}\n"
    )
    env = {
        "NEWSALERT_CONFIG": str(config),
        "NEWSALERT_INGEST_TOKEN": TOKEN,
        "HOOK_SECRET": SECRET,
        "HOOK_URL": f"{server.url}/{HOOK_PATH}",
        "SLACK_URL": f"{server.url}/{SLACK_PATH}",
    }
    try:
        with running_worker(kafka, "secrets.", tmp_path, NEWSALERT_PARTITIONS="1", **env) as worker:
            article = {"title": "Rebels seize Hama", "body": "Fighters seized Hama after the army withdrew."}
            assert (
                httpx.post(
                    worker.url + "/articles", json=article, headers={"Authorization": "Bearer " + TOKEN[:-1]}
                ).status_code
                == 401
            )
            assert (
                httpx.post(
                    worker.url + "/articles", json=article, headers={"Authorization": "Bearer " + TOKEN}
                ).status_code
                == 202
            )
            letters = wait_for(
                kafka, worker.topic("deadletter"), lambda ls: {l["destination"] for l in ls} >= {"hook", "chat"}, 60
            )
            metrics = httpx.get(worker.url + "/metrics").text
    finally:
        server.stop()
    everything = worker.log.read_text() + metrics + repr(letters) + repr(records(kafka, worker.topic("alerts")))
    for secret in (TOKEN, HOOK_PATH, SLACK_PATH, SECRET, KEY):
        assert secret not in everything


def test_config_errors_name_the_setting_not_the_secret(tmp_path: Path) -> None:
    config = tmp_path / "newsalert.yaml"
    config.write_text("destinations:\n  hook: {type: webhook, url: '${HOOK_URL}', secret: '${HOOK_SECRET}'}\n")
    bad_secret = "whsec_" + "A" * 7
    try:
        load_settings(config, {"HOOK_URL": f"https://example.org/{HOOK_PATH}", "HOOK_SECRET": bad_secret})
    except ConfigError as error:
        message = str(error)
    else:
        raise AssertionError("a malformed secret must be refused")
    assert "destinations.hook.secret" in message
    assert bad_secret not in message and HOOK_PATH not in message
