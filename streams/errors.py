"""Every kind of failure newsalert reports, one exception type per kind.

Messages are written for the person who has to act on them: they name the file,
the line, the field or the setting at fault, and say what would fix it.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    """One problem found in a rule file, printed as ``FILE:LINE:COL: error: MESSAGE``."""

    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: error: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class RuleError(NewsalertError):
    """Rule files that cannot be loaded or compiled; carries every problem found."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ArticleError(NewsalertError):
    """An article that cannot be read or parsed; the message names its origin."""


class ConfigError(NewsalertError):
    """A setting in newsalert.yaml or the environment that is missing or invalid."""
