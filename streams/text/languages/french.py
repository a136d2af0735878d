"""French: elision (l'armée, d'Alep are two words) and the words that locate a place or refer back to one."""

from __future__ import annotations

from streams.text.languages import Language

LANGUAGE = Language(
    code="fr",
    script="latin",
    # Only those that stand before nouns and names; n', s', c', j' stand before verbs, and N'Djamena is one word.
    elided=frozenset(["l", "d", "qu", "jusqu", "lorsqu", "puisqu"]),
    locating=frozenset(["dans", "en"]),
    regions=frozenset("est ouest nord sud".split()),
    connectors=frozenset("apres alors tandis lorsque quand avant depuis mais".split()),
    articles=frozenset(["le", "la", "les", "l"]),
    coordinators=frozenset(["et", "ou"]),
    references=frozenset([" la ville ", " la localite ", " le village "]),
    name_links=frozenset(["de", "d"]),
)
