"""The rules timer: every worker re-reads its rule files when they change and swaps them in at once.

Each replica watches the files it was given (in compose, the same mounted ``rules/``), so all replicas
converge within a few seconds of an edit. Compiling runs in a thread: a large rule set takes seconds and
the agents keep matching with the old rules meanwhile.
"""

from __future__ import annotations

import asyncio
import logging

from streams.app import Pipeline, settle_rules
from streams.metrics import RULE_RELOADS, RULES_LOADED
from streams.ruleset.reload import reload_if_changed, rules_fingerprint

log = logging.getLogger(__name__)
CHECK_SECONDS = 2.0


def install(pipeline: Pipeline) -> None:
    """Register the rules timer on ``pipeline.app``."""
    paths = pipeline.settings.rules
    known = rules_fingerprint(paths)
    # Both outcomes exist from the start, so the first rejected reload is a rise from 0 that
    # increase() and alerting rules can see, not a new series.
    for outcome in ("applied", "rejected"):
        RULE_RELOADS.labels(outcome)

    @pipeline.app.timer(CHECK_SECONDS)
    async def reload_rules() -> None:
        nonlocal known
        outcome = await asyncio.to_thread(reload_if_changed, paths, known, pipeline.settings.routing)
        if outcome is None:
            return
        known = outcome.fingerprint
        if outcome.rules is None:
            RULE_RELOADS.labels("rejected").inc()
            log.error(
                "rule files changed but were rejected; the previous %d rules stay in force:\n%s",
                pipeline.rules.rule_count,
                "\n".join(outcome.problems),
            )
            return
        pipeline.rules = outcome.rules  # one assignment: each article sees the old rules or the new
        settle_rules()
        RULES_LOADED.set(outcome.rules.rule_count)
        RULE_RELOADS.labels("applied").inc()
        log.warning("rules reloaded: %d rules in force", outcome.rules.rule_count)
