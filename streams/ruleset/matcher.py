"""Match one article against compiled rules: pure, no I/O.

A :class:`streams.ruleset.scan.Scan` finds every term in one automaton pass per field;
only rules whose anchor terms occurred are evaluated here. Evaluation yields *solutions*: a binding of entity types
to entities (``place=homs``) with the occurrences that support it, so one
article reporting the fall of two cities gives one match per city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, assert_never

from streams.articles.model import Article
from streams.places.ambiguity import load_word_frequencies
from streams.ruleset.claims import read_claim
from streams.ruleset.compiler import (
    Branch,
    CompiledRule,
    CompiledRules,
    Leaf,
    Node,
    RegexLeaf,
)
from streams.ruleset.matches import Evidence, Match
from streams.ruleset.model import FIELDS, Field
from streams.ruleset.occurrences import REFERENCE, Occurrence, distance
from streams.ruleset.scan import ADDITIONS, ANY_DISTANCE, PLURAL_TOWN_NOUNS, Scan
from streams.ruleset.unlisted import UNLISTED
from streams.text.clauses import (
    COMMAS,
    RELATIVES,
    attributive,
    between,
    clause_break,
    coordinates,
    hyphenated,
    is_connector,
    mark_before,
    without_conjunction,
    word_gap,
)
from streams.text.languages import every, for_script
from streams.text.normalise import WordStream

if TYPE_CHECKING:
    from collections.abc import Collection

    from streams.ruleset.explain import Trace

# More solutions than this for one rule and article means a combinatorial
# rule (many entity types, many mentions); the first ones are kept.
MAX_SOLUTIONS = 64
MAX_EVIDENCE = 10


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


def _compatible(a: Bindings, b: Bindings) -> bool:
    if not a or not b:
        return True
    bound = dict(a)
    return all(bound.get(type_, entity) == entity for type_, entity in b)


# Where an ``unless`` condition was found in the article, by field and sentence: a qualifier acts in its own clause.
QualifierHits = dict[tuple[Field, int], list[Occurrence]]
# The hits of one ``unless`` condition, with how far in front of what it qualifies one may stand.
Qualifier = tuple[QualifierHits, int]
# A ``none`` condition read where it stands: what it is bound to and where it was found.
Veto = tuple[Bindings, Occurrence]


def _same_clause(a: Occurrence, b: Occurrence, scan: Scan) -> bool:
    """Whether two occurrences stand in one clause of one sentence (see :mod:`streams.text.clauses`)."""
    if a.field != b.field or a.sentence != b.sentence:
        return False
    if b.first < a.first:
        a, b = b, a
    return a.last >= b.first or not clause_break(scan.streams[a.field], a.last, b.first)


def _qualified(
    occurrence: Occurrence, qualifiers: list[Qualifier], scan: Scan, place_type: str | None = None
) -> Occurrence | None:
    """The ``unless`` qualifier that stands in front of ``occurrence``, within its window, in the same clause.

    Qualifiers precede what they qualify: "still under control", "tried to enter",
    "outskirts of Homs", "north of Aleppo"; "Aleppo, north of Hama" leaves Aleppo alone.
    A qualifier may also contain the word it qualifies ("مناطق سيطرة", areas of control;
    "لاستعادة", in order to retake), and one in another clause ("…in eastern Idlib, and
    took Saraqib") qualifies something else. A place of ``place_type`` is not qualified by one that another
    place stands after: «في شمال أفغانستان على مدينة قندوز» is north of Afghanistan, not of Kunduz.
    """
    where = (occurrence.field, occurrence.sentence)
    phrase = scan.phrase_starts.get(occurrence)
    # a regex hit at its ``at`` group is qualified in front of it or in front of its phrase: «وسبق أن سيطرت قسد
    # على منبج» (what came before) as well as «على قرية منبج»
    heads = (occurrence,) if phrase is None else (occurrence, occurrence._replace(first=phrase))
    for by_sentence, window in qualifiers:
        for q in by_sentence.get(where, ()):
            for head in heads:
                if (
                    (q.first < head.first or (q.first == head.first and q.term != head.term))
                    and distance(head, q) <= window
                    and _same_clause(q, head, scan)
                    and not _announces(q, scan, place_type)
                    and not (place_type is not None and _place_between(q, head, place_type, scan))
                ):
                    return q
    return None


def _places_between(
    qualifier: Occurrence, mention: Occurrence, type_: str, scan: Scan
) -> tuple[bool, list[Occurrence]]:
    """Whether ``mention`` stands on a place of ``type_`` (a regex hit may), and the places named between
    ``qualifier`` and it, in its sentence."""
    places = scan.places_in(type_, mention.field, mention.sentence)
    on_place = any(m.first == mention.first for m in places)
    return on_place, [m for m in places if qualifier.last < m.first and m.last < mention.first]


def _place_between(qualifier: Occurrence, mention: Occurrence, type_: str, scan: Scan) -> bool:
    """Whether ``mention`` names a place (a regex hit may stand on one) and another place is named between it and
    ``qualifier`` that it does not follow as the next name of a list (a comma or a coordinator apart): the
    qualifier is about that place."""
    on_place, between = _places_between(qualifier, mention, type_, scan)
    if not between or not on_place:
        return False
    words = scan.streams[mention.field]
    gap = words.words(between[-1].last + 1, mention.first)
    # (a coordinator on a noun for towns adds another object: «شرق بلدة خناصر وقريتي رسم عسكر» leaves Rasm Askar
    # east of nothing)
    return bool(gap) and not (
        len(gap) == 1 and coordinates(gap[0]) and without_conjunction(gap[0]) not in _SETTLEMENT_NOUNS
    )


_SETTLEMENT_NOUNS = every("settlement_nouns")


def _located_by(qualifier: Occurrence, hit: Occurrence, type_: str, scan: Scan) -> frozenset[int]:
    """The first words of the places between ``qualifier`` and a ``hit`` that stands on no place, when one of them
    stands right after the qualifier ("near Kupiansk", "in Ukraine's Kharkiv"): what the qualifier is about;
    none otherwise."""
    on_place, between = _places_between(qualifier, hit, type_, scan)
    if on_place or not between or between[0].first != qualifier.last + 1:
        return frozenset()
    return frozenset(m.first for m in between)


# Marks after which what a phrase announced follows: "captured three villages: Neskuchne, Blagodatne …".
_ANNOUNCING = frozenset(":-–—")


# Words that may say where the announced towns lie before the mark: "three villages beyond Velyka Novosilka --",
# "three villages in the northern Raqqa countryside:".
_ANNOUNCED_WITHIN = 6


def _announces(qualifier: Occurrence, scan: Scan, place_type: str | None) -> bool:
    """Whether a colon or a dash follows ``qualifier``, at once or past a few words saying where: "captured three
    villages: A, B and C", "three villages beyond Velyka Novosilka -- A, B and C" announce the towns they are,
    which no longer describes a village apart from them; so does a comma there before a list of places of
    ``place_type`` ("recaptured two other villages in Hama province, Tell Malh and Jelma")."""
    words = scan.streams[qualifier.field]
    if words.word(qualifier.last) not in PLURAL_TOWN_NOUNS:
        return False
    end = min(qualifier.last + 1 + _ANNOUNCED_WITHIN, words.word_count)
    for following in range(qualifier.last + 1, end):
        if words.sentence_of(following) != qualifier.sentence:
            return False
        marks = between(words, following)
        if not _ANNOUNCING.isdisjoint(marks):
            return True
        if mark_before(words, following):
            return (
                place_type is not None
                and marks.strip() in COMMAS
                and len(scan.listed_with(place_type, _starting(scan, place_type, qualifier, following))) > 1
            )
    return False


def _starting(scan: Scan, place_type: str, occurrence: Occurrence, word: int) -> list[Occurrence]:
    """The mention of a place of ``place_type`` (or of any place) that starts at ``word`` in the sentence of
    ``occurrence``, if one does."""
    return [m for m in scan.places_in(place_type, occurrence.field, occurrence.sentence) if m.first == word]


def _vetoed(hit: Occurrence, bindings: Bindings, vetoes: list[Veto], scan: Scan) -> Occurrence | None:
    """The ``none`` word compatible with ``bindings`` that governs ``hit``, if one does.

    It does in its own clause, and a word in front of the hit also governs the clauses of its
    complement up to a coordinated clause: "the army denied, on Wednesday, that rebels had
    entered Hama" but not "rebels entered Hama, and the army vowed to retake it", nor
    "Russia said it took Soledar; Kyiv denied it".
    """
    for bindings_of, veto in vetoes:
        if veto.field != hit.field or veto.sentence != hit.sentence or not _compatible(bindings, bindings_of):
            continue
        if veto.last < hit.first:
            words = scan.streams[hit.field]
            # a veto inside a clause a connector opened in front of the hit governs that clause only: "After
            # the election, the junta captured Banmauk", "While Moscow denied it, Kyiv said it retook Lyman"
            subordinate = _opened_by_connector(words, veto.first)
            if not clause_break(words, veto.last, hit.first, coordinated=not subordinate):
                return veto
        elif (
            (_same_clause(hit, veto, scan) or _time_after(hit, veto, scan) or _closes_sentence(hit, veto, scan))
            and not _coordinated_clause(hit, veto, bindings, scan)
            and not _describes_a_name(hit, veto, scan)
        ):
            return veto
    return None


def _describes_a_name(hit: Occurrence, veto: Occurrence, scan: Scan) -> bool:
    """Whether a veto after ``hit`` stands in a relative clause that a known name (a town's, a party's) opens
    between them: it tells of that town or party, not of the claim («استعادت بلدتي … إضافة إلى أحياء في مدينة
    كوبيانسك التي أعلنت روسيا السيطرة عليها الشهر الماضي», "took Kindrashivka near Kupiansk, which Russia claimed
    last month", «تحرير مدينة الرمادي من قبضة داعش الذي احتلها مطلع مايو الماضي»)."""
    words = scan.streams[hit.field]
    return any(
        words.word(index) in RELATIVES and scan.names_known_at(hit.field, index - 1)
        for index in range(hit.last + 2, veto.first)
    )


def _closes_sentence(hit: Occurrence, veto: Occurrence, scan: Scan) -> bool:
    """Whether a veto after ``hit`` is what a comma sets off at the end of the hit's sentence, with no connector
    between them: it still modifies the hit's clause ("lost control of several towns, including Bulo Burde, in
    the past years")."""
    words = scan.streams[hit.field]
    following = veto.last + 1
    return (
        mark_before(words, veto.first)
        and (following >= words.word_count or words.sentence_of(following) != veto.sentence)
        and not any(is_connector(words.word(index)) for index in range(hit.last + 1, veto.first + 1))
    )


_COMPLEMENTIZERS = every("complementizers")


def _time_after(hit: Occurrence, veto: Occurrence, scan: Scan) -> bool:
    """Whether a veto after ``hit`` is a time that a connector heads in the hit's clause: «دخلوا صنعاء قبل
    شهرين» (two months ago), not «قبل أن تسقط» (before it fell), which opens a clause of its own."""
    words = scan.streams[hit.field]
    return (
        veto.last > veto.first
        and is_connector(words.word(veto.first))
        and words.word(veto.first + 1) not in _COMPLEMENTIZERS
        and not mark_before(words, veto.first)
        and not clause_break(words, hit.last, veto.first - 1)
    )


# Words between a coordinator and the veto of the clause it opens: "and the army denied", «والجيش ينفي».
_SUBJECT_WORDS = 3
_COORDINATORS = every("coordinators")
_ARTICLES = every("articles")


def _coordinated_clause(hit: Occurrence, veto: Occurrence, bindings: Bindings, scan: Scan) -> bool:
    """Whether a veto after ``hit`` stands in a clause of its own that a coordinator opens in front of it with a
    party as its subject: «الدعم السريع يعلن سيطرته على بابنوسة والجيش ينفي», "the RSF took Babanusa and the
    army denied it" (the claim was made; the other side's denial is not its own); not "took Sanaa and the
    palace in September 2014", whose coordinator joins what was taken, nor "took Homs and Hama", whose
    subject is of a type the claim binds."""
    words = scan.streams[hit.field]
    kinds = {type_ for type_, _ in bindings} | set(scan.compiled.ruleset.place_types)
    for index in range(max(hit.last + 1, veto.first - _SUBJECT_WORDS), veto.first):
        word = words.word(index)
        # a coordinator on its own opens the subject after it (past an article); one glued on (والجيش) is on it
        if word in _COORDINATORS:
            subject = index + 1
            while subject < veto.first and words.word(subject) in _ARTICLES:
                subject += 1
        elif coordinates(word):
            subject = index
        else:
            continue
        if subject < veto.first and _names_party(scan, hit.field, subject, kinds):
            return True
    return False


def _names_party(scan: Scan, field: Field, index: int, kinds: Collection[str]) -> bool:
    """Whether word ``index`` of ``field`` is in a name of an entity of a type not among ``kinds`` (the places
    and what the claim binds): a party, "army"."""
    names = scan.compiled.term_entities
    return any(
        o.field == field and o.first <= index <= o.last
        for term_id in scan.found
        if any(type_ not in kinds for type_, _ in names.get(term_id, ()))
        for o in scan.occurrences(term_id)
    )


def _opened_by_connector(words: WordStream, index: int) -> bool:
    """Whether a connector opens the clause that word ``index`` stands in, in front of it ("After the election",
    «بعد الانتخابات»): back to a clause mark or the sentence's start."""
    sentence = words.sentence_of(index)
    while index >= 0 and words.sentence_of(index) == sentence:
        if is_connector(words.word(index)):
            return True
        if mark_before(words, index):
            return False
        index -= 1
    return False


# Entity type → the entities a solution may still bind to it: what the siblings to the left in an
# ``all`` bound in every one of their solutions (see ``_branch``). A type not listed is unrestricted.
Allowed = dict[str, set[str]]


def _near(
    leaf: Leaf | RegexLeaf,
    solutions: Solutions,
    qualifiers: list[Qualifier],
    scan: Scan,
    allowed: Allowed | None,
    vetoes: list[Veto] | None,
    trace: Trace | None,
) -> Solutions:
    """Keep the hits within ``window`` words (or ``sentences`` sentences) of an entity of the ``near`` type,
    binding that entity.

    A pair is void when a qualifier (``unless``) stands next to the hit or to the
    entity: "entered the outskirts of Homs" is not "entered Homs", and when a
    ``none`` word about that entity stands in the hit's clause. Entities outside
    ``allowed`` are not paired at all.
    """
    type_, window, reach = leaf.scope.near, leaf.scope.window, leaf.scope.sentences
    assert type_ is not None
    if reach is not None:
        window = ANY_DISTANCE
    result: Solutions = {}
    targets = leaf.scope.targets
    by_sentence = scan.near_mentions(type_, targets=targets)
    permitted = allowed.get(type_) if allowed else None
    for bindings, solution in solutions.items():
        bound = dict(bindings).get(type_) if bindings else None
        paired: dict[str, tuple[list[Occurrence], list[Occurrence]]] = {}
        for hit in solution.hits:
            if reach is None:
                mentions = by_sentence.get((hit.field, hit.sentence))
            else:
                mentions = [
                    mention
                    for sentence in range(hit.sentence - reach, hit.sentence + reach + 1)
                    for mention in by_sentence.get((hit.field, sentence), ())
                ]
            if not mentions:
                if trace is not None:
                    trace.drop(leaf, hit, "no-mention", entity_type=type_)
                continue
            if qualifiers and (qualifier := _qualified(hit, qualifiers, scan, type_)):
                # a qualifier with a place right after it is about that place and those up to the hit: the hit
                # stands for the others ("the village of Hryanykivka near Kupiansk was liberated")
                located = _located_by(qualifier, hit, type_, scan)
                mentions = [(e, m) for e, m in mentions if m.first not in located] if located else []
                if not mentions:
                    if trace is not None:
                        trace.drop(leaf, hit, "qualified", by=qualifier)
                    continue
            if hyphenated(scan.streams[hit.field], hit.first):
                if trace is not None:
                    trace.drop(leaf, hit, "hyphenated")
                continue  # "the Israeli-occupied Golan": a description of the place, not a change
            if attributive(scan.streams[hit.field], hit.first, hit.last):
                if trace is not None:
                    trace.drop(leaf, hit, "attributive")
                continue
            first, last = hit.first, hit.last
            words = scan.streams[hit.field]
            closest: dict[str, tuple[int, Occurrence]] = {}
            # "withdrew from the city, officials in Kyiv said": a reference right after the hit is its object,
            # whichever place it refers to (or none); not one that opens the next sentence ("Homs has fallen. The
            # city is in the hands of the rebels").
            given = scan.reference_at(type_, hit.field, last + 1, targets) or scan.reference_at(
                type_, hit.field, last + 2, targets
            )
            if given is not None and given[1].sentence != hit.sentence:
                given = None
            # "captured Aleppo and Hama, residents of Homs said": a place right after the hit is its object (a
            # regex's hit stands where its pattern says, on the place itself or past it).
            objects = (
                None if given is not None or isinstance(leaf, RegexLeaf) else scan.object_after(type_, hit.field, last)
            )
            # and the names listed with that reference are its object too ("liberated the town and the villages of
            # A, B and C")
            given_with = scan.listed_with(type_, [given[1]]) if given is not None else frozenset()
            candidates: list[tuple[str, Occurrence, int]] = []
            for entity_id, mention in mentions:
                if given is not None and mention is not given[1] and mention.first not in given_with:
                    continue
                if objects is not None and mention.first not in objects:
                    continue
                if (bound is not None and entity_id != bound) or (permitted is not None and entity_id not in permitted):
                    continue
                # the mention is in the hit's field and sentence
                gap = word_gap(words, first, last, mention.first, mention.last, window)
                candidates.append((entity_id, mention, gap))
            # a place a connector heads after the action is what came before or after it, not its object: "the
            # fourth territory the group has entered after Rutshuru, Nyiragongo and Masisi"
            headed = [m for _, m, _gap in candidates if m.first > last and _headed_by_connector(words, m.first)]
            if headed:
                # (and the names listed with it)
                dropped = {m.first for m in headed} | scan.listed_with(type_, headed)
                candidates = [c for c in candidates if c[1].first <= last or c[1].first not in dropped]
            # an action with a place of its own after it in its clause is not about one named before its
            # connector: «… على مدينة الموصل في يوليو 2017، بينما استعاد تحالف … الرقة» is news of Raqqa only
            if any(m.first > last and _one_clause(words, hit, m) for _, m, _gap in candidates):
                candidates = [
                    (entity_id, mention, gap)
                    for entity_id, mention, gap in candidates
                    if mention.last >= first or not _after_connector(words, mention, hit)
                ]
            # the places an action is about are its object however long their list ("captured the villages of
            # A, B, …, and H")
            listed = scan.listed_after(type_, hit.field, last) if objects is not None else frozenset()
            for entity_id, mention, gap in candidates:
                within = gap <= window or mention.first in listed
                if within and (entity_id not in closest or gap < closest[entity_id][0]):
                    closest[entity_id] = (gap, mention)
            kept = _standing(leaf, hit, closest, bindings, qualifiers, vetoes, scan, trace)
            # and a list in the action's clause is about it however far its names reach ("A, B, …, and H have
            # been liberated", "the liberated villages are A, B, …, and H", "were liberated: A, B, …, and H"),
            # when the names the action reaches stand
            # (or in the clause before it, when the action takes the list as a pronoun: «في قرى A وB وC، وتمكن من
            # السيطرة عليهن»)
            back = _refers_back(words, hit)
            reached = scan.listed_with(
                type_, [m for _, m in kept.values() if _one_clause(words, hit, m) or (back and m.last < first)]
            )
            mates: dict[str, tuple[int, Occurrence]] = {}
            for entity_id, mention, gap in candidates:
                if mention.first in reached and entity_id not in closest and entity_id not in mates:
                    mates[entity_id] = (gap, mention)
            if trace is not None:
                trace.too_far(leaf, hit, mentions, closest | mates, bound, permitted, window)
            kept |= _standing(leaf, hit, mates, bindings, qualifiers, vetoes, scan, trace)
            for entity_id, (_, mention) in kept.items():
                hits, support = paired.setdefault(entity_id, ([], []))
                hits.append(hit)
                support.append(mention)
        for entity_id, (hits, support) in paired.items():
            target = result.setdefault(bindings | {(type_, entity_id)}, Solution())
            target.hits.extend(hits)
            target.support.extend(solution.support + support)
    return result


_PASSIVE_AUXILIARIES = every("passive_auxiliaries")


def _one_clause(words: WordStream, hit: Occurrence, mention: Occurrence) -> bool:
    """Whether ``mention`` is an argument of the action at ``hit``: in its clause when it stands before it (not
    "Kabul and Jalalabad remained in government hands, with surrenders of …"), in what follows it up to the
    next connector when it stands after it («حرر مركز مدينة فضولي، وكل من قرى …», "were liberated: A, B")."""
    if mention.last < hit.first:
        # (the subject of a passive past an apposition: "The towns of A and B, all in eastern Daraa, had been
        # liberated")
        return not clause_break(words, mention.last, hit.first, coordinated=_passive(words, hit))
    return not any(is_connector(words.word(index)) for index in range(hit.last + 1, mention.first))


_PASSIVE_ADVERBS = every("passive_adverbs")


def _passive(words: WordStream, hit: Occurrence) -> bool:
    """Whether the action at ``hit`` is a passive's participle: an auxiliary right before it, or before an adverb
    that stands before it."""
    before = hit.first - 1
    if before > 0 and words.word(before) in _PASSIVE_ADVERBS and not mark_before(words, hit.first):
        before -= 1
    return before >= 0 and words.word(before) in _PASSIVE_AUXILIARIES


def _refers_back(words: WordStream, hit: Occurrence) -> bool:
    """Whether the action at ``hit`` takes a pronoun for its object («السيطرة عليهن», "took them")."""
    after = hit.last + 1
    return after < words.word_count and words.word(after) in _OBJECT_PRONOUNS


_OBJECT_PRONOUNS = every("object_pronouns")


def _headed_by_connector(words: WordStream, first: int) -> bool:
    """Whether a connector stands right in front of word ``first`` ("after Rutshuru"), not as the end of a
    phrase that adds to a list ("as well as Hama")."""
    if not is_connector(words.word(first - 1)):
        return False
    return not any(first >= len(phrase) and words.words(first - len(phrase), first) == phrase for phrase in ADDITIONS)


def _after_connector(words: WordStream, mention: Occurrence, hit: Occurrence) -> bool:
    """Whether a connector word («بينما», "while") opens a clause between ``mention`` and the action at ``hit``
    after it."""
    return any(is_connector(words.word(index)) for index in range(mention.last + 1, hit.first + 1))


def _standing(
    leaf: Leaf | RegexLeaf,
    hit: Occurrence,
    found: dict[str, tuple[int, Occurrence]],
    bindings: Bindings,
    qualifiers: list[Qualifier],
    vetoes: list[Veto] | None,
    scan: Scan,
    trace: Trace | None,
) -> dict[str, tuple[int, Occurrence]]:
    """Of the entities ``found`` near ``hit`` (entity → its distance and mention), those that no qualifier
    next to their mention and no veto about them voids (see :func:`_near`)."""
    type_ = leaf.scope.near
    assert type_ is not None
    kept: dict[str, tuple[int, Occurrence]] = {}
    for entity_id, (gap, mention) in found.items():
        if qualifiers and (qualifier := _qualified(mention, qualifiers, scan, type_)):
            if trace is not None:
                trace.drop(leaf, hit, "qualified", by=qualifier, entity=(type_, entity_id), about=mention)
            continue
        if vetoes and (veto := _vetoed(hit, bindings | {(type_, entity_id)}, vetoes, scan)):
            if trace is not None:
                trace.drop(leaf, hit, "vetoed", by=veto, entity=(type_, entity_id), about=mention)
            continue
        kept[entity_id] = (gap, mention)
    return kept


def _leaf(leaf: Leaf, scan: Scan, allowed: Allowed | None, vetoes: list[Veto] | None, trace: Trace | None) -> Solutions:
    scope = leaf.scope
    solutions: Solutions = {}
    if leaf.binds:
        by_entity = scan.entity_occurrences(leaf.binds)
        if leaf.entity_ids is not None and len(leaf.entity_ids) == 1:
            # One entity (the usual case): look it up instead of walking every entity found.
            (entity_id,) = leaf.entity_ids
            by_entity = {entity_id: by_entity[entity_id]} if entity_id in by_entity else {}
        permitted = allowed.get(leaf.binds) if allowed else None
        for entity_id, mentions in by_entity.items():
            if leaf.entity_ids is not None and entity_id not in leaf.entity_ids:
                continue
            if permitted is not None and entity_id not in permitted:
                if trace is not None:
                    trace.drop_all(leaf, mentions, "not-allowed", entity=(leaf.binds, entity_id))
                continue
            hits = [o for o in mentions if scope.looks_at(o)] if scope.narrowed else mentions[:]
            if trace is not None:
                trace.found(leaf, mentions, hits)
            if hits:
                solutions[frozenset([(leaf.binds, entity_id)])] = Solution(hits)
    else:
        if leaf.terms.isdisjoint(scan.found_terms):
            return {}
        terms = scan.found_among(leaf.terms)
        hits = [o for term_id in terms for o in scan.occurrences(term_id)]
        if scope.narrowed:
            hits = [o for o in hits if scope.looks_at(o)]
        if trace is not None:
            trace.found(leaf, [o for term_id in terms for o in scan.occurrences(term_id)], hits)
        if hits:
            if trace is not None:
                trace.drop_all(leaf, [o for o in hits if scan.inside_alias(o)], "inside-alias")
            hits = [o for o in hits if not scan.inside_alias(o)]
        if hits:
            solutions[_UNBOUND] = Solution(hits)
    if not solutions:
        return {}
    # Mentions of an entity are not claims: a ``none`` word voids what is said about a place, not the place.
    return _finish(leaf, solutions, scan, allowed, None if leaf.binds else vetoes, trace)


def _regex_leaf(
    leaf: RegexLeaf, scan: Scan, allowed: Allowed | None, vetoes: list[Veto] | None, trace: Trace | None
) -> Solutions:
    found = (
        [o for name in _fields(leaf) for o in scan.regex_occurrences(leaf, name)]
        if scan.pattern_may_match(leaf.pattern)
        else []
    )
    occurrences = found if leaf.scope.lead is None else [o for o in found if leaf.scope.looks_at(o)]
    if trace is not None:
        trace.found(leaf, found, occurrences)
    if not occurrences:
        return {}
    return _finish(leaf, {_UNBOUND: Solution(occurrences)}, scan, allowed, vetoes, trace)


def _finish(
    leaf: Leaf | RegexLeaf,
    solutions: Solutions,
    scan: Scan,
    allowed: Allowed | None,
    vetoes: list[Veto] | None,
    trace: Trace | None,
) -> Solutions:
    qualifiers = [(hits, window) for node, window in leaf.scope.unless if (hits := _qualifier_hits(node, scan, trace))]
    if leaf.scope.near:
        solutions = _near(leaf, solutions, qualifiers, scan, allowed, vetoes, trace)
    elif qualifiers or vetoes:
        solutions = {
            b: Solution(_unqualified(leaf, s.hits, b, qualifiers, vetoes, scan, trace), s.support)
            for b, s in solutions.items()
        }
        solutions = {b: s for b, s in solutions.items() if s.hits}
    if leaf.min_count > 1:
        if trace is not None:
            trace.too_few(leaf, solutions, leaf.min_count)
        solutions = {b: s for b, s in solutions.items() if len(set(s.hits)) >= leaf.min_count}
    return solutions


def _qualifier_hits(node: Node, scan: Scan, trace: Trace | None) -> QualifierHits:
    """The hits of an ``unless`` condition, read once per article: a qualifier binds nothing, and one rule's
    outer ``unless`` qualifies each leaf below it. An explanation reads it at every leaf, to trace each reading."""
    if trace is not None:
        return _by_sentence(_evaluate(node, scan, None, None, trace))
    found = scan.qualifier_hits.get(id(node))
    if found is None:
        found = scan.qualifier_hits[id(node)] = _by_sentence(_evaluate(node, scan, None, None, None))
    return found


def _by_sentence(solutions: Solutions) -> QualifierHits:
    """The hits of ``solutions`` by field and sentence, in their order."""
    by_sentence: QualifierHits = {}
    for solution in solutions.values():
        for hit in solution.hits:
            by_sentence.setdefault((hit.field, hit.sentence), []).append(hit)
    return by_sentence


def _unqualified(
    leaf: Leaf | RegexLeaf,
    hits: list[Occurrence],
    bindings: Bindings,
    qualifiers: list[Qualifier],
    vetoes: list[Veto] | None,
    scan: Scan,
    trace: Trace | None,
) -> list[Occurrence]:
    """The hits no qualifier (``unless``) stands in front of and no ``none`` word governs."""
    kept = []
    for hit in hits:
        if qualifiers and (qualifier := _qualified(hit, qualifiers, scan)):
            if trace is not None:
                trace.drop(leaf, hit, "qualified", by=qualifier)
        elif vetoes and (veto := _vetoed(hit, bindings, vetoes, scan)):
            if trace is not None:
                trace.drop(leaf, hit, "vetoed", by=veto)
        else:
            kept.append(hit)
    return kept


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


def _bind_together(merged: Solutions) -> Solutions:
    """The solutions of an ``any``, with those that bind different types also joined: ``any: [{entity:
    place}, {entity: actor}]`` over "HTS entered Homs" is one solution binding both, not one per type.

    Solutions that bind one type differently stay apart (Homs and Hama are two matches, each with HTS).
    """
    types = {type_ for bindings in merged for type_, _ in bindings}
    if len(types) < 2:
        return merged
    together: Solutions = {}
    for bindings, solution in merged.items():
        if bindings:
            for key, target in list(together.items()):
                if len(together) >= MAX_SOLUTIONS:
                    break
                joined = key | bindings
                if joined != key and joined != bindings and _compatible(key, bindings):
                    found = together.get(joined)
                    if found is None:
                        together[joined] = Solution(target.hits + solution.hits, target.support + solution.support)
                    else:
                        found.hits.extend(solution.hits)
                        found.support.extend(solution.support)
        if bindings not in together:
            together[bindings] = solution
    return together


def _branch(
    branch: Branch, scan: Scan, allowed: Allowed | None, vetoes: list[Veto] | None, trace: Trace | None
) -> Solutions:
    if branch.kind == "any":
        merged: Solutions = {}
        for child in branch.children:
            for bindings, solution in _evaluate(child, scan, allowed, vetoes, trace).items():
                target = merged.get(bindings)
                if target is None:
                    merged[bindings] = Solution(solution.hits[:], solution.support[:])
                else:
                    target.hits.extend(solution.hits)
                    target.support.extend(solution.support)
        if len(merged) > 1:
            merged = _bind_together(merged)
        if branch.min_count > 1:
            if trace is not None:
                trace.too_few(branch, merged, branch.min_count)
            merged = {b: s for b, s in merged.items() if len(set(s.hits)) >= branch.min_count}
        return merged
    # ``allowed`` is not passed into an ``all``: its own join keeps at most MAX_SOLUTIONS,
    # and restricting what it joins could change which ones. Vetoes reach every hit below.
    if branch.vetoes:
        # (a word that is a known town's name there vetoes nothing: «بلدات الزيارة والمنصورة»)
        found = [
            (b, o)
            for node in branch.vetoes
            for b, s in _evaluate(node, scan, None, None, trace).items()
            for o in s.hits
            if not scan.names_a_place(o)
        ]
        if found:
            vetoes = [*(vetoes or ()), *found]
    joined: Solutions | None = None
    for index, child in enumerate(branch.children):
        # A child's solutions that bind what no solution to the left binds would be dropped by the
        # join: they are not worked out (an action is not paired with places the rule does not watch).
        child_solutions = _evaluate(child, scan, None if joined is None else _allowed_after(joined), vetoes, trace)
        if not child_solutions:
            if trace is not None:
                _unreached(branch.children[index + 1 :], scan, vetoes, trace)
            return {}
        if joined is None:
            # The first child: nothing is bound yet, so its solutions are the join (at most MAX_SOLUTIONS).
            joined = (
                child_solutions
                if len(child_solutions) <= MAX_SOLUTIONS
                else dict(islice(child_solutions.items(), MAX_SOLUTIONS))
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
            if trace is not None:
                trace.incompatible(branch, child)
                _unreached(branch.children[index + 1 :], scan, vetoes, trace)
            return {}
        joined = combined
    if joined is None:
        joined = {_UNBOUND: Solution()}
    for excluded in branch.excluded:
        removed = _evaluate(excluded, scan, None, None, trace)
        if removed:
            kept = {b: s for b, s in joined.items() if not any(_compatible(b, r) for r in removed)}
            if trace is not None:
                trace.excluded(branch, excluded, [b for b in joined if b not in kept])
            joined = kept
    return joined


def _unreached(children: tuple[Node, ...], scan: Scan, vetoes: list[Veto] | None, trace: Trace) -> None:
    """Read the conditions an ``all`` did not need once one failed, so an explanation shows them too."""
    for child in children:
        _evaluate(child, scan, None, vetoes, trace)
        trace.unreached(child)


def evaluate(node: Node, scan: Scan, trace: Trace | None = None) -> Solutions:
    """The solutions of one condition node for the scanned article; ``trace`` records why, node by node."""
    return _evaluate(node, scan, None, None, trace)


def _evaluate(
    node: Node, scan: Scan, allowed: Allowed | None, vetoes: list[Veto] | None, trace: Trace | None
) -> Solutions:
    """:func:`evaluate`, leaving out the solutions that bind an entity ``allowed`` rules out and the hits
    ``vetoes`` void in their clause."""
    solutions: Solutions
    match node:
        case Leaf():
            solutions = _leaf(node, scan, allowed, vetoes, trace)
        case RegexLeaf():
            solutions = _regex_leaf(node, scan, allowed, vetoes, trace)
        case Branch():
            solutions = _branch(node, scan, allowed if node.kind == "any" else None, vetoes, trace)
        case _:
            assert_never(node)
    if trace is not None:
        trace.result(node, solutions)
    return solutions


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.-]+)\}")


def render_title(template: str, bindings: dict[str, str], names: dict[str, str]) -> str:
    """Fill ``{type}`` placeholders with the bound entities' display names (``unnamed type`` when unbound)."""
    return _PLACEHOLDER.sub(
        lambda m: names.get(m.group(1), bindings.get(m.group(1), f"unnamed {m.group(1)}")), template
    )


_FIELD_ORDER = {name: index for index, name in enumerate(FIELDS)}


def evidence_of(o: Occurrence, bindings: dict[str, str], scan: Scan, article: Article) -> Evidence:
    """One occurrence as evidence: its words in the original text, the term found and the entity it names."""
    text = article.title if o.field == "title" else article.body
    start, end, around = scan.evidence_span(o)
    entity = None
    if isinstance(o.term, int):
        label = scan.compiled.term_labels[o.term]
        aliases_of = scan.compiled.term_entities.get(o.term, [])
        bound = [f"{t}:{e}" for t, e in aliases_of if bindings.get(t) == e]
        entity = bound[0] if bound else (f"{aliases_of[0][0]}:{aliases_of[0][1]}" if aliases_of else None)
    elif o.term == REFERENCE:
        label = REFERENCE
    elif o.term == UNLISTED:
        label = UNLISTED
        entity = next((f"{t}:{e}" for t, e in bindings.items() if o in scan.unlisted_towns().get(e, ())), None)
    else:
        label = f"regex:{o.term}"
    return Evidence(text[start:end], o.field, start, end, around, label, entity)


def _evidence(
    occurrences: list[Occurrence], bindings: dict[str, str], scan: Scan, article: Article
) -> tuple[Evidence, ...]:
    """The evidence of ``occurrences`` in a total order: field, words, then the term found and the entity it
    names. Words alone leave ties (an alias and a regex's group found on the same word), and ties would
    come in the order of a set, which the hash seed decides: a match must read the same in every process."""
    found = [(o, evidence_of(o, bindings, scan, article)) for o in set(occurrences)]
    found.sort(
        key=lambda pair: (_FIELD_ORDER[pair[0].field], pair[0].first, pair[0].last, pair[1].term, pair[1].entity or "")
    )
    return tuple(evidence for _, evidence in found[:MAX_EVIDENCE])


def _display_name(scan: Scan, type_: str, entity_id: str) -> str:
    """An entity's name for an alert's title; a place that nothing in the article told apart from its
    namesakes says so: "Tripoli (ambiguous: Tripoli (LY), Tripoli (LB))"."""
    ruleset = scan.compiled.ruleset
    entity = ruleset.entity(type_, entity_id)
    name = entity.display_name if entity else scan.unlisted_names.get(entity_id, entity_id)
    candidates = scan.ambiguous.get((type_, entity_id))
    if not candidates:
        return name
    labels = []
    for slug in candidates:
        namesake = ruleset.entity(type_, slug)
        labels.append(namesake.place.label if namesake is not None and namesake.place is not None else slug)
    return f"{name} (ambiguous: {', '.join(labels)})"


def rule_matches(item: CompiledRule, scan: Scan, article: Article, trace: Trace | None = None) -> list[Match]:
    """The matches of one compiled rule on a scanned article (``trace`` records how its conditions were read)."""
    solutions = evaluate(item.condition, scan, trace)
    # A solution whose bindings another extends says less about the same article.
    kept = [b for b in solutions if not any(b < other for other in solutions)]
    rule = item.rule
    matches = []
    for bindings_set in kept:
        solution = solutions[bindings_set]
        bindings = dict(sorted(bindings_set))
        names = {type_: _display_name(scan, type_, entity_id) for type_, entity_id in bindings.items()}
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


def _may_hold(node: Node, scan: Scan) -> bool:
    """Whether ``node`` could have a solution, judged from what the scan found before any name is bound.

    A ``near`` leaf needs a name of its type within its window of a hit; binding (the evidence of a
    doubtful place name), qualifiers and vetoes only take solutions away. Never False where
    :func:`evaluate` finds a solution, so a rule it rules out is not evaluated and binds no place.
    """
    match node:
        case RegexLeaf():
            if not scan.pattern_may_match(node.pattern):
                return False
            hits = [o for name in _fields(node) for o in scan.regex_occurrences(node, name)]
            if node.scope.lead is not None:
                hits = [o for o in hits if node.scope.looks_at(o)]
        case Leaf():
            if node.terms.isdisjoint(scan.found_terms):
                # a town no rule lists binds where the gazetteer's towns do
                return node.binds is not None and scan.names_unlisted_town(node.binds)
            scope = node.scope
            if scope.near is None and not scope.narrowed:
                return True
            hits = [o for t in scan.found_among(node.terms) for o in scan.occurrences(t)]
            if scope.narrowed:
                hits = [o for o in hits if scope.looks_at(o)]
        case Branch(kind="all"):
            return all(_may_hold(child, scan) for child in node.children)
        case Branch():
            return any(_may_hold(child, scan) for child in node.children)
        case _:
            assert_never(node)
    scope = node.scope
    if scope.near is None or not hits:
        return bool(hits)
    return scan.name_near(hits, scope.near, scope.window, scope.sentences)


def _fields(leaf: RegexLeaf) -> tuple[Field, ...]:
    """The fields a regex leaf reads."""
    return (leaf.scope.field,) if leaf.scope.field else FIELDS


def match_article(compiled: CompiledRules, article: Article) -> list[Match]:
    """Every match of every rule on ``article``, in rule order, each with its evidence."""
    # Rules that do not read the article's source or language are set aside before the scan,
    # and the scan itself when no rule is left.
    rejected = {i for i in compiled.filtered if not compiled.rules[i].rule.admits(article.source, article.lang)}
    if rejected and len(rejected) == len(compiled.rules):
        return []
    scan = Scan(compiled, article)
    candidates = set(compiled.unanchored)
    for term_id in scan.found:
        candidates.update(compiled.anchored.get(term_id, ()))
    if compiled.town_anchored and not candidates.issuperset(compiled.town_anchored) and scan.unlisted_towns():
        candidates.update(compiled.town_anchored)
    candidates -= rejected
    found = scan.found_terms
    matches: list[Match] = []
    for index in sorted(candidates):
        item = compiled.rules[index]
        # A rule holds only if each of its required groups occurred: set tests are far cheaper than evaluating.
        for terms, patterns, towns in item.required:
            if (
                terms.isdisjoint(found)
                and not (patterns and scan.may_match(patterns))
                and not (towns and bool(scan.unlisted_towns()))
            ):
                break
        else:
            if _may_hold(item.condition, scan):
                matches.extend(rule_matches(item, scan, article))
    return matches


# Articles of each script that make the matcher load what it loads on first use (word frequencies, the folded
# table, regexes compiled on demand), so that a worker's first article from the stream is as fast as the rest.
_WARM_UP = (
    Article.create(title="سيطرة على قرية", body="قالت مصادر إن القوات سيطرت على قرية الوادي الأخضر وبلدة أخرى."),
    Article.create(title="Control of a village", body="Sources said troops took the village of Greenvale and a town."),
)


def warm_up(compiled: CompiledRules) -> None:
    """Load the word frequencies of each script's default language (English, Arabic) and match a few short
    articles of our own against ``compiled``, dropping the result: the first article of a worker otherwise pays
    for what loads lazily (about 1 s measured on an Arabic report)."""
    load_word_frequencies({for_script("latin", None).code, for_script("arabic", None).code})
    for article in _WARM_UP:
        match_article(compiled, article)
