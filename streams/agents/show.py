"""The show agent: each match printed as a person wants to read it (``newsalert run`` and ``worker --show``)."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from streams.app import Pipeline
from streams.display import format_match
from streams.ruleset.matches import Match

log = logging.getLogger(__name__)


def install(pipeline: Pipeline) -> None:
    """Register the show agent on ``pipeline.app``."""

    @pipeline.app.agent(pipeline.matches, name="show")
    async def show(stream: Any) -> None:
        async for value in stream:
            try:
                match = Match.from_dict(json.loads(value))
            except (ValueError, TypeError) as error:  # printing is a convenience; never stop on it
                log.warning("cannot show a record of %s: %s", pipeline.matches.get_topic_name(), error)
                continue
            print(format_match(match) + "\n", file=sys.stdout, flush=True)
