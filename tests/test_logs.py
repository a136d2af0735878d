"""Log settings, formats and the rate limit on repeated warnings."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from streams.errors import ConfigError
from streams.exitcodes import ExitCode
from streams.logs import RepeatFilter, configure, log_format, log_level


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The root logger writing to a string; restored after the test."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, logging.getLogger("aiokafka").level)
    stream = io.StringIO()
    yield stream
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    logging.getLogger("aiokafka").setLevel(saved[2])


def test_level_comes_from_the_new_variable_then_the_old_one() -> None:
    assert log_level({}, "warning") == "warning"
    assert log_level({"NEWSALERT_LOGLEVEL": "ERROR"}, "warning") == "error"
    assert log_level({"NEWSALERT_LOG_LEVEL": "debug", "NEWSALERT_LOGLEVEL": "error"}, "warning") == "debug"
    with pytest.raises(ConfigError, match="NEWSALERT_LOG_LEVEL: expected one of debug, info"):
        log_level({"NEWSALERT_LOG_LEVEL": "loud"}, "info")


def test_format_comes_from_the_option_then_the_variable() -> None:
    assert log_format({}, None) == "text"
    assert log_format({"NEWSALERT_LOG_FORMAT": "json"}, None) == "json"
    assert log_format({"NEWSALERT_LOG_FORMAT": "json"}, "text") == "text"
    with pytest.raises(ConfigError, match="NEWSALERT_LOG_FORMAT"):
        log_format({"NEWSALERT_LOG_FORMAT": "xml"}, None)


def test_json_records_have_stable_fields_extras_and_the_traceback(captured: io.StringIO) -> None:
    configure("info", "json", stream=captured)
    log = logging.getLogger("streams.test")
    log.info("sent %d articles to %s", 3, "news\x1b[31m", extra={"topic": "articles", "count": 3})
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    lines = captured.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert list(first)[:4] == ["time", "level", "logger", "message"]
    assert first["level"] == "info" and first["logger"] == "streams.test"
    assert first["message"] == "sent 3 articles to news\x1b[31m" and "\x1b" not in lines[0]
    assert first["topic"] == "articles" and first["count"] == 3
    assert first["time"].endswith("+00:00")
    assert second["level"] == "error" and "ValueError: boom" in second["exception"]


def test_text_records_escape_control_characters_but_keep_traceback_lines(captured: io.StringIO) -> None:
    configure("info", "text", stream=captured)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("streams.test").exception("title \x1b[2J\u202e")
    text = captured.getvalue()
    assert "ERROR streams.test: title \\x1b[2J\\u202e" in text
    assert "\x1b" not in text and "Traceback (most recent call last):\n" in text


def test_a_repeated_warning_is_shown_once_per_window_with_the_count_held_back(captured: io.StringIO) -> None:
    now = [0.0]
    configure("warning", "json", stream=captured)
    handler = logging.getLogger().handlers[0]
    handler.filters[:] = [RepeatFilter(window=60, clock=lambda: now[0])]
    producer = logging.getLogger("faust.transport.producer")
    for size in range(101, 171):  # as Faust logs it: the number inside the message
        producer.warning(f"producer buffer full size {size}")
        now[0] += 0.1
    logging.getLogger("streams.other").warning("something else")
    now[0] = 61.0
    producer.warning("producer buffer full size 300")
    records = [json.loads(line) for line in captured.getvalue().splitlines()]
    assert [r["message"] for r in records] == [
        "producer buffer full size 101",
        "something else",
        "producer buffer full size 300",
    ]
    assert "repeated" not in records[0] and records[2]["repeated"] == 69


def test_repeated_info_records_are_not_held_back(captured: io.StringIO) -> None:
    configure("info", "text", stream=captured)
    for _ in range(3):
        logging.getLogger("streams.test").info("tick")
    assert captured.getvalue().count("tick") == 3


def test_short_commands_hold_back_aiokafka_errors_unless_debugging(captured: io.StringIO) -> None:
    configure("warning", "text", stream=captured, quiet_clients=True)
    logging.getLogger("aiokafka.conn").error("Unable connect to 127.0.0.1:1")
    assert captured.getvalue() == ""
    logging.getLogger("aiokafka").setLevel(logging.NOTSET)
    configure("debug", "text", stream=captured, quiet_clients=True)
    logging.getLogger("aiokafka.conn").error("Unable connect to 127.0.0.1:1")
    assert "Unable connect" in captured.getvalue()


def test_exit_codes_are_distinct() -> None:
    assert len({code.value for code in ExitCode}) == len(ExitCode)
