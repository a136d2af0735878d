"""Normalisation: what must never cause a miss, and offsets back into the original text."""

import pytest

from streams.text.normalise import WordStream, fold, snippet


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("HOMS", "homs"),
        ("Hamá", "hama"),
        ("Straße", "strasse"),
        ("ＨＯＭＳ", "homs"),  # full-width
        ("al-Sham", "al sham"),
        ("Syria's", "syria s"),
        ("أحمد إدلب آمنة ٱلله", "احمد ادلب امنه الله"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("حماة", "حماه"),  # taa marbuta
        ("مسؤول رئيس", "مسوول رييس"),  # hamza seats
        ("حِمْصُ", "حمص"),  # diacritics
        ("حـمــص", "حمص"),  # tatweel
        ("ح\u200dم\u200bص", "حمص"),  # zero-width joiner and space inside a word
        ("\u202eHoms\u202c", "homs"),  # bidi override
        ("٢٠٢٤ ۱۲", "2024 12"),  # Arabic-Indic and Persian digits
        ("ﻻ", "لا"),  # presentation form ligature
        ("Hоms", "homs"),  # Cyrillic о inside a Latin word
        ("НТЅ", "hts"),  # made only of look-alikes
        ("Москва", "москва"),  # a real Russian word keeps its letters
        ("حمص،دمشق", "حمص دمشق"),  # Arabic comma separates
        ("... !!! ", ""),
    ],
)
def test_fold(written: str, expected: str) -> None:
    assert fold(written) == expected


def test_word_stream_is_single_spaced_with_padding() -> None:
    words = WordStream.of("  Rebels,  led by HTS!   captured\tHoms. ")
    assert words.stream == " rebels led by hts captured homs "
    assert words.word_count == 6
    assert words.word_at(words.stream.index("homs")) == 5


def test_offsets_point_into_the_original_text() -> None:
    text = "قالت المصادر إن الفصائل توغّلت في ح\u200dمـص، وسط انسحاب — Hоms (HTS)"
    words = WordStream.of(text)
    originals = [text[slice(*words.original_span(i, i))] for i in range(words.word_count)]
    assert originals == [
        "قالت", "المصادر", "إن", "الفصائل", "توغّلت", "في", "ح\u200dمـص", "وسط", "انسحاب", "Hоms", "HTS",
    ]  # fmt: skip
    start, end = words.original_span(3, 6)
    assert text[start:end] == "الفصائل توغّلت في ح\u200dمـص"


def test_empty_text() -> None:
    words = WordStream.of("")
    assert words.stream == " "
    assert words.word_count == 0


def test_snippet_cuts_at_spaces_and_marks_cuts() -> None:
    text = "word " * 40 + "Homs" + " more" * 40
    start = text.index("Homs")
    piece = snippet(text, start, start + 4, width=30)
    assert "Homs" in piece
    assert piece.startswith("…") and piece.endswith("…")
    assert "  " not in piece
