"""Text normalisation for matching: Arabic and Latin scripts, mixed in one text.

Text is cut into whitespace-separated *chunks*; each chunk is normalised into
zero or more *words* (punctuation separates words). A field becomes a *word
stream*: its words joined by single spaces, with a space at each end, which is
what the rule automaton runs over.

A field is normalised as a whole, in a few array operations over its characters
(numpy), with no Python step per character or per word: most characters fold
without context (a letter, a mark to drop, a separator), so one table look-up per
character decides; an apostrophe looks at its neighbours (inside a name it joins
letters). The few chunks holding a character whose folding needs more (a
look-alike letter, a ligature of several letters, one beyond the tables) are
normalised one by one (``chunk_words``, cached) and put in their place. The word
stream is made at once; each word's offsets back into the original text, and
where sentences end, only when first asked for (most fields hold no term of any
rule, and nobody asks).

What never causes a miss: case, Latin accents, Arabic alef forms, ى/ي, final
ة/ه, hamza seats, diacritics, tatweel, Arabic-Indic and Persian digits,
zero-width and bidi controls, presentation forms, full-width letters,
Latin look-alike letters from Cyrillic or Greek inside a Latin word,
apostrophes inside transliterated names (Nu'man, A'zaz), and dots that mask
an Arabic word («السـ. ـيطرة»).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, repeat
from operator import add

import numpy as np
import numpy.typing as npt

from streams.text.languages import every, is_arabic_letter, languages, month_numbers

# Removed outright: they change nothing a reader sees, so they must change
# nothing the matcher sees (a zero-width joiner inside حمص is an evasion).
_INVISIBLE = frozenset(
    [
        0x00AD,
        0x061C,
        0x0640,
        0x180E,
        0xFEFF,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
    ]
)
# Each language's letter variants and marks (streams/text/languages): ى as ي, ة as ه, the harakat.
_MARKS = frozenset().union(*(language.marks for language in languages().values()))
_LETTERS = {letter: folded for language in languages().values() for letter, folded in language.letters.items()}
# Letters that look Latin. Mapped only inside words that are Latin or made only
# of look-alikes, so real Russian or Greek words keep their letters.
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k", "μ": "m",
    "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
}  # fmt: skip
# Lower-case Cyrillic/Greek letters that only look Latin in upper case (В, Н, М, Т, К);
# they count as look-alikes when the original letter was upper case.
_UPPER_ONLY_LOOKALIKES = frozenset("вмнткηνβζ")

_char_cache: dict[str, str] = {}


def _fold_char(char: str) -> str:
    """One character's normalised form: '' (invisible), ' ' (separator) or letters/digits."""
    cached = _char_cache.get(char)
    if cached is not None:
        return cached
    code = ord(char)
    if code in _INVISIBLE or code in _MARKS:
        result = ""
    else:
        decomposed = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M") and ord(c) not in _MARKS)
        folded = []
        for c in kept.casefold():
            c = _LETTERS.get(c, c)
            if c.isdigit():
                # Arabic-Indic, Persian and other decimal digits become 0-9.
                digit = unicodedata.decimal(c, None)
                c = str(digit) if digit is not None else c
            folded.append(c if c.isalnum() else " ")
        result = "".join(folded)
    _char_cache[char] = result
    return result


def _is_latin(c: str) -> bool:
    return "a" <= c <= "z"


def _fix_lookalikes(word: str, original: str) -> str:
    """Map Cyrillic/Greek look-alikes to Latin inside Latin words or all-look-alike words."""
    has_latin = any(_is_latin(c) for c in word)
    candidates = [
        c in _LOOKALIKES and (c not in _UPPER_ONLY_LOOKALIKES or o.isupper())
        for c, o in zip(word, original, strict=True)
    ]
    if not any(candidates):
        return word
    if has_latin or all(candidates):
        return "".join(_LOOKALIKES[c] if ok else c for c, ok in zip(word, candidates, strict=True))
    return word


# eq=False: identity comparison keeps `None in chunks` in C on the hot path.
@dataclass(frozen=True, eq=False)
class ChunkWords:
    """The words of one chunk: normalised text, [start, end) offsets inside the chunk, and the words joined."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    joined: str = ""
    ends_sentence: bool = False


_EMPTY = ChunkWords((), ())
_ENDS_SENTENCE = ChunkWords((), (), "", True)


# Apostrophes and ayn/hamza signs inside a transliterated name join its letters (Nu'man = Numan,
# A'zaz = Azaz, Hay'at = Hayat); elsewhere, and before a possessive s (Aleppo's), they separate words.
_APOSTROPHES = frozenset("'’‘`ʿʾʼ")


def _joins_letters(chunk: str, index: int) -> bool:
    """Whether the apostrophe at ``index`` stands inside a Latin word: not before a possessive s, not after
    an elided word (French l', d': "d'Alep" is "d Alep", so Alep is found)."""
    before, after = chunk[index - 1 : index], chunk[index + 1 : index + 3]
    if not (before.isascii() and before.isalpha() and after[:1].isascii() and after[:1].isalpha()):
        return False
    if (
        after[:1] in "sS"
        and not after[1:2].isalpha()
        and not (after[1:2] in _APOSTROPHES and _joins_letters(chunk, index + 2))
    ):
        # (a possessive s ends its word; one the next apostrophe joins to more letters is a name's:
        # "Arkhanhel’s’ke")
        return False
    start = index
    while start and chunk[start - 1].isalpha():
        start -= 1
    return chunk[start:index].casefold() not in _ELIDED


_ELIDED = every("elided")


def _normalise_chunk_slowly(chunk: str) -> ChunkWords:
    """Any chunk, one character at a time (``_normalise_chunk`` sends here what its fast path cannot take)."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    letters: list[str] = []
    originals: list[str] = []
    start = end = 0

    def close() -> None:
        if letters:
            words.append(_fix_lookalikes("".join(letters), "".join(originals)))
            spans.append((start, end))
            letters.clear()
            originals.clear()

    for index, char in enumerate(chunk):
        folded = _fold_char(char)
        if not folded or (char in _APOSTROPHES and _joins_letters(chunk, index)):
            continue
        for piece in folded.split(" "):
            if piece:
                if not letters:
                    start = index
                letters.append(piece)
                originals.append(char * len(piece))
                end = index + 1
            else:
                close()
        if folded.endswith(" "):
            close()
    close()
    if not words:
        return _ENDS_SENTENCE if _ends_sentence(chunk) else _EMPTY
    return ChunkWords(tuple(words), tuple(spans), " ".join(words), _ends_sentence(chunk))


# The fast path: chunks made only of characters whose folding needs no context. Each such character
# is *kept* (folds to letters or digits: "H" to "h", "أ" to "ا", "٣" to "3", "ة" to "ه"), *dropped*
# (folds to nothing: marks, tatweel, zero-width and bidi controls) or a *separator* (folds to spaces:
# punctuation). Left out, so sent to the slow path: apostrophes (they may join a name's letters),
# characters that fold to Cyrillic or Greek look-alikes (mapped by context), those that fold to letters
# and spaces at once, and everything outside these ranges. What the fast path gives is what the slow
# path gives (tests/test_normalise.py checks it, character by character and on random chunks): the
# words are the runs of kept and dropped characters between separators, translated; a word's span
# runs from its first kept character to its last.
_FAST_RANGES = (
    (0x0021, 0x024F),  # ASCII, Latin-1, Latin Extended-A and -B
    (0x0370, 0x052F),  # Greek, Cyrillic
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0x1E00, 0x1EFF),  # Latin Extended Additional (transliterations: ḥ, ṣ)
    (0x2000, 0x206F),  # General Punctuation: dashes, quotes, zero-width and bidi controls
    (0xFB00, 0xFDFF),  # ligatures, Arabic presentation forms A
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
    (0xFF01, 0xFFEF),  # full-width forms
)


def _fast_path() -> tuple[dict[int, str | None], str, re.Pattern[str], re.Pattern[str]]:
    """The fast path's translation table, its dropped characters, and its chunk and word patterns."""
    table: dict[int, str | None] = {}
    kept: list[int] = []
    dropped: list[int] = []
    separators: list[int] = []
    for first, last in _FAST_RANGES:
        for code in range(first, last + 1):
            char = chr(code)
            if char.isspace() or char in _APOSTROPHES or unicodedata.category(char) == "Cs":
                continue
            folded = _fold_char(char)
            if not folded:
                dropped.append(code)
                table[code] = None
            elif not folded.strip():
                separators.append(code)
            elif " " not in folded and not any(c in _LOOKALIKES for c in folded):
                kept.append(code)
                table[code] = folded
    words = _character_class(kept + dropped)
    return (
        table,
        "".join(map(chr, dropped)),
        re.compile(f"[{_character_class(kept + dropped + separators)}]+"),
        re.compile(f"[{words}]+"),
    )


def _character_class(codes: list[int]) -> str:
    """The inside of a regex character class matching exactly ``codes``, as ranges."""
    codes = sorted(codes)
    parts: list[str] = []
    index = 0
    while index < len(codes):
        end = index
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = re.escape(chr(codes[index])), re.escape(chr(codes[end]))
        parts.append(first if index == end else f"{first}-{last}")
        index = end + 1
    return "".join(parts)


_FAST_TABLE, _FAST_DROPPED, _FAST_CHUNK, _FAST_WORD = _fast_path()


def _normalise_chunk(chunk: str) -> ChunkWords:
    """The words of one chunk, with their spans inside it, and whether it ends a sentence."""
    if _FAST_CHUNK.fullmatch(chunk) is None:
        return _normalise_chunk_slowly(chunk)
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for found in _FAST_WORD.finditer(chunk):
        text = found[0]
        word = text.translate(_FAST_TABLE)
        if word:
            start, end = found.span()
            words.append(word)
            # Dropped characters at either end of the run are not part of the word.
            spans.append((end - len(text.lstrip(_FAST_DROPPED)), start + len(text.rstrip(_FAST_DROPPED))))
    if not words:
        return _ENDS_SENTENCE if _ends_sentence(chunk) else _EMPTY
    return ChunkWords(tuple(words), tuple(spans), " ".join(words), _ends_sentence(chunk))


# Chunks normalised one by one are cached in two generations, each bounded: chunks are cached in the
# current one; when it is full it becomes the old one (the old one is dropped) and a new one starts. A
# chunk found only in the old generation is copied into the current one, so the live vocabulary
# survives every turn and only chunks not seen for a whole generation are normalised again.
_CHUNK_CACHE_LIMIT = 150_000
_chunk_cache: dict[str, ChunkWords] = {}
_old_chunks: dict[str, ChunkWords] = {}


def _age() -> None:
    """The current generation becomes the old one, and a new one starts (the dicts keep their identity)."""
    _old_chunks.clear()
    _old_chunks.update(_chunk_cache)
    _chunk_cache.clear()


# Chunks normalised one by one since start: the cache's misses (a chunk moved back from the old
# generation is no miss), read by the benchmark beside every figure.
_normalised = [0]


def normalised_count() -> int:
    """How many chunks were normalised one by one (not found in either generation of the cache) since start."""
    return _normalised[0]


def chunk_words(chunk: str) -> ChunkWords:
    """Normalised words of one whitespace-free chunk (cached)."""
    found = _chunk_cache.get(chunk)
    if found is None:
        found = _old_chunks.get(chunk)
        if found is None:
            found = _normalise_chunk(chunk)
            _normalised[0] += 1
        if len(_chunk_cache) >= _CHUNK_CACHE_LIMIT:
            _age()
        _chunk_cache[chunk] = found
    return found


def fold(text: str) -> str:
    """The normalised words of ``text`` joined by single spaces ('' when there are none)."""
    return " ".join(filter(None, [chunk_words(chunk).joined for chunk in _unmasked(text).split()]))


_CHUNK = re.compile(r"\S+")
_SENTENCE_END = frozenset(".!?…。") | every("sentence_ends")
_CLOSING = "\"'»”’)]"
# A chunk closes a sentence when, closing quotes and brackets aside, it ends with one of _SENTENCE_END;
# with a dot only after a word of two characters or more with no dot in it, so abbreviations like
# ``U.S.`` or ``J.`` do not, or standing apart from the word before it (scraped «… قوات "ام23" . نشر»).
# A footnote's mark after it counts as a closing bracket would (a page copied from a wiki: «… وإدلب.[1] وأعلنت»).
# Found in C over a whole text: the forward pattern finds the chunks that end with such a character (for a
# run of dots, its last one); the backward one, matched in the reversed text from there, reads the word
# before a run of dots back to the chunk's start.
_SENTENCE_CLOSE = re.compile(
    f"[{re.escape(''.join(sorted(_SENTENCE_END)))}][{re.escape(_CLOSING)}]*(?:\\[\\d{{1,3}}\\])*(?!\\S)"
)
_WORD_BEFORE_DOTS = re.compile(r"\.+(?:[^\s.]{2,}(?!\S)|(?=\s)|\Z)")


_ABBREVIATIONS = every("abbreviations")


def _sentence_ends(text: str) -> list[int]:
    """Where every chunk of ``text`` that closes a sentence ends, ascending."""
    reverse = text[::-1]
    last = len(text) - 1
    return [
        found.end()
        for found in _SENTENCE_CLOSE.finditer(text)
        if text[found.start()] != "."
        or (
            _WORD_BEFORE_DOTS.match(reverse, last - found.start())
            and text[max(text.rfind(" ", 0, found.start()), text.rfind("\n", 0, found.start())) + 1 : found.start()]
            not in _ABBREVIATIONS
        )
    ]


# A full stop glued between two words ends a sentence too: scraped text often lacks the space after it («…
# بلدات.ونقلت الوكالة …», "… heavy artillery.The army …"); abbreviations have a letter or two before their dot
# («د.محمد», "Mr.Smith"), and a Latin sentence opens with a capital.
# The dot comes first in the pattern: a search for a literal runs in C, where a pattern that opens with a lookbehind
# is tried at every character of the text.
_GLUED_FULL_STOP = re.compile(r"\.(?:(?<=[\u0621-\u064a]{3}\.)(?=[\u0621-\u064a]{2})|(?<=[a-z]{3}\.)(?=[A-Z][a-z]))")


# A blank line ends a paragraph, and a paragraph a sentence, though scraped text often drops the full stop at
# its end ("… Balasoltanli and Mardanli" and then "In another tweet, he said …"); not before a word in lower case
# (a sentence some pages break in two).
# Found from its line break, a literal, as _GLUED_FULL_STOP is from its dot; the text before it is read back.
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n(?=\s*[^\sa-z])")
_LINE_SPACE = frozenset(" \t\r")


def _paragraph_ends(text: str) -> list[int]:
    """Where each paragraph of ``text`` that no sentence end closes ends (after its last character)."""
    ends = []
    for found in _BLANK_LINE.finditer(text):
        end = found.start()
        while end and text[end - 1] in _LINE_SPACE:
            end -= 1
        if end and not text[end - 1].isspace() and text[end - 1] not in _SENTENCE_END:
            ends.append(end)
    return ends


def _text_sentence_ends(text: str) -> list[int]:
    """Where every sentence of ``text`` ends, ascending: after a chunk that closes one, a full stop glued
    between two words, or a paragraph."""
    glued = [found.end() for found in _GLUED_FULL_STOP.finditer(text)]
    glued += _paragraph_ends(text)
    ends = _sentence_ends(text)
    # (a quotation closing after a full stop ends the sentence there already)
    return sorted(set(ends + glued)) if glued else ends


def _ends_sentence(chunk: str) -> bool:
    """Whether a chunk closes a sentence; abbreviations like ``U.S.`` or ``J.`` do not."""
    return bool(_sentence_ends(chunk))


_CHECKPOINT = 1024  # characters between the word counts ``word_at`` starts from


# A dateline ends with a dash of its own ("DAMASCUS (Reuters) -", "دمشق -") or with "City-Agency:" ("حلب-سانا:")
# within the first few chunks of a text.
_DATELINE_CHUNKS = 8
# The dashes every script writes (the horizontal bar "―" too: "KANO, Nigeria (AFP) ― Boko Haram on Monday
# overran …").
DASHES = frozenset("-–—―")
# The dashes that close a dateline ("MOGADISHU –", «دمشق ـ»).
DATELINE_DASHES = DASHES | every("dateline_dashes")
# A dateline on a line of its own has at most this many words ("ADDIS ABABA").
_DATELINE_LINE_WORDS = 3
# A dateline closed by a colon is a name of at most this many words ("Addis Ababa:").
_DATELINE_NAME_WORDS = 3
# The commas between a dateline's place and its country, in either script.
_DATELINE_COMMAS = frozenset(",،")
# The agencies a dateline names in brackets after its place with no dash («دمشق (وكالات) دخلت»).
_DATELINE_AGENCIES = every("dateline_agencies")
# A text of more words than this is a story, not a headline.
_HEADLINE_WORDS = 40
# A dateline further into a story, after a caption or a byline: a place in capitals (and its country) closed by a
# colon or a dash before the story's first word ("By AFP KYIV: Ukrainian forces …", "Associated Press ARTEMIVSK,
# Ukraine — Government soldiers …", "ADEN-Dozens of militants …").
# Captions and bylines come first: a dateline is looked for this far into a story only (a regex over the whole
# of a long story would cost a tenth of the matcher's time). A date and the agency in brackets may stand before
# the dash ("KIEV, Ukraine (AA) - Ukrainian forces …", "BAGHDAD, Dec 27 (Reuters) - Iraqi forces …"). In Arabic, a
# word with a slash glued to it and the agency after it («… وإعلام محلي مأرب/ الأناضول سيطرت …»: the word before
# it may be the headline's last). A place in capitals and small letters needs its country and the agency ("Malakal,
# South Sudan (CNN) -- South Sudan forces …", after a byline and a date). A line may open with places, each with its
# country in square brackets, and the date and a colon ("Moscow [Russia] / Kiev [Ukraine], January 7: Russian
# troops …", "New Delhi [India], March 5 (ANI): …").
_INNER_DATELINE_REACH = 1_000
_INNER_DATELINE = re.compile(
    r"\b([A-Z][A-Z'’]{2,}(?: [A-Z][A-Z'’]{2,}){0,2}(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Z][A-Za-z. ]{0,20}\))?(?::(?= [A-Z])| ?[-–—]{1,2}(?= ?[A-Z]))"
    r"|(?<!\S)([\u0621-\u064A]{2,})/[ \n](?=[\u0621-\u064A])"
    r"|(?<![^\s)])([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, [A-Z][a-z]+(?: [A-Z][a-z]+)? \([A-Z][A-Za-z. ]{0,20}\)) ?[-–—]{1,2}(?= ?[A-Z])"
    r"|(?<![^\n])([A-Z][a-z]+(?: [A-Z][a-z]+)?(?: \[[A-Z][a-z]+(?: [A-Z][a-z]+)?\])?"
    r"(?: / [A-Z][a-z]+(?: [A-Z][a-z]+)?(?: \[[A-Z][a-z]+(?: [A-Z][a-z]+)?\])?)?),"
    r" [A-Z][a-z]{2,8}\.? \d{1,2}(?: \([A-Z][A-Za-z. ]{0,20}\))?:(?= [A-Z])"
    # and a place and a colon opening a line, past its country in capitals: "AFGHANISTAN. Kabul: Wakhan district …"
    r"|(?<![^\n])(?:[A-Z]{3,}\. )?([A-Z][a-z]+(?: [A-Z][a-z]+)?):(?= [A-Z])"
)
# Every inner dateline holds a Latin capital, or a slash and a space or a line break («دمشق/» on a line of its
# own): most Arabic stories hold neither, and finding that out in C spares the dateline regex's tries at every one
# of their characters.
_LATIN_CAPITAL = re.compile("[A-Z]")


def _may_hold_inner_dateline(text: str) -> bool:
    """Whether the reach of ``text`` where inner datelines are looked for could hold one."""
    reach = text[:_INNER_DATELINE_REACH]
    return _LATIN_CAPITAL.search(reach) is not None or "/ " in reach or "/\n" in reach


# The apostrophes a transliterated name may hold ("Sana'a", "Ma’arib"), dropped to tell a name from other chunks.
_NAME_APOSTROPHES = str.maketrans("", "", "'’")


# A dash glued to a word closes a dateline only among the first chunks ("بيروت-", "بلدي نيوز-").
_GLUED_DASH_CHUNKS = 3


def _glued_dateline_end(chunks: list[str], index: int) -> int:
    """Where a dateline whose chunk ``index`` ends with a glued dash ends: at a second such dash within a few
    chunks ("CITY- AGENCY-", «بلدي ـ السويداء ـ سلطان الشيخ»: outlet, place and reporter), or past a place and
    its reporter in brackets ("OUTLET- PLACE (REPORTER)"), else there."""
    for following in range(index + 1, min(index + 1 + _DATELINE_NAME_WORDS, len(chunks) - 1)):
        chunk = chunks[following]
        if (len(chunk) > 1 and chunk[-1] in DATELINE_DASHES) or (chunk and all(c in DATELINE_DASHES for c in chunk)):
            return following
        if chunk.startswith("("):
            closing = _closing_bracket(chunks, following)
            return closing if closing is not None else index
    return index


def _closing_bracket(chunks: list[str], opening: int) -> int | None:
    """The chunk that closes a bracket opened at chunk ``opening`` within a dateline's few words, if one does."""
    return next(
        (k for k in range(opening, min(opening + _DATELINE_NAME_WORDS, len(chunks) - 1)) if chunks[k].endswith(")")),
        None,
    )


def _arabic_word(chunk: str) -> bool:
    """Whether ``chunk`` is a word of Arabic letters only («الخرطوم»)."""
    return bool(chunk) and all(is_arabic_letter(c) for c in chunk)


def _capital_word(chunk: str) -> bool:
    """Whether ``chunk`` is a word of three letters or more written in capitals ("BAMAKO")."""
    return len(chunk) > 2 and chunk.isalpha() and chunk.isupper()


def _joins_range(chunks: list[str], dash: int) -> bool:
    """Whether the dash at chunk ``dash`` joins two words of an aside that commas set off: «، ليلة السبت – الأحد،»
    (a night from one day to the next), a comma before it and one closing the word after it."""
    return (
        dash + 1 < len(chunks)
        and chunks[dash + 1][-1:] in _DATELINE_COMMAS
        and any(c[-1:] in _DATELINE_COMMAS for c in chunks[:dash])
    )


def _first_lines(text: str) -> tuple[str, str]:
    """The first line of ``text`` when a line follows it, and the second when a line follows that ("" when none)."""
    lines = text.lstrip().split("\n", 2)
    return (lines[0] if len(lines) > 1 else ""), (lines[1] if len(lines) > 2 else "")


def _is_date(line: list[str]) -> bool:
    """Whether the chunks of a line are a date alone: «20 فبراير، 2018», "March 3, 2021"."""
    months = month_numbers()
    words = fold(" ".join(line)).split()
    return 2 <= len(words) <= 4 and any(w in months for w in words) and all(w.isdigit() or w in months for w in words)


def _dateline_end(chunks: list[str], first_line: str = "", next_line: str = "", *, story: bool = False) -> int | None:
    """Index of the chunk that closes a dateline at the start of a text, if there is one: ``chunks`` are
    the text's first chunks, ``first_line`` its first line when a line follows it and ``next_line`` the second
    when a line follows that (see ``_first_lines``), ``story`` whether the text is longer than a headline."""
    line = first_line.split()
    # a date on a line of its own before it: «20 فبراير، 2018\nسمارت – حلب\nسيطرت …»
    if next_line and _is_date(line):
        end = _dateline_end(chunks[len(line) :], next_line, story=story)
        if end is not None:
            return len(line) + end
    # a city in capitals on a line of its own: "BEIRUT\nRebels seized …"
    if 0 < len(line) <= _DATELINE_LINE_WORDS and first_line.isupper() and first_line.replace(" ", "").isalpha():
        return len(line) - 1
    # a place in Arabic script on a line of its own before a story: «حلب\nسيطرت …» (a longer line is a headline)
    if story and len(line) == 1 and _arabic_word(line[0]):
        return 0
    # an agency and a place with a dash between them on a line of their own: «سمارت ـ حماة», "SANA - Hama"
    if 0 < len(line) <= _DATELINE_LINE_WORDS + 1 and any(c in DATELINE_DASHES for c in first_line):
        return len(line) - 1
    # a city in capitals glued to the story's first sentence: "BAMAKO Mali's armed forces retook…"
    capitals = 0
    while capitals < min(len(chunks) - 1, _DATELINE_LINE_WORDS) and _capital_word(chunks[capitals]):
        capitals += 1
    # (not one a comma closes: "KYIV, Sept. 10 (Reuters) –" is a dateline up to its dash)
    if (
        story
        and capitals
        and not chunks[capitals - 1].endswith(",")
        and chunks[capitals][:1].isupper()
        and not chunks[capitals].isupper()
    ):
        return capitals - 1
    for index, chunk in enumerate(chunks[:_DATELINE_CHUNKS]):
        # a dash alone (or doubled: "BAGHDAD --"), or glued to the agency's closing bracket: «جوهر (مركز مقديشو)-»,
        # "(Reuters)-", also with the story's first word glued on: «بغداد، العراق (CNN)—أعلن»; not one that joins a
        # range between commas («سيطرت الفصائل، ليلة السبت – الأحد، على …»)
        if (
            index
            and (
                (chunk and all(c in DATELINE_DASHES for c in chunk))
                or any(f"){dash}" in chunk for dash in DATELINE_DASHES)
            )
            and not _joins_range(chunks, index)
        ):
            # and past a place and its reporter after an agency: «بلدي نيوز – إدلب (خاص)»
            return _glued_dateline_end(chunks, index) if index < _GLUED_DASH_CHUNKS else index
        # an agency in brackets after the date, with no dash: «عدن، اليمن 10 أغسطس 2022 (شينخوا) سيطرت …»
        if index and chunk.startswith("(") and chunks[index - 1].isdigit():
            closing = _closing_bracket(chunks, index)
            if closing is not None:
                return closing
        if chunk.endswith(":") and "-" in chunk[1:-1]:
            return index
        # a dash glued to the end of a word near the start: «بيروت- الأناضول- توغلت», «بلدي نيوز- إدلب (مراسل) …»
        if (
            index < _GLUED_DASH_CHUNKS
            and len(chunk) > 1
            and chunk[-1] in DATELINE_DASHES
            and chunk[-2] not in DATELINE_DASHES
        ):
            return _glued_dateline_end(chunks, index)
        # a capitalised name and a colon opening a story: "Kabul: Taliban militants captured…", "Sana'a: Yemeni
        # Shia rebels…" (in a headline, "Kherson: troops enter the city", the name is what the news is about)
        if (
            story
            and index < _DATELINE_NAME_WORDS
            and chunk.endswith(":")
            and all(
                c[:1].isupper() and c.rstrip(":").translate(_NAME_APOSTROPHES).isalpha() for c in chunks[: index + 1]
            )
        ):
            return index
        # an Arabic place with the agency in brackets after it and no dash: «دمشق (وكالات) دخلت قوات» (an Arabic name
        # and a colon is what the news is about: «بني وليد: دخلت القوات المدينة اليوم»)
        if story and index == 1 and chunk.startswith("(") and _arabic_word(chunks[0]):
            closing = _closing_bracket(chunks, index)
            if closing is not None and " ".join(chunks[index : closing + 1])[1:-1] in _DATELINE_AGENCIES:
                return closing
        # a place, a comma and its country with a colon glued to the story's first word: «طرابلس, ليبيا:أصبحت» (the
        # country stays with the story, where it names no town)
        if story and index == 1 and chunks[0][-1:] in _DATELINE_COMMAS and ":" in chunk[1:-1]:
            return 0
        # a slash after the date, alone or glued to the story's first word: «مقديشيو 15 نوفمبر 2016 /»,
        # «يانغون 5 ديسمبر 2016 /أعلنت»
        if index and chunk.startswith("/") and chunks[index - 1].isdigit():
            return index if chunk == "/" else index - 1
    return None


# The text-wide path. Each character folds, by one table over all of Unicode (4.4 MB, so a look-up needs
# no bounds check), to its letter, a space (spaces and separators), or one of these, all below a space:
# _APOSTROPHE separates words or joins a name's letters (see ``_joins_letters``); a character of
# _ONE_BY_ONE sends its chunk to ``chunk_words``; _DROPPED goes. Letters and digits are all above a
# space; the two that need context are rare, so the least value in a text says which work it needs.
_APOSTROPHE, _ONE_BY_ONE, _DROPPED = range(3)
_SPACE = ord(" ")
_UNICODE = 0x110000
_Codes = npt.NDArray[np.uint32]
_Offsets = npt.NDArray[np.intp]
_WHITESPACE = np.array([code for code in range(0x10000) if chr(code).isspace()], dtype=np.uint32)


def _text_table() -> _Codes:
    """What each character folds to in the text-wide path.

    Kept, dropped and separator characters are the fast path's (see ``_fast_path``), so the text-wide
    path gives what ``chunk_words`` gives; characters folding to several letters are normalised one by one.
    """
    table = np.full(_UNICODE, _ONE_BY_ONE, dtype=np.uint32)
    table[_WHITESPACE] = _SPACE
    for code in (code for first, last in _FAST_RANGES for code in range(first, last + 1)):
        char = chr(code)
        if char.isspace():
            continue
        if char in _APOSTROPHES:
            if not _fold_char(char).strip():
                table[code] = _APOSTROPHE
        elif code in _FAST_TABLE:
            letters = _FAST_TABLE[code]
            if letters is None:
                table[code] = _DROPPED
            elif len(letters) == 1:
                table[code] = ord(letters)
        elif unicodedata.category(char) != "Cs" and _FAST_CHUNK.fullmatch(char):
            table[code] = _SPACE
    return table


_TEXT_TABLE = _text_table()


@dataclass(frozen=True)
class _Words:
    """A field's words: each word's [start, end) in the original text, and the original offset where
    every sentence-ending chunk ends, all ascending."""

    starts: list[int]
    ends: list[int]
    sentence_ends: list[int]


# A dot set inside an Arabic word beside a tatweel, perhaps with a space after it, hides the word from
# platforms' filters («اشتــ.باكات», «السـ. ـيطرة», «بـ.ـسط»); to a reader it is the word, so to the matcher too.
# The hidden characters become tatweels, which fold to nothing, so every offset stays where it was. The
# abbreviation of the Hijri year before a full stop («1436هـ. وقال») has a digit before it and no tatweel after.
_MASKING_DOT = re.compile(
    r"(?:(?<=[\u0621-\u064a]{2})\u0640+\.(?=\u0640*[\u0621-\u064a])"
    r"|(?<=[\u0621-\u064a])\u0640*\. ?\u0640+(?=[\u0621-\u064a]))"
)


def _unmasked(text: str) -> str:
    """``text`` with the dots that mask Arabic words made tatweels, the same length."""
    if "\u0640" not in text:
        return text
    return _MASKING_DOT.sub(lambda found: "\u0640" * len(found[0]), text)


class _FoldedText:
    """A field folded character by character, in a few array operations over the whole text (numpy), with
    no Python step per character or per word; its word stream, and its words' places, worked out when asked."""

    def __init__(self, original: str) -> None:
        text = self.text = _unmasked(original)
        # A space at each end, so every word has a character before and after it.
        codes: _Codes = np.frombuffer((" " + text + " ").encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        folded = _TEXT_TABLE.take(codes)
        # Where each character left comes from in the padded text, when dropped characters went.
        self.left: _Offsets | None = None
        # The chunks normalised one by one ([first, last) in the text), blanked in ``folded``.
        self.slow: list[tuple[int, int]] = []
        least = folded.min()
        if least < _DROPPED:
            if (folded == _ONE_BY_ONE).any():
                self.slow = _blank_chunks(codes, folded)
            for position in (folded == _APOSTROPHE).nonzero()[0].tolist():
                folded[position] = _DROPPED if _joins_letters(text, position - 1) else _SPACE
        if least <= _DROPPED:
            left = (folded != _DROPPED).nonzero()[0]
            if left.size < folded.size:
                self.left, folded = left, folded.take(left)
        self.folded = folded
        self.in_word = folded != _SPACE

    @cached_property
    def stream(self) -> str:
        """The word stream."""
        return self._with_chunks[0] if self.slow else self._array_stream()

    @cached_property
    def words(self) -> _Words:
        """Every word's place in the text, and where sentences end."""
        return self._with_chunks[1] if self.slow else self._array_words()

    def _array_stream(self) -> str:
        # Each word and the one space after it, after the first space.
        in_word = self.in_word
        kept: bytes = self.folded[1:][in_word[1:] | in_word[:-1]].tobytes()
        return " " + kept.decode("utf-32-le")

    def _array_words(self) -> _Words:
        # Index i of the changes is between characters i and i + 1 of the padded text: a word's first
        # character in the text, then the character after its last.
        in_word = self.in_word
        changes = (in_word[1:] != in_word[:-1]).nonzero()[0]
        firsts, afters = changes[0::2], changes[1::2]
        if self.left is not None:
            firsts, afters = self.left.take(firsts + 1) - 1, self.left.take(afters)
        return _Words(firsts.tolist(), afters.tolist(), _text_sentence_ends(self.text))

    @cached_property
    def _with_chunks(self) -> tuple[str, _Words]:
        return _with_chunks(self.text, self._array_stream(), self._array_words(), self.slow)


def _blank_chunks(codes: _Codes, folded: _Codes) -> list[tuple[int, int]]:
    """The chunks holding a character to normalise one by one ([first, last) in the text that ``codes``
    holds with a space at each end), made spaces in ``folded``; their words are put in afterwards."""
    spaces: list[int] = np.isin(codes, _WHITESPACE).nonzero()[0].tolist()
    slow: list[tuple[int, int]] = []
    for position in (folded == _ONE_BY_ONE).nonzero()[0].tolist():
        first, last = _chunk_around(spaces, position, codes.size)
        if not slow or slow[-1][0] != first - 1:
            slow.append((first - 1, last - 1))
            folded[first:last] = _SPACE
    return slow


def _chunk_around(spaces: list[int], position: int, size: int) -> tuple[int, int]:
    """[first, last) of the chunk holding ``position``, from the offsets of every space in the text."""
    after = bisect_right(spaces, position)
    return (spaces[after - 1] + 1 if after else 0), (spaces[after] if after < len(spaces) else size)


def _with_chunks(text: str, stream: str, words: _Words, chunks: list[tuple[int, int]]) -> tuple[str, _Words]:
    """``stream`` and ``words`` with the words of ``chunks`` ([first, last) in ``text``), normalised one by one,
    in their places."""
    found_words = stream.split()
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    previous = 0
    for first, last in chunks:
        found = chunk_words(text[first:last])
        position = bisect_right(words.starts, first)
        pieces += found_words[previous:position]
        pieces += found.words
        starts += words.starts[previous:position]
        ends += words.ends[previous:position]
        starts += [first + start for start, _ in found.spans]
        ends += [first + end for _, end in found.spans]
        previous = position
    pieces += found_words[previous:]
    starts += words.starts[previous:]
    ends += words.ends[previous:]
    joined = " ".join(pieces)
    return (" " + joined + " " if joined else " "), _Words(starts, ends, words.sentence_ends)


@dataclass
class WordStream:
    """One field of an article as the matcher sees it, with the way back to the original text.

    ``stream`` is ``" w1 w2 … wn "``; word ``i`` starts at ``word_starts[i]`` in it.
    Nothing is computed per word in Python until asked: a word's index is the number of
    spaces before it (counted in C), and its place in the original text and its sentence are
    worked out for the whole field the first time any is asked (most fields never are: only
    those where the automaton finds a term).
    """

    original: str
    stream: str
    _folded: _FoldedText = field(repr=False, compare=False)

    @classmethod
    def of(cls, text: str) -> WordStream:
        """Normalise ``text`` into a word stream."""
        folded = _FoldedText(text)
        return cls(text, folded.stream, folded)

    @cached_property
    def _words(self) -> _Words:
        """Each word's place in the original text, and where sentences end; a dateline ("DAMASCUS
        (Reuters) -", "حلب-سانا:") is a sentence of its own."""
        text = self.original
        words = self._folded.words
        sentence_ends = words.sentence_ends
        story = len(words.starts) > _HEADLINE_WORDS
        end = _dateline_end(text.split(None, _DATELINE_CHUNKS)[:_DATELINE_CHUNKS], *_first_lines(text), story=story)
        # an inner dateline is a sentence of its own, also where a caption or a headline runs into it unclosed
        inner = (
            [
                bound
                for found in _INNER_DATELINE.finditer(text, 0, _INNER_DATELINE_REACH)
                for bound in found.span(found.lastindex or 1)
            ]
            if story and _may_hold_inner_dateline(text)
            else []
        )
        if end is None and not inner:
            return words
        if end is not None:
            # The place of a dateline is where the story was filed, not what it is about: a sentence
            # end keeps `near` from pairing it with the first verb.
            dateline = _nth_chunk_end(text, end)
            closing = bisect_left(words.starts, dateline)
            # Sentence ends after the dateline's last word and before its end are the dateline's own end.
            within = [e for e in sentence_ends if e <= dateline]
            sentence_ends = [e for e in within if bisect_left(words.starts, e) != closing] + [dateline]
            sentence_ends += words.sentence_ends[len(within) :]
            # ("KYIV, Sept. 10 (Reuters) –" is one dateline, though its place alone looks like an inner one)
            inner = [e for e in inner if e > dateline]
        # an inner dateline closes a sentence where none closes already
        closed = {bisect_left(words.starts, e) for e in sentence_ends}
        inner = [e for e in inner if (first := bisect_left(words.starts, e)) > 0 and first not in closed]
        return _Words(words.starts, words.ends, sorted(sentence_ends + inner))

    @cached_property
    def word_starts(self) -> list[int]:
        """Offset in ``stream`` where each word starts."""
        if len(self.stream) == 1:
            return []
        lengths_with_space = map(add, map(len, self.stream[1:-1].split(" ")), repeat(1))
        starts = list(accumulate(lengths_with_space, initial=1))
        starts.pop()
        return starts

    @cached_property
    def word_count(self) -> int:
        """How many words the field has."""
        return self.stream.count(" ") - 1

    @cached_property
    def _spaces_before(self) -> list[int]:
        """Spaces in ``stream`` before every ``_CHECKPOINT``-th character, so no count starts further back."""
        stream, step = self.stream, _CHECKPOINT
        return list(accumulate((stream.count(" ", i - step, i) for i in range(step, len(stream), step)), initial=0))

    def word_at(self, offset: int) -> int:
        """Index of the word that contains stream offset ``offset``."""
        # Word i is preceded by i + 1 spaces, the stream's leading one included.
        offset = min(offset, len(self.stream) - 1)
        if offset < _CHECKPOINT:
            return self.stream.count(" ", 0, max(offset, 0)) - 1
        spaces = self._spaces_before
        block = min(offset // _CHECKPOINT, len(spaces) - 1)
        return spaces[block] + self.stream.count(" ", block * _CHECKPOINT, offset) - 1

    def word_span(self, first: int, last: int) -> tuple[int, int]:
        """Indices of the words that contain stream offsets ``first`` and ``last`` (``first <= last``)."""
        last_word = self.word_at(last)
        return last_word - self.stream.count(" ", first, last), last_word

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The first word of every sentence after the first (ascending; a text ending a sentence ends with its word count)."""
        # A sentence ends after the words that start before its last chunk ends.
        words = self._words
        return [bisect_left(words.starts, end) for end in words.sentence_ends]

    def word(self, index: int) -> str:
        """The normalised text of word ``index``."""
        return self._word_list[index]

    def words(self, start: int, stop: int) -> tuple[str, ...]:
        """The normalised text of words ``start`` to ``stop - 1``."""
        return tuple(self._word_list[start:stop])

    @cached_property
    def _word_list(self) -> list[str]:
        # One split in C: cheaper than the word starts, and asked for only where a rule needs a word's text.
        return self.stream.split()

    def sentence_of(self, word: int) -> int:
        """Index of the sentence that holds word ``word`` (sentences end at . ! ? ؟ and the like)."""
        return bisect_right(self.sentence_starts, word)

    def sentence_start(self, sentence: int) -> int:
        """Index of the first word of sentence ``sentence``."""
        return self.sentence_starts[sentence - 1] if sentence else 0

    def opens_sentence(self, word: int) -> bool:
        """Whether word ``word`` is its sentence's first."""
        return word == 0 or self.sentence_of(word - 1) != self.sentence_of(word)

    def original_span(self, first_word: int, last_word: int) -> tuple[int, int]:
        """[start, end) in the original text covering words ``first_word``..``last_word``."""
        words = self._words
        return words.starts[first_word], words.ends[last_word]


def _nth_chunk_end(text: str, index: int) -> int:
    """Where chunk ``index`` (of ``text.split()``) ends in ``text``."""
    for number, found in enumerate(_CHUNK.finditer(text)):
        if number == index:
            return found.end()
    raise IndexError(index)


def snippet(text: str, start: int, end: int, width: int = 80) -> str:
    """About ``width`` characters of ``text`` around [start, end), cut at spaces, one line."""
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    piece = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")
