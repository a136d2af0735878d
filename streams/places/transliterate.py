"""Arabic spellings of a place from its Latin names, the way Arabic news writes them: for a place GeoNames
names only in Latin script, and beside GeoNames' Arabic names outside the Arabic-speaking world.

GeoNames has Arabic names for nearly every town of Syria, Iraq or Yemen, but for few elsewhere: of
the Ukrainian towns the shipped rules watch, 94 % have none (Lysychansk, Siversk), nor do most towns
of DR Congo, Myanmar, Mali, Niger, and 60 of Sudan's 100 (El Geneina, Dilling). An Arabic report
of their capture then names a place the matcher does not know. Arabic news transliterates foreign
names by regular habits, so a few spellings generated from the Latin names find most of them:

- **Arabic names romanised** (countries where Arabic is spoken, BGN/PCGN style: Tall ‘Afar, Ţarhūnah,
  Ar Ramādī): the romanisation is reversed. Consonants map back one to one (ḩ ح, ş ص, ‘ ع, kh خ),
  long vowels (ā ī ū) are written, short ones are not, a final -ah is ة, and an article (Al, Ar,
  Ash …) is joined to its word as ال. Names written without the marks (Tarhuna, Kassala) get the
  same reading plus one that keeps i, u, o, e as ي and و (ترهونة).
- **Other names** (Ukrainian, Russian, Burmese, Somali, French-style African): every vowel is
  written (Kupiansk كوبيانسك, Avdiivka افدييفكا), a word's first vowel takes an alef, digraphs
  are read as one sound (kh خ, sh ش, ch تش, zh ج, ts تس, ou و), g is غ (ج in Sudan and Somalia,
  where it is), a French final e is silent, and a doubled letter is written once; a second spelling
  leaves out an e between consonants, as news often does (Siversk سيفرسك).
- **Somali names** (Ceelbuur, Matabaan, Wanlaweyn) are written in a Latin alphabet made for the sounds
  Arabic writes: c is ع, x ح, q ق, a doubled vowel is long and written, a single one short and not
  (عيلبور, متبان, ونلوين), besides the spellings of other names.

Measured on the 1,553 towns of over 1,000 people of the covered countries that GeoNames does give an
Arabic name, at least one generated spelling equals a real one (folded) for three in four (Syria 0.90,
Yemen 0.89, Ukraine 0.71, DR Congo 0.78, Mali 0.79, Somalia 0.41 (0.17 without its own reading), Sudan
under 0.3; see
``tests/test_places_variants.py``).
A spelling that is wrong is harmless: no text contains it. One that is right may still be another
thing's name, so a guessed spelling binds like a minor town's name, only where the article names the
place's country or region (or a word such as مدينة stands before it); a place's real name, or a rule
author's, always wins over a guess (``streams.places.build``, ``streams.places.coverage``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

# Where Arabic is a language of the place names: their Latin names are romanised Arabic.
ARABIC_NAMED_COUNTRIES = frozenset("AE BH DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SY TD TN YE".split())
# Where a Latin g is the sound Arabic writes ج (Sudanese and Somali names: Singa سنجة, Hargeysa هرجيسة).
_G_IS_JIM = frozenset({"SD", "SO", "EG", "DJ", "ER"})
# Where names are written French-style: a final e is silent (Boende, Djibo's neighbours).
_FRENCH_STYLE = frozenset("BF BI BJ CD CF CG CI CM GA GN ML NE RW SN TD TG".split())
# Spellings shorter than this (folded, spaces removed) are syllables or words (سان for Mali's San), not names.
MIN_LETTERS = 4
# At most this many Latin names of a place are read (its own and the first ASCII alternates).
MAX_SOURCES = 4

_ARTICLES = frozenset("al el ad adh an ar as ash at ath az aş aţ aḑ aẓ ed en er es et ez".split())
_BGN_MARKS = frozenset("āīūēōḩşţḑẓ‘’ʿʾ")
_BGN_DIGRAPHS = (("kh", "خ"), ("sh", "ش"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"))
_BGN_LETTERS = {
    "b": "ب", "t": "ت", "j": "ج", "ḩ": "ح", "h": "ه", "d": "د", "r": "ر", "z": "ز", "s": "س", "ş": "ص",
    "ḑ": "ض", "ţ": "ط", "ẓ": "ظ", "‘": "ع", "ʿ": "ع", "’": "ء", "ʾ": "ء", "f": "ف", "q": "ق", "k": "ك",
    "l": "ل", "m": "م", "n": "ن", "w": "و", "y": "ي", "ā": "ا", "ī": "ي", "ū": "و", "ē": "ي", "ō": "و",
    "g": "ج", "p": "ب", "v": "ف", "c": "ك", "x": "كس",
}  # fmt: skip
_LONG_SHORT_VOWELS = {"i": "ي", "u": "و", "o": "و", "e": "ي"}

_NEWS_DIGRAPHS = (
    ("shch", "شتش"), ("tch", "تش"), ("tsh", "تش"), ("kh", "خ"), ("sh", "ش"), ("ch", "تش"), ("zh", "ج"), ("ts", "تس"),
    ("th", "ث"), ("gh", "غ"), ("ph", "ف"), ("dj", "ج"), ("ck", "ك"), ("qu", "كو"), ("ou", "و"), ("oo", "و"),
    ("ee", "ي"), ("ie", "ي"), ("yi", "ي"), ("iy", "ي"), ("ai", "اي"), ("ei", "اي"), ("ay", "اي"), ("aw", "او"),
)  # fmt: skip
_NEWS_LETTERS = {
    "a": "ا", "b": "ب", "c": "ك", "d": "د", "e": "ي", "f": "ف", "g": "غ", "h": "ه", "i": "ي", "j": "ج",
    "k": "ك", "l": "ل", "m": "م", "n": "ن", "o": "و", "p": "ب", "q": "ك", "r": "ر", "s": "س", "t": "ت",
    "u": "و", "v": "ف", "w": "و", "x": "كس", "y": "ي", "z": "ز",
}  # fmt: skip
_FIRST_VOWEL = {"a": "ا", "e": "اي", "i": "اي", "o": "او", "u": "او"}
# The Somali alphabet: the letters Arabic writes otherwise, the long vowels (doubled) and diphthongs, and a
# final short vowel, which Arabic writes long (Kismaayo كسمايو, Baraawe براوي).
_SOMALI_LETTERS = {**_NEWS_LETTERS, "c": "ع", "x": "ح", "q": "ق", "g": "ج"}
_SOMALI_DIGRAPHS = (
    ("kh", "خ"), ("sh", "ش"), ("dh", "د"), ("aa", "ا"), ("ee", "ي"), ("ii", "ي"), ("oo", "و"), ("uu", "و"),
    ("ay", "ي"), ("ey", "ي"), ("aw", "و"), ("ow", "و"),
)  # fmt: skip
_SOMALI_FINAL = {"a": "ا", "e": "ي", "i": "ي", "o": "و", "u": "و"}
_WORDS = re.compile(r"[\s\-]+")
# An e between two consonants inside a word.
_INNER_E = re.compile(r"(?<=[b-df-hj-np-tv-z])e(?=[b-df-hj-np-tv-z])", re.IGNORECASE)
_DOUBLED = re.compile(r"([\u0621-\u064a])\1+")


def arabic_spellings(names: Iterable[str], country: str, shortest: int = MIN_LETTERS) -> tuple[str, ...]:
    """Arabic spellings of a place of ``country`` (ISO2) from its Latin ``names`` (its own first), each of at
    least ``shortest`` letters."""
    sources = [n for n in names if n.strip()][:MAX_SOURCES]
    found: dict[str, None] = {}
    for name in sources:
        for spelling in _spellings(name, country):
            if len(spelling.replace(" ", "")) >= shortest:
                found.setdefault(spelling, None)
    return tuple(found)


def _spellings(name: str, country: str) -> list[str]:
    marked = bool(_BGN_MARKS & set(name.lower()))
    if country in ARABIC_NAMED_COUNTRIES:
        out = [_romanised(name, keep_short=False)]
        if not marked:
            # Without the marks a long vowel looks short: keep i u o e, and a final a may be ا (Kassala كسلا).
            out += [_romanised(name, keep_short=True), _final_alef(out[0])]
        return out
    # A name with the marks is romanised Arabic or Persian wherever it is (Afghanistan's Khamyāb).
    if marked:
        return [_romanised(name, keep_short=False)]
    # News often leaves out an e inside a word (Siversk سيفرسك, not سيفيرسك).
    out = [_news(name, country), _news(_INNER_E.sub("", name), country)]
    if country == "SO":
        out.append(" ".join(_somali_word(word) for word in _WORDS.split(name.strip()) if word))
    return out


def _final_alef(spelling: str) -> str:
    return spelling[:-1] + "ا" if spelling.endswith("ة") else spelling


def _romanised(name: str, keep_short: bool) -> str:
    """Romanised Arabic read back: long vowels written, short ones not (or, with ``keep_short``, i u o e)."""
    words = [w for w in _WORDS.split(name.strip()) if w]
    out: list[str] = []
    article = False
    for index, word in enumerate(words):
        if word.lower() in _ARTICLES and index + 1 < len(words):
            article = True
            continue
        spelled = _romanised_word(word.lower(), keep_short)
        out.append("ال" + spelled if article else spelled)
        article = False
    return " ".join(out)


def _romanised_word(word: str, keep_short: bool) -> str:
    letters: list[str] = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        digraph = next((arabic for latin, arabic in _BGN_DIGRAPHS if latin == pair), None)
        if digraph is not None:
            letters.append(digraph)
            index += 2
            continue
        char = word[index]
        index += 1
        if char in "aeiou":
            if index == 1:
                letters.append("ا")
            elif index == len(word) and char == "a":
                letters.append("ة")
            elif keep_short and char in _LONG_SHORT_VOWELS:
                letters.append(_LONG_SHORT_VOWELS[char])
            continue
        letters.append(_BGN_LETTERS.get(char, ""))
    spelled = "".join(letters)
    if word.endswith("ah") and spelled.endswith("ه"):
        spelled = spelled[:-1] + "ة"
    return _DOUBLED.sub(r"\1", spelled)


def _news(name: str, country: str) -> str:
    """A foreign name as Arabic news spells it: every vowel written (see the module's docstring)."""
    return " ".join(_news_word(word, country) for word in _WORDS.split(name.strip()) if word)


def _plain(word: str) -> str:
    """``word`` in lower-case ASCII letters: marks and other characters left out."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", plain)


def _sounds(plain: str, digraphs: tuple[tuple[str, str], ...]) -> Iterator[tuple[int, str, str | None]]:
    """The sounds of ``plain`` in order: where each starts, its Latin letters, and its Arabic where it is one of
    ``digraphs`` (None for a single letter)."""
    index = 0
    while index < len(plain):
        digraph = next(((latin, arabic) for latin, arabic in digraphs if plain.startswith(latin, index)), None)
        if digraph is not None:
            yield index, digraph[0], digraph[1]
            index += len(digraph[0])
        else:
            yield index, plain[index], None
            index += 1


def _somali_word(word: str) -> str:
    """A word of a Somali name in Arabic letters: long vowels written, short ones not (see the module's docstring)."""
    plain = _plain(word)
    letters: list[str] = []
    for index, latin, arabic in _sounds(plain, _SOMALI_DIGRAPHS):
        if arabic is not None:
            letters.append("ا" + arabic if index == 0 and latin[0] in _FIRST_VOWEL else arabic)
        elif latin not in _FIRST_VOWEL:
            letters.append(_SOMALI_LETTERS.get(latin, ""))
        elif index == 0:
            letters.append("ا")
        elif index == len(plain) - 1:
            letters.append(_SOMALI_FINAL[latin])
    return _DOUBLED.sub(r"\1", "".join(letters))


def _news_word(word: str, country: str) -> str:
    plain = _plain(word)
    letters: list[str] = []
    for index, latin, arabic in _sounds(plain, _NEWS_DIGRAPHS):
        if arabic is not None:
            letters.append(arabic)
        elif index == 0 and latin in _FIRST_VOWEL:
            letters.append(_FIRST_VOWEL[latin])
        elif latin == "e" and index == len(plain) - 1 and country in _FRENCH_STYLE:
            pass
        elif latin == "g" and country in _G_IS_JIM:
            letters.append("ج")
        else:
            letters.append(_NEWS_LETTERS.get(latin, ""))
    return _DOUBLED.sub(r"\1", "".join(letters))
