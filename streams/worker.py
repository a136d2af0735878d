"""Running a worker: ``newsalert worker`` (an existing cluster) and ``newsalert run`` (embedded broker by default)."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from streams.app import Pipeline, build_pipeline
from streams.broker import EmbeddedBroker
from streams.config import Settings
from streams.errors import ArticleError
from streams.faust_fixes import Worker
from streams.kafka import create_topics
from streams.local import announce_run, ensure_data_dir
from streams.secret import Secret

log = logging.getLogger(__name__)


def install_demo(pipeline: Pipeline, names: Sequence[str]) -> None:
    """Send the articles of ``names`` once the worker has started (``newsalert run --demo``), dated now.

    A demo shows what news of the moment does: the sample articles are dated December 2024, and as old as
    that they would be stale (recorded, no alert opened), so each is sent as published when it is sent.
    """
    from streams.articles.readers import iter_articles
    from streams.producers.files import dated_now

    @pipeline.app.task
    async def send_demo() -> None:
        sent = 0
        for item in iter_articles(names):
            if isinstance(item, ArticleError):
                print(f"demo: skipped {item}", file=sys.stderr)
                continue
            await pipeline.publish_article(dated_now(item, datetime.now(UTC)))
            sent += 1
        print(f"demo: {sent} articles sent to {pipeline.articles.get_topic_name()}", flush=True)


def run_worker(
    settings: Settings,
    *,
    show: bool = False,
    demo: Sequence[str] = (),
    sink: Secret | None = None,
) -> int:
    """Run a worker on ``settings.kafka_bootstrap`` until SIGINT or SIGTERM; returns the exit code.

    ``sink``: also serve the local webhook sink (``/sink``) that verifies with this secret. Logging is the
    caller's (``streams.logs.configure``): Faust's own setup would replace it.
    """
    ensure_data_dir(settings)  # Faust keeps its tables' files under it and fails at start without it
    pipeline = build_pipeline(settings, sink=sink)
    if show:
        from streams.agents.show import install as install_show

        install_show(pipeline)
    if demo:
        install_demo(pipeline, demo)
    if settings.feeds and "feeds" in settings.agents:
        from streams.agents.feeds import install as install_feeds

        install_feeds(pipeline)
    # Created before Faust starts, with our partition count: a broker that auto-creates topics on
    # first use would give them its own default, and the seen-articles table must match `articles`.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(create_topics(settings))
    # stdout stays stdout: matches are printed for people, not logged.
    worker = Worker(pipeline.app, quiet=True, redirect_stdouts=False, override_logging=False, loop=loop)
    # Faust's start-up spinner writes a cursor escape code to stdout when startup ends, terminal or not:
    # into files and pipes that carry the printed matches.
    worker.spinner = None
    try:
        worker.execute_from_commandline()
    except SystemExit as stopped:
        return int(stopped.code or 0)
    return 0


def run(settings: Settings, *, show: bool = True, demo: Sequence[str] = ()) -> int:
    """``newsalert run``: the worker, on the embedded broker unless ``KAFKA_BOOTSTRAP`` names a cluster.

    Alerts also go to a local webhook sink that prints them, next to any configured destination.
    """
    from streams.sink import with_sink

    settings, secret = with_sink(settings)
    web = f"http://{settings.web_host}:{settings.web_port}"
    banner = f"web {web}/ (metrics {web}/metrics, POST {web}/articles); alerts are printed by the sink at {web}/sink"
    ensure_data_dir(settings)
    if settings.kafka_bootstrap:
        print(f"newsalert: broker {settings.kafka_bootstrap}; {banner}", flush=True)
        with announce_run(settings, settings.kafka_bootstrap):
            return run_worker(settings, show=show, demo=demo, sink=secret)
    log_file = settings.data_dir / "broker.log"
    with EmbeddedBroker(log=log_file) as broker, announce_run(settings, broker.bootstrap):
        print(
            f"newsalert: embedded broker on {broker.bootstrap} (log: {log_file}); {banner}; Ctrl-C stops everything",
            flush=True,
        )

        def broker_died(code: int) -> None:
            # Nothing works without it: stop (the worker's stop timer bounds the wait) rather than answer
            # health checks and accept articles that can go nowhere.
            log.error("the embedded broker exited with code %d (see %s); stopping", code, log_file)
            os.kill(os.getpid(), signal.SIGTERM)

        broker.on_exit(broker_died)
        return run_worker(settings.with_bootstrap(broker.bootstrap), show=show, demo=demo, sink=secret)
