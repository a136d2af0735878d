"""YAML that people write (rule files, settings): read safely, within bounds, every problem located.

A safe loader still expands anchors and aliases (a "billion laughs" file) and recurses as deep as
the file nests; this one refuses both before building anything, and turns every way reading can
fail (a control character, bad syntax, too deep) into one :class:`streams.errors.YamlProblem` with a line and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from streams.errors import YamlProblem

# Deeper than any rule or settings file needs; far below what would exhaust Python's stack.
MAX_DEPTH = 32


class _RestrictedLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors/aliases and deep nesting before building them."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if self.check_event(yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _problem("YAML anchors and aliases are not allowed here", event.start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _problem(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _problem(message: str, mark: yaml.Mark) -> YamlProblem:
    return YamlProblem(message, mark.line + 1, mark.column + 1)


def compose(source: str) -> Node | None:
    """The node tree of ``source`` (None when empty), keeping each node's position for error messages."""
    loader: _RestrictedLoader | None = None
    try:
        # The reader checks the characters as the loader is built: a control character raises here.
        loader = _RestrictedLoader(source)
        return loader.get_single_node()
    except yaml.reader.ReaderError as error:
        line = source.count("\n", 0, error.position) + 1
        column = error.position - (source.rfind("\n", 0, error.position) + 1) + 1
        raise YamlProblem(f"character U+{error.character:04X} is not allowed in a YAML file", line, column) from None
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"YAML syntax error: {error.problem or error.context}"
        raise YamlProblem(message, mark.line + 1, mark.column + 1) if mark else YamlProblem(message) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlProblem(f"YAML error: {' '.join(str(error).split())}") from None
    finally:
        if loader is not None:
            loader.dispose()


def load(source: str) -> Any:
    """The Python value of ``source`` (plain dicts, lists and scalars), read as :func:`compose` reads it."""
    return load_located(source)[0]


def load_located(source: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    """:func:`load`, and where each key stands: ``{"kafka.partitions": (3, 3), "feeds[0].url": (9, 7)}``.

    Paths name mapping keys with dots and list items as ``[i]``, the way settings errors name them, so an
    error about ``feeds[0].url`` can point at its line and column (1-based).
    """
    node = compose(source)
    if node is None:
        return None, {}
    positions: dict[str, tuple[int, int]] = {}
    _locate(node, "", positions)
    try:
        return yaml.SafeLoader("").construct_document(node), positions
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        mark = getattr(error, "problem_mark", None)
        message = f"YAML error: {' '.join(str(getattr(error, 'problem', None) or error).split())}"
        raise YamlProblem(message, mark.line + 1, mark.column + 1) if mark else YamlProblem(message) from None


def _locate(node: Node, path: str, positions: dict[str, tuple[int, int]]) -> None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                here = f"{path}.{key.value}" if path else str(key.value)
                positions[here] = (key.start_mark.line + 1, key.start_mark.column + 1)
                _locate(value, here, positions)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            here = f"{path}[{index}]"
            positions[here] = (item.start_mark.line + 1, item.start_mark.column + 1)
            _locate(item, here, positions)


def unknown_key(key: str, known: Iterable[str], what: str) -> tuple[str, str]:
    """The message and the hint for a key that ``what`` does not take: the closest known key, else all of them."""
    choices = sorted(known)
    return f"unknown key {quoted(key)} in {what}", closest(key, choices) or f"known: {', '.join(choices)}"


def closest(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'X'?`` for the choice closest to a mistyped ``word``, or '' when none is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{found[0]}'?" if found else ""


def quoted(text: str, limit: int = 40) -> str:
    """``text`` in quotes for an error message, cut short: a file read by mistake is not echoed whole."""
    text = printable(text)
    return f"'{text}'" if len(text) <= limit else f"'{text[:limit]}…'"


def printable(text: str) -> str:
    """``text`` with its control and other invisible characters escaped (``\\n``), so an error stays one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def node_value(node: Node) -> Any:
    """The plain Python value of a node :func:`compose` gave (for a block read as a whole)."""
    return yaml.SafeLoader("").construct_object(node, deep=True)
