"""Where one clause of a sentence ends and the next begins, read from a word stream.

A claim, a denial or a qualifier belongs to the clause it stands in: "Rebels took Hama, and the army
vowed to retake it" reports a change in its first clause and an intention in its second. A clause
opens at a clause mark of the original text (comma, semicolon, colon, bracket, dash; Arabic ، ؛) and at
a connector word (*after*, *while*, بعد, فيما, also with a conjunction glued on: وبعد). Sentence ends
are clause ends too; callers compare sentences first.
"""

from __future__ import annotations

from collections.abc import Collection

from streams.text.inflect import without_proclitics
from streams.text.languages import every
from streams.text.normalise import WordStream

# The marks that part the items of a list, in every script.
COMMAS = frozenset(",،")
# Marks every script shares; each language adds its own (Arabic ، ؛).
_CLAUSE_MARKS = frozenset(",;:()[]–—") | every("clause_marks")
_CONNECTORS = every("connectors")
_INCLUSIONS = every("inclusions")
_INCLUSION_INTENSIFIERS = every("inclusion_intensifiers")
# Each connector with each conjunction glued in front of it (وبعد), spelled out once: a set lookup per word.
_JOINED_CONNECTORS = frozenset(conjunction + word for conjunction in every("conjunctions") for word in _CONNECTORS)


def is_connector(word: str) -> bool:
    """Whether ``word`` opens a clause, also with a conjunction in front of it (Arabic وبعد)."""
    return word in _CONNECTORS or word in _JOINED_CONNECTORS


def clause_break(words: WordStream, first: int, second: int, *, coordinated: bool = False) -> bool:
    """Whether a new clause opens after word ``first`` and at or before word ``second`` (``first < second``).

    The words of one sentence are assumed; a connector opens the clause it stands in, so it
    belongs with the words after it ("after | their capture of Aleppo"). With ``coordinated``
    a clause mark counts only when a coordinator follows it (", and", "، و…"): a parenthesis
    ("denied, on Wednesday, that…") does not end what a word governs. A mark before a word that includes more in
    what the clause is about (", including Bulo Burde", «، بينها») opens none.
    """
    for index in range(first + 1, second + 1):
        word = words.word(index)
        if is_connector(word):
            return True
        if mark_before(words, index) and not _includes(words, index) and (not coordinated or coordinates(word)):
            return True
    return False


def _includes(words: WordStream, index: int) -> bool:
    """Whether word ``index`` is an inclusion, or a word that heightens the one right after it ("most
    notably")."""
    following = index + 1
    return words.word(index) in _INCLUSIONS or (
        words.word(index) in _INCLUSION_INTENSIFIERS
        and following < words.word_count
        and not mark_before(words, following)
        and words.word(following) in _INCLUSIONS
    )


def speaks_at(words: WordStream, index: int, speaker_words: Collection[str]) -> bool:
    """Whether word ``index`` says that the name in front of it, with no mark between them, speaks ("Sputnik
    reported", "Kabasha said")."""
    return index < words.word_count and not mark_before(words, index) and words.word(index) in speaker_words


# Words an apposition after a name may hold: "Sheberghan, the capital city of the Jawzjan province, has fallen",
# "Kidal, a desert town that lies 300 km north of Gao near the border, has fallen".
_APPOSITION_WORDS = 16
_ARTICLES = every("articles")
# Pronouns that open a relative clause ("which", «التي»).
RELATIVES = every("relatives")
_PARTICIPLES = every("locating_participles")
_SETTLEMENT_NOUNS = every("settlement_nouns")
# Those that head a town's name as its object, not an area's («مدينة حماة», not «منطقة بوجعفر»).
_HEADS_OF_TOWNS = _SETTLEMENT_NOUNS - every("unlisted_area_nouns")
_AUXILIARIES = every("auxiliaries")


def apposition_end(words: WordStream, last: int, before: int) -> int | None:
    """The last word of an apposition that a comma and an article or a participle that locates open right after
    word ``last`` (a name: "Kidal, located 300 km north of Gao, has fallen"), or a relative pronoun with a comma or
    not ("Kidal, which lies north of Gao, has fallen", "Aw-Dhegle and Makaraan towns which lie 75 km west of the
    capital, have fallen"), and that ends before word ``before`` (the name's
    verb): at the next clause mark, or, left unclosed, at an auxiliary right before ``before`` ("Sheberghan, the
    capital city of the Jawzjan province has fallen"); None when no apposition stands between them. The name is
    then the verb's subject, however long the apposition."""
    start = last + 1
    if start < before and hyphenated(words, start):
        start += 1  # a word the name's last is joined to: "Walikale-centre, the capital of a territory, fell"
    if start >= before:
        return None
    if words.word(start) in _SETTLEMENT_NOUNS and start + 1 < before and words.word(start + 1) in RELATIVES:
        start += 1  # the noun of names written in front of it: "Aw-Dhegle and Makaraan towns which lie …"
    opener = words.word(start)
    if not (opener in RELATIVES or (mark_before(words, start) and (opener in _ARTICLES or opener in _PARTICIPLES))):
        return None
    for index in range(start + 1, min(before, start + 1 + _APPOSITION_WORDS) + 1):
        if index == before and words.word(before - 1) in _AUXILIARIES:
            return before - 2
        if mark_before(words, index):
            return index - 1
    return None


def in_relative(words: WordStream, last: int, index: int) -> bool:
    """Whether word ``index`` stands in a relative clause that opens right after a name ending at word ``last``
    ("Nawnghkio, which stands on the highway to Pyin Oo Lwin, was captured"): a relative pronoun opens it, with a
    comma or not, and no clause mark stands between it and the word, within the words an apposition may hold."""
    start = last + 1
    if start >= index or words.word(start) not in RELATIVES or index - start > _APPOSITION_WORDS:
        return False
    return not any(mark_before(words, ahead) for ahead in range(start + 1, index + 1))


def word_gap(words: WordStream, first: int, last: int, mention_first: int, mention_last: int, window: int) -> int:
    """How many words apart an action at words ``first``..``last`` and a name at ``mention_first``..``mention_last``
    of one sentence stand (0: they overlap). When it stands further than ``window``: a name after the action
    without the words of closed parentheses between (see :func:`_bracketed`) and, for a window wider than one word,
    without the noun for towns that heads it; a name in front past an apposition, as far as the apposition's end
    (see :func:`apposition_end`)."""
    if last < mention_first:
        gap = mention_first - last
        if window < gap <= window + _APPOSITION_WORDS:
            gap -= _bracketed(words, last, mention_first)
            # (an object is as near as its noun for towns, «اقتحمت فصائل … مدينة حماة»; a window of one word names
            # the word itself, «سقطت على بلدتي الفوعة» is shells; an area's noun heads no town, «منطقة بوجعفر»)
            if window > 1 and words.word(mention_first - 1) in _HEADS_OF_TOWNS:
                gap -= 1
        return gap
    if mention_last >= first:
        return 0
    gap = first - mention_last
    if gap > window and (end := apposition_end(words, mention_last, first)) is not None:
        return first - end
    return gap


def _bracketed(words: WordStream, after: int, before: int) -> int:
    """How many of the words between word ``after`` and word ``before`` stand in parentheses that close before
    ``before``: a subject's aside ("the factions led by HTS (formerly the Nusra Front, before it cut its ties to
    al-Qaeda) stormed …") keeps a verb no further from its object."""
    start, end = words.original_span(after, after)[1], words.original_span(before, before)[0]
    if "(" not in words.original[start:end]:
        return 0
    closed = inside = 0
    for index in range(after + 1, before + 1):
        marks = between(words, index)
        if ")" in marks:
            closed, inside = closed + inside, 0
        if "(" in marks and index < before:
            inside = 1
        elif inside:
            inside += 1
    return closed


def without_locating(word: str, proclitics: Collection[str]) -> str | None:
    """``word`` without a proclitic of ``proclitics`` that says "in" on it («بريف» → «ريف»), when three letters
    or more remain; None when it carries none."""
    return next(iter(without_proclitics(word, proclitics, least=3)), None)


def mark_before(words: WordStream, index: int) -> bool:
    """Whether a clause mark stands between word ``index`` and the word before it."""
    marks = between(words, index)
    if marks == " ":
        return False  # most words stand one space apart
    # A hyphen joins words ("Kurdish-led"); with a space beside it it is a dash.
    return not _CLAUSE_MARKS.isdisjoint(marks) or (marks != "-" and "-" in marks.split())


# Words a parenthesis after a name may hold: "Aybasanli (in Fuzuli), Sarafsha".
_PARENTHESIS_WORDS = 4


def parenthesis_end(words: WordStream, last: int) -> int:
    """The last word of a short parenthesis that opens right after word ``last`` ("Aybasanli (in Fuzuli),
    Sarafsha": the word Fuzuli), or ``last`` when none does."""
    if last + 1 >= words.word_count or "(" not in between(words, last + 1):
        return last
    for after in range(last + 2, min(last + 2 + _PARENTHESIS_WORDS, words.word_count + 1)):
        if after == words.word_count or ")" in between(words, after):
            return after - 1
    return last


def closes_parenthesis(words: WordStream, last: int) -> bool:
    """Whether a parenthesis closes right after word ``last``."""
    return last + 1 < words.word_count and ")" in between(words, last + 1)


def between(words: WordStream, index: int) -> str:
    """What stands between word ``index`` and the word before it (nothing for the first word)."""
    return words.original[words.original_span(index - 1, index - 1)[1] : words.original_span(index, index)[0]]


def coordinates(word: str) -> bool:
    """Whether ``word`` is a coordinator or carries one (Arabic وتمكنت, "and took")."""
    return word in every("coordinators") or without_conjunction(word) != word


def without_conjunction(word: str) -> str:
    """``word`` without a conjunction glued in front of it, two letters or more left («وقالت» → قالت)."""
    for conjunction in every("conjunctions"):
        if word.startswith(conjunction) and len(word) > len(conjunction) + 1:
            return word[len(conjunction) :]
    return word


def possessive_after(words: WordStream, last: int) -> bool:
    """Whether a possessive 's follows word ``last`` ("Islamic State's former capital", "Ukraine's Kharkiv")."""
    return last + 1 < words.word_count and words.word(last + 1) == "s"


def hyphenated(words: WordStream, index: int) -> bool:
    """Whether word ``index`` is joined to the word before it by a hyphen: "Israeli-occupied", "rebel-held"
    are adjectives of a noun, not verbs of a clause ("re-occupied" is a verb: "re" is its prefix)."""
    if index == 0 or words.word(index - 1) in _HYPHENATED_PREFIXES:
        return False
    return between(words, index) == "-"


def attributive(words: WordStream, first: int, last: int) -> bool:
    """Whether the one word ``first``..``last`` stands between an article and a noun for a town or a name:
    "the occupied city of Izium", "a liberated village", "the occupied West Bank and Gaza" describe the place,
    they tell no event. Towns the phrase goes on to list are news of them: "the liberated villages are
    Dordchinar, Kurdler and Vang"."""
    if not (first == last and 0 < first < words.word_count - 1 and words.word(first - 1) in every("articles")):
        return False
    start, end = words.original_span(first + 1, first + 1)
    following = words.original[start:end]
    if words.word(first + 1) in every("settlement_nouns"):
        return not (first + 2 < words.word_count and words.word(first + 2) in every("list_openers"))
    return following[:1].isupper() and following.isascii()


# Prefixes written with a hyphen that leave a verb a verb ("re-occupied", "re-entered"), and adverbs of a change
# just made ("the newly-seized villages of Taqsis and al-Amarah").
_HYPHENATED_PREFIXES = frozenset(["re", "newly", "recently", "freshly"])
