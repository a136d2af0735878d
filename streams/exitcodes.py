"""Every exit code of ``newsalert``, and which failure gives which (documented in README and docs/configuration.md)."""

from __future__ import annotations

import sys
from enum import IntEnum


class ExitCode(IntEnum):
    """What a ``newsalert`` process's exit status means."""

    OK = 0
    FAILED = 1  # the command ran, but some input, rule test, delivery or threshold failed; each is on stderr
    USAGE = 2  # a bad command line (argparse's own code)
    STOP_TIMEOUT = 3  # the worker did not stop within its grace period after a signal (streams.faust_fixes)
    CONFIG = 4  # newsalert.yaml or an environment variable is missing or invalid
    RULES = 5  # the rule files cannot be found or loaded
    BROKER = 6  # no broker (or worker page) is configured or reachable
    PORT_IN_USE = 7  # the web port is taken by another process
    DATA_DIR = 8  # the data directory cannot be created or written
    BUG = 70  # an unexpected error: a bug in newsalert (run again with --debug for the traceback)
    INTERRUPTED = 130  # Ctrl-C


# Keyed by (module, class) rather than by class, so mapping an error never imports a module (faust, aiokafka)
# that the failing command did not load: an instance of a class implies its module was imported.
_CODES = (
    ("streams.errors", "ConfigError", ExitCode.CONFIG),
    ("streams.errors", "RuleError", ExitCode.RULES),
    ("streams.errors", "ArticleError", ExitCode.FAILED),
    ("streams.kafka", "BrokerUnavailable", ExitCode.BROKER),
    ("streams.broker", "BrokerError", ExitCode.BROKER),
    ("streams.state", "StateUnavailable", ExitCode.BROKER),
    ("streams.local", "NoBroker", ExitCode.BROKER),
    ("streams.local", "PortInUse", ExitCode.PORT_IN_USE),
    ("streams.local", "DataDirError", ExitCode.DATA_DIR),
    ("streams.errors", "NewsalertError", ExitCode.FAILED),  # any other failure newsalert reports on purpose
)


def exit_code(error: BaseException) -> ExitCode:
    """The exit code for ``error``: the first kind in the table it is, :attr:`ExitCode.BUG` for an unexpected error."""
    for module, name, code in _CODES:
        kind = getattr(sys.modules.get(module), name, None)
        if isinstance(kind, type) and isinstance(error, kind):
            return code
    return ExitCode.BUG
