"""Places from GeoNames, ISO 3166 and CLDR: cities, regions and countries with their names in
Latin and Arabic script, how far each name can be trusted alone, and the evidence that lets a
doubtful one bind. See ``docs/places.md``.
"""

from streams.places.ambiguity import (
    ArticleContext,
    Binding,
    Mention,
    evidence_supports,
    rank_places,
    ranked_evidence_supports,
)
from streams.places.build import build_gazetteer
from streams.places.cache import default_cache_dir, library_versions, load_gazetteer
from streams.places.gazetteer import Gazetteer
from streams.places.model import PLACE_KINDS, AliasAmbiguity, Coverage, Place, PlaceKind

__all__ = [
    "PLACE_KINDS",
    "AliasAmbiguity",
    "ArticleContext",
    "Binding",
    "Coverage",
    "Gazetteer",
    "Mention",
    "Place",
    "PlaceKind",
    "build_gazetteer",
    "default_cache_dir",
    "evidence_supports",
    "library_versions",
    "load_gazetteer",
    "rank_places",
    "ranked_evidence_supports",
]
