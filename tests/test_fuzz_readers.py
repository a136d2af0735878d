"""Property-based fuzzing of the file readers (JSON, JSONL, HTML, scraped text) and the scraped-page parser.

Properties: nothing raises but ``ArticleError`` (reported, not raised, by the iterators); every article
can be written as UTF-8 JSON; one bad JSONL line or JSON list item never takes the good ones with it and
is reported naming its line or index; output stays proportional to input, and the inputs that made the
parser's work grow with the square of a line's length now take a bounded time.
"""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.articles import scraped
from streams.articles.model import Article
from streams.articles.readers import iter_articles, iter_file, iter_jsonl, without_surrogates
from streams.articles.scraped import parse_scraped
from streams.articles.wire import encode_article
from streams.errors import ArticleError
from tests.fuzzing import FUZZ

SUFFIXES = [".json", ".jsonl", ".ndjson", ".html", ".txt", ""]
# Any code point, lone surrogates included: json.dumps writes them as "\ud800" escapes, as attackers do.
any_text = st.text(st.characters(exclude_categories=()), max_size=30)
LINES = [
    "Published: 7th, December 2024 GMT",
    "تاريخ النشر: 07-12-2024 07:27 PM",
    "Date: " + "x " * 60,
    "Source: Example Wire",
    "المصدر: وكالة",
    "Read also: Rebels enter Hama",
    "اقرأ أيضا: خبر",
    "Related:",
    "— Name (@handle) December 9, 2024",
    "pic.twitter.com/abc https://t.co/x",
    "views: 1,234",
    "loading ...",
    "Copyright 2024",
    "| a | b | c |",
    "Homs - Fighters entered the city.",
    "",
    " ",
    "\t",
    "\u200f",
]
scraped_text = st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=60)), max_size=40).map("\n".join)
good_article = st.fixed_dictionaries(
    {"title": any_text.filter(lambda t: t.strip() != ""), "body": any_text},
    optional={
        "url": st.just("https://wire.example.org/a"),
        "source": any_text,
        "extra": st.dictionaries(any_text, any_text, max_size=2),
    },
)
BAD_LINES = [
    "not json",
    "{",
    "[1]",
    '"text"',
    "null",
    '{"title": 5, "body": "b"}',
    '{"body": "no title"}',
    '{"title": "", "body": ""}',
    '{"title": "t", "body": "b", "extra": "not an object"}',
    '{"title": "t", "body": "b", "published_at": "yesterday"}',
    '{"title": "t", "body": "b", "url": 7}',
    '{"title": "t", "body": "b", "n": ' + "1" * 5000 + "}",
    "[" * 100_000,
    '{"title": "t\\ud800", "body": 1}',
]
BAD_ITEMS: list[object] = [
    [1, 2],
    "text",
    None,
    {"title": 5, "body": "b"},
    {"body": "no title"},
    {"title": "", "body": ""},
    {"title": "t", "body": "b", "extra": "not an object"},
    {"title": "t", "body": "b", "published_at": "yesterday"},
    {"title": "t", "body": "b", "url": 7},
]


def assert_sound(items: list[Article | ArticleError], size: int) -> None:
    for item in items:
        if isinstance(item, Article):
            assert len(encode_article(item)) <= 8 * size + 1000
        else:
            assert isinstance(item, ArticleError) and "\n" not in str(item).strip()


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_fuzz_any_file_yields_articles_or_errors(data: bytes, suffix: str) -> None:
    assert_sound(list(iter_file(Path("fuzz" + suffix), data)), len(data))


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_standard_input_yields_articles_or_errors(data: bytes) -> None:
    assert_sound(list(iter_articles(["-"], stdin=io.BytesIO(data))), len(data))


@FUZZ
@given(st.lists(good_article, min_size=1, max_size=6), st.sampled_from(BAD_LINES), st.data())
def test_fuzz_one_bad_jsonl_line_loses_nothing_else(
    good: list[dict[str, object]], bad: str, data: st.DataObject
) -> None:
    lines = [json.dumps(item) for item in good]
    position = data.draw(st.integers(0, len(lines)))
    lines.insert(position, bad)
    results = list(iter_jsonl("\n".join(lines).encode(), origin="wire.jsonl"))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [str(r) for r in results if isinstance(r, ArticleError)]
    assert len(articles) == len(good) and len(errors) == 1
    assert re.match(rf"wire\.jsonl:{position + 1}[:\[]", errors[0]), errors[0]
    for article, item in zip(articles, good, strict=True):
        encode_article(article)
        assert article.title == without_surrogates(str(item["title"]))


@FUZZ
@given(st.lists(good_article, min_size=1, max_size=6), st.sampled_from(BAD_ITEMS), st.data())
def test_fuzz_one_bad_json_list_item_loses_nothing_else(
    good: list[dict[str, object]], bad: object, data: st.DataObject
) -> None:
    items: list[object] = list(good)
    position = data.draw(st.integers(0, len(items)))
    items.insert(position, bad)
    results = list(iter_file(Path("wire.json"), json.dumps(items).encode()))
    errors = [str(r) for r in results if isinstance(r, ArticleError)]
    assert len(results) == len(good) + 1 and len(errors) == 1
    assert errors[0].startswith(f"wire.json[{position}]:")


@FUZZ
@given(scraped_text)
def test_fuzz_scraped_pages_give_their_articles(text: str) -> None:
    articles = parse_scraped(text)
    assert 1 <= len(articles) <= scraped.MAX_EMBEDDED + 1
    for article in articles:
        assert len(encode_article(article)) <= 3 * len(text.encode()) + 1000


@pytest.mark.parametrize(
    "line",
    [
        "Published: 7 December 2024" + " " * 200_000 + "x",  # the date's tail split, from every space
        "Homs\n- " + " " * 200_000 + "x",  # a tweet credit's spaces handed back to its name
        "Homs\nLead\n— Name (@h) December 9, 2024\n" + " " * 200_000 + "pic.twitter.com/x",
        "Homs\n" + "views" + " " * 200_000 + "x",  # site chrome patterns on a long line
        "Homs\n" + "loading" + " " * 200_000 + "x",  # "loading…" tried from every space to the line's end
        "Homs\n" + "\n".join(f"Read also: Story {n}\nDate: not a date {n}" for n in range(2000)),
    ],
)
def test_adversarial_scraped_pages_take_bounded_time(line: str) -> None:
    started = time.perf_counter()
    parse_scraped(line)
    # Before: minutes for each of these (work growing with the square of a line, or a date parse per story).
    assert time.perf_counter() - started < 20
