"""The feed timer: the leader worker polls the configured feeds; the others stand by.

Only the group leader polls, so N workers do not fetch every feed N times. When
leadership moves, the new leader loads the feed states from the state topic
before its first poll, so nothing is sent twice. Each tick only starts the polls
that are due; they run on their own, so a slow feed holds back neither the timer
nor the other feeds.
"""

from __future__ import annotations

import logging
import time

from streams.app import Pipeline
from streams.errors import BrokerUnavailable
from streams.producers.feeds import FeedPoller, FeedStateStore, feed_client

log = logging.getLogger(__name__)

TICK = 1.0  # seconds between checks for due feeds; each feed keeps its own interval


def install(pipeline: Pipeline) -> None:
    """Register the feed timer on ``pipeline.app``."""
    app = pipeline.app
    settings = pipeline.settings
    assert settings.kafka_bootstrap
    client = feed_client(allow_private=settings.fetch_private_addresses)

    store = FeedStateStore(
        settings.kafka_bootstrap,
        pipeline.feedstate.get_topic_name(),
        lambda key, value: pipeline.feedstate.send(key=key, value=value),
    )
    poller = FeedPoller(settings.feeds, client=client, send_article=pipeline.publish_article, store=store)
    loaded = False

    @app.timer(TICK)
    async def poll_feeds() -> None:
        nonlocal loaded
        if not app.is_leader():
            if loaded:  # another worker polls now; reload its states if leadership comes back
                await poller.stop()
                loaded = False
            return
        if not loaded:
            try:
                await poller.start()
            except BrokerUnavailable as error:
                # An exception would end the timer for good; the states are loaded at a later tick.
                log.warning("feeds: states not loaded (%s); trying again in %.0f s", error, TICK)
                return
            loaded = True
        poller.start_due(time.monotonic())

    @app.on_before_shutdown.connect
    async def close_client(app: object, /, *args: object, signal: object, **kwargs: object) -> None:
        await poller.stop()
        await client.aclose()
