"""One Homs story as ten articles from five outlets, two of which republish the third's wire copy.

Shared by the alerting and delivery tests. The matches come from the real
matcher, with the fingerprint the match stage attaches.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from streams.alerting.alert import Alert
from streams.alerting.similarity import with_fingerprint
from streams.alerting.story import StoryPolicy, apply_match, expire
from streams.articles.model import Article
from streams.ruleset.compiler import compile_rules
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match
from streams.ruleset.model import (
    AllOf,
    Entity,
    EntityRef,
    ListRef,
    Phrase,
    PhraseList,
    Rule,
    RuleSet,
    Severity,
)

START = datetime(2024, 12, 7, 18, 0, tzinfo=UTC)
WIRE, ORONTES, GULF, HOMS_TODAY, SHAM = "Levant Wire", "Daily Orontes", "Gulf Observer", "Homs Today", "Al-Sham Radio"

RULE = Rule(
    id="city-control-change",
    title="{place}: control changing hands",
    severity=Severity.high,
    when=AllOf(children=(EntityRef(type="place"), ListRef(name="control", near="place", window=12))),
    group_by=("place",),
    cooldown=timedelta(hours=6),
    window=timedelta(hours=24),
    corroboration=(1, 3, 10),
    notify=("ops-webhook",),
)
RULESET = RuleSet(
    rules=(RULE,),
    entities={"place": {"homs": Entity("place", "homs", ("Homs", "Hims", "حمص"), name="Homs")}},
    lists={
        "control": PhraseList(
            "control",
            tuple(
                Phrase(text=t)
                for t in ("entered", "seized", "captur*", "withdrew from", "دخلت", "*سيطر*", "انسحاب", "انسحبت")
            ),
        )
    },
)

_WIRE_1 = (
    "Opposition fighters entered the central Syrian city of Homs on Saturday evening after government forces "
    "withdrew from their positions around the city, according to residents and a military source. Columns of "
    "pickup trucks moved along the main highway from the north while crowds gathered in Clock Square. The army "
    "said its units had been redeployed to protect civilians. Homs, Syria's third largest city, links Damascus "
    "with the coast, and its loss would cut the capital off from the Alawite heartland."
)
_WIRE_2 = (
    "Rebel commanders said on Sunday they had seized the military academy and the central prison in Homs, freeing "
    "hundreds of detainees, as the last government units withdrew from the city towards the coast. Residents "
    "described the streets as calm but tense, with shops shuttered and checkpoints abandoned. A spokesman for the "
    "opposition operations room urged fighters not to harm state institutions and asked civil servants to return "
    "to work on Monday."
)
_OWN_1 = (
    "Armed opposition groups captured Homs overnight, moving first through the Waer district and the Baba Amr "
    "neighbourhood, residents told this newspaper. Families who fled in 2014 were already calling relatives to "
    "ask whether their homes still stood. Electricity was cut across most of the city and bakeries were closed."
)
_ARABIC_1 = (
    "دخلت فصائل المعارضة المسلحة مدينة حمص مساء السبت بعد انسحاب قوات النظام من مواقعها في محيط المدينة، "
    "وأفاد شهود عيان بأن المقاتلين انتشروا في ساحة الساعة وسط ترحيب الأهالي، فيما أعلن مصدر عسكري أن الوحدات "
    "أعيد تموضعها خارج المدينة حفاظا على أرواح المدنيين."
)


def articles() -> list[tuple[timedelta, Article]]:
    """(arrival after START, article), in arrival order."""

    def article(slug: str, source: str, title: str, body: str, minutes: int) -> tuple[timedelta, Article]:
        return timedelta(minutes=minutes), Article.create(
            title=title, body=body, url=f"https://{source.lower().replace(' ', '-')}.example/{slug}", source=source
        )

    return [
        article("homs-entered", WIRE, "Opposition fighters enter Homs as army withdraws", _WIRE_1, 0),
        article(
            "wire-homs", ORONTES, "Rebels enter Homs, army pulls back",
            "HOMS, Syria (Levant Wire) - " + _WIRE_1 + " Daily Orontes will update this story.", 10,
        ),
        article("homs-waer", HOMS_TODAY, "Opposition captures Homs overnight", _OWN_1, 15),
        article("syria-homs", GULF, "Syria: opposition fighters enter Homs", _WIRE_1, 20),
        article("homs-ar", SHAM, "فصائل المعارضة تدخل حمص", _ARABIC_1, 30),
        article(
            "homs-waer-update", HOMS_TODAY, "Update: opposition captures Homs overnight",
            _OWN_1 + " Update: the governor's office confirmed the district had changed hands.", 40,
        ),
        article("homs-prison", WIRE, "Rebels say they seized Homs prison and academy", _WIRE_2, 50),
        article("wire-homs-prison", ORONTES, "Homs prison seized, detainees freed", "(Levant Wire) " + _WIRE_2, 55),
        article("homs-prison-seized", GULF, "Rebels seize Homs prison", _WIRE_2.replace("Sunday", "Sunday at"), 60),
        article(
            "homs-ar-update", SHAM, "فصائل المعارضة تسيطر على حمص",
            _ARABIC_1 + " وتسيطر الفصائل الآن على معظم أحياء المدينة.", 70,
        ),
    ]  # fmt: skip


def matches() -> list[tuple[datetime, Match]]:
    """(arrival time, match) for the ten articles, as the match stage would write them."""
    compiled = compile_rules(RULESET)
    result = []
    for after, article in articles():
        found = match_article(compiled, article)
        assert len(found) == 1, (article.title, found)
        result.append((START + after, with_fingerprint(found[0], article)))
    return result


def alerts() -> list[Alert]:
    """Every alert revision the story sends: opened, escalated, and resolved after its window."""
    story, sent = None, []
    for now, match in matches():
        story, new = apply_match(story, match, StoryPolicy.of(RULE), now)
        sent += new
    assert story is not None
    resolved = expire(story, story.ends_at)
    assert resolved is not None
    return [*sent, resolved]
