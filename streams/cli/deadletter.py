"""``newsalert deadletter list|replay``: look at the dead-letter topic and re-send undelivered alerts."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

from streams.alerting.delivery import STAGE as DELIVERY_STAGE
from streams.alerting.delivery import Delivery, DeliveryOutcome, replay
from streams.config import Settings
from streams.deadletter import DeadLetter, TopicDeadLetters
from streams.display import json_text, terminal_safe
from streams.kafka import producer, read_to_end
from streams.progress import Progress
from streams.records import from_json


async def dead_letters(settings: Settings) -> list[DeadLetter]:
    """Every readable dead letter on the topic, oldest first."""
    assert settings.kafka_bootstrap
    letters = []
    for record in await read_to_end(settings.kafka_bootstrap, settings.topic("deadletter")):
        try:
            letters.append(from_json(DeadLetter, record.value))
        except ValueError as error:
            print(terminal_safe(f"warning: offset {record.offset}: {error}"), file=sys.stderr)
    return letters


async def list_letters(settings: Settings, *, as_json: bool = False) -> int:
    """Print the dead letters: when, stage, reason, destination, detail."""
    letters = await dead_letters(settings)
    for letter in letters:
        if as_json:
            print(json_text(letter.to_dict()))
        else:
            where = f" → {letter.destination}" if letter.destination else ""
            print(
                terminal_safe(
                    f"{letter.at:%Y-%m-%d %H:%M:%S} {letter.stage}{where}: {letter.reason}"
                    + (f" ({letter.detail})" if letter.detail else "")
                    + f" [{letter.size:,} bytes]"
                )
            )
    print(f"{len(letters)} dead letters on {settings.topic('deadletter')}", file=sys.stderr)
    return 0


async def replay_letters(settings: Settings, *, destination: str | None = None) -> list[DeliveryOutcome]:
    """Re-send the delivery stage's dead letters (optionally only one destination's) with their webhook-ids.

    Letters that fail again are dead-lettered again, with their new reason.
    """
    assert settings.kafka_bootstrap
    letters = [
        letter
        for letter in await dead_letters(settings)
        if letter.stage == DELIVERY_STAGE and (destination is None or letter.destination == destination)
    ]
    topic = settings.topic("deadletter")
    async with producer(settings.kafka_bootstrap) as client:
        sink = TopicDeadLetters(lambda key, value: client.send_and_wait(topic, value, key=key))
        async with Delivery(settings.destinations, sink) as delivery:
            with Progress("deadletter replay", total=len(letters)) as progress:
                return await replay(_counted(letters, progress), delivery)


async def _counted(letters: list[DeadLetter], progress: Progress) -> AsyncIterator[DeadLetter]:
    """``letters``, counting each as queued once :func:`replay` has taken the one before."""
    for letter in letters:
        yield letter
        progress.advance("queued")


def print_outcomes(outcomes: list[DeliveryOutcome], *, as_json: bool = False) -> int:
    """One line per replayed delivery; exit code 1 when any failed again."""
    for outcome in outcomes:
        if as_json:
            print(json_text(outcome.__dict__))
        else:
            state = "delivered" if outcome.delivered else f"failed again: {outcome.reason}"
            print(
                terminal_safe(
                    f"{outcome.delivery_id or '?'} → {outcome.destination}: {state} ({outcome.attempts} attempts)"
                )
            )
    print(f"{sum(o.delivered for o in outcomes)} of {len(outcomes)} replayed deliveries succeeded", file=sys.stderr)
    return 0 if all(o.delivered for o in outcomes) else 1
