"""Hot rule reload: notice that rule files changed and build the new rule set, or say exactly why not.

Pure of Faust: the worker's timer (:mod:`streams.agents.rules`) calls :func:`reload_if_changed` and swaps
the compiled rules it returns in one assignment, so an article is matched by the old rules or the new ones,
never a mix. A broken edit leaves the previous rules in force.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from streams.alerting.routing import Routing
from streams.errors import RuleError
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import check_rules, iter_rule_files


def rules_fingerprint(paths: Sequence[str | Path]) -> str:
    """A digest of which rule files exist and their contents; it changes with any edit, addition or removal."""
    files, problems = iter_rule_files(paths)
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as error:
            digest.update(str(error).encode())
    for problem in problems:
        digest.update(str(problem).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Reload:
    """The outcome of a reload: new compiled rules, or the problems that kept the old ones in force."""

    fingerprint: str
    rules: CompiledRules | None
    problems: tuple[str, ...] = ()


def reload_if_changed(paths: Sequence[str | Path], known: str, routing: Routing | None = None) -> Reload | None:
    """``None`` when the files still have fingerprint ``known``; else the new rules or why they were rejected
    (``routing``: a ``notify`` name that is not a configured destination rejects them too)."""
    fingerprint = rules_fingerprint(paths)
    if fingerprint == known:
        return None
    try:
        ruleset, problems = check_rules(paths, routing)
        if ruleset is None:
            return Reload(fingerprint, None, tuple(str(p) for p in problems))
        return Reload(fingerprint, compile_rules(ruleset))
    except RuleError as error:  # a limit exceeded or a regex RE2 refuses
        return Reload(fingerprint, None, tuple(str(p) for p in error.problems))
    except Exception as error:
        return Reload(
            fingerprint,
            None,
            (
                f"{', '.join(map(str, paths))}: error: the rules could not be read "
                f"({type(error).__name__}: {error}); please report this",
            ),
        )
