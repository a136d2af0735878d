"""What a newsalert process needs from the machine it runs on, and how commands find ``newsalert run``.

``newsalert run`` writes a run file (``run.json`` in the data directory: broker, web URL, pid) while it
runs, so that ``ingest``, ``deadletter`` and ``state`` started anywhere on the same machine reach its
broker without being told the port. ``KAFKA_BOOTSTRAP`` (or ``kafka.bootstrap``) always wins; a run
file whose process is gone is ignored with a note.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from streams.config import Settings
from streams.errors import DataDirError, NoBroker, PortInUse

RUN_FILE = "run.json"


def ensure_data_dir(settings: Settings) -> Path:
    """The data directory of ``settings``, created if missing."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataDirError(
            f"cannot create the data directory {settings.data_dir}: {error.strerror or error}; "
            "set NEWSALERT_DATA_DIR (or data_dir in newsalert.yaml) to a writable directory"
        ) from None
    if not os.access(settings.data_dir, os.W_OK | os.X_OK):
        raise DataDirError(
            f"the data directory {settings.data_dir} is not writable; "
            "set NEWSALERT_DATA_DIR (or data_dir in newsalert.yaml) to a writable directory"
        )
    return settings.data_dir


def check_web_port(settings: Settings) -> None:
    """Raise :class:`PortInUse` when the worker's web server could not listen on ``web.host:web.port``.

    Checked before anything starts, so a taken port is one line instead of a worker that crashes
    half-started. Bound the way aiohttp binds (address reuse on), so a port in TIME_WAIT is not taken.
    """
    try:
        infos = socket.getaddrinfo(settings.web_host, settings.web_port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise PortInUse(
            f"web.host {settings.web_host!r} cannot be resolved ({error.strerror}); "
            "set NEWSALERT_WEB_HOST to an address of this machine"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortInUse(
                    f"web port {settings.web_port} on {settings.web_host} is already in use (another "
                    "newsalert?): stop that process or set NEWSALERT_WEB_PORT (web.port) to a free port"
                ) from None
            raise PortInUse(
                f"cannot listen on {settings.web_host}:{settings.web_port}: {error.strerror or error}; "
                "set NEWSALERT_WEB_HOST / NEWSALERT_WEB_PORT to an address of this machine"
            ) from None


@dataclass(frozen=True)
class RunFile:
    """What a running ``newsalert run`` tells the other commands on its machine."""

    bootstrap: str
    web: str
    pid: int
    started_at: str

    @staticmethod
    def path(settings: Settings) -> Path:
        """Where the run file of ``settings``' data directory is."""
        return settings.data_dir / RUN_FILE


@contextlib.contextmanager
def announce_run(settings: Settings, bootstrap: str) -> Iterator[RunFile]:
    """Write the run file for this process while the block runs; remove it after, unless another run replaced it."""
    run = RunFile(
        bootstrap=bootstrap,
        web=f"http://{settings.web_host}:{settings.web_port}",
        pid=os.getpid(),
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    path = RunFile.path(settings)
    partial = path.with_suffix(f".{run.pid}.tmp")
    try:
        partial.write_text(json.dumps(asdict(run)) + "\n", encoding="utf-8")
        partial.replace(path)  # readers never see half a file
    except OSError as error:
        raise DataDirError(
            f"cannot write {path}: {error.strerror or error}; "
            "set NEWSALERT_DATA_DIR (or data_dir in newsalert.yaml) to a writable directory"
        ) from None
    try:
        yield run
    finally:
        if _read(path) == run:
            path.unlink(missing_ok=True)


def _read(path: Path) -> RunFile | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RunFile(
            bootstrap=str(data["bootstrap"]),
            web=str(data["web"]),
            pid=int(data["pid"]),
            started_at=str(data.get("started_at", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive, and not ours to ask about
        return True
    return True


def running_run(settings: Settings) -> RunFile | None:
    """The run file of a ``newsalert run`` alive on this machine, if any; a stale one is noted on stderr."""
    path = RunFile.path(settings)
    run = _read(path)
    if run is None:
        if path.exists():
            print(f"note: ignoring {path}: not a newsalert run file", file=sys.stderr)
        return None
    if not _alive(run.pid):
        print(f"note: ignoring {path}: its newsalert run (pid {run.pid}) is no longer running", file=sys.stderr)
        return None
    return run


def with_broker(settings: Settings, command: str) -> Settings:
    """``settings`` with a broker: the configured one, else that of a ``newsalert run`` on this machine.

    Raises :class:`NoBroker` saying how to give one.
    """
    if settings.kafka_bootstrap:
        return settings
    run = running_run(settings)
    if run is None:
        raise NoBroker(
            f"newsalert {command} needs a broker: set KAFKA_BOOTSTRAP (or kafka.bootstrap in "
            f"newsalert.yaml), or start `newsalert run` on this machine (it announces itself in "
            f"{RunFile.path(settings)})"
        )
    return settings.with_bootstrap(run.bootstrap)
