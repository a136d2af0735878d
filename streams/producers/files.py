"""``newsalert ingest``: articles from files, directories or standard input onto the ``articles`` topic."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import BinaryIO

from streams.articles.readers import iter_articles
from streams.articles.wire import encode_article
from streams.config import Settings
from streams.errors import ArticleError
from streams.kafka import create_topics, producer


@dataclass
class IngestReport:
    """What one ingest run sent, and what it could not read (each naming its file or line)."""

    ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def ingest(settings: Settings, names: Iterable[str], *, stdin: BinaryIO | None = None) -> IngestReport:
    """Read every article named by ``names`` and send it keyed by its id; unreadable ones are reported, not sent."""
    assert settings.kafka_bootstrap, "ingest needs a broker"
    report = IngestReport()
    await create_topics(settings)
    now = datetime.now(UTC)
    async with producer(settings.kafka_bootstrap) as client:
        pending = []
        for item in iter_articles(names, stdin=stdin):
            if isinstance(item, ArticleError):
                report.errors.append(str(item))
                continue
            article = item if item.received_at else replace(item, received_at=now)
            pending.append(await client.send(settings.topic("articles"), encode_article(article),
                                             key=article.id.encode()))
            report.ids.append(article.id)
        for delivered in pending:
            await delivered
    return report
