"""The forms of a lemma, so rule authors write "retake" and "انسحب" and the automaton holds every form.

Pure and small: English by regular rules and each language's irregular table; Arabic by the
affixes of its verbs (past suffixes, present prefixes and suffixes) and the pronouns words carry
at their end. The words themselves come from the language modules (``streams/text/languages``).
Only the first word of an English phrase is inflected: it heads the phrase ("take control of",
"fall to"). In Arabic the first word and the nouns in ة after it are, since the pronoun a noun carries
follows its subject ("بسط سيطره" → بسطت سيطرتها, بسطوا سيطرتهم). A form that is no word ("seizeds")
costs an automaton key and never matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from streams.text.languages import every, is_arabic_letter
from streams.text.languages.arabic import ARTICLE as _ARTICLE

# A one-syllable word ending consonant-vowel-consonant doubles its last letter (drop → dropped).
_DOUBLES = re.compile(r"^[^aeiou]*[aeiou][bdgmnprt]$")
_SIBILANT = ("s", "x", "z", "ch", "sh")
_VOWELS = "aeiou"
_TA_MARBUTA = "ه"  # folded ة
_PRESENT_THIRD = "ي"  # the prefix of the present's third person (he)


def forms(phrase: str) -> tuple[str, ...]:
    """Every form of a folded phrase whose first word is a lemma, the phrase itself first."""
    words = phrase.split(" ")
    if not words[0]:
        return (phrase,)
    if not is_arabic_letter(words[0][0]):
        tail = phrase[len(words[0]) :]
        return (phrase, *(form + tail for form in _english(words[0])))
    homographs = every("homographs")
    if len(words) > 1 and words[0] in every("prepositions"):
        # a preposition opening a phrase is no lemma: «على بعد» (some distance from) is not «عليها بعد» (… it, after)
        choices = [[words[0]]]
    else:
        choices = [[words[0], *(f for f in _arabic(words[0]) if f not in homographs)]]
    for word in words[1:]:
        # A later noun in ة takes the article or a pronoun: بسط السيطره, بسطت سيطرتها.
        noun = word.endswith(_TA_MARBUTA) and not word.startswith(_ARTICLE)
        choices.append([word, _ARTICLE + word, *_pronouns(word)] if noun else [word])
    return tuple(dict.fromkeys(" ".join(combination) for combination in product(*choices)))


def conjugations(phrase: str) -> frozenset[str]:
    """The forms of an Arabic lemma that are a verb's conjugations, which never take the article: تخلي
    ('she evacuates', of اخلي) is not التخلي ('giving up'), يدخل is not اليدخل. The lemma itself and a
    noun's forms with a pronoun take it as they like (الانسحاب, الدخول)."""
    words = phrase.split(" ")
    if not words[0] or not is_arabic_letter(words[0][0]):
        return frozenset()
    own = {words[0], *_pronouns(words[0])}
    return frozenset(form for form in forms(phrase) if form.split(" ", 1)[0] not in own)


def without_proclitics(word: str, proclitics: Iterable[str], least: int = 1) -> tuple[str, ...]:
    """``word`` without each of ``proclitics`` it starts with («وسجن» → سجن), where ``least`` letters or more
    remain; the empty proclitic is no reading of its own."""
    return tuple(
        dict.fromkeys(word[len(p) :] for p in proclitics if p and word.startswith(p) and len(word) - len(p) >= least)
    )


def bare_forms(word: str, proclitics: Iterable[str]) -> tuple[str, ...]:
    """``word`` as written, then without each of ``proclitics`` it starts with («وسجن» → وسجن, سجن)."""
    return (word, *without_proclitics(word, proclitics))


def _english(word: str) -> tuple[str, ...]:
    if word in every("uninflected") or not word.isalpha():
        return ()
    irregular = every_irregular().get(word)
    if irregular is not None:
        return irregular
    if word.endswith(_SIBILANT):
        third = word + "es"
    elif word.endswith("y") and word[-2:-1] not in _VOWELS:
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if word.endswith("e"):
        past, ing = word + "d", word + "ing" if word.endswith("ee") else word[:-1] + "ing"
    elif word.endswith("y") and word[-2:-1] not in _VOWELS:
        past, ing = word[:-1] + "ied", word + "ing"
    elif _DOUBLES.match(word):
        past, ing = word + word[-1] + "ed", word + word[-1] + "ing"
    else:
        past, ing = word + "ed", word + "ing"
    return third, past, ing


def every_irregular() -> dict[str, tuple[str, ...]]:
    """The irregular tables of every language, merged."""
    from streams.text.languages import languages

    merged: dict[str, tuple[str, ...]] = {}
    for language in languages().values():
        merged.update(language.irregular)
    return merged


def _pronouns(word: str) -> list[str]:
    """A word with each attached pronoun; a noun in ة takes them on ت (سيطرة → سيطرتها), a verb after
    its plural ending loses the alef (دخلوا → دخلوها)."""
    if word.endswith(_TA_MARBUTA):
        word = word[:-1] + "ت"
    elif word.endswith("وا"):
        word = word[:-1]
    return [word + p for p in every("pronoun_suffixes")]


def _arabic(word: str) -> list[str]:
    """A noun's forms with attached pronouns, and a verb's conjugations (with object pronouns).

    Whether the lemma is a verb or a masdar is not asked: the forms of the other reading are no
    words (انسحابت) and never match.
    """
    found = _pronouns(word)
    if word.endswith(_TA_MARBUTA):
        return found
    # A defective verb drops its last letter before a suffix: اخلى → اخلت, اخلوا.
    past_stems = (word, word[:-1]) if word.endswith("ي") else (word,)
    past = [s + suffix for s in past_stems for suffix in every("past_suffixes")]
    # Derived forms lose their initial alef after a prefix: انسحب → ينسحب, احكم → يحكم.
    present_stem = word[1:] if word.startswith("ا") and len(word) > 3 else word
    # The first person's أ folds to ا, so before ل it spells the article: «أ» + لدخول is الدخول, 'the entry'
    # (a word the lemma لدخول, 'in order to enter', must not take in). Such a form is never generated.
    # A lemma written in the present (ينوي 'intends', in a list of speculation) takes no second prefix:
    # ن + ينوي spells نينوى (Nineveh), and no verb's present stem begins with its own ي.
    prefixes = [
        p
        for p in every("verb_prefixes")
        if not (p + present_stem).startswith(_ARTICLE) and not present_stem.startswith(_PRESENT_THIRD)
    ]
    present = [p + present_stem + suffix for p in prefixes for suffix in ("", *every("present_suffixes"))]
    for form in past + present:
        found += [form, *_pronouns(form)]
    return found
