"""Words and names of other things that the gazetteer must not read as places, one class of cause per test:
letters that folding sets aside (tanween, a hamza inside the word), initials spelt out, the tail of a
compound name, a big city abroad that a small place of the coverage is named after, another name of a city
that is an English word, a word in capitals, a name whose other article form is the commoner word, a word
with a proclitic, and the Arabic names of places where few speak Arabic. Real towns still bind."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.places import ArticleContext, Coverage, Gazetteer, Mention, load_gazetteer
from streams.places.ambiguity import (
    evidence_supports,
    hamza_positions,
    name_evidence,
    word_evidence,
    written_as_a_word,
)
from streams.places.build import _Draft, _drop_tail_words
from streams.places.coverage import HandPlace, merge_hand_written
from streams.places.model import AliasAmbiguity, Place
from streams.places.scripts import keep_alias


def _arabic(alias: str, *spellings: str) -> AliasAmbiguity:
    return AliasAmbiguity(
        alias, "arabic", 3.0, ("geonames:1",), word_like=False, shared=False, hamzas=hamza_positions(spellings)
    )


# -- letters that folding sets aside ----------------------------------------------------------------------


def test_a_name_written_with_tanween_is_a_noun() -> None:
    # «غنيمةً سهلة»-like phrases: an indefinite noun takes tanween, a place's name never does.
    town = _arabic("صيدا", "صيدا")
    assert written_as_a_word(Mention("صيدًا"), town) is not None
    assert written_as_a_word(Mention("وصيدا", proclitics="و"), town) is None
    assert written_as_a_word(Mention("صيدا"), town) is None


def test_a_hamza_the_name_never_has_makes_another_word() -> None:
    # واري (a Nigerian city) folds like وأرى ('and I see'); بالا like بألا ('that ... not').
    warri = _arabic("واري", "واري")
    assert written_as_a_word(Mention("وأرى"), warri) is not None
    pala = _arabic("بالا", "بالا")
    assert written_as_a_word(Mention("بألا"), pala) is not None
    # A hamza a writer adds at the start of the name, or after its article, is the name's own.
    ubari = _arabic("اوباري", "اوباري")
    assert written_as_a_word(Mention("وأوباري", proclitics="و"), ubari) is None
    alexandria = _arabic("الاسكندريه", "الاسكندرية")
    assert written_as_a_word(Mention("بالإسكندرية", proclitics="ب"), alexandria) is None
    assert written_as_a_word(Mention("للإسكندرية", proclitics="ل"), alexandria) is None
    # Where some spelling of the name has the hamza, the text may write it.
    raas = _arabic("راس العين", "رأس العين", "راس العين")
    assert written_as_a_word(Mention("رأس العين"), raas) is None


def test_hamza_positions_are_kept_word_by_word() -> None:
    assert hamza_positions(["رأس العين", "راس العين"]) == (frozenset({1}), frozenset())
    assert hamza_positions(["مسؤول"]) == (frozenset({2}),)


def test_a_rejected_spelling_binds_no_place() -> None:
    town = Place("geonames:1", "town", "city", "Town", "صيدا", "LB", "", None, None, 160_000, ("صيدا",))
    binding = evidence_supports([town], _arabic("صيدا", "صيدا"), Mention("صيدًا"), ArticleContext())
    assert binding.status == "rejected" and "tanween" in binding.reason


# -- names that are not names ------------------------------------------------------------------------------


def test_initials_spelt_out_are_no_name() -> None:
    # «آي بي» spells I-B (an IP address in Arabic prose), whatever place GeoNames gives it to.
    assert not keep_alias("اي بي")
    assert not keep_alias("إي بي")
    assert keep_alias("تل أبيض")  # two words, one of them long: a name
    assert keep_alias("ادلب")


def test_a_facility_named_after_a_town_is_no_name_of_the_town() -> None:
    # GeoNames gives some towns their airport's or dam's name; taking the airport is not taking the town
    assert not keep_alias("مطار الطبقة")
    assert not keep_alias("Mosul Dam")
    # a town named by such a word alone, or whose name opens with it in English, is the town
    assert keep_alias("معسكر")
    assert keep_alias("Port Sudan")


def _draft(name_en: str, name_ar: str, *names: str) -> _Draft:
    draft = _Draft("geonames:1", "city", name_en, "IL", "", None, None, 50_000, name_ar=name_ar)
    for name in (name_en, name_ar, *names):
        draft.add(name)
    return draft


def test_the_tail_of_a_compound_name_that_is_a_word_is_dropped() -> None:
    # «الفحم» ('coal') is Umm el-Fahm without its first word, which is part of the name.
    fahm = _draft("Umm el Fahm", "أم الفحم", "الفحم")
    _drop_tail_words(fahm)
    assert "الفحم" not in fahm.aliases and "ام الفحم" in fahm.aliases


def test_a_name_after_a_word_for_its_kind_of_place_is_kept() -> None:
    # «مدينة حمص» is 'the city of Homs': the rest is the name itself.
    homs = _draft("Homs", "حمص", "مدينة حمص")
    _drop_tail_words(homs)
    assert "حمص" in homs.aliases
    # A one-word English name says the tail is the whole name, whatever stands before it (Persian شهر, 'city').
    mafraq = _draft("Mafraq", "شهر المفرق", "المفرق")
    _drop_tail_words(mafraq)
    assert "المفرق" in mafraq.aliases


def test_another_name_of_a_city_that_is_an_english_word_needs_evidence() -> None:
    # Douala's old name Dual, Donetsk's Stalino... are words whatever the size of the city.
    dual = word_evidence(["Dual"], "latin", 1_300_000, alternate=True)
    assert dual.reasons
    assert not word_evidence(["Dual"], "latin", 1_300_000).reasons
    assert not word_evidence(["Douala"], "latin", 1_300_000, alternate=True).reasons


def _latin_word(zipf: float) -> AliasAmbiguity:
    return AliasAmbiguity("dual", "latin", zipf, ("geonames:1",), word_like=True, shared=False, reasons=("word",))


def test_a_word_in_capitals_amid_lower_case_is_no_name() -> None:
    word = _latin_word(4.3)
    assert name_evidence(word, Mention("Dual")) == "capitalised"
    assert written_as_a_word(Mention("Dual"), word) is None
    # An acronym, a ticker or a brand: 'the GAO said', 'DUAL-WING'.
    assert written_as_a_word(Mention("DUAL", next_written="-"), word) is not None
    assert written_as_a_word(Mention("GAO", next_written="said"), word) is not None
    # A cue still makes it a place; and where the text around is in capitals too, capitals say nothing.
    assert written_as_a_word(Mention("DUAL", before=("the", "city", "of")), word) is None
    assert written_as_a_word(Mention("BASRA", next_written="OFFENSIVE"), word) is None
    assert written_as_a_word(Mention("BASRA", case_informative=False), word) is None


def test_a_name_whose_other_article_form_is_the_commoner_word_is_a_word() -> None:
    # يهود ('Jews') is rarer than اليهود; a name is the commoner of its two forms (حمص against الحمص).
    assert word_evidence(["يهود"], "arabic", 25_000).reasons
    assert not word_evidence(["حمص"], "arabic", 775_000).reasons


def test_a_word_name_written_with_a_proclitic_is_that_word() -> None:
    # ادي (Edd, Eritrea) folds like أدى 'performed'; with و attached it is وادي 'valley'.
    edd = word_evidence(["إدي"], "arabic", 11_000, arabic_spoken=False)
    assert edd.reasons and "و" in edd.proclitics
    # A name's own forms with a proclitic stay the name: بحمص is 'in Homs'.
    assert word_evidence(["حمص"], "arabic", 775_000).proclitics == ()


# -- the gazetteer ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    cache = Path(tmp_path_factory.mktemp("place-words"))
    return load_gazetteer(Coverage(countries=("IQ", "IL", "LY", "TD", "YE"), min_population=5000), cache)


def test_a_big_city_abroad_is_meant_unless_the_places_country_is_named(gazetteer: Gazetteer) -> None:
    # «الإسكندرية» in Egyptian news is Alexandria, not Iraq's Iskandariya; «سوسة» Sousse, not a Libyan village.
    for name in ("الإسكندرية", "سوسة"):
        info = gazetteer.ambiguity(name)
        assert info is not None and info.outside_city, name
        assert gazetteer.bind(name, Mention(name)).status == "rejected"
        assert gazetteer.bind(name, Mention(name, before=("مدينه",), before_folded=True)).status == "rejected"
    iraq = ArticleContext(countries=frozenset({"IQ"}))
    bound = gazetteer.bind("الإسكندرية", Mention("الإسكندرية"), iraq)
    assert bound.status == "bound" and bound.place is not None and bound.place.country == "IQ"
    # A city of the coverage bigger than its namesakes abroad keeps its name: Tripoli is Libya's.
    tripoli = gazetteer.ambiguity("طرابلس")
    assert tripoli is not None and not tripoli.outside_city
    # In English, a name of a big city abroad is that city's: 'Alexandria' is not Iraq's Iskandariya.
    alexandria = gazetteer.ambiguity("Alexandria")
    assert alexandria is None or alexandria.outside_city
    # A city abroad where Arabic is not spoken is no more named in Arabic than its size says: "the city
    # of" picks the town of the coverage (Yemen's Zinjibar, not Zanzibar).
    zinjibar = gazetteer.ambiguity("زنجبار")
    assert zinjibar is not None and zinjibar.outside and not zinjibar.outside_city
    cue = Mention("زنجبار", before=("مدينه",), before_folded=True)
    assert gazetteer.bind("زنجبار", cue).status == "bound"


def test_a_town_written_by_hand_is_watched_whatever_city_abroad_shares_its_name(gazetteer: Gazetteer) -> None:
    merged, problems, _ = merge_hand_written(gazetteer, [HandPlace("iskandariya", aliases=("الإسكندرية",))])
    assert problems == []
    info = merged.ambiguity("الإسكندرية")
    assert info is not None and not info.outside
    assert merged.bind("الإسكندرية", Mention("الإسكندرية")).status == "bound"


def test_where_few_speak_arabic_a_frequent_arabic_name_is_a_word(gazetteer: Gazetteer) -> None:
    # Chad: Arabic is official, but GeoNames' سارة (Sarah) for Sarh is the given name.
    sarah = gazetteer.ambiguity("سارة")
    assert sarah is not None and sarah.word_like
    assert gazetteer.bind("سارة", Mention("سارة"), ArticleContext(countries=frozenset({"TD"}))).status == "rejected"
    # Real towns still bind: N'Djamena alone, Mosul and Jerusalem alone, Umm el-Fahm by its whole name.
    for name in ("نجامينا", "الموصل", "القدس", "أم الفحم", "Umm el Fahm"):
        assert gazetteer.bind(name, Mention(name)).status == "bound", name
    assert gazetteer.ambiguity("الفحم") is None
    assert gazetteer.ambiguity("اي بي") is None
