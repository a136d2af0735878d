"""The board's files (page, script, style), served from the package: nothing is fetched at run time."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

# Every file the board has, and its content type; any other name is not served.
TYPES = {
    "index.html": "text/html",
    "board.js": "text/javascript",
    "board.css": "text/css",
}


def asset(name: str) -> tuple[bytes, str] | None:
    """The bytes and content type of the board file ``name``, or None when the board has no such file."""
    content_type = TYPES.get(name)
    if content_type is None:
        return None
    return _read(name), f"{content_type}; charset=utf-8"


@cache  # only ever called with the names of TYPES
def _read(name: str) -> bytes:
    return files("streams.board").joinpath("static", name).read_bytes()
