"""Read articles from files, bytes and standard input, in every format producers receive.

``.json`` holds one article or a list, ``.jsonl``/``.ndjson`` one per line,
``.html``/``.htm`` a web page; anything else is raw scraped text.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from streams.articles.html import parse_html
from streams.articles.model import Article
from streams.articles.scraped import parse_scraped
from streams.errors import ArticleError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".json", *JSONL_SUFFIXES, *HTML_SUFFIXES, ".txt")
_SURROGATE = re.compile("[\ud800-\udfff]")
# In ASCII JSON: an escaped backslash (consumed whole, so "\\ud800" is text, not an escape), a surrogate
# pair, or a lone surrogate's escape, the only one of the three that is six characters long.
_JSON_SURROGATE = re.compile(
    r"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (from a JSON "\\ud800" or an HTML "&#55296;") replaced by U+FFFD.

    A lone surrogate cannot be encoded as UTF-8, so an article holding one could never be sent.
    """
    return _SURROGATE.sub("\ufffd", text)


def _json_without_surrogates(item: dict[str, Any]) -> dict[str, Any]:
    """A decoded JSON object with every lone surrogate in its keys and strings replaced by U+FFFD."""
    text = json.dumps(item)  # ASCII: every surrogate is a \\udXXX escape here
    if "\\ud" not in text:
        return item
    repaired = _JSON_SURROGATE.sub(lambda m: "\\ufffd" if len(m.group(0)) == 6 else m.group(0), text)
    value: dict[str, Any] = json.loads(repaired)
    return value


def _article(item: Any, where: str, source: str | None) -> Article:
    """The article of one decoded JSON item; ``ArticleError`` naming ``where`` when it is none."""
    if not isinstance(item, dict):
        raise ArticleError(f"{where}: an article must be a JSON object, not {type(item).__name__}")
    try:
        article = Article.from_dict(_json_without_surrogates(item))
    except ArticleError as exc:
        raise ArticleError(f"{where}: {exc}") from None
    except RecursionError:
        raise ArticleError(f"{where}: JSON nested deeper than the parser allows") from None
    except (ValueError, TypeError) as exc:  # e.g. "extra" that is not an object
        raise ArticleError(f"{where}: not an article ({exc}); check its fields") from None
    if source and not article.source:
        article = replace(article, source=source)
    return article


def iter_json_value(value: Any, *, origin: str, source: str | None = None) -> Iterator[Article | ArticleError]:
    """Each article of a decoded JSON value (one object or a list of objects), or the error of each item
    that is none, naming ``origin[index]``."""
    items = value if isinstance(value, list) else [value]
    for index, item in enumerate(items):
        where = f"{origin}[{index}]" if isinstance(value, list) else origin
        try:
            yield _article(item, where, source)
        except ArticleError as exc:
            yield exc


def parse_json_value(value: Any, *, origin: str, source: str | None = None) -> list[Article]:
    """Articles from a decoded JSON value: one object or a list of objects; raises the first item's error."""
    articles = []
    for item in iter_json_value(value, origin=origin, source=source):
        if isinstance(item, ArticleError):
            raise item
        articles.append(item)
    return articles


def _load_json(text: str, origin: str) -> Any:
    """The value of a JSON document; ``ArticleError`` naming ``origin`` and where it went wrong."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{origin}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ArticleError(f"{origin}: JSON nested deeper than the parser allows") from None
    except ValueError as exc:  # a number with more digits than Python converts
        raise ArticleError(f"{origin}: a JSON number has more digits than the parser reads ({exc})") from None


def iter_jsonl(data: bytes | str, *, origin: str, source: str | None = None) -> Iterator[Article | ArticleError]:
    """Each line's article, or the error that line gave (naming ``origin:line``), so one bad line loses nothing else."""
    text = _decode(data, origin) if isinstance(data, bytes) else data
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            value = _load_json(line, where)
        except ArticleError as exc:
            yield exc
        else:
            yield from iter_json_value(value, origin=where, source=source)


def _decode(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{origin}: not UTF-8 text (invalid byte at offset {exc.start})") from None


def read_bytes(data: bytes, *, name: str, source: str | None = None) -> list[Article]:
    """Articles from the bytes of a file called ``name`` (its suffix picks the format).

    For JSONL, a bad line raises only when no line was good; use :func:`iter_jsonl` to see every error.
    """
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        results = list(iter_jsonl(data, origin=name, source=source))
        articles = [r for r in results if isinstance(r, Article)]
        if not articles and results:
            raise next(r for r in results if isinstance(r, ArticleError))
        return articles
    text = _decode(data, name)
    if suffix == ".json":
        return parse_json_value(_load_json(text, name), origin=name, source=source)
    if suffix in HTML_SUFFIXES:
        return [parse_html(text, source=source, origin=name)]
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty")
    return parse_scraped(text, origin=name, source=source)


def read_path(path: Path | str, *, source: str | None = None) -> list[Article]:
    """Articles from one file; ``ArticleError`` names the file when it cannot be read or parsed."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, name=str(path), source=source)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named by ``paths``; a directory means every article file below it (sorted, hidden ones skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if found.is_file() and not hidden and found.suffix.lower() in ARTICLE_SUFFIXES:
                    yield found
        else:
            yield path


def _sniff(data: bytes) -> str:
    """A file name whose suffix fits ``data`` read from a pipe: JSON, JSONL, HTML or scraped text."""
    head = data.lstrip()[:1]
    if head == b"[":
        return "<stdin>.json"
    if head == b"{":
        try:
            json.loads(data)
            return "<stdin>.json"
        except (ValueError, RecursionError):
            return "<stdin>.jsonl"
    if head == b"<":
        return "<stdin>.html"
    return "<stdin>"


def iter_file(path: Path, data: bytes | None = None) -> Iterator[Article | ArticleError]:
    """Every article of one file (or of ``data`` named ``path``); a bad JSONL line or JSON list item is an error,
    the others still come."""
    try:
        content = path.read_bytes() if data is None else data
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from iter_jsonl(content, origin=str(path))
        elif suffix == ".json":
            yield from iter_json_value(_load_json(_decode(content, str(path)), str(path)), origin=str(path))
        else:
            yield from read_bytes(content, name=str(path))
    except OSError as exc:
        yield ArticleError(f"{path}: cannot read: {exc.strerror or exc}")
    except ArticleError as exc:
        yield exc


def iter_articles(names: Iterable[str], *, stdin: BinaryIO | None = None) -> Iterator[Article | ArticleError]:
    """Every article named by files, directories or ``-`` (``stdin``), with an error for each one that failed."""
    for name in names:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from iter_file(Path(_sniff(data)), data)
        elif not Path(name).exists():
            yield ArticleError(f"{name}: no such file or directory")
        else:
            for file in iter_paths([name]):
                yield from iter_file(file)
