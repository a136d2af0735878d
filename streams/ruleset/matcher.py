"""Match one article against compiled rules: pure, no I/O.

One automaton pass per field finds every term; only rules whose anchor terms
occurred are evaluated. Evaluation yields *solutions*: a binding of entity types
to entities (``place=homs``) with the occurrences that support it, so one
article reporting the fall of two cities gives one match per city.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from streams.articles.model import Article
from streams.ruleset.compiler import (
    CLITIC_PREFIXES,
    DEFINITE_PREFIXES,
    Branch,
    CompiledRule,
    CompiledRules,
    Leaf,
    Node,
    RegexLeaf,
    Scope,
)
from streams.ruleset.claims import read_claim
from streams.ruleset.matches import Evidence, Match
from streams.ruleset.occurrences import Occurrence, distance
from streams.ruleset.model import FIELDS, Field
from streams.text.normalise import WordStream, snippet


# More solutions than this for one rule and article means a combinatorial
# rule (many entity types, many mentions); the first ones are kept.
MAX_SOLUTIONS = 64
MAX_EVIDENCE = 10


# Occurrence(...) without the Python-level __new__ of a NamedTuple: occurrences are made by the thousand.
_new_occurrence = tuple.__new__
# The hit loop rejects a "definite" hit whose preceding letter is not ل before looking further.
assert all(prefix.endswith("ل") for prefix in DEFINITE_PREFIXES)

Bindings = frozenset[tuple[str, str]]
_UNBOUND: Bindings = frozenset()


@dataclass
class Solution:
    """The occurrences that make a condition hold for one binding; ``support`` are the entities they are near."""

    hits: list[Occurrence] = field(default_factory=list)
    support: list[Occurrence] = field(default_factory=list)


Solutions = dict[Bindings, Solution]


class _Scan:
    """Everything the automaton found in one article, computed once and shared by every rule."""

    def __init__(self, compiled: CompiledRules, article: Article) -> None:
        self.compiled = compiled
        self.streams: dict[Field, WordStream] = {"title": WordStream.of(article.title), "body": WordStream.of(article.body)}
        # term id → (field, first character, last character) in the word stream;
        # word indices are worked out only once a candidate rule reads a term.
        self.found: dict[int, list[tuple[Field, int, int]]] = defaultdict(list)
        self._entities: dict[str, dict[str, list[Occurrence]]] = {}
        self._by_sentence: dict[str, dict[tuple[Field, int], list[tuple[str, Occurrence]]]] = {}
        self._near_mentions: dict[str, dict[tuple[Field, int], list[tuple[str, Occurrence]]]] = {}
        self._regex: dict[tuple[str, Field], list[Occurrence]] = {}
        if len(compiled.automaton):
            for name, stream in self.streams.items():
                self._find_terms(name, stream.stream)

    def _find_terms(self, name: Field, stream: str) -> None:
        found = self.found
        for end, (key_length, variants) in self.compiled.automaton.iter(stream):
            start = end - key_length + 1
            for term_id, mode, open_end in variants:
                if mode == "word":
                    first = start + 1
                elif mode == "definite":
                    # Every prefix carrying the article ends in ل: most hits inside other words stop here.
                    if stream[start - 1] != "ل":
                        continue
                    first = stream.rfind(" ", 0, start) + 1
                    if stream[first:start] not in DEFINITE_PREFIXES:
                        continue
                elif stream[start - 1] == " ":
                    first = start
                else:
                    first = stream.rfind(" ", 0, start) + 1
                    if mode != "any" and stream[first:start] not in CLITIC_PREFIXES:
                        continue
                found[term_id].append((name, first, end if open_end else end - 1))

    def found_among(self, terms: frozenset[int]) -> list[int]:
        """The terms of ``terms`` that occur, iterating the smaller side (an entity type may have 100,000 aliases)."""
        if len(terms) < len(self.found):
            return [t for t in terms if t in self.found]
        return [t for t in self.found if t in terms]

    def occurrences(self, term_id: int) -> list[Occurrence]:
        """Where term ``term_id`` occurs, as word ranges."""
        return self._occurrences.get(term_id, [])

    @cached_property
    def _occurrences(self) -> dict[int, list[Occurrence]]:
        """Every term found, as word ranges: one sweep per field once the first candidate rule reads a term."""
        by_term: dict[int, list[Occurrence]] = {}
        for name, words in self.streams.items():
            hits = sorted((last, first, term_id) for term_id, where in self.found.items() for f, first, last in where if f == name)
            ranges = words.word_ranges([(first, last) for last, first, _ in hits])
            for (_, _, term_id), (first_word, last_word, sentence) in zip(hits, ranges):
                occurrence = _new_occurrence(Occurrence, (name, first_word, last_word, term_id, sentence))
                found = by_term.get(term_id)
                if found is None:
                    by_term[term_id] = [occurrence]
                else:
                    found.append(occurrence)
        return by_term

    def entity_occurrences(self, type_: str) -> dict[str, list[Occurrence]]:
        """Occurrences of every entity of ``type_`` found in the article, by entity id."""
        found = self._entities.get(type_)
        if found is None:
            found = defaultdict(list)
            names = self.compiled.term_entities
            alias_words = self._alias_words
            for term_id in self.found_among(self.compiled.entity_type_terms.get(type_, frozenset())):
                for entity_type, entity_id in names[term_id]:
                    if entity_type != type_:
                        continue
                    mentions = self.occurrences(term_id)
                    if alias_words:
                        # The longest alias wins: ريف دمشق (Damascus countryside) is not a mention of دمشق.
                        mentions = [o for o in mentions if not self._covered_by_other(o, entity_id)]
                    if mentions:
                        found[entity_id].extend(mentions)
            self._entities[type_] = found
        return found

    def _occurrence(self, name: Field, first: int, last: int, term: int | str) -> Occurrence:
        words = self.streams[name]
        first_word, last_word = words.word_span(first, last)
        return _new_occurrence(Occurrence, (name, first_word, last_word, term, words.sentence_of(first_word)))

    @cached_property
    def _alias_words(self) -> dict[tuple[Field, int], list[Occurrence]]:
        """Multi-word alias mentions by each (field, word) they cover."""
        names = self.compiled.term_entities
        covered: dict[tuple[Field, int], list[Occurrence]] = defaultdict(list)
        for term_id in self.found:
            if term_id in names:
                for mention in self.occurrences(term_id):
                    for word in range(mention.first, mention.last + 1) if mention.last > mention.first else ():
                        covered[(mention.field, word)].append(mention)
        return covered

    def _covered_by_other(self, mention: Occurrence, entity_id: str) -> bool:
        """Whether a longer alias of another entity covers ``mention``."""
        names = self.compiled.term_entities
        return any(
            m.first <= mention.first
            and mention.last <= m.last
            and m.last - m.first > mention.last - mention.first
            and any(other != entity_id for _, other in names[m.term])  # type: ignore[index]
            for m in self._alias_words.get((mention.field, mention.first), ())
        )

    def inside_alias(self, occurrence: Occurrence) -> bool:
        """Whether ``occurrence`` lies inside a longer entity alias: تحرير in هيئة تحرير الشام is a name, not an action."""
        mentions = self._alias_words.get((occurrence.field, occurrence.first))
        return bool(mentions) and any(
            m.first <= occurrence.first
            and occurrence.last <= m.last
            and m.last - m.first > occurrence.last - occurrence.first
            for m in mentions  # type: ignore[union-attr]
        )

    def mentions_by_sentence(self, type_: str) -> dict[tuple[Field, int], list[tuple[str, Occurrence]]]:
        """Mentions of entities of ``type_`` by (field, sentence): ``near`` never looks beyond a sentence."""
        found = self._by_sentence.get(type_)
        if found is None:
            found = defaultdict(list)
            for entity_id, mentions in self.entity_occurrences(type_).items():
                for mention in mentions:
                    found[(mention.field, mention.sentence)].append((entity_id, mention))
            self._by_sentence[type_] = found
        return found

    def near_mentions(self, type_: str) -> dict[tuple[Field, int], list[tuple[str, Occurrence]]]:
        """:meth:`mentions_by_sentence` without the mentions that only locate another one.

        "Saraqib in Idlib province", "Douma, the last town held in eastern Ghouta",
        "سراقب في إدلب": the second place says where the first is; an action near
        them is about the first.
        """
        found = self._near_mentions.get(type_)
        if found is None:
            found = {}
            for key, mentions in self.mentions_by_sentence(type_).items():
                words = self.streams[key[0]]
                found[key] = [(entity, m) for entity, m in mentions if not _locates(m, entity, mentions, words)]
            self._near_mentions[type_] = found
        return found

    def regex_occurrences(self, leaf: RegexLeaf, name: Field) -> list[Occurrence]:
        """Matches of a regex leaf in one field, as word ranges."""
        key = (leaf.pattern, name)
        found = self._regex.get(key)
        if found is None:
            words = self.streams[name]
            stream = words.stream
            found = []
            for match in leaf.regex.finditer(stream):
                start, end = match.start(), match.end() - 1
                # The stream pads words with spaces; evidence is the words themselves.
                while start <= end and stream[start] == " ":
                    start += 1
                while end >= start and stream[end] == " ":
                    end -= 1
                if start <= end:
                    found.append(self._occurrence(name, start, end, leaf.pattern))
            self._regex[key] = found
        return found


# "X in (southern) Y": words that make Y the place where X is, and how far back X may stand.
_LOCATING = frozenset(["in", "inside", "within", "في", "داخل"])
_REGIONS = frozenset(
    "eastern western northern southern central northeastern northwestern southeastern southwestern rural "
    "east west north south".split()
)
_LOCATED_REACH = 6


def _locates(mention: Occurrence, entity: str, others: list[tuple[str, Occurrence]], words: WordStream) -> bool:
    """Whether ``mention`` follows "in" right after another entity of its type (see ``_Scan.near_mentions``)."""
    index = mention.first - 1
    while index >= 0 and words.word(index) in _REGIONS:
        index -= 1
    if index < 0 or words.word(index) not in _LOCATING:
        return False
    return any(other != entity and m.last < index and index - m.last <= _LOCATED_REACH for other, m in others)


def _compatible(a: Bindings, b: Bindings) -> bool:
    if not a or not b:
        return True
    bound = dict(a)
    return all(bound.get(type_, entity) == entity for type_, entity in b)


def _qualified(occurrence: Occurrence, qualifiers: list[Occurrence], window: int) -> bool:
    """Whether an ``unless`` qualifier stands in front of ``occurrence``, within ``window`` words of the same sentence.

    Qualifiers precede what they qualify: "still under control", "tried to enter",
    "outskirts of Homs", "north of Aleppo"; "Aleppo, north of Hama" leaves Aleppo alone.
    """
    return any(q.last < occurrence.first and distance(occurrence, q) <= window for q in qualifiers)


def _near(solutions: Solutions, scope: Scope, qualifiers: list[Occurrence], scan: _Scan) -> Solutions:
    """Keep the hits within ``window`` words of an entity of the ``near`` type, binding that entity.

    A pair is void when a qualifier (``unless``) stands next to the hit or to the
    entity: "entered the outskirts of Homs" is not "entered Homs".
    """
    type_, window, qualifier_window = scope.near, scope.window, scope.unless_window
    assert type_ is not None
    result: Solutions = {}
    by_sentence = scan.near_mentions(type_)
    for bindings, solution in solutions.items():
        bound = dict(bindings).get(type_)
        paired: dict[str, tuple[list[Occurrence], list[Occurrence]]] = {}
        for hit in solution.hits:
            if qualifiers and _qualified(hit, qualifiers, qualifier_window):
                continue
            closest: dict[str, tuple[int, Occurrence]] = {}
            for entity_id, mention in by_sentence.get((hit.field, hit.sentence), ()):
                if bound is not None and entity_id != bound:
                    continue
                gap = distance(hit, mention)
                if gap <= window and (entity_id not in closest or gap < closest[entity_id][0]):
                    closest[entity_id] = (gap, mention)
            for entity_id, (_, mention) in closest.items():
                if qualifiers and _qualified(mention, qualifiers, qualifier_window):
                    continue
                hits, support = paired.setdefault(entity_id, ([], []))
                hits.append(hit)
                support.append(mention)
        for entity_id, (hits, support) in paired.items():
            target = result.setdefault(bindings | {(type_, entity_id)}, Solution())
            target.hits.extend(hits)
            target.support.extend(solution.support + support)
    return result


def _leaf(leaf: Leaf, scan: _Scan) -> Solutions:
    fields = (leaf.scope.field,) if leaf.scope.field else FIELDS
    solutions: Solutions = {}
    if leaf.binds:
        for entity_id, mentions in scan.entity_occurrences(leaf.binds).items():
            if leaf.entity_ids is None or entity_id in leaf.entity_ids:
                hits = [o for o in mentions if o.field in fields]
                if hits:
                    solutions[frozenset([(leaf.binds, entity_id)])] = Solution(hits)
    else:
        hits = [
            o
            for term_id in scan.found_among(leaf.terms)
            for o in scan.occurrences(term_id)
            if o.field in fields and not scan.inside_alias(o)
        ]
        if hits:
            solutions[_UNBOUND] = Solution(hits)
    if not solutions:
        return {}
    return _finish(solutions, leaf.scope, leaf.min_count, scan)


def _regex_leaf(leaf: RegexLeaf, scan: _Scan) -> Solutions:
    fields = (leaf.scope.field,) if leaf.scope.field else FIELDS
    occurrences = [o for name in fields for o in scan.regex_occurrences(leaf, name)]
    if not occurrences:
        return {}
    return _finish({_UNBOUND: Solution(occurrences)}, leaf.scope, leaf.min_count, scan)


def _finish(solutions: Solutions, scope: Scope, min_count: int, scan: _Scan) -> Solutions:
    qualifiers: list[Occurrence] = []
    if scope.unless is not None:
        qualifiers = [o for solution in evaluate(scope.unless, scan).values() for o in solution.hits]
    if scope.near:
        solutions = _near(solutions, scope, qualifiers, scan)
    elif qualifiers:
        solutions = {b: Solution([h for h in s.hits if not _qualified(h, qualifiers, scope.unless_window)], s.support)
                     for b, s in solutions.items()}
        solutions = {b: s for b, s in solutions.items() if s.hits}
    if min_count > 1:
        solutions = {b: s for b, s in solutions.items() if len(set(s.hits)) >= min_count}
    return solutions


def _branch(branch: Branch, scan: _Scan) -> Solutions:
    if branch.kind == "any":
        merged: Solutions = {}
        for child in branch.children:
            for bindings, solution in evaluate(child, scan).items():
                target = merged.setdefault(bindings, Solution())
                target.hits.extend(solution.hits)
                target.support.extend(solution.support)
        if branch.min_count > 1:
            merged = {b: s for b, s in merged.items() if len(set(s.hits)) >= branch.min_count}
        return merged
    joined: Solutions = {_UNBOUND: Solution()}
    for child in branch.children:
        child_solutions = evaluate(child, scan)
        if not child_solutions:
            return {}
        combined: Solutions = {}
        for left, left_solution in joined.items():
            for right, right_solution in child_solutions.items():
                if len(combined) >= MAX_SOLUTIONS:
                    break
                if _compatible(left, right):
                    target = combined.setdefault(left | right, Solution())
                    target.hits.extend(left_solution.hits + right_solution.hits)
                    target.support.extend(left_solution.support + right_solution.support)
        if not combined:
            return {}
        joined = combined
    for excluded in branch.excluded:
        vetoes = evaluate(excluded, scan)
        if vetoes:
            joined = {b: s for b, s in joined.items() if not any(_compatible(b, v) for v in vetoes)}
    return joined


def evaluate(node: Node, scan: _Scan) -> Solutions:
    """The solutions of one condition node for the scanned article."""
    if isinstance(node, Leaf):
        return _leaf(node, scan)
    if isinstance(node, RegexLeaf):
        return _regex_leaf(node, scan)
    return _branch(node, scan)


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.-]+)\}")


def render_title(template: str, bindings: dict[str, str], names: dict[str, str]) -> str:
    """Fill ``{type}`` placeholders with the bound entities' display names (``unnamed type`` when unbound)."""
    return _PLACEHOLDER.sub(
        lambda m: names.get(m.group(1), bindings.get(m.group(1), f"unnamed {m.group(1)}")), template
    )


def _evidence(occurrences: list[Occurrence], bindings: dict[str, str], scan: _Scan, article: Article) -> tuple[Evidence, ...]:
    unique = sorted(set(occurrences), key=lambda o: (FIELDS.index(o.field), o.first, o.last))
    result = []
    for o in unique[:MAX_EVIDENCE]:
        words = scan.streams[o.field]
        start, end = words.original_span(o.first, o.last)
        text = article.title if o.field == "title" else article.body
        entity = None
        if isinstance(o.term, int):
            label = scan.compiled.term_labels[o.term]
            aliases_of = scan.compiled.term_entities.get(o.term, [])
            bound = [f"{t}:{e}" for t, e in aliases_of if bindings.get(t) == e]
            entity = bound[0] if bound else (f"{aliases_of[0][0]}:{aliases_of[0][1]}" if aliases_of else None)
        else:
            label = f"regex:{o.term}"
        result.append(Evidence(text[start:end], o.field, start, end, snippet(text, start, end), label, entity))
    return tuple(result)


def _matches_of(item: CompiledRule, scan: _Scan, article: Article) -> list[Match]:
    solutions = evaluate(item.condition, scan)
    # A solution whose bindings another extends says less about the same article.
    kept = [b for b in solutions if not any(b < other for other in solutions)]
    rule = item.rule
    matches = []
    for bindings_set in kept:
        solution = solutions[bindings_set]
        bindings = dict(sorted(bindings_set))
        names = {}
        for type_, entity_id in bindings.items():
            entity = scan.compiled.ruleset.entity(type_, entity_id)
            names[type_] = entity.display_name if entity else entity_id
        claim = None
        if item.control is not None and item.control.spec.place in bindings:
            claim = read_claim(item.control, scan, bindings[item.control.spec.place])
        matches.append(
            Match(
                article_id=article.id,
                title=article.title,
                rule=rule.id,
                severity=rule.severity.name,
                bindings=bindings,
                evidence=_evidence(solution.hits + solution.support, bindings, scan, article),
                rule_title=render_title(rule.title, bindings, names),
                group_key=";".join(f"{t}={bindings.get(t, '')}" for t in rule.group_by),
                url=article.url,
                source=article.source,
                lang=article.lang,
                published_at=article.published_at.isoformat() if article.published_at else None,
                claim=claim,
            )
        )
    return matches


def match_article(compiled: CompiledRules, article: Article) -> list[Match]:
    """Every match of every rule on ``article``, in rule order, each with its evidence."""
    scan = _Scan(compiled, article)
    candidates = set(compiled.unanchored)
    for term_id in scan.found:
        candidates.update(compiled.anchored.get(term_id, ()))
    found = set(scan.found)
    matches: list[Match] = []
    for index in sorted(candidates):
        item = compiled.rules[index]
        # A rule holds only if each of its required groups occurred: a set test is far cheaper than evaluating.
        if all(not group.isdisjoint(found) for group in item.required):
            matches.extend(_matches_of(item, scan, article))
    return matches
