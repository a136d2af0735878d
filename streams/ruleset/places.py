"""The ``gazetteer:`` block of rule files: which places a rule pack watches, as entities.

A pack names its coverage (countries, a minimum population, kinds) instead of listing places; the
gazetteer (``streams.places``) gives every place of it, with its names. Cities become entities of type
``place``, first-level regions of type ``region`` and countries of type ``country``, so a rule on
``entity: place`` watches cities and towns only, while regions and countries still tell which of two
namesakes an article means. Hand-written ``place`` entities extend the generated place of the same id,
of the GeoNames id they give (``geonames:``), or of the only city their names denote.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from streams.places import Coverage, Gazetteer, load_gazetteer
from streams.places.cache import cached
from streams.places.coverage import HandPlace, merge_hand_written
from streams.places.model import PLACE_KINDS, Place, PlaceKind
from streams.ruleset.model import Entity, RuleSet
from streams.text.languages.arabic import ARTICLE
from streams.text.normalise import fold
from streams.yamlfile import closest

# The entity type each kind of place is matched as.
ENTITY_TYPES: dict[PlaceKind, str] = {"city": "place", "region": "region", "country": "country"}


def town_type(ruleset: RuleSet) -> str | None:
    """The entity type of the gazetteer's towns, which towns no list has join (None: the rules watch none)."""
    gazetteer = ruleset.gazetteer
    return ENTITY_TYPES["city"] if gazetteer is not None and "city" in gazetteer.coverage.kinds else None


def union(coverages: Iterable[Coverage]) -> Coverage:
    """One coverage holding every pack's: every country any asks for, the lowest minimum, every kind, and every
    region of a country none covers whole."""
    chosen = list(coverages)
    countries: tuple[str, ...] | None = ()
    for coverage in chosen:
        both = None if coverage.countries is None or countries is None else {*countries, *coverage.countries}
        countries = None if both is None else tuple(sorted(both))
    kinds = {kind for coverage in chosen for kind in coverage.kinds}
    regions = {
        region
        for coverage in chosen
        for region in coverage.regions
        if countries is not None and region.split("-")[0] not in countries
    }
    return Coverage(
        countries=countries,
        min_population=min(coverage.min_population for coverage in chosen),
        kinds=tuple(kind for kind in PLACE_KINDS if kind in kinds),
        regions=tuple(sorted(regions)),
    )


# The kinds a hand-written place may be: a town, or an area of several towns with no first-level region of
# its own (the Ghouta, the Qalamoun), which rules on cities do not watch.
HAND_KINDS: dict[str, PlaceKind] = {"city": "city", "region": "region"}


@dataclass(frozen=True)
class PlaceExtra:
    """What a hand-written place may say besides its names: the GeoNames place it extends (``geonames:``),
    names that bind only with evidence (``context_aliases:``), for a town GeoNames lacks the ISO
    3166-2 region it lies in (``region:``), which gives it its country too, the places GeoNames
    gives some of its names by mistake (``taken_from:``, slugs) and whether it is a town or an area
    (``kind:``)."""

    geonames: int | None = None
    context_aliases: tuple[str, ...] = ()
    region: str = ""
    taken_from: tuple[str, ...] = ()
    kind: PlaceKind = "city"


def hand_place(entity: Entity, extra: PlaceExtra, gazetteer: Gazetteer) -> HandPlace:
    """A hand-written place as the gazetteer merges it; without ``geonames:`` it extends the generated place
    its slug names, else the one city its names denote (a ``palmyra`` entry extends GeoNames' Tadmur)."""
    geonames = extra.geonames
    if geonames is None and extra.kind == "city" and gazetteer.by_slug(entity.id) is None:
        city = _denoted_city(entity.aliases, gazetteer)
        # A city outside the region written is a namesake (Yemen's at-Tawilah), not this town.
        if city is not None and (not extra.region or _within(city, extra.region)):
            geonames = int(city.id.split(":")[1])
    return HandPlace(
        slug=entity.id,
        aliases=tuple(alias for alias in entity.aliases if not alias.startswith("*") and not alias.endswith("*")),
        name=entity.name,
        geonames=geonames,
        context_aliases=extra.context_aliases,
        country=extra.region.split("-")[0],
        admin1=extra.region,
        taken_from=extra.taken_from,
        kind=extra.kind,
    )


def _within(place: Place, region: str) -> bool:
    """Whether ``place`` may lie in the ISO 3166-2 ``region``: it does, or its country does and GeoNames
    gives it no region."""
    return place.admin1 == region if place.admin1 else place.country == region.split("-")[0]


def _denoted_city(aliases: Iterable[str], gazetteer: Gazetteer) -> Place | None:
    """The one GeoNames city that all of ``aliases`` that name a city name, or the dominant one of those
    (ten times more populous than the rest), or None."""
    common: set[str] | None = None
    for alias in aliases:
        key = fold(alias.strip("*"))
        # A spelling guessed for another town says nothing about which town the author means.
        named = {
            p.id
            for p in gazetteer.places_named(alias.strip("*"))
            if p.kind == "city" and p.id.startswith("geonames:") and key not in {fold(g) for g in p.guessed_aliases}
        }
        if named:
            common = named if common is None else common & named
    if not common:
        return None
    ranked = sorted((gazetteer.by_id(place_id) for place_id in common), key=lambda p: -(p.population if p else 0))
    first = ranked[0]
    if first is not None and (
        len(ranked) == 1 or all(p is not None and first.population >= 10 * p.population for p in ranked[1:])
    ):
        return first
    return None


def place_entities(
    coverage: Coverage,
    hand: Mapping[str, Entity],
    extras: Mapping[str, PlaceExtra],
    extending: frozenset[str] = frozenset(),
    cache_dir: str | None = None,
) -> tuple[Gazetteer, dict[str, dict[str, Entity]], list[tuple[str, str, str]]]:
    """The gazetteer for ``coverage`` with the hand-written places merged, its places as entities by type,
    and problems as (entity id, message, hint).

    ``extras`` gives each hand-written place its ``geonames:`` id, ``context_aliases:`` and ``region:``; the places
    of ``extending`` come from ``extend:`` and must name a generated place.
    """
    from pathlib import Path

    directory = Path(cache_dir) if cache_dir else None
    generated = load_gazetteer(coverage, directory)
    # Merging assesses the hand-written names again with wordfreq and every name is folded (seconds);
    # the outcome is kept like the gazetteer itself, under the coverage and the hand-written places (with
    # where they are written), so a start with unchanged files skips it.
    key = (coverage, sorted(hand.items()), sorted(extras.items()), sorted(extending))
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    return cached(f"entities-{digest[:24]}", lambda: _place_entities(generated, hand, extras, extending), directory)


def _place_entities(
    generated: Gazetteer,
    hand: Mapping[str, Entity],
    extras: Mapping[str, PlaceExtra],
    extending: frozenset[str],
) -> tuple[Gazetteer, dict[str, dict[str, Entity]], list[tuple[str, str, str]]]:
    missing = sorted(slug for slug in extending if generated.by_slug(slug) is None)
    entries = [
        hand_place(entity, extras.get(entity.id, PlaceExtra()), gazetteer=generated)
        for entity in hand.values()
        if entity.id not in missing
    ]
    merged, problems, _notes = merge_hand_written(generated, entries)
    entities: dict[str, dict[str, Entity]] = {}
    for place in merged.places:
        own = hand.get(place.slug)
        entity = Entity(
            ENTITY_TYPES[place.kind],
            place.slug,
            _aliases(place, own),
            own.name if own and own.name else place.name_en,
            own.location if own else None,
            place,
            own.case_sensitive if own else (),
        )
        entities.setdefault(entity.type, {})[entity.id] = entity
    unknown = [
        (
            slug,
            "'extend' of a place the gazetteer does not have",
            closest(slug, (p.slug for p in generated.places))
            or "newsalert match --json shows a place's id; or widen the gazetteer's countries or min_population",
        )
        for slug in missing
    ]
    return merged, entities, unknown + [(p.key.removeprefix("place/"), p.message, p.hint) for p in problems]


def _aliases(place: Place, own: Entity | None) -> tuple[str, ...]:
    """The place's names, with the hand-written ones first (their wildcards kept as written).

    Generated short Latin variants are left out (see :data:`SHORT_LATIN`). An Arabic name the place also
    has with the article is left out without it: the article is what tells الرقة (Raqqa) from ورقة
    (and a paper), since a bare name may follow any proclitic.
    """
    names = list(own.aliases) if own else []
    with_article = {fold(alias) for alias in place.aliases if fold(alias).startswith(ARTICLE)}
    names += [
        alias
        for alias in place.aliases
        if alias not in names
        and ARTICLE + fold(alias) not in with_article
        and (fold(alias) == fold(place.name_en) or not _short_latin(alias))
    ]
    return tuple(names)


# A Latin variant this short is more often the first word of another name (Tal Tamr, Tel Aviv) or a
# word than the place; the place keeps it only as its own English name, however GeoNames accents it (Hīt, Hūn).
SHORT_LATIN = 3


def _short_latin(alias: str) -> bool:
    letters = fold(alias).replace(" ", "")
    return letters.isascii() and len(letters) <= SHORT_LATIN


def doubtful_terms(
    ruleset: RuleSet, term_entities: Mapping[int, list[tuple[str, str]]], labels: Sequence[str]
) -> frozenset[int]:
    """The alias terms that bind a place only with evidence: a name that needs context in the gazetteer
    (a word too, or shared by namesakes none of which dominates), or one several places of a type share.

    A name several entities that are not places share ("government forces", the army of each country that
    lists it) names them all; where they fight tells them apart (``streams.ruleset.claims``).
    ``labels`` are the terms as written (the compiler's ``term_labels``).
    """
    if ruleset.gazetteer is None:
        return frozenset()
    doubtful = set()
    for term_id, owners in term_entities.items():
        places = [type_ for type_, entity_id in owners if _is_place(ruleset, type_, entity_id)]
        if len(places) != len(set(places)):
            doubtful.add(term_id)
            continue
        folded = fold(labels[term_id])
        for type_, entity_id in owners:
            entity = ruleset.entity(type_, entity_id)
            if entity is not None and entity.place is not None and folded in _context_names(entity.place):
                doubtful.add(term_id)
                break
    return frozenset(doubtful)


def _is_place(ruleset: RuleSet, type_: str, entity_id: str) -> bool:
    entity = ruleset.entity(type_, entity_id)
    return entity is not None and entity.place is not None


def _context_names(place: Place) -> frozenset[str]:
    return frozenset(fold(alias) for alias in place.context_aliases)
