"""YAML that people write (rule files, settings): read safely, within bounds, every problem located.

A safe loader still expands anchors and aliases (a "billion laughs" file) and recurses as deep as
the file nests; this one refuses both before building anything, and turns every way reading can
fail (a control character, bad syntax, too deep) into one :class:`streams.errors.YamlProblem` with a line and column.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import Node

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
    node = compose(source)
    if node is None:
        return None
    try:
        return yaml.SafeLoader("").construct_document(node)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        mark = getattr(error, "problem_mark", None)
        message = f"YAML error: {' '.join(str(getattr(error, 'problem', None) or error).split())}"
        raise YamlProblem(message, mark.line + 1, mark.column + 1) if mark else YamlProblem(message) from None
