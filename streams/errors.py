"""Every kind of failure newsalert raises on purpose: one exception type per kind, all in this module.

Messages are written for the person who has to act on them: they name the file, the line, the field or
the setting at fault, and say what would fix it. The command line maps each kind to an exit code
(:mod:`streams.exitcodes`).

::

    NewsalertError
    ├── ConfigError            a setting in newsalert.yaml or the environment is missing or invalid
    ├── RuleError              rule files cannot be loaded or compiled (carries every RuleProblem)
    ├── YamlProblem            a YAML text cannot be read (line and column; wrapped as one of the above)
    ├── ArticleError           an article cannot be read or parsed
    │   ├── InvalidMessage     a message on ``articles`` is not an article (``reason`` for metrics)
    │   ├── TooManyArticles    an HTTP request holds too many articles, or one too large (413)
    │   └── SourceRefused      an HTTP request's article names another source than its producer's token (403)
    ├── BodyTooLarge           an HTTP request body is over its limit (413)
    ├── BrokerUnavailable      no Kafka broker answers, or it did not acknowledge a record
    ├── BrokerError            the embedded broker could not be found or started
    ├── NoBroker               a command needs a broker and none is configured or announced
    ├── StateUnavailable       neither Kafka nor a worker's ``/state`` page could be read
    ├── BadQuery               a filter or action of the board (``/stories``, ``newsalert alerts``) is invalid
    ├── StoryNotFound          no open or recent story has the id an action names
    ├── PortInUse              another process listens on the web port
    ├── DataDirError           the data directory cannot be created or written
    ├── AddressRefused         a feed URL resolves to an address feeds must not reach, or not at all
    ├── FetchTooLarge          a feed or page answer is over the size limit
    └── WorkerFailed           a worker process started by the harness exited or never became ready
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class NewsalertError(Exception):
    """Base of every error newsalert raises on purpose."""


@dataclass(frozen=True)
class Location:
    """A place in a rule file: 1-based line and column, as editors show them."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class RuleProblem:
    """One problem found in a rule file, printed as ``FILE:LINE:COL: error: MESSAGE``.

    A ``warning`` (:mod:`streams.ruleset.lint`) is a rule that loads but cannot do all it says; only
    ``rules check --strict`` fails on one.
    """

    location: Location
    message: str
    hint: str = ""
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        text = f"{self.location}: {self.level}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class RuleError(NewsalertError):
    """Rule files that cannot be loaded or compiled; carries every problem found."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(NewsalertError):
    """A setting in newsalert.yaml or the environment that is missing or invalid."""


class YamlProblem(NewsalertError):
    """Why a YAML text could not be read; ``line`` and ``column`` are 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class ArticleError(NewsalertError):
    """An article that cannot be read or parsed; the message names its origin."""


class InvalidMessage(ArticleError):
    """A message on ``articles`` that is not an article; ``reason`` is a short, stable code for metrics."""

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


class TooManyArticles(ArticleError):
    """A request holds more articles than one request may, or an article over the size limit (413)."""


class SourceRefused(ArticleError):
    """An article sent with a named producer's token says it comes from another source (answered 403)."""


class BodyTooLarge(NewsalertError):
    """An HTTP request body is over the limit."""


class BrokerUnavailable(NewsalertError):
    """No Kafka broker answered at the configured bootstrap address, or it did not acknowledge a record."""


class BrokerError(NewsalertError):
    """The embedded broker could not be found or did not start."""


class NoBroker(NewsalertError):
    """A command needs a broker and none is configured nor announced by a running ``newsalert run``."""


class StateUnavailable(NewsalertError):
    """Neither Kafka nor a worker's ``/state`` page could be read."""


class BadQuery(NewsalertError):
    """A filter or an action of the board (``GET /stories``, ``newsalert alerts``) that is not valid (400)."""


class StoryNotFound(NewsalertError):
    """No open or recent story has the id (or id prefix) an action names (404)."""


class PortInUse(NewsalertError):
    """Another process listens on the web port."""


class DataDirError(NewsalertError):
    """The data directory cannot be created or written."""


class AddressRefused(NewsalertError):
    """A connection refused because its host does not resolve or resolves to an address feeds must not reach."""


class FetchTooLarge(NewsalertError):
    """A feed or page answer over the size limit."""


class WorkerFailed(NewsalertError):
    """A worker process started by :mod:`streams.harness` exited or did not become ready."""
