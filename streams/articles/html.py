"""HTML pages: the main text and metadata, extracted with trafilatura."""

from __future__ import annotations

import re

from streams.articles.model import Article
from streams.articles.scraped import parse_date
from streams.errors import ArticleError

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def parse_html(html: str, *, url: str | None = None, source: str | None = None, origin: str = "<html>") -> Article:
    """The article of an HTML page: title, main text (no navigation or footer), date, site and canonical URL."""
    import trafilatura  # heavy; only pages need it

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if document is None:
        raise ArticleError(f"{origin}: no article text could be extracted from this HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    body = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip()
    if not title and (found := _TITLE.search(html)):
        title = " ".join(found.group(1).split())
    if not body:
        raise ArticleError(f"{origin}: no article text could be extracted from this HTML page")
    published = parse_date(data["date"]) if data.get("date") else None
    return Article.create(
        title=title,
        body=body,
        url=url or data.get("url") or None,
        source=source or data.get("sitename") or data.get("hostname") or None,
        lang=data.get("language") or None,
        published_at=published,
        extra={"origin": origin},
    )
