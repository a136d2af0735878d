"""Transliteration variants GeoNames lacks but news writes, from a few rules.

GeoNames already lists many spellings (Banghazi, Bengasi, Kharkov); these rules add
only the variants that follow from how English-language and Arabic-language news
transliterate, so each rule is common, regular and tested:

- Arabic article forms: ``Al X`` / ``Al-X`` / ``El X`` / ``El-X``, the sun-letter forms
  (``As-Safira`` = ``Al-Safira``), and the name without its article when the rest is
  long enough to be a name on its own (``El Fasher`` → ``Fasher``, as Reuters writes it);
- a final ``-ah`` written ``-a`` and back (``Safirah`` / ``Safira``, ``Hamah`` / ``Hama``);
- ``ou`` for ``u`` in French-style spellings and back (``Douma`` / ``Duma``, ``Tartous`` / ``Tartus``);
- for the Levant, a final ``-ah`` written ``-eh`` as it is said there (``Hasakah`` / ``Hasakeh``, ``Sukhnah`` /
  ``Sukhneh``, ``Kafr Nabudah`` / ``Kafr Naboudeh`` with the French ``ou``);
- for Ukrainian, Russian and Belarusian places, the Ukrainian/Russian ending pairs
  ``-ov`` → ``-iv`` (Kharkov → Kharkiv) and ``-ivka`` → ``-ovka`` (Ivanivka → Ivanovka),
  and ``-yiv`` → ``-iv`` (Mykolayiv → Mykolaiv), ``ia``/``iu`` after a consonant written ``ya``/``yu``
  and back (Kupiansk / Kupyansk), the Ukrainian ``h`` (г) written as the Russian ``g`` (Yevhenivka →
  Yevgenivka → Yevgenovka, Arkhanhelske → Arkhangelske, as the Russian ministry's reports are
  transliterated); in Arabic script ``ـوف`` → ``ـيف``
  (خاركوف → خاركيف), since Arabic news moved to the Ukrainian forms in 2022;
- for places where Arabic is spoken, the word that opens the name as the press writes it (``Ayn`` / ``Ain`` /
  ``Ein``, ``Tall`` / ``Tal`` / ``Tel``, ``Dayr`` / ``Deir``, ``Shaykh`` / ``Sheikh``, ``Jabal`` / ``Jebel``,
  ``Kafr`` / ``Kfar``: "Ein Issa", "Sheikh Miskin");
- for Somali places, the press forms of the Somali orthography GeoNames uses: ``c`` (the ayn) left
  out, ``x`` written ``h``, ``Ceel`` written ``El``, and long vowels and double consonants written
  once (``Xuddur`` → ``Hudur``, ``Ceel Dheer`` → ``El Dheer``, ``Gaalkacyo`` → ``Galkayo``,
  ``Cadale`` → ``Adale``, ``Dhuusamarreeb`` → ``Dhusamareb``).

Each variant is scored for ambiguity like any other alias, so a variant that happens
to be a common word (``Bab`` from ``Al-Bab``) binds only with evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from streams.places.transliterate import ARABIC_NAMED_COUNTRIES
from streams.text.normalise import fold

# Sun letters assimilate the article in transliteration: as-, ash-, ad-, ar-, at-, az-, an- ...
_ARTICLE = re.compile(r"^(?P<article>[AaEe][lsdrtzn]|[Aa]sh|[Aa]th|[Aa]dh)(?P<sep>[- ])(?P<rest>.+)$")
# Rest of the name after an article must be at least this many letters to stand alone:
# shorter ones (Bab, Ain) are words or name parts, not names.
MIN_BARE_NAME_LETTERS = 4
_EAST_SLAVIC = frozenset({"UA", "RU", "BY"})
# Where the final taa marbuta is said, and so written, -eh.
_LEVANTINE = frozenset({"SY", "LB", "JO", "PS"})
# Letters before an East Slavic ending for the Ukrainian/Russian pair to apply: Kyiv (stem "Ky") is
# left alone, its forms (Kiev, Kyiv) are all in GeoNames.
MIN_SLAVIC_STEM = 4
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
# Somali ``Ceel`` ('well', El in the press) opening a name, joined to the rest or not (Ceelbuur, Ceel Dheer).
_SOMALI_CEEL = re.compile(r"\b[Cc]eel[- ]?(?=[A-Za-z])")
# A letter written twice (a long vowel, a geminate): the press writes it once.
_DOUBLE_LETTER = re.compile(r"([a-z])\1", re.IGNORECASE)
# я and ю after a consonant inside a name, written ia/iu (Kupiansk) or ya/yu (Kupyansk).
_UKRAINIAN_H = re.compile(r"(?<![kzcsKZCS])[hH]")
_SOFT_VOWEL_OFFICIAL = re.compile(r"(?<=\w)([bcdfghklmnprstvz])i([au])")
_SOFT_VOWEL_PRESS = re.compile(r"(?<=\w)([bcdfghklmnprstvz])y([au])")
# Russian-form Arabic names ending in ـوف after a consonant and three letters or more (خاركوف).
_ARABIC_RUSSIAN_OV = re.compile(r"(?<=[\u0621-\u064A]{2}[^\u0627\u0648\u064A\s])وف$")


# The words that open Arabic place names, each with the spellings the press uses for it (a spring, a hill, a
# monastery, a sheikh, a mountain, a village): GeoNames romanises them one way, news writes them any of these.
_HEAD_GROUPS = (
    ("Ayn", "Ain", "Ein"),
    ("Tall", "Tal", "Tel", "Tell"),
    ("Dayr", "Deir", "Dair"),
    ("Shaykh", "Sheikh", "Shaikh", "Sheik", "Cheikh"),
    ("Jabal", "Jebel", "Jabel"),
    ("Kafr", "Kfar", "Kefr"),
)
_HEADS = {spelling: group for group in _HEAD_GROUPS for spelling in group}


def _article_variants(name: str) -> set[str]:
    match = _ARTICLE.match(name)
    if not match:
        return set()
    rest = match.group("rest")
    out = {f"Al {rest}", f"Al-{rest}", f"El {rest}", f"El-{rest}"}
    if len(fold(rest).replace(" ", "")) >= MIN_BARE_NAME_LETTERS:
        out.add(rest)
    return out


def _ending_variants(name: str) -> set[str]:
    out: set[str] = set()
    # Only -ah → -a: the reverse turns Goma into "Gomah", which nobody writes.
    if name.endswith("ah") and len(name) > 4:
        out.add(name[:-1])
    if "ou" in name:
        out.add(name.replace("ou", "u"))
    return out


def _east_slavic_variants(name: str) -> set[str]:
    out = _yi_variants(name) | _soft_vowel_variants(name)
    # Ukrainian г, romanised h, is the Russian g (not the h of kh, zh, ch, sh).
    russian_g = _UKRAINIAN_H.sub(lambda m: "G" if m.group(0) == "H" else "g", name)
    if russian_g != name:
        out.add(russian_g)
    # Two directions that hold: Ukrainian -ivka → Russian -ovka (Ivanivka / Ivanovka; the reverse
    # breaks Pokrovka, whose o is in the root), and Russian -ov → Ukrainian -iv (Kharkov / Kharkiv,
    # the form news has used since 2022; the reverse gives Chernihov, which nobody writes:
    # Russian says Chernigov). Both only after a consonant stem of some length: after a vowel the
    # names differ more (Mykolaiv / Nikolaev, Avdiivka / Avdeevka) and GeoNames lists them.
    for have, other in (("ivka", "ovka"), ("ov", "iv")):
        stem = name[: -len(have)]
        if name.endswith(have) and len(stem) >= MIN_SLAVIC_STEM and stem[-1].lower() in _CONSONANTS:
            out.add(stem + other)
    return out


def _soft_vowel_variants(name: str) -> set[str]:
    """Maksymilianivka → Maksymilyanivka, Kupiansk → Kupyansk, Huliaipole → Hulyaipole and back: the
    Ukrainian я and ю after a consonant, which the official romanisation writes ia and iu and the press
    often ya and yu."""
    official = _SOFT_VOWEL_OFFICIAL.sub(lambda m: m.group(1) + "y" + m.group(2), name)
    press = _SOFT_VOWEL_PRESS.sub(lambda m: m.group(1) + "i" + m.group(2), name)
    return {v for v in (official, press) if v != name}


def _yi_variants(name: str) -> set[str]:
    """Mykolayiv → Mykolaiv, Avdiyivka → Avdiivka: the Ukrainian ї written i rather than yi; after an i
    the two are often written as one (Avdivka)."""
    for ending in ("yivka", "yiv"):
        stem = name[: -len(ending)]
        if name.endswith(ending) and len(stem) >= MIN_SLAVIC_STEM:
            out = {stem + ending[1:]}
            if stem.endswith("i"):
                out.add(stem[:-1] + ending[1:])
            return out
    return set()


def _somali_variants(name: str) -> set[str]:
    """Ceel Dheer → El Dheer, El Dher; Xuddur → Huddur, Hudur: the Somali letters c (ayn) and x (ħ)
    as English-language news writes them, with long vowels and doubled consonants written once or not."""
    press = _SOMALI_CEEL.sub(lambda m: "El ", name)
    press = press.replace("x", "h").replace("X", "H").replace("c", "").replace("C", "")
    # a word that opened with c opens with its vowel now: Cadale → Adale
    press = " ".join(word[:1].upper() + word[1:] for word in press.split(" ") if word)
    out = {press, _DOUBLE_LETTER.sub(r"\1", press)}
    return {v for v in out if len(fold(v).replace(" ", "")) >= MIN_BARE_NAME_LETTERS}


def _head_variants(name: str) -> set[str]:
    """Ein Issa for Ain Issa, Sheikh Miskin for Shaykh Miskin: the word that opens an Arabic place name, as the
    press writes it beside the romanisation GeoNames gives (``_HEADS``)."""
    head, _, rest = name.partition(" ")
    spellings = _HEADS.get(head)
    if not rest or spellings is None:
        return set()
    return {f"{spelling} {rest}" for spelling in spellings if spelling != head}


# An article inside a name, after its first word: "Deir ez-Zor", "Maarat al-Numan", "Ras al Ain".
_INNER_ARTICLE = re.compile(r"(?<=\w[ -])(?:[AaEe][lsdrtzn]|[AaEe][sdt]h)(?=[- ]\w)")
# The sun letters, as Latin writes them, that the article takes on: ash-Shughur, az-Zor, an-Numan.
_SUN_LETTERS = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")


def _inner_article_variants(name: str) -> set[str]:
    """Deir az-Zor, Deir al-Zor and Deir el-Zor for Deir ez-Zor; Maarat an-Numan for Maarat al-Numan: an article
    inside the name written as the press writes it, plain or taking on the sun letter after it."""
    out: set[str] = set()
    for match in _INNER_ARTICLE.finditer(name):
        rest = name[match.end() + 1 :].lower()
        sun = next((letters for letters in _SUN_LETTERS if rest.startswith(letters)), None)
        capital = match.group()[0].isupper()
        for vowel in "ae":
            for consonant in ("l", sun) if sun is not None else ("l",):
                article = vowel + consonant
                article = article.capitalize() if capital else article
                if article != match.group():
                    out.add(name[: match.start()] + article + name[match.end() :])
    return out


# Where the press also writes names French-style, u as ou (AFP's Kafr Nabouda, Maaret al-Noumane): the
# countries of the French mandate.
_FRENCH_STYLE = frozenset({"SY", "LB"})
# A u that French writes ou: not already in ou, nor after a vowel (the diphthongs au, iu) or a q written qu.
_FRENCH_U = re.compile(r"(?<![aeiouqAEIOUQ])u")


def _levantine_variants(name: str) -> set[str]:
    return {name[:-2] + "eh"} if name.endswith("ah") and len(name) > 4 else set()


def _french_variants(name: str) -> set[str]:
    """Kafr Naboudah for Kafr Nabudah: every u that French writes ou, at once."""
    variant = _FRENCH_U.sub("ou", name)
    return {variant} if variant != name else set()


# The rules that apply where a country's names are written so, each over the name and what the rules before it
# derived, in this order.
_SPELLINGS_BY_COUNTRY: tuple[tuple[frozenset[str], Callable[[str], set[str]]], ...] = (
    (ARABIC_NAMED_COUNTRIES, _head_variants),
    (ARABIC_NAMED_COUNTRIES, _inner_article_variants),
    (_LEVANTINE, _levantine_variants),
    (_FRENCH_STYLE, _french_variants),
)


def latin_variants(name: str, country: str) -> set[str]:
    """Spellings of a Latin-script ``name`` that the rules above derive (``name`` itself excluded)."""
    out = _article_variants(name) | _ending_variants(name)
    # the rules compose: As Ziyarah → Ziyarah → Ziyara, as Reuters writes it
    for variant in _article_variants(name):
        out |= _ending_variants(variant)
    for countries, rule in _SPELLINGS_BY_COUNTRY:
        if country in countries:
            for variant in (name, *out):
                out |= rule(variant)
    if country in _EAST_SLAVIC:
        out |= _east_slavic_variants(name)
        for variant in list(out):
            out |= _east_slavic_variants(variant)
    if country == "SO":
        out |= _somali_variants(name)
    out.discard(name)
    return out


def arabic_variants(name: str, country: str) -> set[str]:
    """Spellings of an Arabic-script ``name`` the rules derive: خاركوف ↔ خاركيف for East Slavic places."""
    # One direction only: Russian form → Ukrainian form (the reverse would turn كييف into كيوف).
    if country not in _EAST_SLAVIC or not _ARABIC_RUSSIAN_OV.search(name):
        return set()
    return {_ARABIC_RUSSIAN_OV.sub("يف", name)}
