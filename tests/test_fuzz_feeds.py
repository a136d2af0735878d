"""Property-based fuzzing of the feed path: bytes → feed document → entries → articles.

Properties: nothing raises but ``ArticleError``; every article can be written (UTF-8 JSON); a bad entry in a
well-formed feed never takes the good ones with it; output stays proportional to input.
"""

from __future__ import annotations

import contextlib
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from streams.articles.model import Article
from streams.articles.wire import encode_article
from streams.config import FeedSettings
from streams.errors import ArticleError
from streams.producers.feeds import entry_article, html_to_text, parse_feed
from tests.fuzzing import FUZZ

FEED = FeedSettings(url="https://wire.example.org/rss.xml", name="fuzz")
# What attacks and real-world breakage put into feeds, written raw into the document.
HOSTILE = [
    "&#55296;",
    "&#xD800;",
    "&#xdfff;",
    "&#99999999999999999999;",
    "&#x110000;",
    "&#0;",
    "&#",
    "&#x;",
    "&amp;",
    "&bogus;",
    "&nbsp;",
    "<p",
    "<",
    ">",
    "</p>",
    "<br/>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<!DOCTYPE x [<!ENTITY a 'aaaaaaaa'>]>",
    "&a;",
    "\x00",
    "\ufffe",
    "\u202e",
    "\U0001f600",
    "حمص",
]
DATES = [
    "0000-01-01T00:00:00+01:00",
    "-0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-12:00",
    "Mon, 01 Jan -001 00:00:00 GMT",
    "Thu, 05 Dec 2024 14:00:00 GMT",
    "2024-13-45T99:99:99Z",
    "",
    "yesterday",
    "99999999999999999999",
]
LINKS = [
    "https://wire.example.org/a",
    "http://[wire",
    "http://wire.example.org:99999/",
    "javascript:alert(1)",
    "/dev/zero",
    "file:///etc/passwd",
    "http://169.254.169.254/",
    "",
]

text = st.text(max_size=40)
hostile_text = st.lists(st.one_of(text, st.sampled_from(HOSTILE)), max_size=6).map("".join)


def document(entries: list[str], atom: bool) -> bytes:
    if atom:
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fuzz</title>'
            + "".join(entries)
            + "</feed>"
        ).encode("utf-8", "surrogatepass")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Fuzz</title>'
        + "".join(entries)
        + "</channel></rss>"
    ).encode("utf-8", "surrogatepass")


@st.composite
def entries(draw: st.DrawFn, *, atom: bool, well_formed: bool) -> str:
    """One entry whose fields are hostile; ``well_formed`` escapes them so the XML around them stays intact
    (character references are kept raw: they are what breaks parsers)."""

    def field(strategy: st.SearchStrategy[str]) -> str:
        value = draw(strategy)
        if not well_formed:
            return value
        return escape(value).replace("&amp;#", "&#")

    title, body = field(hostile_text), field(hostile_text)
    link, guid, date = field(st.sampled_from(LINKS)), field(hostile_text), field(st.sampled_from(DATES))
    if atom:
        return (
            f'<entry><title>{title}</title><id>{guid}</id><link href="{link}"/><updated>{date}</updated>'
            f'<content type="html">{body}</content></entry>'
        )
    return (
        f"<item><title>{title}</title><guid>{guid}</guid><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description>{body}</description></item>"
    )


def articles_of(content: bytes) -> list[Article]:
    """Every article the poller would send for ``content``; raises only ``ArticleError`` for the document."""
    document_ = parse_feed(content, {"Content-Type": "application/rss+xml"})
    found = []
    for key, entry in document_.entries:
        key.encode("utf-8")  # keys are stored in the state topic as JSON: they must be text
        try:
            article = entry_article(entry, FEED, document_.title)
        except ArticleError:
            continue
        if article is not None:
            assert len(encode_article(article)) <= 4 * len(content) + 1000
            found.append(article)
    return found


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_feed_bytes_raise_nothing_but_article_error(content: bytes) -> None:
    with contextlib.suppress(ArticleError):
        articles_of(content)


@FUZZ
@given(
    st.booleans().flatmap(
        lambda atom: st.tuples(st.just(atom), st.lists(entries(atom=atom, well_formed=False), max_size=4))
    ),
    st.data(),
)
def test_fuzz_mutated_feeds_raise_nothing_but_article_error(shape: tuple[bool, list[str]], data: st.DataObject) -> None:
    atom, items = shape
    content = document(items, atom)
    cut = data.draw(st.integers(0, len(content)))
    insert = data.draw(st.sampled_from(HOSTILE)).encode("utf-8")
    for mutated in (content, content[:cut], content[:cut] + insert + content[cut:]):
        with contextlib.suppress(ArticleError):
            articles_of(mutated)


@FUZZ
@given(st.booleans(), st.data())
def test_fuzz_a_bad_entry_never_takes_the_good_ones_with_it(atom: bool, data: st.DataObject) -> None:
    bad = data.draw(entries(atom=atom, well_formed=True))
    good = [
        (
            f'<entry><title>Good {n}</title><id>good-{n}</id><link href="https://wire.example.org/{n}"/>'
            f"<content>Fighters entered town {n}.</content></entry>"
        )
        if atom
        else (
            f"<item><title>Good {n}</title><guid>good-{n}</guid><link>https://wire.example.org/{n}</link>"
            f"<description>Fighters entered town {n}.</description></item>"
        )
        for n in range(3)
    ]
    position = data.draw(st.integers(0, len(good)))
    content = document([*good[:position], bad, *good[position:]], atom)
    titles = [a.title for a in articles_of(content)]
    assert [t for t in titles if t.startswith("Good ") and t[5:].isdigit()] == [f"Good {n}" for n in (2, 1, 0)]


@FUZZ
@given(st.lists(st.one_of(text, st.sampled_from(HOSTILE)), max_size=30).map("".join))
def test_fuzz_html_to_text_output_is_bounded(fragment: str) -> None:
    plain = html_to_text(fragment)
    assert len(plain) <= 2 * len(fragment)
