"""``newsalert alerts [--json]``, ``newsalert alerts ack|silence STORY`` and ``newsalert board``.

The stories come from Kafka (the ``stories`` table's changelog) when a broker is configured, else from a
worker's ``GET /stories`` page: ``--url``, the ``newsalert run`` on this machine, or ``web.host:web.port``.
Actions go the same way: straight onto the ``actions`` topic, or through the worker's page.
"""

from __future__ import annotations

import asyncio
import os
import sys
import webbrowser
from datetime import UTC, datetime
from typing import Any

import httpx

from streams.alerting.attention import ActionKind
from streams.board.actions import action_key, story_action
from streams.board.view import parse_filters, select, story_view
from streams.config import Settings
from streams.display import format_stories, json_text, terminal_safe
from streams.errors import BadQuery, StateUnavailable, StoryNotFound
from streams.exitcodes import ExitCode
from streams.local import running_run
from streams.records import to_json


def worker_url(settings: Settings, url: str | None) -> str:
    """The base URL of the worker to ask: ``url``, else this machine's ``newsalert run``, else ``web.host:web.port``."""
    if url:
        return url.rstrip("/")
    run = running_run(settings)
    return run.web if run else f"http://{settings.web_host}:{settings.web_port}"


def _ask(url: str, *, body: dict[str, Any] | None = None, token: str | None = None) -> Any:
    """The JSON answer of a worker's page (a POST of ``body`` when given); the page's own error as ours."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        answer = httpx.request("POST" if body is not None else "GET", url, json=body, headers=headers, timeout=10.0)
    except httpx.HTTPError as error:
        raise StateUnavailable(
            f"cannot reach {url}: {error}; start `newsalert run` or a worker, pass --url, or set "
            "KAFKA_BOOTSTRAP to read Kafka instead"
        ) from None
    try:
        data = answer.json()
    except ValueError:
        data = {}
    said = str(data.get("error", answer.reason_phrase)) if isinstance(data, dict) else answer.reason_phrase
    if answer.status_code == 404 and body is not None:
        raise StoryNotFound(said)
    if answer.status_code in (400, 401, 415):
        raise BadQuery(f"{url}: {said}")
    if answer.status_code >= 300:
        raise StateUnavailable(f"{url} answered {answer.status_code}: {said}")
    return data


def list_stories(settings: Settings, query: dict[str, str], *, url: str | None, as_json: bool) -> int:
    """``newsalert alerts``: the stories the filters in ``query`` keep, newest first."""
    filters = parse_filters(query)  # checked here too, so a bad filter is refused before anything is read
    if settings.kafka_bootstrap and not url:
        from streams.ruleset.loader import load_rules
        from streams.state import read_stories

        ruleset = load_rules(settings.rules)
        views = [story_view(stored, ruleset) for stored in asyncio.run(read_stories(settings))]
        stories = select(views, filters, datetime.now(UTC))
    else:
        base = worker_url(settings, url)
        stories = _ask(str(httpx.URL(f"{base}/stories", params=query)))["stories"]
    print(json_text(stories, indent=2) if as_json else format_stories(stories))
    return ExitCode.OK


def act(settings: Settings, story_id: str, kind: ActionKind, *, duration: str, by: str, url: str | None) -> int:
    """``newsalert alerts ack|silence STORY``: send the action, say what was sent."""
    if settings.kafka_bootstrap and not url:
        from streams.state import read_stories

        action = story_action(
            asyncio.run(read_stories(settings)), story_id, kind, datetime.now(UTC), duration=duration, by=by
        )
        asyncio.run(_send(settings, action_key(action), to_json(action)))
        sent = action.to_dict()
    else:
        token = settings.ingest_token.reveal() if settings.ingest_token else None
        base = worker_url(settings, url)
        sent = _ask(f"{base}/stories/{story_id}/{kind.value}", body={"for": duration, "by": by}, token=token)["action"]
    if kind is ActionKind.silence and sent["until"]:
        print(terminal_safe(f"story {sent['story_id']} silenced until {sent['until'][:16].replace('T', ' ')} UTC"))
    elif kind is ActionKind.silence:
        print(terminal_safe(f"story {sent['story_id']}: silence lifted"))
    else:
        print(terminal_safe(f"story {sent['story_id']} acknowledged"))
    return ExitCode.OK


async def _send(settings: Settings, key: bytes, value: bytes) -> None:
    from streams.kafka import producer

    assert settings.kafka_bootstrap
    async with producer(settings.kafka_bootstrap) as client:
        await client.send_and_wait(settings.topic("actions"), value, key=key)


def open_board(settings: Settings, *, url: str | None, browser: bool) -> int:
    """``newsalert board``: print the board's address and open it in a browser when there is one."""
    address = worker_url(settings, url) + "/"
    print(address)
    if browser and _has_browser():
        try:
            webbrowser.open(address)
        except webbrowser.Error as error:  # never a failure: the address is printed
            print(f"note: could not open a browser ({error}); open {address} yourself", file=sys.stderr)
    return ExitCode.OK


def _has_browser() -> bool:
    """Whether a browser can show a page here: a graphical session (or $BROWSER) and a browser Python finds.

    Without a display, a terminal browser or a headless one would take over or litter the terminal.
    """
    graphical = sys.platform in ("darwin", "win32") or any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")
    )
    if not graphical:
        return False
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True
