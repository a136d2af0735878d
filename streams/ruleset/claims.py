"""Read who did what to a place from an article: pure, no I/O.

A rule with ``control:`` names the words of each role (``gained``, ``lost``,
``denied``). For the place a match is bound to, every role word in a sentence
that names the place, within twice the control window of it, is paired with
the nearest party mentioned within the window in that sentence, before or
after: news prose puts the actor either side of the verb ("HTS entered Hama",
"Hama fell to HTS", "دخلت الفصائل مدينة حمص", "انسحاب قوات النظام من حماة").
The actor found most often next to each role wins it.

Three readings of the words around keep the pairing honest:

- a clause connector between the role word and an actor ("…took over the city
  *after* government troops withdrew") puts the actor in another clause;
- after a ``gained`` word, an actor introduced by *from* / من is the one that
  lost the place ("recaptured Palmyra from Islamic State"), and after a
  ``lost`` word one introduced by *to* / إلى the one that got it ("handed Kobani
  to government troops");
- mentions that stand together name one party ("Turkish-backed Syrian rebel
  fighters"): the first names it in English, where modifiers come first, the
  last in Arabic ("فصائل الجيش الوطني").

A name may stand in a phrase that names another party by its relation to it:
"anti-Houthi forces", «القوات المناهضة للحوثيين» are the Houthis' opponents,
"pro-Houthi", «الموالية للحوثيين» their own men, "Houthi-backed",
«المتحالفة مع الحوثيين» those they back or fight beside. The phrase is a party
of its own: the named party itself for its own men; for its opponents and
allies the one of those its entity lists (``opponents:``, ``allies:``) that
fights at the place, else a party no actor names (the winner is unknown,
never the party named). Beside another party's name the phrase only describes
it ("government forces backed by the coalition" are government forces).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from streams.ruleset.compiler import CompiledControl
from streams.ruleset.matches import Claim
from streams.ruleset.occurrences import Occurrence, distance
from streams.text.clauses import hyphenated, is_connector, mark_before
from streams.text.languages import every, languages

if TYPE_CHECKING:
    from streams.ruleset.scan import Scan
    from streams.text.normalise import WordStream

# The function words come from each language's module (streams/text/languages): connectors, "from" and
# "to", partitives, articles, coordinators and the phrases that refer back to a place.
# Mentions this close (words between them) are read as one noun phrase, unless coordinated.
_PHRASE_GAP = 1


class _Party(NamedTuple):
    """One party named in a sentence: the actor a noun phrase names and the words it spans.

    ``actor`` is None for a party that no actor names ("anti-Houthi tribesmen" where the Houthis list no
    opponents): it still stands next to the role word, so no party further away takes its role.
    ``related``: named by its relation to another party (see ``_relation``), never the head of a phrase.
    """

    actor: str | None
    mention: Occurrence
    related: bool = False


def read_claim(control: CompiledControl, scan: Scan, place: str) -> Claim:
    """The claim an article makes about ``place``: who took it, who left it, who denies it."""
    spec = control.spec
    places = _with_references(scan, spec.place, place)
    fights_there = _fights_at(scan, spec.actor, spec.place, place)
    side = _sides(scan, spec.actor, fights_there)
    by_sentence = scan.mentions_by_sentence(spec.actor)
    role_words = {
        (word.field, index)
        for _, terms in control.roles
        for term_id in scan.found_among(terms)
        for word in scan.occurrences(term_id)
        for index in range(word.first, word.last + 1)
    }
    parties: dict[tuple[str, int], list[_Party]] = {}
    votes: dict[str, Counter[tuple[str | None, str]]] = {"gained": Counter(), "lost": Counter(), "denied": Counter()}
    for role, terms in control.roles:
        for term_id in scan.found_among(terms):
            for word in scan.occurrences(term_id):
                if scan.inside_alias(word) or not any(distance(word, p) <= 2 * spec.window for p in places):
                    continue
                key = (word.field, word.sentence)
                if key not in parties:
                    words = scan.streams[word.field]
                    present = _outermost(
                        _one_party_each([(actor, m) for actor, m in by_sentence.get(key, ()) if fights_there(actor)])
                    )
                    # Role words and other parties' names are no head noun of a phrase that names a party.
                    taken = {i for field, i in role_words if field == word.field} | {m.last for _, m in present}
                    found = [_related(actor, m, words, side, taken) for actor, m in present]
                    parties[key] = _noun_phrases(found, places, words)
                # A role word with no actor next to it still says the role happened ("Hama fell").
                for voted_role, actor in _pair(role, word, parties[key], scan.streams[word.field], spec.window):
                    votes[voted_role][(actor, word.field)] += 1
    winner = _most_named(votes["gained"])
    loser = _most_named(votes["lost"])
    return Claim(
        place=place,
        winner=winner,
        loser=loser if loser != winner else None,
        denial=bool(votes["denied"]),
        denied_by=_most_named(votes["denied"]),
    )


def _fights_at(scan: Scan, actor_type: str, place_type: str, place: str) -> Callable[[str], bool]:
    """Whether an actor can be a party at ``place``: one with ``countries`` fights only there, so in Aden
    the unqualified الجيش الوطني is Yemen's army (no party we know), not the Syrian National Army."""
    ruleset = scan.compiled.ruleset
    entity = ruleset.entity(place_type, place)
    country = entity.place.country if entity is not None and entity.place is not None else ""

    def fights_there(actor: str) -> bool:
        party = ruleset.entity(actor_type, actor)
        return not country or party is None or not party.countries or country in party.countries

    return fights_there


def _sides(scan: Scan, actor_type: str, fights_there: Callable[[str], bool]) -> Callable[[str, str], str | None]:
    """The party a relation to ``actor`` names at the place: the actor itself for its own men; for its
    opponents or allies the one of those its entity lists that fights there, if exactly one does."""
    ruleset = scan.compiled.ruleset

    def side(actor: str, relation: str) -> str | None:
        if relation == "own":
            return actor
        entity = ruleset.entity(actor_type, actor)
        listed = () if entity is None else entity.opponents if relation == "against" else entity.allies
        there = [party for party in listed if fights_there(party)]
        return there[0] if len(there) == 1 else None

    return side


class _RelationWords(NamedTuple):
    """Every language's words of relations (see ``Language.relations_before``), as the claim reader looks
    them up: the words before a name (each with its relation, whether a hyphen joins it to the name and
    the proclitic the name carries in its place, or ""), the words after one (and whether a hyphen joins
    them), the longest phrase, the proclitics a name may carry, and the words that are no head noun."""

    before: dict[tuple[tuple[str, ...], str], tuple[str, bool]]
    after: dict[str, tuple[str, bool]]
    longest: int
    clitics: frozenset[str]
    not_heads: frozenset[str]


@cache
def _relation_words() -> _RelationWords:
    before: dict[tuple[tuple[str, ...], str], tuple[str, bool]] = {}
    after: dict[str, tuple[str, bool]] = {}
    for language in languages().values():
        for phrase, relation in language.relations_before.items():
            joined = phrase.endswith("-")
            words = tuple(phrase.rstrip("-").split())
            # «والموالين لصالح»: the first word may carry a conjunction; «للحوثيين»: the name its preposition.
            for conjunction in ("", *sorted(language.conjunctions)):
                spelled = (conjunction + words[0], *words[1:])
                before[(spelled, "")] = (relation, joined)
                if len(spelled) > 1 and spelled[-1] in language.proclitics:
                    before[(spelled[:-1], spelled[-1])] = (relation, joined)
        for word, relation in language.relations_after.items():
            after[word.lstrip("-")] = (relation, word.startswith("-"))
    not_heads = frozenset().union(
        *(every(kind) for kind in ("source_words", "recipient_words", "articles", "coordinators", "connectors"))
    )
    clitics = frozenset(clitic for _, clitic in before if clitic)
    return _RelationWords(before, after, max(len(words) for words, _ in before), clitics, not_heads)


def _related(
    actor: str,
    mention: Occurrence,
    words: WordStream,
    side: Callable[[str, str], str | None],
    taken: set[int],
) -> _Party:
    """The party a mention names: ``actor``, or the party a relation around the name names (see ``_relation``)."""
    relation = _relation(mention, words, taken)
    if relation is None:
        return _Party(actor, mention)
    kind, first, last = relation
    return _Party(side(actor, kind), mention._replace(first=first, last=last), related=True)


def _relation(mention: Occurrence, words: WordStream, taken: set[int]) -> tuple[str, int, int] | None:
    """The relation the words around a mention give it, and the words of the phrase so naming a party.

    Before the name, past English articles: "anti-" joined to it, its head noun after ("anti-Houthi
    tribesmen"); or "opposed to", «المناهضة ل» after the head noun, which the phrase takes in ("forces
    opposed to the Houthis") unless it is a role word, another party's name (``taken``) or a function word
    ("from opponents of the Houthis"). After it: "-backed" joined to it, or a noun ("the Houthis' foes").
    """
    table = _relation_words()
    start = mention.first
    while start > 0 and words.word(start - 1) in every("articles") and not mark_before(words, start):
        start -= 1
    name = words.word(mention.first)
    for size in range(min(table.longest, start), 0, -1):
        begin = start - size
        if words.sentence_of(begin) != mention.sentence or any(
            mark_before(words, index) for index in range(begin + 1, mention.first + 1)
        ):
            continue
        phrase = words.words(begin, start)
        found = table.before.get((phrase, ""))
        if found is None and start == mention.first:
            found = next(
                (
                    table.before[(phrase, clitic)]
                    for clitic in table.clitics
                    if (phrase, clitic) in table.before and name.startswith(clitic) and len(name) > len(clitic) + 1
                ),
                None,
            )
        if found is None:
            continue
        relation, joined = found
        if joined:
            if start == mention.first and hyphenated(words, mention.first):
                return relation, begin, mention.last
            continue
        head = begin - 1
        if (
            head >= 0
            and words.sentence_of(head) == mention.sentence
            and not mark_before(words, begin)
            and head not in taken
            and words.word(head) not in table.not_heads
        ):
            begin = head
        return relation, begin, mention.last
    after = mention.last + 1
    if after < words.word_count and words.word(after) == "s" and not mark_before(words, after):
        after += 1  # the possessive: "the Houthis' opponents"
    if after < words.word_count and words.sentence_of(after) == mention.sentence:
        found_after = table.after.get(words.word(after))
        if found_after is not None:
            relation, joined = found_after
            if hyphenated(words, after) if joined else not mark_before(words, after):
                return relation, mention.first, after
    return None


def _outermost(mentions: list[tuple[str, Occurrence]]) -> list[tuple[str, Occurrence]]:
    """The mentions not inside a longer one: الدعم السريع inside «لقوات الدعم السريع» is the same name, and
    the words in front of the longer one («مناهضة لقوات الدعم السريع») are what say which party it names."""
    return [
        (actor, m)
        for actor, m in mentions
        if not any(o.first <= m.first and m.last <= o.last and o.last - o.first > m.last - m.first for _, o in mentions)
    ]


def _one_party_each(mentions: list[tuple[str, Occurrence]]) -> list[tuple[str, Occurrence]]:
    """The mentions that name one party: a name several parties that fight at the place share ("government
    forces" of two countries, both without ``countries``) names neither, rather than either at random."""
    owners = Counter((m.field, m.first, m.last) for _, m in mentions)
    return [(actor, m) for actor, m in mentions if owners[(m.field, m.first, m.last)] == 1]


# Claims are read in both scripts: «دخلت الفصائل المدينة» names the winner of the place named before it.
_REFERENCES = tuple(sorted(every("references")))


def _with_references(scan: Scan, type_: str, place: str) -> list[Occurrence]:
    """The mentions of ``place``, and the words that refer back to it ("the town", "المدينة").

    A later sentence often names the winner without naming the place again ("Syrian National
    Army fighters had entered the town"); "the town" refers to the place named last before it.
    """
    mentions = scan.entity_occurrences(type_)
    own = mentions.get(place, [])
    references = []
    for field in {m.field for m in own}:
        named = [(m, entity) for entity, found in mentions.items() for m in found if m.field == field]
        references += [m for referent, m in scan.references(field, _REFERENCES, named) if referent == place]
    return own + references


def _noun_phrases(mentions: Iterable[_Party], places: list[Occurrence], words: WordStream) -> list[_Party]:
    """The parties of one sentence, with mentions that stand together merged into the party they name."""
    # An actor alias inside the place's own mention ("Damascus countryside") is not a party.
    found = sorted(
        (
            party
            for party in mentions
            if not any(p.first <= party.mention.first <= p.last and p.field == party.mention.field for p in places)
        ),
        key=lambda party: party.mention.first,
    )
    merged: list[list[_Party]] = []
    for party in found:
        last = merged[-1][-1].mention if merged else None
        if last is not None and _one_phrase(last, party.mention, words):
            merged[-1].append(party)
        else:
            merged.append([party])
    parties = []
    for phrase in merged:
        first = phrase[0].mention
        arabic = not words.word(first.first)[:1].isascii()
        # A relation beside a party's name describes it: "government forces backed by the coalition".
        heads = [party for party in phrase if not party.related] or phrase
        named = heads[-1] if arabic else heads[0]
        parties.append(_Party(named.actor, first._replace(last=max(m.mention.last for m in phrase))))
    return parties


def _one_phrase(a: Occurrence, b: Occurrence, words: WordStream) -> bool:
    """Whether two mentions, ``a`` first, stand together in one noun phrase (not "X and Y", not "X led by Y")."""
    between = [words.word(i) for i in range(a.last + 1, b.first)]
    if len(between) > _PHRASE_GAP or any(w in every("coordinators") or w in every("connectors") for w in between):
        return False
    return not words.word(b.first).startswith("و") or words.word(b.first)[1:2] == ""


def _pair(
    role: str, word: Occurrence, parties: list[_Party], words: WordStream, window: int
) -> list[tuple[str, str | None]]:
    """The (role, party) votes of one role word: its nearest party of the clause (None when none is near),
    and the parties a preposition after it gives the other role.

    After a ``gained`` word a party introduced by "from" lost the place; after a ``lost``
    word a party introduced by "to" got it.
    """
    other = {"gained": ("lost", every("source_words")), "lost": ("gained", every("recipient_words"))}.get(role)
    votes: list[tuple[str, str | None]] = []
    best: tuple[int, int, str] | None = None
    nearest: str | None = None
    introduced: Occurrence | None = None
    for party in parties:
        mention = party.mention
        gap = distance(word, mention)
        if gap > window or _connector_between(word, mention, words):
            continue
        if mention.first > word.last:
            if _possessive(mention, words):
                continue  # "Raqqa, Islamic State's former capital": a description, not a party acting
            # A party coordinated with the one the preposition introduces shares its role: «من ميليشيات
            # الحوثيين وقوات صالح» (from the Houthis and Saleh's forces).
            if other is not None and (
                _introduced_by(mention, words, other[1])
                or (introduced is not None and _coordinated(introduced, mention, words))
            ):
                votes.append((other[0], party.actor))
                introduced = mention
                continue
        # On a tie the party in front wins: subject before verb in English, and in Arabic after
        # a noun phrase ("انسحاب قوات النظام") the party is the closer one anyway.
        rank = (gap, 0 if mention.last < word.first else 1, party.actor or "")
        if best is None or rank < best:
            best, nearest = rank, party.actor
    votes.append((role, nearest))
    return votes


def _coordinated(a: Occurrence, b: Occurrence, words: WordStream) -> bool:
    """Whether ``b`` is joined to ``a`` before it by a coordinator ("and", و), as the next conjunct."""
    between = [words.word(i) for i in range(a.last + 1, b.first)]
    if between:
        return len(between) == 1 and between[0] in every("coordinators")
    first = words.word(b.first)
    return first[:1] in every("coordinators") and len(first) > 1


def _introduced_by(mention: Occurrence, words: WordStream, prepositions: frozenset[str]) -> bool:
    """Whether one of ``prepositions`` stands in front of a mention, past an English article ("from the
    SDF") or an Arabic word for a party's men («من ميليشيات الحوثيين», from the Houthi militias)."""
    index = mention.first - 1
    while index >= 0 and words.word(index) in every("articles"):
        index -= 1
    if index > 0 and words.word(index) in every("partitives"):
        index -= 1
    if index < 0 or words.word(index) not in prepositions:
        return False
    return index == 0 or words.word(index - 1) not in every("partitives")


def _possessive(mention: Occurrence, words: WordStream) -> bool:
    """Whether a mention is followed by a possessive 's ("Islamic State's former capital")."""
    return mention.last + 1 < words.word_count and words.word(mention.last + 1) == "s"


def _connector_between(a: Occurrence, b: Occurrence, words: WordStream) -> bool:
    """Whether a word between ``a`` and ``b`` opens another clause."""
    start, end = (a.last + 1, b.first) if a.last < b.first else (b.last + 1, a.first)
    return any(is_connector(words.word(index)) for index in range(start, end))


def _most_named(counted: Counter[tuple[str | None, str]]) -> str | None:
    """The actor named most often next to a role (None when no actor was).

    On a tie the body wins over the title: a headline says "Rebels take Aleppo" where the
    body names the faction ("Hayat Tahrir al-Sham took over most of Aleppo").
    """
    totals: Counter[str] = Counter()
    in_body: Counter[str] = Counter()
    for (actor, field), n in counted.items():
        if actor is not None:
            totals[actor] += n
            in_body[actor] += n if field == "body" else 0
    return max(totals, key=lambda actor: (totals[actor], in_body[actor], actor)) if totals else None
