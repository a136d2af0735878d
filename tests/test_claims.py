"""Who did what to which place: `control:` in the rule language, claims read from articles, known control."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.articles.model import Article
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import check_rules, load_rules, load_rules_text
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Claim

ROOT = Path(__file__).resolve().parent.parent

RULES = """\
entities:
  place:
    homs: [Homs, حمص]
    hama: [Hama, حماة]
  actor:
    hts: [HTS, هيئة تحرير الشام]
    army: [Syrian army, government forces, قوات النظام, الجيش السوري]
    opposition: [rebels, insurgents, الفصائل]
lists:
  gained: [captured, recaptured, seized, entered, fell to, took control of, "*سيطر*", دخل*]
  lost: [withdrew, pulled out of, handing, انسحب*, انسحاب]
  denial: [denied, نفت, نفي]
rules:
  - id: control
    title: "{place} changes hands"
    when:
      all:
        - entity: place
        - any: [{list: gained}, {list: lost}]
          near: place
          window: 8
    control:
      gained: {list: gained}
      lost: {list: lost}
  - id: denied
    title: "{place}: denied"
    when:
      all:
        - entity: place
        - any: [{list: denial}]
          near: place
    control:
      denied: {list: denial}
"""


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    return compile_rules(load_rules_text(RULES))


def claims(compiled: CompiledRules, body: str, rule: str = "control") -> list[Claim]:
    return [m.claim for m in match_article(compiled, Article(id="a", title="", body=body)) if m.rule == rule]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # active: the actor before the verb
        ("HTS fighters captured Homs on Saturday.", Claim("homs", winner="hts")),
        # passive: the actor after the verb
        ("Hama fell to the insurgents late on Thursday.", Claim("hama", winner="opposition")),
        # withdrawal: only the loser is named
        ("Government forces withdrew from Homs overnight.", Claim("homs", loser="army")),
        # both, each next to its own verb
        (
            "Rebels entered Hama after the Syrian army pulled out of the city.",
            Claim("hama", winner="opposition", loser="army"),
        ),
        # Arabic verb-subject order, and a masdar followed by its actor
        (
            "سيطرت هيئة تحرير الشام على مدينة حمص بعد انسحاب قوات النظام منها.",
            Claim("homs", winner="hts", loser="army"),
        ),
        ("الجيش السوري انسحب من حماة.", Claim("hama", loser="army")),
        # nobody named: a change, winner and loser unknown
        ("Homs fell to the advance on Sunday.", Claim("homs")),
    ],
)
def test_claims_name_the_winner_and_the_loser(compiled: CompiledRules, body: str, expected: Claim) -> None:
    assert claims(compiled, body) == [expected]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an actor in another clause is not the one next to the verb
        (
            "HTS took control of Homs overnight after government forces withdrew.",
            Claim("homs", winner="hts", loser="army"),
        ),
        (
            "Rebels captured Homs as government forces pulled out of the city.",
            Claim("homs", winner="opposition", loser="army"),
        ),
        # "from X" after a gain names the loser; "to X" after a loss names the winner
        (
            "The Syrian army recaptured Homs from the rebels on Sunday.",
            Claim("homs", winner="army", loser="opposition"),
        ),
        ("Rebels withdrew from Hama, handing it to HTS.", Claim("hama", winner="hts", loser="opposition")),
        # "led by" and "and" keep two parties apart
        ("Rebels led by HTS captured Homs.", Claim("homs", winner="hts")),
        # «من» past a word for a party's men («من عناصر هيئة تحرير الشام») names the loser, and so does
        # the party coordinated with it (neither is the winner)
        (
            "أعلنت الفصائل في بيان مطول أنها سيطرت على مدينة حمص من عناصر هيئة تحرير الشام.",
            Claim("homs", winner="opposition", loser="hts"),
        ),
        ("سيطرت أمس على مدينة حمص من الفصائل وقوات النظام.", Claim("homs", loser="opposition")),
        # and so does «من» past a word for a party's hold: from the hands, the grip of
        ("سيطرت أمس على مدينة حمص من أيدي هيئة تحرير الشام.", Claim("homs", loser="hts")),
        ("سيطرت أمس على مدينة حمص من قبضة الفصائل.", Claim("homs", loser="opposition")),
        # "units of the army" is no "from"; a possessive after the place describes it
        ("دخلت وحدات من الجيش السوري مدينة حمص.", Claim("homs", winner="army")),
        ("Homs was captured on Sunday, the Syrian army's last stronghold.", Claim("homs")),
        # "the city" in a later sentence is the place named last
        (
            "Government forces withdrew from Hama overnight. By dawn HTS fighters had entered the city.",
            Claim("hama", winner="hts", loser="army"),
        ),
    ],
)
def test_clauses_prepositions_and_noun_phrases(compiled: CompiledRules, body: str, expected: Claim) -> None:
    assert claims(compiled, body) == [expected]


def test_the_first_of_two_mentions_names_the_party_in_english(compiled: CompiledRules) -> None:
    rules = compile_rules(load_rules([ROOT / "rules"]))
    [claim] = [
        m.claim
        for m in match_article(
            rules, Article(id="a", title="", body="Turkish-backed Syrian rebels seized Manbij on Monday.")
        )
        if m.claim
    ]
    assert claim.winner == "sna"


def test_the_city_is_the_place_named_last(compiled: CompiledRules) -> None:
    body = "Government forces withdrew from Hama. Rebels then captured Homs and entered the city."
    assert sorted(claims(compiled, body), key=lambda c: c.place) == [
        Claim("hama", loser="army"),
        Claim("homs", winner="opposition"),
    ]


def test_the_city_before_a_name_introduces_that_name(compiled: CompiledRules) -> None:
    # "the city of Hama" names Hama: it does not refer back to Homs, so Homs loses no one here.
    body = "Rebels entered Homs on Friday. Government forces withdrew from the city of Hama."
    assert sorted(claims(compiled, body), key=lambda c: c.place) == [
        Claim("hama", loser="army"),
        Claim("homs", winner="opposition"),
    ]


def test_each_place_gets_its_own_claim(compiled: CompiledRules) -> None:
    body = "HTS captured Homs. In the south, government forces withdrew from Hama."
    assert sorted(claims(compiled, body), key=lambda c: c.place) == [
        Claim("hama", loser="army"),
        Claim("homs", winner="hts"),
    ]


def test_an_actor_in_another_sentence_is_not_the_winner(compiled: CompiledRules) -> None:
    assert claims(compiled, "HTS held a rally. Homs fell to the advance.") == [Claim("homs")]


def test_a_change_naming_no_party_is_won_by_the_party_the_article_names_gaining(compiled: CompiledRules) -> None:
    # "Taliban capture Kunduz … the militants captured Sar-e-Pul": the gain told elsewhere names the winner
    body = "HTS captured Homs on Sunday. By evening the fighters had also captured Hama."
    assert sorted(claims(compiled, body), key=lambda c: c.place) == [
        Claim("hama", winner="hts"),
        Claim("homs", winner="hts"),
    ]
    # never the party the place was taken from, and a loss alone names no winner
    body = "HTS captured Homs from government forces. Hama was captured from government forces too."
    assert [c for c in claims(compiled, body) if c.place == "hama"] == [Claim("hama", winner="hts", loser="army")]
    assert claims(compiled, "HTS held a rally. Government forces withdrew from Hama.") == [Claim("hama", loser="army")]


def test_a_denial_is_a_claim_of_its_own(compiled: CompiledRules) -> None:
    found = claims(compiled, "The Syrian army denied that it withdrew from Hama.", rule="denied")
    assert found == [Claim("hama", denial=True, denied_by="army")]


def test_claims_travel_with_the_match_and_key_one_story_per_place(compiled: CompiledRules) -> None:
    article = Article(id="a", title="", body="The Syrian army denied that it withdrew from Hama.")
    found = {m.rule: m for m in match_article(compiled, article)}
    assert found["control"].story_key == found["denied"].story_key == "control|place=hama"
    restored = type(found["control"]).from_dict(found["control"].to_dict())
    assert restored == found["control"] and restored.claim == Claim("hama", loser="army")


def test_rule_without_control_has_no_claim_and_its_own_story_key() -> None:
    compiled = compile_rules(
        load_rules_text(
            RULES.split("rules:")[0]
            + """rules:
  - id: plain
    title: t
    when: {all: [{entity: place}, captured]}
    group_by: [place]
"""
        )
    )
    [match] = match_article(compiled, Article(id="a", title="", body="HTS captured Homs."))
    assert match.claim is None and match.story_key == "plain|place=homs"


def test_control_groups_by_its_place(compiled: CompiledRules) -> None:
    assert [r.rule.group_by for r in compiled.rules] == [("place",), ("place",)]


def problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    ruleset, found = check_rules([tmp_path])
    assert ruleset is None
    return [str(p).replace(str(tmp_path) + "/", "") for p in found]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        (
            "      gained: {list: gained}\n      lost: {list: lost}\n",
            "      window: 4\n",
            "rules.yaml:23:7: error: rule 'control': 'control' needs at least one of gained, lost, denied",
        ),
        (
            "      gained: {list: gained}\n",
            "      gained: {regex: 'took'}\n",
            "rules.yaml:23:15: error: rule 'control': 'gained' takes words, phrases and lists only",
        ),
        (
            "      gained: {list: gained}\n",
            "      gained: {list: gained}\n      actor: faction\n",
            "rules.yaml:24:14: error: rule 'control': unknown entity type 'faction'",
        ),
        (
            "      gained: {list: gained}\n",
            "      gained: {list: gained}\n      sevrity: high\n",
            "rules.yaml:24:7: error: unknown key 'sevrity' in 'control' of rule 'control'",
        ),
        (
            "    control:\n      gained",
            "    group_by: [actor]\n    control:\n      gained",
            "rules.yaml:22:15: error: rule 'control': a rule with 'control' groups by its place only (hint: group_by: [place])",
        ),
    ],
)
def test_control_problems_are_reported_where_they_are(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    assert replace in RULES
    found = problems(tmp_path, RULES.replace(replace, by, 1))
    assert any(line.startswith(expected) for line in found), found


KNOWN = (
    RULES.split("rules:")[0]
    + """known_control:
  as_of: 2024-11-26
  places:
    homs: army
    hama: rebels
    hims: army
"""
)


def test_known_control_problems_name_the_line(tmp_path: Path) -> None:
    found = problems(tmp_path, KNOWN)
    assert any(p.startswith("rules.yaml:17:11: error: unknown actor 'rebels'") for p in found), found
    assert any(p.startswith("rules.yaml:18:5: error: unknown place 'hims'") for p in found), found
    bad_date = problems(
        tmp_path, KNOWN.replace("2024-11-26", "26/11/2024").replace("hama: rebels\n    hims: army\n", "")
    )
    assert bad_date == [
        "rules.yaml:14:10: error: '26/11/2024' is not a date (hint: write it as 2024-11-26 or 2024-11-26T16:40:00Z)"
    ]


def test_shipped_known_control_loads() -> None:
    known = load_rules([ROOT / "rules"]).known_control
    assert known["homs"].actor == "army" and known["idlib"].actor == "hts" and known["raqqa"].actor == "sdf"
    assert known["homs"].since == datetime(2024, 11, 26, tzinfo=UTC)


def test_a_party_with_countries_is_no_party_elsewhere() -> None:
    shipped = compile_rules(load_rules([ROOT / "rules"]))

    def claim(body: str, place: str) -> Claim | None:
        found = [m.claim for m in match_article(shipped, Article(id="a", title="", body=body)) if m.claim]
        return next((c for c in found if c.place == place), None)

    # In Syria the unqualified «الجيش الوطني» is the Syrian National Army; in Aden it is Yemen's own army.
    syria = claim("سيطر الجيش الوطني على مدينة عفرين شمال سوريا بعد معارك عنيفة.", "afrin")
    assert syria is not None and syria.winner == "sna"
    yemen = claim("سيطر الجيش الوطني على مدينة عدن في اليمن بعد معارك عنيفة.", "aden")
    assert yemen is not None and yemen.winner == "yemen-government"
    # «الجيش» alone is Syria's only: in Kharkiv the claim is still a claim, and names no winner rather than
    # the wrong one.
    ukraine = claim("دخل الجيش مدينة خاركيف في أوكرانيا بعد معارك عنيفة.", "kharkiv")
    assert ukraine is not None and ukraine.winner is None


def test_a_generic_name_stands_for_the_one_party_the_article_names_by_it() -> None:
    refined = RULES.replace("hts: [HTS, هيئة تحرير الشام]", "hts: [HTS, HTS rebels, هيئة تحرير الشام]").replace(
        "army: [Syrian army,", "army: [Syrian army, Free Syrian rebels, the army,"
    )
    compiled = compile_rules(load_rules_text(refined))
    # "the rebels" of a report that names the HTS rebels are the HTS
    [claim] = claims(compiled, "The HTS rebels advanced on Friday. Homs fell to the rebels on Saturday.")
    assert claim.winner == "hts"
    # not when the article names none of them, nor when it names two
    [claim] = claims(compiled, "Homs fell to the rebels on Saturday.")
    assert claim.winner == "opposition"
    [claim] = claims(compiled, "HTS rebels and Free Syrian rebels advanced. Homs fell to the rebels on Saturday.")
    assert claim.winner == "opposition"
    # nor a party named as the one that lost the place
    [claim] = claims(compiled, "Rebels captured Homs from HTS rebels after a week of fighting.")
    assert claim.winner == "opposition"


def test_government_forces_are_those_of_the_places_country() -> None:
    shipped = compile_rules(load_rules([ROOT / "rules"]))

    def winner(body: str, place: str) -> str | None:
        found = [m.claim for m in match_article(shipped, Article(id="a", title="", body=body)) if m.claim]
        return next((c.winner for c in found if c.place == place), None)

    # One name, listed by several national forces each with its country: the place's country says whose.
    assert winner("Government forces recaptured the town of Sinja in Sudan on Saturday.", "singa") == "saf"
    assert winner("Government forces recaptured the town of Kidal in Mali on Tuesday.", "kidal") == "malian-army"
    assert winner("Government forces recaptured the city of Hama in Syria on Monday.", "hama") == "army"
    assert winner("استعادت القوات الحكومية السيطرة على مدينة ترهونة في ليبيا.", "tarhuna") == "gna"


def test_a_name_two_parties_share_where_both_fight_names_neither() -> None:
    shared = RULES.replace("hts: [HTS, هيئة تحرير الشام]", "hts: [HTS, the coalition]").replace(
        "opposition: [rebels, insurgents, الفصائل]", "opposition: [rebels, insurgents, الفصائل, the coalition]"
    )
    compiled = compile_rules(load_rules_text(shared))
    [claim] = claims(compiled, "The coalition captured Homs after a week of fighting.")
    assert claim.place == "homs" and claim.winner is None
    [claim] = claims(compiled, "HTS captured Homs after a week of fighting.")
    assert claim.winner == "hts"


def test_countries_of_an_entity_must_be_country_codes(tmp_path: Path) -> None:
    found = problems(
        tmp_path, RULES.replace("hts: [HTS, هيئة تحرير الشام]", "hts: {countries: [SY, XY], aliases: [HTS]}")
    )
    assert found == [
        "rules.yaml:6:27: error: entity 'actor/hts': unknown country code 'XY'"
        " (hint: use ISO 3166-1 alpha-2 codes such as SY, YE, UA)"
    ], found
    lower = RULES.replace("hts: [HTS, هيئة تحرير الشام]", "hts: {countries: [sy], aliases: [HTS]}")
    hts = load_rules_text(lower).entity("actor", "hts")
    assert hts is not None and hts.countries == ("SY",)


# Parties named by their relation to another: the rules say who the Houthis' opponents are, and who fights
# beside Wagner in Mali; the Houthis list no allies.
SIDES = """\
entities:
  place:
    aden: [Aden, عدن]
    kidal: [Kidal, كيدال]
  actor:
    houthis: {opponents: [government], aliases: [Houthis, Houthi, الحوثيين, الحوثيون]}
    government: [government forces, القوات الحكومية]
    coalition: [the coalition, التحالف]
    wagner: {allies: [malian-army], aliases: [Wagner, فاغنر]}
    malian-army: [Malian army, الجيش المالي]
lists:
  gained: [captured, entered, took control of, now under, "*سيطر*", دخل*, تحرير]
  lost: [withdrew, pulled out of, no longer under, خرجت عن سيطرة, انسحب*, انسحاب]
rules:
  - id: control
    title: "{place} changes hands"
    when:
      all:
        - entity: place
        - any: [{list: gained}, {list: lost}]
          near: place
    control:
      gained: {list: gained}
      lost: {list: lost}
"""


@pytest.fixture(scope="module")
def sides() -> CompiledRules:
    return compile_rules(load_rules_text(SIDES))


@pytest.mark.parametrize(
    ("body", "winner", "loser"),
    [
        # opponents: the party the named one lists, never the named one
        ("Anti-Houthi tribesmen captured Aden on Friday.", "government", None),
        ("Fighters opposed to the Houthis entered Aden at dawn.", "government", None),
        ("The Houthis' opponents took control of Aden.", "government", None),
        ("سيطرت القوات المناهضة للحوثيين على مدينة عدن فجر اليوم.", "government", None),
        ("دخل مقاتلون معادون للحوثيين مدينة عدن.", "government", None),
        # their own men: the named party
        ("Pro-Houthi fighters captured Aden on Friday.", "houthis", None),
        ("Forces loyal to the Houthis entered Aden.", "houthis", None),
        ("سيطرت القوات الموالية للحوثيين على مدينة عدن.", "houthis", None),
        ("سيطرت الوحدات التابعة للحوثيين على مدينة عدن.", "houthis", None),
        # allies none listed: a party nobody names, not the Houthis (nor a party further away)
        ("Houthi-backed fighters captured Aden, the coalition said.", None, None),
        ("Fighters allied with the Houthis captured Aden.", None, None),
        ("سيطرت القوات المتحالفة مع الحوثيين على مدينة عدن.", None, None),
        # allies listed: the one that fights at the place
        ("Fighters backed by Wagner captured Kidal.", "malian-army", None),
        ("سيطرت القوات المدعومة من فاغنر على مدينة كيدال.", "malian-army", None),
        # beside another party's name the phrase describes it
        ("Government forces backed by the coalition captured Aden.", "government", None),
        ("سيطرت القوات الحكومية المدعومة من التحالف على مدينة عدن.", "government", None),
        ("دخلت مدينة عدن القوات الحكومية بدعم من التحالف.", "government", None),
        # "from" before the phrase's head noun: the party so named lost the place
        ("Government forces captured Aden from fighters loyal to the Houthis.", "government", "houthis"),
        ("The coalition captured Aden from opponents of the Houthis.", "coalition", "government"),
        # a name without such words is its party, also with "backed by" as a verb's
        ("The Houthis, backed by the coalition, captured Aden.", "houthis", None),
        ("Houthi fighters withdrew from Aden.", None, "houthis"),
    ],
)
def test_a_party_named_by_its_relation_to_another(sides: CompiledRules, body: str, winner: str, loser: str) -> None:
    [claim] = claims(sides, body)
    assert (claim.winner, claim.loser) == (winner, loser), claim


@pytest.mark.parametrize(
    ("body", "winner", "loser"),
    [
        # the hold a place leaves: the party that lost it, not the winner
        ("أعلنت القوات الحكومية تحرير مدينة عدن من سيطرة الحوثيين.", "government", "houthis"),
        ("تم تحرير مدينة عدن من سيطرة الحوثيين بالكامل.", None, "houthis"),
        ("وقالت مصادر إن مدينة عدن خرجت عن سيطرة الحوثيين مساء أمس.", None, "houthis"),
        ("Government forces captured Aden from Houthi control on Sunday.", "government", "houthis"),
        ("Government forces captured Aden from the control of the Houthis.", "government", "houthis"),
        ("أعلنت القوات الحكومية تحرير مدينة عدن من احتلال الحوثيين.", "government", "houthis"),
        ("Government forces captured Aden from Houthi occupation.", "government", "houthis"),
        ("Aden is no longer under Houthi control, residents said.", None, "houthis"),
        # the hold a place is in: no winner; the loser when another party gained the place
        ("دخلت القوات الحكومية مدينة عدن الخاضعة لسيطرة الحوثيين.", "government", "houthis"),
        ("دخلت القوات الحكومية مدينة عدن التي يسيطر عليها الحوثيون منذ أشهر.", "government", "houthis"),
        ("سيطرت القوات الحكومية على مدينة عدن التي كانت تحت سيطرة الحوثيين.", "government", "houthis"),
        ("Aden, under Houthi control since March, was captured by government forces.", "government", "houthis"),
        ("The Houthi-held city of Aden was captured by government forces.", "government", "houthis"),
        ("Government forces entered Aden, held by the Houthis since March.", "government", "houthis"),
        ("المدينة التي تخضع لسيطرة الحوثيين شهدت اشتباكات في محيط عدن.", None, None),
        # a party coordinated with the one named by its hold shares it, also past a first conjunct no actor names
        ("أعلنت القوات الحكومية تحرير مدينة عدن من سيطرة الحوثيين والتحالف.", "government", "houthis"),
        ("أعلنت القوات الحكومية تحرير مدينة عدن من قبضة المخلوع والحوثيين.", "government", "houthis"),
        ("Government forces captured Aden from the control of Saleh and the Houthis.", "government", "houthis"),
        # a hold that is new is a change: "now under", «باتت … تحت سيطرة» (became)
        ("Aden is now under the control of the Houthis.", "houthis", None),
        ("وفي عدن باتت المقار الحكومية تحت سيطرة الحوثيين.", "houthis", None),
    ],
)
def test_a_party_named_by_its_hold_on_the_place(sides: CompiledRules, body: str, winner: str, loser: str) -> None:
    [claim] = claims(sides, body)
    assert (claim.winner, claim.loser) == (winner, loser), claim


def test_opponents_and_allies_name_parties_of_the_same_type(tmp_path: Path) -> None:
    found = problems(tmp_path, SIDES.replace("opponents: [government]", "opponents: [govenment]"))
    assert found == ["rules.yaml:6:27: error: unknown actor 'govenment' (hint: did you mean 'government'?)"], found
    houthis = load_rules_text(SIDES).entity("actor", "houthis")
    assert houthis is not None and houthis.opponents == ("government",) and houthis.allies == ()


def test_opponents_in_the_shipped_rules_are_the_places_parties() -> None:
    shipped = compile_rules(load_rules([ROOT / "rules"]))

    def winner(body: str) -> str | None:
        found = [m.claim for m in match_article(shipped, Article(id="a", title="", body=body)) if m.claim]
        return next((c.winner for c in found if c.place == "aden"), None)

    assert winner("قالت مصادر إن القوات المناهضة للحوثيين سيطرت على مدينة عدن.") == "yemen-government"
    assert winner("Anti-Houthi tribal fighters captured Aden on Friday.") == "yemen-government"
    assert winner("Fighters loyal to the Houthis captured Aden on Friday.") == "houthis"


def test_the_houthi_rebels_in_arabic_are_the_houthis() -> None:
    shipped = compile_rules(load_rules([ROOT / "rules"]))
    body = "أعلنت الحكومة اليمنية تحرير مدينة عدن من المتمردين الحوثيين بعد أشهر من المعارك."
    [claim] = [m.claim for m in match_article(shipped, Article(id="a", title="", body=body)) if m.claim]
    assert (claim.place, claim.winner, claim.loser) == ("aden", None, "houthis"), claim


@pytest.fixture(scope="module")
def shipped() -> CompiledRules:
    return compile_rules(load_rules([ROOT / "rules"]))


@pytest.mark.parametrize(
    ("body", "place", "winner"),
    [
        # the control word of «التي يسيطر عليها» is a state even where its party stands past a name no actor has
        (
            "أفادت وكالة الأنباء بأن وحدات من الجيش السوري دخلت مدينة منبج التي يسيطر عليها مجلس منبج العسكري"
            " التابع لقوات سوريا الديمقراطية.",
            "manbij",
            "army",
        ),
        # in Sudan the bare army word is the Sudanese army, as it is the Syrian army in Syria
        ("الجيش يبسط سيطرته على الدندر بعد معارك مع الدعم السريع.", "ad-dindar-sd", "saf"),
        ("سيطر الجيش على مدينة حمص بعد انسحاب الفصائل.", "homs", "army"),
        # the short name Arabic news gives the Syrian National Army
        ("بسط الوطني السوري سيطرته على كامل منبج.", "manbij", "sna"),
        # a name shared with a party that fights anywhere belongs to the one that says it fights at the place
        ("The insurgents captured Ghazni city on Thursday.", "ghazni", "taliban"),
        ("Insurgents captured Hama on Thursday.", "hama", "opposition"),
        # who speaks for a side, and the groupings its reports name
        ("The Russian defence ministry announced the capture of Pokrovsk.", "pokrovsk", "russian-forces"),
        (
            "Units of the Battlegroup Center liberated the town of Selydove, officials said.",
            "selydove",
            "russian-forces",
        ),
        ("Ukraine's General Staff said its units had retaken Kupiansk.", "kupyansk", "ukrainian-forces"),
    ],
)
def test_winners_in_the_shipped_rules(shipped: CompiledRules, body: str, place: str, winner: str) -> None:
    found = [m.claim for m in match_article(shipped, Article(id="a", title="", body=body)) if m.claim]
    assert [(c.place, c.winner) for c in found] == [(place, winner)], found
