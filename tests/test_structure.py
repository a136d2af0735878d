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
    return sorted(m.name for m in pkgutil.walk_packages(streams.__path__, "streams.") if not m.name.endswith("__main__"))


def test_every_exception_class_lives_in_errors() -> None:
    outside = []
    for name in every_module():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == name
                    and name != "streams.errors"):
                outside.append(f"{name}.{attribute}")
    assert outside == [], "define these in streams/errors.py (and add them to its tree)"


def test_the_errors_tree_names_every_error() -> None:
    errors = importlib.import_module("streams.errors")
    documented = errors.__doc__ or ""
    for name, value in vars(errors).items():
        if inspect.isclass(value) and issubclass(value, errors.NewsalertError) and value is not errors.NewsalertError:
            assert f" {name} " in documented, f"{name} is missing from the tree in errors.py's docstring"


def test_reading_the_settings_loads_no_delivery_or_story_code() -> None:
    probe = ("import sys, streams.config; "
             "print(' '.join(m for m in ('numpy', 'scipy', 'httpx', 'datasketch', 'faust', 'aiokafka', "
             "'streams.alerting.delivery', 'streams.alerting.story') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_each_destination_kind_is_found_in_its_own_module() -> None:
    found = kinds()
    assert set(found) == {"webhook", "slack", "alertmanager"}
    for name, kind in found.items():
        assert kind.build_request.__module__ == f"streams.alerting.destinations.{name}"
