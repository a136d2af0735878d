"""Reading articles: the real scraped sample, JSON, JSONL, HTML, bad input and stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.articles.boilerplate import is_boilerplate
from streams.articles.model import Article, article_id
from streams.articles.readers import iter_jsonl, iter_paths, read_bytes, read_path
from streams.articles.scraped import parse_scraped
from streams.errors import ArticleError

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "saraya-homs-2024-12-07.txt"


@pytest.fixture(scope="module")
def sample() -> list[Article]:
    return read_path(SAMPLE)


def test_sample_main_article(sample: list[Article]) -> None:
    main = sample[0]
    assert main.title == "الفصائل السورية تدخل ضواحي حمص الرئيسية"
    assert main.published_at is not None and main.published_at.date().isoformat() == "2024-12-07"
    assert main.source == "وكالة أنباء سرايا الإخبارية"
    assert "توغلت في حمص" in main.body
    assert main.body.startswith("سرايا - دخلت الفصائل")
    for chrome in ("تابع قناتنا", "المشاهدات", "رمز التحقق", "جميع حقوق النشر", "الرجاء الانتظار", "لا يوجد تعليقات",
                   "تعليقاتكم", "المصدر:", "تاريخ النشر", "سياسة الخصوصية"):  # fmt: skip
        assert chrome not in main.body, chrome
    assert "أمريكا تسعى" not in main.body  # the read-also story does not pollute the article


def test_sample_read_also_is_its_own_article(sample: list[Article]) -> None:
    assert len(sample) == 2
    main, read_also = sample
    assert read_also.title == "أمريكا تسعى إلى التواصل مع الفصائل المسلحة السورية"
    assert read_also.extra["embedded_in"] == main.id
    assert read_also.id != main.id
    assert read_also.source == main.source
    assert "هيئة تحرير الشام" in read_also.body
    paragraphs = read_also.body.split("\n\n")
    # Tweets stay as quoted text; the scraper glued the credit to the next Arabic paragraph, which is split off.
    assert "> — Matthew Miller (@StateDeptSpox) December 9, 2024" in paragraphs
    assert any(p.startswith("> As the world watches") for p in paragraphs)
    assert any(p.startswith("وتسعى حكومات") for p in paragraphs)
    assert "pic.twitter.com" not in read_also.body


@pytest.mark.parametrize(
    "line",
    [
        "تابع قناتنا على يوتيوب تابع صفحتنا على فيسبوك",
        "طباعة المشاهدات: 1678",
        "الاسم : * | |",
        "Follow us on Twitter",
        "© 2024 Example News. All rights reserved.",
        "Views: 1,234",
        "Please wait...",
        "جميع الحقوق محفوظة لموقع الخبر",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["Rebels captured Homs on Saturday, a war monitor said.", "وأكد المرصد السوري انسحاب الجيش من محيط حمص"],
)
def test_article_lines_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_json_one_and_many(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "T", "body": "B", "url": "https://x.example/a?utm_source=rss", "lang": "en"}))
    [article] = read_path(one)
    assert article.lang == "en" and article.url.startswith("https://x.example/a")
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps([{"title": "A", "body": "a"}, {"title": "B", "body": "b", "published_at": "2024-12-07T10:00:00Z"}])
    )
    _, second = read_path(many)
    assert second.published_at.isoformat() == "2024-12-07T10:00:00+00:00"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"title": "A", "body": "a"}, {"title": 3}]))
    with pytest.raises(ArticleError, match=r"bad.json\[1\]: an article needs 'title' and 'body'"):
        read_path(bad)


def test_jsonl_bad_line_loses_nothing_else(tmp_path: Path) -> None:
    data = b'{"title": "A", "body": "a"}\nnot json\n\n{"body": "no title"}\n{"title": "C", "body": "c"}\n'
    results = list(iter_jsonl(data, origin="feed.jsonl"))
    assert [r.title for r in results if isinstance(r, Article)] == ["A", "C"]
    errors = [str(r) for r in results if isinstance(r, ArticleError)]
    assert errors[0].startswith("feed.jsonl:2: not valid JSON")
    assert errors[1].startswith("feed.jsonl:4: an article needs")
    assert [a.title for a in read_bytes(data, name="feed.jsonl")] == ["A", "C"]


def test_html_page_main_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    paragraph = "Opposition fighters entered the city of Hama on Thursday after government forces withdrew, a war monitor said. "
    page.write_text(
        f"""<html><head><title>Rebels enter Hama | Example News</title>
        <meta property="og:site_name" content="Example News"></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
        <article><h1>Rebels enter Hama</h1><p>{paragraph * 3}</p><p>Residents described scenes of celebration.</p></article>
        <footer>© 2024 Example News. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
        </body></html>""",
        encoding="utf-8",
    )
    [article] = read_path(page)
    assert "Hama" in article.title
    assert "entered the city of Hama" in article.body
    assert "Privacy policy" not in article.body and "Sport" not in article.body


def test_errors_name_the_file(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"latin1.txt: not UTF-8"):
        read_path(latin1)
    with pytest.raises(ArticleError, match=r"missing.txt: cannot read"):
        read_path(tmp_path / "missing.txt")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>")
    with pytest.raises(ArticleError, match=r"empty.html: no article text"):
        read_path(empty)


def test_stable_ids() -> None:
    assert article_id("https://x.example/a?utm_source=rss&id=3#top", "t", "b") == article_id(
        "https://X.example/a/?id=3", "other", "text"
    )
    assert article_id(None, "Rebels take Homs", "Text.") == article_id(None, "rebels  take HOMS", "text")
    assert article_id(None, "حماة", "") == article_id(None, "حماه", "")
    assert article_id(None, "A", "b") != article_id(None, "A", "c")


def test_iter_paths_expands_directories(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "image.png").write_bytes(b"")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.json", "b.txt"]


ENGLISH_PAGE = """\
Rebels enter the outskirts of Homs

Published: 7th, December 2024 07:27 PM GMT
Source: Example News Agency
Views: 1,234
Follow us on Twitter

Opposition fighters entered the outskirts of Homs on Saturday, a war monitor said.

Residents reported heavy shelling overnight.

© 2024 Example News. All rights reserved.
Read also: Washington seeks contact with Syrian factions
Published on: December 9, 2024
Source: Other Wire
US officials said they had reached out to the factions.
"""


def test_scraped_text_with_english_labels(tmp_path: Path) -> None:
    page = tmp_path / "homs-en.txt"
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    main, read_also = read_path(page)
    assert main.title == "Rebels enter the outskirts of Homs"
    assert main.published_at is not None and main.published_at.isoformat() == "2024-12-07T19:27:00+00:00"
    assert main.source == "Example News Agency"
    assert main.body.split("\n\n") == [
        "Opposition fighters entered the outskirts of Homs on Saturday, a war monitor said.",
        "Residents reported heavy shelling overnight.",
    ]
    # The embedded story keeps its own labels, which do not leak into the main article.
    assert read_also.title == "Washington seeks contact with Syrian factions"
    assert read_also.source == "Other Wire"
    assert read_also.published_at is not None and read_also.published_at.date().isoformat() == "2024-12-09"
    assert read_also.body == "US officials said they had reached out to the factions."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PUBLISHED: 07-12-2024 07:27 PM", "2024-12-07T19:27"),
        ("Date: 2024-12-07T19:27:00Z", "2024-12-07T19:27"),
        ("Posted on: Saturday 7 December 2024", "2024-12-07T00:00"),
        # The date line often goes on with the time of the last update: the publication date still counts.
        ("Published: 7 December 2024 | Updated: 8 December 2024", "2024-12-07T00:00"),
        ("تاريخ النشر: 07-12-2024 07:27 PM - آخر تحديث: 08-12-2024", "2024-12-07T19:27"),
    ],
)
def test_date_label_variants(line: str, expected: str) -> None:
    [article] = parse_scraped(f"Rebels enter Homs\n{line}\nSOURCE : Example Wire\n\nFighters entered Homs.\n")
    assert article.published_at is not None and article.published_at.isoformat().startswith(expected)
    assert article.source == "Example Wire"
    assert article.body == "Fighters entered Homs."


def test_a_label_without_a_date_stays_in_the_body() -> None:
    [article] = parse_scraped("Rebels enter Homs\nPublished: by our correspondent in Homs\n\nFighters entered Homs.\n")
    assert article.published_at is None
    assert article.body.startswith("Published: by our correspondent in Homs")
