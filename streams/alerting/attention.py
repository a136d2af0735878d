"""What analysts did about a story: acknowledged it, or silenced it for a while; pure state, no clock and no I/O.

The state is kept in the story itself (``Story.attention``), so it lives in the ``stories`` table with the
rest of the story and survives restarts and rebalances the same way. An action (``newsalert alerts ack``,
the board's buttons) is a :class:`StoryAction` on the ``actions`` topic, keyed like the story's matches,
so the worker that holds the story applies it (:mod:`streams.agents.attention`).

- *acknowledged*: someone has seen the story; nothing changes for delivery. A revision after the
  acknowledgement shows as news again on the board.
- *silenced* until a time: the story is still kept up to date, but none of its alerts is delivered until
  then; silencing for no time lifts a silence.

An action names the story by its alert id: an action for a story that has since resolved (and perhaps
reopened under the same key with a new id) changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, assert_never

from streams.alerting.alert import utc
from streams.alerting.story import Story

# Longest silence: a forgotten one must end on its own.
MAX_SILENCE_DAYS = 30
# Who acknowledged, as the person typed it: bounded so a table value stays small.
MAX_BY = 80


class ActionKind(StrEnum):
    """What an analyst did."""

    ack = "ack"
    silence = "silence"


@dataclass(frozen=True, kw_only=True)
class StoryAction:
    """One analyst action on one story: the message on the ``actions`` topic."""

    story_id: str
    story_key: str
    kind: ActionKind
    at: datetime
    until: datetime | None = None  # for a silence: when it ends
    by: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "story_id": self.story_id,
            "story_key": self.story_key,
            "kind": self.kind.value,
            "at": self.at.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "by": self.by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryAction:
        """Inverse of :meth:`to_dict`; raises ``KeyError``, ``TypeError`` or ``ValueError`` for a bad record."""
        until = data.get("until")
        by = data.get("by", "")
        if not isinstance(data["story_id"], str) or not isinstance(data["story_key"], str) or not isinstance(by, str):
            raise TypeError("story_id, story_key and by must be strings")
        return cls(
            story_id=data["story_id"],
            story_key=data["story_key"],
            kind=ActionKind(data["kind"]),
            at=utc(datetime.fromisoformat(data["at"])),
            until=utc(datetime.fromisoformat(until)) if until is not None else None,
            by=by[:MAX_BY],
        )


@dataclass(frozen=True, kw_only=True)
class Attention:
    """A story's acknowledgement and silence (``Story.attention`` holds its :meth:`to_dict`)."""

    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""
    acknowledged_revision: int = 0
    silenced_until: datetime | None = None
    silenced_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_revision": self.acknowledged_revision,
            "silenced_until": self.silenced_until.isoformat() if self.silenced_until else None,
            "silenced_by": self.silenced_by,
        }

    @classmethod
    def of(cls, story: Story) -> Attention:
        """The attention ``story`` has had (none yet: the default)."""
        data = story.attention or {}
        acknowledged, until = data.get("acknowledged_at"), data.get("silenced_until")
        return cls(
            acknowledged_at=datetime.fromisoformat(acknowledged) if acknowledged else None,
            acknowledged_by=data.get("acknowledged_by", ""),
            acknowledged_revision=data.get("acknowledged_revision", 0),
            silenced_until=datetime.fromisoformat(until) if until else None,
            silenced_by=data.get("silenced_by", ""),
        )


def attend(story: Story, action: StoryAction) -> Story | None:
    """``story`` after ``action``; None when the action is for another story (one that resolved since)."""
    if action.story_id != story.alert_id:
        return None
    attention = Attention.of(story)
    match action.kind:
        case ActionKind.ack:
            attention = replace(
                attention, acknowledged_at=action.at, acknowledged_by=action.by, acknowledged_revision=story.revision
            )
        case ActionKind.silence:
            until = action.until if action.until is not None and action.until > action.at else None
            attention = replace(attention, silenced_until=until, silenced_by=action.by if until else "")
        case _:
            assert_never(action.kind)
    return replace(story, attention=attention.to_dict())


def silenced(story: Story, now: datetime) -> bool:
    """Whether ``story``'s alerts are held back at ``now``."""
    until = Attention.of(story).silenced_until
    return until is not None and utc(now) < until
