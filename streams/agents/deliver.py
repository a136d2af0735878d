"""The deliver agent: ``alerts`` → the destinations the rule names (else the default ones), never losing one.

Delivery itself (queues per destination, retries, dead letters) is
:class:`streams.alerting.delivery.Delivery`. The agent hands each alert over
and acknowledges its record only once every destination has delivered it or
dead-lettered it, so a crash re-reads what was in flight; receivers
de-duplicate the repeat by its ``webhook-id``. A slow destination delays only
its own queue: the agent does not wait for one alert before taking the next.
"""

from __future__ import annotations

import asyncio
import json
from functools import partial
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.delivery import STAGE, Delivery, DeliveryOutcome
from streams.app import Pipeline
from streams.deadletter import DeadLetter


def _ack_when_settled(outcomes: asyncio.Future[tuple[DeliveryOutcome, ...]], event: Any) -> None:
    """Acknowledge ``event`` once every destination delivered or dead-lettered its alert.

    A cancelled future means the worker is stopping mid-delivery: no ack, so the alert is read again.
    """
    if not outcomes.cancelled() and outcomes.exception() is None:
        event.ack()


def install(pipeline: Pipeline) -> None:
    """Register the deliver agent on ``pipeline.app``."""
    configured = pipeline.settings.destinations
    routing = pipeline.settings.routing

    @pipeline.app.agent(pipeline.alerts, name="deliver")
    async def deliver(stream: Any) -> None:
        # One lane per destination: alerts reach it in the order they were opened, also after an outage
        # (a retrying alert holds back the ones behind it rather than being overtaken).
        async with Delivery(configured, pipeline.dead_letters, lanes=1) as delivery:
            async for event in stream.noack().events():
                try:
                    alert = Alert.from_dict(json.loads(event.value))
                except (ValueError, TypeError, KeyError) as error:
                    await pipeline.dead_letters.add(
                        DeadLetter.of(
                            STAGE, "invalid_alert", event.value or b"", detail=f"{type(error).__name__}: {error}"
                        )
                    )
                    event.ack()
                    continue
                # A name no longer configured (the settings changed since the alert) is dead-lettered by
                # Delivery with its reason, never dropped and never widened to other destinations.
                targets = routing.targets(alert.notify)
                if not targets:
                    event.ack()
                    continue
                done = await delivery.submit(alert, targets)
                done.add_done_callback(partial(_ack_when_settled, event=event))
