"""Values that must never be shown: webhook URLs, signing secrets, tokens; and reading them from ``${VAR}``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from streams.errors import ConfigError

REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Secret:
    """A string that must not be shown: ``str()`` and ``repr()`` give ``***``; :meth:`reveal` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The value itself, for the one place that needs it (an HTTP request, a signature)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


def resolve(value: Any, where: str, env: Mapping[str, str]) -> Secret | None:
    """``value`` (a setting's text) with every ``${VAR}`` replaced from ``env``, as a Secret; None for None.

    Raises ``ConfigError`` naming the setting ``where`` and the variable, never a value.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string")

    def lookup(reference: re.Match[str]) -> str:
        name = reference.group(1)
        if name not in env:
            raise ConfigError(f"{where}: environment variable {name} is not set")
        return env[name]

    return Secret(REFERENCE.sub(lookup, value))
