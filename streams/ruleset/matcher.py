"""Match one article against compiled rules: pure, no I/O.

One automaton pass per field finds every term; only rules whose anchor terms
occurred are evaluated. Evaluation yields *solutions*: a binding of entity types
to entities (``place=homs``) with the occurrences that support it, so one
article reporting the fall of two cities gives one match per city.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

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
    """The occurrences that make a condition hold for one binding; ``support`` are the entities they are near.

    A solution is never changed once a node's evaluation has returned it (a parent builds
    new ones), so parents may pass their children's solutions on as they are.
    """

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
        self._spans: dict[tuple[Field, int, int], tuple[int, int, str]] = {}
        # Per field, in text order: where each accepted hit ends and its term's variant.
        self._hits: dict[Field, tuple[list[int], list[tuple[int, str, bool, int]]]] = {}
        if len(compiled.automaton):
            for name, stream in self.streams.items():
                self._find_terms(name, stream.stream)

    def _find_terms(self, name: Field, stream: str) -> None:
        found = self.found
        ends: list[int] = []
        kept: list[tuple[int, str, bool, int]] = []
        for end, (key_length, variants) in self.compiled.automaton.iter(stream):
            start = end - key_length + 1
            for variant in variants:
                term_id, mode, open_end, _ = variant
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
                ends.append(end)
                kept.append(variant)
        self._hits[name] = (ends, kept)

    @cached_property
    def found_terms(self) -> frozenset[int]:
        """The ids of the terms found."""
        return frozenset(self.found)

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
        for name, (ends, variants) in self._hits.items():
            words = self.streams[name]
            count = words.stream.count
            sentence_starts = words.sentence_starts
            position = spaces = 0
            for end, (term_id, _, _, gaps) in zip(ends, variants):
                # Hits come in order of their end: the spaces before the hit's last word are counted
                # on from the previous hit (word i follows i + 1 spaces); its first word is ``gaps`` before.
                spaces += count(" ", position, end)
                position = end
                last_word = spaces - 1
                first_word = last_word - gaps
                occurrence = _new_occurrence(
                    Occurrence, (name, first_word, last_word, term_id, bisect_right(sentence_starts, first_word))
                )
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

    @cached_property
    def has_aliases(self) -> bool:
        """Whether any alias of several words occurred (only those can contain another occurrence)."""
        return bool(self._alias_words)

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
                first_entity = mentions[0][0]
                if all(entity == first_entity for entity, _ in mentions):
                    # One entity in the sentence: no other one for a mention to locate (see ``_locates``).
                    found[key] = mentions
                    continue
                words = self.streams[key[0]]
                found[key] = [(entity, m) for entity, m in mentions if not _locates(m, entity, mentions, words)]
            self._near_mentions[type_] = found
        return found

    def evidence_span(self, occurrence: Occurrence) -> tuple[int, int, str]:
        """[start, end) of ``occurrence`` in the original text and the snippet around it, worked out once per article."""
        key = (occurrence.field, occurrence.first, occurrence.last)
        found = self._spans.get(key)
        if found is None:
            words = self.streams[occurrence.field]
            start, end = words.original_span(occurrence.first, occurrence.last)
            found = self._spans[key] = (start, end, snippet(words.original, start, end))
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


# Entity type → the entities a solution may still bind to it: what the siblings to the left in an
# ``all`` bound in every one of their solutions (see ``_branch``). A type not listed is unrestricted.
Allowed = dict[str, set[str]]


def _near(
    solutions: Solutions, scope: Scope, qualifiers: list[Occurrence], scan: _Scan, allowed: Allowed | None = None
) -> Solutions:
    """Keep the hits within ``window`` words of an entity of the ``near`` type, binding that entity.

    A pair is void when a qualifier (``unless``) stands next to the hit or to the
    entity: "entered the outskirts of Homs" is not "entered Homs". Entities
    outside ``allowed`` are not paired at all.
    """
    type_, window, qualifier_window = scope.near, scope.window, scope.unless_window
    assert type_ is not None
    result: Solutions = {}
    by_sentence = scan.near_mentions(type_)
    permitted = allowed.get(type_) if allowed else None
    for bindings, solution in solutions.items():
        bound = dict(bindings).get(type_) if bindings else None
        paired: dict[str, tuple[list[Occurrence], list[Occurrence]]] = {}
        for hit in solution.hits:
            mentions = by_sentence.get((hit.field, hit.sentence))
            if not mentions or (qualifiers and _qualified(hit, qualifiers, qualifier_window)):
                continue
            first, last = hit.first, hit.last
            closest: dict[str, tuple[int, Occurrence]] = {}
            for entity_id, mention in mentions:
                if (bound is not None and entity_id != bound) or (permitted is not None and entity_id not in permitted):
                    continue
                # distance(hit, mention), inline: the mention is in the hit's field and sentence.
                if last < mention.first:
                    gap = mention.first - last
                elif mention.last < first:
                    gap = first - mention.last
                else:
                    gap = 0
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


def _leaf(leaf: Leaf, scan: _Scan, allowed: Allowed | None = None) -> Solutions:
    only = leaf.scope.field  # every occurrence is in one of FIELDS
    solutions: Solutions = {}
    if leaf.binds:
        by_entity = scan.entity_occurrences(leaf.binds)
        if leaf.entity_ids is not None and len(leaf.entity_ids) == 1:
            # One entity (the usual case): look it up instead of walking every entity found.
            (entity_id,) = leaf.entity_ids
            by_entity = {entity_id: by_entity[entity_id]} if entity_id in by_entity else {}
        permitted = allowed.get(leaf.binds) if allowed else None
        for entity_id, mentions in by_entity.items():
            if (leaf.entity_ids is None or entity_id in leaf.entity_ids) and (
                permitted is None or entity_id in permitted
            ):
                hits = [o for o in mentions if o.field == only] if only else mentions[:]
                if hits:
                    solutions[frozenset([(leaf.binds, entity_id)])] = Solution(hits)
    else:
        if leaf.terms.isdisjoint(scan.found_terms):
            return {}
        terms = scan.found_among(leaf.terms)
        hits = [o for term_id in terms for o in scan.occurrences(term_id) if not only or o.field == only]
        if hits and scan.has_aliases:
            hits = [o for o in hits if not scan.inside_alias(o)]
        if hits:
            solutions[_UNBOUND] = Solution(hits)
    if not solutions:
        return {}
    return _finish(solutions, leaf.scope, leaf.min_count, scan, allowed)


def _regex_leaf(leaf: RegexLeaf, scan: _Scan, allowed: Allowed | None = None) -> Solutions:
    fields = (leaf.scope.field,) if leaf.scope.field else FIELDS
    occurrences = [o for name in fields for o in scan.regex_occurrences(leaf, name)]
    if not occurrences:
        return {}
    return _finish({_UNBOUND: Solution(occurrences)}, leaf.scope, leaf.min_count, scan, allowed)


def _finish(solutions: Solutions, scope: Scope, min_count: int, scan: _Scan, allowed: Allowed | None = None) -> Solutions:
    qualifiers: list[Occurrence] = []
    if scope.unless is not None:
        qualifiers = [o for solution in evaluate(scope.unless, scan).values() for o in solution.hits]
    if scope.near:
        solutions = _near(solutions, scope, qualifiers, scan, allowed)
    elif qualifiers:
        solutions = {b: Solution([h for h in s.hits if not _qualified(h, qualifiers, scope.unless_window)], s.support)
                     for b, s in solutions.items()}
        solutions = {b: s for b, s in solutions.items() if s.hits}
    if min_count > 1:
        solutions = {b: s for b, s in solutions.items() if len(set(s.hits)) >= min_count}
    return solutions


def _allowed_after(joined: Solutions) -> Allowed | None:
    """What every solution of ``joined`` binds, by type: a solution to join with them must bind the same.

    A type some solution leaves unbound is not listed (anything is compatible there); None when nothing is left.
    """
    allowed: Allowed | None = None
    for bindings in joined:
        if not bindings:
            return None
        here: Allowed = {}
        for type_, entity_id in bindings:
            here.setdefault(type_, set()).add(entity_id)
        if allowed is None:
            allowed = here
        else:
            for type_ in [t for t in allowed if t not in here]:
                del allowed[type_]
            for type_, entity_ids in allowed.items():
                entity_ids |= here[type_]
        if not allowed:
            return None
    return allowed


def _branch(branch: Branch, scan: _Scan, allowed: Allowed | None = None) -> Solutions:
    if branch.kind == "any":
        merged: Solutions = {}
        for child in branch.children:
            for bindings, solution in _evaluate(child, scan, allowed).items():
                target = merged.get(bindings)
                if target is None:
                    merged[bindings] = Solution(solution.hits[:], solution.support[:])
                else:
                    target.hits.extend(solution.hits)
                    target.support.extend(solution.support)
        if branch.min_count > 1:
            merged = {b: s for b, s in merged.items() if len(set(s.hits)) >= branch.min_count}
        return merged
    # ``allowed`` is not passed into an ``all``: its own join keeps at most MAX_SOLUTIONS,
    # and restricting what it joins could change which ones.
    joined: Solutions | None = None
    for child in branch.children:
        # A child's solutions that bind what no solution to the left binds would be dropped by the
        # join: they are not worked out (an action is not paired with places the rule does not watch).
        child_solutions = _evaluate(child, scan, None if joined is None else _allowed_after(joined))
        if not child_solutions:
            return {}
        if joined is None:
            # The first child: nothing is bound yet, so its solutions are the join (at most MAX_SOLUTIONS).
            joined = child_solutions if len(child_solutions) <= MAX_SOLUTIONS else dict(
                islice(child_solutions.items(), MAX_SOLUTIONS)
            )
            continue
        combined: Solutions = {}
        for left, left_solution in joined.items():
            for right, right_solution in child_solutions.items():
                if len(combined) >= MAX_SOLUTIONS:
                    break
                if _compatible(left, right):
                    key = left | right
                    target = combined.get(key)
                    if target is None:
                        combined[key] = Solution(
                            left_solution.hits + right_solution.hits, left_solution.support + right_solution.support
                        )
                    else:
                        target.hits.extend(left_solution.hits + right_solution.hits)
                        target.support.extend(left_solution.support + right_solution.support)
        if not combined:
            return {}
        joined = combined
    if joined is None:
        joined = {_UNBOUND: Solution()}
    for excluded in branch.excluded:
        vetoes = evaluate(excluded, scan)
        if vetoes:
            joined = {b: s for b, s in joined.items() if not any(_compatible(b, v) for v in vetoes)}
    return joined


def evaluate(node: Node, scan: _Scan) -> Solutions:
    """The solutions of one condition node for the scanned article."""
    return _evaluate(node, scan, None)


def _evaluate(node: Node, scan: _Scan, allowed: Allowed | None) -> Solutions:
    """:func:`evaluate`, leaving out the solutions that bind an entity ``allowed`` rules out."""
    if isinstance(node, Leaf):
        return _leaf(node, scan, allowed)
    if isinstance(node, RegexLeaf):
        return _regex_leaf(node, scan, allowed)
    return _branch(node, scan, allowed if node.kind == "any" else None)


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.-]+)\}")


def render_title(template: str, bindings: dict[str, str], names: dict[str, str]) -> str:
    """Fill ``{type}`` placeholders with the bound entities' display names (``unnamed type`` when unbound)."""
    return _PLACEHOLDER.sub(
        lambda m: names.get(m.group(1), bindings.get(m.group(1), f"unnamed {m.group(1)}")), template
    )


_FIELD_ORDER = {name: index for index, name in enumerate(FIELDS)}


def _evidence_order(o: Occurrence) -> tuple[int, int, int]:
    return _FIELD_ORDER[o.field], o.first, o.last


def _evidence(occurrences: list[Occurrence], bindings: dict[str, str], scan: _Scan, article: Article) -> tuple[Evidence, ...]:
    unique = sorted(set(occurrences), key=_evidence_order)
    result = []
    for o in unique[:MAX_EVIDENCE]:
        text = article.title if o.field == "title" else article.body
        start, end, around = scan.evidence_span(o)
        entity = None
        if isinstance(o.term, int):
            label = scan.compiled.term_labels[o.term]
            aliases_of = scan.compiled.term_entities.get(o.term, [])
            bound = [f"{t}:{e}" for t, e in aliases_of if bindings.get(t) == e]
            entity = bound[0] if bound else (f"{aliases_of[0][0]}:{aliases_of[0][1]}" if aliases_of else None)
        else:
            label = f"regex:{o.term}"
        result.append(Evidence(text[start:end], o.field, start, end, around, label, entity))
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
    found = scan.found_terms
    matches: list[Match] = []
    for index in sorted(candidates):
        item = compiled.rules[index]
        # A rule holds only if each of its required groups occurred: a set test is far cheaper than evaluating.
        for group in item.required:
            if group.isdisjoint(found):
                break
        else:
            matches.extend(_matches_of(item, scan, article))
    return matches
