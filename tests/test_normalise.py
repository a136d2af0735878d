"""Normalisation: what must never cause a miss, and offsets back into the original text."""

import re
from bisect import bisect_left

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.text import normalise
from streams.text.normalise import WordStream, chunk_words, fold, snippet
from tests.fuzzing import FUZZ


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
        ("Arkhanhel’s’ke", "arkhanhelske"),  # an s another apostrophe joins to more letters is the name's
        ("the rebels' advance on 'Homs'", "the rebels advance on homs"),
    ],
)
def test_apostrophes_inside_transliterated_names(text: str, expected: str) -> None:
    assert fold(text) == expected
    stream = WordStream.of(text)
    last = stream.word_count - 1
    assert text[slice(*stream.original_span(0, last))].strip("'") == text.strip("'")


# The fast path of chunk normalisation must give exactly what the character-by-character path gives.
def _both(chunk: str) -> tuple[object, object]:
    fast, slow = normalise._normalise_chunk(chunk), normalise._normalise_chunk_slowly(chunk)
    return (fast.words, fast.spans, fast.joined, fast.ends_sentence), (
        slow.words,
        slow.spans,
        slow.joined,
        slow.ends_sentence,
    )


@pytest.mark.parametrize(
    ("chunk", "fast"),
    [
        ("Homs.", True),
        ("(Reuters)", True),
        ("al-Sham,", True),
        ("U.S.", True),
        ("Hamá", True),
        ("Straße", True),
        ("ＨＯＭＳ", True),
        ("والرقة،", True),
        ("«دمشق»", True),
        ("حِمْصُ", True),  # diacritics
        ("حـمــص", True),  # tatweel
        ("ح\u200dم\u200bص", True),  # zero-width
        ("\u202eHoms\u202c", True),  # bidi
        ("٢٠٢٤،۱۲", True),  # Arabic-Indic and Persian digits
        ("أحمد/إدلب/آمنة/مستشفى/حماة/مسؤول/رئيس", True),
        ("ﻻ", True),  # presentation form
        ("Nu'man", False),  # apostrophes may join a name: slow path
        ("d’Alep", False),
        ("Hоms", False),  # a Cyrillic look-alike: slow path
        ("Москва", False),
    ],
)
def test_common_chunks_take_the_fast_path_and_agree(chunk: str, fast: bool) -> None:
    assert (normalise._FAST_CHUNK.fullmatch(chunk) is not None) == fast
    found, expected = _both(chunk)
    assert found == expected


def test_every_fast_path_character_agrees_with_the_slow_path() -> None:
    characters = [chr(code) for code in normalise._FAST_TABLE] + [
        chr(code)
        for first, last in normalise._FAST_RANGES
        for code in range(first, last + 1)
        if normalise._FAST_CHUNK.fullmatch(chr(code)) and code not in normalise._FAST_TABLE
    ]
    assert len(characters) > 2000
    for char in characters:
        for chunk in (char, f"a{char}b", f"ب{char}ب", f"{char}{char}x", f"1{char}", f"{char}.", f"\u0640{char}\u200b"):
            found, expected = _both(chunk)
            assert found == expected, (chunk, found, expected)


# Every kind of character the normalisation promises something about (docs/rules.md), with neighbours
# that take the slow path, so random chunks mix both.
_ALPHABET = (
    "abcHOMSxyz019"
    '.,;:!?()[]"«»“”—–-/…'
    "'’‘`ʿʾʼ"  # apostrophes
    "éàçñüÉÅßĳḥṣ"
    "ابتحدرسصعفقكلمنهويءأإآؤئىةٱیکۀە"
    "\u064b\u064e\u0650\u0651\u0652\u0670\u0654"  # marks
    "\u0640"  # tatweel
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\u00ad\u061c"  # zero-width, bidi
    "٠١٢٣٩۰۱۲۹"  # Arabic-Indic and Persian digits
    "،؛؟۔"
    "аоерсНТЅМВдж"  # Cyrillic: look-alikes and not
    "αονΗΚλ"  # Greek
    "ﻻﺍﺑﻼﷲﬁ"  # presentation forms, ligatures
    "ＨＯｍｓ１"  # full-width
    "¼⁇²ªº"
)
# Pieces of real chunks: names, clitics, punctuation, apostrophes, marks, joined in random orders.
_TOKENS = [
    *("Homs", "Nu", "man", "A", "zaz", "Hay", "at", "al", "Sham", "s", "d", "l", "qu", "Alep", "U", "S", "HTS"),
    *("'", "’", "ʿ", "`", "-", ".", ",", "(", ")", "»", "«", ":", "!", "…", "؟", "،"),
    *("والرقة", "ال", "و", "ب", "لل", "حماة", "إدلب", "مستشفى", "مسؤول", "ـ", "ّ", "َ", "ٰ", "\u200d", "\u202b"),
    *("٢٠٢٤", "۱۲", "2024", "ﻻ", "Ｈ", "é", "о", "Н"),
]
_chunks = st.lists(st.sampled_from(_TOKENS) | st.sampled_from(_ALPHABET), min_size=1, max_size=10).map("".join)
# Words with something between them: where apostrophes, elision, marks and look-alikes decide.
_WORDS = ["Homs", "Nu", "man", "A", "s", "S", "d", "l", "qu", "Alep", "al", "والرقة", "حماة", "٢٠", "2024", "é", "Hоms"]
_BETWEEN = ["'", "’", "‘", "ʿ", "ʾ", "`", "-", ".", "ـ", "\u200d", "ّ", "", "،", "»", "о"]
_joined = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_BETWEEN)), min_size=1, max_size=4).map(
    lambda pairs: "".join(word + between for word, between in pairs)
)


@FUZZ
@given(
    _joined
    | _chunks
    | st.text(st.sampled_from(_ALPHABET), min_size=1, max_size=24)
    | st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=16)
)
def test_fuzz_fast_path_agrees_with_the_slow_path(chunk: str) -> None:
    chunk = "".join(chunk.split())
    if chunk:
        found, expected = _both(chunk)
        assert found == expected


# A field is normalised as a whole (numpy over its characters); chunk by chunk, with the dateline's
# sentence end, is the simple reference it must agree with: the same words, sentences and offsets.
def _ends_paragraph(text: str, chunks: list[re.Match[str]], index: int) -> bool:
    # a blank line after a chunk that does not end with a full stop, before a chunk not in lower case
    if index + 1 >= len(chunks) or chunks[index][0][-1] in normalise._SENTENCE_END:
        return False
    gap = text[chunks[index].end() : chunks[index + 1].start()]
    return bool(re.match(r"[ \t\r]*\n[ \t\r]*\n", gap)) and chunks[index + 1][0][0] not in "abcdefghijklmnopqrstuvwxyz"


def _chunk_by_chunk(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    chunks = list(re.finditer(r"\S+", text))
    story = sum(len(chunk_words(chunk[0]).words) for chunk in chunks) > normalise._HEADLINE_WORDS
    dateline = normalise._dateline_end([chunk[0] for chunk in chunks], *normalise._first_lines(text), story=story)
    for index, chunk in enumerate(chunks):
        found = chunk_words(chunk[0])
        # a full stop glued between two Arabic words ends a sentence inside the chunk
        for glued in normalise._GLUED_FULL_STOP.finditer(chunk[0]):
            sentence_starts.append(len(words) + sum(start < glued.end() for start, _ in found.spans))
        words += found.words
        spans += [(chunk.start() + start, chunk.start() + end) for start, end in found.spans]
        if found.ends_sentence or _ends_paragraph(text, chunks, index):
            sentence_starts.append(len(words))
        if index == dateline:
            # A dateline is a sentence of its own: sentence ends right after its last word are its end.
            while sentence_starts and sentence_starts[-1] == len(words):
                sentence_starts.pop()
            sentence_starts.append(len(words))
    # a dateline further into a story is a sentence of its own, where none closes already
    inner = normalise._INNER_DATELINE.finditer(text, 0, normalise._INNER_DATELINE_REACH) if story else ()
    starts = [start for start, _ in spans]
    bounds = sorted({bisect_left(starts, bound) for found in inner for bound in found.span(found.lastindex or 1)})
    closing = [index for index in bounds if index not in sentence_starts and index > 0]
    return (" " + " ".join(words) + " " if words else " "), sorted(sentence_starts + closing), spans


def _agrees_with_the_reference(text: str) -> None:
    words = WordStream.of(text)
    # the dots that mask a word are gone before chunks are cut, as they are before a field is folded
    stream, sentence_starts, spans = _chunk_by_chunk(normalise._unmasked(text))
    assert words.stream == stream
    assert words.sentence_starts == sentence_starts
    assert [words.original_span(i, i) for i in range(words.word_count)] == spans
    assert fold(text) == stream.strip()


@pytest.mark.parametrize(
    "text",
    [
        AWKWARD,
        "",
        " \n ",
        "DAMASCUS (Reuters) - Rebels entered Homs. Then they left!",
        "حلب-سانا: دخلت القوات المدينة. ثم انسحبت؟",
        "دمشق - . ! تقدم",
        "Really?! Yes... «no.» (end.)",
        "Maarat al-Nu'man, d'Alep and Aleppo's citadel; the rebels' 'Homs'",
        "Hоms and НТЅ in Москва: ﻻ Straße ½ 😀 الرقة.",
        "a\ud800b \x00 ʿAzaz ﷲ",
        # scraped Arabic with no space after a full stop; an abbreviation's dot is no sentence end
        "سيطرت القوات على بلدات.ونقلت الوكالة عن د.زيد قوله.وأكد",
        "Troops shelled the town with heavy artillery.The army said Mr.Smith left.",
        # a dateline further into a story, after a caption and a byline
        "A damaged house in the village. (Photo | AP) By AFP KYIV: Ukrainian forces retook a village. "
        + "Residents stayed indoors as fighting went on. " * 6,
        "ADEN-Dozens of militants took the town of Ahwar, residents said. " + "Fighting went on for hours. " * 8,
        "By a staff writer\n\nMay 2 -- Updated\n\nMalakal, South Sudan (CNN) -- Troops took an oil field. "
        + "Fighting went on for hours. " * 8,
        "وقال سكان ومصادر محلية إن المسلحين دخلوا المدينة فجرا مأرب/ الأناضول سيطر المسلحون على مديرية حريب. "
        + "واستمرت الاشتباكات عدة ساعات. " * 8,
        "بغداد، العراق (CNN)—أعلن الجيش سيطرته على البلدة. " + "واستمرت الاشتباكات عدة ساعات. " * 8,
        # dots that mask words from a platform's filter, and the Hijri year's abbreviation before a full stop
        "وسيطرت بعد اشتــ.باكات على بـ.ـسط السـ. ـيطرة في 1436هـ. وقال",
    ],
)
def test_a_field_normalised_whole_agrees_with_chunk_by_chunk(text: str) -> None:
    _agrees_with_the_reference(text)


_SPACES = " \t\n\u00a0\u2003"


@FUZZ
@given(
    st.lists(
        _joined | _chunks | st.sampled_from(_SPACES) | st.sampled_from(["-", "—", "حلب-سانا:", "U.S."]), max_size=30
    ).map(lambda parts: " ".join(parts))
    | st.text(st.sampled_from(_ALPHABET + _SPACES), max_size=60)
    | st.text(max_size=40)
)
def test_fuzz_a_field_normalised_whole_agrees_with_chunk_by_chunk(text: str) -> None:
    _agrees_with_the_reference(text)


# Sentence ends are found by two patterns over a whole text; the rule they implement, read directly.
def _closes_a_sentence(chunk: str) -> bool:
    core = re.sub(r"(?:\[\d{1,3}\])+$", "", chunk).rstrip(normalise._CLOSING)
    if not core or core[-1] not in normalise._SENTENCE_END:
        return False
    word = core.rstrip(".")
    return core[-1] != "." or not word or (len(word) > 1 and "." not in word)


@pytest.mark.parametrize(
    ("chunk", "closes"),
    [
        ("Homs.", True),
        ("U.S.", False),
        ("J.", False),
        ("end.)", True),
        ("«دمشق».", True),
        ("حمص؟", True),
        ("?.", False),
        ("a?.", True),
        ("x.?", True),
        ("ab...", True),
        ("ab.)).", False),
        ("ab)).", True),
        ("3.5", False),
        ("))", False),
        # a full stop standing apart from the word before it
        (".", True),
        ("..)", True),
        # a footnote's mark after it, as a page copied from a wiki has
        ("Homs.[1]", True),
        ("«إدلب».[12][3]", True),
        ("U.S.[2]", False),
        ("[1]", False),
        ("Homs[1]", False),
    ],
)
def test_which_chunks_close_a_sentence(chunk: str, closes: bool) -> None:
    assert normalise._ends_sentence(chunk) is closes is _closes_a_sentence(chunk)


@FUZZ
@given(st.lists(st.text(st.sampled_from("ab.!?…。؟۔\"'»”’)]x[1"), min_size=1, max_size=8), max_size=8))
def test_fuzz_sentence_ends_are_the_chunks_that_close_one(chunks: list[str]) -> None:
    text = " ".join(chunks)
    expected = [found.end() for found in re.finditer(r"\S+", text) if _closes_a_sentence(found[0])]
    assert normalise._sentence_ends(text) == expected


def test_a_full_stop_glued_between_arabic_words_ends_a_sentence() -> None:
    words = WordStream.of("سيطرت القوات على بلدات.ونقلت الوكالة عن د.زيد قوله")
    assert words.sentence_of(3) == 0  # «بلدات»
    assert words.sentence_of(4) == 1  # «ونقلت» opens the next sentence
    assert words.sentence_of(8) == 1  # «د.زيد»: an abbreviation, the same sentence
    words = WordStream.of("Troops used artillery.The army said Mr.Smith left.")
    assert [words.sentence_of(i) for i in range(words.word_count)] == [0, 0, 0, 1, 1, 1, 1, 1, 1]


def test_a_dot_that_masks_an_arabic_word_is_read_through() -> None:
    # Outlets hide words from platforms' filters with a dot beside a tatweel, a space after it at times.
    text = "وتمكنت الفصائل من بـ.ـسط سـ. ـيطرتها بعد اشتــ.باكات. وفي 1436هـ. وقال"
    words = WordStream.of(text)
    assert words.stream == " وتمكنت الفصايل من بسط سيطرتها بعد اشتباكات وفي 1436ه وقال "
    assert text[slice(*words.original_span(4, 4))] == "سـ. ـيطرتها"
    # the masked words are one sentence; a full stop after a word or the year's abbreviation still ends one
    assert [words.sentence_of(i) for i in range(words.word_count)] == [0] * 7 + [1, 1, 2]
    assert fold("اشتــ.باكات") == "اشتباكات"


def test_an_agency_and_place_on_a_line_after_a_date_line_are_a_dateline() -> None:
    words = WordStream.of("20 فبراير، 2018\nسمارت – حلب\nسيطرت فصائل المعارضة على قرى جديدة في منطقة عفرين.")
    # the date, the agency and its place are one sentence, the story another
    assert [words.sentence_of(i) for i in range(words.word_count)] == [0] * 5 + [1] * 9
    assert normalise._is_date(["March", "3,", "2021"]) and not normalise._is_date(["3", "villages"])


def test_a_short_title_or_month_ends_no_sentence() -> None:
    words = WordStream.of("Lt. Gen. Amir said troops left on Jan. 14. Then they came back.")
    assert [words.sentence_of(i) for i in range(words.word_count)] == [0] * 9 + [1] * 4


def test_a_dateline_runs_to_its_dash_past_a_date_with_a_short_month() -> None:
    # "KYIV," alone looks like an inner dateline; the whole "KYIV, Sept. 10 (Reuters) –" is the opening one
    words = WordStream.of("KYIV, Sept. 10 (Reuters) – Officials shared photos of soldiers on the square. " * 2)
    assert words.sentence_starts[0] == 4
    assert {words.sentence_of(i) for i in range(4)} == {0}


def test_a_paragraph_ends_a_sentence_that_has_no_full_stop() -> None:
    words = WordStream.of("Troops took Zarovka and Dorvalka\n\nIn a second post he listed more")
    assert [words.sentence_of(i) for i in range(words.word_count)] == [0] * 5 + [1] * 7
    # a blank line before a word in lower case, or a single line break, leaves the sentence whole
    words = WordStream.of("Troops took Zarovka and\n\nthen Dorvalka on Monday, and\nMellinka\n\nlater")
    assert {words.sentence_of(i) for i in range(words.word_count)} == {0}
    # a paragraph closed by its own full stop ends one sentence, not two
    words = WordStream.of("Troops took Zarovka.\n\nThey left.")
    assert [words.sentence_of(i) for i in range(words.word_count)] == [0, 0, 0, 1, 1]


def test_a_dash_between_two_days_in_an_aside_is_no_dateline() -> None:
    story = "سيطرت قوات الحكومة، ليلة الإثنين – الثلاثاء، على البلدة".split()
    assert normalise._dateline_end(story, story=True) is None
    assert normalise._dateline_end("Rebels, on Monday – Tuesday, took the town".split(), story=True) is None
    # a dateline's own comma and dash still close it
    assert normalise._dateline_end("ALEPPO, Syria – Rebels took the town".split(), story=True) == 2
    # and so does a dash glued to the agency's bracket and to the story's first word
    assert normalise._dateline_end("بغداد، العراق (CNN)—أعلن الجيش سيطرته على البلدة".split(), story=True) == 2


def test_a_name_with_an_apostrophe_and_a_colon_opens_a_story_as_its_dateline() -> None:
    chunks = "Sana'a: Yemeni Shia rebels yesterday seized control of the northern city of Amran".split()
    assert normalise._dateline_end(chunks, story=True) == 0
    # a headline's name is what the news is about
    assert normalise._dateline_end(chunks, story=False) is None
    # a place and its country with a colon glued to the story's first word
    chunks = "طرابلس, ليبيا:أصبحت مدينة بني وليد اليوم تحت سيطرة الموالين".split()
    assert normalise._dateline_end(chunks, story=True) == 0
    assert normalise._dateline_end("بني وليد: دخلت القوات المدينة اليوم".split(), story=True) is None
    # an Arabic place with the agency in brackets after it and no dash
    assert normalise._dateline_end("دمشق (وكالات) دخلت قوات الحكومة المدينة أمس".split(), story=True) == 1
    assert normalise._dateline_end("دمشق (وكالات) دخلت قوات الحكومة المدينة أمس".split(), story=False) is None
    assert normalise._dateline_end("القوات (الحكومية) دخلت المدينة أمس".split(), story=True) is None
    assert normalise._dateline_end("حلب (أ ف ب) سيطرت الفصائل على المدينة".split(), story=True) == 3


def test_an_arabic_place_with_a_slash_and_its_agency_further_into_a_story_is_a_dateline() -> None:
    text = (
        "قال سكان إن المسلحين تقدموا فجرا نحو الجنوب مأرب/ الأناضول سيطر المسلحون على مديرية حريب. "
        + "وتواصل القتال. " * 20
    )
    words = WordStream.of(text)
    place = words.stream.split().index("مارب")
    assert words.sentence_of(place) not in (words.sentence_of(place - 1), words.sentence_of(place + 1))
    # a slash between words is no dateline
    words = WordStream.of("وقال إن القوات و/ أو الفصائل دخلت المدينة. " + "وتواصل القتال. " * 20)
    assert len({words.sentence_of(i) for i in range(8)}) == 1
    # and so is the place alone on a line of its own, before a story
    words = WordStream.of("حماة\nدخل الجيش بلدة الزيتونة بريف إدلب صباح اليوم. " + "وتواصل القتال. " * 20)
    assert words.sentence_of(0) != words.sentence_of(1)
    words = WordStream.of("حماة\nدخل الجيش بلدة الزيتونة بريف إدلب صباح اليوم.")
    assert words.sentence_of(0) == words.sentence_of(1)  # a headline's first word
    # and so is the place and its slash on a line of their own
    words = WordStream.of("حماة/\nدخل الجيش بلدة الزيتونة بريف إدلب صباح اليوم. " + "وتواصل القتال. " * 20)
    assert words.sentence_of(0) != words.sentence_of(1)
