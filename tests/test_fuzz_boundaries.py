"""Property-based fuzzing of the input boundaries the worker owns: Kafka messages, HTTP bodies, rule and settings files.

Each property is what the boundary promises: nothing raises but the declared error type, what is
accepted can be written on again (no lone surrogates, bounded depth), and no input makes the work
grow past a stated bound (Hypothesis' deadline: 5 s per input of at most a few kilobytes, three orders
of magnitude above what the same code takes on a normal input). ``make fuzz`` raises the number of
examples (``NEWSALERT_FUZZ_EXAMPLES``, read in tests/fuzzing.py) and drives the same properties coverage-guided (tests/fuzz.py).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import json
import os
import re
import shutil
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from streams.alerting.story import Story, StoryPolicy, apply_match, event_time, is_stale
from streams.articles.model import Article
from streams.articles.wire import decode_article, encode_article
from streams.cli import main
from streams.config import IngestToken, load_settings, setting_names
from streams.deadletter import DeadLetter
from streams.errors import ArticleError, ConfigError, InvalidMessage, SourceRefused
from streams.exitcodes import ExitCode
from streams.places import Coverage, default_cache_dir, load_gazetteer
from streams.places.cache import ENV_CACHE_DIR
from streams.producers.http import parse_ingest_body, token_of
from streams.records import from_json, to_json
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import check_rules
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match
from streams.secret import Secret
from tests.fuzzing import FUZZ as UNBOUNDED

FUZZ = settings(UNBOUNDED, deadline=timedelta(seconds=5))
ROOT = Path(__file__).resolve().parent.parent

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=30,
)
article_keys = st.sampled_from(
    ["id", "title", "body", "url", "source", "lang", "published_at", "received_at", "extra", "other"]
)
# Objects shaped like articles, every field of any JSON type: closer to the boundary than random bytes.
article_like = st.dictionaries(article_keys, json_values | st.text(max_size=200), max_size=9)
# Text JSON would carry: lone surrogates and control characters included.
hostile_text = st.text(st.characters(codec=None, blacklist_categories=()), max_size=200)


def mutated(data: bytes, draw: st.DrawFn) -> bytes:
    """``data`` with a few bytes replaced, inserted or deleted."""
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(0, len(buffer) - 1)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.integers(0, 255))
        if action == "replace" and buffer:
            buffer[at] = byte
        elif action == "insert":
            buffer.insert(at, byte)
        elif buffer:
            del buffer[at]
    return bytes(buffer)


VALID_ARTICLE = encode_article(
    decode_article(
        b'{"title": "Rebels seize Idlib", "body": "Fighters seized Idlib.", "source": "Wire", '
        b'"published_at": "2024-12-01T10:00:00Z", "extra": {"section": "world"}}',
        max_bytes=1 << 20,
    )
)


def assert_writable(value: bytes) -> None:
    """What the decoder accepted can be encoded again and decodes to the same article."""
    article = decode_article(value, max_bytes=1 << 20)
    again = encode_article(article)
    assert decode_article(again, max_bytes=1 << 20).id == article.id


@FUZZ
@given(st.binary(max_size=2000) | st.builds(json.dumps, article_like).map(str.encode))
def test_fuzz_article_messages_decode_or_are_refused_with_a_reason(value: bytes) -> None:
    try:
        assert_writable(value)
    except InvalidMessage as error:
        assert error.reason and error.detail


@FUZZ
@given(st.data())
def test_fuzz_mutated_article_messages(data: st.DataObject) -> None:
    value = mutated(VALID_ARTICLE, data.draw)
    try:
        assert_writable(value)
    except InvalidMessage as error:
        assert error.reason


@FUZZ
@given(hostile_text, hostile_text, json_values)
def test_fuzz_any_text_in_any_field_is_kept_writable(title: str, body: str, extra: Any) -> None:
    raw = json.dumps({"title": title, "body": body or "b", "extra": {"x": extra}}).encode()
    try:
        assert_writable(raw)
    except InvalidMessage as error:
        assert error.reason == "invalid_article"


@FUZZ
@given(
    st.binary(max_size=2000) | st.builds(json.dumps, st.lists(article_like, max_size=5) | article_like).map(str.encode)
)
def test_fuzz_ingest_bodies_are_accepted_whole_or_refused_with_a_message(body: bytes) -> None:
    try:
        articles = parse_ingest_body(body, max_article_bytes=4096)
    except ArticleError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert articles
    for article in articles:
        assert len(encode_article(article)) <= 4096


RULES = (ROOT / "rules" / "conflict" / "city-control-change.yaml").read_bytes()[:6000]
# Every key of the rule language at least once, for the mutations to reach (docs/rules.md's examples).
RULE_LANGUAGE = (ROOT / "docs" / "examples" / "rule-language.yaml").read_bytes()
SETTINGS = (ROOT / "deploy" / "newsalert.yaml").read_bytes()
# The keys those two lack: a regex that reads a date, and the keys of a place that a gazetteer reads (here
# without one, which is a problem: a mutated coverage would build a new gazetteer in each example).
DATED_AND_PLACED = b"""\
entities:
  place:
    tawila: {aliases: [Tawila], region: SD-DN, taken_from: [tawila-ye]}
rules:
  - id: r
    title: "{place}"
    when:
      all: [{entity: place}, {any: [seized], near: place}]
      none:
        - regex: " (?:on|by) (?P<month>may|june)(?: (?P<day>\\\\d{1,2}))? "
          before_published: 2d
"""


def rule_problems(source: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "rules.yaml").write_bytes(source)
        _, problems = check_rules([folder])
    return [str(problem) for problem in problems]


@FUZZ
@given(st.binary(max_size=3000) | st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzz_rule_files_load_or_report_problems(source: bytes) -> None:
    for problem in rule_problems(source):
        assert problem.startswith(tempfile.gettempdir()) and "\n" not in problem


@FUZZ
@given(st.data())
def test_fuzz_mutated_rule_files(data: st.DataObject) -> None:
    for problem in rule_problems(
        mutated(data.draw(st.sampled_from((RULES, RULE_LANGUAGE, DATED_AND_PLACED))), data.draw)
    ):
        assert ": error: " in problem and "\n" not in problem


def valid_or_any(*valid: Any) -> st.SearchStrategy[Any]:
    """One of ``valid`` or any JSON value, so that whole rule sets load and run too."""
    return st.sampled_from(valid) | json_values


def assert_one_line_problems(problems: list[Any], folder: str) -> None:
    """Each problem names its file, line and column, and stays on one line."""
    for problem in problems:
        assert re.match(rf"{re.escape(folder)}/[^:]+:\d+:\d+: error: ", str(problem)), problem
        assert "\n" not in str(problem)


# A text with dates in it, and words and numbers where a regex's date groups may catch them.
DATED = (
    "On may 12 2023 Rebels seized Homs. HOMS fell on the 99999999999 of june 0000, or by last december. "
    "Anti-Loyalists fighters seized Homs, and Loyalists-backed men seized it back."
)


@FUZZ
@given(
    valid_or_any("Hims", {"alias": "HOMS", "case": "sensitive"}),
    valid_or_any({"hts": ["Tahrir", {"alias": "HTS", "case": "sensitive"}]}),
    valid_or_any(["wire"], {"not": ["wire"]}),
    valid_or_any(["en"], {"not": ["ar"]}),
    st.integers(-2, 102) | json_values,
    valid_or_any({"body": "Rebels seized Homs.", "source": "wire", "lang": "en"}),
    valid_or_any(["SY"], ["sy", "YE"], ["XX"], []),
    valid_or_any(
        " (?P<month>may|june)(?: (?P<day>\\d+))? ",
        " (?P<day>[^ ]+) (?P<month>[^ ]+) (?P<year>[^ ]+) ",
        " (?P<year>\\d+) ",
        " (?P<dya>\\d+) (?P<month>may) ",
        " (?P<Month>may) ",
        " (?P<at>homs) ",
        "(?P<day>",
    ),
    valid_or_any("2d", "1w1d", "0s", "-1d", "99999999999999w", "2days", ["2d"], None),
    valid_or_any(["hts"], ["rebels", "hts"], ["nobody"], ["HTS"], [], "hts"),
    valid_or_any(["hts"], ["rebels"], ["nobody"], [["hts"]], "rebels"),
    st.integers(-2, 100_002) | json_values,
)
def test_fuzz_the_rule_language_keys_take_any_value(
    alias: Any,
    extension: Any,
    sources: Any,
    languages: Any,
    sentences: Any,
    example: Any,
    countries: Any,
    regex: Any,
    before: Any,
    opponents: Any,
    allies: Any,
    lead: Any,
) -> None:
    """Any YAML value in the keys of docs/rules.md's rule-language additions: a clear problem or a rule set
    that compiles and matches."""
    source = {
        "entities": {
            "place": {"homs": ["Homs", alias]},
            "actor": {
                "hts": ["HTS"],
                "rebels": {"countries": countries, "aliases": ["Rebels"]},
                "loyalists": {"opponents": opponents, "allies": allies, "aliases": ["Loyalists"]},
            },
        },
        "extend": {"actor": extension},
        "lists": {"gained": ["seized"]},
        "rules": [
            {
                "id": "r",
                "title": "t",
                "when": {
                    "all": [
                        {"entity": "place"},
                        {"any": ["seized"], "near": "place", "within_sentences": sentences, "lead": lead},
                    ],
                    # a date the regex reads sets the claim aside
                    "none": [{"regex": regex} | ({"before_published": before} if before is not None else {})],
                },
                "sources": sources,
                "languages": languages,
                "examples": {"match": [example]},
                # a claim is read, so an actor's countries are weighed
                "control": {"gained": {"list": "gained"}},
            }
        ],
    }
    text = yaml.safe_dump(source, allow_unicode=True).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "rules.yaml").write_bytes(text)
        ruleset, problems = check_rules([folder])
        assert_one_line_problems(problems, folder)
    if ruleset is not None:
        compiled = compile_rules(ruleset)
        published = datetime(2024, 12, 7, tzinfo=UTC)
        article = Article.create(title="HTS", body=DATED, source="wire", lang="en", published_at=published)
        match_article(compiled, article)


# One country's largest cities: each example merges its hand-written place into this gazetteer in milliseconds.
SMALL_COVERAGE = Coverage(countries=("LB",), min_population=100_000, kinds=("city", "region", "country"))


@functools.cache
def places_cache() -> str:
    """A places cache of its own for the property below: each example merges its place into the gazetteer
    and caches the outcome, a file (thousands under ``make fuzz``), so they go to a folder deleted at exit;
    it links to the shared cache's gazetteers and word lists, so that nothing is built again."""
    folder = Path(tempfile.mkdtemp(prefix="newsalert-fuzz-places-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shared = default_cache_dir()
    for path in [*shared.glob("places-*.pickle"), *shared.glob("folded-*.pickle")]:
        (folder / path.name).symlink_to(path)
    load_gazetteer(SMALL_COVERAGE, folder)  # built here, if it must be, not within an example's deadline
    return str(folder)


# No deadline: an example's merge is bounded (one place into a small gazetteer), but the first loads word lists.
@UNBOUNDED
@given(
    valid_or_any(["Sur", "صور"], ["X town"], "Tripoli"),
    valid_or_any("LB-JA", "lb-ja", "LB-BA", "SY-HI", "XX-YY", "LB", ""),
    valid_or_any(["tyre"], "sidon", ["ras-bayrut"], ["x-town"], ["nowhere"], [], [["tyre"]]),
    valid_or_any(268064, "12x", None),
    valid_or_any("region", "city", "country", None),
)
# an id with a line break once made a message of two lines
@example(["Sur", "صور"], "LB-JA", "0\n", 268064, None)
# a superscript digit is a digit to str.isdigit, not to int()
@example(["Sur", "صور"], "LB-JA", ["tyre"], "²", None)
def test_fuzz_a_hand_written_place_takes_any_region_and_taken_from(
    aliases: Any, region: Any, taken_from: Any, geonames: Any, kind: Any
) -> None:
    """Any YAML value in the keys of a place that the gazetteer reads: a problem at its file, line and
    column, or a rule set that compiles and matches."""
    place = {"aliases": aliases, "region": region, "taken_from": taken_from} | (
        {"kind": kind} if kind is not None else {}
    )
    source = {
        "gazetteer": {
            "countries": list(SMALL_COVERAGE.countries),
            "min_population": SMALL_COVERAGE.min_population,
            "kinds": list(SMALL_COVERAGE.kinds),
        },
        "entities": {"place": {"x-town": place | ({"geonames": geonames} if geonames is not None else {})}},
        "rules": [
            {
                "id": "r",
                "title": "{place}",
                "when": {"all": [{"entity": "place"}, {"any": ["seized"], "near": "place"}]},
            }
        ],
    }
    text = yaml.safe_dump(source, allow_unicode=True).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, {ENV_CACHE_DIR: places_cache()}):
        (Path(folder) / "rules.yaml").write_bytes(text)
        ruleset, problems = check_rules([folder])
        assert_one_line_problems(problems, folder)
    if ruleset is not None:
        article = Article.create(title="", body="Fighters seized X town, Sur and Tripoli in Lebanon.")
        match_article(compile_rules(ruleset), article)


def load_settings_from(source: bytes, env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "newsalert.yaml"
        path.write_bytes(source)
        try:
            load_settings(path, env)
        except ConfigError as error:
            assert str(error).startswith(str(path)) and "\n" not in str(error).strip()


@FUZZ
@given(st.data())
def test_fuzz_settings_files_load_or_name_the_setting_at_fault(data: st.DataObject) -> None:
    source = data.draw(st.binary(max_size=2000) | st.just(SETTINGS).map(lambda s: mutated(s, data.draw)))
    load_settings_from(source, {"SLACK_WEBHOOK_URL": "https://hooks.example/x", "WEBHOOK_SECRET": "whsec_" + "A" * 32})


def _keys_under(parent: str) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings with the keys ``parent`` takes (and one it does not), each of any JSON type."""
    keys = [name.split(".", 1)[1] for name in setting_names() if name.startswith(f"{parent}.")]
    return st.dictionaries(st.sampled_from([*keys, "other"]), json_values, max_size=len(keys) + 1)


# Settings files shaped like the real thing: every known key, nested where it nests, any value in any place.
settings_like = st.dictionaries(
    st.sampled_from(sorted({name.split(".")[0].removesuffix("[]") for name in setting_names()} | {"other"})),
    json_values | _keys_under("kafka") | _keys_under("web") | st.lists(_keys_under("feeds[]"), max_size=3),
    max_size=8,
)


@FUZZ
@given(settings_like)
@example({"destinations": {"\n": None}})  # a destination named by a control character: still one line
def test_fuzz_config_check_says_ok_or_names_the_setting_at_fault(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "newsalert.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["config", "check", str(path)])
    if code == ExitCode.OK:
        assert out.getvalue().startswith(f"ok: {path};") and not err.getvalue()
    else:
        assert code == ExitCode.CONFIG and not out.getvalue()
        assert err.getvalue().startswith(f"error: {path}") and err.getvalue().count("\n") == 1


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "KAFKA_BOOTSTRAP",
                "NEWSALERT_PARTITIONS",
                "NEWSALERT_WEB_PORT",
                "NEWSALERT_RULES",
                "NEWSALERT_AGENTS",
                "NEWSALERT_TOPIC_PREFIX",
                "NEWSALERT_INGEST_TOKEN",
                "NEWSALERT_APP_ID",
            ]
        ),
        st.text(max_size=30),
    )
)
def test_fuzz_environment_settings(env: dict[str, str]) -> None:
    load_settings_from(b"", env)


@FUZZ
@given(st.binary(max_size=70_000), st.text(max_size=30), st.text(max_size=30))
def test_fuzz_dead_letters_keep_their_payload_exactly(payload: bytes, reason: str, key: str) -> None:
    letter = DeadLetter.of("match", reason, payload, key=key or None)
    again = from_json(DeadLetter, to_json(letter))
    assert again.payload == payload[: 64 * 1024] and again.size == len(payload) and again.reason == reason


# An article's published date as a match carries it: any text, or an ISO 8601 date of any year and offset.
published_dates = (
    st.none()
    | hostile_text
    | st.datetimes(timezones=st.none() | st.timezones()).map(datetime.isoformat)
    | st.dates().map(date.isoformat)
)


@FUZZ
@given(
    published_dates,
    published_dates,
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)),
)
def test_fuzz_published_dates_never_put_a_story_ahead_of_its_arrival(
    first: str | None, second: str | None, arrival: datetime
) -> None:
    policy = StoryPolicy(window=timedelta(hours=24), cooldown=timedelta(hours=1), corroboration=(1, 3))
    base = Match("a1", "Homs", "r", "high", {"place": "homs"}, (), group_key="place=homs", source="wire")
    story: Story | None = None
    for n, published in enumerate((first, second)):
        match = replace(base, article_id=f"a{n}", source=f"outlet{n}", published_at=published)
        when = event_time(match, arrival)
        assert when.tzinfo is not None and when <= arrival
        before = story
        story, alerts = apply_match(story, match, policy, arrival)
        assert (story is None) is (before is None and is_stale(match, policy, arrival))
        for alert in alerts:
            assert alert.first_seen <= alert.last_seen <= arrival and alert.revised_at <= arrival
        if story is not None:
            assert story.opened_at <= story.last_seen <= arrival
            assert story.ends_at == story.last_seen + policy.window


# A named producer's token and an unnamed one, as ``ingest_tokens`` would configure them.
PRODUCERS = (IngestToken(Secret("levant-wire-token-0123456789"), "Levant Wire"), IngestToken(Secret("x" * 20)))


@FUZZ
@given(st.text(max_size=60), st.one_of(st.none(), st.text(max_size=40)))
def test_fuzz_a_named_token_never_lets_another_source_through(header: str, given_source: str | None) -> None:
    token_of(header, PRODUCERS)  # never raises
    article = {"title": "t", "body": "b"} | ({"source": given_source} if given_source is not None else {})
    try:
        [sent] = parse_ingest_body(json.dumps([article]).encode(), max_article_bytes=1 << 20, source="Levant Wire")
    except SourceRefused:
        assert given_source is not None and given_source.strip().casefold() != "levant wire"
    except ArticleError:
        return
    else:
        assert sent.source == "Levant Wire"


# Header values as a webhook answer or a caller may send them: digits of any script, dates, junk.
HEADER_VALUES = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A[0-9²³¹٠-٩０-９ ]{0,12}\Z"),
    st.just("Sat, 07 Dec 2024 18:00:30 GMT"),
    st.just("Sat, 07 Dec 9999 18:00:30 GMT"),
)


@FUZZ
@given(HEADER_VALUES)
@example("²")
@example("٣")
def test_fuzz_a_retry_after_header_is_read_or_ignored(value: str) -> None:
    from streams.httpclient import retry_after

    waited = retry_after(value, datetime(2024, 12, 7, 18, 0, tzinfo=UTC))
    assert waited is None or waited >= 0.0
    if value.strip().isascii() and value.strip().isdigit():
        assert waited == float(value.strip())


@FUZZ
@given(HEADER_VALUES, HEADER_VALUES, HEADER_VALUES, st.binary(max_size=64))
@example("msg_1", "²", "v1,abc", b"{}")
def test_fuzz_hostile_webhook_headers_are_refused_by_the_sink(
    message_id: str, stamp: str, signed: str, body: bytes
) -> None:
    from streams.sink import Sink

    sink = Sink(Secret("whsec_" + "a" * 32))
    headers = {"webhook-id": message_id, "webhook-timestamp": stamp, "webhook-signature": signed}
    # never raises; a signature no one made with the secret is never taken
    assert sink.receive(headers, body, now=1_733_594_400.0) is False
