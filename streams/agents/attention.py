"""The attention agent: ``actions`` → the stories they name (acknowledged, silenced) in the ``stories`` table.

An action is keyed like the story's matches, so it arrives on the partition that holds the story and the
table change is written to that partition's changelog; what an action does is decided by
:func:`streams.alerting.attention.attend`. A bad record is dead-lettered with its reason.
"""

from __future__ import annotations

import logging
from typing import Any

from streams.alerting.attention import StoryAction, attend
from streams.alerting.story import Story
from streams.app import Pipeline
from streams.deadletter import DeadLetter
from streams.metrics import ACTIONS
from streams.records import from_json

log = logging.getLogger(__name__)
STAGE = "attention"


def install(pipeline: Pipeline) -> None:
    """Register the attention agent on ``pipeline.app``."""
    stories = pipeline.stories

    @pipeline.app.agent(pipeline.actions, name="attention")
    async def attention(stream: Any) -> None:
        async for event in stream.noack().events():
            await apply(event)
            event.ack()

    async def apply(event: Any) -> None:
        try:
            action = from_json(StoryAction, event.value)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            await pipeline.dead_letters.add(
                DeadLetter.of(STAGE, "invalid_action", event.value or b"", detail=f"{type(error).__name__}: {error}")
            )
            return
        stored = stories.get(action.story_key)
        attended = attend(Story.from_dict(stored), action) if stored else None
        if attended is None:
            ACTIONS.labels(action.kind.value, "resolved").inc()
            log.info("%s of story %s ignored: it has resolved", action.kind.value, action.story_id)
            return
        stories[action.story_key] = attended.to_dict()
        ACTIONS.labels(action.kind.value, "applied").inc()
