"""A deterministic corpus of real-sized articles and generated rule sets of any size."""

from __future__ import annotations

import random
from pathlib import Path

from bench.newscorpus import _cut
from streams.articles.model import Article
from streams.articles.readers import read_path
from streams.ruleset.model import AllOf, AnyOf, Entity, EntityRef, NoneOf, Phrase, Rule, RuleSet

SAMPLE = Path(__file__).parent.parent / "samples" / "saraya-homs-2024-12-07.txt"

ENGLISH = [
    "Opposition fighters entered {place} on {day} after government forces withdrew from positions around the city.",
    "A war monitor said at least {n} people were killed in shelling on the outskirts of {place}.",
    "Residents of {place} described long queues for bread and fuel as prices rose sharply.",
    "The army said it had redeployed its units to defensive lines north of {place} to protect civilians.",
    "Aid agencies warned that thousands of families had fled toward {place} in the past week.",
    "Officials in {place} announced a curfew from sunset to dawn until further notice.",
    "A car bomb exploded near a checkpoint in {place}, wounding {n} people, according to local media.",
    "Diplomats met in Geneva to discuss a political transition and the return of refugees to {place}.",
    "Electricity returned to parts of {place} for the first time in days, engineers said.",
    "Heavy rain flooded several camps near {place}, damaging tents and blocking roads.",
    "The football match in {place} was postponed because of the security situation.",
    "Rebel commanders said their forces now controlled the main roads leading into {place}.",
    "Drone strikes hit vehicles on the highway between {place} and the coast on {day}.",
    "Hospitals in {place} said they were running short of medicine and fuel for generators.",
    "Local councils in {place} began registering residents who want to return to their homes.",
]
# Everyday reporting that monitoring rules should pass over: most of a real feed looks like this.
EVERYDAY_EN = [
    "The central bank kept interest rates unchanged on {day}, citing slowing inflation and weak exports.",
    "Organisers said the book fair would open its doors to visitors next week with more than {n} publishers.",
    "The national team named a new coach after a disappointing run in the regional cup.",
    "Farmers said the olive harvest was smaller than last year because of a dry spring.",
    "A new ferry line will connect the two ports twice a week from the start of next month.",
    "Students sat their final exams on {day}, the education ministry said, with results due in July.",
    "Fuel prices were raised by {n} percent at the pump, the trade ministry announced.",
    "The museum reopened its restored hall of mosaics to the public after three years of work.",
    "Meteorologists forecast mild temperatures and light winds for the coming days.",
    "The telecom regulator approved a plan to extend mobile coverage to rural villages.",
]
EVERYDAY_AR = [
    "أبقى المصرف المركزي على أسعار الفائدة دون تغيير يوم {day} مشيرا إلى تباطؤ التضخم.",
    "قال منظمو معرض الكتاب إن أبوابه ستفتح أمام الزوار الأسبوع المقبل بمشاركة {n} دار نشر.",
    "أعلن الاتحاد تعيين مدرب جديد للمنتخب الوطني بعد نتائج مخيبة في البطولة الإقليمية.",
    "قال مزارعون إن موسم الزيتون جاء أقل من العام الماضي بسبب ربيع جاف.",
    "تقدم الطلاب لامتحاناتهم النهائية يوم {day} على أن تصدر النتائج في تموز.",
    "رفعت وزارة التجارة أسعار الوقود بنسبة {n} في المئة.",
    "أعاد المتحف افتتاح قاعة الفسيفساء بعد ثلاث سنوات من أعمال الترميم.",
    "توقعت الأرصاد الجوية طقسا معتدلا ورياحا خفيفة خلال الأيام المقبلة.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PLACES_EN = ["Homs", "Hama", "Aleppo", "Damascus", "Daraa", "Idlib", "Raqqa", "Latakia", "Palmyra", "Manbij"]
PLACES_AR = ["حمص", "حماة", "حلب", "دمشق", "درعا", "إدلب", "الرقة", "اللاذقية", "تدمر", "منبج"]


def _arabic_sentences() -> list[str]:
    """Sentences of the real scraped sample (both stories), with the place made replaceable."""
    articles = read_path(SAMPLE)
    sentences = [s.strip() for a in articles for p in a.body.split("\n\n") for s in p.split(".") if len(s.split()) > 5]
    return [s.replace("حمص", "{place}").replace("دمشق", "{place}") + "." for s in sentences if not s.startswith(">")]


def corpus(count: int, seed: int = 7, *, conflict_share: float = 1.0, size: int | None = None) -> list[Article]:
    """``count`` articles of 2-5 KB, alternating Arabic and English, deterministic for a seed.

    ``conflict_share`` of them are war reporting (every one mentions places and events the
    shipped rules watch); the rest are everyday news, as most of a real feed is. ``size``
    makes every article that many UTF-8 bytes (title and body) instead.

    The text is a few dozen sentences over and over: the normaliser's chunk cache hits almost
    always, so this is the *best case (repeating text)*; ``bench.newscorpus`` is the stream
    that does not repeat.
    """
    rng = random.Random(seed)
    arabic = _arabic_sentences()
    articles = []
    for index in range(count):
        english = index % 2 == 0
        if rng.random() < conflict_share:
            pool, places = (ENGLISH, PLACES_EN) if english else (arabic, PLACES_AR)
        else:
            pool, places = (EVERYDAY_EN, PLACES_EN) if english else (EVERYDAY_AR, PLACES_AR)
        length = rng.randint(2000, 5000) if size is None else size
        sentences: list[str] = []
        used = 0
        while used < length or len(sentences) < 2:
            sentence = rng.choice(pool)
            sentences.append(sentence.format(place=rng.choice(places), day=rng.choice(DAYS), n=rng.randint(2, 40)))
            used += (len(sentences[-1]) if size is None else len(sentences[-1].encode())) + 1
        title = sentences[0][:90]
        body = " ".join(sentences[1:])
        if size is not None:
            body = _cut(body, size - len(title.encode()))
        articles.append(Article.create(title=title, body=body, lang="en" if english else "ar"))
    return articles


EVENT_WORDS = (
    "captured seized entered overran withdrew attacked shelled besieged bombed exploded killed wounded kidnapped "
    "arrested protested evacuated flooded burned collapsed closed reopened announced banned imposed lifted "
    "negotiated signed released executed ambushed stormed liberated abandoned surrendered defected deployed "
    "curfew blockade ceasefire truce offensive airstrike drone rocket mortar sniper checkpoint convoy hostage "
    "refugees displaced famine cholera outbreak earthquake landslide wildfire drought blackout shortage strike"
).split()
EVENT_WORDS += (
    "سيطر* دخل* انسحب* هاجم* قصف* حاصر* فجر* قتل* جرح* خطف* اعتقل* تظاهر* اخلي* غرق* احرق* انهار* اغلق* "
    "اعلن* حظر* فرض* رفع* فاوض* وقع* افرج* اعدم* كمين اقتحم* حرر* استسلم* انشق* انتشر* حظر هدنه هجوم غاره "
    "مسيره صاروخ قذيفه قناص حاجز قافله رهينه لاجئين نازحين مجاعه كوليرا زلزال حريق جفاف انقطاع نقص اضراب"
).split()
EVENT_WORDS += ["took control of", "pulled out of", "fell to", "car bomb", "بسط السيطره", "عبوه ناسفه", "اطلاق نار"]

_SYLLABLES_EN = "ka ri mo sa lu ta ne vi do ra zi ba ko mi fa lo he su tri an el or us in".split()
_SYLLABLES_AR = "كا ري مو سا لو تا نه في دو را زي با كو مي فا لو ها سو تر ان ال ور وس ين".split()


RULES_PER_PLACE = 2


def _place_rule(place_id: str, roll: float, rng: random.Random) -> AllOf:
    """A rule on one place: event words near it, sometimes only in the title, with a veto or needing two words."""
    words = tuple(Phrase(text=w) for w in rng.sample(EVENT_WORDS, rng.randint(3, 6)))
    place = EntityRef(type="place", ids=(place_id,), field="title" if roll < 0.15 else None)
    near = AnyOf(children=words, near="place", window=rng.choice((6, 10, 15)), min_count=2 if roll > 0.95 else 1)
    children: list[AllOf | AnyOf | EntityRef | NoneOf] = [place, near]
    if 0.15 <= roll < 0.25:
        children.append(NoneOf(children=(Phrase(text=rng.choice(EVENT_WORDS)),)))
    return AllOf(children=tuple(children))


def ruleset(rule_count: int, seed: int = 11) -> RuleSet:
    """``rule_count`` monitoring rules over a gazetteer that grows with them (more rules, more things watched).

    Sizes are comparable: every watched place has ``RULES_PER_PLACE`` rules at every size,
    and the places the corpus reports on (``PLACES_EN``) are always watched, by the same
    rules (drawn from a generator seeded by place, not by rule count). So an article meets
    the same rules on the places it mentions at 100 rules as at 100,000, matches per article
    stay about equal, and what grows is only what a monitor must pass over: more rules on
    other places, more "any place" rules, and a larger gazetteer (with the accidental hits
    of its short Arabic names).
    """
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    for name_en, name_ar in zip(PLACES_EN, PLACES_AR, strict=True):
        entities[name_en.lower()] = Entity("place", name_en.lower(), (name_en, name_ar))
    while len(entities) < max(len(PLACES_EN), rule_count // RULES_PER_PLACE):
        parts = rng.randint(2, 4)
        syllables = [rng.randrange(len(_SYLLABLES_EN)) for _ in range(parts)]
        latin = "".join(_SYLLABLES_EN[s] for s in syllables).capitalize()
        arabic = "".join(_SYLLABLES_AR[s] for s in syllables)
        entities.setdefault(latin.lower(), Entity("place", latin.lower(), (latin, arabic)))
    # The reported places first, then the others in a shuffled order; each is dealt RULES_PER_PLACE rules in turn.
    reported = [name.lower() for name in PLACES_EN]
    others = [i for i in entities if i not in reported]
    rng.shuffle(others)
    watched = reported + others
    rules = []
    dealt = 0
    for index in range(rule_count):
        if rng.random() < 0.05:
            # "any place" rules pinned by a specific multi-word phrase
            phrase = Phrase(text=" ".join(rng.sample(EVENT_WORDS[:60], 2)))
            when = AllOf(children=(EntityRef(type="place"), AllOf(children=(phrase,), near="place")))
        else:
            place_id = watched[(dealt // RULES_PER_PLACE) % len(watched)]
            place_rng = random.Random(f"{seed}:{place_id}:{dealt % RULES_PER_PLACE}")
            when = _place_rule(place_id, 0.05 + 0.95 * place_rng.random(), place_rng)
            dealt += 1
        rules.append(Rule(id=f"rule-{index}", title="{place}: event", when=when, group_by=("place",)))
    return RuleSet(rules=tuple(rules), entities={"place": entities})
