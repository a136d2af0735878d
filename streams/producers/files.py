"""``newsalert ingest``: articles from files, directories or standard input onto the ``articles`` topic."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import BinaryIO

from aiokafka.errors import KafkaError

from streams.articles.model import Article
from streams.articles.readers import iter_articles, iter_paths
from streams.articles.wire import article_key, encode_article
from streams.config import Settings
from streams.errors import ArticleError
from streams.kafka import create_topics, producer
from streams.progress import Progress


@dataclass
class IngestReport:
    """What one ingest run sent, and what it could not read or send (each naming its file or line)."""

    ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _by_file(names: Iterable[str], stdin: BinaryIO | None) -> Iterator[tuple[str, Article | ArticleError]]:
    """Each article (or reading error) of ``names`` with the file it came from (``-`` is standard input)."""
    for name in names:
        for file in ["-"] if name == "-" else [str(path) for path in iter_paths([name])]:
            for item in iter_articles([file], stdin=stdin):
                yield ("<stdin>" if file == "-" else file), item


def _unsent(origin: str, article: Article, reason: str) -> str:
    title = article.title.strip()[:60] or "(untitled)"
    return f"{origin}: article {article.id} ({title!r}) not sent: {reason}"


def dated_now(article: Article, now: datetime) -> Article:
    """``article`` as news of ``now``: published and received then (``ingest --dated-now``, ``run --demo``).

    For trying rules on an archive: articles as old as their dates say would be stale, which opens no story.
    """
    return replace(article, published_at=now, received_at=now)


async def ingest(
    settings: Settings, names: Iterable[str], *, stdin: BinaryIO | None = None, now: bool = False
) -> IngestReport:
    """Read every article named by ``names`` and send it keyed by its id (``now``: :func:`dated_now`).

    An article that cannot be read, is over ``max_article_bytes`` encoded (the match stage would only
    dead-letter it) or is refused by the broker is reported, naming its file, and the others are still sent.
    """
    assert settings.kafka_bootstrap, "ingest needs a broker"
    report = IngestReport()
    await create_topics(settings)
    started = datetime.now(UTC)
    limit = settings.max_article_bytes
    async with producer(settings.kafka_bootstrap) as client:
        with Progress("ingest") as progress:
            pending: list[tuple[str, Article, asyncio.Future[object]]] = []
            for origin, item in _by_file(names, stdin):
                if isinstance(item, ArticleError):
                    report.errors.append(str(item))
                    progress.advance("errors")
                    continue
                article = (
                    dated_now(item, started)
                    if now
                    else item
                    if item.received_at
                    else replace(item, received_at=started)
                )
                value = encode_article(article)
                try:
                    if len(value) > limit:
                        raise ArticleError(
                            f"{len(value):,} bytes encoded, over max_article_bytes ({limit:,}); "
                            "shorten it or raise max_article_bytes"
                        )
                    delivery = await client.send(settings.topic("articles"), value, key=article_key(article))
                except (ArticleError, KafkaError) as error:  # aiokafka's MessageSizeTooLargeError among them
                    report.errors.append(_unsent(origin, article, str(error) or type(error).__name__))
                    progress.advance("errors")
                    continue
                pending.append((origin, article, delivery))
                progress.advance("sent")
            for origin, article, delivery in pending:
                try:
                    await delivery
                except KafkaError as error:
                    report.errors.append(_unsent(origin, article, f"the broker refused it: {error}"))
                else:
                    report.ids.append(article.id)
    return report
