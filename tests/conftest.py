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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the broker is an integration test (``make test-fast`` leaves those out).

    Files with integration tests run first: they are the long ones (processes starting, stories resolving),
    so when ``make test`` spreads files over processes the short files fill the end instead of one long
    file running on while the other processes idle.
    """
    for item in items:
        if "kafka" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.integration)
    long_files = {item.path for item in items if item.get_closest_marker("integration")}
    items.sort(key=lambda item: item.path not in long_files)  # stable: each file keeps its own order


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures a test records with ``record_property("report_…", value)``, shown after every run (also with -q)."""
    lines = [
        f"{report.nodeid}: {name.removeprefix('report_')} = {value}"
        for status in ("passed", "failed")
        for report in terminalreporter.stats.get(status, [])
        if report.when == "call"
        for name, value in report.user_properties
        if name.startswith("report_")
    ]
    if lines:
        terminalreporter.section("reported figures")
        for line in lines:
            terminalreporter.write_line(line)
