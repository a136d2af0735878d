"""Compile a rule set into one multi-pattern automaton and small evaluation trees.

Every alias and phrase of every rule becomes a *term*; all terms go into a single
Aho-Corasick automaton, so one pass over an article finds every term of every
rule at once. Each rule is indexed by its most selective required group of
terms (its *anchor*), so matching an article only evaluates the few rules whose
anchor occurred: the cost grows with what the article mentions, not with the
number of rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property
from typing import Literal, NamedTuple, assert_never

import ahocorasick_rs
import re2

from streams.errors import Location, RuleError, RuleProblem
from streams.places import AliasAmbiguity, Place
from streams.ruleset.model import (
    DEFAULT_WINDOW,
    AllOf,
    AnyOf,
    ClaimRole,
    Condition,
    ControlSpec,
    Entity,
    EntityRef,
    Field,
    ListRef,
    NoneOf,
    Phrase,
    Regex,
    Rule,
    RuleSet,
)
from streams.ruleset.occurrences import Occurrence
from streams.ruleset.places import doubtful_terms, town_type
from streams.text.inflect import conjugations, forms
from streams.text.languages import is_arabic_letter
from streams.text.languages.arabic import ARTICLE
from streams.text.normalise import fold

# Bounds that keep a mistaken or hostile rule set from exhausting the worker:
# past them compilation fails with a clear error instead of running out of memory.
MAX_TERMS = 2_000_000
MAX_TERM_CHARACTERS = 64_000_000

StartMode = Literal["word", "clitic", "bare", "definite", "any"]
# A phrase written "=form" is searched as that form only, not as a lemma.
EXACT = "="

_REGEX_OPTIONS = re2.Options()
_REGEX_OPTIONS.log_errors = False  # errors are reported to the rule author, not dumped on stderr
_REGEX_OPTIONS.max_mem = 8 << 20  # a bounded program per pattern, whatever the pattern

# The rules' regexes together (``RegexSet``): a set whose program fits one regex's budget is built again
# with this much, for its DFA's cache of states. Over news that never repeats the set keeps meeting
# states it has not built (its patterns are under way at once, in every combination); within one
# regex's budget it threw its cache away several times per 5 KB article, and the set took about 140 µs
# of one (16% of normalise + match); at 32 MB about 60 µs, no better at 128 or 512 MB.
_SET_OPTIONS = re2.Options()
_SET_OPTIONS.log_errors = False
_SET_OPTIONS.max_mem = 32 << 20
# Patterns per set (see ``RegexSets``): 8 to 16 ran fastest over fresh war reporting, 4 paid for the passes.
SET_PATTERNS = 16


def compile_regex(pattern: str) -> re2._Regexp:
    """Compile a rule's regular expression with RE2; raises ``ValueError`` with RE2's readable reason."""
    try:
        return re2.compile(pattern, _REGEX_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        raise ValueError(reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)) from None


class RegexSet:
    """Which of a rule set's regular expressions match somewhere in a text, found in one pass (``re2.Set``):
    a regex that matches nowhere is not run at all, and most articles match none.

    A set cannot fall back from RE2's DFA to another engine as a single regex does, so RE2 builds it only if
    its DFA can run within the memory given, and then never gives up on a text; :meth:`of` returns None when
    it could not be built within one regex's budget, and each regex is then run on its own.
    """

    def __init__(self, regex_set: re2.Set, patterns: tuple[str, ...]) -> None:
        self._set = regex_set
        self._patterns = patterns

    @classmethod
    def of(cls, patterns: Iterable[str]) -> RegexSet | None:
        """The set of ``patterns`` (each valid for :func:`compile_regex`), or None when RE2 cannot build it."""
        distinct = tuple(dict.fromkeys(patterns))
        if not distinct:
            return None
        try:
            # Whether it fits is judged at one regex's budget; the set that runs has more for its DFA.
            _compiled_set(distinct, _REGEX_OPTIONS)
            return cls(_compiled_set(distinct, _SET_OPTIONS), distinct)
        except re2.error:
            return None

    def matching(self, text: str) -> frozenset[str]:
        """The patterns that match somewhere in ``text``."""
        found = self._set.Match(text.encode())
        return frozenset(self._patterns[index] for index in found) if found else frozenset()


class RegexSets:
    """The rules' regexes in a few :class:`RegexSet`, each pattern in one, so that a question about some of them
    runs only the set that holds them.

    Whether a candidate rule is read at all depends on its required groups (``Requirement.patterns``): that is
    asked of most articles, and the rest of the regexes (qualifiers, vetoes, ``none``) only of those a rule is
    read for. A set's DFA keeps building states over news that never repeats, at a cost that grows faster than
    its patterns (each state stands for a combination of patterns under way), so a group is cut into sets of
    at most ``SET_PATTERNS``: over real war reporting after a warm-up, the 62 patterns read once a rule is read
    took 182 µs per field in one set, 47 µs in four.
    """

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        sets: list[RegexSet | None] = []
        self.set_of: dict[str, int] = {}
        for group in groups:
            distinct = [pattern for pattern in dict.fromkeys(group) if pattern not in self.set_of]
            for start in range(0, len(distinct), SET_PATTERNS):
                part = distinct[start : start + SET_PATTERNS]
                self.set_of.update(dict.fromkeys(part, len(sets)))
                sets.append(RegexSet.of(part))
        # None where RE2 could not build a set: its patterns are run one by one.
        self.sets = tuple(sets)
        self._holding: dict[frozenset[str], tuple[int, ...]] = {}

    def holding(self, patterns: frozenset[str]) -> tuple[int, ...]:
        """The indexes in :attr:`sets` of the sets that hold ``patterns`` (worked out once per set of patterns)."""
        found = self._holding.get(patterns)
        if found is None:
            found = self._holding[patterns] = tuple(sorted({self.set_of[pattern] for pattern in patterns}))
        return found


def _compiled_set(patterns: tuple[str, ...], options: re2.Options) -> re2.Set:
    """An ``re2.Set`` of ``patterns`` built with ``options``; raises ``re2.error`` when RE2 cannot build it."""
    regex_set = re2.Set.SearchSet(options)
    for pattern in patterns:
        regex_set.Add(pattern)
    regex_set.Compile()
    return regex_set


@dataclass(frozen=True)
class Term:
    """One searchable form: normalised words plus how its edges may meet the text.

    ``start`` says what may stand before it inside the first word: nothing
    (``word``), an Arabic proclitic (``clitic``), a proclitic ending in the
    article (``definite``, for names written with ال) or anything (``any``).
    ``open_end`` lets the last word continue.
    """

    words: str
    start: StartMode
    open_end: bool

    @property
    def key(self) -> str:
        """The automaton key: a leading space pins ``word`` terms to a word start, a trailing one closes the end."""
        head = " " if self.start == "word" else ""
        tail = "" if self.open_end else " "
        return head + self.words + tail

    @cached_property
    def first_word(self) -> str:
        """The first of ``words`` (worked out once: every mention of a place name reads it)."""
        return self.words.split(" ", 1)[0]


def term_for(text: str) -> Term | None:
    """The term a phrase or alias is searched as, or None when nothing searchable is left."""
    raw = text.strip()
    open_start = raw.startswith("*")
    open_end = raw.endswith("*")
    words = fold(raw.strip("*"))
    if not words:
        return None
    start: StartMode = "word"
    if open_start:
        start = "any"
    elif is_arabic_letter(words[0]):
        first = words.split(" ", 1)[0]
        if first.startswith(ARTICLE) and len(first) >= len(ARTICLE) + 2:
            start, words = "definite", words[len(ARTICLE) :]
        else:
            start = "clitic"
    return Term(words, start, open_end)


@dataclass(frozen=True)
class Scope:
    """What a leaf inherits from the nodes above it: field, nearness and qualifiers that void a hit.

    ``unless`` holds every qualifier condition of the nodes above, each with its window: an inner
    ``unless`` adds to the outer ones ("outskirts" within 6 words, "after" within 4).
    """

    field: Field | None = None
    near: str | None = None
    window: int = DEFAULT_WINDOW
    sentences: int | None = None
    # Only occurrences among the body's first this many words count (the title is all lead).
    lead: int | None = None
    unless: tuple[tuple[Node, int], ...] = ()
    # The rule reads a change of the place itself (it has ``control:``): for ``near``, a name that only
    # names something else or says where a speaker is does not count (``Scan.near_mentions``).
    targets: bool = False

    @property
    def narrowed(self) -> bool:
        """Whether a leaf of this scope looks in one field or in a lead only (see :meth:`looks_at`)."""
        return self.field is not None or self.lead is not None

    def looks_at(self, occurrence: Occurrence) -> bool:
        """Whether ``occurrence`` stands where a leaf of this scope looks: in its field, within its lead."""
        return (self.field is None or occurrence.field == self.field) and (
            self.lead is None or occurrence.field == "title" or occurrence.first < self.lead
        )


@dataclass(frozen=True)
class Leaf:
    """A condition that looks for terms: a phrase, a named list or an entity type."""

    terms: frozenset[int]
    scope: Scope
    min_count: int
    binds: str | None = None
    entity_ids: frozenset[str] | None = None
    # The rule's condition this node was compiled from, for explanations (never compared).
    condition: Condition | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RegexLeaf:
    """A regular expression over the normalised text of a field."""

    regex: re2._Regexp
    pattern: str
    scope: Scope
    min_count: int
    # Only dates this long before the article's publication count (see ``model.Regex``).
    before_published: timedelta | None = None
    condition: Condition | None = field(default=None, compare=False, repr=False)

    @cached_property
    def at_group(self) -> int | None:
        """The index of the group named ``at``, which says where a match stands (see
        ``Scan.regex_occurrences``), or None (looked up once: the regex library builds the names per call)."""
        index: int | None = self.regex.groupindex.get(REGEX_AT)
        return index


# The group of a regex that says where its match stands.
REGEX_AT = "at"
# The groups of a regex with ``before_published`` that name a date (see ``Scan.regex_occurrences``).
DATE_GROUPS = ("day", "month", "year")


@dataclass(frozen=True)
class Branch:
    """``all`` (every child, and none of ``excluded`` nor ``vetoes``) or ``any`` (at least one child).

    ``excluded`` are the ``none`` conditions read over the whole article (they remove bindings);
    ``vetoes`` those with ``near``, read where they stand: each voids the hits of its clause.
    """

    kind: Literal["all", "any"]
    children: tuple[Node, ...]
    excluded: tuple[Node, ...] = ()
    min_count: int = 1
    vetoes: tuple[Node, ...] = ()
    condition: Condition | None = field(default=None, compare=False, repr=False)


Node = Leaf | RegexLeaf | Branch


@dataclass(frozen=True)
class CompiledControl:
    """A rule's ``control:`` with each role's words as term ids, to read claims from an article."""

    spec: ControlSpec
    roles: tuple[tuple[ClaimRole, frozenset[int]], ...]
    # A party named by a word that also heads another party's name → those parties: "rebels" → the M23 ("M23
    # rebels"), «مسلحون» → the jihadists («مسلحون متطرفون»). A claim's generic winner is the one of them the
    # article names (see streams.ruleset.claims).
    refinements: Mapping[str, frozenset[str]] = field(default_factory=dict)


class Requirement(NamedTuple):
    """What must occur for a rule to hold: one of ``terms``, or a match of one of the regexes ``patterns``, or
    (``towns``: the group binds the gazetteer's towns) a town no rule lists that the article names as one
    (streams.ruleset.unlisted)."""

    terms: frozenset[int]
    patterns: frozenset[str] = frozenset()
    towns: bool = False


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to evaluate, with what must occur for it to hold (each of ``required``)."""

    rule: Rule
    condition: Node
    entity_types: frozenset[str]
    required: tuple[Requirement, ...] = ()
    control: CompiledControl | None = None


class PlaceTerm(NamedTuple):
    """What binding one alias term to places needs that no article changes: the entities of a type it
    names (all types for the article's geography), their places in that order and ranked
    (``rank_places``), and the gazetteer's assessment of the name (None when it has none)."""

    entities: tuple[Entity, ...]
    places: tuple[Place, ...]
    ranked: tuple[Place, ...]
    ambiguity: AliasAmbiguity | None


@dataclass
class CompiledRules:
    """The output of :func:`compile_rules`: what the matcher needs, built once per rule set."""

    ruleset: RuleSet
    automaton: TermAutomaton
    terms: list[Term]
    term_labels: list[str]
    # term id → the entities it is an alias of, as (type, id)
    term_entities: dict[int, list[tuple[str, str]]]
    entity_type_terms: dict[str, frozenset[int]]
    rules: list[CompiledRule]
    # term id → rules anchored on a group containing it
    anchored: dict[int, list[int]]
    unanchored: list[int]
    pattern_count: int = field(default=0)
    # Rules anchored on a group of town names: a town no rule lists also makes them candidates.
    town_anchored: tuple[int, ...] = ()
    # Alias terms of the gazetteer's places that bind only with evidence (streams.ruleset.places).
    doubtful_terms: frozenset[int] = frozenset()
    # term id → (type, entity id) → the spellings the term names that entity in, as their :func:`letters`
    # (its aliases written ``case: sensitive``; an entity with the term as an ordinary alias is not listed).
    case_sensitive: dict[int, dict[tuple[str, str], tuple[str, ...]]] = field(default_factory=dict)
    # The rules that read only some sources or languages (``sources:``, ``languages:``).
    filtered: tuple[int, ...] = ()
    # Every regex of the rules, in sets that find in one pass the few that match a field.
    regexes: RegexSets = field(default_factory=lambda: RegexSets(()))
    # (entity type or None for any, term id) → what binding the term's places needs that no article
    # changes, filled in by the scan as it first reads each term.
    place_terms: dict[tuple[str | None, int], PlaceTerm] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @property
    def rule_count(self) -> int:
        """How many rules are compiled in."""
        return len(self.rules)


class _Builder:
    """Turns conditions into nodes, interning every term once."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.term_ids: dict[Term, int] = {}
        self.terms: list[Term] = []
        self.labels: list[str] = []
        self.term_entities: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.entity_type_terms: dict[str, set[int]] = defaultdict(set)
        self.entity_terms: dict[tuple[str, str], frozenset[int]] = {}
        self.list_terms: dict[str, frozenset[int]] = {}
        self._type_terms: dict[str, frozenset[int]] = {}
        self.problems: list[RuleProblem] = []
        self.patterns: list[str] = []
        self.case_sensitive: dict[int, dict[tuple[str, str], tuple[str, ...]]] = {}
        for type_, entities in ruleset.entities.items():
            for entity in entities.values():
                if entity.case_sensitive:
                    self.spellings(entity)
                ids = {self.intern(alias) for alias in entity.aliases} - {None}
                self.entity_terms[(type_, entity.id)] = frozenset(ids)  # type: ignore[arg-type]
                for term_id in ids:
                    self.term_entities[term_id].append((type_, entity.id))  # type: ignore[index]
                    self.entity_type_terms[type_].add(term_id)  # type: ignore[arg-type]
        for name, phrase_list in ruleset.lists.items():
            self.list_terms[name] = frozenset(i for p in phrase_list.phrases for i in self.intern_lemma(p.text))

    def spellings(self, entity: Entity) -> None:
        """Record the case-sensitive aliases of ``entity`` by term, unless an ordinary alias has the same term."""
        spelled: dict[int, list[str]] = defaultdict(list)
        free: set[int | None] = set()
        for alias in entity.aliases:
            if alias in entity.case_sensitive:
                term_id = self.intern(alias)
                if term_id is not None:
                    spelled[term_id].append(letters(alias))
            else:
                free.add(self.intern(alias))
        for term_id, written in spelled.items():
            if term_id not in free:
                self.case_sensitive.setdefault(term_id, {})[(entity.type, entity.id)] = tuple(written)

    def type_terms(self, type_: str) -> frozenset[int]:
        """Every alias term of every entity of ``type_``, built once."""
        found = self._type_terms.get(type_)
        if found is None:
            found = self._type_terms[type_] = frozenset(self.entity_type_terms.get(type_, ()))
        return found

    def intern(self, text: str) -> int | None:
        term = term_for(text)
        return None if term is None else self.intern_term(term, text.strip())

    def intern_lemma(self, text: str) -> set[int]:
        """The terms of a phrase written as a lemma: every form of it (``retake`` → retook, retaken, …).

        A phrase with ``*`` is searched as written, and so is one written ``=form`` (only that form).
        """
        raw = text.strip()
        if raw.startswith(EXACT):
            exact = term_for(raw[len(EXACT) :])
            if exact is None:
                return set()
            if exact.start == "clitic":
                # That form only: an Arabic phrase written without the article is not matched with it
                # (=جيش تحرير, a name, is not «الجيش تحرير», 'the army … the liberation of').
                exact = Term(exact.words, "bare", exact.open_end)
            return {self.intern_term(exact, raw[len(EXACT) :].strip())}
        term = term_for(raw)
        if term is None:
            return set()
        if term.open_end or term.start in ("any", "definite"):
            return {self.intern_term(term, raw)}
        verbs = conjugations(term.words) if term.start == "clitic" else frozenset()
        return {
            self.intern_term(Term(form, "bare" if form in verbs else term.start, False), raw)
            for form in forms(term.words)
        }

    def intern_term(self, term: Term, label: str) -> int:
        found = self.term_ids.get(term)
        if found is None:
            found = self.term_ids[term] = len(self.terms)
            self.terms.append(term)
            self.labels.append(label)
        return found

    def node(self, condition: Condition, scope: Scope) -> Node:
        # Scope, nearness and qualifiers flow down to the leaves: an `any` near a
        # place means each of its phrases near that place.
        if condition.field:
            scope = replace(scope, field=condition.field)
        if condition.near:
            scope = replace(scope, near=condition.near, window=condition.window, sentences=condition.within_sentences)
        if condition.lead is not None:
            scope = replace(scope, lead=min(condition.lead, scope.lead or condition.lead))
        if condition.unless is not None:
            unless = self.node(condition.unless, Scope(field=scope.field))
            scope = replace(scope, unless=(*scope.unless, (unless, condition.unless_window)))
        match condition:
            case Phrase():
                return Leaf(
                    frozenset(self.intern_lemma(condition.text)), scope, condition.min_count, condition=condition
                )
            case ListRef():
                return Leaf(
                    self.list_terms.get(condition.name, frozenset()), scope, condition.min_count, condition=condition
                )
            case EntityRef():
                if condition.ids:
                    terms = frozenset().union(
                        *(self.entity_terms.get((condition.type, i), frozenset()) for i in condition.ids)
                    )
                else:
                    # One shared set per type: rules on "any place" would otherwise each build a copy of every alias.
                    terms = self.type_terms(condition.type)
                entity_ids = frozenset(condition.ids) if condition.ids else None
                return Leaf(
                    terms, scope, condition.min_count, binds=condition.type, entity_ids=entity_ids, condition=condition
                )
            case Regex():
                try:
                    regex = compile_regex(condition.pattern)
                except ValueError as exc:
                    self.problems.append(
                        RuleProblem(condition.location or Location("<rules>"), f"invalid regular expression: {exc}")
                    )
                    regex = compile_regex("$^")
                self.patterns.append(condition.pattern)
                return RegexLeaf(
                    regex,
                    condition.pattern,
                    scope,
                    condition.min_count,
                    before_published=condition.before_published,
                    condition=condition,
                )
            case AllOf():
                positive = tuple(self.node(c, scope) for c in condition.children if not isinstance(c, NoneOf))
                excluded = [
                    replace(
                        self.node(
                            AnyOf(
                                children=c.children,
                                field=c.field,
                                near=c.near,
                                window=c.window,
                                within_sentences=c.within_sentences,
                                lead=c.lead,
                            ),
                            scope,
                        ),
                        condition=c,
                    )
                    for c in condition.children
                    if isinstance(c, NoneOf)
                ]
                return Branch(
                    "all",
                    positive,
                    tuple(e for e in excluded if not _has_near(e)),
                    condition.min_count,
                    tuple(e for e in excluded if _has_near(e)),
                    condition=condition,
                )
            case AnyOf():
                children = tuple(self.node(c, scope) for c in condition.children)
                return Branch("any", children, (), condition.min_count, condition=condition)
            case NoneOf():
                return Branch("all", (), (self.node(AnyOf(children=condition.children), scope),), condition=condition)
            case _:
                assert_never(condition)


def letters(text: str) -> str:
    """The letters and digits of ``text`` as written: how a case-sensitive alias is compared with the
    original text, where punctuation and spacing do not count."""
    return "".join(c for c in text if c.isalnum())


def _has_near(node: Node) -> bool:
    """Whether some condition of ``node`` must stand near an entity (a ``none`` read clause by clause)."""
    match node:
        case Leaf() | RegexLeaf():
            return node.scope.near is not None
        case Branch():
            return any(map(_has_near, node.children + node.excluded + node.vetoes))
        case _:
            assert_never(node)


def leaf_terms(node: Node) -> frozenset[int]:
    """Every term a node looks for, outside ``none`` (a control role's words)."""
    match node:
        case Leaf():
            return node.terms
        case RegexLeaf():
            return frozenset()
        case Branch():
            return frozenset().union(*map(leaf_terms, node.children))
        case _:
            assert_never(node)


def _control(builder: _Builder, spec: ControlSpec | None) -> CompiledControl | None:
    if spec is None:
        return None
    roles = tuple((role, leaf_terms(builder.node(c, Scope()))) for role, c in spec.roles.items())
    return CompiledControl(spec, roles, _refinements(builder.ruleset.entities.get(spec.actor, {})))


def _refinements(actors: Mapping[str, Entity]) -> dict[str, frozenset[str]]:
    """Each actor that fights anywhere (no ``countries``) whose alias heads another actor's alias ("rebels" in
    "M23 rebels", «مسلحون» in «مسلحون متطرفون») → those other actors. A national force is no generic name:
    its "army" heads "Free Syrian Army" but names its own soldiers."""
    names = {actor.id: {name.casefold() for name in (actor.name, *actor.aliases)} for actor in actors.values()}
    found: dict[str, frozenset[str]] = {}
    for generic, heads in names.items():
        if actors[generic].countries:
            continue
        specific = frozenset(
            other
            for other, spelled in names.items()
            if other != generic
            and any(name.endswith(" " + head) or name.startswith(head + " ") for name in spelled for head in heads)
        )
        if specific:
            found[generic] = specific
    return found


def required_groups(node: Node, town_type: str | None = None) -> list[Requirement] | None:
    """What must occur for ``node`` to hold, group by group; None if unknowable (only ``none`` conditions).
    A group that binds ``town_type`` (the gazetteer's towns) is also met by a town no rule lists."""
    match node:
        case RegexLeaf():
            return [Requirement(frozenset(), frozenset([node.pattern]))]
        case Leaf():
            return [Requirement(node.terms, towns=town_type is not None and node.binds == town_type)]
        case Branch(kind="all"):
            groups: list[Requirement] = []
            for child in node.children:
                groups.extend(required_groups(child, town_type) or [])
            return groups or None
        case Branch():
            terms: set[int] = set()
            patterns: set[str] = set()
            towns = False
            for child in node.children:
                child_groups = required_groups(child, town_type)
                if not child_groups:
                    return None
                # The smallest group of terms alone when the child has one: only such a group can anchor a rule.
                smallest = min(child_groups, key=lambda g: (bool(g.patterns), len(g.terms) + len(g.patterns)))
                terms |= smallest.terms
                patterns |= smallest.patterns
                towns = towns or smallest.towns
            return [Requirement(frozenset(terms), frozenset(patterns), towns)]
        case _:
            assert_never(node)


def _entity_types(node: Node) -> set[str]:
    match node:
        case Leaf() | RegexLeaf():
            types = {node.scope.near} if node.scope.near else set()
            if isinstance(node, Leaf) and node.binds:
                types.add(node.binds)
            return types
        case Branch():
            return set().union(*map(_entity_types, node.children + node.excluded + node.vetoes))
        case _:
            assert_never(node)


def _text_frequency(term: Term, is_alias: bool) -> float:
    """A rough guess of how often ``term`` occurs in news text, to pick selective anchors.

    Names and multi-word phrases are rare; short single words and open-ended
    stems are common.
    """
    weight = 1.0 if is_alias or " " in term.words else 3.0 if len(term.words) >= 6 else 6.0
    if term.open_end or term.start == "any":
        weight *= 2
    return weight


def group_weight(group: frozenset[int], weights: list[float], cache: dict[frozenset[int], float]) -> float:
    """How likely any term of ``group`` is to occur, summed; shared groups (a whole entity type) are weighed once."""
    found = cache.get(group)
    if found is None:
        found = cache[group] = sum(weights[t] for t in group)
    return found


# One term found at an automaton key: its id, what may stand in front of it inside its first word (its
# ``Term.start``; ``bare`` also for a name, which never takes the article) and the spaces inside it (a
# hit's first word is its last word minus them).
Variant = tuple[int, StartMode, int]

# How the hit loop reads a key's hits (``KeyHits.check``): each of its terms counts wherever the key is
# found (``word`` and ``any`` terms: most hits), or only with the article in front (``definite``: most
# hits are inside other words, and the letter before them says so), or it reads what stands in front.
ANYWHERE, WITH_ARTICLE, BY_PREFIX = range(3)


class KeyHits(NamedTuple):
    """What the hit loop needs of one automaton key: its terms, which ``check`` it makes (see
    ``Scan._find_terms``), and those of its terms that count when a space stands in front of the key (a
    whole word) and inside any word (``any``)."""

    variants: tuple[Variant, ...]
    check: int
    spaced: tuple[Variant, ...]
    inside: tuple[Variant, ...]


def _key_hits(variants: tuple[Variant, ...]) -> KeyHits:
    spaced = tuple(v for v in variants if v[1] != "definite")
    if all(mode in ("word", "any") for _, mode, _ in variants):
        check = ANYWHERE
    elif not spaced:
        check = WITH_ARTICLE
    else:
        check = BY_PREFIX
    return KeyHits(variants, check, spaced, tuple(v for v in variants if v[1] == "any"))


class TermAutomaton:
    """Every term's key in one Aho-Corasick automaton, so one pass over a field finds every term of every rule,
    and what the hit loop needs of each key (``keys``, by the automaton's index of the key).

    ``ahocorasick_rs`` (Rust's aho-corasick, a contiguous NFA) found the shipped rules' 138,000 keys in the
    generated news about 30% faster than pyahocorasick, hits and their order alike.
    """

    def __init__(self, keys: dict[str, KeyHits]) -> None:
        self.keys = tuple(keys.values())
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                keys,
                matchkind=ahocorasick_rs.MatchKind.Standard,
                store_patterns=False,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA,
            )
            if keys
            else None
        )

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every key found in ``text``, overlaps included, in order of their ends (the longest first where
        several end together): (index of the key, where it starts, where it ends + 1)."""
        if self._automaton is None:
            return []
        return self._automaton.find_matches_as_indexes(text, overlapping=True)


def compile_rules(ruleset: RuleSet) -> CompiledRules:
    """Compile ``ruleset``; raises ``RuleError`` when a limit is exceeded or a regex is invalid."""
    builder = _Builder(ruleset)
    compiled = [
        CompiledRule(
            rule,
            node := builder.node(rule.when, Scope(targets=rule.control is not None)),
            frozenset(_entity_types(node)),
            control=_control(builder, rule.control),
        )
        for rule in ruleset.rules
    ]
    if builder.problems:
        raise RuleError(builder.problems)
    characters = sum(len(t.words) for t in builder.terms)
    if len(builder.terms) > MAX_TERMS or characters > MAX_TERM_CHARACTERS:
        raise RuleError(
            [
                RuleProblem(
                    Location(ruleset.files[0] if ruleset.files else "<rules>"),
                    f"the rule set compiles to {len(builder.terms):,} terms ({characters:,} characters); "
                    f"the limit is {MAX_TERMS:,} terms and {MAX_TERM_CHARACTERS:,} characters",
                    "split the rule set across workers or remove generated aliases",
                )
            ]
        )

    # The automaton's value for a key is everything the hit loop needs, so the hottest loop
    # of the worker does no look-ups (see ``KeyHits``).
    variants: dict[str, list[Variant]] = defaultdict(list)
    for term_id, term in enumerate(builder.terms):
        start = term.start
        if start == "clitic" and term_id in builder.term_entities:
            # A name written without the article never takes it: اليهود is 'the Jews', not the town يهود.
            start = "bare"
        variants[term.key].append((term_id, start, term.words.count(" ")))
    automaton = TermAutomaton({key: _key_hits(tuple(found)) for key, found in variants.items()})

    # Each rule is evaluated whenever a term of its anchor occurs, so the best
    # anchor is the group least likely to occur in text (not the least shared).
    weights = [_text_frequency(t, t_id in builder.term_entities) for t_id, t in enumerate(builder.terms)]
    anchored: dict[int, list[int]] = defaultdict(list)
    unanchored: list[int] = []
    weight_cache: dict[frozenset[int], float] = {}
    towns = town_type(ruleset)
    town_anchored: list[int] = []
    for index, item in enumerate(compiled):
        groups = required_groups(item.condition, towns) or []
        compiled[index] = replace(item, required=tuple(groups))
        if not all(group.terms or group.patterns or group.towns for group in groups):
            # A required group without a searchable term or a regex can never occur.
            continue
        # A rule is anchored on terms only: whether a regex matches is known only once the rule is read.
        anchors = [group for group in groups if not group.patterns]
        if not anchors:
            unanchored.append(index)
            continue
        anchor = min(anchors, key=lambda g: group_weight(g.terms, weights, weight_cache))
        for term_id in anchor.terms:
            anchored[term_id].append(index)
        if anchor.towns:
            town_anchored.append(index)

    return CompiledRules(
        ruleset=ruleset,
        automaton=automaton,
        terms=builder.terms,
        term_labels=builder.labels,
        term_entities=dict(builder.term_entities),
        entity_type_terms={k: frozenset(v) for k, v in builder.entity_type_terms.items()},
        rules=compiled,
        anchored=dict(anchored),
        unanchored=unanchored,
        town_anchored=tuple(town_anchored),
        pattern_count=len(variants),
        doubtful_terms=doubtful_terms(ruleset, builder.term_entities, builder.labels),
        case_sensitive=builder.case_sensitive,
        filtered=tuple(i for i, r in enumerate(ruleset.rules) if r.sources is not None or r.languages is not None),
        # The patterns a rule needs before it is read, then the rest (see ``RegexSets``).
        regexes=RegexSets(
            [[pattern for item in compiled for group in item.required for pattern in group.patterns], builder.patterns]
        ),
    )
