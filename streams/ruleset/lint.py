"""Warnings about rules that load but cannot do what they say: a regex written for text the matcher never
sees, a rule without examples. Pure; ``newsalert rules check`` prints them (``--strict`` makes them fail).

A regex runs over the *normalised* word stream (:mod:`streams.text.normalise`): lower case, Arabic letters
unified, digits Western, punctuation a word break, one space between words and at each end. What it can
never find is worked out from the normaliser itself: each run of literal characters in the pattern is
normalised (:func:`fold`), and a run that changes (``Killed``, ``6.8``, ``الحسكة``) can never occur as
written. RE2's ``\\b`` knows only ASCII word characters, so next to an Arabic letter it never holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _parser  # type: ignore[attr-defined]  # the stdlib's own regex parser: RE2 syntax is close to it
from typing import Any, assert_never

from streams.errors import Location, RuleProblem
from streams.ruleset.model import AllOf, AnyOf, Condition, EntityRef, ListRef, NoneOf, Phrase, Regex, RuleSet
from streams.text.normalise import fold
from streams.yamlfile import quoted

NORMALISED = (
    "regexes run over the normalised text: lower case, Arabic letters unified, digits Western, punctuation a "
    "word break; see docs/rules.md#regular-expressions"
)
# A class spanning more characters than this is taken to contain some the normalised text has.
_RANGE_LIMIT = 4096


def rule_warnings(ruleset: RuleSet) -> list[RuleProblem]:
    """Every warning about ``ruleset``'s rules, in file order."""
    warnings: list[RuleProblem] = []
    for rule in ruleset.rules:
        where = rule.location or Location(ruleset.files[0] if ruleset.files else "<rules>")
        if not rule.must_match and not rule.must_not_match:
            warnings.append(
                RuleProblem(
                    where,
                    f"rule '{rule.id}' has no examples",
                    "add examples: {match: [...], no_match: [...]} so `newsalert rules test` can run them",
                    level="warning",
                )
            )
        for regex in _regexes(rule.when):
            for message in regex_warnings(regex.pattern):
                warnings.append(
                    RuleProblem(regex.location or where, f"rule '{rule.id}': {message}", NORMALISED, "warning")
                )
    return sorted(warnings, key=lambda w: (w.location.file, w.location.line, w.location.column))


def _regexes(condition: Condition | None) -> Iterator[Regex]:
    if condition is None:
        return
    yield from _regexes(condition.unless)
    match condition:
        case Regex():
            yield condition
        case AllOf() | AnyOf() | NoneOf():
            for child in condition.children:
                yield from _regexes(child)
        case Phrase() | EntityRef() | ListRef():
            pass
        case _:
            assert_never(condition)


def regex_warnings(pattern: str) -> list[str]:
    """What in ``pattern`` can never match normalised text, one message each ([] when nothing, or when the
    pattern uses RE2 syntax Python's parser does not read)."""
    try:
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return []
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found: list[str] = []
    for run in _literal_runs(list(parsed)):
        normalised = _normalised(run)
        if (run.casefold() if ignore_case else run) != normalised:
            found.append(
                f"{quoted(run)} in regex {quoted(pattern)} never occurs in normalised text: write {quoted(normalised)}"
            )
    if any(_never(members, ignore_case) for members in _classes(list(parsed))):
        found.append(f"a character class in regex {quoted(pattern)} has no character the normalised text contains")
    letters = sorted(set(_boundary_neighbours(list(parsed))))
    if letters:
        found.append(
            f"\\b next to {quoted(letters[0])} in regex {quoted(pattern)} never holds: RE2's \\b knows only ASCII "
            "letters; match the spaces around words instead"
        )
    return found


def _normalised(run: str) -> str:
    """How ``run`` reads in normalised text: its words folded, a space where it had space at either end."""
    words = fold(run)
    if not words:  # spaces or punctuation: a word break, which is one space
        return " "
    return (" " if run[:1].isspace() else "") + words + (" " if run[-1:].isspace() else "")


def _literal_runs(items: list[Any]) -> Iterator[str]:
    """The runs of consecutive literal characters in a parsed pattern, at every depth."""
    run: list[str] = []
    for op, value in items:
        if op is _parser.LITERAL:
            run.append(chr(value))
            continue
        if run:
            yield "".join(run)
            run = []
        for inner in _inner(op, value):
            yield from _literal_runs(inner)
    if run:
        yield "".join(run)


def _inner(op: Any, value: Any) -> list[list[Any]]:
    """The sub-sequences of one parsed item (a group's, each branch's, a repeat's body)."""
    if op is _parser.SUBPATTERN:
        return [list(value[3])]
    if op is _parser.BRANCH:
        return [list(branch) for branch in value[1]]
    if op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
        return [list(value[2])]
    return []


def _classes(items: list[Any]) -> Iterator[list[Any]]:
    """The members of every character class, at every depth."""
    for op, value in items:
        if op is _parser.IN:
            yield list(value)
        for inner in _inner(op, value):
            yield from _classes(inner)


def _never(members: list[Any], ignore_case: bool) -> bool:
    """Whether a character class has no character that normalised text contains."""

    def occurs(char: str) -> bool:
        return fold(char) == (char.casefold() if ignore_case else char)

    for op, value in members:
        if op is _parser.LITERAL and occurs(chr(value)):
            return False
        if op is _parser.RANGE:
            low, high = value
            if high - low > _RANGE_LIMIT or any(occurs(chr(code)) for code in range(low, high + 1)):
                return False
        if op not in (_parser.LITERAL, _parser.RANGE):  # a negation, \d, \w, …: assume it can match
            return False
    return True


def _boundary_neighbours(items: list[Any]) -> Iterator[str]:
    """The non-ASCII letters right next to a ``\\b`` or ``\\B``, at every depth."""
    for index, (op, value) in enumerate(items):
        if op is _parser.AT and value in (_parser.AT_BOUNDARY, _parser.AT_NON_BOUNDARY):
            before = _edge(items[index - 1 : index], last=True)
            after = _edge(items[index + 1 : index + 2], last=False)
            yield from sorted(c for c in before | after if c.isalnum() and not c.isascii())
        for inner in _inner(op, value):
            yield from _boundary_neighbours(inner)


def _edge(items: list[Any], *, last: bool) -> set[str]:
    """The literal characters that may stand first (or last) in ``items``."""
    if not items:
        return set()
    op, value = items[-1] if last else items[0]
    if op is _parser.LITERAL:
        return {chr(value)}
    if op is _parser.IN:
        return {chr(v) for o, v in value if o is _parser.LITERAL}
    return set().union(*(_edge(inner, last=last) for inner in _inner(op, value)))
