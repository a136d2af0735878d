"""Scan one article with the compiled automaton: every term found, as word ranges, shared by every rule.

The scan is pure and knows nothing of conditions: it finds terms (one automaton pass per field), turns
them into occurrences when a rule first reads them, groups entity mentions by sentence, and maps words
back to the original text for evidence. :mod:`streams.ruleset.matcher` evaluates conditions over it
and :mod:`streams.ruleset.claims` reads claims from it.
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from functools import cache, cached_property
from itertools import accumulate
from typing import NamedTuple

import ahocorasick_rs
import re2

from streams.articles.model import Article
from streams.places import ArticleContext, Binding, Mention, Place, rank_places, ranked_evidence_supports
from streams.places.ambiguity import WORDS_BEFORE, folded_zipf, named_elsewhere_counts, written_as_a_word
from streams.places.scripts import ARABIC_FACILITIES, name_skeleton
from streams.ruleset.compiler import (
    ANYWHERE,
    WITH_ARTICLE,
    CompiledRules,
    PlaceTerm,
    RegexLeaf,
    StartMode,
    Variant,
    letters,
)
from streams.ruleset.model import Field
from streams.ruleset.occurrences import REFERENCE, Occurrence
from streams.ruleset.places import town_type
from streams.ruleset.unlisted import (
    COMMON_ZIPF_LOCATED,
    UNLISTED,
    UnlistedTown,
    is_unlisted,
    unlisted_name,
    unlisted_towns,
)
from streams.text.clauses import (
    apposition_end,
    between,
    clause_break,
    coordinates,
    hyphenated,
    in_relative,
    is_connector,
    mark_before,
    parenthesis_end,
    possessive_after,
    speaks_at,
    without_conjunction,
    without_locating,
    word_gap,
)
from streams.text.dates import last_day_named
from streams.text.inflect import bare_forms
from streams.text.languages import every, for_script, has_letters, is_arabic_letter, languages
from streams.text.normalise import DATELINE_DASHES, WordStream, fold, snippet

# Occurrence(...) without the Python-level __new__ of a NamedTuple: occurrences are made by the thousand.
_new_occurrence = tuple.__new__
# The hit loop rejects a "definite" hit whose preceding letter is not ل before looking further.
assert all(prefix.endswith("ل") for language in languages().values() for prefix in language.definite_prefixes)


@cache
def _modes_after(proclitics: frozenset[str], definite_prefixes: frozenset[str]) -> dict[str, frozenset[StartMode]]:
    """Each prefix a term may have in front of it inside its first word, with the start modes that take it
    (``Term.start``, see ``Scan._find_terms``): a proclitic for a word, one ending in the article for a name
    written with it; a name written without the article (``bare``) never takes it: اليهود is 'the Jews',
    not the town يهود; الحمص is not Homs. Words (السيطرة) take it as they like."""
    modes: dict[str, frozenset[StartMode]] = {}
    for prefix in proclitics | definite_prefixes:
        taking: list[StartMode] = ["any"]
        if prefix in definite_prefixes:
            taking.append("definite")
        if prefix in proclitics:
            taking += ["clitic"] if prefix in definite_prefixes else ["clitic", "bare"]
        modes[prefix] = frozenset(taking)
    return modes


@cache
def _in_order(phrases: frozenset[str]) -> tuple[str, ...]:
    """A language's ``phrases`` sorted, once: every article's scan asks for them (sorted per article, they
    were about 4% of the instructions of matching news)."""
    return tuple(sorted(phrases))


@cache
def _phrase_finder(phrases: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    """An automaton finding every occurrence of each of ``phrases``: one pass over a field, not one per phrase."""
    return ahocorasick_rs.AhoCorasick(phrases, matchkind=ahocorasick_rs.MatchKind.Standard)


# ``within_sentences`` measures sentences: any number of words between the two is near.
ANY_DISTANCE = 1 << 30


class Reading(NamedTuple):
    """How one mention of an entity's alias was read, kept for explanations: the entity it binds
    (None: it binds none here), ``bound``, ``ambiguous``, ``rejected`` (a word here, not a name),
    ``covered`` (part of a longer alias of another entity) or ``case`` (a case-sensitive alias written
    in another case), the namesakes weighed, and why."""

    entity: str | None
    status: str
    candidates: tuple[str, ...]
    reason: str


class _Object(NamedTuple):
    """Where the mentions start that an action is about (see :meth:`Scan.object_after`), and those of them
    in the one list its object opens."""

    starts: frozenset[int]
    listed: frozenset[int]


class _KnownWords:
    """The words of a field that a name of an entity covers (see :meth:`Scan._known_words`); a doubtful
    place name's binding is read only for the few words the unlisted-town reader asks about."""

    __slots__ = ("_binds", "_covering")

    def __init__(
        self, covering: dict[int, list[tuple[int, Occurrence]]], binds: Callable[[int, Occurrence], bool]
    ) -> None:
        self._covering = covering
        self._binds = binds

    def __contains__(self, word: object) -> bool:
        return isinstance(word, int) and any(self._binds(t, o) for t, o in self._covering.get(word, ()))


class Scan:
    """Everything the automaton found in one article, computed once and shared by every rule."""

    def __init__(self, compiled: CompiledRules, article: Article) -> None:
        self.compiled = compiled
        # The day the article was published, for regexes that read dates (None: undated).
        self.published = article.published_at.date() if article.published_at is not None else None
        self.streams: dict[Field, WordStream] = {
            "title": WordStream.of(article.title),
            "body": WordStream.of(article.body),
        }
        # The ids of the terms found, in the order they were first found (a dict as an ordered set); where
        # they stand is worked out only once a candidate rule reads a term (``_hits``).
        self.found: dict[int, None] = {}
        self._entities: dict[str, dict[str, list[Occurrence]]] = {}
        self._names_by_sentence: dict[str, dict[tuple[Field, int], list[Occurrence]]] = {}
        # (type, mention) → how a doubtful place name binds there, worked out once for every rule.
        self._bindings: dict[tuple[str, Occurrence], tuple[str | None, Binding | None]] = {}
        # The same on the evidence around each mention alone, and by (type, term) the mentions that bind so: a
        # mention with no evidence of its own binds where another mention of its name does.
        self._own_bindings: dict[tuple[str, Occurrence], tuple[str | None, Binding | None]] = {}
        self._own_evidence: dict[tuple[str, int], list[Occurrence]] = {}
        self._by_sentence: dict[str, dict[tuple[Field, int], list[tuple[str, Occurrence]]]] = {}
        self._near_mentions: dict[tuple[str, bool], dict[tuple[Field, int], list[tuple[str, Occurrence]]]] = {}
        self._phrases_of_reference: dict[tuple[Field, tuple[str, ...]], list[Occurrence]] = {}
        self._references_to: dict[tuple[str, Field, tuple[str, ...]], list[tuple[str | None, Occurrence]]] = {}
        self._rule_words_by_field: dict[Field, frozenset[int]] = {}
        self._known_by_field: dict[Field, _KnownWords] = {}
        self._references_at: dict[tuple[str, bool], dict[tuple[Field, int], tuple[str | None, Occurrence]]] = {}
        self._objects: dict[tuple[str, Field, int], _Object | None] = {}
        self._sentence_lists: dict[tuple[str, Field, int], dict[int, frozenset[int]]] = {}
        self._places_by_sentence: dict[tuple[str, Field, int], list[Occurrence]] = {}
        self._regex: dict[tuple[str, Field, timedelta | None], list[Occurrence]] = {}
        # Per regex set (``CompiledRules.regexes``) and field, its regexes that match somewhere in the field (None:
        # unknown), found once.
        self._matching: dict[tuple[int, Field], frozenset[str] | None] = {}
        # Per regex set, its regexes that match somewhere in the article (None: unknown), found once.
        self._anywhere: dict[int, frozenset[str] | None] = {}
        self._spans: dict[tuple[Field, int, int], tuple[int, int, str]] = {}
        # The hits of each ``unless`` condition by field and sentence, by the id of its compiled node: the matcher
        # reads one once per article, however many leaves it qualifies (see ``matcher._qualifier_hits``).
        self.qualifier_hits: dict[int, dict[tuple[Field, int], list[Occurrence]]] = {}
        # Towns no rule knows, named as towns ("the village of Maiorsk"), by entity id; and their names as written.
        self._unlisted: dict[str, list[Occurrence]] | None = None
        # The same towns by (field, sentence), and the sentences read for them before every one was.
        self._unlisted_by_sentence: dict[tuple[Field, int], list[Occurrence]] = defaultdict(list)
        self._sentences_read: set[tuple[Field, int]] = set()
        self.unlisted_names: dict[str, str] = {}
        # Where the phrase of a regex hit that stands at its ``at`` group begins («سيطرت قسد على منبج» for the hit
        # منبج): what qualifies the phrase stands in front of it, not of the place.
        self.phrase_starts: dict[Occurrence, int] = {}
        # (type, entity id) → the namesakes a place name could not be told apart from in this article.
        self.ambiguous: dict[tuple[str, str], tuple[str, ...]] = {}
        # How each doubtful or covered alias mention was read, by (type, mention): only when explaining.
        self.readings: dict[tuple[str, Occurrence], Reading] | None = None
        # A doubtful place name's mention is read once, for the article's context and again to bind it.
        self._mentions: dict[Occurrence, Mention] = {}
        # Per field, in text order: where each accepted hit ends and the terms found there.
        self._hits: dict[Field, list[tuple[int, tuple[Variant, ...]]]] = {}
        # Arabic-script words take the prefixes of the article's language (none in Persian).
        language = for_script("arabic", article.lang)
        # The words that refer back to a place for ``near``, in both scripts, but a vague one («المدينة»).
        self._latin = for_script("latin", article.lang)
        self._arabic = language
        self._references = _in_order(
            (self._latin.references - self._latin.vague_references) | (language.references - language.vague_references)
        )
        self._forward = _in_order(self._latin.forward_references)
        self._forward_lists = _in_order(self._latin.forward_lists | language.forward_lists)
        self._proclitics = language.proclitics
        self._quarter_nouns = language.quarter_nouns.keys() | self._latin.quarter_nouns.keys()
        self._definite_prefixes = language.definite_prefixes
        if len(compiled.automaton):
            for name, stream in self.streams.items():
                self._find_terms(name, stream.stream)
        # The ids of the terms found, as a set: every candidate rule's required groups are tested against it.
        self.found_terms = frozenset(self.found)

    def _find_terms(self, name: Field, stream: str) -> None:
        modes_after = _modes_after(self._proclitics, self._definite_prefixes)
        hits: list[tuple[int, tuple[Variant, ...]]] = []
        keep = hits.append
        automaton = self.compiled.automaton
        keys = automaton.keys
        for index, start, after in automaton.find(stream):
            variants, check, spaced, inside = keys[index]
            # Where the key's last character is (the key may end in the space that closes its last word).
            end = after - 1
            if check == ANYWHERE:
                keep((end, variants))
                continue
            before = stream[start - 1]
            if before == " ":
                if spaced:
                    keep((end, spaced))
                continue
            # Every prefix carrying the article ends in ل: most hits inside other words stop here.
            if check == WITH_ARTICLE and before != "ل":
                continue
            modes = modes_after.get(stream[stream.rfind(" ", 0, start) + 1 : start])
            if modes is None:
                # Inside another word: only a term written with an open start counts there.
                if inside:
                    keep((end, inside))
                continue
            if len(variants) == 1:
                if variants[0][1] in modes:
                    keep((end, variants))
            elif accepted := tuple(variant for variant in variants if variant[1] in modes):
                keep((end, accepted))
        self._hits[name] = hits
        found = self.found
        for _, variants in hits:
            for term_id, _, _ in variants:
                found[term_id] = None

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
        for name, hits in self._hits.items():
            if not hits:
                continue
            words = self.streams[name]
            count = words.stream.count
            sentence_starts = words.sentence_starts
            position = spaces = 0
            for end, variants in hits:
                # Hits come in order of their end: the spaces before the hit's last word are counted
                # on from the previous hit (word i follows i + 1 spaces); its first word is ``gaps`` before.
                spaces += count(" ", position, end)
                position = end
                last_word = spaces - 1
                for term_id, _, gaps in variants:
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

    def _listed_names(self, type_: str) -> dict[tuple[Field, int], list[Occurrence]]:
        """Every alias of ``type_`` found, bound or not, by (field, sentence), and every word that may refer
        back to one ("the city", see :meth:`near_mentions`) or on to one ("a town") in a field that has one."""
        found = self._names_by_sentence.get(type_)
        if found is None:
            found = self._names_by_sentence[type_] = defaultdict(list)
            for term_id in self.found_among(self.compiled.entity_type_terms.get(type_, frozenset())):
                for mention in self.occurrences(term_id):
                    found[(mention.field, mention.sentence)].append(mention)
            for name in {field for field, _ in found}:
                for reference in self._references_in(name):
                    found[(name, reference.sentence)].append(reference)
        return found

    def _references_in(self, name: Field) -> list[Occurrence]:
        """The words of field ``name`` that may refer back to a place or on to one (see :meth:`_listed_names`)."""
        return [
            reference
            for phrases in (self._references, self._forward, self._forward_lists)
            for reference in self._reference_phrases(name, phrases)
        ]

    def _reference_phrases(self, name: Field, phrases: tuple[str, ...]) -> list[Occurrence]:
        """Where the words of ``phrases`` that may refer back to a place ("the city") stand in field ``name``."""
        found = self._phrases_of_reference.get((name, phrases))
        if found is None:
            words = self.streams[name]
            found = self._phrases_of_reference[(name, phrases)] = []
            # Phrase by phrase, each where it stands in the text (its matches sort so).
            matches = _phrase_finder(phrases).find_matches_as_indexes(words.stream, overlapping=True)
            for _, start, end in sorted(matches):
                first, last = words.word_span(start + 1, end - 2)
                found.append(_new_occurrence(Occurrence, (name, first, last, REFERENCE, words.sentence_of(first))))
        return found

    def name_near(self, hits: Iterable[Occurrence], type_: str, window: int, sentences: int | None) -> bool:
        """Whether a name of ``type_`` stands within ``window`` words (or ``sentences`` sentences) of one
        of ``hits``: what ``near`` needs before anything else.

        Only the doubtful names found there are bound (a word there is no name); what binding leaves out
        besides (a longer alias, another spelling) is not, so a True may still find no name. Towns no rule
        lists are read first in the sentences around the hits, and only when no listed name is near: most
        articles a candidate rule reaches are no report of a change. When those sentences hold none but a
        rare word the article writes elsewhere too, the whole article is read, since a town it names as one
        elsewhere may stand there alone ("the village of Baghouz" further up, "Baghouz has been liberated"
        here), as evaluation finds it.
        """
        hits = tuple(hits)
        if self._near(hits, self._listed_names(type_), type_, window, sentences):
            return True
        if type_ != self._town_type or not self._reads_unlisted:
            return False
        reach = sentences or 0
        if self._near(hits, self._unlisted_at(hits, reach), type_, window, sentences):
            return True
        if self._unlisted is None and self._may_name_again(hits, reach):
            self.unlisted_towns()  # (a town read elsewhere may stand here again alone: see above)
            if self._near(hits, self._unlisted_by_sentence, type_, window, sentences):
                return True
        # A word that refers back to a place stands for a town no rule lists in a field that names one (anywhere).
        listed = {field for field, _ in self._listed_names(type_)}
        for field in {hit.field for hit in hits} - listed:
            references: dict[tuple[Field, int], list[Occurrence]] = defaultdict(list)
            for reference in self._references_in(field):
                references[(field, reference.sentence)].append(reference)
            if self._near(hits, references, type_, window, sentences) and any(
                mention.field == field for mentions in self.unlisted_towns().values() for mention in mentions
            ):
                return True
        return False

    def _near(
        self,
        hits: Sequence[Occurrence],
        names: dict[tuple[Field, int], list[Occurrence]],
        type_: str,
        window: int,
        sentences: int | None,
    ) -> bool:
        """Whether one of ``names`` (by field and sentence) stands near one of ``hits`` (see :meth:`name_near`)."""
        if not names:
            return False
        for hit in hits:
            if sentences is None:
                mentions: Iterable[Occurrence] = names.get((hit.field, hit.sentence), ())
                limit = window
            else:
                mentions = (
                    m
                    for sentence in range(hit.sentence - sentences, hit.sentence + sentences + 1)
                    for m in names.get((hit.field, sentence), ())
                )
                limit = ANY_DISTANCE
            words = self.streams[hit.field]
            for m in mentions:
                if word_gap(words, hit.first, hit.last, m.first, m.last, limit) <= limit and self._binds(type_, m):
                    return True
        if sentences is not None:
            return False
        # The list an action's object opens is its own however far it runs (see ``listed_after``): read only
        # when no name stands within the window, for the names past each hit in its sentence.
        return any(
            m.first in self.listed_after(type_, hit.field, hit.last) and self._binds(type_, m)
            for hit in hits
            for m in names.get((hit.field, hit.sentence), ())
            if m.first > hit.last + limit
        )

    def _binds(self, type_: str, mention: Occurrence) -> bool:
        """Whether ``mention`` may name a place of ``type_``: any name but a doubtful one its evidence does not bind."""
        return (
            mention.term not in self.compiled.doubtful_terms
            or self._place_binding(type_, mention.term, mention)[0] is not None
        )

    def _may_name_again(self, hits: Sequence[Occurrence], reach: int) -> bool:
        """Whether the sentences of ``hits`` and ``reach`` sentences either side of them hold a word as rare as a
        transliteration that the article writes elsewhere too, as a town read in another sentence and named there
        alone is (see ``_named_again``)."""
        for hit in hits:
            words = self.streams[hit.field]
            last_sentence = len(words.sentence_starts)
            first = words.sentence_start(max(0, hit.sentence - reach))
            end = hit.sentence + reach + 1
            stop = words.sentence_start(end) if end <= last_sentence else words.word_count
            for index in range(first, stop):
                word = words.word(index)
                written = f" {word} "
                if _transliterated(word) and sum(stream.stream.count(written) for stream in self.streams.values()) > 1:
                    return True
        return False

    def _unlisted_at(self, hits: Sequence[Occurrence], reach: int) -> dict[tuple[Field, int], list[Occurrence]]:
        """The mentions of towns no rule lists in the sentences of ``hits`` and ``reach`` sentences either side of
        them, by (field, sentence); each sentence read once per article, and none once every one was read."""
        if self._unlisted is not None:
            return self._unlisted_by_sentence
        wanted: dict[Field, set[int]] = defaultdict(set)
        for hit in hits:
            for sentence in range(max(0, hit.sentence - reach), hit.sentence + reach + 1):
                if (hit.field, sentence) not in self._sentences_read:
                    wanted[hit.field].add(sentence)
        for name, sentences in wanted.items():
            words = self.streams[name]
            for town in self._read_unlisted(name, sentences):
                sentence = words.sentence_of(town.first)
                self._unlisted_by_sentence[(name, sentence)].append(
                    _new_occurrence(Occurrence, (name, town.first, town.last, UNLISTED, sentence))
                )
            self._sentences_read.update((name, sentence) for sentence in sentences)
        return self._unlisted_by_sentence

    def entity_occurrences(self, type_: str) -> dict[str, list[Occurrence]]:
        """Occurrences of every entity of ``type_`` found in the article, by entity id."""
        found = self._entities.get(type_)
        if found is None:
            found = defaultdict(list)
            names = self.compiled.term_entities
            alias_words = self._alias_words
            doubtful = self.compiled.doubtful_terms
            case_sensitive = self.compiled.case_sensitive
            for term_id in self.found_among(self.compiled.entity_type_terms.get(type_, frozenset())):
                spelled = case_sensitive.get(term_id)
                if term_id in doubtful:
                    # A name that is also a word, or that several places share: each mention binds as
                    # the evidence around it says (or not at all), not to every place it could be.
                    for mention in self.occurrences(term_id):
                        entity_id = self._bound_place(type_, term_id, mention)
                        if (
                            entity_id is not None
                            and not self._inside_another_name(mention, term_id, entity_id)
                            and not (alias_words and self._covered(type_, mention, entity_id))
                            and not self._ends_longer_name(mention)
                            and not self._starts_longer_name(mention)
                            and (spelled is None or self._written_as(type_, mention, spelled.get((type_, entity_id))))
                        ):
                            found[entity_id].append(mention)
                    continue
                for entity_type, entity_id in names[term_id]:
                    if entity_type != type_:
                        continue
                    mentions = [
                        m
                        for m in self.occurrences(term_id)
                        if not self._inside_another_name(m, term_id, entity_id)
                        and not self._ends_longer_name(m)
                        and not self._starts_longer_name(m)
                    ]
                    if spelled is not None and (type_, entity_id) in spelled:
                        # Meta the company, not "meta-analysis": the original text, read at each hit only.
                        mentions = [o for o in mentions if self._written_as(type_, o, spelled[(type_, entity_id)])]
                    if alias_words:
                        # The longest alias wins: ريف دمشق (Damascus countryside) is not a mention of دمشق.
                        mentions = [o for o in mentions if not self._covered(type_, o, entity_id)]
                    if mentions and self._place_term(type_, term_id).ambiguity is not None:
                        mentions = [o for o in mentions if self._spelt_as_name(type_, term_id, o)]
                    if mentions:
                        found[entity_id].extend(mentions)
            if type_ == self._town_type and self.unlisted_towns():
                # a known name inside a longer unlisted town's is that town's word: «تشيركاسكوي بوريتشنوي»,
                # "Uchungu Mahmudlu" are not Cherkaske, not Mahmudlu
                spans = [m for mentions in self.unlisted_towns().values() for m in mentions if m.last > m.first]
                if spans:
                    for entity_id, mentions in list(found.items()):
                        kept = [m for m in mentions if not any(_within(m, span) for span in spans)]
                        if kept:
                            found[entity_id] = kept
                        else:
                            del found[entity_id]
                named, skeletons = self._listed_by_name(type_, found)
                for entity_id, mentions in self.unlisted_towns().items():
                    # a known town written with an article its aliases lack is that town: «مدينة الغريان»; so is
                    # one the article spells two ways ("recaptured Umm Ruwaba … cleansed the city of Umm Rawaba")
                    name = unlisted_name(entity_id).replace("-", " ")
                    listed = named.get(_without_article(name, self._arabic.article_prefix)) or skeletons.get(
                        name_skeleton(self.unlisted_names.get(entity_id, name))
                    )
                    found[listed or entity_id].extend(mentions)
            self._entities[type_] = found
        return found

    def _listed_by_name(self, type_: str, found: dict[str, list[Occurrence]]) -> tuple[dict[str, str], dict[str, str]]:
        """The entities of ``type_`` found in the article by each of their folded names without an article, and
        by each name's skeleton (see :func:`streams.places.scripts.name_skeleton`)."""
        named: dict[str, str] = {}
        skeletons: dict[str, str] = {}
        for entity_id in found:
            entity = self.compiled.ruleset.entity(type_, entity_id)
            if entity is not None:
                for alias in (entity.name, *entity.aliases):
                    named.setdefault(_without_article(fold(alias), self._arabic.article_prefix), entity_id)
                    skeleton = name_skeleton(alias)
                    if len(skeleton.replace(" ", "")) >= _TELLING_SKELETON:
                        skeletons.setdefault(skeleton, entity_id)
        return named, skeletons

    @cached_property
    def _town_type(self) -> str | None:
        """The entity type of the gazetteer's towns, which unlisted towns join (None: the rules watch none)."""
        return town_type(self.compiled.ruleset)

    def names_a_place(self, occurrence: Occurrence) -> bool:
        """Whether ``occurrence`` lies inside a mention that names a town the rules know: a word the rules read
        as another thing there is the town's name («الزيارة», 'the visit', is also the town of az-Ziyarah)."""
        return all(
            self.names_town_at(occurrence.field, index) for index in range(occurrence.first, occurrence.last + 1)
        )

    def names_town_at(self, field: Field, index: int) -> bool:
        """Whether word ``index`` of ``field`` is part of a name of a town the rules know."""
        return (field, index) in self._town_words

    def names_known_at(self, field: Field, index: int) -> bool:
        """Whether word ``index`` of ``field`` is part of a name the rules know, a place's or a party's."""
        return index in self._known_words(field)

    @cached_property
    def _town_words(self) -> frozenset[tuple[Field, int]]:
        """The words that a bound mention of a town the rules know covers, by field."""
        if self._town_type is None:
            return frozenset()
        return frozenset(
            (mention.field, index)
            for mentions in self.entity_occurrences(self._town_type).values()
            for mention in mentions
            if mention.term != UNLISTED
            for index in range(mention.first, mention.last + 1)
        )

    def names_unlisted_town(self, type_: str) -> bool:
        """Whether the article names a town no rule lists that binds as ``type_`` (the gazetteer's towns)."""
        return type_ == self._town_type and bool(self.unlisted_towns())

    def unlisted_towns(self) -> dict[str, list[Occurrence]]:
        """The towns no rule knows that the article names as towns (see :mod:`streams.ruleset.unlisted`), by
        entity id, in an article that names a place the rules know (its country, its province): a village of
        a war the rules watch, not an English town in a story of a council election."""
        if self._unlisted is None:
            self._unlisted = defaultdict(list)
            self._unlisted_by_sentence = defaultdict(list)
            if self._reads_unlisted:
                # One town spelled two ways in one article ("Maiorsk" in the text, "Mayorsk" in a quote, «كفر
                # سجنة» and «كفرسجنة») is one town: the first spelling names it.
                by_skeleton: dict[str, str] = {}
                for name, words in self.streams.items():
                    for town in self._read_unlisted(name):
                        entity_id = by_skeleton.setdefault(name_skeleton(town.name).replace(" ", ""), town.entity_id)
                        mention = _new_occurrence(
                            Occurrence, (name, town.first, town.last, UNLISTED, words.sentence_of(town.first))
                        )
                        self._unlisted[entity_id].append(mention)
                        self._unlisted_by_sentence[(name, mention.sentence)].append(mention)
                        self.unlisted_names.setdefault(entity_id, town.name)
                read = [m for mentions in self._unlisted.values() for m in mentions]
                for entity_id, mentions in list(self._unlisted.items()):
                    for mention in self._named_again(mentions, read):
                        self._unlisted[entity_id].append(mention)
                        self._unlisted_by_sentence[(mention.field, mention.sentence)].append(mention)
        return self._unlisted

    def _named_again(self, mentions: Sequence[Occurrence], read: Sequence[Occurrence]) -> list[Occurrence]:
        """The other mentions of an unlisted town read at ``mentions``, where its name stands again with no noun
        for towns («سيطر الجيش على الكرمشية» after «قرب منطقة الكرمشية»): only a name whose every word is as
        rare as a transliteration, written the same way, and no part of another town ``read``."""
        first = mentions[0]
        name = self.streams[first.field].words(first.first, first.last + 1)
        if not all(_transliterated(word) for word in name):
            return []
        # (found in C: the name with a space either side, in each field's word stream)
        target = f" {' '.join(name)} "
        found = []
        for field, words in self.streams.items():
            offset = words.stream.find(target)
            while offset != -1:
                index = words.word_at(offset + 1)
                if not any(m.field == field and index <= m.last and m.first < index + len(name) for m in read):
                    found.append(
                        _new_occurrence(
                            Occurrence, (field, index, index + len(name) - 1, UNLISTED, words.sentence_of(index))
                        )
                    )
                offset = words.stream.find(target, offset + 1)
        return found

    @cached_property
    def _reads_unlisted(self) -> bool:
        """Whether the article names a place the rules know, without which no town is read (see
        :meth:`unlisted_towns`)."""
        return any(
            self.found_among(self.compiled.entity_type_terms.get(type_, frozenset()))
            for type_ in self.compiled.ruleset.place_types
        )

    def _read_unlisted(self, name: Field, sentences: Collection[int] | None = None) -> list[UnlistedTown]:
        """The towns no rule knows that field ``name`` names (only in ``sentences`` when given)."""
        words = self.streams[name]
        # a language names towns with its words only, so a field with no letter of its script
        # is not read with it (an English report is not read for Arabic nouns of towns)
        readers = tuple(
            language for language in (self._latin, self._arabic) if has_letters(words.stream, language.script)
        )
        if not readers:
            return []
        read = unlisted_towns(words, readers, self._known_words(name), sentences)
        # a word the rules read as one of theirs is no town's name: «أول مدينة يستعيدها الثوار» (a verb)
        rule_words = self._rule_words(name)
        # (but a word that ends a name, «كاجو شرقي», is the name's)
        read = [
            town
            for town in read
            if not any(
                word in rule_words and not (word == town.last > town.first and words.word(word) in _TAILS)
                for word in range(town.first, town.last + 1)
            )
        ]
        return read + self._towns_located_elsewhere(name, {(t.first, t.last) for t in read}, sentences)

    def _rule_words(self, name: Field) -> frozenset[int]:
        """The words of field ``name`` that a term of the rules other than an entity's name covers (worked out once
        per field: the unlisted reader may read a field's sentences in several goes)."""
        found = self._rule_words_by_field.get(name)
        if found is None:
            names = self.compiled.term_entities
            found = self._rule_words_by_field[name] = frozenset(
                word
                for term_id in self.found
                if term_id not in names
                for o in self.occurrences(term_id)
                if o.field == name
                for word in range(o.first, o.last + 1)
            )
        return found

    def country_of(self, type_: str, entity_id: str) -> str:
        """The ISO 3166-1 code of the country a place of ``type_`` is in ("" when not known): the gazetteer's,
        or for an unlisted town the one country the article's known places are in ("the village of Podoly"
        in a story of Kharkiv is Ukrainian)."""
        entity = self.compiled.ruleset.entity(type_, entity_id)
        if entity is not None:
            return entity.place.country if entity.place is not None else ""
        if entity_id in self.unlisted_towns() and len(self._place_context.countries) == 1:
            (country,) = self._place_context.countries
            return country
        return ""

    def _known_words(self, name: Field) -> _KnownWords:
        """The words of field ``name`` that an alias of any entity covers, but for a doubtful place name that
        binds no place there: «قريتي زيتان وبرنة» in Kordofan is no Syrian Zeitan, and still a town."""
        found = self._known_by_field.get(name)
        if found is None:
            found = self._known_by_field[name] = self._read_known_words(name)
        return found

    def _read_known_words(self, name: Field) -> _KnownWords:
        """:meth:`_known_words`, worked out."""
        names = self.compiled.term_entities
        covering: dict[int, list[tuple[int, Occurrence]]] = defaultdict(list)
        for term_id in self.found:
            if term_id in names:
                for o in self.occurrences(term_id):
                    if o.field == name:
                        for word in range(o.first, o.last + 1):
                            covering[word].append((term_id, o))
        return _KnownWords(covering, self._binds_a_place)

    def _binds_a_place(self, term_id: int, mention: Occurrence) -> bool:
        """Whether a name's mention names its entity: any name but a doubtful place name that binds no place of
        its types ("Lebanon" binds the country, which locates "Khiam in southern Lebanon", though no town); nor
        a region's name after a noun for quarters, a quarter's («حي الجولان» in Fallujah)."""
        words = self.streams[mention.field]
        if (
            mention.first > 0
            and self._bare(words.word(mention.first - 1)) in self._quarter_nouns
            and all(self._kind(entity_id) == "region" for _, entity_id in self.compiled.term_entities[term_id])
        ):
            return False
        if self._town_type is None or term_id not in self.compiled.doubtful_terms:
            return True
        place_types = self.compiled.ruleset.place_types
        return any(
            self._place_binding(type_, term_id, mention)[0] is not None
            for type_ in dict.fromkeys(t for t, _ in self.compiled.term_entities[term_id] if t in place_types)
        )

    def _spelt_as_name(self, type_: str, term_id: int, mention: Occurrence) -> bool:
        """Whether the letters of a mention of a place name that needs no evidence are the name's: folding
        keeps case, tanween and hamzas from the automaton, and with them «صيدًا» is 'prey', not Sidon, and
        'the JOS index' no town."""
        info = self._place_term(type_, term_id).ambiguity
        assert info is not None
        why = written_as_a_word(self._mention(mention, term_id), info)
        if why is not None and self.readings is not None:
            names = tuple(entity.id for entity in self._place_term(type_, term_id).entities)
            self.readings[(type_, mention)] = Reading(None, "rejected", names, why)
        return why is None

    def _spelled(self, mention: Occurrence, spellings: tuple[str, ...]) -> bool:
        """Whether the original text of ``mention`` holds one of ``spellings`` (as their ``letters``)."""
        words = self.streams[mention.field]
        start, end = words.original_span(mention.first, mention.last)
        written = letters(words.original[start:end])
        return any(spelling in written for spelling in spellings)

    def _written_as(self, type_: str, mention: Occurrence, spellings: tuple[str, ...] | None) -> bool:
        """Whether the original text of ``mention`` (of type ``type_``) holds one of ``spellings`` (see
        ``CompiledRules.case_sensitive``), or any text when None; clitics and continuations may surround it."""
        if spellings is None or self._spelled(mention, spellings):
            return True
        if self.readings is not None:
            reason = f"a case-sensitive alias ({', '.join(spellings)}) written otherwise"
            self.readings[(type_, mention)] = Reading(None, "case", (), reason)
        return False

    def _bound_place(self, type_: str, term_id: int, mention: Occurrence) -> str | None:
        """The entity a doubtful place name means at ``mention``, or None when it is a word there.

        Namesakes nothing in the article tells apart go to the most populous (``ambiguous``, kept for
        the alert in :attr:`ambiguous`).
        """
        entity_id, binding = self._place_binding(type_, term_id, mention)
        if binding is None:
            if self.readings is not None:
                entities = self._place_term(type_, term_id).entities
                names = tuple(entity.id for entity in entities)
                reason = "its only entity" if entity_id else f"{len(names)} entities share it and no gazetteer entry"
                self.readings[(type_, mention)] = Reading(
                    entity_id, "bound" if entity_id else "rejected", names, reason
                )
            return entity_id
        if self.readings is not None:
            namesakes = tuple(p.slug for p in binding.candidates)
            self.readings[(type_, mention)] = Reading(entity_id, binding.status, namesakes, binding.reason)
        if entity_id is not None and binding.status == "ambiguous":
            self.ambiguous[(type_, entity_id)] = tuple(p.slug for p in binding.candidates)
        return entity_id

    def _place_binding(self, type_: str, term_id: int, mention: Occurrence) -> tuple[str | None, Binding | None]:
        """The entity a doubtful place name binds at ``mention`` (None: none) and the gazetteer's
        binding (None when the term has no gazetteer entry), worked out once per article."""
        key = (type_, mention)
        found = self._bindings.get(key)
        if found is None:
            found = self._own_binding(type_, term_id, mention)
            info = self._place_term(type_, term_id).ambiguity
            if (
                found[1] is not None
                and found[1].status == "rejected"
                and info is not None
                and named_elsewhere_counts(info)
                and any(other != mention for other in self._bound_on_own_evidence(type_, term_id))
            ):
                found = self._own_binding(type_, term_id, mention, named_elsewhere=True)
            self._bindings[key] = found
        return found

    def _bound_on_own_evidence(self, type_: str, term_id: int) -> list[Occurrence]:
        """The mentions of a doubtful place name that bind on the evidence around each (worked out once)."""
        found = self._own_evidence.get((type_, term_id))
        if found is None:
            found = self._own_evidence[(type_, term_id)] = [
                mention
                for mention in self.occurrences(term_id)
                if (binding := self._own_binding(type_, term_id, mention)[1]) is not None and binding.status == "bound"
            ]
        return found

    def _own_binding(
        self, type_: str, term_id: int, mention: Occurrence, named_elsewhere: bool = False
    ) -> tuple[str | None, Binding | None]:
        """:meth:`_place_binding` on the evidence around ``mention`` alone, or also on its name bound at another
        mention (``named_elsewhere``); the first worked out once per article."""
        key = (type_, mention)
        found = None if named_elsewhere else self._own_bindings.get(key)
        if found is None:
            entities, places, ranked, info = self._place_term(type_, term_id)
            if info is None or not places:
                found = (entities[0].id if len(entities) == 1 else None, None)
            else:
                regions, inside = self._namesakes_located(type_, ranked, mention)
                if regions and not inside:
                    names = ", ".join(sorted(regions))
                    binding = Binding(
                        "rejected", None, ranked, f"said to lie in {names}, where none of its namesakes is"
                    )
                else:
                    seen = self._mention(mention, term_id)
                    if named_elsewhere:
                        seen = replace(seen, named_elsewhere=True)
                    # a province said to hold it picks among namesakes before the article's geography does
                    binding = ranked_evidence_supports(inside or ranked, info, seen, self._place_context)
                chosen = None if binding.status == "rejected" else binding.place or binding.candidates[0]
                found = (chosen.slug if chosen is not None else None, binding)
            if not named_elsewhere:
                self._own_bindings[key] = found
        return found

    def _towns_located_elsewhere(
        self, name: Field, read: Collection[tuple[int, int]], sentences: Collection[int] | None = None
    ) -> list[UnlistedTown]:
        """The towns of field ``name`` (in ``sentences`` when given) named as a known town is (not already ``read``)
        that a province said to hold them shows to be none of its namesakes ("Vysoke in the Sumy region", where
        no Vysoke is known): towns the rules do not know."""
        town_type = self._town_type
        if town_type is None:
            return []
        words = self.streams[name]
        towns: list[UnlistedTown] = []
        for term_id in self.found_among(self.compiled.doubtful_terms):
            for mention in self.occurrences(term_id):
                if (
                    mention.field == name
                    and (sentences is None or mention.sentence in sentences)
                    and (mention.first, mention.last) not in read
                    # a word is no town a province locates: «تقدماً كبيراً في محافظة حماة» ('a big advance')
                    and all(_transliterated(words.word(index)) for index in range(mention.first, mention.last + 1))
                    and self._located_elsewhere(town_type, term_id, mention)
                ):
                    start, end = words.original_span(mention.first, mention.last)
                    towns.append(UnlistedTown(mention.first, mention.last, words.original[start:end]))
        return towns

    def _located_elsewhere(self, type_: str, term_id: int, mention: Occurrence) -> bool:
        """Whether a province said to hold the town named at ``mention`` holds none of the places of ``type_``
        the name may be (see :meth:`_regions_locating`)."""
        ranked = self._place_term(type_, term_id).ranked
        regions, inside = self._namesakes_located(type_, ranked, mention)
        return bool(ranked) and bool(regions) and not inside

    def _namesakes_located(
        self, type_: str, ranked: tuple[Place, ...], mention: Occurrence
    ) -> tuple[frozenset[str], tuple[Place, ...]]:
        """The provinces said to hold the town named at ``mention`` (none for a type other than towns), and the
        namesakes in ``ranked`` they may hold (a town of their country whose province is not known too)."""
        if type_ != self._town_type or not ranked:
            return frozenset(), ()
        regions = self._regions_locating(mention)
        countries = {region.split("-")[0] for region in regions}
        return regions, tuple(
            place for place in ranked if place.admin1 in regions or (not place.admin1 and place.country in countries)
        )

    def _regions_locating(self, mention: Occurrence) -> frozenset[str]:
        """The first-level regions (ISO 3166-2) that a province named right after a town's name says it lies in,
        a word that locates between («فيسوكي في منطقة سومي», «بمحافظة إدلب», "Vysoke in the Sumy region"): a
        town's namesakes elsewhere are not meant."""
        words = self.streams[mention.field]
        after = mention.last + 1
        if after >= words.word_count or words.sentence_of(after) != mention.sentence or mark_before(words, after):
            return frozenset()
        lead = words.word(after)
        carries = without_locating(lead, _LOCATING_PROCLITICS) is not None
        if not (lead in _LOCATING or carries):
            return frozenset()
        start = after if carries else after + 1
        ruleset = self.compiled.ruleset
        found: set[str] = set()
        for type_ in ruleset.place_types:
            if type_ == self._town_type:
                continue  # towns locate no town here, and their own names are being bound
            for entity_id, occurrences in self.entity_occurrences(type_).items():
                entity = ruleset.entity(type_, entity_id)
                if entity is None or entity.place is None or entity.place.kind != "region":
                    continue
                if any(o.field == mention.field and start <= o.first <= start + 1 for o in occurrences):
                    found.add(entity.place.admin1)
        return frozenset(found)

    def _place_term(self, type_: str | None, term_id: int) -> PlaceTerm:
        """The entities of ``type_`` (any type: None) that term ``term_id`` names and their places, worked
        out once per rule set."""
        key = (type_, term_id)
        found = self.compiled.place_terms.get(key)
        if found is None:
            ruleset = self.compiled.ruleset
            entities = tuple(
                entity
                for entity_type, entity_id in self.compiled.term_entities.get(term_id, ())
                if (type_ is None or entity_type == type_)
                and (entity := ruleset.entity(entity_type, entity_id)) is not None
            )
            places = tuple(entity.place for entity in entities if entity.place is not None)
            gazetteer = ruleset.gazetteer
            info = gazetteer.ambiguity(self.compiled.term_labels[term_id]) if gazetteer and places else None
            found = self.compiled.place_terms[key] = PlaceTerm(entities, places, rank_places(places), info)
        return found

    def _mention(self, occurrence: Occurrence, term_id: int) -> Mention:
        """What the gazetteer needs to know of one occurrence of a place name (worked out once)."""
        found = self._mentions.get(occurrence)
        if found is None:
            found = self._mentions[occurrence] = self._read_mention(occurrence, term_id)
        return found

    def _read_mention(self, occurrence: Occurrence, term_id: int) -> Mention:
        words = self.streams[occurrence.field]
        start, end = words.original_span(occurrence.first, occurrence.last)
        written = words.original[start:end]
        first_term_word = self.compiled.terms[term_id].first_word
        word = words.word(occurrence.first)
        proclitics = word[: len(word) - len(first_term_word)] if word.endswith(first_term_word) else ""
        # (as far back as a word of taking control may stand before «على», its subject between)
        before = words.words(max(0, occurrence.first - WORDS_BEFORE), occurrence.first)
        sentence_start = words.opens_sentence(occurrence.first)
        # Capitals say nothing at a sentence start or in a headline, which news writes in title case.
        return Mention(
            written,
            before,
            proclitics,
            not sentence_start and occurrence.field != "title",
            self._next_written(words, occurrence, end) if occurrence.field != "title" else "",
            before_folded=True,
            listed=self._listed(words, occurrence),
        )

    def _listed(self, words: WordStream, occurrence: Occurrence) -> bool:
        """Whether ``occurrence`` stands in a list between the names of other places, joined to each by a
        conjunction or a comma ("Bosra, Nawa and Izra", «بصرى الشام ونوى وإزرع»; not «عدن والتحالف», Aden and
        the coalition, where a word follows one name), or ends a list that a place then locates ("Albu Kamal and
        Mayadin in Deir ez-Zor")."""
        starts, ends = self._place_name_bounds
        field, sentence = occurrence.field, occurrence.sentence
        index = occurrence.first - 1
        joined = coordinates(words.word(occurrence.first)) or mark_before(words, occurrence.first)
        if index > 0 and words.word(index) in _COORDINATORS:
            index, joined = index - 1, True
        if index < 0 or not joined or (field, index) not in ends or words.sentence_of(index) != sentence:
            return False
        index = occurrence.last + 1
        if index >= words.word_count:
            return False
        joined = coordinates(words.word(index)) or mark_before(words, index)
        if words.word(index) in _COORDINATORS:
            index, joined = index + 1, True
        elif words.word(index) in _LOCATING and not joined:
            # or the list ends with where its towns lie: «انسحب من البوكمال والميادين في دير الزور»
            index, joined = index + 1, True
        return index < words.word_count and joined and (field, index) in starts and words.sentence_of(index) == sentence

    @cached_property
    def _place_name_bounds(self) -> tuple[frozenset[tuple[Field, int]], frozenset[tuple[Field, int]]]:
        """The words where the names of places the article holds start, and those where they end."""
        place_types = set(self.compiled.ruleset.place_types)
        names = self.compiled.term_entities
        bounds = [
            (m.field, m.first, m.last)
            for term_id in self.found
            if any(type_ in place_types for type_, _ in names.get(term_id, ()))
            for m in self.occurrences(term_id)
        ]
        return frozenset((f, first) for f, first, _ in bounds), frozenset((f, last) for f, _, last in bounds)

    @staticmethod
    def _next_written(words: WordStream, occurrence: Occurrence, end: int) -> str:
        """The word after ``occurrence`` as written, when only a space or a hyphen separates them in one sentence
        (the hyphen joins them into one name: "Bulo-Gadud" is not Bulo)."""
        following = occurrence.last + 1
        if following >= words.word_count or words.sentence_of(following) != occurrence.sentence:
            return ""
        start, stop = words.original_span(following, following)
        return words.original[start:stop] if words.original[end:start] in (" ", "-") else ""

    @cached_property
    def _place_context(self) -> ArticleContext:
        """The countries and regions named by the places the article names: by a name that needs no
        evidence, or by one whose own evidence (a capital, a cue) makes it a name without help."""
        gazetteer = self.compiled.ruleset.gazetteer
        if gazetteer is None:
            return ArticleContext()
        ids: list[str] = []
        names = self.compiled.term_entities
        for term_id in self.found:
            if term_id not in names:
                continue
            _, places, ranked, info = self._place_term(None, term_id)
            if not places:
                continue
            if term_id not in self.compiled.doubtful_terms:
                ids.extend(place.id for place in places)
                continue
            if info is None or info.minor or info.outside:
                # These bind only once the article's geography is known: they cannot be part of it.
                continue
            for mention in self.occurrences(term_id):
                binding = ranked_evidence_supports(
                    ranked, info, self._mention(mention, term_id), ArticleContext(), by_population=False
                )
                if binding.status == "bound" and binding.place is not None:
                    ids.append(binding.place.id)
        context = gazetteer.context_of(ids)
        return ArticleContext(context.countries | self._national_forces(), context.regions)

    def _national_forces(self) -> frozenset[str]:
        """The countries of the parties the article names by their nation that fight in one country only: «الجيش
        العراقي», "Sudanese army" say the article is about Iraq, Sudan as its towns' names would. A name in
        lower case ("the army", "government forces") or of one Arabic word («الجيش») says no nation."""
        ruleset = self.compiled.ruleset
        labels = self.compiled.term_labels
        found: set[str] = set()
        for type_ in ruleset.entities:
            if type_ in ruleset.place_types:
                continue
            for entity_id, mentions in self.entity_occurrences(type_).items():
                entity = ruleset.entity(type_, entity_id)
                if entity is None or len(entity.countries) != 1:
                    continue
                if any(_names_a_nation(labels[m.term]) for m in mentions if isinstance(m.term, int)):
                    found.update(entity.countries)
        return frozenset(found)

    def _occurrence(self, name: Field, first: int, last: int, term: int | str) -> Occurrence:
        words = self.streams[name]
        first_word, last_word = words.word_span(first, last)
        return _new_occurrence(Occurrence, (name, first_word, last_word, term, words.sentence_of(first_word)))

    @cached_property
    def _alias_words(self) -> dict[tuple[Field, int], list[Occurrence]]:
        """Multi-word alias mentions by each (field, word) they cover."""
        names = self.compiled.term_entities
        case_sensitive = self.compiled.case_sensitive
        covered: dict[tuple[Field, int], list[Occurrence]] = defaultdict(list)
        for term_id in self.found:
            if term_id in names:
                mentions = self.occurrences(term_id)
                spelled = case_sensitive.get(term_id)
                if spelled is not None and len(spelled) == len(names[term_id]):
                    # A name only as written ("Meta Platforms"), written otherwise, covers no words.
                    spellings = tuple(s for written in spelled.values() for s in written)
                    mentions = [m for m in mentions if self._spelled(m, spellings)]
                for mention in mentions:
                    for word in range(mention.first, mention.last + 1) if mention.last > mention.first else ():
                        covered[(mention.field, word)].append(mention)
        return covered

    def _opens_name(self, name: Field, index: int) -> bool:
        """Whether word ``index`` of field ``name`` starts or stands inside a longer name that goes on after it:
        the context a regex reads around its ``at`` group ends in words, so «جسر» (a bridge) that opens «جسر
        الشغور» is the town's name."""
        return any(m.last > index for m in self._alias_words.get((name, index), ()))

    def _inside_another_name(self, mention: Occurrence, term_id: int, entity_id: str) -> bool:
        """Whether ``mention`` of ``term_id`` (an alias of ``entity_id``) was read past a proclitic inside a word
        that is wholly another entity's alias: «بورنو» is Borno, not «ب» + «ورنو» (in Wurno)."""
        named = self._whole_word_names.get((mention.field, mention.first))
        return (
            named is not None
            and mention.first == mention.last
            and self.streams[mention.field].word(mention.first) != self.compiled.terms[term_id].words
            and not named <= {entity_id}
        )

    @cached_property
    def _whole_word_names(self) -> dict[tuple[Field, int], set[str]]:
        """The entities named by a one-word alias written as the whole word (no proclitic read off it), by
        (field, word)."""
        names = self.compiled.term_entities
        found: dict[tuple[Field, int], set[str]] = {}
        for term_id in self.found:
            entities = names.get(term_id)
            spelled = self.compiled.terms[term_id].words
            if not entities or " " in spelled:
                continue
            for mention in self.occurrences(term_id):
                if self.streams[mention.field].word(mention.first) == spelled:
                    found.setdefault((mention.field, mention.first), set()).update(e for _, e in entities)
        return found

    def _ends_longer_name(self, mention: Occurrence) -> bool:
        """Whether ``mention`` ends a longer Latin name past an article a hyphen joins to it, a capitalised word in
        front: "Daraa al-Balad" (a quarter of Daraa) is no mention of Balad, "Busra al-Harir" none of Harir."""
        words = self.streams[mention.field]
        article = mention.first - 1
        return (
            article > 0
            and words.word(article) in _SURNAME_ARTICLES
            and hyphenated(words, mention.first)
            and not mark_before(words, article)
            and _written_capitalised(words, article - 1)
        )

    def _starts_longer_name(self, mention: Occurrence) -> bool:
        """Whether ``mention`` opens the name of one of its town's quarters, a word after it that makes it so
        (``quarter_tails``, past an article in Latin script): «الموصل الجديدة», «الرقة القديمة», "Mosul al-Jadida"."""
        words = self.streams[mention.field]
        after = mention.last + 1
        if after < words.word_count and words.word(after) in _SURNAME_ARTICLES:
            after += 1
        return (
            after < words.word_count
            and words.word(after) in _QUARTER_TAILS
            and words.sentence_of(after) == mention.sentence
            and not mark_before(words, mention.last + 1)
            and not mark_before(words, after)
        )

    def _covered(self, type_: str, mention: Occurrence, entity_id: str) -> bool:
        """Whether a longer alias of another entity covers ``mention`` (of ``entity_id``, of type ``type_``)."""
        names = self.compiled.term_entities
        longer = next(
            (
                m
                for m in self._alias_words.get((mention.field, mention.first), ())
                if m.first <= mention.first
                and mention.last <= m.last
                and m.last - m.first > mention.last - mention.first
                and any(other != entity_id for _, other in names[m.term])  # type: ignore[index]
            ),
            None,
        )
        if longer is not None and self.readings is not None:
            label = self.compiled.term_labels[longer.term]  # type: ignore[index]
            self.readings[(type_, mention)] = Reading(
                None, "covered", (entity_id,), f"part of the longer alias {label!r}"
            )
        return longer is not None

    def inside_alias(self, occurrence: Occurrence) -> bool:
        """Whether ``occurrence`` lies inside a longer entity alias (تحرير in هيئة تحرير الشام is a name, not an
        action), or ends the name of a town no rule lists («غربي» in «قرى سويدان جزيرة وجرذي غربي وجرذي شرقي» says
        where no town lies)."""
        mentions = self._alias_words.get((occurrence.field, occurrence.first))
        if mentions and any(
            m.first <= occurrence.first
            and occurrence.last <= m.last
            and m.last - m.first > occurrence.last - occurrence.first
            for m in mentions
        ):
            return True
        words = self.streams[occurrence.field]
        if occurrence.first != occurrence.last or words.word(occurrence.first) not in _TAILS:
            return False
        self.unlisted_towns()
        return any(
            town.first < occurrence.first <= town.last
            for town in self._unlisted_by_sentence.get((occurrence.field, occurrence.sentence), ())
        )

    def mentions_by_sentence(self, type_: str) -> dict[tuple[Field, int], list[tuple[str, Occurrence]]]:
        """Mentions of entities of ``type_`` by (field, sentence): ``near`` looks in a hit's sentence (and
        in its neighbours with ``within_sentences``), never across fields."""
        found = self._by_sentence.get(type_)
        if found is None:
            found = defaultdict(list)
            for entity_id, mentions in self.entity_occurrences(type_).items():
                for mention in mentions:
                    found[(mention.field, mention.sentence)].append((entity_id, mention))
            self._by_sentence[type_] = found
        return found

    def near_mentions(
        self, type_: str, *, targets: bool = False
    ) -> dict[tuple[Field, int], list[tuple[str, Occurrence]]]:
        """:meth:`mentions_by_sentence` without the mentions that only locate or describe another one, a party's unit
        named after a place ("the PDF-Sagaing"), nor those that name a province, and with the words that refer back
        to a place. With ``targets`` (a rule that reads a change of the place itself) also without those that only
        name something else or say where a reporter is (see :meth:`_names_another`): a flood on «طريق دير الزور» is
        news of Deir ez-Zor, a change of control of that road is not.

        "Saraqib in Idlib province", "Douma, the last town held in eastern Ghouta",
        "سراقب في إدلب": the second place says where the first is; "Kupiansk, a key Kyiv bastion":
        the second describes the first; an action near them is about the first. "Hama province"
        is not the city of Hama. "The city", "the town", المدينة mention the place named last
        before them ("rebels took Idlib … pushed into the city"), unless a place's name follows them
        ("the city of Hama").
        """
        found = self._near_mentions.get((type_, targets))
        if found is None:
            found = {}
            # Capitals named as a party ("Kyiv said") are not paired, but "the city" may still refer to them, as
            # to a place whose landmark is named ("Aleppo's citadel and the city centre"); a name that names
            # another thing ("Garowe Online reports", "the Hama countryside") is no town "the town" refers to.
            speakers: list[tuple[Occurrence, str]] = []
            for key, mentions in self.mentions_by_sentence(type_).items():
                words = self.streams[key[0]]
                mentions = [
                    (entity, m)
                    for entity, m in mentions
                    if not _names_region(m, words) and not _after_initials(m, words)
                ]
                speaking = [(m, entity) for entity, m in mentions if self._names_party(entity, m, words)]
                naming = [
                    (m, entity)
                    for entity, m in mentions
                    if targets and (m, entity) not in speaking and self._names_another(m, entity, mentions, words)
                ]
                # (nor is a person's name: "Lieutenant Colonel Willy Ngoma … claimed the capture of the town")
                firsts, lasts = {m.first for _, m in mentions}, {m.last for _, m in mentions}
                speakers += [
                    (m, entity)
                    for m, entity in speaking + naming
                    if not self._names_person(m, words, firsts, lasts)
                    and ((m, entity) in speaking or not _names_thing(m, words) or self._owns_landmark(m, entity, words))
                ]
                speaking += naming
                if speaking:
                    mentions = [(entity, m) for entity, m in mentions if (m, entity) not in speaking]
                if not mentions:
                    continue
                first_entity = mentions[0][0]
                if all(entity == first_entity for entity, _ in mentions):
                    # One entity in the sentence: no other one for a mention to locate (see ``_locates``).
                    found[key] = mentions
                    continue
                found[key] = [
                    (entity, m)
                    for entity, m in mentions
                    if not _locates(m, entity, mentions, words) and not _describes(m, entity, mentions, words)
                ]
            self._add_references(type_, targets, found, speakers)
            self._near_mentions[(type_, targets)] = found
        return found

    def _names_party(self, entity_id: str, mention: Occurrence, words: WordStream) -> bool:
        """Whether ``mention`` names a capital as a government or a side: "Kyiv said", "Kyiv officials",
        "Kyiv's claim to have entered Kupiansk" (the language's ``speaker_words`` right after the name or its
        possessive, in its clause), «إعلان كييف», «انتكاسة لكييف», "troops loyal to Damascus" (its
        ``speaker_heads`` right in front of it),
        «وقالت كييف إن», «اعترفت كييف بأن» (a speaker word in front of it, with a conjunction or not).
        Only capitals: "fighters in Kidal said they had taken the town" is news of Kidal."""
        if not self._is_capital(entity_id):
            return False
        heads = mention.first > 0 and not mark_before(words, mention.first)
        if heads and (
            words.word(mention.first - 1) in _SPEAKER_HEADS
            or without_conjunction(words.word(mention.first - 1)) in _SPEAKER_WORDS
            or (
                mention.first > 1
                and not mark_before(words, mention.first - 1)
                and f"{words.word(mention.first - 2)} {words.word(mention.first - 1)}" in _SPEAKER_HEADS
            )
        ):
            return True
        following = mention.last + 1
        if following < words.word_count and words.word(following) == "s" and not mark_before(words, following):
            following += 1  # the possessive: "Kyiv's"
        while (
            following < words.word_count and words.word(following) in _AUXILIARIES and not mark_before(words, following)
        ):
            following += 1  # "Kyiv has not confirmed"
        return (
            following < words.word_count
            and words.sentence_of(following) == mention.sentence
            and not mark_before(words, following)
            and words.word(following) in _SPEAKER_WORDS
        )

    def _names_another(
        self, mention: Occurrence, entity: str, mentions: list[tuple[str, Occurrence]], words: WordStream
    ) -> bool:
        """Whether ``mention`` (of ``entity``) only names something else, or says where someone who reports is.

        The countryside, a road, an airport, a government: a noun of ``region_nouns`` or ``landmarks`` after
        the name ("the Aleppo countryside", "the Mandalay–Lashio highway", "the Homs refinery's"), or in
        front of it in a language that puts the head first («ريف حماة», «طريق حلب – دمشق», «قوات كييف»), past
        other names joined to it; a noun for quarters in front of a city's name (a quarter named after it, «حي
        القدس»), not of a place no bigger than a quarter («حي الشيخ مقصود» is the quarter). A reporter: "a
        source in Homs said", «مصدر في حماة» (see ``_reported_from``). A person: "Haqi Kobane told" (see
        :meth:`_names_person`).
        """
        after, before = self._naming_words
        sentence = mention.sentence
        ends = {m.last: m for _, m in mentions}
        index = mention.first - 1
        while index >= 0 and words.sentence_of(index) == sentence:
            joined = ends.get(index)
            if joined is None and (noun := self._bare(words.word(index))) in before:
                if noun in self._quarter_nouns and self._quarter_sized(entity):
                    break
                return True
            # (and past the city's noun: «أكبر أحياء مدينة حلب», the largest of the quarters of Aleppo)
            if (
                joined is None
                and index == mention.first - 1
                and index > 0
                and words.word(index) in _SETTLEMENT_NOUNS
                and self._bare(words.word(index - 1)) in self._quarter_nouns
                and not self._quarter_sized(entity)
            ):
                return True
            # (past the noun's adjective of a side, both with the article, the name with «ل»: «الريف الشرقي لدير
            # الزور»; past a road's, and past the other names of the road: «الطريق الدولي حلب – دمشق»)
            if (
                joined is None
                and index > 0
                and (
                    (index == mention.first - 1 and words.word(index) in _NAME_TAILS)
                    or words.word(index) in _LANDMARK_MODIFIERS
                )
                and words.word(index - 1).removeprefix(self._arabic.article_prefix) in before
            ):
                return True
            # a name joined to this one is passed over whole: the last word of «وطويل الشيخ» heads nothing
            if joined is None or joined is mention:
                break
            index = joined.first - 1
        if self._owns_landmark(mention, entity, words):
            return True
        starts = {m.first: m for _, m in mentions}
        index = mention.last + 1
        while index < words.word_count and words.sentence_of(index) == sentence:
            joined = starts.get(index)
            if joined is None and mark_before(words, index):
                break
            word = words.word(index)
            if word in self._quarter_nouns and self._quarter_sized(entity):
                # the quarter's own noun: "the Sheikh Aqil neighbourhood"
                break
            if word in self._singular_quarter_nouns and index == mention.last + 1 and joined is None:
                return True  # a city's quarter named by it: "Houthis seize central Aden district"
            if (
                word in after
                # a word a hyphen joins to the name makes it a description: "Tripoli-allied forces", "Kyiv-based"
                # (but for the town's centre: "Walikale-centre")
                or (
                    index == mention.last + 1
                    and joined is None
                    and hyphenated(words, index)
                    and word not in self._latin.centre_words
                )
                or (word in self._latin.landmark_modifiers and self._landmark_at(words, index + 1))
                # an article and a name after it make a longer name, another place's: "the village of Saida
                # al-Hanout" in Quneitra is no Sidon (but for the town's centre: "Daraa al-Balad")
                or (
                    index == mention.last + 1
                    and joined is None
                    and word in self._latin.surname_articles
                    and index + 1 < words.word_count
                    and hyphenated(words, index + 1)
                    and _written_capitalised(words, index + 1)
                    and words.word(index + 1) not in self._latin.centre_words
                )
                or (index == mention.last + 1 and self._towns_of(mention, words, index))
            ):
                return True
            if joined is not None and joined is not mention:
                index = joined.last + 1
            elif word == "s" and index == mention.last + 1:
                # "Aleppo's airport", "Tripoli's major air base": the possessive, as the normaliser leaves it
                if _possesses(words, index + 1, after, starts):
                    return True
                break
            else:
                break
        return _reported_from(mention, words) or self._names_person(mention, words, starts, ends)

    def _owns_landmark(self, mention: Occurrence, entity: str, words: WordStream) -> bool:
        """Whether a noun of ``region_nouns`` or ``landmarks`` of a language that puts the head last stands in front
        of ``mention`` (of ``entity``) with a name link: "the western countryside of Deir Ezzor", "the
        neighbourhoods of Rawah", "the Golan district of Fallujah" (the place owns what is named, and "the town"
        may still refer to it), past a word for a part of it ("the neighbourhoods of eastern Aleppo"); not a noun for
        quarters in front of a place no bigger than a quarter ("the neighbourhoods of Sakhour and Haydariya" are the
        quarters)."""
        link = mention.first - 1
        if link > 0 and words.word(link) in self._latin.regions and not mark_before(words, mention.first):
            link -= 1
        if not (
            link > 0
            and words.word(link) in _NAME_LINKS
            and not mark_before(words, mention.first)
            and not mark_before(words, link)
        ):
            return False
        noun = words.word(link - 1)
        if noun in self._quarter_nouns:
            return not self._quarter_sized(entity)
        return noun in self._naming_words[0]

    def _names_person(
        self, mention: Occurrence, words: WordStream, starts: Collection[int], ends: Collection[int]
    ) -> bool:
        """Whether ``mention`` is a person's name, or part of one: after a title, as a given name before the family
        name of a speaker, or as a family name (see :meth:`_titled`, :func:`_named_person`, :meth:`_surnamed`);
        ``starts`` and ``ends`` are where the sentence's mentions start and end."""
        return (
            self._titled(mention, words)
            or _named_person(mention, words, starts)
            or self._surnamed(mention, words, ends)
            or self._titled_elsewhere(mention)
        )

    def _titled_elsewhere(self, mention: Occurrence) -> bool:
        """Whether a doubtful name of ``mention`` is a person's given name at another of its mentions, between a
        title and a family name: "Prime Minister Abiy Ahmed … Abiy said" is the man both times, not the town of
        Abiy Adi (the town named after "King Lalibela" is still the town)."""
        return mention.term in self.compiled.doubtful_terms and any(
            other != mention and self._given_name(other) for other in self.occurrences(mention.term)
        )

    def _given_name(self, mention: Occurrence) -> bool:
        """Whether a Latin name stands right after a title and before a capitalised word of its clause."""
        words = self.streams[mention.field]
        after = mention.last + 1
        return (
            mention.first > 0
            and words.word(mention.first - 1) in self._latin.person_titles
            and self._titled(mention, words)
            and after < words.word_count
            and words.sentence_of(after) == mention.sentence
            and not mark_before(words, after)
            and _written_capitalised(words, after)
        )

    def _surnamed(self, mention: Occurrence, words: WordStream, ends: Collection[int]) -> bool:
        """Whether a Latin name is a person's family name, after a capitalised word in its sentence that heads no
        place's name: with the article of a transliterated name ("cleric Muqtada al-Sadr"; not "Ras al-Ain",
        nor "In al-Bab", which opens the sentence), or as the speaker ("Haqi Kobane told The Associated
        Press"). A headline's capitals say nothing."""
        articles = self._latin.surname_articles
        if mention.field == "title" or not articles:
            return False
        first = mention.first
        speaks = False
        if words.word(first) in articles:
            given = first - 1
        elif first > 0 and words.word(first - 1) in articles:
            given = first - 2
        elif speaks_at(words, mention.last + 1, _SPEAKER_WORDS):
            given, speaks = first - 1, True
        else:
            return False
        # a speaker's given name may open the sentence, when it is no common word ("Haqi Kobane told")
        opens = given < 1 or words.sentence_of(given - 1) != mention.sentence
        if (
            given < 0
            or given in ends
            or words.sentence_of(given) != mention.sentence
            or (opens and not (speaks and folded_zipf(words.word(given), self._latin.code) < _GIVEN_NAME_ZIPF))
            or any(mark_before(words, index) for index in range(given + 1, first + 1))
            or words.word(given) in self._latin.name_heads
        ):
            return False
        start, end = words.original_span(given, given)
        name = words.original[start:end]
        return name.isascii() and name[:1].isupper()

    def _towns_of(self, mention: Occurrence, words: WordStream, noun: int) -> bool:
        """Whether word ``noun``, right after ``mention``, is a plural noun for towns that makes the name their
        province's, in a language that puts the head last: "Syrian troops seize Daraa towns"; not a list's
        last name ("Lalengpi and Resaw towns", "X, Y villages") nor names a link follows ("Yukhari villages
        of Fizuli district")."""
        first = mention.first
        return (
            self._latin.unlisted_town_nouns.get(words.word(noun), False)
            and first > 0
            and not mark_before(words, first)
            and words.word(first - 1) not in self._latin.coordinators
            and (noun + 1 >= words.word_count or words.word(noun + 1) not in self._latin.name_links)
        )

    def _landmark_at(self, words: WordStream, index: int) -> bool:
        """Whether word ``index`` is a landmark that a name stands in front of, past a word of
        ``landmark_modifiers`` and in its clause ("the al-Bukamal border crossing")."""
        return (
            index < words.word_count
            and words.sentence_of(index) == words.sentence_of(index - 1)
            and not mark_before(words, index)
            and words.word(index) in self._naming_words[0]
        )

    @cached_property
    def _naming_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The nouns that make a place's name another thing's (see :meth:`_names_another`), written after it
        ("the Aleppo countryside") and written in front of it (Arabic «مطار حلب»), of the article's languages."""
        after: set[str] = set()
        before: set[str] = set()
        for language in (self._latin, self._arabic):
            (before if language.head_first else after).update(language.region_nouns | language.landmarks)
            if language.head_first:
                before.update(language.person_titles)
        return frozenset(after), frozenset(before)

    def _titled(self, mention: Occurrence, words: WordStream) -> bool:
        """Whether a title stands in front of a Latin name past the capitalised words of a person's name:
        "Major General Tar Bone Kyaw" is a man, not the town of Kyaw. The title needs its capital too ("a
        major Kherson offensive"), and a headline's capitals say nothing."""
        if mention.field == "title" or not self._latin.person_titles:
            return False
        index = mention.first - 1
        for _ in range(_PERSON_NAME_WORDS + 1):
            if index < 0 or words.sentence_of(index) != mention.sentence or mark_before(words, index + 1):
                return False
            if not _written_capitalised(words, index):
                return False
            if words.word(index) in self._latin.person_titles:
                return True
            index -= 1
        return False

    def _bare(self, word: str) -> str:
        """``word`` without a conjunction or preposition glued in front of it («وبمحافظة» → محافظه); not without
        the article, which a noun heading a name never carries: «الجيش مورك، اللطامنة» lists towns after the
        army, «جيش إدلب» is an armed group."""
        before = self._naming_words[1]
        if word in before:
            return word
        for length in (2, 1):
            clitic = word[:length]
            if clitic in self._proclitics and clitic not in self._definite_prefixes and word[length:] in before:
                return word[length:]
        return word

    def _add_references(
        self,
        type_: str,
        targets: bool,
        found: dict[tuple[Field, int], list[tuple[str, Occurrence]]],
        speakers: list[tuple[Occurrence, str]],
    ) -> None:
        """Add to ``found`` (mentions by field and sentence) each reference to the place named last before it
        (``speakers`` too, though not paired themselves), and keep every reference by where it starts (see
        :meth:`reference_at`)."""
        at: dict[tuple[Field, int], tuple[str | None, Occurrence]] = {}
        # A title that names places, none of them a capital, says what "the city" of the body is about: not a
        # capital named on the way ("between Aleppo and Damascus. The army confirmed its withdrawal from the city").
        titled = {entity for (field, _), ms in found.items() if field == "title" for entity, _ in ms}
        no_capital = bool(titled) and not any(self._is_capital(entity) for entity in titled)
        for name in self.streams:
            named = [(m, entity) for (field, _), ms in found.items() if field == name for entity, m in ms]
            named += [(m, entity) for m, entity in speakers if m.field == name]
            backward = self.references(name, self._references, named, no_capital=no_capital and name != "title")
            forward = self._forward_references(name, named) + self._forward_lists_named(name, named)
            for referent, mention in backward + forward:
                at[(name, mention.first)] = (referent, mention)
                if referent is not None:
                    found.setdefault((name, mention.sentence), []).append((referent, mention))
        self._references_at[(type_, targets)] = at

    def _forward_references(
        self, name: Field, named: Iterable[tuple[Occurrence, str]]
    ) -> list[tuple[str | None, Occurrence]]:
        """Each "a town", "a strategic city" in field ``name`` that a later sentence names: "Rebels seized a
        strategic town on Saturday … If they can hold the town of Jisr al-Shughour", the first place of the
        next sentences introduced by the same noun ("the town of X", not "the cities of X and Y"), no capital, no
        city as "a village"."""
        words = self.streams[name]
        introduced = sorted(
            (m.first, m.sentence, words.word(m.first - 2), entity)
            for m, entity in named
            if m.first >= 2 and words.word(m.first - 1) in every("name_links")
        )
        # (or the place the next sentence opens with, set apart by a comma: "Bariire, in Lower Shabelle, lies")
        opening = sorted(
            (m.sentence, entity)
            for m, entity in named
            if words.opens_sentence(m.first) and m.last + 1 < words.word_count and mark_before(words, m.last + 1)
        )
        found: list[tuple[str | None, Occurrence]] = []
        for mention in self._reference_phrases(name, self._forward):
            noun = words.word(mention.last)
            referent = next(
                (
                    entity
                    for sentence, entity in (
                        *((s, e) for _, s, introducing, e in introduced if introducing == noun),
                        *((s, e) for s, e in opening if s == mention.sentence + 1),
                    )
                    if mention.sentence < sentence <= mention.sentence + _FORWARD_SENTENCES
                    and not self._is_capital(entity)
                    and not (noun in self._village_nouns and self._population(entity) > _VILLAGE_POPULATION)
                ),
                None,
            )
            if referent is not None:
                found.append((referent, mention))
        return found

    def _forward_lists_named(
        self, name: Field, named: Iterable[tuple[Occurrence, str]]
    ) -> list[tuple[str | None, Occurrence]]:
        """Each "more towns", "four villages" in field ``name``, once for every town a next sentence lists after
        a plural noun for towns and words that open a list: "recaptured more towns in Borno State. The towns
        include Bita, Izge and Uba"; or its own sentence further on, after a word that opens a list:
        "captured dozens of villages from the regime forces, including the villages of Anjara, Hawr and Bala"."""
        counted = self._reference_phrases(name, self._forward_lists)
        if not counted:
            return []
        words = self.streams[name]
        by_sentence: dict[int, list[tuple[Occurrence, str]]] = defaultdict(list)
        for mention, entity in named:
            if mention.term != REFERENCE:
                by_sentence[mention.sentence].append((mention, entity))
        found: list[tuple[str | None, Occurrence]] = []
        for phrase in counted:
            for sentence in range(phrase.sentence, phrase.sentence + 1 + _FORWARD_SENTENCES):
                listed = by_sentence.get(sentence, [])
                opener = next(
                    (
                        m.first
                        for m, _ in listed
                        if (
                            _opened_after(words, phrase.last, m.first)
                            if sentence == phrase.sentence
                            else _lists_forward(words, m.first)
                        )
                    ),
                    None,
                )
                if opener is not None:
                    # the names listed from the opener on, up to what says where they lie ("… and Uba in Damboa")
                    previous: Occurrence | None = None
                    for m, entity in sorted(listed):
                        if m.first < opener or (previous is not None and m.first <= previous.last):
                            continue
                        # (a list may go on past where a group of its names lies: "A, B villages of Fuzuli
                        # province; C, D villages of Khojaly; …")
                        if (
                            previous is not None
                            and (
                                not _listed(words, previous.last, m.first)
                                or any(word in _LOCATING for word in words.words(previous.last + 1, m.first))
                            )
                            and not _relisted(words, previous.last, m.first)
                        ):
                            break
                        found.append((entity, phrase))
                        previous = m
                    break
        return found

    def references(
        self,
        name: Field,
        phrases: tuple[str, ...],
        named: Iterable[tuple[Occurrence, str]],
        no_capital: bool = False,
    ) -> list[tuple[str | None, Occurrence]]:
        """Each word of ``phrases`` in field ``name`` that refers back to a place ("the city", المدينة), with
        the entity of ``named`` (mentions in that field) named last before it, never a capital with
        ``no_capital``: None when none is. A word
        followed by a name ("the city of Hama", or one we do not know: "the town of Marin Gubay") introduces
        that name and refers to nothing: it is left out. A dateline ("MOGADISHU –") is where the report was
        filed: nothing refers back to it."""
        phrases_found = self._reference_phrases(name, phrases)
        if not phrases_found:
            return []  # nothing refers back: the names need not be read
        words = self.streams[name]
        ordered = sorted(
            (m.first, m.last, m.sentence, entity)
            for m, entity in named
            if not _in_dateline(m, words) and not _names_region(m, words)
        )
        # a name the text calls a capital is none of "the town": "its provincial capital Goma"
        called_capital = {first for first, _, _, _ in ordered if first > 0 and words.word(first - 1) in _CAPITAL_NOUNS}
        starts = [first for first, _, _, _ in ordered]
        found: list[tuple[str | None, Occurrence]] = []
        for mention in phrases_found:
            index = bisect_left(starts, mention.first)
            if (
                index < len(starts)
                and starts[index] - mention.last <= _NAME_AFTER_REFERENCE
                and ordered[index][2] == mention.sentence
            ):
                continue
            if _introduces_name(mention, words) or _names_a_quarter(mention, words):
                continue
            # "the town" is no capital: "a briefing in the capital Mogadishu … when they recaptured the town";
            # "the village" no city: "southeast of the regional hub of Kupiansk … the capture of the village"
            noun = words.word(mention.last)
            small = no_capital or noun in self._town_nouns
            tiny = noun in self._village_nouns
            referent = next(
                (
                    entity
                    for first, last, _, entity in reversed(ordered[:index])
                    if last < mention.first
                    and self._kind(entity) != "country"
                    and not (small and (self._is_capital(entity) or first in called_capital))
                    and not (tiny and self._population(entity) > _VILLAGE_POPULATION)
                    and not (noun in self._town_nouns and self._population(entity) > _TOWN_POPULATION)
                ),
                None,
            )
            found.append((referent, mention))
        return found

    def references_to(self, type_: str, name: Field, phrases: tuple[str, ...]) -> list[tuple[str | None, Occurrence]]:
        """:meth:`references` with every entity of ``type_`` found in field ``name`` as the names referred to,
        worked out once per article: each claim about one of them reads them."""
        key = (type_, name, phrases)
        found = self._references_to.get(key)
        if found is None:
            named = [
                (m, entity) for entity, ms in self.entity_occurrences(type_).items() for m in ms if m.field == name
            ]
            found = self._references_to[key] = self.references(name, phrases, named)
        return found

    @cached_property
    def _singular_quarter_nouns(self) -> frozenset[str]:
        """The nouns for one quarter of a city written after its name ("district"; Arabic puts them in front)."""
        return frozenset(noun for noun, plural in self._latin.quarter_nouns.items() if not plural)

    @cached_property
    def _town_nouns(self) -> frozenset[str]:
        return every("town_nouns")

    @cached_property
    def _village_nouns(self) -> frozenset[str]:
        return every("village_nouns")

    def _place(self, entity_id: str) -> Place | None:
        """The gazetteer's place that entity ``entity_id`` is, if it is one."""
        for type_ in self.compiled.ruleset.entities:
            entity = self.compiled.ruleset.entity(type_, entity_id)
            if entity is not None:
                return entity.place
        return None

    def _is_capital(self, entity_id: str) -> bool:
        """Whether ``entity_id`` is a country's capital city (see :attr:`streams.places.Place.capital`)."""
        place = self._place(entity_id)
        return place is not None and place.capital

    def _kind(self, entity_id: str) -> str | None:
        """The kind of place ``entity_id`` is ("country", "region", "city"), None for no place: no word for a town
        refers back to a country ("in Hiran, central Somalia, … took the town")."""
        place = self._place(entity_id)
        return place.kind if place is not None else None

    def _quarter_sized(self, entity_id: str) -> bool:
        """Whether ``entity_id`` may be a city's quarter: a town no rule knows, or a place no bigger than a quarter
        is («حي الشيخ مقصود»; not «حي القدس», a quarter named after a city)."""
        return is_unlisted(entity_id) or self._population(entity_id) <= _QUARTER_POPULATION

    def _population(self, entity_id: str) -> int:
        """How many people live in the place ``entity_id`` is (0: not known, or not a place)."""
        place = self._place(entity_id)
        return place.population if place is not None else 0

    def object_after(self, type_: str, field: Field, last: int) -> frozenset[int] | None:
        """Where the mentions may start that an action ending at word ``last`` is about, when a place is its
        object; None when no place's name follows it.

        The object is a name of ``type_`` or of any place (a country too) right after the action, past the
        words that lead to an object ("captured the town of Kidal", «الانسحاب من لبنان», «السيطرة على مدينة
        حلب»). The action is about that place, the places listed with it ("Aleppo, Hama and Homs", «إدلب وجسر
        الشغور») and any named later in its clause ("took Aleppo on Friday and Hama on Saturday"); never a
        place named before it or past a clause's end: «تمكن من دخول مصر بينما ظلت زوجته في عمان» is not
        news of Amman. A name followed by a possessive leads on to another ("Ukraine's Kharkiv"): no object.
        """
        found = self._object(type_, field, last)
        return found.starts if found is not None else None

    def listed_after(self, type_: str, field: Field, last: int) -> frozenset[int]:
        """Where the mentions start that :meth:`object_after` finds in the one list the object opens ("the
        villages of A, B, …, and H", «قرى رأس العين ومسعدة وبارسا»): the action is about each, however long
        the list."""
        found = self._object(type_, field, last)
        return found.listed if found is not None else frozenset()

    def listed_with(self, type_: str, mentions: Iterable[Occurrence]) -> frozenset[int]:
        """Where the mentions start that are listed with any of ``mentions`` (of ``type_`` and any place, in
        one field): every name of each list they are in, whichever of them an action is near ("A, B, …, and H
        have been liberated", "the liberated villages are A, B, …, and H")."""
        found: set[int] = set()
        for mention in mentions:
            found |= self._lists(type_, mention.field, mention.sentence).get(mention.first, frozenset())
        return frozenset(found)

    def _lists(self, type_: str, field: Field, sentence: int) -> dict[int, frozenset[int]]:
        """The lists of two place names or more in a sentence: where each name of a list starts → where all the
        names of its list start (worked out once per sentence)."""
        key = (type_, field, sentence)
        found = self._sentence_lists.get(key)
        if found is None:
            found = self._sentence_lists[key] = {}
            words = self.streams[field]
            starts = self.places_in(type_, field, sentence)
            # a word that refers back to a place heads a list as its name would ("liberated the town and the
            # villages of A, B and C")
            named = {m.first for m in starts}
            references = [
                r
                for r in self._reference_phrases(field, self._references)
                if r.sentence == sentence and r.first not in named and not _introduces_name(r, words)
            ]
            if references:
                starts = sorted(starts + references)
            inside: set[int] = set()
            begins = frozenset(m.first for m in starts)
            for position, head in enumerate(starts):
                if head.first in found or head.first in inside:
                    continue
                listed = _list_from(words, starts[position + 1 :], head, begins, list_only=True).listed
                if len(listed) > 1:
                    found.update(dict.fromkeys(listed, listed))
                    # a place named inside a list and not in it says where its names lie («قرى A وB بمحافظة
                    # خوجالي، وقرى C»): it opens no list of its own
                    inside.update(m.first for m in starts if min(listed) < m.first < max(listed))
        return found

    def _object(self, type_: str, field: Field, last: int) -> _Object | None:
        key = (type_, field, last)
        if key in self._objects:
            return self._objects[key]
        words = self.streams[field]
        start = _object_start(words, last + 1)
        self._objects[key] = found = self._object_at(type_, words, field, start, words.sentence_of(last))
        return found

    def _object_at(self, type_: str, words: WordStream, field: Field, index: int, sentence: int) -> _Object | None:
        """:meth:`_object`, from ``index``, where the words leading to an object start; the object stands in the
        action's ``sentence`` ("Homs has fallen. The city is …" has none)."""
        town = False
        # a count in front of the towns an inclusion then names leads to them too ("captured 12 villages in Hama,
        # including …"); with no inclusion the count is the object ("captured two villages near Bakhmut")
        included = _included_from(words, index, sentence)
        while (
            index < words.word_count
            and not mark_before(words, index)
            and (
                _leads_object(words, index)
                or (
                    included is not None
                    and (_counts_towns(words, index) or _among(words.word(index), _SETTLEMENT_NOUNS))
                )
                or (
                    _describes_town_noun(words, index)
                    and all(m.first != index for m in self.places_in(type_, field, sentence))
                )
            )
        ):
            # (with an inclusion after them, the nouns with an article too: «على عدد من القرى»)
            town = town or (
                _among(words.word(index), _SETTLEMENT_NOUNS)
                if included is not None
                else words.word(index) in _SETTLEMENT_NOUNS
            )
            index += 1
        if index >= words.word_count or mark_before(words, index) or words.sentence_of(index) != sentence:
            return None
        starts = self.places_in(type_, field, words.sentence_of(index))
        if words.word(index) in _SURNAME_ARTICLES and any(m.first == index + 1 for m in starts):
            index += 1  # a known name written with an article its alias lacks: "the villages of al-Dab'a, …"
        chain = [m for m in starts if m.first == index]
        if not chain:
            # "captured the village of Krokhmalne near Kupiansk", «على بلدة كولوديزي في دونيتسك», "took Sabr in
            # Lahij", «سيطرت على صبر في لحج»: a town we do not know (after a noun for a town, or a name that a
            # place locates) is the object; only the names listed with it are news
            if not town and not _located_name(words, index, starts):
                return None
            heads = [m for m in starts if town and m.first == included]
            if heads:
                # "seized 12 villages in Hama this week, including Tal Sultan, Abu Dali and Umm Jalal", «سيطرت على
                # عدد من القرى في الريف الغربي، بينها المزرعة ولبين»: the towns the word names are the object
                begins = frozenset(m.first for m in starts)
                return _list_from(words, [m for m in starts if m.first > heads[0].first], heads[0], begins)
            # (no list past a name not read: "liberate key village on their way to Berdyansk and Mariupol")
            return _Object(
                frozenset(m.first for m in starts if m.first > index and _listed(words, index, m.first)), frozenset()
            )
        if possessive_after(words, chain[0].last):
            return None  # "Ukraine's Kharkiv"
        begins = frozenset(m.first for m in starts)
        return _list_from(words, [m for m in starts if m.first > index], chain[0], begins)

    def places_in(self, type_: str, field: Field, sentence: int) -> list[Occurrence]:
        """The mentions of ``type_`` and of any place in a sentence, one per first word, in text order (worked out
        once per sentence: every action in it looks for its object there)."""
        key = (type_, field, sentence)
        found = self._places_by_sentence.get(key)
        if found is None:
            named = {
                m.first: m
                for place_type in {type_, *self.compiled.ruleset.place_types}
                for _, m in self.mentions_by_sentence(place_type).get((field, sentence), ())
            }
            found = self._places_by_sentence[key] = sorted(named.values())
        return found

    def reference_at(
        self, type_: str, field: Field, word: int, targets: bool = False
    ) -> tuple[str | None, Occurrence] | None:
        """The reference ("the city") that starts at ``word``, with the entity of ``type_`` it refers to (None:
        no place is named before it) among the mentions of :meth:`near_mentions` (with ``targets``); None
        when no reference starts there."""
        self.near_mentions(type_, targets=targets)
        return self._references_at[(type_, targets)].get((field, word))

    def evidence_span(self, occurrence: Occurrence) -> tuple[int, int, str]:
        """[start, end) of ``occurrence`` in the original text and the snippet around it, worked out once per article."""
        key = (occurrence.field, occurrence.first, occurrence.last)
        found = self._spans.get(key)
        if found is None:
            words = self.streams[occurrence.field]
            start, end = words.original_span(occurrence.first, occurrence.last)
            found = self._spans[key] = (start, end, snippet(words.original, start, end))
        return found

    def _regexes_matching(self, index: int, name: Field) -> frozenset[str] | None:
        """The regexes of set ``index`` of ``CompiledRules.regexes`` that match somewhere in field ``name`` (None:
        unknown, the set could not be built)."""
        key = (index, name)
        if key in self._matching:
            return self._matching[key]
        regexes = self.compiled.regexes.sets[index]
        matching = self._matching[key] = None if regexes is None else regexes.matching(self.streams[name].stream)
        return matching

    def may_match(self, patterns: frozenset[str]) -> bool:
        """Whether one of the rules' regexes ``patterns`` may match in a field of the article (False: none does)."""
        for index in self.compiled.regexes.holding(patterns):
            for name in self.streams:
                matching = self._regexes_matching(index, name)
                if matching is None or not patterns.isdisjoint(matching):
                    return True
        return False

    def pattern_may_match(self, pattern: str) -> bool:
        """Whether the rules' regex ``pattern`` may match in a field of the article (False: it does not); asked
        for every regex leaf of a rule read, so it is one look-up once the regex sets have run."""
        index = self.compiled.regexes.set_of[pattern]
        try:
            anywhere = self._anywhere[index]
        except KeyError:
            anywhere = frozenset()
            for name in self.streams:
                matching = self._regexes_matching(index, name)
                anywhere = None if matching is None or anywhere is None else anywhere | matching
            self._anywhere[index] = anywhere
        return anywhere is None or pattern in anywhere

    def regex_occurrences(self, leaf: RegexLeaf, name: Field) -> list[Occurrence]:
        """Matches of a regex leaf in one field, as word ranges.

        A pattern with a group named ``at`` stands where that group matched, the rest of the match being
        its context: «سيطرت (subject…) على» is near the place after «على», not the places of its subject.
        Such a match stays inside one sentence (the normalised text has no punctuation to stop it).
        """
        key = (leaf.pattern, name, leaf.before_published)
        found = self._regex.get(key)
        if found is None:
            found = self._regex[key] = []
            matching = self._regexes_matching(self.compiled.regexes.set_of[leaf.pattern], name)
            if matching is not None and leaf.pattern not in matching:
                return found
            words = self.streams[name]
            stream = words.stream
            at = leaf.at_group
            seen: set[tuple[int, int]] = set()
            for match in leaf.regex.finditer(stream) if at is None else _overlapping(leaf.regex, stream):
                if leaf.before_published is not None and not self._dated_before(match, leaf.before_published):
                    continue
                start, end = match.start(), match.end() - 1
                phrase = None
                if at is not None:
                    if match.start(at) < 0 or words.sentence_of(words.word_at(start + 1)) != words.sentence_of(
                        words.word_at(max(end - 1, start))
                    ):
                        continue
                    phrase = words.word_at(start + 1)
                    if match.end(at) < match.end() - 1 and self._opens_name(name, words.word_at(end - 1)):
                        continue
                    start, end = match.start(at), match.end(at) - 1
                    if (start, end) in seen:
                        continue
                    seen.add((start, end))
                # The stream pads words with spaces; evidence is the words themselves.
                while start <= end and stream[start] == " ":
                    start += 1
                while end >= start and stream[end] == " ":
                    end -= 1
                if start <= end:
                    occurrence = self._occurrence(name, start, end, leaf.pattern)
                    found.append(occurrence)
                    if phrase is not None and phrase < occurrence.first:
                        self.phrase_starts[occurrence] = phrase
        return found

    def _dated_before(self, match: re2._Match, before: timedelta) -> bool:
        """Whether the date a match's groups ``day``, ``month`` and ``year`` name ends at least ``before``
        before the article was published (never, for an undated article)."""
        if self.published is None:
            return False
        groups = match.groupdict()
        named = last_day_named(groups.get("day"), groups.get("month"), groups.get("year"), self.published)
        return named is not None and self.published - named >= before


# "the city of Hama", "the town, Hama": a reference with a name this close after it is that name's.
_NAME_AFTER_REFERENCE = 2
# "A town" refers to a town named in one of this many sentences after it.
_FORWARD_SENTENCES = 3
# Words between a list's opener and its first name in the sentence of the count: "including the villages of".
_OPENED_WITHIN = 4
# What a list of towns a counted noun announced opens with: "The towns include …".
_LIST_OPENERS = every("list_openers")
# The plural nouns for towns: what a colon may go on to name ("three villages:"), what counts towns a later
# sentence lists ("more towns … The towns include").
PLURAL_TOWN_NOUNS = frozenset(
    noun for language in languages().values() for noun, plural in language.unlisted_town_nouns.items() if plural
)
# A quarter is no bigger than this (Damascus's Yarmouk is 100,000 in GeoNames): a bigger place named after a noun
# for quarters is a city a quarter is named after («حي القدس»).
_QUARTER_POPULATION = 100_000
# "The village" refers to no place bigger than this: GeoNames' villages stay under it, towns pass it.
_VILLAGE_POPULATION = 20_000
# "The town" refers to no place bigger than this: "… areas including Homs and Damascus. Government forces withdrew
# from the town" is the Palmyra of the headline.
_TOWN_POPULATION = 500_000
# The words between an action and a place that is its object ("took control of the town of"), and those
# between the places of a list ("Aleppo, Hama and the town of Homs").
_OBJECT_LEADS = every("object_leads") | every("articles") | every("settlement_nouns") | every("list_openers")
_COORDINATORS = every("coordinators")
_SETTLEMENT_NOUNS = every("settlement_nouns")
_OBJECT_MARKERS = every("object_markers")
# The words of a subject between a verb and its object that the object's marker may stand past.
_SUBJECT_WORDS = 8
# The nouns for towns that open an object past the subject, in the languages that put it there (those that
# mark an object: Arabic «على»); in English a noun after the verb is inside its object ("took Kupiansk and
# the town of Kivsharivka").
_TOWN_NOUNS_PAST_SUBJECT = frozenset().union(
    *(language.settlement_nouns for language in languages().values() if language.object_markers)
)
_LIST_WORDS = _COORDINATORS | every("articles") | every("settlement_nouns") | every("list_openers") | _OBJECT_MARKERS
# Given names between a title and a person's last name ("General Tar Bone Kyaw").
_PERSON_NAME_WORDS = 3
# At most this frequent (Zipf) is a word that opens a sentence in front of a speaker's family name his given name
# ("Haqi Kobane told"; Mohammed 3.75), not "In" or "The" of the sentence.
_GIVEN_NAME_ZIPF = 4.5
# What a list word may carry in front of it: «والقرى المحيطة مثل», «وبلدة».
_LIST_WORD_PREFIXES = every("definite_prefixes") | every("conjunctions")
# The phrases that add to a list ("as well as", «بالإضافة إلى»), as words.
ADDITIONS = frozenset(tuple(phrase.split()) for phrase in every("additions"))

# "a military source in Homs", «مراسل جبهة النصرة في إدلب»: how far in front of "in" the reporter may stand.
_REPORTER_REACH = 3

# "X in (southern) Y": how far back X may stand (the words are each language's ``locating`` and ``regions``).
_LOCATED_REACH = 6
_LOCATING_PROCLITICS = every("locating_proclitics")
_PROCLITICS = every("proclitics")


def _list_from(
    words: WordStream,
    following: Sequence[Occurrence],
    head: Occurrence,
    begins: Collection[int],
    *,
    list_only: bool = False,
) -> _Object:
    """The mentions of a sentence past ``head`` (``following``, in text order; ``begins``: where every mention
    of the sentence starts) that an action whose object opens at ``head`` is about: those past it in its clause,
    and of them the ones in the list ``head`` opens ("A, B villages of Fuzuli district, and C villages of
    Khojavend district", «قرى A وB بمحافظة فضولي، وقرى C»); with ``list_only`` the list alone, read no further
    than its end."""
    index = head.first
    eligible = {index}
    in_list = {index}
    listing = True
    # the list's last name was followed by where it lies: «قرى A وB بمحافظة فضولي، وقرى C بمحافظة خوجالي»
    located = False
    previous = head
    for mention in following:
        if list_only and not listing:
            break
        # a parenthesis after a name says where it lies: "Aybasanli (in Fuzuli), Sarafsha"; rare words after a
        # known name are the rest of a longer one («قرى قوبو ديلاجاردا ويال بير أحمدلي»)
        last = _rest_of_name(words, parenthesis_end(words, previous.last), begins)
        if listing and previous.first in in_list:
            last = _apposition_end(words, last)
        if mention.first <= last:
            continue
        if listing and previous.first in in_list and _locates_list(words, last, mention.first):
            located = True
        elif listing and located and _locates_further(words, last, mention.first):
            pass  # where the list lies, told in steps: «قرية A في منطقة دونيتسك بشرق أوكرانيا، وقرية B»
        elif listing and located and mark_before(words, mention.first) and _closes_location(words, last, mention.first):
            # the next group of names after the district's noun: "A, B villages of Fuzuli province; C, D villages of …"
            located = False
            in_list.add(mention.first)
        elif listing and previous.first in in_list and _relisted(words, last, mention.first):
            # where the list lies, not read as a place, and a noun for towns opening it again: «… وعلي عسكرلي
            # بمحافظة فضولي، وقرى دميرجيلر …»
            located = False
            in_list.add(mention.first)
        elif _listed(words, last, mention.first):
            joined = _joined(words, last, mention.first)
            closed = located and _closes_location(words, last, mention.first)
            listing = listing and (closed or (joined and (not located or _renews_list(words, last, mention.first))))
            located = False
            if listing:
                in_list.add(mention.first)
        elif clause_break(words, last, mention.first):
            break
        else:
            listing = False
        eligible.add(mention.first)
        previous = mention
    return _Object(frozenset(eligible), frozenset(in_list))


# Words that may describe a noun for towns in front of it: "the mining towns of", "the two key border villages of".
_TOWN_NOUN_ADJECTIVES = 3


def _describes_town_noun(words: WordStream, index: int) -> bool:
    """Whether word ``index`` describes a noun for towns and its name link that follow it within
    ``_TOWN_NOUN_ADJECTIVES`` words, with no mark between ("captured the mining towns of Lumbishi"; a count
    before a noun with no link is the count's: "three villages in Donetsk: …"); only in Latin script, where
    adjectives stand in front (an Arabic noun in front of one for a town heads it: «ريف مدينة اللاذقية» is the
    countryside)."""
    if is_arabic_letter(words.word(index)[:1]):
        return False
    for ahead in range(index + 1, min(index + 1 + _TOWN_NOUN_ADJECTIVES, words.word_count)):
        if mark_before(words, ahead):
            return False
        if words.word(ahead) in _SETTLEMENT_NOUNS:
            following = ahead + 1
            return following < words.word_count and words.word(following) in _NAME_LINKS
    return False


# How far past a noun for towns the word that names some of them may stand ("12 villages in Hama province this
# week, including", «عدد من القرى في الريف الغربي لحلب، بينها»).
_INCLUDED_WITHIN = 12
_INCLUSIONS = every("inclusions")
_INCLUSION_TAILS = every("inclusion_tails")
# How many words may complete an inclusion: «بما في ذلك».
_INCLUSION_TAIL_WORDS = 2


def _included_from(words: WordStream, index: int, sentence: int) -> int | None:
    """Where the names start that a word naming some of the towns before it introduces (see ``inclusions``),
    within ``_INCLUDED_WITHIN`` words of word ``index`` in its clause ("12 villages in Hama, including Tal
    Sultan"); None when no such word follows."""
    for ahead in range(index, min(index + _INCLUDED_WITHIN, words.word_count - 1)):
        if words.sentence_of(ahead) != sentence or is_connector(words.word(ahead)):
            return None
        if words.word(ahead) in _INCLUSIONS:
            # past the words that complete the inclusion («بما في ذلك») and those that then open the list:
            # «والمتمثلة بكل من: …»
            start = ahead + 1
            while (
                start < min(ahead + 1 + _INCLUSION_TAIL_WORDS, words.word_count)
                and words.word(start) in _INCLUSION_TAILS
            ):
                start += 1
            while start < min(ahead + 1 + _LIST_OPENER_WORDS, words.word_count) and words.word(start) in _LIST_OPENERS:
                start += 1
            # and the first name's noun: «بكل من: بلدة ترملا، وكرسعة»
            if start + 1 < words.word_count and words.word(start) in _SETTLEMENT_NOUNS:
                start += 1
            return start
    return None


_LIST_OPENERS = every("list_openers")
# Words that open a list after the word that names some of the towns before it: «بكل من».
_LIST_OPENER_WORDS = 2


_QUANTITIES = every("quantities")
_SURNAME_ARTICLES = every("surname_articles")
# Words of a count in front of its noun for towns: "a string of", "more than 20", «عدد من».
_COUNT_WORDS = 3


def _counts_towns(words: WordStream, index: int) -> bool:
    """Whether word ``index`` (digits or a word of ``quantities``) counts a noun for towns that follows within
    ``_COUNT_WORDS`` words of a count or that lead to an object ("a string of villages", «عدد من القرى»)."""
    if not (words.word(index).isdigit() or words.word(index) in _QUANTITIES):
        return False
    for ahead in range(index + 1, min(index + 1 + _COUNT_WORDS, words.word_count)):
        word = words.word(ahead)
        if _among(word, _SETTLEMENT_NOUNS):
            return True
        if mark_before(words, ahead) or not (word.isdigit() or word in _QUANTITIES or word in _OBJECT_LEADS):
            return False
    return False


def _leads_object(words: WordStream, index: int) -> bool:
    """Whether word ``index`` leads to an action's object (see ``object_leads``), as does a coordinator between
    two nouns for towns ("the villages and towns of Karsian"), or the second noun with it glued on («قرى ومناطق»)."""
    word = words.word(index)
    return (
        word in _OBJECT_LEADS
        or (
            word in _COORDINATORS
            and index > 0
            and words.word(index - 1) in _SETTLEMENT_NOUNS
            and index + 1 < words.word_count
            and words.word(index + 1) in _SETTLEMENT_NOUNS
        )
        or (
            index > 0
            and (noun := without_conjunction(word)) != word
            and noun in _SETTLEMENT_NOUNS
            and _among(words.word(index - 1), _SETTLEMENT_NOUNS)
        )
    )


def _object_start(words: WordStream, index: int) -> int:
    """Where an action's object starts, the action ending before word ``index``: at once, or in a language
    that puts the subject between a verb and its object past the subject, at the word that opens the
    object («سيطرت فصائل المعارضة أمس على مدينة حماة») or a noun for towns («استعادت فرقة المشاة عدة قرى»),
    within a few words of its clause."""
    if index >= words.word_count or words.word(index) in _OBJECT_LEADS:
        return index
    for ahead in range(index, min(index + _SUBJECT_WORDS, words.word_count)):
        if ahead > index and (mark_before(words, ahead) or is_connector(words.word(ahead))):
            break
        if words.word(ahead) in _OBJECT_MARKERS:
            return ahead
        if ahead > index and words.word(ahead) in _TOWN_NOUNS_PAST_SUBJECT:
            # «استعادت فرقة المشاة عدة قرى منها…»: a noun for towns after the subject opens the object
            return ahead
    return index


# Words of a name past the part a known name covers: «قوبو ديلاجاردا».
_REST_OF_NAME = 2


# Words an apposition after a listed name may have ("the capital of Takhar province").
_APPOSITION_WORDS = 8


def _apposition_end(words: WordStream, last: int) -> int:
    """The last word of an apposition after the listed name that ends at word ``last`` (see
    :func:`apposition_end`), where the list goes on past it: a comma and an article open it, a comma and a
    coordinator close it ("Taloqan, the capital of Takhar province, and Kunduz"); ``last`` where none does."""
    opening = last + 1
    if not (opening < words.word_count and between(words, opening).strip() == "," and words.word(opening) in _ARTICLES):
        return last
    end = apposition_end(words, last, min(opening + _APPOSITION_WORDS, words.word_count - 1))
    following = end + 1 if end is not None else words.word_count
    closes = (
        following < words.word_count
        and words.sentence_of(following) == words.sentence_of(last)
        and between(words, following).strip() == ","
        and words.word(following) in _COORDINATORS
    )
    return end if end is not None and closes else last


def _rest_of_name(words: WordStream, last: int, begins: Collection[int]) -> int:
    """The last word of the name that ends at word ``last`` or goes on past it in rare words (no mark, no other
    mention, each below the Zipf of a transliteration): «قوبو» of «قوبو ديلاجاردا»."""
    end = last
    while (
        end + 1 < words.word_count
        and end - last < _REST_OF_NAME
        and end + 1 not in begins
        and not mark_before(words, end + 1)
        and words.sentence_of(end + 1) == words.sentence_of(last)
        and _transliterated(words.word(end + 1))
    ):
        end += 1
    return end


def _transliterated(word: str) -> bool:
    """Whether ``word`` is as rare as a transliterated name in its script's language (no coordinator on it)."""
    if coordinates(word):
        return False
    code = "ar" if word and is_arabic_letter(word[0]) else "en"
    return folded_zipf(word, code) < COMMON_ZIPF_LOCATED


def _listed(words: WordStream, last: int, first: int) -> bool:
    """Whether the name starting at word ``first`` is listed with the one ending at word ``last``: only
    coordinators, articles and nouns for a town between them ("Aleppo, Hama and the town of Homs") or one
    phrase that adds to a list ("Pokrovsk as well as the town of Vovchansk"), or a coordinator in front of it
    past an apposition ("Hama, the fourth city, and Homs")."""
    if _joined(words, last, first):
        return True
    # (or a phrase that adds to it past an apposition a comma closes: "Hama, the fourth city, as well as Homs")
    lead = first
    while lead > last + 1 and words.word(lead - 1) in _OBJECT_LEADS:
        lead -= 1
    if any(
        lead - len(phrase) > last
        and tuple(words.words(lead - len(phrase), lead)) == phrase
        and mark_before(words, lead - len(phrase))
        for phrase in ADDITIONS
    ):
        return True
    between = range(last + 1, first)
    if any(is_connector(words.word(index)) for index in between):
        return False
    # the coordinator may be written on the name or on the noun in front of it («وبلدة حماة», «وحماة»)
    lead = first
    while lead > last and not coordinates(words.word(lead)):
        if lead < first and words.word(lead) not in _OBJECT_LEADS:
            return False
        lead -= 1
    return lead > last


def _joined(words: WordStream, last: int, first: int) -> bool:
    """Whether only coordinators, articles and nouns for a town, or one phrase that adds to a list, stand
    between the name ending at word ``last`` and the one starting at word ``first`` (see :func:`_listed`)."""
    between = words.words(last + 1, first)
    # (the next name may be written with an article its alias lacks: "Dorvalka and En Nuhud")
    return _only_list_words(between) or (
        bool(between) and between[-1] in _SURNAME_ARTICLES and _only_list_words(between[:-1])
    )


def _only_list_words(between: Sequence[str]) -> bool:
    """Whether ``between`` holds only coordinators, articles and nouns for a town, or one phrase that adds to a
    list (see :func:`_joined`)."""
    between = _without_facilities(between)
    coordinated = list(accumulate((coordinates(word) for word in between), operator.or_, initial=False))
    # a name link after a noun for towns too, where a coordinator opens them: "and the village of" (not "A villages
    # of Fuzuli": there the names come first, and what follows is where they lie)
    rest = tuple(
        word
        for index, word in enumerate(between)
        if not (
            _list_word(word)
            or (word in _NAME_LINKS and index and _among(between[index - 1], _SETTLEMENT_NOUNS) and coordinated[index])
            # and words that describe a noun for towns after a coordinator: "and the strategically important
            # city Kunduz" (Latin script: adjectives stand in front)
            or (
                not is_arabic_letter(word[:1])
                and coordinated[index]
                and any(
                    _among(after, _SETTLEMENT_NOUNS) for after in between[index + 1 : index + 1 + _TOWN_NOUN_ADJECTIVES]
                )
            )
        )
    )
    return not rest or any(
        rest[: len(phrase)] == phrase and all(word in _OBJECT_LEADS for word in rest[len(phrase) :])
        for phrase in ADDITIONS
    )


def _without_facilities(between: Sequence[str]) -> Sequence[str]:
    """``between`` without the facilities a list of towns names among them, each from its coordinated noun up to
    the next coordinated word: «وبشنطرة وجمعية الكهرباء الثانية ومجينة» lists two towns."""
    kept: list[str] = []
    inside = False
    for word in between:
        if coordinates(word):
            inside = without_conjunction(word) in ARABIC_FACILITIES
        if not inside:
            kept.append(word)
    return kept


# Words between a list's last name and the place that says where the list lies: «بمحافظة», "in", "in the".
_LOCATOR_WORDS = 2


def _locates_list(words: WordStream, last: int, first: int) -> bool:
    """Whether the name starting at word ``first`` says where the list ending at word ``last`` lies: a word
    that locates, or carries a proclitic that does, then at most one more word («بمحافظة فضولي», "in the
    Fuzuli district"), or a bearing («شرقي إدلب», «جنوب شرقي إدلب», "east of Idlib")."""
    between = words.words(last + 1, first)
    if not between or len(between) > _LOCATOR_WORDS or mark_before(words, first):
        return False
    if between[0] in _ALL_BEARINGS and all(word in _ALL_BEARINGS or word in _NAME_LINKS for word in between[1:]):
        return True
    lead = between[0]
    if lead in _SETTLEMENT_NOUNS and between[1:] and between[1] in _NAME_LINKS:
        return _district_follows(words, first)  # "Garakollu villages of Fuzuli district"
    carries = without_locating(lead, _LOCATING_PROCLITICS) is not None
    return (lead in _LOCATING or carries) and not any(coordinates(word) for word in between[1:])


def _locates_further(words: WordStream, last: int, first: int) -> bool:
    """Whether the place starting at word ``first`` says where the one ending at word ``last`` lies, itself where
    a list lies: «في منطقة دونيتسك بشرق أوكرانيا», "in the Donetsk region of eastern Ukraine"."""
    between = [
        word
        for word in words.words(last + 1, first)
        if word not in _DISTRICT_OR_REGION_NOUNS and word not in _REGION_WORDS and word not in _ARTICLES
    ]
    if not between or len(between) > _LOCATOR_WORDS or mark_before(words, first):
        return False
    lead = between[0]
    carries = without_locating(lead, _LOCATING_PROCLITICS) is not None
    return lead in _LOCATING or lead in _NAME_LINKS or carries


def _closes_location(words: WordStream, last: int, first: int) -> bool:
    """Whether only the noun of the district that locates a list, marks and coordinators stand between word
    ``last`` and word ``first`` ("Fuzuli district, and Bulutan"): the list goes on."""
    between = words.words(last + 1, first)
    nouns = [word for word in between if word in _DISTRICT_OR_REGION_NOUNS]
    return bool(nouns) and all(word in nouns or _list_word(word) for word in between)


# Words between a list's name and the noun that opens it again: a name not read, where the list lies, «، وقرى».
_RELISTED_WITHIN = 6
# The words of the noun an addition opens ("as well as the town of"): the article, the noun and its link.
_ADDED_NOUN_WORDS = 3


def _relisted(words: WordStream, last: int, first: int) -> bool:
    """Whether a list ending at word ``last`` goes on at word ``first`` past where it lies and a noun for towns
    that opens it again, however the words between were read («وعلي عسكرلي بمحافظة فضولي، وقرى»), or past the
    noun that follows its names and the district it names ("… villages of Fuzuli district, Takranka …")."""
    between = words.words(last + 1, first)
    # a phrase that adds to a list is no connector, and its words and its noun's do not count ("in the same
    # province, as well as the town of Bweremana")
    plain = list(between)
    for phrase in ADDITIONS:
        for start in range(len(plain) - len(phrase) + 1):
            if tuple(plain[start : start + len(phrase)]) == phrase:
                plain[start : start + len(phrase)] = [""] * len(phrase)
    added = plain.count("")
    reach = _RELISTED_WITHIN + (added + _ADDED_NOUN_WORDS if added else 0)
    if not between or len(between) > reach or any(is_connector(word) for word in plain if word):
        return False
    locates = any(word in _LOCATING or without_locating(word, _LOCATING_PROCLITICS) is not None for word in between)
    if locates and _renews_list(words, last, first):
        return True
    # another noun for towns joined to the list, its names after a comma (and a word that opens a list) or a
    # name link: "captured Qalaat al-Madiq and two nearby villages, Tal Hawash and al-Karkat", "Lysychansk and
    # other nearby towns, notably Belogorovka", "Aleppo and the nearby town of Anadan"
    opened = len(between)
    while opened > 1 and between[opened - 1] in _LIST_OPENERS:
        opened -= 1
    if between[0] in _COORDINATORS and (
        (between[opened - 1] in _SETTLEMENT_NOUNS and mark_before(words, last + 1 + opened))
        or (len(between) > 2 and between[-2] in _SETTLEMENT_NOUNS and between[-1] in _NAME_LINKS)
    ):
        return True
    # names in front of their noun, list after list: "A, B villages of Fuzuli district, C, D villages of …", "A, B
    # villages of Khojaly; C, D villages of …" (a district's name alone, its words capitalised)
    return (
        len(between) > 2
        and between[0] in _SETTLEMENT_NOUNS
        and between[1] in _NAME_LINKS
        and (
            any(word in _DISTRICT_OR_REGION_NOUNS for word in between[2:])
            or (
                len(between) - 2 <= _DISTRICT_NAME_WORDS
                and all(_written_capitalised(words, index) for index in range(last + 3, first))
            )
        )
        and mark_before(words, first) | coordinates(words.word(first - 1))
    )


def _renews_list(words: WordStream, last: int, first: int) -> bool:
    """Whether a noun for towns opens the names again between word ``last`` and word ``first`` («، وقرى»)."""
    return any(_among(word, _SETTLEMENT_NOUNS) for word in words.words(last + 1, first))


def _list_word(word: str) -> bool:
    """Whether ``word`` is one that stands between the names of a list, also with a prefix (see ``_joined``)."""
    return _among(word, _LIST_WORDS)


def _among(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` is in ``vocabulary``, also with an article or a conjunction in front of it («والقرى»)."""
    return word in vocabulary or any(
        word.startswith(prefix) and word[len(prefix) :] in vocabulary for prefix in _LIST_WORD_PREFIXES
    )


def _located_name(words: WordStream, index: int, places: list[Occurrence]) -> bool:
    """Whether word ``index`` is a name that "in" and a place follow, so that the place locates it: a capitalised
    word, or in a script without capitals a word right after an object marker (the word after an Arabic verb
    is its subject as often as not: «توغلت الفصائل في حمص»)."""
    where = index + 1
    if where + 1 >= words.word_count or words.word(where) not in _LOCATING:
        return False
    if not any(m.first == where + 1 for m in places):
        return False
    start, _ = words.original_span(index, index)
    return words.original[start : start + 1].isupper() or (index > 0 and words.word(index - 1) in _OBJECT_MARKERS)


def _introduces_name(reference: Occurrence, words: WordStream) -> bool:
    """Whether a reference is followed by a link word and a capitalised word: "the town of Marin Gubay"
    names a town the rules may not know, it does not refer back to the place named before."""
    link, name = reference.last + 1, reference.last + 2
    if (
        name >= words.word_count
        or words.word(link) not in every("name_links")
        or words.sentence_of(name) != reference.sentence
    ):
        return False
    start, _ = words.original_span(name, name)
    return words.original[start : start + 1].isupper()


def _names_a_quarter(reference: Occurrence, words: WordStream) -> bool:
    """Whether a reference is followed by a word that ends a place's name: «البلدة القديمة» (the old town) is
    a quarter of a town, not the town named before."""
    following = reference.last + 1
    return (
        following < words.word_count
        and words.sentence_of(following) == reference.sentence
        and not mark_before(words, following)
        and words.word(following) in _NAME_TAILS
    )


def _names_a_nation(alias: str) -> bool:
    """Whether a party's alias may name its nation: Latin words with a capital ("Iraqi forces"), or Arabic ones
    of two words or more («الجيش العراقي»)."""
    if alias.isascii():
        return alias != alias.lower()
    return len(alias.split()) > 1


def _names_thing(mention: Occurrence, words: WordStream) -> bool:
    """Whether a noun stands right after ``mention`` in its clause, so that the name is part of another
    thing's name ("Garowe Online", "the Hama countryside") rather than a place that owns it ("Aleppo's")."""
    following = mention.last + 1
    return (
        following < words.word_count
        and words.word(following) != "s"
        and words.sentence_of(following) == mention.sentence
        and not mark_before(words, following)
    )


def _after_initials(mention: Occurrence, words: WordStream) -> bool:
    """Whether a hyphen joins ``mention`` to initials in front of it: a unit of a party named after the place it
    fights in ("the PDF-Sagaing said"), which is no mention of the place."""
    if not hyphenated(words, mention.first):
        return False
    start, end = words.original_span(mention.first - 1, mention.first - 1)
    initials = words.original[start:end]
    return len(initials) > 1 and initials.isupper()


def _in_dateline(mention: Occurrence, words: WordStream) -> bool:
    """Whether ``mention`` is in a dateline: a sentence closed by a dash (the normaliser makes a dateline a sentence
    of its own: "MOGADISHU –" opening the text, "… (AFP photo) ADEN — Troops …" after a caption), or by a colon
    opening a line ("Kabul: …"), or the first sentence closed by a bracket after a dash inside it ("OUTLET- PLACE
    (REPORTER)")."""
    sentence = mention.sentence
    starts = words.sentence_starts
    if sentence >= len(starts) or starts[sentence] >= words.word_count:
        return False
    first = starts[sentence - 1] if sentence else 0
    if sentence and starts[sentence] - first > _DATELINE_WORDS:
        return False
    end = words.original_span(starts[sentence] - 1, starts[sentence] - 1)[1]
    between = words.original[end : words.original_span(starts[sentence], starts[sentence])[0]]
    if any(mark in DATELINE_DASHES for mark in between):
        return True
    if ":" in between and _opens_line(words, first):
        return True  # "Kabul: Wakhan district fell …"
    return (
        sentence == 0
        and words.original[end - 1 : end] == ")"
        and any(mark in DATELINE_DASHES for mark in words.original[:end])
    )


# A dateline further into a text names a place and its country: "Malakal, South Sudan".
_DATELINE_WORDS = 5


def _opens_line(words: WordStream, first: int) -> bool:
    """Whether word ``first`` opens a line of the text, past a country in capitals ("AFGHANISTAN. Kabul:")."""
    start = words.original_span(first, first)[0]
    line = words.original[words.original.rfind("\n", 0, start) + 1 : start].strip()
    return not line or (line.endswith(".") and line[:-1].isalpha() and line[:-1].isupper())


def _without_article(name: str, article: str) -> str:
    """A folded name without the article in front of it («الغريان» → «غريان»), a name of two letters kept whole."""
    return name[len(article) :] if article and name.startswith(article) and len(name) > len(article) + 2 else name


def _written_capitalised(words: WordStream, index: int) -> bool:
    """Whether word ``index`` is written with a capital, as a name in Latin script is."""
    start, end = words.original_span(index, index)
    return words.original[start:end][:1].isupper()


def _names_region(mention: Occurrence, words: WordStream) -> bool:
    """Whether ``mention`` names a province, or only says where another place lies: a province's noun
    follows it at once ("Hama province"), or a plural noun for towns and their names ("the Donetsk villages
    of Uspenivka and Trudove"), a district's noun after "in" or a settlement's "of" (see ``district_nouns``),
    or a province's noun comes in front of it with a name link ("the state of Sennar", "the countryside of
    Aleppo"); or a bearing does ("45 km east of Jowhar", "north-west of the capital Mogadishu", see
    ``bearings``), or it ends a stretch ("between Aleppo and Damascus", see ``between``)."""
    if _between(mention, words) or _listed_after_region_noun(mention, words):
        return True
    locator = mention.first - 1
    if (
        locator > 0
        and (words.word(locator) in _PROXIMITY or words.word(locator) in _LOCATING)
        and words.word(locator - 1) in _SETTLEMENT_NOUNS
        and not mark_before(words, mention.first)
        and not mark_before(words, locator)
    ):
        return True  # "three villages beyond Velyka Novosilka", "a town near Homs", "villages in Donetsk"
    # and in an apposition or right after a name: "reached Saraqib, near Idlib", "the city of Hama, near the capital
    # Damascus", "the town of Saraqib near Idlib"
    while locator > 0 and words.word(locator) in _ARTICLES | _CAPITAL_NOUNS and not mark_before(words, locator + 1):
        locator -= 1
    if (
        locator > 0
        and words.word(locator) in _PROXIMITY
        and (mark_before(words, locator) or _written_capitalised(words, locator - 1))
        and not mark_before(words, locator + 1)
    ):
        return True
    following = mention.last + 1
    # (not across a mark: "Homs, state media said")
    if (
        following < words.word_count
        and words.word(following) in _REGION_NOUNS_AFTER
        and not mark_before(words, following)
    ):
        return True
    if (
        following + 1 < words.word_count
        and words.word(following) in _TOWN_NOUNS_AFTER
        and words.word(following + 1) in _NAME_LINKS
        and not _district_follows(words, following + 2)
        # (not the last of names listed in front of the noun: "Chanagchi, Signaq villages of Khojaly")
        and not (
            mention.first > 0 and (mark_before(words, mention.first) or coordinates(words.word(mention.first - 1)))
        )
    ):
        # "the eastern Donetsk villages of Uspenivka and Trudove", "the Donetsk city of Avdiivka": the names of
        # the towns come after (but
        # "Garakollu villages of Fuzuli district": the towns' names come first, a district's after)
        return True
    if (
        following + 1 < words.word_count
        and words.word(following) in _DISTRICT_NOUNS
        and words.word(following + 1) in _TOWN_NOUNS_AFTER
        and not mark_before(words, following)
    ):
        return True  # "two Falam district towns": the district says where the towns are
    if following < words.word_count and words.word(following) in _DISTRICT_NOUNS and possessive_after(words, following):
        return True  # "the liberation of Izium District's settlements": what the district holds
    if following < words.word_count and words.word(following) in _DISTRICT_NOUNS and mention.first > 1:
        # "in Mocimboa da Praia district", "in northern Maungdaw Township", "villages of Fizuli district" (but
        # "took Runirgod district")
        first = mention.first
        while first > 2 and (words.word(first - 1) in _REGION_WORDS or words.word(first - 1) in _ARTICLES):
            first -= 1  # "in northern Maungdaw Township", "in the Zaporizhzhia area"
        before, link = words.word(first - 2), words.word(first - 1)
        if link in _LOCATING or (link in _NAME_LINKS and (before in _TOWN_NOUNS or before[:-1] in _TOWN_NOUNS)):
            return True
        # in an apposition right after a town's name: "the city of Soledar, Bakhmut district, Donetsk region"
        if (
            between(words, first) == ", "
            and _written_capitalised(words, first - 1)
            and (following + 1 >= words.word_count or mark_before(words, following + 1))
        ):
            return True
        if link in _COORDINATORS:
            # a district named beside a region that a locating word heads: "in Rakhine and Paletwa Township"
            index = first - 2
            while index > 0 and first - index <= _DISTRICT_NAME_WORDS + 1 and _written_capitalised(words, index):
                index -= 1
            if index < first - 2 and words.word(index) in _LOCATING and not mark_before(words, first):
                return True
    if following < words.word_count and (
        words.word(following) in _COORDINATORS or (between(words, following) == ", " and mention.field != "title")
    ):
        # "the Donetsk and Zaporizhzhia oblasts", "inside Kharkiv, Donetsk, and Luhansk oblasts": the noun after the
        # last of coordinated names, past the names' commas
        index, reach, coordinated = following, following + _COORDINATED_REACH, False
        while index < min(reach + 1, words.word_count):
            word = words.word(index)
            comma = between(words, index) == ", "
            if mark_before(words, index) and not (
                comma and (word in _COORDINATORS or _written_capitalised(words, index))
            ):
                break
            if word in _COORDINATORS:
                coordinated = True
            elif coordinated and word in _REGION_NOUNS_AFTER:
                return True
            if comma:
                reach = index + _COORDINATED_REACH
            index += 1
    index = mention.first - 1
    if _BEARINGS_BEFORE and index >= 0 and not mark_before(words, mention.first):
        # «شمال شرق حماة», «شمال مدينة هوليايبولي»: the bearing stands right in front of the name
        bearing = index - 1 if index > 0 and words.word(index) in _SETTLEMENT_NOUNS_BEFORE else index
        # (not one that ends a town's name before the next of a list: «وجرذي غربي وجرذي شرقي»)
        name = words.word(mention.first)
        if words.word(bearing) in _BEARINGS_BEFORE and (without_conjunction(name) == name or name in _NAME_HEADS):
            return True
    if index > 1 and words.word(index) in _CAPITAL_NOUNS and words.word(index - 1) in _ARTICLES:
        index -= 2  # "of the capital Mogadishu"
    if index < 1 or words.word(index) not in _NAME_LINKS or mark_before(words, index):
        return False
    before = words.word(index - 1)
    return before in _BEARINGS or (before in _REGION_NOUNS_AFTER and before not in _TOWN_NOUNS)


# How many words of a district's name may stand before its noun: "of Mocimboa da Praia district".
_DISTRICT_NAME_WORDS = 3


def _district_follows(words: WordStream, first: int) -> bool:
    """Whether a district's or a province's name starts at word ``first``: its noun follows within a few words
    of the same clause ("Fuzuli district", "the Kharkiv region")."""
    for index in range(first, min(first + _DISTRICT_NAME_WORDS + 1, words.word_count)):
        if index > first and mark_before(words, index):
            return False
        if words.word(index) in _DISTRICT_OR_REGION_NOUNS:
            return True
    return False


_FORWARD_LIST_SUBJECTS = every("forward_list_subjects")


def _lists_forward(words: WordStream, first: int) -> bool:
    """Whether the name at word ``first`` opens the list of a sentence that names towns counted before it: a
    plural noun for towns or a word that stands for them, then a word that opens a list ("The towns include Bita",
    "They are Bita"), also with the noun and a name link after it ("These are the villages of Bita")."""
    at = first - 1
    if at > 2 and words.word(at) in _NAME_LINKS and _among(words.word(at - 1), PLURAL_TOWN_NOUNS):
        at -= 2
        at -= words.word(at) in _ARTICLES
    return (
        at > 0
        and words.word(at) in _LIST_OPENERS
        and (_among(words.word(at - 1), PLURAL_TOWN_NOUNS) or words.word(at - 1) in _FORWARD_LIST_SUBJECTS)
    )


def _opened_after(words: WordStream, last: int, first: int) -> bool:
    """Whether a word that opens a list stands between word ``last`` and the name at word ``first``, with only
    articles, nouns for towns and name links after it, in one clause: "…, including the villages of Anjara"."""
    for opener in range(first - 1, max(last, first - 1 - _OPENED_WITHIN), -1):
        if words.word(opener) in _LIST_OPENERS:
            return True
        word = words.word(opener)
        if not (word in _ARTICLES or word in _SETTLEMENT_NOUNS or word in _NAME_LINKS) or mark_before(
            words, opener + 1
        ):
            return False
    return False


def _listed_after_region_noun(mention: Occurrence, words: WordStream) -> bool:
    """Whether ``mention`` stands in a list that a province's noun opens with a dash, a colon or a bracket,
    past the list's names before it: "recaptured four southern provinces - Abyan, Aden, Dalea, and Lahj" names
    provinces, whose capitals share their names."""
    index = mention.first
    for _ in range(_LISTED_BACK):
        marks = between(words, index).strip()
        if marks and marks in _LIST_OPENING_MARKS:
            # (the noun heads what is listed, not a name of its own: "two cities in the Donetsk region — Chasiv Yar")
            return (
                index > 1
                and words.word(index - 1) in _REGION_NOUNS_AFTER
                and not _written_capitalised(words, index - 2)
            )
        if (marks and marks != ",") or index < 1 or words.sentence_of(index - 1) != mention.sentence:
            return False
        index -= 1
        if not (_written_capitalised(words, index) or words.word(index) in _COORDINATORS):
            return False
    return False


# How many words back from a name the list it stands in is followed to its start, and the marks that open one
# after the noun that says what it lists.
_LISTED_BACK = 12
_LIST_OPENING_MARKS = frozenset(["-", "–", "—", ":", "("])


def _between(mention: Occurrence, words: WordStream) -> bool:
    """Whether ``mention`` ends a stretch: "between" right before it (or before "the capital" or "the city of" in
    front of it), or before the name it is coordinated with ("between Aleppo and Damascus", «بين حلب ودمشق»,
    «يربط العاصمة الخرطوم بغرب السودان», «المطلة على مدينة تعز»), in its clause."""
    index = mention.first - 1
    if index < 0 or mark_before(words, mention.first):
        return False
    if index > 1 and words.word(index) in _NAME_LINKS and words.word(index - 1) in _SETTLEMENT_NOUNS:
        index -= 1
    # the noun may carry the coordinator: «بين الأبيض والعاصمة الخرطوم»
    noun = words.word(index)
    joined = noun[:1] in _CONJUNCTIONS and noun[1:] in _TOWN_HEADS
    if index > 0 and (noun in _TOWN_HEADS or joined):
        index -= 2 if index > 1 and words.word(index - 1) in _ARTICLES else 1
    if _opens_stretch(words, index):
        return True
    if words.word(index) not in _COORDINATORS and not coordinates(words.word(mention.first)) and not joined:
        return False
    for back in range(index - 1, max(-1, index - 1 - _BETWEEN_REACH), -1):
        if mark_before(words, back + 1):
            return False
        if _opens_stretch(words, back):
            return True
    return False


def _opens_stretch(words: WordStream, index: int) -> bool:
    """Whether word ``index`` ends a word or phrase of ``between`` ("between", "leading to", «المؤدي إلى»)."""
    return words.word(index) in _BETWEEN or (index > 0 and f"{words.word(index - 1)} {words.word(index)}" in _BETWEEN)


# How far before the coordinated name "between" may stand: "between Deir ez-Zor and Abu Kamal".
_BETWEEN_REACH = 4
_BETWEEN = every("between")
_SPEAKER_HEADS = every("speaker_heads")
_SPEAKER_WORDS = every("speaker_words")
_AUXILIARIES = every("auxiliaries")
_CAPITAL_NOUNS = every("capital_nouns")
_TOWN_HEADS = _CAPITAL_NOUNS | _SETTLEMENT_NOUNS
_CONJUNCTIONS = every("conjunctions")


# The province's nouns written after a name (in Arabic they stand in front of it: see ``Scan._names_another``).
_REGION_NOUNS_AFTER = frozenset().union(
    *(language.region_nouns for language in languages().values() if not language.head_first)
)
_REGION_WORDS = every("regions")
# Nouns for towns that a province's name may stand in front of ("the Donetsk villages of …", "the Donetsk city
# of Avdiivka").
_TOWN_NOUNS_AFTER = frozenset(
    noun
    for language in languages().values()
    if not language.head_first
    for noun in (*language.unlisted_town_nouns, *language.unlisted_city_nouns)
)
_BEARINGS = frozenset().union(*(language.bearings for language in languages().values() if not language.head_first))
_ALL_BEARINGS = every("bearings")
# Where the head comes first, a bearing stands right in front of the name, or of its noun for a town.
_BEARINGS_BEFORE = frozenset().union(*(language.bearings for language in languages().values() if language.head_first))
_SETTLEMENT_NOUNS_BEFORE = frozenset().union(
    *(language.settlement_nouns for language in languages().values() if language.head_first)
)
_NAME_LINKS = every("name_links")
_ARTICLES = every("articles")
_TOWN_NOUNS = every("town_nouns")
_NAME_TAILS = every("name_tails")
_QUARTER_TAILS = every("quarter_tails")
_LANDMARK_MODIFIERS = every("landmark_modifiers")
_NAME_HEADS = every("name_heads")
_TAILS = _NAME_TAILS | every("bearing_tails")
# The letters a name's skeleton needs to tell a town from another by it: "Hit" (ht) could be many names;
# «درنا» and «درنة» (درن) are one.
_TELLING_SKELETON = 3
_DISTRICT_NOUNS = every("district_nouns")
# The nouns after a name that make it a district's or a province's ("Fuzuli district", "Kharkiv region").
_DISTRICT_OR_REGION_NOUNS = _DISTRICT_NOUNS | _REGION_NOUNS_AFTER
_CAPITAL_OF = every("capital_of")
# What may stand between a word of _CAPITAL_OF and the province's name: "of the", «ولاية».
_PROVINCE_HEADS = every("province_heads")
_PROVINCE_WORDS = _PROVINCE_HEADS | _NAME_LINKS | _ARTICLES | _REGION_WORDS
_LOCATING = every("locating")
_PROXIMITY = every("proximity")
# "A and B oblasts": how many words after the coordinator the noun may stand.
_COORDINATED_REACH = 3


# How far past a possessive its landmark may stand: "Tripoli's major air base".
_POSSESSED_REACH = 3


def _possesses(words: WordStream, first: int, landmarks: frozenset[str], mentions: dict[int, Occurrence]) -> bool:
    """Whether one of ``landmarks`` stands within ``_POSSESSED_REACH`` words from ``first`` (the word after a
    possessive), in its clause and before any other mention; or another mention right after it, a place the
    possessive locates ("Rebels withdraw from Idlib's Khan Sheikhoun")."""
    sentence = words.sentence_of(first - 1)
    for index in range(first, min(first + _POSSESSED_REACH, words.word_count)):
        if words.sentence_of(index) != sentence or mark_before(words, index):
            return False
        if index in mentions:
            return index == first
        if words.word(index) in landmarks:
            return True
    return False


def _overlapping(regex: re2._Regexp, stream: str) -> Iterator[re2._Match]:
    """Every match of ``regex`` in ``stream`` from each place one may start, overlaps included: the context a
    pattern reads around its ``at`` group may hold the word of another match («استعادت القوات السيطرة على أكثر
    من ثلث …» voids «السيطرة» as well as «استعادت»)."""
    position = 0
    while (match := regex.search(stream, position)) is not None:
        yield match
        position = match.start() + 1


def _named_person(mention: Occurrence, words: WordStream, starts: Collection[int]) -> bool:
    """Whether a Latin name is a person's first name: up to ``_PERSON_NAME_WORDS`` capitalised words follow it,
    no place among them, then what a speaker does ("Amani Kabasha said": Amani is also a spelling of Amman)."""
    start, end = words.original_span(mention.first, mention.last)
    if mention.field == "title" or not words.original[start:end].isascii():
        return False
    index = mention.last + 1
    while (
        index - mention.last <= _PERSON_NAME_WORDS
        and index < words.word_count
        and index not in starts
        and words.sentence_of(index) == mention.sentence
        and not mark_before(words, index)
    ):
        if not _written_capitalised(words, index):
            break
        index += 1
    return (
        mention.last + 1 < index < words.word_count
        and words.sentence_of(index) == mention.sentence
        and speaks_at(words, index, _SPEAKER_WORDS)
    )


def _reported_from(mention: Occurrence, words: WordStream) -> bool:
    """Whether ``mention`` says where someone who reports is: "a source in Homs", «مراسل الوكالة في إدلب», «مراسل
    من حلب» (a word of ``reporters`` at most ``_REPORTER_REACH`` words before the ``locating`` or
    ``reporter_origins`` word in front of it)."""
    index = mention.first - 1
    if index < 1 or (words.word(index) not in every("locating") and words.word(index) not in every("reporter_origins")):
        return False
    reporters = every("reporters")
    return any(
        not reporters.isdisjoint(bare_forms(words.word(i), _PROCLITICS))
        for i in range(max(0, index - _REPORTER_REACH), index)
    )


def _describes(mention: Occurrence, entity: str, others: list[tuple[str, Occurrence]], words: WordStream) -> bool:
    """Whether ``mention`` stands in an apposition to another entity of its type: "Kupiansk, a key Kyiv
    bastion", "Bukavu, the capital of South Kivu" (a mark and an article open it, no mark closes it before
    the mention, at most ``_LOCATED_REACH`` words after the other), in a relative clause after it ("Nawnghkio,
    which stands on the highway to Pyin Oo Lwin, …"), or names the province whose capital the other is, with no
    mark or article needed («مزار شريف عاصمة ولاية بلخ», "Singa, capital of Sennar state")."""
    for other, m in others:
        opening = m.last + 1
        if other != entity and in_relative(words, m.last, mention.first):
            return True  # "Nawnghkio, which stands on the highway to Pyin Oo Lwin, was captured"
        if other == entity or opening >= mention.first or mention.first - m.last > _LOCATED_REACH:
            continue
        if any(mark_before(words, index) for index in range(opening + 1, mention.first + 1)):
            continue
        if (words.word(opening) in _ARTICLES and mark_before(words, opening)) or (
            words.word(opening) in _CAPITAL_OF
            and all(words.word(index) in _PROVINCE_WORDS for index in range(opening + 1, mention.first))
        ):
            return True
    return False


def _locates(mention: Occurrence, entity: str, others: list[tuple[str, Occurrence]], words: WordStream) -> bool:
    """Whether ``mention`` follows "in" right after another entity of its type (see ``Scan.near_mentions``),
    or carries "in" itself right after it («بلدة سريبن بدونيتسك»; never past a comma: «سرت، بنغازي»)."""
    carries_in = any(words.word(mention.first).startswith(p) for p in _LOCATING_PROCLITICS)
    if (
        carries_in
        and not mark_before(words, mention.first)
        and any(other != entity and m.last == mention.first - 1 for other, m in others)
    ):
        return True
    index = mention.first - 1
    # «حي الكرمشية بمدينة الزهيرات»: "in" a proclitic on the city's own noun
    noun_locates = index >= 0 and without_locating(words.word(index), _LOCATING_PROCLITICS) in _SETTLEMENT_NOUNS
    if not noun_locates and index >= 0 and not _SETTLEMENT_NOUNS.isdisjoint(bare_forms(words.word(index), _PROCLITICS)):
        index -= 1
    while (
        not noun_locates and index >= 0 and (words.word(index) in _REGION_WORDS or words.word(index) in _PROVINCE_HEADS)
    ):
        index -= 1
    # «مزار شريف في إقليم بلخ», «سنجة بولاية سنار», «حي الشيخ مقصود في مدينة حلب»: the province's or the city's
    # noun may stand between, "in" a proclitic on it (Balkh and Sennar are towns too), and where in the city or
    # its land: «حي السكر في الساحل الأيسر لمدينة الموصل», «قرية في الريف الشمالي لمدينة حلب»
    if index < 0 or not (
        noun_locates
        or words.word(index) in _LOCATING
        or without_locating(words.word(index), _LOCATING_PROCLITICS) in _PROVINCE_HEADS
    ):
        return False
    return any(other != entity and m.last < index and index - m.last <= _LOCATED_REACH for other, m in others)


def _within(mention: Occurrence, span: Occurrence) -> bool:
    """Whether ``mention`` lies inside ``span``, a mention of more words, in the same field."""
    return (
        mention.field == span.field
        and span.first <= mention.first
        and mention.last <= span.last
        and mention.last - mention.first < span.last - span.first
    )
