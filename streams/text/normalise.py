"""Text normalisation for matching: Arabic and Latin scripts, mixed in one text.

Text is cut into whitespace-separated *chunks*; each chunk is normalised into
zero or more *words* (punctuation separates words). A field becomes a *word
stream*: its words joined by single spaces, with a space at each end, which is
what the rule automaton runs over. Normalising chunk by chunk, with a cache,
keeps the hot path in C (``str.split``, dict look-ups, ``str.join``) because news
vocabulary repeats; offsets back into the original text are only worked out for
the few words that end up as evidence.

What never causes a miss: case, Latin accents, Arabic alef forms, ى/ي, final
ة/ه, hamza seats, diacritics, tatweel, Arabic-Indic and Persian digits,
zero-width and bidi controls, presentation forms, full-width letters,
Latin look-alike letters from Cyrillic or Greek inside a Latin word, and
apostrophes inside transliterated names (Nu'man, A'zaz).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from operator import add

from streams.text.languages import every, languages

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
    if after[:1] in "sS" and not after[1:2].isalpha():
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


# Two generations of caches, each bounded: chunks are cached in the current one; when it is full it
# becomes the old one (the old one is dropped) and a new one starts. A chunk found only in the old
# generation is copied into the current one, so the live vocabulary survives every turn and only
# chunks not seen for a whole generation are normalised again. Memory stays below two generations.
_CHUNK_CACHE_LIMIT = 150_000
_chunk_cache: dict[str, ChunkWords] = {}
# chunk → its piece of a marked stream (see ``_piece``), and chunk → its words and characters
# (see ``_sizes``), filled and aged with ``_chunk_cache``: what a field needs, one C-level
# look-up per chunk. A chunk is in all three or in none.
_piece_cache: dict[str, str] = {}
_size_cache: dict[str, int] = {}
# The old generation keeps only the words; pieces and sizes are rebuilt from them when a chunk moves back.
_old_chunks: dict[str, ChunkWords] = {}
# Sizes pack a count of words above a count of characters, so one running sum gives both.
_WORDS = 32
_CHARACTERS = (1 << _WORDS) - 1


def _sizes(chunk: str, words: ChunkWords) -> int:
    return len(words.words) << _WORDS | len(chunk)


def _piece(words: ChunkWords) -> str:
    """A chunk's part of a *marked stream*: each word followed by a space, then a newline if the chunk ends a sentence.

    Joining pieces gives ``"w1 w2 … wn "`` with a newline after each sentence end: removing
    the newlines and adding a leading space gives the word stream, and the words before each
    newline give the sentence starts, with no per-word work in Python.
    """
    return (words.joined + " " if words.words else "") + ("\n" if words.ends_sentence else "")


def _age() -> None:
    """The current generation becomes the old one, and a new one starts (the dicts keep their identity)."""
    _old_chunks.clear()
    _old_chunks.update(_chunk_cache)
    _chunk_cache.clear()
    _piece_cache.clear()
    _size_cache.clear()


# Chunks normalised since start: the cache's misses (a chunk moved back from the old generation is no
# miss), read by the benchmark to report the hit rate beside every figure.
_normalised = [0]


def normalised_count() -> int:
    """How many chunks were normalised (not found in either generation of the cache) since start."""
    return _normalised[0]


def chunk_words(chunk: str) -> ChunkWords:
    """Normalised words of one whitespace-free chunk (cached: news vocabulary repeats)."""
    found = _chunk_cache.get(chunk)
    if found is None:
        found = _old_chunks.get(chunk)
        if found is None:
            found = _normalise_chunk(chunk)
            _normalised[0] += 1
        if len(_chunk_cache) >= _CHUNK_CACHE_LIMIT:
            _age()
        _chunk_cache[chunk] = found
        _piece_cache[chunk] = _piece(found)
        _size_cache[chunk] = _sizes(chunk, found)
    return found


def _marked_stream(chunks: list[str]) -> str:
    """The pieces of ``chunks`` joined (see ``_piece``)."""
    try:
        # The common case, every chunk already cached, stays in C; a chunk not cached yet is None.
        return "".join(map(_piece_cache.get, chunks))  # type: ignore[arg-type]
    except TypeError:
        pass
    # Normalise only the chunks not cached (the set difference runs in C), then join again.
    for chunk in set(chunks).difference(_piece_cache):
        chunk_words(chunk)
    try:
        return "".join(map(_piece_cache.get, chunks))  # type: ignore[arg-type]
    except TypeError:
        # The cache aged while the missing chunks were added: build every piece here.
        return "".join(map(_piece, map(chunk_words, chunks)))


def fold(text: str) -> str:
    """The normalised words of ``text`` joined by single spaces ('' when there are none)."""
    return _marked_stream(text.split()).replace("\n", "")[:-1]


_CHUNK = re.compile(r"\S+")
_SENTENCE_END = frozenset(".!?…。") | every("sentence_ends")
_CLOSING = "\"'»”’)]"


def _ends_sentence(chunk: str) -> bool:
    """Whether a chunk closes a sentence; abbreviations like ``U.S.`` or ``J.`` do not."""
    core = chunk.rstrip(_CLOSING)
    if not core or core[-1] not in _SENTENCE_END:
        return False
    if core[-1] != ".":
        return True
    word = core.rstrip(".")
    return len(word) > 1 and "." not in word


_CHECKPOINT = 1024  # characters between the word counts ``word_at`` starts from


# A dateline ends with a dash of its own ("DAMASCUS (Reuters) -", "دمشق -") or with "City-Agency:" ("حلب-سانا:")
# within the first few chunks of a text.
_DATELINE_CHUNKS = 8
_DASHES = frozenset("-–—") | every("dateline_dashes")


def _dateline_end(chunks: list[str]) -> int | None:
    """Index of the chunk that closes a dateline at the start of a text, if there is one."""
    for index, chunk in enumerate(chunks[:_DATELINE_CHUNKS]):
        if index and chunk in _DASHES:
            return index
        if chunk.endswith(":") and "-" in chunk[1:-1]:
            return index
    return None


@dataclass
class WordStream:
    """One field of an article as the matcher sees it, with the way back to the original text.

    ``stream`` is ``" w1 w2 … wn "``; word ``i`` starts at ``word_starts[i]`` in it.
    Nothing is computed per word until asked: a word's index is the number of spaces
    before it (counted in C), sentences come from the marked stream, and the way back
    to the original text is built only for articles that have evidence to show.
    """

    original: str
    stream: str
    _chunks: list[str]
    # The stream without its leading space and with a newline after each sentence end.
    _marked: str

    @classmethod
    def of(cls, text: str) -> WordStream:
        """Normalise ``text`` into a word stream; a dateline ("DAMASCUS (Reuters) -", "حلب-سانا:") is a sentence of its own."""
        chunks = text.split()
        end = _dateline_end(chunks)
        if end is None:
            marked = _marked_stream(chunks)
        else:
            # The place of a dateline is where the story was filed, not what it is about: a sentence
            # end keeps `near` from pairing it with the first verb.
            marked = _marked_stream(chunks[: end + 1]).rstrip("\n") + "\n" + _marked_stream(chunks[end + 1 :])
        return cls(text, " " + marked.replace("\n", ""), chunks, marked)

    @cached_property
    def word_starts(self) -> list[int]:
        """Offset in ``stream`` where each word starts."""
        if len(self.stream) == 1:
            return []
        lengths_with_space = map(add, map(len, self.stream[1:-1].split(" ")), repeat(1))
        starts = list(accumulate(lengths_with_space, initial=1))
        starts.pop()
        return starts

    @property
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
    def _chunk_starts(self) -> list[int]:
        """For each chunk (and the end), the words and the characters of the chunks before it, packed (see ``_sizes``)."""
        try:
            return list(accumulate(map(_size_cache.get, self._chunks), initial=0))  # type: ignore[arg-type]
        except TypeError:  # a chunk no longer cached (None)
            return list(accumulate((_sizes(c, chunk_words(c)) for c in self._chunks), initial=0))

    @cached_property
    def _single_spaced(self) -> bool:
        """Whether every gap between chunks is one character and there is none around them."""
        return len(self.original) - (self._chunk_starts[-1] & _CHARACTERS) == len(self._chunks) - 1

    @cached_property
    def _chunk_offsets(self) -> list[int]:
        offsets: list[int] = []
        # Paragraphs: each line is usually single-spaced.
        base = 0
        for line in self.original.split("\n"):
            chunks = line.split()
            if chunks and not _add_offsets(line, chunks, base, offsets):
                offsets.extend(base + m.start() for m in _CHUNK.finditer(line))
            base += len(line) + 1
        return offsets

    def _chunk_offset(self, chunk: int) -> int:
        if self._single_spaced:
            # The characters of the chunks before it and one gap after each.
            return (self._chunk_starts[chunk] & _CHARACTERS) + chunk
        return self._chunk_offsets[chunk]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The first word of every sentence after the first (ascending; a text ending a sentence ends with its word count)."""
        # The words before each newline of the marked stream: one space per word.
        ended = self._marked.split("\n")
        ended.pop()
        return list(accumulate(map(str.count, ended, repeat(" "))))

    def word(self, index: int) -> str:
        """The normalised text of word ``index``."""
        return self._word_list[index]

    @cached_property
    def _word_list(self) -> list[str]:
        # One split in C: cheaper than the word starts, and asked for only where a rule needs a word's text.
        return self.stream.split()

    def sentence_of(self, word: int) -> int:
        """Index of the sentence that holds word ``word`` (sentences end at . ! ? ؟ and the like)."""
        return bisect_right(self.sentence_starts, word)

    def original_span(self, first_word: int, last_word: int) -> tuple[int, int]:
        """[start, end) in the original text covering words ``first_word``..``last_word``."""
        if first_word == last_word:
            return self._word_bounds(first_word)
        return self._word_bounds(first_word)[0], self._word_bounds(last_word)[1]

    def _word_bounds(self, word: int) -> tuple[int, int]:
        starts = self._chunk_starts
        chunk = bisect_right(starts, word << _WORDS | _CHARACTERS) - 1
        # Chunks without words (pure punctuation) share a first-word index with
        # the next chunk; step forward to the one that really holds the word.
        while starts[chunk + 1] >> _WORDS == starts[chunk] >> _WORDS:
            chunk += 1
        within = word - (starts[chunk] >> _WORDS)
        start, end = chunk_words(self._chunks[chunk]).spans[within]
        base = self._chunk_offset(chunk)
        return base + start, base + end


def _add_offsets(text: str, chunks: list[str], base: int, offsets: list[int]) -> bool:
    """Append where each of ``chunks`` (``text.split()``) starts, if every gap in ``text`` is one character.

    Then offsets follow from the chunks' lengths alone; otherwise (a blank line, two
    spaces, leading or trailing space) nothing is appended and False returned.
    """
    if len(text) - sum(map(len, chunks)) != len(chunks) - 1:
        return False
    offsets.extend(accumulate(map(add, map(len, chunks[:-1]), repeat(1)), initial=base))
    return True


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
