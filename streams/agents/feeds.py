"""The feed timer: the leader worker polls the configured feeds; the others stand by.

Only the group leader polls, so N workers do not fetch every feed N times. When
leadership moves, the new leader loads the feed states from the state topic
before its first poll, so nothing is sent twice.
"""

from __future__ import annotations

import time

import httpx

from streams.app import Pipeline
from streams.producers.feeds import FeedPoller, FeedStateStore

TICK = 1.0  # seconds between checks for due feeds; each feed keeps its own interval
HTTP_TIMEOUT = 20.0


def install(pipeline: Pipeline) -> None:
    """Register the feed timer on ``pipeline.app``."""
    app = pipeline.app
    settings = pipeline.settings
    assert settings.kafka_bootstrap
    client = httpx.AsyncClient(timeout=HTTP_TIMEOUT)

    store = FeedStateStore(
        settings.kafka_bootstrap,
        pipeline.feedstate.get_topic_name(),
        lambda key, value: pipeline.feedstate.send(key=key, value=value),
    )
    poller = FeedPoller(settings.feeds, client=client, send_article=pipeline.publish_article, store=store,
                        allow_private=settings.fetch_private_addresses)
    loaded = False

    @app.timer(TICK)
    async def poll_feeds() -> None:
        nonlocal loaded
        if not app.is_leader():
            loaded = False  # another worker polls now; reload its states if leadership comes back
            return
        if not loaded:
            await poller.start()
            loaded = True
        await poller.poll_due(time.monotonic())

    @app.on_before_shutdown.connect
    async def close_client(app: object, **kwargs: object) -> None:
        await client.aclose()
