"""Articles on the ``articles`` topic: UTF-8 JSON of :meth:`Article.to_dict`, keyed by article id.

Anything can be written to a Kafka topic, so decoding names precisely what is
wrong with a message; the match stage dead-letters it with that reason.
"""

from __future__ import annotations

import json

from streams.articles.model import Article
from streams.errors import ArticleError, InvalidMessage
from streams.records import to_json


def article_key(article: Article) -> bytes:
    """The message key of ``article``: its id, so every copy of one article reaches one partition."""
    return article.id.encode()


def encode_article(article: Article) -> bytes:
    """The message value for ``article``."""
    return to_json(article)


def decode_article(value: bytes | None, *, max_bytes: int) -> Article:
    """The article in a message value; raises :class:`InvalidMessage` saying why it is not one."""
    if not value:
        raise InvalidMessage("empty", "the message has no value")
    if len(value) > max_bytes:
        raise InvalidMessage("too_large", f"{len(value):,} bytes, over the limit of {max_bytes:,}")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidMessage("not_utf8", f"invalid UTF-8 byte at offset {error.start}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidMessage("not_json", f"{error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise InvalidMessage("too_deep", "JSON nested deeper than the parser allows") from None
    if not isinstance(data, dict):
        raise InvalidMessage("not_an_object", f"expected a JSON object, got {type(data).__name__}")
    try:
        return Article.from_dict(data)
    except ArticleError as error:
        raise InvalidMessage("invalid_article", str(error)) from None
