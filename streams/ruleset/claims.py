"""Read who did what to a place from an article: pure, no I/O.

A rule with ``control:`` names the words of each role (``gained``, ``lost``,
``denied``). For the place a match is bound to, every role word in a sentence
that names the place, within twice the control window of it, is paired with
the nearest party mentioned within the window in that sentence, before or
after: news prose puts the actor either side of the verb ("HTS entered Hama",
"Hama fell to HTS", "دخلت الفصائل مدينة حمص", "انسحاب قوات النظام من حماة").
The actor found most often next to each role wins it. A gain with no actor next to it
is won by the actor found most often next to the article's other gains ("Taliban capture
Kunduz … the militants captured Sar-e-Pul"), never by one that lost the place.

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

A name may also stand in a phrase that names the party by its hold on the
place: the hold the place leaves («تحرير عدن من سيطرة الحوثيين», "freed from
Islamic State control") names the party that lost it; the hold the place is in
(«تحت سيطرة الحوثيين», "the rebel-held town") describes the state before or
around the change, so that party is no winner, and it lost the place if another
party gained it. The control word inside such a phrase («سيطرة») is no change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from streams.ruleset.compiler import CompiledControl
from streams.ruleset.matches import Claim
from streams.ruleset.occurrences import Occurrence, distance
from streams.text.clauses import hyphenated, is_connector, mark_before, possessive_after
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
    ``hold``: named by its hold on the place, "left" or "held" (see ``_hold``), and the words of that phrase.
    """

    actor: str | None
    mention: Occurrence
    related: bool = False
    hold: tuple[str, int, int] | None = None


def read_claim(control: CompiledControl, scan: Scan, place: str) -> Claim:
    """The claim an article makes about ``place``: who took it, who left it, who denies it."""
    spec = control.spec
    places = _with_references(scan, spec.place, place)
    fights_there = _fights_at(scan, spec.actor, spec.place, place)
    side = _sides(scan, spec.actor, fights_there)
    votes, parties = _votes(control, scan, fights_there, side, places)
    winner = _most_named(votes["gained"])
    # The party whose hold the place leaves lost it; the one that held it lost it too if another party gained it.
    for found in parties.values():
        for party in found:
            if party.hold is not None and (party.hold[0] == "left" or votes["gained"]):
                votes["lost"][(party.actor, party.mention.field)] += 1
    loser = _most_named(votes["lost"])
    losers = {actor for actor, _ in votes["lost"] if actor is not None}
    if winner is None and votes["gained"]:
        winner = _winner_elsewhere(control, scan, losers, fights_there, side)
    winner = _refined(control, scan, winner, losers, fights_there)
    return Claim(
        place=place,
        winner=winner,
        loser=loser if loser != winner else None,
        denial=bool(votes["denied"]),
        denied_by=_most_named(votes["denied"]),
    )


_Votes = dict[str, Counter[tuple[str | None, str]]]


def _votes(
    control: CompiledControl,
    scan: Scan,
    fights_there: Callable[[str], bool],
    side: Callable[[str, str], str | None],
    places: list[Occurrence] | None,
) -> tuple[_Votes, dict[tuple[str, int], list[_Party]]]:
    """The parties each role word is paired with, counted by role, for the role words near ``places`` (None:
    every role word of the article), and the parties of each sentence read."""
    spec = control.spec
    by_sentence = scan.mentions_by_sentence(spec.actor)
    local = _local(scan, spec.actor)
    role_spans = [
        (role, word)
        for role, terms in control.roles
        for term_id in scan.found_among(terms)
        for word in scan.occurrences(term_id)
    ]
    # Role words are no head noun of a phrase that names a party (see ``_related``).
    role_words: dict[str, set[int]] = {}
    for _, word in role_spans:
        role_words.setdefault(word.field, set()).update(range(word.first, word.last + 1))
    # A role word counts near the place only in a sentence that names it (see ``distance``).
    places_by_sentence: dict[tuple[str, int], list[Occurrence]] = {}
    for mention in places or ():
        places_by_sentence.setdefault((mention.field, mention.sentence), []).append(mention)
    parties: dict[tuple[str, int], list[_Party]] = {}
    votes: _Votes = {"gained": Counter(), "lost": Counter(), "denied": Counter()}
    for role, word in role_spans:
        key = (word.field, word.sentence)
        if scan.inside_alias(word):
            continue
        if places is not None:
            here = places_by_sentence.get(key, [])
            if not any(distance(word, p) <= 2 * spec.window for p in here) and not _listed_object(
                scan, spec.place, word, here, 2 * spec.window
            ):
                continue
        if key not in parties:
            words = scan.streams[word.field]
            present = _outermost(
                _one_party_each([(actor, m) for actor, m in by_sentence.get(key, ()) if fights_there(actor)], local)
            )
            # Other parties' names are no head noun of a phrase that names a party either.
            taken = role_words[word.field] | {m.last for _, m in present}
            found = [_related(actor, m, words, side, taken) for actor, m in present]
            roles_here = [(r, w) for r, w in role_spans if (w.field, w.sentence) == key]
            parties[key] = _shared_holds(
                [_hold(party, words, roles_here) for party in _noun_phrases(found, places or [], words)], words
            )
        # The control word of a hold («تحت سيطرة الحوثيين») says who holds the place, not that it changed, also
        # where the party it names is not one found next to it.
        if any(_inside_hold(word, party) for party in parties[key]) or _in_unnamed_hold(word, scan.streams[word.field]):
            continue
        acting = [party for party in parties[key] if party.hold is None]
        # A role word with no actor next to it still says the role happened ("Hama fell").
        for voted_role, actor in _pair(role, word, acting, scan.streams[word.field], spec.window):
            votes[voted_role][(actor, word.field)] += 1
    return votes, parties


def _listed_object(scan: Scan, place_type: str, word: Occurrence, places: list[Occurrence], window: int) -> bool:
    """Whether one of ``places`` (mentions in the sentence of the role word ``word``) is one of the list of towns
    that is its object, however far down the list («حرر من الاحتلال قرى A وB … وقرى Y وZ»), or of a list a name
    of which stands within ``window`` words of it ("A, B, … and H have been liberated"): the role word names
    its winner too."""
    if not places:
        return False
    objects = scan.listed_after(place_type, word.field, word.last)
    if any(p.first > word.last and p.first in objects for p in places):
        return True
    near = [m for m in scan.places_in(place_type, word.field, word.sentence) if distance(word, m) <= window]
    listed = scan.listed_with(place_type, near)
    return any(p.first in listed for p in places)


def _winner_elsewhere(
    control: CompiledControl,
    scan: Scan,
    losers: set[str],
    fights_there: Callable[[str], bool],
    side: Callable[[str, str], str | None],
) -> str | None:
    """The winner of a change that names none beside its words: the party the article names as gaining
    elsewhere ("Taliban capture Kunduz … The militants captured Sar-e-Pul"), never a party named as losing
    the place (``losers``). A loss alone names no winner: "government forces withdrew from Hama" leaves the
    city's holder unknown until a report names one (``ChangeKind.identified``)."""
    gained = _votes(control, scan, fights_there, side, None)[0]["gained"]
    return _most_named(Counter({key: n for key, n in gained.items() if key[0] not in losers}))


def _refined(
    control: CompiledControl, scan: Scan, actor: str | None, losers: set[str], fights_there: Callable[[str], bool]
) -> str | None:
    """The party a generic name of ``actor`` stands for: the one of its refinements (see
    ``CompiledControl.refinements``) the article names, fighting at the place and not losing it, when exactly
    one is ("The M23 rebels … the town fell into the hands of the rebels": the M23); else ``actor``."""
    specific = control.refinements.get(actor) if actor is not None else None
    if not specific:
        return actor
    named = [
        party
        for party in scan.entity_occurrences(control.spec.actor)
        if party in specific and party not in losers and fights_there(party)
    ]
    return named[0] if len(named) == 1 else actor


def _fights_at(scan: Scan, actor_type: str, place_type: str, place: str) -> Callable[[str], bool]:
    """Whether an actor can be a party at ``place``: one with ``countries`` fights only there, so in Aden
    the unqualified الجيش الوطني is Yemen's army (no party we know), not the Syrian National Army."""
    ruleset = scan.compiled.ruleset
    country = scan.country_of(place_type, place)

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


class _HoldWords(NamedTuple):
    """Every language's phrases of a party's hold (see ``Language.holds``), as the claim reader looks them
    up: by the words before the name, the proclitic the name carries in place of the last of them (or "")
    and the words after it, whether a hyphen joins those to the name and what the hold says ("left" or
    "held"); the sizes of the phrases before and after a name, the proclitics, the words that may stand
    between a phrase and the name, and the words of becoming."""

    phrases: dict[tuple[tuple[str, ...], str, tuple[str, ...]], tuple[bool, str]]
    sizes: frozenset[tuple[int, int]]
    clitics: tuple[str, ...]
    skipped: frozenset[str]
    becoming: frozenset[str]


@cache
def _hold_words() -> _HoldWords:
    phrases: dict[tuple[tuple[str, ...], str, tuple[str, ...]], tuple[bool, str]] = {}
    for language in languages().values():
        for phrase, hold in language.holds.items():
            before_text, after_text = phrase.split("X")
            before, after = tuple(before_text.split()), tuple(after_text.lstrip("-").split())
            joined = after_text.startswith("-")
            # «وتحت سيطرة»: the first word may carry a conjunction; «للحوثيين»: the name its preposition.
            for conjunction in ("", *sorted(language.conjunctions)) if before else ("",):
                spelled = (conjunction + before[0], *before[1:]) if before else ()
                phrases[(spelled, "", after)] = (joined, hold)
                if spelled and spelled[-1] in language.proclitics:
                    phrases[(spelled[:-1], spelled[-1], after)] = (joined, hold)
    sizes = frozenset((len(before), len(after)) for before, _, after in phrases)
    clitics = tuple(sorted({clitic for _, clitic, _ in phrases if clitic}))
    becoming = frozenset(c + word for word in every("becoming") for c in ("", *every("conjunctions")))
    # "under the rebels' control", «من سيطرة ميليشيات الحوثي»: words that may stand between a hold and the name.
    return _HoldWords(phrases, sizes, clitics, every("articles") | every("partitives"), becoming)


def _hold(party: _Party, words: WordStream, roles: Sequence[tuple[str, Occurrence]]) -> _Party:
    """``party``, with the hold on the place that the words around its name give it, if any.

    A change written over a hold is the change: "now under the control of X", "back under X control" are
    gains (the hold is no hold), "no longer under X control", «خرجت عن سيطرة X» losses (the place leaves
    it); so is a hold after a word of becoming (``_becoming``: "came under X control", «باتت تحت سيطرة»).
    """
    table = _hold_words()
    mention = party.mention
    name = words.word(mention.first)
    # «من قبضة المخلوع والحوثيين» (from the grip of the deposed one and the Houthis): the second of two
    # conjuncts, the first one word no actor names, shares the hold.
    lead = _skipped(words, mention.first)
    carries = name[:1] in every("coordinators") and len(name) > 2 and lead == mention.first
    if lead > 1 and not mark_before(words, lead) and (carries or words.word(lead - 1) in every("coordinators")):
        conjunct = lead - 1 if carries else lead - 2
        if conjunct > 0 and not mark_before(words, conjunct + 1):
            shared = _hold(party._replace(mention=mention._replace(first=conjunct)), words, roles)
            if shared.hold is not None:
                return shared._replace(mention=mention)
    after = mention.last + 1
    if after < words.word_count and words.word(after) == "s" and not mark_before(words, after):
        after += 1  # the possessive: "from Islamic State's control"
    # The hold ends right before the name or before the words that may stand between ("the", «أيدي»).
    for start in range(mention.first, _skipped(words, mention.first) - 1, -1):
        # The name's own proclitic stands for the last word before it only where nothing stands between.
        clitics = [c for c in table.clitics if start == mention.first and name.startswith(c) and len(name) > len(c) + 1]
        for size_before, size_after in sorted(table.sizes, reverse=True):
            first = start - size_before
            last = after + size_after - 1 if size_after else mention.last
            if (
                first < 0
                or last >= words.word_count
                or words.sentence_of(first) != mention.sentence
                or words.sentence_of(last) != mention.sentence
                or any(mark_before(words, index) for index in range(first + 1, start + 1))
            ):
                continue
            before, behind = words.words(first, start), words.words(after, after + size_after)
            found = next(
                (table.phrases[k] for c in ("", *clitics) if (k := (before, c, behind)) in table.phrases),
                None,
            )
            if found is None:
                continue
            joined, kind = found
            if size_after and not (hyphenated(words, after) if joined else not mark_before(words, after)):
                continue
            over = [
                role
                for role, word in roles
                if word.first <= last and first <= word.last and not first <= word.first <= word.last <= last
            ]
            if "gained" in over or (kind == "held" and _becoming(words, first)):
                return party
            return party._replace(hold=("left" if "lost" in over else kind, first, last))
    return party


def _skipped(words: WordStream, start: int) -> int:
    """The first word of a name with the words that may stand between it and a hold ("the", «ميليشيات»)."""
    while start > 0 and words.word(start - 1) in _hold_words().skipped and not mark_before(words, start):
        start -= 1
    return start


def _shared_holds(parties: list[_Party], words: WordStream) -> list[_Party]:
    """``parties``, a party coordinated with one named by its hold sharing it: «من سيطرة الحوثيين وقوات صالح»."""
    shared: list[_Party] = []
    for party in parties:
        before = shared[-1] if shared else None
        if (
            party.hold is None
            and before is not None
            and before.hold is not None
            and _coordinated(before.mention, party.mention, words)
        ):
            party = party._replace(hold=(before.hold[0], before.hold[1], party.mention.last))
        shared.append(party)
    return shared


# How far back a word of becoming makes a hold new: «باتت المقار الأمنية والمرفأ تحت سيطرة».
_BECOMING_REACH = 5


def _becoming(words: WordStream, first: int) -> bool:
    """Whether a word of becoming stands a few words before a hold's first word, in its clause."""
    for index in range(first - 1, max(first - 1 - _BECOMING_REACH, -1), -1):
        if mark_before(words, index + 1) or words.sentence_of(index) != words.sentence_of(first):
            return False
        if words.word(index) in _hold_words().becoming:
            return True
        if is_connector(words.word(index)):
            return False
    return False


def _inside_hold(word: Occurrence, party: _Party) -> bool:
    """Whether a role word is one of the words of ``party``'s hold («سيطرة» in «تحت سيطرة الحوثيين»)."""
    return (
        party.hold is not None
        and word.field == party.mention.field
        and party.hold[1] <= word.first <= word.last <= party.hold[2]
    )


def _in_unnamed_hold(word: Occurrence, words: WordStream) -> bool:
    """Whether a role word starts inside the words of a hold the place is in, whoever follows them: «التي
    يسيطر عليها مجلس منبج العسكري التابع لقوات سوريا الديمقراطية» (the party past a name no actor has) says
    who held it. Not after a word of becoming: «باتت تحت سيطرة» is a change."""
    for before, offset in _held_phrases_by_word().get(words.word(word.first), ()):
        first = word.first - offset
        if (
            first >= 0
            and first + len(before) <= words.word_count
            and words.words(first, first + len(before)) == before
            and not _becoming(words, first)
        ):
            return True
    return False


@cache
def _held_phrases_by_word() -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """The words in front of the name of each hold the place is in (of two words or more: «التي يسيطر عليها»),
    by each of their words, with its place among them."""
    found: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for (before, clitic, behind), (_, kind) in _hold_words().phrases.items():
        if kind == "held" and not clitic and not behind and len(before) > 1:
            for offset, word in enumerate(before):
                found.setdefault(word, []).append((before, offset))
    return found


def _outermost(mentions: list[tuple[str, Occurrence]]) -> list[tuple[str, Occurrence]]:
    """The mentions not inside a longer one: الدعم السريع inside «لقوات الدعم السريع» is the same name, and
    the words in front of the longer one («مناهضة لقوات الدعم السريع») are what say which party it names."""
    return [
        (actor, m)
        for actor, m in mentions
        if not any(o.first <= m.first and m.last <= o.last and o.last - o.first > m.last - m.first for _, o in mentions)
    ]


def _one_party_each(
    mentions: list[tuple[str, Occurrence]], local: Callable[[str], bool]
) -> list[tuple[str, Occurrence]]:
    """The mentions that name one party: a name several parties that fight at the place share ("government
    forces" of two countries, both without ``countries``) names neither, rather than either at random, unless
    exactly one of them fights in a few countries (``local``, the place's among them): "insurgents" in
    Afghanistan are the Taliban, elsewhere rebels."""
    owners = Counter((m.field, m.first, m.last) for _, m in mentions)
    locals_ = Counter((m.field, m.first, m.last) for actor, m in mentions if local(actor))
    return [
        (actor, m)
        for actor, m in mentions
        if owners[(m.field, m.first, m.last)] == 1 or (local(actor) and locals_[(m.field, m.first, m.last)] == 1)
    ]


def _local(scan: Scan, actor_type: str) -> Callable[[str], bool]:
    """Whether an actor fights in a few countries only (it lists ``countries``)."""
    ruleset = scan.compiled.ruleset

    def local(actor: str) -> bool:
        party = ruleset.entity(actor_type, actor)
        return party is not None and bool(party.countries)

    return local


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
        references += [m for referent, m in scan.references_to(type_, field, _REFERENCES) if referent == place]
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
            if possessive_after(words, mention.last):
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
