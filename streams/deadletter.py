"""Dead letters: what a stage could not process, kept on the ``deadletter`` topic with the reason.

Nothing is dropped: a malformed article, an alert no destination accepted, each
becomes one JSON record holding the stage, a machine-readable reason, a
human-readable detail, when it happened and the original bytes (a truncated
copy past :data:`MAX_PAYLOAD`), so it can be inspected and replayed.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from streams.errors import BrokerUnavailable
from streams.metrics import DEADLETTERS
from streams.records import to_json

log = logging.getLogger(__name__)

MAX_PAYLOAD = 64 * 1024

Send = Callable[[bytes | None, bytes], Awaitable[Any]]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DeadLetter:
    """One message a stage gave up on.

    ``payload`` is the original message, cut to :data:`MAX_PAYLOAD` bytes
    (``size`` is the original length, ``truncated`` says whether it was cut).
    ``destination`` is set by the delivery stage; ``key`` is the Kafka key of the original message.
    """

    stage: str
    reason: str
    payload: bytes
    destination: str = ""
    detail: str = ""
    key: str | None = None
    at: datetime = field(default_factory=_now)
    size: int = -1
    truncated: bool = False

    @classmethod
    def of(cls, stage: str, reason: str, payload: bytes, **rest: Any) -> DeadLetter:
        """A dead letter for ``payload``, truncated to :data:`MAX_PAYLOAD` bytes when larger."""
        return cls(
            stage, reason, payload[:MAX_PAYLOAD], size=len(payload), truncated=len(payload) > MAX_PAYLOAD, **rest
        )

    def to_dict(self) -> dict[str, Any]:
        """The record written to the topic; the payload as text when it is UTF-8, else base64."""
        try:
            payload, encoding = self.payload.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            payload, encoding = base64.b64encode(self.payload).decode("ascii"), "base64"
        return {
            "stage": self.stage,
            "reason": self.reason,
            "detail": self.detail,
            "destination": self.destination,
            "key": self.key,
            "at": self.at.isoformat(),
            "size": self.size if self.size >= 0 else len(self.payload),
            "truncated": self.truncated,
            "payload_encoding": encoding,
            "payload": payload,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> DeadLetter:
        """Inverse of :meth:`to_dict`; raises ``ValueError`` when ``record`` is not a dead letter."""
        try:
            raw = record["payload"]
            payload = base64.b64decode(raw) if record.get("payload_encoding") == "base64" else raw.encode("utf-8")
            return cls(
                stage=record["stage"],
                reason=record["reason"],
                payload=payload,
                destination=record.get("destination") or "",
                detail=record.get("detail") or "",
                key=record.get("key"),
                at=datetime.fromisoformat(record["at"]),
                size=int(record.get("size", len(payload))),
                truncated=bool(record.get("truncated")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"not a dead letter: {error}") from None


class TopicDeadLetters:
    """A dead-letter sink writing to the ``deadletter`` topic through ``send(key, value)``; counts each letter."""

    def __init__(self, send: Send, *, first_retry: float = 1.0, max_retry: float = 30.0) -> None:
        self._send = send
        self._first_retry = first_retry
        self._max_retry = max_retry

    async def add(self, letter: DeadLetter) -> None:
        """Write ``letter`` and count it by stage and reason; returns only once the broker has it.

        While the broker is unavailable the write is retried (the caller waits, and the message it
        stands for stays unacknowledged), because a dead letter is the last copy of what failed.
        """
        key, value = (letter.key.encode("utf-8") if letter.key else None), to_json(letter)
        pause = self._first_retry
        while True:
            try:
                await self._send(key, value)
                break
            except BrokerUnavailable as error:
                log.warning(
                    "dead letter (%s, %s) not written yet: %s; retrying in %.0f s",
                    letter.stage,
                    letter.reason,
                    error,
                    pause,
                )
                await asyncio.sleep(pause)
                pause = min(self._max_retry, pause * 2)
        DEADLETTERS.labels(letter.stage, letter.reason).inc()

    async def put(self, stage: str, reason: str, payload: bytes, destination: str) -> None:
        """The delivery stage's entry point (:class:`streams.alerting.delivery.DeadLetterSink`)."""
        await self.add(DeadLetter.of(stage, reason, payload, destination=destination))
