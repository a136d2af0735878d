"""Turning an analyst's request (the board's buttons, ``newsalert alerts ack|silence``) into a story action.

Pure: the caller reads the stories and sends the action (:class:`~streams.alerting.attention.StoryAction`)
on the ``actions`` topic, keyed by :func:`action_key` so it reaches the partition of the story's matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

from streams.alerting.attention import MAX_BY, MAX_SILENCE_DAYS, ActionKind, StoryAction
from streams.board.view import StoredStory, find_story
from streams.errors import BadQuery, StoryNotFound
from streams.ruleset.durations import parse_duration

# An action's body is a few short fields.
MAX_ACTION_BYTES = 4096
DEFAULT_SILENCE = "1h"


def parse_kind(text: str) -> ActionKind:
    """The action a path names (``ack``, ``silence``); :class:`BadQuery` for any other."""
    try:
        return ActionKind(text)
    except ValueError:
        raise BadQuery(f"unknown action {text[:40]!r}; the actions are {', '.join(ActionKind)}") from None


def silence_for(text: str) -> timedelta:
    """How long a silence lasts, as ``--for`` gives it (``2h``, ``30m``, ``0s`` to lift one)."""
    try:
        duration = parse_duration(text[:40])
    except ValueError:
        raise BadQuery(f"{text[:40]!r} is not a duration; write it like 30m, 2h or 1d (0s lifts a silence)") from None
    if duration > timedelta(days=MAX_SILENCE_DAYS):
        raise BadQuery(f"a silence lasts at most {MAX_SILENCE_DAYS} days; {text[:40]!r} is longer")
    return duration


def parse_action_body(body: bytes) -> tuple[str, str]:
    """``(for, by)`` from a ``POST /stories/ID/ACTION`` body: ``{"for": "2h", "by": "desk"}``, both optional."""
    if len(body) > MAX_ACTION_BYTES:
        raise BadQuery(f'the body is over {MAX_ACTION_BYTES} bytes; send {{"for": "2h", "by": "name"}}')
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise BadQuery('the body is not JSON; send {"for": "2h", "by": "name"}') from None
    if not isinstance(data, dict):
        raise BadQuery('the body is not a JSON object; send {"for": "2h", "by": "name"}')
    duration, by = data.get("for", DEFAULT_SILENCE), data.get("by", "")
    if not isinstance(duration, str) or not isinstance(by, str):
        raise BadQuery('"for" and "by" must be strings, e.g. {"for": "2h", "by": "name"}')
    return duration, by


def story_action(
    stories: Iterable[StoredStory], story_id: str, kind: ActionKind, now: datetime, *, duration: str, by: str
) -> StoryAction:
    """The action ``kind`` on the open story ``story_id`` (its id or a prefix of at least 6 characters).

    Raises :class:`StoryNotFound` when no open story (or more than one) has that id.
    """
    silence = silence_for(duration) if kind is ActionKind.silence else None  # checked before the lookup
    stored = find_story(stories, story_id)
    if stored is None:
        raise StoryNotFound(
            f"no open story has the id {story_id[:40]!r} (give the whole id or its first 6 characters or more; "
            "`newsalert alerts` lists them, and a resolved story takes no action)"
        )
    # A silence for no time lifts one.
    until = now + silence if silence else None
    return StoryAction(
        story_id=stored.story.alert_id,
        story_key=stored.key,
        kind=kind,
        at=now,
        until=until,
        by=" ".join(by.split())[:MAX_BY],
    )


def action_key(action: StoryAction) -> bytes:
    """The ``actions`` key of ``action``: its story's key, as ``matches`` keys its matches."""
    return action.story_key.encode()
