"""List entries are lemmas: their forms are generated at compile time (streams/text/inflect.py)."""

from __future__ import annotations

import pytest

from streams.articles.model import Article
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules_text
from streams.ruleset.matcher import match_article
from streams.text.inflect import bare_forms, conjugations, forms, without_proclitics

RULES = """
entities:
  place:
    homs: [Homs, حمص]
lists:
  change: [retake, seize, occupy, take control of, overrun, =fell, "captur*", انسحب, انسحاب, سيطرة, بسط سيطرة, احتل, اخلي]
rules:
  - id: change
    title: "{place} changed hands"
    when:
      all:
        - entity: place
        - list: change
          near: place
          window: 4
"""
COMPILED = compile_rules(load_rules_text(RULES))


def matched(body: str) -> bool:
    return bool(match_article(COMPILED, Article.create(title="", body=body)))


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("retake", "retook"),
        ("retake", "retaken"),
        ("retake", "retaking"),
        ("seize", "seized"),
        ("seize", "seizing"),
        ("occupy", "occupied"),
        ("overrun", "overran"),
        ("take control of", "took control of"),
        ("drop", "dropped"),
        ("free", "freed"),
        ("انسحب", "انسحبوا"),
        ("انسحب", "ينسحبون"),
        ("انسحب", "تنسحب"),
        ("انسحاب", "انسحابهم"),
        ("سيطره", "سيطرتها"),
        ("دخل", "دخلوها"),
        ("احكم سيطره", "احكموا سيطرتهم"),
        ("احكم سيطره", "احكم السيطره"),
        ("اخلي", "اخلت"),
    ],
)
def test_a_lemma_has_its_forms(lemma: str, form: str) -> None:
    assert form in forms(lemma)


def test_function_words_and_homographs_are_not_inflected() -> None:
    assert forms("in full control of") == ("in full control of",)
    assert "تدخل" not in forms("دخل")  # mostly "intervention"
    # أ + a stem in ل folds to the article: لدخول ('in order to enter') must not take in الدخول ('the entry').
    assert "الدخول" not in forms("لدخول") and "التحرير" not in forms("لتحرير")
    assert "يلدخول" in forms("لدخول")  # the other prefixes are still generated (and are no words)
    # A lemma in the present takes no second prefix: ن + ينوي ('intends') spells نينوى (Nineveh).
    assert "نينوي" not in forms("ينوي") and "ينويها" in forms("ينوي")
    # A preposition opening a phrase is no lemma: «على بعد» (some way from) is not «عليها بعد» (of it, after).
    assert forms("علي بعد") == ("علي بعد",)


def test_a_verbs_conjugations_never_take_the_article() -> None:
    # تخلي ('she evacuates', of اخلي) is a verb; التخلي is 'giving up'. The lemma and a noun take it.
    assert {"تخلي", "اخلت", "ينسحبون"} <= conjugations("اخلي") | conjugations("انسحب")
    assert "اخلي" not in conjugations("اخلي") and "انسحابهم" not in conjugations("انسحاب")
    assert conjugations("withdraw") == frozenset()
    assert not matched("ناقش المجلس في حمص التخلي عن الدعم") and matched("انسحاب القوات والانسحاب من حمص")


def test_a_word_without_its_proclitics() -> None:
    assert without_proclitics("وسجن", ("و", "ف")) == ("سجن",)
    assert without_proclitics("وبحي", ("وب", "و", "")) == ("حي", "بحي")
    assert without_proclitics("بحي", ("ب",), least=3) == ()  # too little is left to be a word
    assert without_proclitics("سجن", ("و", "")) == ()
    assert bare_forms("وسجن", ("و", "ف")) == ("وسجن", "سجن")


@pytest.mark.parametrize(
    "body",
    [
        "Government forces retook Homs on Sunday.",
        "Insurgents overran Homs.",
        "Rebels have occupied Homs.",
        "Fighters took control of Homs overnight.",
        "Homs fell at dawn.",
        "Rebels captured Homs.",
        "وأكد مصدر انسحابهم من حمص.",
        "انسحبوا من حمص فجرا.",
        "بسطت الفصائل سيطرتها على حمص.",
        "القوات التي احتلت حمص.",
    ],
)
def test_the_automaton_holds_the_forms(body: str) -> None:
    assert matched(body)


def test_an_exact_entry_is_that_form_only() -> None:
    assert not matched("The fall of Homs was a turning point.")
    assert not matched("Homs falls silent.")


def test_an_exact_arabic_phrase_takes_the_prefixes_but_not_the_article() -> None:
    compiled = compile_rules(
        load_rules_text(
            'lists:\n  names: ["=جيش تحرير"]\nrules:\n  - id: t\n    title: t\n    when:\n      any: [{list: names}]\n'
        )
    )

    def found(body: str) -> bool:
        return bool(match_article(compiled, Article.create(title="", body=body)))

    assert found("قال جيش تحرير الشام إنه انسحب") and found("وقال وجيش تحرير الشام")
    # «الجيش تحرير» is 'the army … the liberation of', not the name.
    assert not found("أعلن الجيش تحرير المدينة")
