"""Persian: written in Arabic letters, but its words take no Arabic proclitics (و, ب, ال are words of their own)."""

from __future__ import annotations

from streams.text.languages import Language

LANGUAGE = Language(
    code="fa",
    script="arabic",
    # A name written with the Arabic article keeps it, but takes no other prefix.
    definite_prefixes=frozenset(["ال"]),
    sentence_ends=frozenset("؟"),
    locating=frozenset(["در"]),
    coordinators=frozenset(["و"]),
)
