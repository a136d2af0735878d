"""Urdu: written in Arabic letters, with its own full stop (۔) and no Arabic proclitics."""

from __future__ import annotations

from streams.text.languages import Language

LANGUAGE = Language(
    code="ur",
    script="arabic",
    definite_prefixes=frozenset(["ال"]),
    sentence_ends=frozenset("۔؟"),
    locating=frozenset(["ميں"]),
    coordinators=frozenset(["و", "اور"]),
)
