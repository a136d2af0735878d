"""What rule files say about places: the ``gazetteer:`` block, and hand-written places merged in.

Both functions take plain data (what the YAML reader produced) and return problems as
records with the key at fault, a message and a hint, so the rule loader can point at the
file and line (``RuleProblem``) the way it does for everything else.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from streams.places.ambiguity import assess
from streams.places.build import CITY_DATASETS
from streams.places.gazetteer import Gazetteer
from streams.places.model import PLACE_KINDS, Coverage, Place, PlaceKind, Script
from streams.places.scripts import script_of
from streams.places.variants import latin_variants
from streams.text.normalise import fold
from streams.yamlfile import printable, quoted

COVERAGE_KEYS = ("countries", "min_population", "kinds", "regions")


@dataclass(frozen=True)
class PlaceProblem:
    """One problem in a ``gazetteer:`` block or a hand-written place: the key at fault, what, and what to do."""

    key: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")


def country_codes() -> set[str]:
    """Every ISO 3166-1 alpha-2 code (pycountry)."""
    import pycountry

    return {c.alpha_2 for c in pycountry.countries}


def parse_coverage(block: object, where: str = "gazetteer") -> tuple[Coverage | None, list[PlaceProblem]]:
    """The coverage a ``gazetteer:`` mapping asks for, or None and the problems found.

    ``countries`` (a list of ISO 3166-1 alpha-2 codes, or ``all``) is required: the world at
    500 inhabitants is 235,000 places, which a rule pack should ask for on purpose.
    """
    problems: list[PlaceProblem] = []
    if not isinstance(block, Mapping):
        return None, [
            PlaceProblem(
                where,
                "must be a mapping",
                "e.g. {countries: [SY, UA], min_population: 15000, kinds: [city, region, country]}",
            )
        ]
    for key in block:
        if key not in COVERAGE_KEYS:
            close = difflib.get_close_matches(str(key), COVERAGE_KEYS, n=1)
            problems.append(
                PlaceProblem(
                    f"{where}.{printable(str(key))}",
                    "unknown key",
                    f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(COVERAGE_KEYS)}",
                )
            )
    countries: tuple[str, ...] | None = None
    raw = block.get("countries")
    if raw is None:
        problems.append(
            PlaceProblem(
                f"{where}.countries",
                "missing",
                "list ISO 3166-1 codes, e.g. countries: [SY, UA], or write countries: all",
            )
        )
    elif raw == "all":
        countries = None
    elif isinstance(raw, Sequence) and not isinstance(raw, str) and raw:
        codes = _known_codes(
            raw,
            country_codes(),
            f"{where}.countries",
            problems,
            lambda item: f"unknown country code {item!r}",
            lambda close: f"use ISO 3166-1 alpha-2 codes{', e.g. ' + close if close else ' such as SY, UA, CD'}",
        )
        countries = tuple(sorted(set(codes)))
    else:
        problems.append(
            PlaceProblem(
                f"{where}.countries",
                "must be a non-empty list of country codes or 'all'",
                "e.g. countries: [SY, SD, UA]",
            )
        )
    min_population = 15000
    if "min_population" in block:
        value = block["min_population"]
        if isinstance(value, bool) or not isinstance(value, int) or value < CITY_DATASETS[0]:
            problems.append(
                PlaceProblem(
                    f"{where}.min_population",
                    f"must be a whole number of at least {CITY_DATASETS[0]}, not {value!r}",
                    f"GeoNames lists no smaller cities; use one of {', '.join(map(str, CITY_DATASETS))} or any number above",
                )
            )
        else:
            min_population = value
    kinds: tuple[PlaceKind, ...] = PLACE_KINDS
    if "kinds" in block:
        value = block["kinds"]
        chosen: list[PlaceKind] = []
        if not isinstance(value, Sequence) or isinstance(value, str) or not value:
            problems.append(
                PlaceProblem(f"{where}.kinds", "must be a non-empty list", f"choose among {', '.join(PLACE_KINDS)}")
            )
        else:
            for item in value:
                kind = next((k for k in PLACE_KINDS if k == item), None)
                if kind is None:
                    problems.append(
                        PlaceProblem(
                            f"{where}.kinds", f"unknown kind {item!r}", f"choose among {', '.join(PLACE_KINDS)}"
                        )
                    )
                elif kind not in chosen:
                    chosen.append(kind)
        kinds = tuple(k for k in PLACE_KINDS if k in chosen)
    regions = _regions(block.get("regions", []), countries, f"{where}.regions", problems)
    if problems:
        return None, problems
    return Coverage(countries=countries, min_population=min_population, kinds=kinds, regions=regions), []


def _known_codes(
    raw: Sequence[object],
    known: Collection[str],
    key: str,
    problems: list[PlaceProblem],
    what: Callable[[object], str],
    hint: Callable[[str | None], str],
) -> list[str]:
    """The codes of ``raw`` that ``known`` holds, upper-cased; each other goes to ``problems`` as ``what`` it
    is, with ``hint`` given the closest known code."""
    codes: list[str] = []
    for item in raw:
        code = item.upper() if isinstance(item, str) else ""
        if code in known:
            codes.append(code)
        else:
            close = difflib.get_close_matches(code, sorted(known), n=1)
            problems.append(PlaceProblem(key, what(item), hint(close[0] if close else None)))
    return codes


def _regions(raw: object, countries: tuple[str, ...] | None, key: str, problems: list[PlaceProblem]) -> tuple[str, ...]:
    """The first-level ISO 3166-2 codes of ``regions:``, each of a country ``countries`` leaves out; what is
    wrong goes to ``problems``."""
    import pycountry

    if not isinstance(raw, Sequence) or isinstance(raw, str):
        problems.append(PlaceProblem(key, "must be a list of ISO 3166-2 codes", "e.g. regions: [RU-KRS, RU-BEL]"))
        return ()
    first_level = {sub.code for sub in pycountry.subdivisions if sub.parent_code is None}
    codes: set[str] = set()
    for code in _known_codes(
        raw,
        first_level,
        key,
        problems,
        lambda item: f"{item!r} is no first-level ISO 3166-2 region",
        lambda close: f"did you mean {close}?" if close else "write a code such as RU-KRS (Kursk oblast)",
    ):
        if countries is None or code.split("-")[0] in countries:
            problems.append(
                PlaceProblem(
                    key,
                    f"{code} lies in a country 'countries' covers whole",
                    f"remove it, or remove {code.split('-')[0]} from countries",
                )
            )
        else:
            codes.add(code)
    return tuple(sorted(codes))


@dataclass(frozen=True)
class HandPlace:
    """A place written in a rule file (``entities: place: <slug>:``) to merge into the gazetteer.

    ``geonames`` names the GeoNames place it extends when its slug differs from the
    generated one; ``context_aliases`` are names to treat as ``needs_context`` whatever
    the frequencies say (a local sense wordfreq does not see, like Tunisian الجولان, 'traffic');
    ``admin1`` is the ISO 3166-2 region of a town GeoNames lacks (or places in no region), so
    that an article naming that region or its country picks it among namesakes; ``taken_from``
    names places (by slug) that GeoNames gives some of this place's names by mistake (Nikopol
    has 'Slov'iansk'): they lose those names.
    """

    slug: str
    aliases: tuple[str, ...] = ()
    name: str = ""
    geonames: int | None = None
    context_aliases: tuple[str, ...] = ()
    kind: PlaceKind = "city"
    country: str = ""
    admin1: str = ""
    taken_from: tuple[str, ...] = ()


def merge_hand_written(
    gazetteer: Gazetteer, entries: Sequence[HandPlace]
) -> tuple[Gazetteer, list[PlaceProblem], list[PlaceProblem]]:
    """The gazetteer with hand-written places merged in, the problems, and notes worth a warning.

    A hand-written place extends the generated one with the same slug, or the one its
    ``geonames:`` id names (taking the hand-written slug, the old one still resolving):
    its aliases are added, its ``name`` replaces the English name. Otherwise it is a new
    place. Never "defined twice". A new place sharing a name with a generated one is
    allowed (namesakes are what evidence is for) but noted, since it is usually the same
    place under another slug.
    """
    places: dict[str, Place] = {p.id: p for p in gazetteer.places}
    slug_owner: dict[str, str] = {p.slug: p.id for p in gazetteer.places}
    former = dict(gazetteer.former_slugs)
    problems: list[PlaceProblem] = []
    notes: list[PlaceProblem] = []
    touched: set[str] = set()
    forced: dict[str, str] = {}
    written = {fold(alias) for entry in entries for alias in entry.aliases}
    trimmed = _drop_guesses(places, written)
    for entry in entries:
        key = f"place/{entry.slug}"
        target: Place | None = None
        if entry.geonames is not None:
            target = places.get(f"geonames:{entry.geonames}")
            if target is None:
                problems.append(
                    PlaceProblem(
                        f"{key}.geonames",
                        f"GeoNames place {entry.geonames} is not in this gazetteer",
                        "widen the gazetteer's countries or min_population, or drop 'geonames:'",
                    )
                )
                continue
            owner = slug_owner.get(entry.slug)
            if owner is not None and owner != target.id:
                problems.append(
                    PlaceProblem(
                        key,
                        f"slug '{entry.slug}' is already {places[owner].label} ({owner})",
                        f"choose another id, or drop 'geonames:' to extend {owner}",
                    )
                )
                continue
        else:
            owner = slug_owner.get(entry.slug)
            target = places[owner] if owner is not None else None
        if entry.admin1 and f"region:{entry.admin1}" not in places:
            problems.append(
                PlaceProblem(
                    f"{key}.region",
                    f"region {entry.admin1} is not in this gazetteer",
                    "use a first-level ISO 3166-2 code of a covered country, e.g. MM-16 for Rakhine",
                )
            )
            continue
        if entry.admin1 and target is not None and target.admin1 not in ("", entry.admin1):
            problems.append(
                PlaceProblem(
                    f"{key}.region",
                    f"{target.label} ({target.id}) lies in {target.admin1}, not {entry.admin1}",
                    "drop 'region:', or drop 'geonames:' and use another id if this is another town",
                )
            )
            continue
        if target is None:
            target = Place(
                id=f"place:{entry.slug}",
                slug=entry.slug,
                kind=entry.kind,
                name_en=entry.name or (entry.aliases[0] if entry.aliases else entry.slug),
                name_ar=next((a for a in entry.aliases if script_of(a) == "arabic"), ""),
                country=entry.country,
                admin1=entry.admin1,
                lat=None,
                lon=None,
                population=0,
                aliases=(),
            )
            for alias in entry.aliases:
                shared = gazetteer.ambiguity(alias)
                for other_id in shared.places if shared is not None else ():
                    other = places[other_id]
                    notes.append(
                        PlaceProblem(
                            key,
                            f"shares the name {alias!r} with {other.slug} ({other.id}, {other.label})",
                            f"add 'geonames: {other_id.split(':')[1]}' to extend that place"
                            if other_id.startswith("geonames:")
                            else f"use the id '{other.slug}' to extend it",
                        )
                    )
        existing = {fold(a) for a in target.aliases}
        added: list[str] = []
        # a hand-written name gets the press's spellings a generated one gets ("Ain Issa" → "Ein Issa")
        spellings = [
            spelling
            for alias in entry.aliases
            for spelling in (
                alias,
                *(sorted(latin_variants(alias, target.country)) if script_of(alias) == "latin" else ()),
            )
        ]
        for alias in spellings:
            folded = fold(alias)
            if folded and folded not in existing:
                existing.add(folded)
                added.append(alias)
        if target.slug != entry.slug:
            former[target.slug] = target.id
            del slug_owner[target.slug]
        updated = replace(
            target,
            slug=entry.slug,
            aliases=target.aliases + tuple(added),
            name_en=entry.name or target.name_en,
            admin1=target.admin1 or entry.admin1,
        )
        places[updated.id] = updated
        slug_owner[entry.slug] = updated.id
        touched.add(updated.id)
        for other_slug in entry.taken_from:
            problem = _take_names(places, slug_owner.get(other_slug) or former.get(other_slug), entry, trimmed)
            if problem:
                problems.append(PlaceProblem(f"{key}.taken_from", f"{quoted(other_slug)}: {problem[0]}", problem[1]))
        for alias in entry.context_aliases:
            forced[fold(alias)] = f"marked needs_context in {key}"
    return _reassess(gazetteer, places, touched, forced, former, trimmed, written), problems, notes


def _take_names(
    places: dict[str, Place], other_id: str | None, entry: HandPlace, trimmed: dict[str, set[str]]
) -> tuple[str, str] | None:
    """Take from the place ``other_id`` (in place) the names of ``entry`` it has, recording them in
    ``trimmed``; or the problem (message, hint) when there is nothing to take or it is that place's own name."""
    other = places.get(other_id) if other_id else None
    if other is None or other.slug == entry.slug:
        return ("no other place has this id", "give the id of the place that has these names by mistake")
    names = {fold(alias) for alias in entry.aliases}
    if fold(other.name_en) in names or fold(other.slug.replace("-", " ")) in names:
        return (f"{other.name_en} is its own name", "take only names GeoNames gives it by mistake")
    taken = {alias for alias in other.aliases if fold(alias) in names}
    if not taken:
        return (f"{other.label} has none of these names", f"drop '{other.slug}' from 'taken_from'")
    places[other.id] = replace(
        other,
        aliases=tuple(a for a in other.aliases if a not in taken),
        guessed_aliases=tuple(a for a in other.guessed_aliases if a not in taken),
        common_guesses=tuple(a for a in other.common_guesses if a not in taken),
    )
    trimmed.setdefault(other.id, set()).update(fold(alias) for alias in taken)
    return None


def _drop_guesses(places: dict[str, Place], written: set[str]) -> dict[str, set[str]]:
    """Take from ``places`` (in place) every guessed alias that a hand-written place names (folded, in
    ``written``): a rule author's كوباني is Kobani, not a spelling guessed for a Ukrainian Kopani.
    Returns the folded names taken, by place id."""
    trimmed: dict[str, set[str]] = {}
    for place in list(places.values()):
        clashing = {a for a in place.guessed_aliases if fold(a) in written}
        if clashing:
            places[place.id] = replace(
                place,
                aliases=tuple(a for a in place.aliases if a not in clashing),
                guessed_aliases=tuple(a for a in place.guessed_aliases if a not in clashing),
                common_guesses=tuple(a for a in place.common_guesses if a not in clashing),
            )
            trimmed[place.id] = {fold(a) for a in clashing}
    return trimmed


def _reassess(
    gazetteer: Gazetteer,
    places: dict[str, Place],
    touched: set[str],
    forced: dict[str, str],
    former: dict[str, str],
    trimmed: dict[str, set[str]],
    written: set[str],
) -> Gazetteer:
    """Assess again only the names of the places a merge changed (the world has a million names); ``written``
    are the folded names the hand-written places give."""
    touched_keys = {pid: {fold(a) for a in places[pid].aliases} for pid in touched}
    keys = set().union(*touched_keys.values(), *trimmed.values()) | set(forced)
    owners: dict[str, list[Place]] = {}
    for key in keys:
        info = gazetteer.ambiguity(key)
        ids = [i for i in (info.places if info else ()) if key not in trimmed.get(i, ())]
        ids += [pid for pid, names in touched_keys.items() if pid not in ids and key in names]
        owners[key] = [places[i] for i in ids]
    table = gazetteer.ambiguity_table()
    for key, sharing in owners.items():
        if not sharing:
            table.pop(key, None)
            continue
        spellings = [a for p in sharing for a in p.aliases if fold(a) == key]
        script: Script = "arabic" if script_of(spellings[0]) == "arabic" else "latin"
        previous = gazetteer.ambiguity(key)
        chosen = any(place.id in touched for place in sharing)
        guessed = all(key in {fold(a) for a in place.guessed_aliases} for place in sharing)
        cue_only = all(key in {fold(a) for a in place.common_guesses} for place in sharing)
        outside = previous.outside if previous else ""
        outside_city = previous is not None and previous.outside_city
        if outside_city and key in written and key not in forced:
            # A name a rule author gives a town to watch (not as a doubtful one) means that town to them,
            # whatever city abroad has it too: Quneitra, not Kenitra.
            outside, outside_city = "", False
        info = assess(key, spellings, script, sharing, outside, chosen, guessed, outside_city, cue_only)
        if key in forced:
            info = replace(info, word_like=True, reasons=(*info.reasons, forced[key]))
        table[key] = info
    affected = touched | set(trimmed) | {place.id for sharing in owners.values() for place in sharing}
    final = []
    for place in places.values():
        if place.id in affected:
            place = replace(
                place, context_aliases=tuple(a for a in place.aliases if table[fold(a)].verdict == "needs_context")
            )
        final.append(place)
    return Gazetteer(final, table, gazetteer.coverage, gazetteer.versions, former)
