"""The gazetteer: places by id, slug and name, the ambiguity of every name, and bindings.

Everything here is look-ups in dicts built once; names are folded with the matcher's own
``fold`` so that a label a rule writes, an alias in the text and a key here agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from streams.places.ambiguity import ArticleContext, Binding, Mention, evidence_supports
from streams.places.model import AliasAmbiguity, Coverage, Place
from streams.text.normalise import fold


class Gazetteer:
    """Places of one coverage, with ``resolve`` for labels and ``bind`` for mentions in articles."""

    def __init__(
        self,
        places: Iterable[Place],
        ambiguity: dict[str, AliasAmbiguity],
        coverage: Coverage,
        versions: dict[str, str],
        former_slugs: dict[str, str] | None = None,
    ) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self.coverage = coverage
        self.versions = dict(versions)
        self._ambiguity = ambiguity
        self._by_id: dict[str, Place] = {p.id: p for p in self.places}
        self._by_slug: dict[str, Place] = {p.slug: p for p in self.places}
        # Slugs a hand-written entry replaced still resolve to the same place.
        self.former_slugs: dict[str, str] = dict(former_slugs or {})
        for old, place_id in self.former_slugs.items():
            self._by_slug.setdefault(old, self._by_id[place_id])
        self._by_alias: dict[str, tuple[str, ...]] = {key: info.places for key, info in ambiguity.items()}

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __getstate__(self) -> dict[str, object]:
        # Only what cannot be rebuilt cheaply is pickled; the indexes are rebuilt on load.
        return {
            "places": self.places,
            "ambiguity": self._ambiguity,
            "coverage": self.coverage,
            "versions": self.versions,
            "former_slugs": self.former_slugs,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        Gazetteer.__init__(
            self, state["places"], state["ambiguity"], state["coverage"], state["versions"], state["former_slugs"]
        )

    # -- look-ups -------------------------------------------------------------------------------
    def by_id(self, place_id: str) -> Place | None:
        """The place with this stable id (``geonames:88319``, ``region:SY-HI``, ``country:SY``)."""
        return self._by_id.get(place_id)

    def by_slug(self, slug: str) -> Place | None:
        """The place with this slug (``benghazi``, ``tripoli-ly``)."""
        return self._by_slug.get(slug)

    def places_named(self, alias: str) -> list[Place]:
        """Every place with this name in any script, most populous first (``Tripoli`` → Libya, Lebanon, ...)."""
        return [self._by_id[i] for i in self._by_alias.get(fold(alias), ())]

    def resolve(self, label: str) -> Place | None:
        """The one place ``label`` denotes: an id, a slug, or a name only one place has (or whose
        biggest namesake is dominant, see ``AliasAmbiguity.shared``); None when unknown or shared."""
        label = label.strip()
        found = self._by_id.get(label) or self._by_slug.get(label)
        if found is not None:
            return found
        info = self._ambiguity.get(fold(label))
        if info is None or info.shared:
            return None
        return self._by_id[info.places[0]]

    def ambiguity(self, alias: str) -> AliasAmbiguity | None:
        """How doubtful a name is (``safe`` or ``needs_context``, with the frequencies measured)."""
        return self._ambiguity.get(fold(alias))

    def ambiguity_table(self) -> dict[str, AliasAmbiguity]:
        """A copy of every folded name's assessment (for a merge that assesses some names again)."""
        return dict(self._ambiguity)

    def aliases(self) -> Iterable[str]:
        """Every folded name in the gazetteer (what the matcher's automaton needs)."""
        return self._ambiguity.keys()

    # -- articles -------------------------------------------------------------------------------
    def context_of(self, place_ids: Iterable[str]) -> ArticleContext:
        """The countries and regions that places bound in an article stand for (a city gives its country and region)."""
        countries: set[str] = set()
        regions: set[str] = set()
        for place_id in place_ids:
            place = self._by_id.get(place_id)
            if place is None:
                continue
            if place.country:
                countries.add(place.country)
            if place.admin1:
                regions.add(place.admin1)
        return ArticleContext(frozenset(countries), frozenset(regions))

    def bind(self, alias: str, mention: Mention, context: ArticleContext | None = None) -> Binding:
        """Which place an occurrence of ``alias`` means, if any (``evidence_supports`` on this gazetteer's data)."""
        info = self.ambiguity(alias)
        if info is None:
            return Binding("rejected", None, (), "no place has this name")
        return evidence_supports(self.places_named(alias), info, mention, context or ArticleContext())

    def summary(self) -> dict[str, int]:
        """Counts for reports: places of each kind, names, and names that need context."""
        counts: dict[str, int] = {"places": len(self.places)}
        for place in self.places:
            counts[place.kind] = counts.get(place.kind, 0) + 1
        counts["aliases"] = sum(len(p.aliases) for p in self.places)
        counts["names"] = len(self._ambiguity)
        counts["needs_context"] = sum(1 for a in self._ambiguity.values() if a.verdict == "needs_context")
        counts["word_like"] = sum(1 for a in self._ambiguity.values() if a.word_like)
        counts["shared"] = sum(1 for a in self._ambiguity.values() if a.shared)
        return counts
