"""Normalisation: what must never cause a miss, and offsets back into the original text."""

import pytest

from streams.text.normalise import WordStream, chunk_words, fold, snippet


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


# Paragraphs, doubled and odd whitespace, punctuation-only chunks, abbreviations, and a body
# longer than the stretch word positions are counted from.
AWKWARD = (
    "  Rebels entered Homs.  Then . the U.S. said so!\n\nحمص؟ «دمشق» —\tنعم…\r\n"
    + "word " * 300
    + "\u00a0Hama.\n"
    + "تقدم الفصائل. " * 200
    + "end"
)


def _reference(text: str) -> tuple[list[int], list[int], list[str]]:
    """Word starts in the stream, each word's sentence and its normalised text, worked out chunk by chunk."""
    words = WordStream.of(text)
    starts = [i + 1 for i, c in enumerate(words.stream[:-1]) if c == " "]
    sentences, normalised, sentence = [], [], 0
    for chunk in text.split():
        found = chunk_words(chunk)
        sentences += [sentence] * len(found.words)
        normalised += found.words
        sentence += found.ends_sentence
    return starts, sentences, normalised


def test_word_positions_agree_with_counting_from_the_start() -> None:
    words = WordStream.of(AWKWARD)
    starts, sentences, normalised = _reference(AWKWARD)
    assert words.word_count == len(starts) == len(sentences)
    assert words.word_starts == starts
    ends = [words.stream.index(" ", start) - 1 for start in starts]
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        assert words.word_at(start) == words.word_at(end) == i
        assert words.word_span(start, end) == (i, i)
        assert words.sentence_of(i) == sentences[i]
        assert words.word(i) == normalised[i]
        first, last = words.original_span(i, i)
        assert fold(AWKWARD[first:last]) == normalised[i]
    assert [words.word_span(first, last) for first, last in zip(starts[::3], ends[2::3], strict=False)] == [
        (i, i + 2) for i in range(0, len(starts) - 2, 3)
    ]
    assert words.word_at(len(words.stream) + 5) == words.word_count - 1


def test_word_positions_survive_a_cleared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from streams.text import normalise

    expected = WordStream.of(AWKWARD)
    monkeypatch.setattr(normalise, "_CHUNK_CACHE_LIMIT", 3)
    normalise._chunk_cache.clear()
    normalise._piece_cache.clear()
    normalise._size_cache.clear()
    normalise._old_chunks.clear()
    words = WordStream.of(AWKWARD)
    assert words.stream == expected.stream
    assert fold(AWKWARD) == expected.stream.strip()
    count = words.word_count
    assert [words.original_span(i, i) for i in range(count)] == [expected.original_span(i, i) for i in range(count)]
    assert [words.sentence_of(i) for i in range(count)] == [expected.sentence_of(i) for i in range(count)]


def test_the_cache_keeps_the_live_vocabulary_when_it_ages(monkeypatch: pytest.MonkeyPatch) -> None:
    from streams.text import normalise

    monkeypatch.setattr(normalise, "_CHUNK_CACHE_LIMIT", 4)
    normalised: list[str] = []
    slow = normalise._normalise_chunk

    def counting(chunk: str) -> normalise.ChunkWords:
        normalised.append(chunk)
        return slow(chunk)

    monkeypatch.setattr(normalise, "_normalise_chunk", counting)
    normalise._age()
    normalise._age()  # both generations empty
    for turn in range(10):
        # Three new chunks an article fill a generation within two articles; "Homs" is in every one.
        text = f"Homs w{turn}a w{turn}b w{turn}c"
        assert fold(text) == text.lower()
        assert WordStream.of(text).original_span(0, 3) == (0, len(text))
        assert len(normalise._chunk_cache) <= 4 and len(normalise._old_chunks) <= 4
        assert set(normalise._chunk_cache) == set(normalise._piece_cache) == set(normalise._size_cache)
    assert normalised.count("Homs") == 1  # normalised once, kept across every turn
    assert len(normalised) == 1 + 30
    normalise._age()
    normalise._age()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maarat al-Nu'man", "maarat al numan"),  # an ayn written as an apostrophe joins the name
        ("A’zaz", "azaz"),
        ("Hay'at Tahrir al-Sham", "hayat tahrir al sham"),
        ("Aleppo's citadel", "aleppo s citadel"),  # a possessive still leaves the name whole
        ("the rebels' advance on 'Homs'", "the rebels advance on homs"),
    ],
)
def test_apostrophes_inside_transliterated_names(text: str, expected: str) -> None:
    assert fold(text) == expected
    stream = WordStream.of(text)
    last = stream.word_count - 1
    assert text[slice(*stream.original_span(0, last))].strip("'") == text.strip("'")
