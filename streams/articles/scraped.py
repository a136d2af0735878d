"""Raw scraped pages: title on the first line, date and source lines, site chrome, "read also" stories, tweets.

Pure text in, articles out. The first non-empty line is the title; a
``تاريخ النشر:``/``Published:`` line gives the date and a ``المصدر:``/``Source:``
line the outlet (both removed from the body); site chrome is dropped; a "read
also" story embedded after the article becomes an article of its own; embedded
tweets stay as quoted text.
"""

from __future__ import annotations

import re
from datetime import datetime

from streams.articles.boilerplate import is_boilerplate
from streams.articles.model import Article
from streams.text.languages import every


def _labels(kind: str) -> str:
    """Every language's labels of ``kind`` (streams/text/languages) as one alternation, longest first."""
    return "|".join(sorted(every(kind), key=lambda label: (-len(label), label)))


_DATE_LINE = re.compile(rf"^\s*({_labels('date_labels')})\s*[:：]\s*(?P<value>.+)$", re.I)
# What may follow the date on its line: "| Updated: …", "- آخر تحديث: …".
_DATE_TAIL = re.compile(rf"\s*(?:[|•·]|\s[-–—]\s|{_labels('updated_labels')})\s*", re.I)
_SOURCE_LINE = re.compile(rf"^\s*({_labels('source_labels')})\s*[:：]\s*(?P<value>.+)$", re.I)
_READ_ALSO = re.compile(rf"^\s*({_labels('read_also_labels')})\s*[:：]?\s*(?P<rest>.*)$", re.I)
_DATELINE = re.compile(r"^(?P<outlet>[^\s\-–—:]{2,24}(?: [^\s\-–—:]{2,24})?)\s+[-–—]\s+\S")
_MONTHS = _labels("months")
# "— Name (@handle) December 9, 2024", sometimes glued to the next paragraph by the scraper.
# Possessive \s*+: the spaces are never handed back to the name, which keeps a long run of them linear.
_TWEET_CREDIT = re.compile(rf"[—–-]\s*+[^()\n]{{1,80}}\(@\w{{1,30}}\)\s*(?:{_MONTHS})\s+\d{{1,2}},\s*\d{{4}}")
# One space at most before the link: a leading \s* would rescan a run of spaces from each of its positions.
_TWEET_LINK = re.compile(r"\s?(?:pic\.twitter\.com|https?://t\.co)/\S+")
# dateparser takes 2-50 ms a call and grows with its input, so a page gets a bounded number of short tries.
MAX_DATE_CHARS = 100  # no site prints a date longer than this
MAX_DATE_LINES = 2  # date lines tried per story
MAX_EMBEDDED = 20  # "read also" stories split off one page; later markers stay in the last story's text
MAX_CHROME_CHARS = 300  # longer lines are article text, not site chrome (and are not run through its patterns)


def parse_date(text: str) -> datetime | None:
    """A date as news sites print it (``7th, December 2024 GMT``, ``07-12-2024 07:27 PM``, ISO, Arabic months)."""
    import dateparser  # imported lazily: it takes a noticeable time to load

    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip())
    if len(cleaned) > MAX_DATE_CHARS:
        return None
    parsed: datetime | None = dateparser.parse(
        cleaned, settings={"DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC"}
    )
    return parsed


def _published(value: str) -> datetime | None:
    """The publication date of a date line, also when the line goes on (``7 December 2024 | Updated: …``)."""
    head = _DATE_TAIL.split(value[: 2 * MAX_DATE_CHARS], maxsplit=1)[0]
    return parse_date(value) or (parse_date(head) if head != value else None)


def _paragraphs(lines: list[str]) -> list[str]:
    """Body paragraphs with tweets kept as quotes and their links dropped."""
    paragraphs: list[str] = []
    for line in lines:
        credit = _TWEET_CREDIT.search(line)
        if credit is None:
            paragraphs.append(line)
            continue
        # The credit closes a tweet whose text is the paragraph before it (or this line's start).
        before, after = line[: credit.start()].strip(), line[credit.end() :].strip()
        if before:
            paragraphs.append(before)
        if paragraphs:
            paragraphs[-1] = "> " + _TWEET_LINK.sub("", paragraphs[-1]).strip()
        paragraphs.append("> " + credit.group(0).strip())
        if after:
            paragraphs.append(after)
    return paragraphs


def _split(lines: list[str]) -> tuple[str, list[str], datetime | None, str | None]:
    """Title, body lines, date and source of one story's lines."""
    content = [line.strip() for line in lines if line.strip()]
    title = content[0] if content else ""
    body: list[str] = []
    published = None
    source = None
    date_lines = 0
    for line in content[1:]:
        if published is None and date_lines < MAX_DATE_LINES and (date := _DATE_LINE.match(line)):
            date_lines += 1
            published = _published(date.group("value"))
            if published is not None:
                continue
        if source_line := _SOURCE_LINE.match(line):
            source = source or source_line.group("value").strip()
            continue
        if len(line) > MAX_CHROME_CHARS or not is_boilerplate(line):
            body.append(line)
    return title, _paragraphs(body), published, source


def parse_scraped(text: str, *, origin: str = "<text>", source: str | None = None) -> list[Article]:
    """The article of a scraped page, followed by any embedded "read also" articles."""
    stories: list[list[str]] = [[]]
    for line in text.splitlines():
        marker = _READ_ALSO.match(line) if len(stories) <= MAX_EMBEDDED else None
        if marker:
            stories.append([marker.group("rest")] if marker.group("rest") else [])
        else:
            stories[-1].append(line)
    title, body, published, found_source = _split(stories[0])
    if not found_source and body and (dateline := _DATELINE.match(body[0])):
        found_source = dateline.group("outlet")
    main = Article.create(
        title=title,
        body="\n\n".join(body),
        source=source or found_source,
        published_at=published,
        extra={"origin": origin},
    )
    articles = [main]
    for lines in stories[1:]:
        title, body, date, own_source = _split(lines)
        if not title:
            continue
        articles.append(
            Article.create(
                title=title,
                body="\n\n".join(body),
                source=own_source or main.source,
                published_at=date or main.published_at,
                extra={"origin": origin, "embedded_in": main.id},
            )
        )
    return articles
