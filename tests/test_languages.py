"""Each language's knowledge in its own module, chosen by the article's language, mixed text still read."""

from __future__ import annotations

from dataclasses import fields

import pytest

from streams.articles.model import Article
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules_text
from streams.ruleset.matcher import match_article
from streams.text.languages import Language, for_script, has_letters, languages
from streams.text.normalise import fold

RULES = """
entities:
  place:
    homs: [Homs, Hims, حمص]
    aleppo: [Aleppo, Alep, حلب]
rules:
  - id: place-named
    title: "{place} named"
    when:
      - entity: place
"""
COMPILED = compile_rules(load_rules_text(RULES))


def places(body: str, lang: str | None = None) -> set[str]:
    return {m.bindings["place"] for m in match_article(COMPILED, Article.create(title="", body=body, lang=lang))}


def test_every_language_module_is_found_and_scripts_are_not_languages() -> None:
    found = languages()
    assert {"ar", "en", "fr", "fa", "ur"} <= set(found)
    assert {found[code].script for code in ("ar", "fa", "ur")} == {"arabic"}
    assert for_script("arabic", "fa").code == "fa"
    assert for_script("arabic", "en").code == "ar"  # Arabic names quoted in an English article are Arabic
    assert for_script("arabic", None).code == "ar"
    assert for_script("latin", "fr-FR").code == "fr"


@pytest.mark.parametrize("code", sorted(languages()))
def test_word_lists_are_written_as_they_stand_in_the_word_stream(code: str) -> None:
    language: Language = languages()[code]
    for attribute in (
        "locating",
        "regions",
        "connectors",
        "source_words",
        "recipient_words",
        "partitives",
        "articles",
        "coordinators",
        "elided",
    ):
        for word in getattr(language, attribute):
            assert fold(word) == word, f"{code}.{attribute}: {word!r} folds to {fold(word)!r}"
    for phrase in language.references:
        assert f" {fold(phrase)} " == phrase
    # "anti-", "-backed": the hyphen says how the words join a name; the words are as the stream has them
    for phrase in (*language.relations_before, *language.relations_after):
        assert fold(phrase.strip("-")) == phrase.strip("-"), f"{code}: {phrase!r} folds to {fold(phrase)!r}"
    # "X" stands for the party's name in a hold; "from", "held" and «سيطره» are as the stream has them
    for phrase in language.holds:
        assert phrase.count("X") == 1, f"{code}: {phrase!r} names no party"
        for part in phrase.split("X"):
            assert fold(part.strip(" -")) == part.strip(" -"), f"{code}: {phrase!r} folds to {fold(phrase)!r}"
    for word in language.becoming:
        assert fold(word) == word, f"{code}.becoming: {word!r} folds to {fold(word)!r}"


@pytest.mark.parametrize("code", sorted(languages()))
def test_every_word_of_a_language_has_a_letter_of_its_script(code: str) -> None:
    # the scan reads a field for unlisted towns only with the languages whose letters it holds (has_letters)
    language = languages()[code]
    for attribute in fields(language):
        value = getattr(language, attribute.name)
        if isinstance(value, (frozenset, tuple, dict)):
            for word in value:
                if isinstance(word, str) and any(char.isalpha() for char in word):
                    assert has_letters(word, language.script), f"{code}.{attribute.name}: {word!r}"
    assert not has_letters(" the village of maiorsk ", "arabic")
    assert not has_letters(" قرية ميورسك ", "latin")


def test_arabic_proclitics_attach_in_arabic_and_in_mixed_text_but_not_in_persian() -> None:
    assert places("دخلت القوات بحمص") == {"homs"}
    assert places("دخلت القوات بحمص", lang="ar") == {"homs"}
    assert places("Fighters entered the city (بحمص) on Sunday", lang="en") == {"homs"}
    # Persian writes the preposition apart ("به حمص"); joined letters are another word.
    assert places("نیروها بحمص رسیدند", lang="fa") == set()
    assert places("نیروها به حمص رسیدند", lang="fa") == {"homs"}


def test_french_elision_separates_the_name() -> None:
    assert places("Les rebelles se sont emparés d'Alep samedi", lang="fr") == {"aleppo"}
    assert places("Les rebelles approchent d’Alep") == {"aleppo"}  # typographic apostrophe, language unknown
    # Not an elision: an apostrophe inside a transliterated name still joins its letters.
    assert fold("Ma'arrat al-Nu'man") == "maarrat al numan" and fold("N'Djamena") == "ndjamena"
