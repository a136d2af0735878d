"""Why a rule did or did not match one article: every condition of the rule as a tree with what it found.

The matcher records what it meets in a :class:`Trace` when given one (``rule_matches(…, trace)``), at the
very places where it decides: a word too far from its place, a ``none`` word that voids a hit, a
qualifier in front of it, a place name read as a word. Nothing here evaluates a condition a second
way; :func:`explain` runs the matcher with a trace and turns what it recorded into an
:class:`Explanation`, a record a person or a script reads (``newsalert explain``, ``match --explain``,
``rules test``). Its JSON shape (``to_dict``) is documented in ``docs/rules.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, assert_never

from streams.articles.model import Article
from streams.ruleset.compiler import Branch, CompiledRule, CompiledRules, Leaf, Node, RegexLeaf
from streams.ruleset.durations import format_duration
from streams.ruleset.matches import Evidence, Match
from streams.ruleset.model import (
    AllOf,
    AnyOf,
    Condition,
    EntityRef,
    ListRef,
    NoneOf,
    Phrase,
    Regex,
    primary_language,
)
from streams.ruleset.occurrences import Occurrence, distance
from streams.ruleset.scan import Scan

if TYPE_CHECKING:
    from streams.ruleset.matcher import Bindings, Solutions

# Why the matcher set an occurrence aside (the ``reason`` of a :class:`Finding`).
Reason = Literal[
    "other-field",  # in the other field than the condition's ``in:``
    "past-lead",  # past the body's first words that the condition's ``lead:`` reads
    "inside-alias",  # part of a longer entity alias: a name, not the phrase
    "no-mention",  # ``near``: no entity of the type in the occurrence's sentence
    "too-far",  # ``near``: the closest entity of the type is beyond the window
    "qualified",  # an ``unless`` qualifier stands in front of it (or of the entity it is near)
    "hyphenated",  # joined by a hyphen to the word before: a description ("Israeli-occupied")
    "attributive",  # between an article and a noun for a town: a description ("the occupied city of")
    "vetoed",  # a ``none`` word governs its clause
    "not-allowed",  # binds an entity no solution of the conditions before it binds
]
REASONS: tuple[Reason, ...] = (
    "other-field",
    "past-lead",
    "inside-alias",
    "no-mention",
    "too-far",
    "qualified",
    "hyphenated",
    "attributive",
    "vetoed",
    "not-allowed",
)
# An explanation never lists more findings than this for one condition (a list may occur 100 times).
MAX_FINDINGS = 20


@dataclass(frozen=True)
class Drop:
    """One occurrence the matcher set aside, and why (``by``: the qualifier, ``none`` word or closest mention)."""

    occurrence: Occurrence
    reason: Reason
    by: Occurrence | None = None
    entity: tuple[str, str] | None = None
    gap: int | None = None
    window: int | None = None
    entity_type: str | None = None
    # ``qualified``: the entity mention the qualifier stands in front of, when it is not the occurrence.
    about: Occurrence | None = None


@dataclass
class NodeTrace:
    """What evaluating one compiled node met."""

    evaluated: bool = False
    found: list[Occurrence] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)
    solutions: list[tuple[Bindings, list[Occurrence]]] = field(default_factory=list)
    too_few: list[tuple[Bindings, int]] = field(default_factory=list)
    # ``all``: the child whose bindings none of the earlier children's were compatible with.
    incompatible: Node | None = None
    # Read only for the explanation: an earlier sibling of its ``all`` had already failed.
    unreached: bool = False
    # ``all``: each ``none`` read over the whole article, with the bindings it removed.
    excluded: list[tuple[Node, list[Bindings]]] = field(default_factory=list)


class Trace:
    """What evaluating one rule met, node by node; the matcher fills it at its decisions when given one."""

    def __init__(self) -> None:
        self.nodes: dict[int, NodeTrace] = {}

    def at(self, node: Node) -> NodeTrace:
        """The record of ``node`` (compiled nodes live as long as the trace, so their ids are stable)."""
        found = self.nodes.get(id(node))
        if found is None:
            found = self.nodes[id(node)] = NodeTrace()
        return found

    def found(self, node: Leaf | RegexLeaf, occurrences: list[Occurrence], kept: list[Occurrence]) -> None:
        """``occurrences`` were found for ``node``; those not ``kept`` are in a field it does not look in or past
        its lead."""
        record = self.at(node)
        record.found.extend(occurrences)
        if len(kept) < len(occurrences):
            counted = set(kept)
            field = node.scope.field
            record.drops.extend(
                Drop(o, "other-field" if field is not None and o.field != field else "past-lead")
                for o in occurrences
                if o not in counted
            )

    def drop(
        self,
        node: Node,
        occurrence: Occurrence,
        reason: Reason,
        *,
        by: Occurrence | None = None,
        entity: tuple[str, str] | None = None,
        about: Occurrence | None = None,
        entity_type: str | None = None,
    ) -> None:
        """``occurrence`` does not count for ``node``; ``about`` is the entity mention ``by`` stood in front of."""
        self.at(node).drops.append(Drop(occurrence, reason, by, entity, None, None, entity_type, about))

    def drop_all(
        self, node: Node, occurrences: list[Occurrence], reason: Reason, entity: tuple[str, str] | None = None
    ) -> None:
        """None of ``occurrences`` counts for ``node``, for one reason."""
        self.at(node).drops.extend(Drop(o, reason, entity=entity) for o in occurrences)

    def too_far(
        self,
        node: Node,
        hit: Occurrence,
        mentions: list[tuple[str, Occurrence]],
        closest: dict[str, tuple[int, Occurrence]],
        bound: str | None,
        permitted: set[str] | None,
        window: int,
    ) -> None:
        """The entities of ``hit``'s sentence that ``near`` could pair it with, none within ``window`` words."""
        nearest: dict[str, tuple[int, Occurrence]] = {}
        for entity_id, mention in mentions:
            if entity_id in closest or (bound is not None and entity_id != bound):
                continue
            if permitted is not None and entity_id not in permitted:
                continue
            gap = distance(hit, mention)
            if entity_id not in nearest or gap < nearest[entity_id][0]:
                nearest[entity_id] = (gap, mention)
        type_ = node.scope.near if isinstance(node, Leaf | RegexLeaf) else None
        for entity_id, (gap, mention) in nearest.items():
            entity = (type_, entity_id) if type_ else None
            self.at(node).drops.append(Drop(hit, "too-far", mention, entity, gap, window))

    def too_few(self, node: Node, solutions: Solutions, min_count: int) -> None:
        """The solutions of ``node`` with fewer than ``min_count`` distinct occurrences."""
        self.at(node).too_few.extend(
            (bindings, len(set(s.hits))) for bindings, s in solutions.items() if len(set(s.hits)) < min_count
        )

    def incompatible(self, node: Node, child: Node) -> None:
        """No binding of ``child`` agrees with those of the children of ``node`` before it."""
        self.at(node).incompatible = child

    def unreached(self, node: Node) -> None:
        """``node`` was read for the explanation only, after an earlier sibling failed."""
        self.at(node).unreached = True

    def excluded(self, node: Node, none: Node, removed: list[Bindings]) -> None:
        """The ``none`` condition ``none`` of ``node`` held and removed ``removed``."""
        self.at(node).excluded.append((none, removed))

    def result(self, node: Node, solutions: Solutions) -> None:
        """What ``node`` evaluated to."""
        record = self.at(node)
        record.evaluated = True
        record.solutions = [(bindings, solution.hits) for bindings, solution in solutions.items()]


Kind = Literal["phrase", "list", "entity", "regex", "all", "any", "none"]


@dataclass(frozen=True)
class Finding:
    """One occurrence a condition found, located in the original text, and whether it counted.

    ``reason`` (one of :data:`REASONS`) and ``why`` say why it did not count; ``by`` is what set it
    aside or the closest entity mention, ``distance`` its distance in words and ``window`` the limit.
    """

    evidence: Evidence
    counted: bool
    reason: Reason | None = None
    why: str = ""
    by: Evidence | None = None
    entity: str | None = None
    distance: int | None = None
    window: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            **self.evidence.to_dict(),
            "counted": self.counted,
            "reason": self.reason,
            "why": self.why,
            "by": self.by.to_dict() if self.by is not None else None,
            "bound_entity": self.entity,
            "distance": self.distance,
            "window": self.window,
        }


@dataclass(frozen=True)
class PlaceReading:
    """How one mention of an entity alias was read: bound to ``entity``, ``ambiguous`` between
    ``candidates``, ``rejected`` (a word here) or ``covered`` (part of another entity's longer alias)."""

    evidence: Evidence
    status: str
    entity: str | None
    candidates: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            **self.evidence.to_dict(),
            "status": self.status,
            "bound_entity": self.entity,
            "candidates": list(self.candidates),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ConditionExplanation:
    """One condition of the rule: what it is, whether it held, what it found, and its children.

    ``held`` is for a ``none`` whether it found something; ``failed`` whether the condition kept its
    parent from holding (a ``none`` fails when it removed a binding; one with ``near`` never does, it
    voids the hits of its clause, which their findings show). ``needed`` is False for a condition read
    only to explain (an earlier condition of its ``all`` had failed, or a qualifier of ``unless``).
    ``why`` says in one line why it failed (or, for a ``none``, what it found and did).
    """

    kind: Kind
    label: str
    location: str | None
    modifiers: dict[str, Any]
    held: bool
    failed: bool
    needed: bool
    why: str
    bindings: tuple[dict[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()
    places: tuple[PlaceReading, ...] = ()
    children: tuple[ConditionExplanation, ...] = ()
    unless: tuple[ConditionExplanation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the documented shape)."""
        return {
            "kind": self.kind,
            "label": self.label,
            "location": self.location,
            "modifiers": dict(self.modifiers),
            "held": self.held,
            "failed": self.failed,
            "needed": self.needed,
            "why": self.why,
            "bindings": [dict(b) for b in self.bindings],
            "findings": [f.to_dict() for f in self.findings],
            "places": [p.to_dict() for p in self.places],
            "unless": [u.to_dict() for u in self.unless],
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True)
class Explanation:
    """Why rule ``rule`` did or did not match one article: the decision and the condition tree behind it."""

    rule: str
    article_id: str
    title: str
    matched: bool
    matches: tuple[Match, ...]
    condition: ConditionExplanation
    decision: str

    def failing(self) -> tuple[ConditionExplanation, ...]:
        """The path from the rule's condition down to the first condition that made it fail (empty on a match).

        It stops at an ``any``, which fails only when every one of its conditions does (its ``why`` says how).
        """
        if self.matched or not self.condition.needed:
            return ()
        path = [self.condition]
        while path[-1].kind != "any":
            below = next((c for c in path[-1].children if c.needed and c.failed), None)
            if below is None:
                return tuple(path)
            path.append(below)
        return tuple(path)

    def unbound(self, type_: str, entity_id: str) -> str:
        """Why no match binds ``type_`` to ``entity_id`` (an example's expected binding), in one line."""
        name = f"{type_}:{entity_id}"
        stack = [self.condition]
        set_aside: Finding | None = None
        found = False
        while stack:
            condition = stack.pop(0)
            stack[:0] = condition.children
            for finding in condition.findings:
                if name in (finding.entity, finding.evidence.entity):
                    found = found or finding.counted
                    set_aside = set_aside or (None if finding.counted else finding)
        if set_aside is not None:
            return f"no match binds {type_}={entity_id}: {set_aside.evidence.text!r} ({set_aside.evidence.field}): {set_aside.why}"
        if found:
            return f"{type_}={entity_id} is found, but not with what the other conditions need"
        return f"no match binds {type_}={entity_id}: the article does not name it"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the documented shape, see docs/rules.md)."""
        return {
            "rule": self.rule,
            "article_id": self.article_id,
            "title": self.title,
            "matched": self.matched,
            "decision": self.decision,
            "matches": [
                {"bindings": dict(m.bindings), "evidence": [e.to_dict() for e in m.evidence]} for m in self.matches
            ],
            "failing": [c.label for c in self.failing()],
            "condition": self.condition.to_dict(),
        }


def explain(compiled: CompiledRules, rule_id: str, article: Article) -> Explanation:
    """Match rule ``rule_id`` (which must exist) on ``article`` with a trace, and explain the outcome."""
    from streams.ruleset.matcher import rule_matches

    item = next(r for r in compiled.rules if r.rule.id == rule_id)
    scan = Scan(compiled, article)
    scan.readings = {}
    trace = Trace()
    # A rule that does not read the article's source or language is not evaluated when matching; its
    # conditions are read here all the same, to show what they would find.
    matches = tuple(rule_matches(item, scan, article, trace))
    unread = _unread(item, article)
    if unread:
        matches = ()
    condition = _Reader(trace, scan, article, item).read(item.condition, needed=not unread)
    explanation = Explanation(rule_id, article.id, article.title, bool(matches), matches, condition, "")
    if unread:
        return replace(explanation, decision=f"no match: {unread}")
    if matches:
        bound = "; ".join(", ".join(f"{k}={v}" for k, v in m.bindings.items()) or "no bindings" for m in matches)
        counted = (
            f"; the rule counts its matches and alerts on {volume.summary}" if (volume := item.rule.volume) else ""
        )
        return replace(explanation, decision=f"match ({bound}){counted}")
    failing = explanation.failing()[-1]
    return replace(explanation, decision=f"no match: {failing.label}: {failing.why}")


def _unread(item: CompiledRule, article: Article) -> str:
    """Why the rule does not read ``article`` (``sources:``, ``languages:``), or "" when it does."""
    rule = item.rule
    if rule.admits(article.source, article.lang):
        return ""
    for what, value, chosen in (
        ("source", article.source, rule.sources),
        ("language", primary_language(article.lang), rule.languages),
    ):
        if chosen is not None and not chosen.admits(value):
            listed = ", ".join(sorted(chosen.values))
            where = f" [{chosen.location}]" if chosen.location else ""
            said = f"every {what} but {listed}" if chosen.exclude else f"only the {what}s {listed}"
            return f"the rule reads {said}, and this article's {what} is {value or 'not given'}{where}"
    return "the rule does not read this article"


def _label(condition: Condition | None, node: Node) -> tuple[Kind, str]:
    """A condition's kind and how a rule author wrote it."""
    match condition:
        case Phrase():
            return "phrase", repr(condition.text)
        case ListRef():
            return "list", f"list {condition.name}"
        case EntityRef():
            return "entity", f"entity {condition.type}" + (f" ({', '.join(condition.ids)})" if condition.ids else "")
        case Regex():
            dated = condition.before_published
            return "regex", f"regex {condition.pattern!r}" + (
                f", dated {format_duration(dated)} before publication" if dated else ""
            )
        case AllOf():
            return "all", "all"
        case AnyOf():
            return "any", "any"
        case NoneOf():
            return "none", "none"
        case None:
            return ("any", "any") if isinstance(node, Branch) and node.kind == "any" else ("all", "all")
        case _:
            assert_never(condition)


def _modifiers(condition: Condition | None) -> dict[str, Any]:
    if condition is None:
        return {}
    found: dict[str, Any] = {}
    if condition.field:
        found["in"] = condition.field
    if condition.min_count > 1:
        found["min"] = condition.min_count
    if condition.near and condition.within_sentences is not None:
        found |= {"near": condition.near, "within_sentences": condition.within_sentences}
    elif condition.near:
        found |= {"near": condition.near, "window": condition.window}
    if condition.lead is not None:
        found["lead"] = condition.lead
    if condition.unless is not None:
        found["unless_window"] = condition.unless_window
    return found


def _describe(modifiers: dict[str, Any]) -> str:
    words = []
    if "within_sentences" in modifiers:
        words.append(f"near {modifiers['near']} within {modifiers['within_sentences']} sentence(s)")
    elif "near" in modifiers:
        words.append(f"near {modifiers['near']} within {modifiers['window']}")
    if "in" in modifiers:
        words.append(f"in {modifiers['in']}")
    if "min" in modifiers:
        words.append(f"min {modifiers['min']}")
    if "lead" in modifiers:
        words.append(f"in the first {modifiers['lead']} words")
    return (", " + ", ".join(words)) if words else ""


def _unless_nodes(node: Node) -> dict[int, tuple[Node, int]]:
    """Every qualifier node below ``node``, by the id of the condition it was compiled from."""
    match node:
        case Leaf() | RegexLeaf():
            return {id(q.condition): (q, window) for q, window in node.scope.unless}
        case Branch():
            found: dict[int, tuple[Node, int]] = {}
            for child in (*node.children, *node.excluded, *node.vetoes):
                found |= _unless_nodes(child)
            return found
        case _:
            assert_never(node)


class _Reader:
    """Turns a trace into condition explanations, with every occurrence located in the original text."""

    def __init__(self, trace: Trace, scan: Scan, article: Article, item: CompiledRule) -> None:
        self.trace = trace
        self.scan = scan
        self.article = article
        self.unless = _unless_nodes(item.condition)

    def evidence(self, occurrence: Occurrence, entity: tuple[str, str] | None = None) -> Evidence:
        from streams.ruleset.matcher import evidence_of

        return evidence_of(occurrence, dict([entity]) if entity else {}, self.scan, self.article)

    def read(self, node: Node, *, needed: bool) -> ConditionExplanation:
        """A condition that must hold (or, under ``unless``, qualifies), with its children."""
        record = self.trace.at(node)
        condition = node.condition
        kind, label = _label(condition, node)
        modifiers = _modifiers(condition)
        label += _describe(modifiers)
        needed = needed and not record.unreached
        held = bool(record.solutions)
        children: tuple[ConditionExplanation, ...] = ()
        findings: tuple[Finding, ...] = ()
        places: tuple[PlaceReading, ...] = ()
        match node:
            case Branch() if kind == "none":
                # A ``none`` on its own: one ``any`` of its conditions read over the whole article.
                (inner,) = node.excluded
                assert isinstance(inner, Branch)
                children = tuple(self.read(child, needed=False) for child in inner.children)
                why = "" if held else f"{_found(children)}: removed every binding"
            case Branch():
                children = self.branch(node, needed)
                why = "" if held else self.branch_why(node, record, children)
            case Leaf() | RegexLeaf():
                findings = self.findings(node, record)
                places = self.places(node) if isinstance(node, Leaf) else ()
                why = "" if held else self.leaf_why(node, record, findings, places)
            case _:
                assert_never(node)
        return ConditionExplanation(
            kind,
            label,
            _where(condition),
            modifiers,
            held,
            not held,
            needed,
            why,
            tuple(dict(sorted(b)) for b, _ in record.solutions if b),
            findings,
            places,
            children,
            self.qualifiers(condition),
        )

    def qualifiers(self, condition: Condition | None) -> tuple[ConditionExplanation, ...]:
        """The ``unless`` of ``condition``, as every leaf below it read it."""
        if condition is None or condition.unless is None or id(condition.unless) not in self.unless:
            return ()
        qualifier, _ = self.unless[id(condition.unless)]
        return (self.read(qualifier, needed=False),)

    def branch(self, node: Branch, needed: bool) -> tuple[ConditionExplanation, ...]:
        children = [self.read(child, needed=needed) for child in node.children]
        removed = {id(none): gone for none, gone in self.trace.at(node).excluded}
        for none in (*node.vetoes, *node.excluded):
            assert isinstance(none, Branch)
            children.append(self.none(none, needed, removed.get(id(none), []), none in node.vetoes))
        return tuple(children)

    def none(self, none: Branch, needed: bool, removed: list[Bindings], clause: bool) -> ConditionExplanation:
        """A ``none`` inside an ``all``: its conditions, what they found, and the bindings it removed.

        With ``near`` (``clause``) it is read clause by clause and removes nothing itself: the hits it
        voids say so in their findings.
        """
        record = self.trace.at(none)
        held = bool(record.solutions)
        children = tuple(self.read(child, needed=False) for child in none.children)
        why = _found(children) if held else ""
        if clause and held:
            why += ": each voids the hits of its clause about the entity it is near"
        elif removed:
            why += ": removed " + "; ".join(
                ", ".join(f"{k}={v}" for k, v in sorted(b)) or "every binding" for b in removed
            )
        elif held:
            why += ": about no binding the rule had"
        modifiers = _modifiers(none.condition)
        return ConditionExplanation(
            "none",
            "none" + _describe(modifiers),
            _where(none.condition),
            modifiers,
            held,
            bool(removed),
            needed and not record.unreached,
            why,
            tuple(dict(sorted(b)) for b, _ in record.solutions if b),
            children=children,
        )

    def branch_why(self, node: Branch, record: NodeTrace, children: tuple[ConditionExplanation, ...]) -> str:
        if record.too_few:
            return f"found {max(n for _, n in record.too_few)} occurrence(s), needs min {node.min_count}"
        if node.kind == "any":
            # What each condition found and could not count, through nested ``any``; those that found
            # nothing are summed up.
            found = [
                f"{c.label}: {c.why}" for c in _alternatives(children) if c.findings or c.places or c.kind == "all"
            ]
            return "; ".join(found) if found else "none of its words occur"
        if record.incompatible is not None:
            index = node.children.index(record.incompatible)
            return f"{children[index].label} binds nothing the conditions before it bind"
        failed = next((c for c in children if c.needed and c.failed), None)
        if failed is None:
            return "a none condition removed every binding"
        if failed.kind == "none":
            return f"none fired, {failed.why}"
        return f"{failed.label}: {failed.why}"

    def findings(self, node: Leaf | RegexLeaf, record: NodeTrace) -> tuple[Finding, ...]:
        binds = node.binds if isinstance(node, Leaf) else None
        drops: dict[Occurrence, list[Drop]] = {}
        for drop in record.drops:
            drops.setdefault(drop.occurrence, []).append(drop)
        counted = {o for _, hits in record.solutions for o in hits}
        entities: dict[Occurrence, tuple[str, str]] = {}
        for bindings, hits in record.solutions:
            for o in hits:
                for type_, entity_id in bindings:
                    if binds is None or type_ == binds:
                        entities.setdefault(o, (type_, entity_id))
        result: list[Finding] = []
        for o in sorted(set(record.found), key=lambda o: (o.field != "title", o.first, o.last))[:MAX_FINDINGS]:
            entity = entities.get(o)
            if o in counted:
                result.append(Finding(self.evidence(o, entity), True, entity=_name(entity)))
                continue
            reasons = drops.get(o)
            if not reasons:
                why = "not counted"
                if record.too_few:
                    why = f"too few: {max(n for _, n in record.too_few)} found, needs min {node.min_count}"
                result.append(Finding(self.evidence(o, entity), False, why=why))
                continue
            # A node read more than once records a drop each time; the first reason in REASONS' order, nearest first.
            drop = min(reasons, key=lambda d: (REASONS.index(d.reason), d.gap or 0))
            by = self.evidence(drop.by) if drop.by is not None else None
            about = self.evidence(drop.about, drop.entity) if drop.about is not None else None
            result.append(
                Finding(
                    self.evidence(o, entity),
                    False,
                    drop.reason,
                    _why(drop, node, by, about),
                    by,
                    _name(drop.entity),
                    drop.gap,
                    drop.window,
                )
            )
        return tuple(result)

    def places(self, node: Leaf) -> tuple[PlaceReading, ...]:
        readings = self.scan.readings or {}
        if node.binds is None:
            return ()
        found = []
        for term_id in self.scan.found_among(node.terms):
            for o in self.scan.occurrences(term_id):
                reading = readings.get((node.binds, o))
                if reading is not None:
                    found.append(
                        PlaceReading(
                            self.evidence(o), reading.status, reading.entity, reading.candidates, reading.reason
                        )
                    )
        found.sort(key=lambda p: (p.evidence.field != "title", p.evidence.start))
        return tuple(found[:MAX_FINDINGS])

    def leaf_why(
        self, node: Leaf | RegexLeaf, record: NodeTrace, findings: tuple[Finding, ...], places: tuple[PlaceReading, ...]
    ) -> str:
        if not record.evaluated:
            return "not read"
        if not findings:
            if places:
                return f"{len(places)} mention(s) did not bind: {places[0].evidence.text!r} {places[0].status}: {places[0].reason}"
            match node:
                case Leaf() if node.binds:
                    return f"no {node.binds} is named"
                case Leaf():
                    return "none of its words occur"
                case RegexLeaf():
                    return "no match in the normalised text"
        if record.too_few:
            return f"found {max(n for _, n in record.too_few)} occurrence(s), needs min {node.min_count}"
        first = next((f for f in findings if not f.counted), None)
        if first is None:
            return "nothing counted"
        return f"{first.evidence.text!r} ({first.evidence.field}): {first.why}"


def _alternatives(children: tuple[ConditionExplanation, ...]) -> list[ConditionExplanation]:
    """The conditions of an ``any``, with those of the ``any`` conditions among them in their place."""
    return [leaf for c in children for leaf in (_alternatives(c.children) if c.kind == "any" else [c])]


def _where(condition: Condition | None) -> str | None:
    return str(condition.location) if condition is not None and condition.location is not None else None


def _found(children: tuple[ConditionExplanation, ...]) -> str:
    """What the conditions of a ``none`` found, quoted."""
    words = sorted({f.evidence.text for c in children for f in c.findings if f.counted})
    return "found " + ", ".join(map(repr, words))


def _name(entity: tuple[str, str] | None) -> str | None:
    return f"{entity[0]}:{entity[1]}" if entity else None


def _why(drop: Drop, node: Leaf | RegexLeaf, by: Evidence | None, about: Evidence | None) -> str:
    """One readable line for one set-aside occurrence."""
    near = node.scope.near
    match drop.reason:
        case "other-field":
            return f"this condition looks in the {node.scope.field} only"
        case "past-lead":
            return f"past the body's first {node.scope.lead} words, the lead this condition reads"
        case "inside-alias":
            return "part of a longer entity alias (a name, not the phrase)"
        case "no-mention" if node.scope.sentences:
            return f"no {drop.entity_type or near} named within {node.scope.sentences} sentence(s) of it"
        case "no-mention":
            return f"no {drop.entity_type or near} named in its sentence (near stays inside a sentence)"
        case "too-far":
            where = f" {by.text!r}" if by is not None else ""
            return f"{near}{where} is {drop.gap} words away, the window is {drop.window}"
        case "qualified":
            what = f" {by.text!r}" if by is not None else ""
            return f"qualified by{what} in front of " + (f"{about.text!r} (unless)" if about else "it (unless)")
        case "hyphenated":
            return "joined by a hyphen to the word before: a description, not an event"
        case "attributive":
            return "between an article and a noun for a town: a description, not an event"
        case "vetoed":
            what = f" {by.text!r}" if by is not None else ""
            return f"the none word{what} governs its clause" + (f" (about {drop.entity[1]})" if drop.entity else "")
        case "not-allowed":
            return f"binds {_name(drop.entity)}, which the conditions before it do not bind"
        case _:
            assert_never(drop.reason)
