"""A news stream that does not repeat: Arabic, English and mixed articles with the long tail of real news.

The matcher normalises text chunk by chunk with a cache (``streams/text/normalise.py``), so a
benchmark over a few repeating sentences measures the cache, not the normaliser. Real news keeps
bringing word forms never seen before: rare words, Arabic clitic stacks (وبالمدينة, لمنازلهم),
numbers and dates, names, Latin words inside Arabic sentences, punctuation glued to words. This
generator draws them the way news does:

- word forms from ``wordfreq``'s large lists (the 200,000 most frequent Arabic and English forms),
  sampled with their own Zipf-like frequencies, raised to ``ZIPF_EXPONENT``;
- per article a handful of topic words and names that recur, as a story repeats its subject;
- Arabic proclitic stacks (و ف + ب ك ل + ال, لل, س) and pronoun suffixes (ه ها هم هما هن كم نا ي)
  added to a share of the words, the way they are written glued to them;
- numbers, decimals, percentages, dates and times in Western and Arabic-Indic digits;
- names from the shipped gazetteer (``rules/entities``) and invented capitalised Latin names;
- commas, quotes and brackets glued to words, sentence lengths like news;
- in war reporting, sentences built from the shipped rules' own examples and vocabularies, with
  the places and actors of the gazetteer, so matches happen at a realistic rate.

Everything is a pure function of ``seed`` and the article's index: ``NewsStream(seed).article(i)``
is the same article in every run and every process, and a stream never runs out or loops.
Calibrated (``python -m bench.calibrate``) against 10,000 real Arabic news articles: the
normalisation cache's hit rate after a 6,000-article warm-up is within a few points of theirs.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from streams.articles.model import Article
from streams.text.normalise import fold

RULES = Path(__file__).resolve().parent.parent / "rules"

VOCABULARY_SIZE = 200_000
# Frequencies are raised to this power before sampling: 1.0 keeps wordfreq's own distribution,
# lower flattens it (more rare words). Calibrated with ``python -m bench.calibrate``.
ZIPF_EXPONENT = 1.1
# Natural article sizes (UTF-8 bytes, title and body): log-normal around the real corpus's median.
MEDIAN_BYTES = 2300
SIZE_SIGMA = 0.75
MIN_BYTES, MAX_BYTES = 300, 20_000

# Shares of the words of a sentence (the rest are drawn from the vocabulary).
TOPIC_SHARE = 0.05  # the article's own subject words, which recur through it
TOPIC_FROM_RANK = 3000  # subject words are drawn from this rank on: rarer words, repeated within an article
NUMBER_SHARE = 0.015
NAME_SHARE = 0.02
LATIN_IN_ARABIC_SHARE = 0.004  # brand names, acronyms, English terms inside Arabic sentences
ARABIC_CLITIC_SHARE = 0.07  # words given a proclitic stack or a pronoun suffix beyond what wordfreq lists
COMMA_SHARE = 0.045
QUOTE_SHARE = 0.012
ARABIC_INDIC_DIGITS = 0.25  # of the numbers in Arabic text
RULE_SENTENCE_SHARE = 0.3  # of the sentences of a war-reporting article

_ARABIC_LETTER = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+$")
_ENGLISH_WORD = re.compile(r"^[a-z][a-z'\-]*$")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Clitics: conjunction, then preposition, then the article; or the future prefix on verbs.
_CONJUNCTIONS = ("", "", "", "و", "ف")
_PREPOSITIONS = ("", "", "ب", "ل", "ك")
_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "كم", "نا", "ي", "ك", "ات", "ين", "ون", "ية")

_LATIN_SYLLABLES = (
    "ka ri mo sa lu ta ne vi do ra zi ba ko mi fa lo he su tri an el or us in ad ul ha shi mar ber gen "
    "lan dor vic tor ste fan mal kov ski ro ber son al ex ia na"
).split()


@dataclass(frozen=True)
class Vocabulary:
    """Word forms of one language, most frequent first, with cumulative sampling weights."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    def sample(self, rng: random.Random, count: int, *, first: int = 0) -> list[str]:
        """``count`` words drawn by frequency, from rank ``first`` on (content words skip the first few hundred)."""
        if first:
            low = self.cumulative[first - 1]
            total = self.cumulative[-1]
            # Inverse transform over the tail only: uniform in (low, total], then bisect.
            return [self.words[_bisect(self.cumulative, low + rng.random() * (total - low))] for _ in range(count)]
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def _bisect(values: tuple[float, ...], x: float) -> int:
    from bisect import bisect_left

    return min(bisect_left(values, x), len(values) - 1)


@lru_cache(maxsize=4)
def vocabulary(lang: str, size: int = VOCABULARY_SIZE, exponent: float | None = None) -> Vocabulary:
    """The ``size`` most frequent word forms of ``lang`` ('ar' or 'en') in ``wordfreq``'s large list.

    Only forms made of the language's letters are kept: wordfreq writes digits as 0 (numbers are
    generated here) and lists other scripts' words too. Ties in frequency are ordered by the
    word itself, so the list is the same in every run.
    """
    import wordfreq  # a dev dependency: imported only when a stream is generated

    power = ZIPF_EXPONENT if exponent is None else exponent
    pattern = _ARABIC_LETTER if lang == "ar" else _ENGLISH_WORD
    frequencies = wordfreq.get_frequency_dict(lang, wordlist="large")
    ranked = sorted(((f, w) for w, f in frequencies.items() if pattern.match(w)), key=lambda fw: (-fw[0], fw[1]))
    ranked = ranked[:size]
    return Vocabulary(tuple(w for _, w in ranked), tuple(accumulate(f**power for f, _ in ranked)))


@dataclass(frozen=True)
class Gazetteer:
    """Names and rule vocabulary from the shipped rules: what war reporting mentions and the rules watch."""

    places: dict[str, tuple[str, ...]]  # 'ar' / 'en' → place aliases in that script
    actors: dict[str, tuple[str, ...]]
    templates: dict[str, tuple[str, ...]]  # 'ar' / 'en' → sentences with {place} and {actor}


def _script(text: str) -> str:
    return "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"


# Sentences in the style of war reporting, beside the rules' own examples: control changes, strikes,
# explosions, casualties, disasters, and the denials and approaches the rules must pass over.
_TEMPLATES_EN = (
    "{actor} said they had captured {place} after heavy fighting overnight.",
    "Government forces withdrew from {place} on {day}, residents said.",
    "{actor} took control of {place} after the army pulled out of its positions.",
    "A car bomb exploded near a checkpoint in {place}, killing {n} people.",
    "Airstrikes hit {place} on {day}, a war monitor said.",
    "Drone strikes targeted a convoy on the road to {place}.",
    "The army denied reports that it had withdrawn from {place}.",
    "{actor} advanced toward the outskirts of {place} but did not enter the city.",
    "Shelling killed {n} civilians in {place}, according to local medics.",
    "An earthquake shook {place} overnight, damaging several buildings.",
    "Flash floods swept through camps near {place} after torrential rain.",
    "Opposition fighters entered {place} and seized the governor's office.",
    "The fall of {place} leaves the road to the coast open, analysts said.",
    "{actor} stormed {place} at dawn, activists said.",
)
_TEMPLATES_AR = (
    "أعلنت {actor} سيطرتها على مدينة {place} بعد معارك عنيفة.",
    "انسحبت قوات النظام من مدينة {place} فجر {day} بحسب مصادر محلية.",
    "دخلت {actor} إلى مدينة {place} وسط انهيار دفاعات الجيش.",
    "انفجرت سيارة مفخخة قرب حاجز في {place} ما أسفر عن {n} قتلى.",
    "شنت طائرات حربية غارات جوية على مدينة {place} يوم {day}.",
    "استهدفت طائرة مسيرة سيارة على طريق {place}.",
    "نفت وزارة الدفاع انسحاب قواتها من مدينة {place}.",
    "تقدمت {actor} نحو أطراف مدينة {place} دون أن تدخلها.",
    "قتل {n} مدنيين في قصف مدفعي على {place} بحسب مصادر طبية.",
    "ضرب زلزال بقوة {n} درجات منطقة {place} فجر اليوم.",
    "اجتاحت السيول مخيمات في ريف {place} بعد أمطار غزيرة.",
    "سقطت مدينة {place} بيد {actor} بعد حصار استمر أسابيع.",
    "هز انفجار عنيف مدينة {place} صباح اليوم.",
)
_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
}
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
           "ديسمبر", "كانون", "تشرين", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول"),
}  # fmt: skip


@lru_cache(maxsize=2)
def gazetteer(rules: Path = RULES) -> Gazetteer:
    """Places, actors and war-reporting sentences from the rule files in ``rules``.

    The sentences are the rules' own examples (``examples: match`` and ``no_match``, the bound
    place made a slot) and the templates above.
    """
    from streams.ruleset.loader import load_rules

    ruleset = load_rules([rules])
    places: dict[str, list[str]] = {"ar": [], "en": []}
    actors: dict[str, list[str]] = {"ar": [], "en": []}
    names = ruleset.gazetteer
    for type_, target in (("place", places), ("actor", actors)):
        for entity in ruleset.entities.get(type_, {}).values():
            for alias in entity.aliases:
                # A name that binds only with its country named (a minor town, a guessed spelling) would make
                # war reporting that names no country match by chance; reporting names places that bind.
                info = names.ambiguity(fold(alias)) if names is not None and type_ == "place" else None
                if info is None or info.verdict == "safe":
                    target[_script(alias)].append(alias)
    templates: dict[str, list[str]] = {"ar": list(_TEMPLATES_AR), "en": list(_TEMPLATES_EN)}
    for rule in ruleset.rules:
        for example in rule.must_match + rule.must_not_match:
            body = example.body.replace("{", "(").replace("}", ")")
            place = example.bindings.get("place")
            entity = ruleset.entity("place", place) if place else None
            if entity is not None:
                for alias in sorted(entity.aliases, key=len, reverse=True):
                    if alias in body:
                        body = body.replace(alias, "{place}")
                        break
            templates[_script(body)].append(body)
    return Gazetteer(
        {k: tuple(v) for k, v in places.items()},
        {k: tuple(v) for k, v in actors.items()},
        {k: tuple(v) for k, v in templates.items()},
    )


def _number(rng: random.Random, lang: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        text = str(rng.randint(1990, 2030))
    elif roll < 0.55:
        text = str(int(math.exp(rng.random() * math.log(100_000))))
    elif roll < 0.65:
        text = f"{rng.randint(0, 999)}.{rng.randint(0, 99)}"
    elif roll < 0.75:
        text = f"{rng.randint(1, 99)}%" if lang == "en" or rng.random() < 0.5 else f"{rng.randint(1, 99)}٪"
    elif roll < 0.85:
        text = f"{rng.randint(1, 31)}/{rng.randint(1, 12)}/{rng.randint(1990, 2030)}"
    elif roll < 0.92:
        text = f"{rng.randint(0, 23)}:{rng.choice(('00', '15', '30', '45', f'{rng.randint(0, 59):02d}'))}"
    else:
        text = f"{rng.randint(1990, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if lang == "ar" and rng.random() < ARABIC_INDIC_DIGITS:
        text = text.translate(_ARABIC_INDIC)
    return text


def _latin_name(rng: random.Random) -> str:
    return "".join(rng.choice(_LATIN_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _clitic(rng: random.Random, word: str) -> str:
    """``word`` with a proclitic stack or a pronoun suffix, as Arabic writes them glued on."""
    if rng.random() < 0.65:
        if word.startswith(("ال", "و", "ف")):
            return rng.choice(("و", "ف", "ب", "ل", "وب", "ول")) + word if not word.startswith(("و", "ف")) else word
        conjunction, preposition = rng.choice(_CONJUNCTIONS), rng.choice(_PREPOSITIONS)
        article = "ال" if rng.random() < 0.6 else ""
        if preposition == "ل" and article:
            return conjunction + "لل" + word
        if not (conjunction or preposition or article):
            conjunction = "و"
        return conjunction + preposition + article + word
    word = word[:-1] + "ت" if word.endswith("ة") else word
    return word + rng.choice(_SUFFIXES)


class NewsStream:
    """An endless, deterministic stream of news articles (see the module's docstring).

    ``war_share`` of the articles are war reporting (about ``RULE_SENTENCE_SHARE`` of their
    sentences are the kind the shipped rules watch); ``languages`` weighs Arabic, English and
    mixed articles (Arabic with English sentences and Latin terms).
    """

    def __init__(
        self,
        seed: int = 1,
        *,
        war_share: float = 0.1,
        languages: tuple[float, float, float] = (0.5, 0.4, 0.1),
        size: int | None = None,
        rules: Path = RULES,
    ) -> None:
        self.seed = seed
        self.war_share = war_share
        self.languages = languages
        self.size = size
        self.rules = rules

    def article(self, index: int, size: int | None = None) -> Article:
        """Article ``index`` of the stream; ``size`` (bytes, title and body) overrides the stream's size."""
        rng = random.Random(f"{self.seed}:{index}")
        roll = rng.random()
        lang = "ar" if roll < self.languages[0] else "en" if roll < self.languages[0] + self.languages[1] else "mixed"
        war = rng.random() < self.war_share
        target = (
            size
            or self.size
            or int(min(MAX_BYTES, max(MIN_BYTES, rng.lognormvariate(math.log(MEDIAN_BYTES), SIZE_SIGMA))))
        )
        return _Writer(rng, lang, war, gazetteer(self.rules)).write(target, index)

    def articles(self, count: int, start: int = 0, size: int | None = None) -> list[Article]:
        """Articles ``start`` … ``start + count - 1``."""
        return [self.article(i, size) for i in range(start, start + count)]

    def __iter__(self) -> Iterator[Article]:
        index = 0
        while True:
            yield self.article(index)
            index += 1


class _Writer:
    """Writes one article: a title and sentences until the target size."""

    def __init__(self, rng: random.Random, lang: str, war: bool, names: Gazetteer) -> None:
        self.rng = rng
        self.lang = lang
        self.war = war
        self.names = names
        base = "ar" if lang == "mixed" else lang
        self.base = base
        self.vocab = {"ar": vocabulary("ar"), "en": vocabulary("en")}
        # The article's subject: content words and names that recur through it.
        self.topic = {
            script: self.vocab[script].sample(rng, rng.randint(6, 16), first=TOPIC_FROM_RANK) for script in ("ar", "en")
        }
        self.people = {"en": [_latin_name(rng) for _ in range(rng.randint(1, 3))]}
        self.people["ar"] = self.vocab["ar"].sample(rng, rng.randint(1, 3), first=2000)
        self.place = {s: rng.choice(names.places[s]) for s in ("ar", "en")}
        self.rule_sentences = 0

    def write(self, target: int, index: int) -> Article:
        rng = self.rng
        title = self.sentence(self.base, rng.randint(6, 14), title=True)
        budget = target - len(title.encode())
        paragraphs: list[str] = []
        paragraph: list[str] = []
        used = 0
        while used < budget:
            script = self.base
            if self.lang == "mixed" and rng.random() < 0.3:
                script = "en"
            if self.war and rng.random() < RULE_SENTENCE_SHARE:
                sentence = self.rule_sentence(script)
            else:
                sentence = self.sentence(script, max(4, min(70, int(rng.gauss(24, 10)))))
            paragraph.append(sentence)
            used += len(sentence.encode()) + 1
            if rng.random() < 0.35:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        body = "\n\n".join(paragraphs)
        body = _cut(body, budget)
        lang = "ar" if self.base == "ar" else "en"
        return Article.create(title=title, body=body, lang=lang, id=f"gen-{index}")

    def rule_sentence(self, script: str) -> str:
        rng = self.rng
        self.rule_sentences += 1
        template = rng.choice(self.names.templates[script])
        place = self.place[script] if rng.random() < 0.6 else rng.choice(self.names.places[script])
        return template.format(
            place=place,
            actor=rng.choice(self.names.actors[script]),
            day=rng.choice(_DAYS[script]),
            n=rng.randint(2, 60),
        )

    def word(self, script: str) -> str:
        """One word that is not drawn from the vocabulary's frequencies, or '' for a vocabulary word."""
        rng = self.rng
        roll = rng.random()
        if roll < TOPIC_SHARE:
            return rng.choice(self.topic[script])
        roll -= TOPIC_SHARE
        if roll < NUMBER_SHARE:
            return _number(rng, script)
        roll -= NUMBER_SHARE
        if roll < NAME_SHARE:
            pick = rng.random()
            if pick < 0.5:
                return rng.choice(self.people[script])
            if pick < 0.7:
                return self.place[script].split()[0]
            if pick < 0.85:
                return rng.choice(_MONTHS[script]) if rng.random() < 0.5 else rng.choice(_DAYS[script])
            return _latin_name(rng) if script == "en" else rng.choice(self.vocab["ar"].sample(rng, 1, first=5000))
        roll -= NAME_SHARE
        if script == "ar" and roll < LATIN_IN_ARABIC_SHARE:
            return (
                _latin_name(rng)
                if rng.random() < 0.5
                else rng.choice(("COVID-19", "iPhone", "UN", "FIFA", "GDP", "Twitter", "WhatsApp", "NATO", "OPEC"))
            )
        return ""

    def sentence(self, script: str, length: int, title: bool = False) -> str:
        rng = self.rng
        drawn = self.vocab[script].sample(rng, length)
        words: list[str] = []
        for position, vocabulary_word in enumerate(drawn):
            word = self.word(script) or vocabulary_word
            if script == "ar" and len(word) > 2 and _ARABIC_LETTER.match(word) and rng.random() < ARABIC_CLITIC_SHARE:
                word = _clitic(rng, word)
            if script == "en" and (position == 0 or (not title and rng.random() < 0.01)):
                word = word[:1].upper() + word[1:]
            if not title and position < length - 1:
                mark = rng.random()
                if mark < COMMA_SHARE:
                    word += "،" if script == "ar" and rng.random() < 0.85 else ","
                elif mark < COMMA_SHARE + QUOTE_SHARE:
                    word = (
                        rng.choice(("«", '"', "(", "“")) + word
                        if rng.random() < 0.5
                        else word + rng.choice(("»", '"', ")", "”", ":"))
                    )
            words.append(word)
        if title:
            return " ".join(words)
        ending = (
            "."
            if rng.random() < 0.9
            else rng.choice(("!", "?", "؟", "..."))
            if script == "ar"
            else rng.choice(("!", "?", ".", "..."))
        )
        return " ".join(words) + ending


def _cut(text: str, budget: int) -> str:
    """``text`` cut at a space so it takes at most ``budget`` UTF-8 bytes (whole when it fits)."""
    encoded = text.encode()
    if len(encoded) <= budget:
        return text
    cut = encoded[: max(0, budget)].decode(errors="ignore")
    space = cut.rfind(" ")
    return cut[:space] if space > 0 else cut


def normalised_key(text: str) -> str:
    """``text`` as the real English corpus (BBC News dataset) stores it: lower case, punctuation removed."""
    kept = (c if c.isalnum() or c.isspace() else " " for c in unicodedata.normalize("NFC", text.lower()))
    return " ".join("".join(kept).split())
