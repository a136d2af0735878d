"""When a place name can be trusted alone, and what evidence lets a doubtful one bind.

Two kinds of doubt, measured once when the gazetteer is built:

- **the name is a word** (``word_like``): «السفيرة» is 'the ambassador', «العيون» 'the
  eyes', «دوما» 'always' (دوماً), ``Reading`` and ``Nice`` are English words. Raw word
  frequency cannot tell these apart from names, because wordfreq counts the places too:
  حلب (Aleppo, Zipf 4.93) is more frequent than دوما (4.80), حمص (4.47) more than السفيرة
  (3.23). So the tests compare frequencies that a *name* and a *word* make differently:

  * an Arabic name is a word when its other article form is a word too and the name's
    form is not much more frequent than it: السفيرة 3.23 against سفيرة ('ambassador')
    3.49, مالي ('financial'; Mali) 4.80 against المالي 4.56; names are: الرقة 4.27 against
    رقة 3.40, الفاشر 2.66 against فاشر 1.26, حمص 4.47 against الحمص 3.18, حلب 4.93 / الحلب 2.55;
  * an Arabic name without the article is a word when it is frequent and almost never
    written with the preposition ب ('in') attached: دوما 4.80 against بدوما 1.30, where
    places stay within 2.5 (حمص 4.47 / بحمص 3.14, تدمر 4.24 / بتدمر 1.94);
  * any name is a word when it is far more frequent than the size of its place explains
    (see ``expected_zipf``): صور ('pictures'; Tyre, 135,000 people) 5.52 against an expected
    2.13; ``Nice`` 5.37 against 2.53, while ``London`` is 5.27 against 3.95.

- **the name is shared** (``shared``): several places of the gazetteer have it (Tripoli in
  Libya and in Lebanon) and none is at least ``DOMINANT_POPULATION_RATIO`` times bigger
  than every other.

- **the place is minor** (``minor``): a town of fewer than ``MINOR_POPULATION`` people, or whose
  population GeoNames does not know (a district's seat). A world
  gazetteer has thousands, and their names are rare words, clitic forms of words (جناتة, a
  Palestinian village, is جناته 'his gardens' once taa marbuta is folded), given names (Leo, Toma)
  or spellings of other places' names (ريو, Reo in Burkina Faso, is Rio): nothing in a name
  alone says the town is meant. Reporting on a town says where it is, so a minor place binds
  when the article names its country or region, or a word says a place follows ("town of",
  بلدة, قرية).

- **the name is also a country's out of the coverage** (``outside``): عمان is Amman and Oman; a pack
  that covers Jordan and not Oman binds it like a minor place, when the article names Jordan.

- **the name is a word with a proclitic** (``word_proclitics``): ب + لاد (Lod) is بلاد
  'country'; the matcher strips proclitics, so those forms are the word, not the name.

A ``safe`` alias binds alone. A ``needs_context`` alias binds through ``evidence_supports``:
a word-like name needs evidence next to it that it is used as a name (a capital letter in
Latin script, "city of", "in", مدينة, في, the preposition ب attached); a shared name needs
the article's geography (a country or region named in it), else the biggest namesake
when it is ``DOMINANT_POPULATION_RATIO`` times bigger than the rest, else the binding says
it is ambiguous and lists the candidates. A country named in the article does not make a
word a name (a Syrian story can say دوماً, 'always'), so word doubt needs local evidence.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from streams.places.model import AliasAmbiguity, Place, Script
from streams.places.scripts import ARABIC_FACILITIES, LATIN_FACILITIES
from streams.text.inflect import bare_forms
from streams.text.languages import every
from streams.text.normalise import fold

# Zipf of a place's name expected from its population alone: log10(population) − 3, i.e. a
# city of a million people named once per million words (Zipf 3). Measured in English:
# Homs (775,000) 2.85 for 2.89 expected, Kharkiv 2.93 / 3.15, Goma 2.38 / 2.64, Cairo 3.84 / 3.95.
# Places with no population in GeoNames count as MIN_POPULATION_FOR_EXPECTED.
MIN_POPULATION_FOR_EXPECTED = 1000
# A GeoNames district seat of unknown population is weighed as a small town: its name must then be far
# more frequent than that (الأحد 'Sunday', Zipf 4.99) to read as a word, while تلعفر (3.22) stays a name.
SEAT_POPULATION_FOR_EXPECTED = 20_000

# Latin script: a name is a word when its English Zipf is at least LATIN_MIN_WORD_ZIPF (a
# word of ~3 per million words; below that a word is too rare to cause false alarms) and at least
# LATIN_EXCESS_ZIPF above what its population explains (40 times more frequent). Measured
# excesses: words Nice 2.84, Reading 2.66, Bath 2.50, Victoria 1.98, Buffalo 1.70, Batman 1.68;
# places Paris 1.50, London 1.32, Jordan 0.51, Benghazi 0.72, Aleppo 0.24, Kharkiv −0.22, Goma −0.26.
LATIN_MIN_WORD_ZIPF = 3.5
# A region's or country's name this frequent as a word needs evidence (a capital, a cue) to bind.
LATIN_REGION_WORD_ZIPF = 4.0
LATIN_EXCESS_ZIPF = 1.6

# Arabic script: news in Arabic names Arab places far more than their population explains
# (measured excess: Homs 1.58, Aleppo 1.61, Idlib 2.20, Daraa 2.32, Palmyra 2.53, Laayoune 2.28),
# so the excess that marks a word is higher: صور (Tyre / 'pictures') 3.39.
ARABIC_EXCESS_ZIPF = 3.0
# That holds for places where Arabic is spoken. A place elsewhere is named in Arabic about as often as
# its size explains, so an Arabic spelling of its name far more frequent than that is a word or a
# person's name: ليو (Leo, Burkina Faso: the given name) 2.54 above its population, كاي (Kayes) 1.74,
# كاتي (Kati) 1.58; places stay below: جلال اباد 1.19, تمبكتو (Timbuktu) 1.18, جاو (Gao) 1.10.
FOREIGN_ARABIC_EXCESS_ZIPF = 1.5
# Arabic article forms: a name with the article (السفيرة) against its stem (سفيرة), a name
# without it (حمص) against the stem with the article (الحمص). Word-like when both forms are words
# of Zipf ≥ ARABIC_STEM_WORD_ZIPF (سفيرة 3.49, عيون 4.51, باب 5.13; not فاشر 1.26, حسكة 1.87,
# لاذقية 1.01) and the name's form less than ARABIC_NAME_LIFT_ZIPF more frequent (5.6 times). Measured
# (name − other form): words السفيرة −0.26, العيون +0.06, الباب −0.22, الميادين +0.43, السلمية +0.14,
# الأبيض +0.44, مالي +0.24, صور +0.34, جنين −0.35; names الرقة +0.87, الخرطوم +1.01, الغوطة +1.17,
# الجولان +1.36, الفاشر +1.40, الحسكة +1.64, سلمى +1.11, حمص +1.29, حماة +1.70, حلب +2.38.
ARABIC_STEM_WORD_ZIPF = 2.5
ARABIC_NAME_LIFT_ZIPF = 0.75
# Arabic names without the article: frequent (Zipf ≥ ARABIC_FREQUENT_ZIPF) and at least
# ARABIC_BA_GAP_ZIPF above the same name with ب ('in') attached (a thousand times rarer).
# Measured gaps: دوما 3.50 ('always'); places حلب 1.27, حمص 1.33, طرابلس 1.50, بنغازي 1.74,
# درعا 1.73, إدلب 1.87, حماة 1.93, تدمر 2.30, سلمى 2.49. Below Zipf 4 the ب form falls under
# wordfreq's floor for places too (عفرين 3.38, بعفرين not listed), so the test is not made.
ARABIC_FREQUENT_ZIPF = 4.0
ARABIC_BA_GAP_ZIPF = 3.0

# A namesake this many times more populous than every other is the one meant when nothing
# else says (Kidal, Mali, 40,030 against Kidal, Indonesia, 0; but not Tripoli, Libya, 1.3 M
# against Tripoli, Lebanon, 229,000: 5.7 times).
DOMINANT_POPULATION_RATIO = 10.0
# Towns below this population bind only with their geography named or a cue (see ``minor`` above).
# Measured on 10,000 Saudi news articles of 2015: 30 of the 33 places of fewer than 50,000 people
# that raised an alert were words or names of something else (جناته, الضليل a share, ريو, Leo);
# towns whose capture is news (Soledar 10,490, Maryinka 9,089, Suran 30,716) were reported with
# their country or region named.
MINOR_POPULATION = 50_000
# A place called a village is none of its namesakes of this many people or more: «قرية صيدا الحانوت» in Quneitra
# is no part of Sidon (163,000); news calls towns of tens of thousands villages ("the village of Suran", 30,716).
VILLAGE_POPULATION = 100_000
# The ب ('in') attached is evidence of a name only where the name with ب is rare as a word:
# بدوما (1.30) is Douma, but بالمدينة (Zipf 4.6) is 'in the city', not Al-Madinah in Iraq.
ARABIC_BA_WORD_ZIPF = 3.0
# An Arabic name written with a proclitic is that word (بلاد 'country' is ب + لاد, Lod) when the
# attached form is at least this frequent and more frequent than the name itself (a place's
# attached forms are always rarer than it: بحمص 3.14 against حمص 4.47).
ARABIC_PROCLITIC_WORD_ZIPF = 3.0
_PROCLITICS = ("ب", "و", "ل", "ف", "ك")
# Below this frequency a capital letter is evidence enough that a word-like Latin name is the name
# (Bath 4.3); above it a cue is needed too: Human 5.35, Nice 5.37, Reading 5.14 open names of
# organisations, titles and sentences.
CAPITALS_ENOUGH_BELOW_ZIPF = 5.0

_ARTICLE = "ال"


# Spellings looked up, kept for the words of real news (a long tail: bounded, so a worker's memory is too).
@lru_cache(maxsize=1 << 17)
def spelling_zipf(text: str, lang: str) -> float:
    """How frequent this very spelling is (to choose how a name is displayed, and whether the name of a town
    no gazetteer lists is a word: see streams.ruleset.unlisted)."""
    from wordfreq import zipf_frequency  # imported here: a process that never asks does not load its lists

    return float(zipf_frequency(text, lang))


def load_word_frequencies(langs: Iterable[str]) -> None:
    """Load now what :func:`spelling_zipf` and :func:`folded_zipf` load on first use for each of ``langs``
    (wordfreq's list and the folded table, about 0.6 s for Arabic), so no article waits for it."""
    for lang in langs:
        spelling_zipf("a", lang)  # (an empty text loads nothing)
        folded_zipf("", lang)


@lru_cache(maxsize=1 << 17)
def _zipf(text: str, lang: str) -> float:
    """How frequent ``text`` is as a word, counting every spelling the matcher folds to the same key.

    wordfreq keeps الفصائل and الفصايل (or مرفأ and مرفا) apart; the matcher does not, so a name spelt
    without the hamza is the frequent word spelt with it (الفصايل, a village, is 'the factions').
    """
    return max(spelling_zipf(text, lang), _folded_frequencies(lang).get(fold(text), 0.0))


# Words of wordfreq's list taken per language for the folded table: down to about Zipf 1.5.
FOLDED_WORDS = 300_000


def folded_zipf(folded: str, lang: str) -> float:
    """How frequent the word the matcher folds to ``folded`` is at most, in any spelling (0 below Zipf ~1.5,
    where wordfreq's list taken here ends): one dictionary look-up, for the hot paths of the matcher."""
    return _folded_frequencies(lang).get(folded, 0.0)


@cache
def _folded_frequencies(lang: str) -> dict[str, float]:
    """wordfreq's words of ``lang`` by their folded form, each with the frequency of its most frequent spelling.

    Building it folds 300,000 words (seconds); every start that merges hand-written places needs it,
    so it is kept in the gazetteer's cache directory beside the gazetteers.
    """
    from streams.places.cache import cached

    return cached(f"folded-{lang}", lambda: _build_folded(lang))


def _build_folded(lang: str) -> dict[str, float]:
    from wordfreq import top_n_list, zipf_frequency

    table: dict[str, float] = {}
    for word in top_n_list(lang, FOLDED_WORDS):
        key = fold(word)
        if key and key not in table:  # the list is most frequent first
            table[key] = float(zipf_frequency(word, lang))
    return table


def expected_zipf(population: int) -> float:
    """The Zipf frequency a place's name would have from its population alone (see the constants)."""
    return math.log10(max(population, MIN_POPULATION_FOR_EXPECTED)) - 3.0


@dataclass(frozen=True, slots=True)
class WordEvidence:
    """How an alias's spellings fare as words (see ``word_evidence``); ``reasons`` is empty for a
    name that is not a word, ``proclitics`` those with which it is one."""

    zipf: float
    other_form_zipf: float | None = None
    ba_zipf: float | None = None
    reasons: tuple[str, ...] = ()
    proclitics: tuple[str, ...] = ()


def word_evidence(
    spellings: Iterable[str], script: Script, population: int, arabic_spoken: bool = True, alternate: bool = False
) -> WordEvidence:
    """Frequencies of an alias's spellings as words, and why it is word-like if it is.

    ``spellings`` are the ways the alias is written that fold to the same key (إدلب and
    ادلب); wordfreq keeps them apart, so each measure takes the most frequent. ``arabic_spoken``:
    whether Arabic is a language of the place's country (it sets how far above its population an
    Arabic spelling may be before it is a word). ``alternate``: the alias is not the English name of the
    city it names, but one of the other names GeoNames lists for it.
    """
    spellings = tuple(spellings)
    lang = "ar" if script == "arabic" else "en"
    zipf = max(_zipf(s, lang) for s in spellings)
    reasons: list[str] = []
    other_form_zipf: float | None = None
    ba_zipf: float | None = None
    single = [s for s in spellings if " " not in s.strip() and "-" not in s]
    if not single:
        # wordfreq estimates a phrase from its words, so عين العرب (Kobani) looks as common as
        # عين and العرب; a phrase of several words is not a word, and its words are not aliases.
        return WordEvidence(zipf)
    excess = zipf - expected_zipf(population) if population > 0 else 0.0
    if script == "latin":
        if alternate and zipf >= LATIN_MIN_WORD_ZIPF:
            # A city's size explains how often its own name is written, not how often an old or foreign
            # name of it is: Dual (Douala), Stalin (Donetsk), Salem (Jerusalem), Sam (Damascus) are words.
            reasons.append(f"frequent English word (Zipf {zipf:.2f}) that is another name of the city")
        elif zipf >= LATIN_MIN_WORD_ZIPF and excess >= LATIN_EXCESS_ZIPF:
            reasons.append(f"frequent English word (Zipf {zipf:.2f}, {excess:.2f} above its population)")
        elif population <= 0 and zipf >= LATIN_REGION_WORD_ZIPF:
            # Regions and countries have no population to weigh the frequency against: Eastern (4.9),
            # Central, Northern are provinces and words; capitals tell them apart (Syria, Sudan: 4.2-4.7).
            reasons.append(f"frequent English word (Zipf {zipf:.2f}) naming a region or country")
        return WordEvidence(zipf, reasons=tuple(reasons))
    if excess >= (ARABIC_EXCESS_ZIPF if arabic_spoken else FOREIGN_ARABIC_EXCESS_ZIPF):
        reasons.append(f"frequent Arabic word (Zipf {zipf:.2f}, {excess:.2f} above its population)")
    # The other article form: السفيرة → سفيرة; حمص → الحمص. The matcher lets a name written
    # without the article match with it (وبحمص, الحمص), so both directions matter. A pair of
    # forms that are both words and about as frequent is a noun or adjective with and without
    # its article; a name is much more frequent in one form (الرقة / رقة, حمص / الحمص).
    other = [s[2:] if s.startswith(_ARTICLE) and len(s) > 3 else _ARTICLE + s for s in single]
    other_form_zipf = max(_zipf(o, "ar") for o in other)
    # A name is written in its own form far more often than in the other; the other form being the more
    # frequent one, by however much, says the name is the word (يهود 'Jews' 4.09 against اليهود 4.86).
    if min(zipf, other_form_zipf) >= ARABIC_STEM_WORD_ZIPF and zipf - other_form_zipf < ARABIC_NAME_LIFT_ZIPF:
        reasons.append(f"a word with and without the article (Zipf {zipf:.2f}, other form {other_form_zipf:.2f})")
    ba_zipf = max(_zipf(_IN_PROCLITIC + s, "ar") for s in single)
    proclitics: list[str] = []
    if not any(s.startswith(_ARTICLE) for s in single):
        if zipf >= ARABIC_FREQUENT_ZIPF and zipf - ba_zipf >= ARABIC_BA_GAP_ZIPF:
            reasons.append(f"a word rarely written with ب 'in' (Zipf {zipf:.2f}, with ب {ba_zipf:.2f})")
        for proclitic in _PROCLITICS:
            attached = max(_zipf(proclitic + s, "ar") for s in single)
            # A name that is a word itself is that word with a proclitic too, however frequent the bare word
            # is: وادي 'valley' (4.9) is و + ادي (Edd), which is أدى 'performed' (5.07).
            if attached >= ARABIC_PROCLITIC_WORD_ZIPF and (attached > zipf or reasons):
                proclitics.append(proclitic)
    return WordEvidence(zipf, other_form_zipf, ba_zipf, tuple(reasons), tuple(proclitics))


def dominant(places: Sequence[Place]) -> Place | None:
    """The one place at least ``DOMINANT_POPULATION_RATIO`` times more populous than each other, if any."""
    if len(places) == 1:
        return places[0]
    ranked = sorted(places, key=lambda p: p.population, reverse=True)
    if ranked[0].population >= DOMINANT_POPULATION_RATIO * max(ranked[1].population, 1) and ranked[0].population > 0:
        return ranked[0]
    return None


def assess(
    alias: str,
    spellings: Sequence[str],
    script: Script,
    places: Sequence[Place],
    outside: str = "",
    chosen: bool = False,
    guessed: bool = False,
    outside_city: bool = False,
    cue_only: bool = False,
    adjective: bool = False,
) -> AliasAmbiguity:
    """The ambiguity of folded ``alias`` (written ``spellings``) shared by ``places``; ``outside`` names
    a country out of the coverage with this name too (عمان: Amman and Oman); ``chosen`` when a rule
    author wrote one of the places by hand: a town someone chose to watch is never ``minor``; ``guessed``
    when the name is only a spelling generated for its places (``streams.places.transliterate``), which binds
    like a minor town's, with the place's geography named; ``outside_city`` when ``outside`` is a big Arab
    city abroad rather than a country, which binds the place only with its geography named; ``cue_only``
    when the guess comes from a Latin name that is also a common English word or name, which binds only
    after a word for a kind of place or with the place's region named; ``adjective`` when the name is a
    country's adjective in a script without capitals («الأوكرانية»): an adjective's every use names its country,
    however frequent it is, so it binds alone."""
    ranked = sorted(places, key=lambda p: (-p.population, p.id))
    # Only a city's population says how often its name should be written; regions and countries
    # have none here (0: the population test is not made).
    population = 0
    if ranked and ranked[0].kind == "city":
        top = ranked[0]
        population = top.population or (SEAT_POPULATION_FOR_EXPECTED if top.id.startswith("geonames:") else 0)
    alternate = bool(ranked) and ranked[0].kind == "city" and fold(ranked[0].name_en) != alias
    words = word_evidence(spellings, script, population, any(speaks_arabic(p.country) for p in ranked), alternate)
    if adjective:
        words = WordEvidence(words.zipf)
    shared = len(ranked) > 1 and dominant(ranked) is None
    reasons = words.reasons
    if shared:
        reasons = (*reasons, f"shared by {len(ranked)} places, none {DOMINANT_POPULATION_RATIO:g} times bigger")
    minor = not chosen and bool(ranked) and all(_is_minor(p) for p in ranked)
    if minor:
        size = f"fewer than {MINOR_POPULATION:,} people" if ranked[0].population else "unknown population"
        reasons = (*reasons, f"a town of {size}")
    if guessed and not chosen:
        minor = True
        reasons = (*reasons, GUESSED_REASON)
    cue_only = cue_only and guessed and not chosen
    if cue_only:
        reasons = (*reasons, COMMON_GUESS_REASON)
    if words.proclitics:
        reasons = (*reasons, "a word written with " + ", ".join(words.proclitics))
    if outside:
        reasons = (*reasons, f"also the name of {outside}, outside the coverage")
    return AliasAmbiguity(
        alias=alias,
        script=script,
        zipf=words.zipf,
        places=tuple(p.id for p in ranked),
        word_like=bool(words.reasons),
        shared=shared,
        other_form_zipf=words.other_form_zipf,
        ba_zipf=words.ba_zipf,
        reasons=reasons,
        minor=minor,
        word_proclitics=words.proclitics,
        outside=outside,
        outside_city=outside_city and bool(outside),
        hamzas=hamza_positions(spellings) if script == "arabic" else None,
        cue_only=cue_only,
    )


GUESSED_REASON = "an Arabic spelling guessed from the Latin name"
COMMON_GUESS_REASON = "guessed from a Latin name that is also a common English word or name"


# Arabic and the dialects CLDR counts apart from it (Levantine, Sudanese, Egyptian, Iraqi, Maghrebi, Gulf, Chadian).
_ARABIC_LANGUAGES = frozenset({"ar", "apc", "apd", "arz", "acm", "ary", "arq", "aeb", "ayl", "ars", "afb", "shu"})
# Arabic news names the places of a country as often as Arab places (``ARABIC_EXCESS_ZIPF``) where Arabic is
# the language of a good part of its people (CLDR: Israel 37%, Somalia 34%, Sudan 61%); where it is official
# but spoken by few (Chad 17%, Eritrea 5%), Arabic news rarely names them, and GeoNames' Arabic names for them
# are given names and words: سارة (Sarah) for Sarh, بالا for Pala, كيلو (kilo) for Kelo.
ARABIC_SPOKEN_PERCENT = 30.0


@cache
def speaks_arabic(country: str) -> bool:
    """Whether Arabic (with its dialects) is the language of at least ``ARABIC_SPOKEN_PERCENT`` of the country's people."""
    from babel.languages import get_territory_language_info  # imported here: only building a gazetteer needs it

    spoken = get_territory_language_info(country)
    share = sum(
        float(info.get("population_percent") or 0) for lang, info in spoken.items() if lang in _ARABIC_LANGUAGES
    )
    return share >= ARABIC_SPOKEN_PERCENT


def _is_minor(place: Place) -> bool:
    # Hand-written places and regions carry no population: they are what a rule author chose to watch.
    # A GeoNames town of unknown population (0) is a district's seat, not a city anyone would miss.
    return place.kind == "city" and place.id.startswith("geonames:") and place.population < MINOR_POPULATION


# -- how an Arabic name is spelt -------------------------------------------------------------------

_HAMZA_LETTERS = frozenset("أإآؤئء")
# Tanween (ً ٌ ٍ) ends an indefinite noun or adjective: «صيدًا» 'prey', «أبًا» 'a father', «حزمًا»
# 'firmly'. A place's name is definite and never takes it, so a name written with it is that word.
TANWEEN = frozenset("\u064b\u064c\u064d")


def _letters(word: str) -> str:
    """The letters of an Arabic word as written, without diacritics and tatweel (one per letter of its folded form)."""
    return "".join(
        c for c in unicodedata.normalize("NFKC", word) if c.isalpha() and not unicodedata.combining(c) and c != "\u0640"
    )


def _initial(position: int, folded_word: str) -> bool:
    """Whether a letter opens the word or the word after its article (الإسكندرية), where writers add a hamza
    that a source leaves out (إدلب, ادلب)."""
    return position == 0 or (position == 2 and folded_word.startswith(_ARTICLE))


def hamza_positions(spellings: Iterable[str]) -> tuple[frozenset[int], ...] | None:
    """Word by word, the letters at which some of ``spellings`` writes a hamza (see ``AliasAmbiguity.hamzas``);
    None when the spellings do not have the same number of words."""
    found: list[set[int]] | None = None
    for spelling in spellings:
        words = [_letters(word) for word in spelling.replace("-", " ").split()]
        if found is None:
            found = [set() for _ in words]
        if len(words) != len(found):
            return None
        for word, positions in zip(words, found, strict=True):
            positions.update(i for i, letter in enumerate(word) if letter in _HAMZA_LETTERS)
    return tuple(frozenset(p) for p in found) if found else None


def _in_capitals(mention: Mention) -> str | None:
    """Why a Latin mention in capitals amid lower case is no place (or None): it is an acronym, a ticker, a
    brand or emphasis ("the GAO said", "DUAL-WING", "BALO"), unless a cue says a place follows. Where the
    words after are in capitals too, the text is (a headline, a telex), and capitals say nothing."""
    written = mention.written
    if not (mention.case_informative and sum(c.isalpha() for c in written) > 1 and written.isupper()):
        return None
    if mention.next_written.isupper() or _has_cue(mention, _LATIN_KIND_CUES):
        return None
    return "written in capitals amid lower case: an acronym or a brand"


def written_as_a_word(mention: Mention, ambiguity: AliasAmbiguity) -> str | None:
    """Why the letters of a mention, which folding sets aside, make it a word rather than the name (or None):
    in Latin script, capitals amid lower case; in Arabic, tanween, or a hamza inside the word where no
    spelling of the name has one (وأرى 'and I see', بألا 'that not', رأيناه 'we saw it' are not واري, بالا,
    رايناه)."""
    if ambiguity.script == "latin":
        return _in_capitals(mention)
    if any(c in TANWEEN for c in mention.written):
        return "written with tanween, which a name never takes"
    if ambiguity.hamzas is None:
        return None
    written = mention.written.replace("-", " ").split()
    folded = ambiguity.alias.split()
    if len(written) != len(folded) or len(folded) != len(ambiguity.hamzas):
        return None
    for index, (word, name_word, hamzas) in enumerate(zip(written, folded, ambiguity.hamzas, strict=True)):
        letters = _letters(word)
        if index == 0:
            letters = letters[len(letters) - len(name_word) :]  # the proclitics attached (وبالإسكندرية) aside
        if len(letters) != len(name_word):
            return None
        for position, letter in enumerate(letters):
            if letter in _HAMZA_LETTERS and position not in hamzas and not _initial(position, name_word):
                return f"written with a hamza ({letter}) inside the word, where the name has none"
    return None


# -- evidence at match time ------------------------------------------------------------------------

# Words in front of a name that say a place follows, folded, nearest last. Latin: "city of X",
# "in X"; Arabic: مدينة, بلدة, قرية ('city, town, village of'), في ('in'), قرب ('near').
LATIN_CUES: tuple[tuple[str, ...], ...] = tuple(
    tuple(c.split())
    for c in (
        "city of",
        "town of",
        "village of",
        "province of",
        "region of",
        "district of",
        "outskirts of",
        "in",
        "near",
        "outside",
        "around",
    )
)
ARABIC_CUES: tuple[tuple[str, ...], ...] = tuple(
    tuple(fold(c).split())
    for c in (
        "مدينة", "بلدة", "قرية", "محافظة", "ولاية", "منطقة", "مخيم", "في", "قرب", "بالقرب من", "ضواحي", "ريف",
        # in the plural and the dual, heading a list («بلدات الزيارة والمنصورة», «مدينتي الرستن وتلبيسة»),
        # and Sudan's locality («رئاسة محلية أم القرى»), the districts and subdistricts named for their town
        # (Iraq's «قضاء مخمور», «ناحية ربيعة», Yemen's «مديرية الزاهر»)
        "مدن", "بلدات", "قرى", "مدينتي", "بلدتي", "محلية", "قضاء", "ناحية", "مديرية",
    )
)  # fmt: skip
# The cues a very frequent word needs (see ``name_evidence``): all but the bare 'in', which stands before
# any noun (في المائة 'per cent', "in Reading").
LATIN_KIND_CUES = tuple(cue for cue in LATIN_CUES if cue != ("in",))
ARABIC_KIND_CUES = tuple(cue for cue in ARABIC_CUES if cue != (fold("في"),))


def _by_last_word(cues: Sequence[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``cues`` by their last word, in their order: only those can end the words before a mention."""
    found: dict[str, tuple[tuple[str, ...], ...]] = {}
    for cue in cues:
        found[cue[-1]] = (*found.get(cue[-1], ()), cue)
    return found


_LATIN_CUES = _by_last_word(LATIN_CUES)
_ARABIC_CUES = _by_last_word(ARABIC_CUES)
_LATIN_KIND_CUES = _by_last_word(LATIN_KIND_CUES)
_ARABIC_KIND_CUES = _by_last_word(ARABIC_KIND_CUES)
# Arabic proclitics that mean 'in' (ب, also after و/ف: وب, فب).
_IN_PROCLITIC = "ب"
# The conjunctions and prepositions an Arabic word for a town may carry as a cue, the longest first.
_CUE_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
_SETTLEMENT_CUES = frozenset(fold(word) for word in "مدينة بلدة قرية مدن بلدات قرى مدينتي بلدتي".split())
# The duals and plurals for towns whose cue reaches a name a coordinator adds to their list, at most
# ``_LISTED_NAME_WORDS`` words between them, and that coordinator.
_LISTING_CUES = frozenset(fold(word) for word in "مدينتي بلدتي قريتي مدن بلدات قرى".split())
_LISTED_NAME_WORDS = 2
_COORDINATOR = "و"


@dataclass(frozen=True, slots=True)
class Mention:
    """What the matcher knows about one occurrence of an alias.

    ``written`` is the alias as it stands in the text (its case matters in Latin script);
    ``before`` the words just before it, nearest last (any form: they are folded here, unless
    ``before_folded`` says they already are, as words of a ``WordStream`` are);
    ``proclitics`` the Arabic letters attached in front of it (``وب`` in وبحمص);
    ``case_informative`` is False where capitals say nothing: at the start of a sentence,
    in a headline written in title case or in capitals; ``next_written`` the word right after
    it as written, when nothing but a space stands between them in running text ("" otherwise);
    ``listed`` whether it stands in a list with another place's name («بصرى الشام ونوى وإزرع»);
    ``named_elsewhere`` whether another mention of the same name in the article binds on evidence of its own
    («بلدة الرطبة» in the text, «تعلن تحرير الرطبة» in the headline).
    """

    written: str
    before: tuple[str, ...] = ()
    proclitics: str = ""
    case_informative: bool = True
    next_written: str = ""
    before_folded: bool = False
    listed: bool = False
    named_elsewhere: bool = False


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """The geography an article names: ISO 3166-1 alpha-2 countries and ISO 3166-2 regions.

    Build it from the places the matcher bound without doubt (``Gazetteer.context_of``).
    """

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()


BindingStatus = Literal["bound", "ambiguous", "rejected"]


@dataclass(frozen=True, slots=True)
class Binding:
    """The outcome for one mention: ``bound`` to ``place``, ``ambiguous`` between ``candidates``
    (the alert must say so), or ``rejected`` (a word, not a name). ``reason`` is for the evidence."""

    status: BindingStatus
    place: Place | None
    candidates: tuple[Place, ...]
    reason: str


def _has_cue(mention: Mention, cues: dict[str, tuple[tuple[str, ...], ...]], *, listed: bool = False) -> str | None:
    """The cue in front of ``mention`` that says a place is named there, or None; with ``listed``, also a
    dual or plural for towns in front of the name before it (a minor town's geography, not a word's sense)."""
    words = mention.before if mention.before_folded else fold(" ".join(mention.before)).split()
    if not words:
        return None
    for cue in cues.get(words[-1], ()):
        if len(words) >= len(cue) and tuple(words[-len(cue) :]) == cue:
            return " ".join(cue)
    # a word for a town with a conjunction or a preposition attached: «لبلدة القريتين», «ومدينة», «بقرية» (not a
    # province: «بمحافظة صلاح الدين» is the province)
    for proclitic in _CUE_PROCLITICS:
        rest = words[-1].removeprefix(proclitic)
        if rest != words[-1] and rest in _SETTLEMENT_CUES and (rest,) in cues.get(rest, ()):
            return rest
    # a name a coordinator adds to a list that a dual or a plural for towns opens, at most two words (the name
    # before it, or a word that opens the list and a name) between them («مدينتي دير حافر ومسكنة», «قرى منها
    # الزوردة والعلم»)
    if listed and mention.proclitics.startswith(_COORDINATOR):
        for back in range(2, min(len(words), _LISTED_NAME_WORDS + 1) + 1):
            if words[-back] in _LISTING_CUES:
                return words[-back]
    return None


# The words of taking control whose object a name after «على» is («يسيطر على الطبقة», «سيطرت قوات الجيش على
# الباب»), and how many words before «على» they may stand (the subject between them).
_CONTROL_WORDS = frozenset(
    fold(word)
    for word in (
        "سيطر سيطرت سيطروا يسيطر تسيطر يسيطرون سيطرة السيطرة سيطرته سيطرتها سيطرتهم "
        "استولى استولت استولوا يستولي تستولي الاستيلاء"
    ).split()
)
_OBJECT_MARKER = fold("على")
_CONTROL_REACH = 5
_TIME_WORDS = every("time_words")
# The words in front of a mention that the matcher hands over (``Mention.before``): the reach of a word of
# taking control, past up to four words that say when.
WORDS_BEFORE = _CONTROL_REACH + 1 + 4
# The nouns for a kind of place, which the object of taking control names as often as a town («السيطرة على
# المدينة», «على المزرعة»): GeoNames has towns named so, and the noun says nothing of them.
_KINDS_OF_PLACE = (
    every("settlement_nouns")
    | every("landmarks")
    | ARABIC_FACILITIES
    | frozenset(fold(word) for word in "مزرعة موقع جبل حي".split())
)


# "Each of", which opens a list of objects: «على كل من A وB».
_EACH_OF = frozenset({("كل", "من"), ("كلا", "من")})


def _controlled(mention: Mention) -> str | None:
    """The word of taking control whose object the mention is, right after «على», or None: what a side takes
    is a place, though its name is a word too (not a noun for a kind of place: «على المدينة»)."""
    words = mention.before if mention.before_folded else fold(" ".join(mention.before)).split()
    if tuple(words[-2:]) in _EACH_OF:
        words = words[:-2]  # «سيطرت الفصائل على كل من السفيرة وخناصر»
    if not words or words[-1] != _OBJECT_MARKER:
        return None
    if fold(mention.written).removeprefix("ال") in _KINDS_OF_PLACE:
        return None
    # (the words that say when are not counted: «سيطرت قوات سوريا الديمقراطية، اليوم الجمعة، على هجين»)
    reach = _CONTROL_REACH
    for word in reversed(words[:-1]):
        core = word[1:] if word[:1] in "وف" and word[1:] in _CONTROL_WORDS else word
        if core in _CONTROL_WORDS:
            return f"{core} … {_OBJECT_MARKER}"
        if word not in _TIME_WORDS:
            reach -= 1
            if not reach:
                return None
    return None


def _very_frequent(ambiguity: AliasAmbiguity) -> bool:
    return ambiguity.zipf >= (CAPITALS_ENOUGH_BELOW_ZIPF if ambiguity.script == "latin" else ARABIC_FREQUENT_ZIPF)


def named_elsewhere_counts(ambiguity: AliasAmbiguity) -> bool:
    """Whether a mention of this alias that has no evidence of its own may bind because another mention of it in
    the article has (:attr:`Mention.named_elsewhere`): a name that is a word, but not a very frequent one."""
    return ambiguity.word_like and not _very_frequent(ambiguity)


def name_evidence(ambiguity: AliasAmbiguity, mention: Mention) -> str | None:
    """Why this occurrence of a word-like alias is a name, or None (then it is the word)."""
    # A very frequent word stands after "in" as a word too (في المائة 'per cent', "in Reading"); then
    # 'in' is not evidence, a word naming a kind of place or 'near' is ("city of", مدينة, قرب).
    very_frequent = _very_frequent(ambiguity)
    if ambiguity.script == "latin":
        if not mention.written[:1].isupper():
            return None  # names are capitalised in Latin script: "reading", "nice" are the words
        # A very frequent word is capitalised in names of other things too ("Observatory for Human Rights").
        if mention.case_informative and not very_frequent:
            return "capitalised"
        if mention.listed:
            return "in a list of places"
        cue = _has_cue(mention, _LATIN_KIND_CUES if very_frequent else _LATIN_CUES)
    else:
        # ب attached is no 'in' before any noun: the word دوما ('always') is never written بدوما; but
        # where the name with ب is itself a frequent word (بالمدينة 'in the city') it says nothing.
        if mention.listed:
            return "in a list of places"
        ba_rare = ambiguity.ba_zipf is None or ambiguity.ba_zipf < ARABIC_BA_WORD_ZIPF
        if ba_rare and _IN_PROCLITIC in mention.proclitics.replace("ال", ""):
            return "written with ب 'in'"
        # (a dual's or a plural's cue reaches a minor town's name second in its list: «مدينتي دير حافر ومسكنة»)
        cue = _has_cue(
            mention, _ARABIC_KIND_CUES if very_frequent else _ARABIC_CUES, listed=ambiguity.minor
        ) or _controlled(mention)
    if cue:
        return f"after '{cue}'"
    # One article means one thing by a name: the town its text names as a town is the town of its headline.
    # Not for a very frequent word, which an article uses as the word beside the name («المدينة»).
    if mention.named_elsewhere and not very_frequent:
        return "named so elsewhere in the article"
    return None


def evidence_supports(
    candidates: Sequence[Place], ambiguity: AliasAmbiguity, mention: Mention, context: ArticleContext
) -> Binding:
    """Whether an occurrence of an alias binds, and to which of the places that share it.

    ``candidates`` are the places with this alias (``Gazetteer.places_named``); ``ambiguity``
    its assessment (``Gazetteer.ambiguity``). Pure: the matcher supplies what it saw.
    """
    return ranked_evidence_supports(rank_places(candidates), ambiguity, mention, context)


def rank_places(candidates: Iterable[Place]) -> tuple[Place, ...]:
    """``candidates`` most populous first (by id among equals): the order ``ranked_evidence_supports`` takes."""
    return tuple(sorted(candidates, key=lambda p: (-p.population, p.id)))


def ranked_evidence_supports(
    ranked: tuple[Place, ...],
    ambiguity: AliasAmbiguity,
    mention: Mention,
    context: ArticleContext,
    *,
    by_population: bool = True,
) -> Binding:
    """``evidence_supports`` for candidates already in the order of ``rank_places`` (the matcher ranks
    the namesakes of each alias once per rule set, not at every mention). Without ``by_population`` a name
    its namesakes share stays ambiguous where only population would pick one: what tells the article's
    geography must not be a guess (the Israeli Rosh HaAyin, also "Ras al-Ayn", is ten times Syria's)."""
    if not ranked:
        return Binding("rejected", None, (), "no place has this name")
    if mention.proclitics and mention.proclitics[-1:] in ambiguity.word_proclitics:
        return Binding("rejected", None, ranked, f"with {mention.proclitics} attached it is a word")
    if _opens_a_longer_name(mention):
        return Binding("rejected", None, ranked, f"part of a longer name ({mention.written} {mention.next_written})")
    facility = _facility(mention)
    if facility:
        return Binding("rejected", None, ranked, f"names a facility ('{facility}'), not the town")
    if _called_a_village(mention):
        villages = tuple(p for p in ranked if p.kind == "city" and p.population < VILLAGE_POPULATION)
        if len(villages) < len(ranked):
            # what is left is a namesake the article must place, in the region it names if it names one: a village
            # is rarely news abroad, and "the small village of Zaporizhzhia" in Donetsk region is not the one of
            # Zaporizhzhia region
            villages = tuple(
                p
                for p in villages
                if (p.admin1 in context.regions if context.regions else p.country in context.countries)
            )
            if not villages:
                return Binding("rejected", None, ranked, "called a village, and no namesake is one here")
            ranked = villages
    reasons: list[str] = []
    if ambiguity.word_like:
        why = name_evidence(ambiguity, mention)
        if why is None:
            return Binding("rejected", None, ranked, "a common word here: " + "; ".join(ambiguity.reasons))
        reasons.append(why)
    spelt = written_as_a_word(mention, ambiguity)
    if spelt:
        return Binding("rejected", None, ranked, spelt)
    located = _located(ranked, ambiguity, mention, context)
    if located is None:
        doubt = f"also {ambiguity.outside}" if ambiguity.outside else _minor_reason(ambiguity)
        return Binding("rejected", None, ranked, f"{doubt}, and nothing in the article says this place is meant")
    if located:
        reasons.append(located)
    if len(ranked) == 1:
        return Binding("bound", ranked[0], ranked, ", ".join(reasons) or "only place with this name")
    # A region's admin1 is its own code, so a region named in the article also picks itself.
    in_region = tuple(p for p in ranked if p.admin1 and p.admin1 in context.regions)
    if len(in_region) == 1:
        return Binding(
            "bound", in_region[0], ranked, ", ".join([*reasons, f"region {in_region[0].admin1} named in the article"])
        )
    pool = in_region or tuple(p for p in ranked if p.country in context.countries)
    if len(pool) == 1:
        return Binding(
            "bound", pool[0], ranked, ", ".join([*reasons, f"country {pool[0].country} named in the article"])
        )
    pool = pool or ranked
    biggest = dominant(pool) if by_population else None
    if biggest is not None:
        return Binding(
            "bound",
            biggest,
            ranked,
            ", ".join([*reasons, f"{DOMINANT_POPULATION_RATIO:g} times more populous than its namesakes"]),
        )
    return Binding(
        "ambiguous",
        None,
        pool,
        ", ".join([*reasons, f"{len(pool)} places share the name and nothing in the article picks one"]),
    )


def _minor_reason(ambiguity: AliasAmbiguity) -> str:
    """Why a minor name needs its place's geography: its size, or that the name is a guessed spelling."""
    return next((r for r in reversed(ambiguity.reasons) if r.startswith("a town of") or r == GUESSED_REASON), "")


def _located(
    ranked: Sequence[Place], ambiguity: AliasAmbiguity, mention: Mention, context: ArticleContext
) -> str | None:
    """Why a minor place's name (or one shared with a country out of the coverage) may bind here ("" when
    it is neither), or None when nothing says the place is meant: its country or region is not named in the
    article, and the article names other countries or no word naming a kind of place stands before it."""
    if not (ambiguity.minor or ambiguity.outside):
        return ""
    if ambiguity.cue_only:
        # a person's name as often as the town's (فولوديمير زيلينسكي): its country named is not enough
        if any(p.admin1 and p.admin1 in context.regions for p in ranked):
            return "its region named in the article"
        cue = _has_cue(mention, _LATIN_KIND_CUES if ambiguity.script == "latin" else _ARABIC_KIND_CUES)
        return f"after '{cue}'" if cue else None
    if any(p.country in context.countries or (p.admin1 and p.admin1 in context.regions) for p in ranked):
        return "its country named in the article"
    if context.countries or ambiguity.outside_city:
        # The article is about other countries: منطقة العلم near Aden is not al-Alam in Iraq. And "the city
        # of" fits the city abroad as well: «مدينة الرياض» is Riyadh.
        return None
    cue = _has_cue(mention, _LATIN_KIND_CUES if ambiguity.script == "latin" else _ARABIC_KIND_CUES, listed=True)
    return f"after '{cue}'" if cue else None


# Words that end an Arabic town's name after another word («الشرقية», «الكبرى»).
_ARABIC_NAME_TAILS = every("name_tails")

# Words that may follow a place's name in a longer name of the same place ("Kharkiv Oblast").
_PLACE_KIND_WORDS = frozenset(
    "city town village province region oblast governorate district state county municipality".split()
)


# A facility named after the town (ARABIC_FACILITIES, LATIN_FACILITIES): taking or emptying one is not taking
# the town (the labelling conventions leave airports, bases and prisons out), and a town this small is named in
# the news mostly through its facility. Conjunctions that may stand attached before a facility's noun (وسجن
# 'and the prison of'):
_FACILITY_PROCLITICS = ("و", "ف")


def _facility(mention: Mention) -> str:
    """The noun of the facility a doubtful name names here, or ""."""
    if mention.before:
        word = mention.before[-1] if mention.before_folded else fold(mention.before[-1])
        for bare in bare_forms(word, _FACILITY_PROCLITICS):
            if bare in ARABIC_FACILITIES:
                return bare
    following = mention.next_written.strip(".,;:").lower()
    return following if following in LATIN_FACILITIES else ""


_VILLAGE_NOUNS = frozenset(fold(word) for word in "قرية قريتي قرى".split())


def _called_a_village(mention: Mention) -> bool:
    """Whether a word for a village names the place: «قرية صيدا», «وقريتي …», "the village of X", "X village"."""
    before = mention.before[-2:] if mention.before_folded else tuple(fold(word) for word in mention.before[-2:])
    if before and not _VILLAGE_NOUNS.isdisjoint(bare_forms(before[-1], _CUE_PROCLITICS)):
        return True
    return before == ("village", "of") or mention.next_written.strip(".,;:").lower() in {"village", "villages"}


def _opens_a_longer_name(mention: Mention) -> bool:
    """Whether a doubtful Latin name is the first word of another capitalised name: "Vladimir Putin" is
    not Vladimir (Volodymyr-Volynskyi), "Leo Varadkar" not Léo in Burkina Faso; or a doubtful Arabic one
    the first of a name a word that ends names closes: «الغارية الغربية» is another village than «الغارية»."""
    following = mention.next_written
    if following and not following.isascii():
        return fold(following) in _ARABIC_NAME_TAILS
    return (
        following[:1].isupper()
        and mention.written[:1].isupper()
        and following.strip(".,;:").lower() not in _PLACE_KIND_WORDS
    )
