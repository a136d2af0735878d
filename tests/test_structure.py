"""The codebase keeps one home per concept: checked here, so a change that scatters one again fails."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import streams
from streams.alerting.destinations import kinds


def every_module() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(streams.__path__, "streams.") if not m.name.endswith("__main__")
    )


def test_every_exception_class_lives_in_errors() -> None:
    outside = []
    for name in every_module():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == name
                and name != "streams.errors"
            ):
                outside.append(f"{name}.{attribute}")
    assert outside == [], "define these in streams/errors.py (and add them to its tree)"


def test_the_errors_tree_names_every_error() -> None:
    errors = importlib.import_module("streams.errors")
    documented = errors.__doc__ or ""
    for name, value in vars(errors).items():
        if inspect.isclass(value) and issubclass(value, errors.NewsalertError) and value is not errors.NewsalertError:
            assert f" {name} " in documented, f"{name} is missing from the tree in errors.py's docstring"


def test_reading_the_settings_loads_no_delivery_or_story_code() -> None:
    probe = (
        "import sys, streams.config; "
        "print(' '.join(m for m in ('numpy', 'scipy', 'httpx', 'datasketch', 'faust', 'aiokafka', "
        "'streams.alerting.delivery', 'streams.alerting.story') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_each_destination_kind_is_found_in_its_own_module() -> None:
    found = kinds()
    assert set(found) == {"webhook", "slack", "alertmanager"}
    for name, kind in found.items():
        assert kind.build_request.__module__ == f"streams.alerting.destinations.{name}"


def imported_modules(module: str) -> set[str]:
    """The ``streams`` modules that ``module`` imports anywhere in its source (type-only imports included)."""
    import ast

    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("streams"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("streams"))
    return found


def test_the_scan_and_the_claims_do_not_reach_back_into_the_evaluation() -> None:
    assert "streams.ruleset.matcher" not in imported_modules("streams.ruleset.scan")
    assert "streams.ruleset.claims" not in imported_modules("streams.ruleset.scan")
    assert "streams.ruleset.matcher" not in imported_modules("streams.ruleset.claims")


def test_the_core_prints_nothing() -> None:
    import ast

    for name in every_module():
        if name.split(".")[1] not in ("text", "articles", "ruleset", "alerting", "places"):
            continue
        tree = ast.parse(inspect.getsource(importlib.import_module(name)))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
        ]
        assert not calls, f"{name} prints: the core returns what it found, the command line prints it"
