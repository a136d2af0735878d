"""Articles: the record every stage passes on, and readers for the formats producers receive."""

from streams.articles.model import Article, article_id

__all__ = ["Article", "article_id"]
