"""Registries filled by modules: every module of a package that defines a given attribute adds one entry.

Destinations (``KIND``) and languages (``LANGUAGE``) are registered this way, so adding one is adding
its module, and nothing else needs to list it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def defined_in(package: str, path: Iterable[str], attribute: str, kind: type[T]) -> list[T]:
    """The ``attribute`` of each module of ``package`` (found on ``path``) that defines one of type ``kind``."""
    found: list[T] = []
    for module in pkgutil.iter_modules(path):
        value = getattr(importlib.import_module(f"{package}.{module.name}"), attribute, None)
        if isinstance(value, kind):
            found.append(value)
    return found
