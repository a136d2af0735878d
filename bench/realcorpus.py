"""A real news corpus kept outside the repository: ``NEWSALERT_BENCH_CORPUS=/path/to/file.jsonl``.

One article per line, JSON with ``title`` and ``body`` (other keys ignored), e.g. a sample of
SaudiNewsNet or any feed dump. Real articles are other people's text: keep the file out of the
repository; the benchmark reads it and writes only figures.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.newscorpus import _cut
from streams.articles.model import Article

VARIABLE = "NEWSALERT_BENCH_CORPUS"


def corpus_path() -> Path | None:
    """The corpus named by ``NEWSALERT_BENCH_CORPUS``, or None when the variable is unset."""
    value = os.environ.get(VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def warm_up_for(count: int, warm_up: int = 6_000) -> int:
    """How many of a corpus's ``count`` articles warm the cache: ``warm_up``, or 60% of a smaller corpus."""
    return min(warm_up, count * 6 // 10)


def load(path: Path) -> list[Article]:
    """Every article of a JSONL file with a title or a body."""
    articles = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            data = json.loads(line)
            title, body = data.get("title") or "", data.get("body") or ""
            if title or body:
                articles.append(Article.create(title=title, body=body, id=f"real-{number}", lang=data.get("lang")))
    return articles


def recut(articles: list[Article], size: int) -> list[Article]:
    """The text of ``articles`` (each title, then its body) cut at spaces into articles of about ``size`` bytes.

    Every piece is ``size`` UTF-8 bytes or a little less, all text used once: real text at the
    benchmark's article sizes. A piece's first words (about 80 bytes) are its title.
    """
    pieces: list[Article] = []
    buffer = ""
    for article in articles:
        buffer += article.title + "\n\n" + article.body + "\n\n"
        while len(buffer.encode()) >= size:
            piece = _cut(buffer, size)
            if not piece.strip():
                piece = buffer[: size // 2]
            buffer = buffer[len(piece) :].lstrip()
            title = _cut(piece, 80)
            body = piece[len(title) :].strip()
            pieces.append(Article.create(title=title.strip(), body=body, id=f"real-piece-{len(pieces)}"))
    return pieces
