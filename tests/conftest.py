"""Shared fixtures: one real embedded Kafka-compatible broker (Tansu) for the whole test session."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from streams.broker import EmbeddedBroker

_prefixes = itertools.count()


@pytest.fixture(scope="session")
def kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap address of a Tansu broker started for this test session and stopped after it."""
    log = tmp_path_factory.mktemp("broker") / "tansu.log"
    with EmbeddedBroker(log=log) as broker:
        yield broker.bootstrap


@pytest.fixture
def topic_prefix(request: pytest.FixtureRequest) -> str:
    """A topic prefix no other test uses, so tests sharing the broker never see each other's records."""
    return f"t{next(_prefixes)}-{request.node.name[:40].replace('[', '-').replace(']', '')}."
