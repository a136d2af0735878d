"""The normalisation cache's hit rate, read from the normaliser or modelled from the text.

``streams/text/normalise.py`` normalises a field as a whole, and only the chunks whose characters
need context (look-alike letters, ligatures, characters beyond its tables) one by one, in a cache of two
generations; ``normalised_count()`` says how many chunks it has normalised one by one (its misses), so
the hit rate is the share of chunks that cost no Python work of their own. How much the text itself
repeats is what :class:`CacheModel` reports (``bench.calibrate``: a cache of every chunk). The benchmark
reads the count around each article, which costs nothing in the timed loop.
Should the normaliser stop offering it, a one-dict cache emptied at ``DEFAULT_LIMIT`` entries is
modelled from the text instead (:class:`CacheModel`), and the output says so.

A *lookup* is one chunk of ``title.split()`` or ``body.split()``; the hit rate is
1 - misses / lookups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from streams.articles.model import Article

DEFAULT_LIMIT = 200_000


def chunks(article: Article) -> list[str]:
    """The chunks the normaliser looks up for ``article`` (title, then body)."""
    return article.title.split() + article.body.split()


@dataclass
class CacheModel:
    """A dict of chunks emptied when full: the normaliser's policy, for hit rates without normalising."""

    limit: int = DEFAULT_LIMIT

    def __post_init__(self) -> None:
        self.seen: set[str] = set()
        self.hits = 0
        self.misses = 0

    def feed(self, article: Article, count: bool = True) -> None:
        """Look up every chunk of ``article``; ``count`` False for a warm-up."""
        seen, hits, misses = self.seen, 0, 0
        for chunk in chunks(article):
            if chunk in seen:
                hits += 1
            else:
                if len(seen) >= self.limit:
                    seen.clear()
                seen.add(chunk)
                misses += 1
        if count:
            self.hits += hits
            self.misses += misses

    @property
    def hit_rate(self) -> float:
        return self.hits / max(1, self.hits + self.misses)


def hit_rate_after(articles: Iterable[Article], warm_up: int, limit: int = DEFAULT_LIMIT) -> float:
    """The modelled hit rate over ``articles`` after the first ``warm_up`` of them."""
    model = CacheModel(limit)
    for index, article in enumerate(articles):
        model.feed(article, count=index >= warm_up)
    return model.hit_rate


class CacheProbe:
    """Counts the real cache's misses: the chunks the normaliser normalised (see the module's docstring)."""

    def __init__(self) -> None:
        from streams.text import normalise

        self._module: Any = normalise
        self.available = callable(getattr(normalise, "normalised_count", None))
        self.method = (
            "read from streams.text.normalise.normalised_count() (chunks normalised before and after each article)"
            if self.available
            else "modelled from the text (streams.text.normalise has no normalised_count())"
        )
        self._model = None if self.available else CacheModel()
        self.lookups = 0
        self.misses = 0

    def size(self) -> int:
        """How many chunks the normaliser has normalised so far (0 when it cannot tell)."""
        return int(self._module.normalised_count()) if self.available else 0

    def misses_between(self, before: int, after: int) -> int:
        """Misses of one article during which the count went from ``before`` to ``after``."""
        return after - before

    def count(self, articles: list[Article], sizes: list[tuple[int, int]]) -> None:
        """Add the lookups of ``articles`` and their misses (``sizes``: the cache's size before and after each)."""
        for article, (before, after) in zip(articles, sizes, strict=True):
            lookups = len(chunks(article))
            self.lookups += lookups
            if self._model is not None:
                old = self._model.misses
                self._model.feed(article)
                self.misses += self._model.misses - old
            else:
                self.misses += self.misses_between(before, after)

    def warm(self, article: Article) -> None:
        """A warm-up article: only the model (when the cache cannot be read) needs to see it."""
        if self._model is not None:
            self._model.feed(article, count=False)

    def reset_counts(self) -> None:
        self.lookups = self.misses = 0

    @property
    def hit_rate(self) -> float:
        return 1 - self.misses / max(1, self.lookups)
