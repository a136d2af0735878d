"""The matching engine, construct by construct, on rule sets built directly from the model."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.articles.model import Article
from streams.ruleset import matcher
from streams.ruleset.compiler import SET_PATTERNS, RegexSet, RegexSets, compile_regex, compile_rules
from streams.ruleset.matcher import match_article
from streams.ruleset.model import (
    AllOf,
    AnyOf,
    ArticleFilter,
    Condition,
    ControlSpec,
    Entity,
    EntityRef,
    ListRef,
    NoneOf,
    Phrase,
    PhraseList,
    Regex,
    Rule,
    RuleSet,
    Severity,
)
from tests.fuzzing import FUZZ

PLACES = {
    "homs": Entity("place", "homs", ("Homs", "Hims", "حمص")),
    "hama": Entity("place", "hama", ("Hama", "Hamah", "حماة")),
    "damascus": Entity("place", "damascus", ("Damascus", "دمشق")),
    "raqqa": Entity("place", "raqqa", ("Raqqa", "الرقة"), name="Raqqa"),
    "deir-ez-zor": Entity("place", "deir-ez-zor", ("Deir ez-Zor", "Deir al-Zour", "دير الزور"), name="Deir ez-Zor"),
}
ACTORS = {
    "army": Entity("actor", "army", ("Syrian army", "government forces", "الجيش السوري")),
    "hts": Entity("actor", "hts", ("HTS", "Hayat Tahrir al-Sham", "هيئة تحرير الشام")),
}
CAPTURE = PhraseList(
    "capture",
    tuple(Phrase(text=t) for t in ("captur*", "seized", "entered", "*سيطر*", "توغل*", "انسحاب", "withdrew from")),
)


def rule(when: Condition, **kwargs: object) -> Rule:
    values: dict = {"id": "r", "title": "{place}: control", "group_by": ("place",)} | kwargs
    return Rule(when=when, **values)


def matches(when: Condition, body: str, title: str = "", **kwargs: object) -> list:
    ruleset = RuleSet(
        rules=(rule(when, **kwargs),), entities={"place": PLACES, "actor": ACTORS}, lists={"capture": CAPTURE}
    )
    return match_article(compile_rules(ruleset), Article.create(title=title, body=body))


def places(when: Condition, body: str, title: str = "") -> list[str]:
    return sorted(m.bindings.get("place", "") for m in matches(when, body, title))


CONTROL = AllOf(children=(EntityRef(type="place"), ListRef(name="capture", near="place", window=6)))


def test_word_boundaries_in_latin() -> None:
    assert places(EntityRef(type="place"), "Homestead and Homsville are in Texas") == []
    assert places(EntityRef(type="place"), "(Homs)") == ["homs"]


def test_arabic_clitics_and_whole_words() -> None:
    assert places(EntityRef(type="place"), "وبحمص اشتباكات") == ["homs"]
    assert places(EntityRef(type="place"), "ولحماة") == ["hama"]
    # حمص must not match inside an unrelated longer word, nor with a suffix.
    assert places(EntityRef(type="place"), "مصنع الحمصاني وحمصي") == []


def test_clitics_fa_and_ka_on_entities() -> None:
    assert places(EntityRef(type="place"), "فحمص هادئة") == ["homs"]
    assert places(EntityRef(type="place"), "كحمص وحماة") == ["hama", "homs"]
    assert places(EntityRef(type="place"), "فبحمص اشتباكات") == ["homs"]  # ف then ب
    assert places(EntityRef(type="place"), "فلحماة") == ["hama"]
    # A clitic does not license a suffix: still not the city.
    assert places(EntityRef(type="place"), "كحمصي فحمصي") == []


def test_clitics_on_list_words() -> None:
    assert places(CONTROL, "بانسحاب القوات من حمص") == ["homs"]
    assert places(CONTROL, "فبانسحاب القوات من حمص") == ["homs"]
    assert places(CONTROL, "وبانسحاب الجيش من حماة") == ["hama"]
    assert places(CONTROL, "فانسحاب القوات من حمص") == ["homs"]
    assert places(CONTROL, "كحمص بعد انسحاب الجيش") == ["homs"]  # clitic on the entity, list word bare
    assert places(CONTROL, "فتوغلت الفصائل في حمص") == ["homs"]  # ف before a wildcard list word


def test_alias_written_with_the_article_needs_it_in_the_text() -> None:
    assert places(EntityRef(type="place"), "دخلوا الرقة") == ["raqqa"]
    assert places(EntityRef(type="place"), "من والرقة وللرقة") == ["raqqa"]
    assert places(EntityRef(type="place"), "كتب على ورقة") == []  # paper, not Raqqa


def test_actor_alias_with_article_matches_with_preposition() -> None:
    found = matches(EntityRef(type="actor"), "قصف مدفعي للجيش السوري", title="")
    assert [m.bindings for m in found] == [{"actor": "army"}]


def test_wildcards() -> None:
    assert places(CONTROL, "Rebels captured Homs") == ["homs"]
    assert places(CONTROL, "الفصائل تسيطر على حماة") == ["hama"]  # *سيطر* takes the present-tense prefix
    assert places(CONTROL, "وتوغلت الفصائل في حمص") == ["homs"]
    assert places(CONTROL, "Rebels recaptured nothing near the coast; Homs") == []  # captur* needs a word start


def test_multiword_aliases_across_punctuation() -> None:
    assert places(CONTROL, "SDF fighters entered Deir al-Zour city") == ["deir-ez-zor"]
    assert places(CONTROL, "قوات سوريا الديمقراطية توغلت في دير الزور") == ["deir-ez-zor"]


def test_near_binds_the_place_the_action_is_near() -> None:
    body = (
        "Rebels captured Homs on Saturday. Far away, life went on as usual in the capital, "
        "where shops opened and people queued for bread in Damascus."
    )
    assert places(CONTROL, body) == ["homs"]


def test_near_stays_within_a_sentence() -> None:
    assert places(CONTROL, "Rebels captured the airport. Homs was calm") == []
    assert places(CONTROL, "U.S. officials said rebels captured Homs") == ["homs"]
    assert places(CONTROL, "قالت المصادر إن الفصائل سيطرت. حمص هادئة") == []


def test_one_match_per_place() -> None:
    assert places(CONTROL, "Rebels captured Homs. Later they entered Hama.") == ["hama", "homs"]


def test_none_without_entity_vetoes_everything() -> None:
    when = AllOf(children=(CONTROL, NoneOf(children=(Phrase(text="denied"),))))
    assert places(when, "The army denied that rebels captured Homs") == []


def test_none_near_a_place_vetoes_only_that_place() -> None:
    denial = NoneOf(children=(AnyOf(children=(Phrase(text="denied"), Phrase(text="نفى")), near="place", window=6),))
    when = AllOf(children=(CONTROL, denial))
    body = "Rebels captured Hama on Thursday. The army denied that it withdrew from Homs."
    assert places(when, body) == ["hama"]


def test_field_scope() -> None:
    in_title = AllOf(children=(EntityRef(type="place", field="title"), ListRef(name="capture", near="place")))
    assert places(in_title, title="Rebels captured Homs", body="") == ["homs"]
    assert places(in_title, title="Weekly roundup", body="Rebels captured Homs") == []


def test_min_count() -> None:
    twice = AllOf(children=(EntityRef(type="place", min_count=2),))
    assert places(twice, "Homs is calm.") == []
    assert places(twice, "Homs is calm. In Hims, shops opened.") == ["homs"]


def test_specific_entity_ids() -> None:
    only_hama = AllOf(children=(EntityRef(type="place", ids=("hama",)), ListRef(name="capture", near="place")))
    assert places(only_hama, "Rebels captured Homs and entered Hama") == ["hama"]


def test_any_nesting_and_actor_binding() -> None:
    when = AllOf(
        children=(
            EntityRef(type="place"),
            AnyOf(children=(EntityRef(type="actor", near="place", window=8), Phrase(text="fell", near="place"))),
        )
    )
    found = matches(when, "Hayat Tahrir al-Sham fighters are in Hama now")
    assert [m.bindings for m in found] == [{"actor": "hts", "place": "hama"}]


def test_regex_over_normalised_text() -> None:
    # RE2's \b knows only ASCII words; the stream pads every word with spaces instead.
    when = AllOf(children=(EntityRef(type="place"), Regex(pattern=r" \d+ (killed|قتيل|قتلي) ", near="place")))
    assert places(when, "Blast in Homs: ١٢ قتيلاً") == []  # suffix: the regex asked for the bare word
    assert places(when, "انفجار في حمص يوقع ١٢ قتيل") == ["homs"]
    assert places(when, "An explosion in Damascus left 7 killed") == ["damascus"]


# Pieces of regexes over a few letters of both scripts, with the constructs the rules use.
_REGEX_PIECES = st.sampled_from(["a", "b", " ", "ب", "ال", "[ab]", "[^ ]", r"\w", ".", "(a|ب)", "(?P<at>b)", "$", "^"])
_REGEXES = st.lists(
    st.tuples(_REGEX_PIECES, st.sampled_from(["", "?", "*", "+", "{0,2}?", "{2}"])).map(
        lambda p: "".join(map("".join, p))
    ),
    min_size=1,
    max_size=5,
).map("".join)


@FUZZ
@given(st.lists(_REGEXES, min_size=1, max_size=6), st.text(alphabet=" abبالx", max_size=30))
def test_the_regex_set_finds_the_regexes_that_match(patterns: list[str], text: str) -> None:
    # The matcher runs a rule's regex only where the set says it matches: the two must agree.
    regexes = RegexSet.of(patterns)
    assert regexes is not None
    assert regexes.matching(text) == {p for p in patterns if compile_regex(p).search(text)}


def test_regexes_too_large_for_one_set_are_run_one_by_one() -> None:
    # Each of these fits RE2's budget for one regex; a set of ``SET_PATTERNS`` of them (or of all but one) does not.
    large = tuple(Regex(pattern=f" [^ ]{{{900 - i}}} [^ ]{{{900 - i}}} x ") for i in range(SET_PATTERNS * 2 - 1))
    ruleset = RuleSet(rules=(rule(AnyOf(children=(*large, Regex(pattern=" (fell|سقطت) "))), group_by=()),))
    compiled = compile_rules(ruleset)
    assert {compiled.regexes.sets[compiled.regexes.set_of[r.pattern]] for r in large} == {None}
    assert len(match_article(compiled, Article.create(title="", body="The town fell at dawn"))) == 1


def test_the_regexes_a_rule_needs_before_it_is_read_have_a_set_of_their_own() -> None:
    # Whether a rule is read at all is asked of most articles: only the set of its required regexes runs then.
    required, qualifier = " (fell|سقطت) ", " (nearly|almost) "
    when = AllOf(children=(EntityRef(type="place"), Regex(pattern=required, unless=Regex(pattern=qualifier))))
    compiled = compile_rules(RuleSet(rules=(rule(when),), entities={"place": PLACES}))
    assert compiled.regexes.set_of[required] != compiled.regexes.set_of[qualifier]
    assert len(compiled.regexes.sets) == 2 and None not in compiled.regexes.sets
    assert places(when, "Homs fell") == ["homs"]
    assert places(when, "Homs nearly fell") == []
    assert places(when, "Homs held") == []


def test_a_group_of_many_regexes_is_cut_into_sets_and_each_still_finds_its_own() -> None:
    # One large set's DFA keeps building states over fresh text; smaller sets hold a group between them.
    words = [f"w{i}x" for i in range(SET_PATTERNS * 2 + 3)]
    regexes = RegexSets([[f" {word} " for word in words]])
    assert len(regexes.sets) == 3
    assert {regexes.set_of[f" {word} "] for word in words} == {0, 1, 2}
    found = set().union(*(s.matching(" w0x and w20x ") for s in regexes.sets if s is not None))
    assert found == {" w0x ", " w20x "}


def test_a_regex_group_named_at_is_where_the_match_stands() -> None:
    # The verb's object is the word after its first «على»: the places of its subject are context.
    pattern = r" (سيطرت)( [^ ]+){0,6}? علي( مدينه)? (?P<at>[^ ]+) "
    when = AllOf(children=(EntityRef(type="place"), Regex(pattern=pattern, near="place", window=1)))
    assert places(when, "سيطرت فصائل دمشق صباح اليوم على مدينة حمص") == ["homs"]
    assert places(when, "سيطرت فصائل دمشق على تلة قريبة من حمص") == []
    # A match stays in its sentence: no «على» of the next one is the verb's.
    assert places(when, "سيطرت الفصائل. وقال مصدر على مدينة حمص") == []


def test_evidence_offsets_point_into_the_original() -> None:
    body = "قالت مصادر إن الفصائل توغّلت في ح\u200dمـص من جهة الشمال"
    [match] = matches(CONTROL, body, severity=Severity.critical)
    assert match.rule == "r" and match.severity == "critical"
    assert match.rule_title == "Homs: control"
    assert match.group_key == "place=homs"
    texts = {(e.text, e.term, e.entity) for e in match.evidence}
    assert ("توغّلت", "توغل*", None) in texts
    assert ("ح\u200dمـص", "حمص", "place:homs") in texts
    for evidence in match.evidence:
        assert body[evidence.start : evidence.end] == evidence.text
        assert evidence.field == "body"
        assert evidence.text in evidence.snippet


def test_evasion_is_still_matched() -> None:
    assert places(CONTROL, "Rebels cаptured Hоms") == ["homs"]  # Cyrillic а and о
    assert places(CONTROL, "الفصائل تُسَيْطِر على حَمـاة") == ["hama"]
    assert places(CONTROL, "Rebels\u200b captured \u202eHoms\u202c") == ["homs"]


def test_rules_without_occurring_anchor_are_not_evaluated_but_still_correct() -> None:
    ruleset = RuleSet(
        rules=tuple(
            rule(AllOf(children=(EntityRef(type="place", ids=(pid,)), ListRef(name="capture", near="place"))), id=pid)
            for pid in PLACES
        ),
        entities={"place": PLACES},
        lists={"capture": CAPTURE},
    )
    compiled = compile_rules(ruleset)
    found = match_article(compiled, Article.create(title="", body="Rebels seized Hama"))
    assert [m.rule for m in found] == ["hama"]


def test_a_rule_with_no_name_near_its_action_is_not_evaluated(monkeypatch: pytest.MonkeyPatch) -> None:
    evaluated: list[str] = []
    evaluate = matcher.rule_matches

    def counted(item: matcher.CompiledRule, *args: object, **kwargs: object) -> list:
        evaluated.append(item.rule.id)
        return evaluate(item, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher, "rule_matches", counted)
    # The action and the place occur, but never within the window (6 words) nor in one sentence.
    assert (
        places(CONTROL, "Rebels seized the bridge, the radio station and two barracks north of the old town of Homs.")
        == []
    )
    assert places(CONTROL, "Rebels seized the bridge. Homs was quiet.") == []
    assert evaluated == []
    assert places(CONTROL, "Rebels seized the bridge. Then they entered Homs.") == ["homs"]
    assert evaluated == ["r"]
    # A regular expression with `near` is read the same way, where it matched.
    pattern = AllOf(children=(EntityRef(type="place"), Regex(pattern=r" (?P<at>\w+) fell ", near="place", window=1)))
    assert places(pattern, "The bridge fell. Homs was quiet.") == []
    assert evaluated == ["r"]
    assert places(pattern, "The bridge fell, and then Homs fell.") == ["homs"]
    assert evaluated == ["r", "r"]


def test_a_rule_whose_words_and_regexes_are_all_absent_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[matcher.Node] = []
    may_hold = matcher._may_hold

    def counted(node: matcher.Node, scan: matcher.Scan) -> bool:
        read.append(node)
        return may_hold(node, scan)

    monkeypatch.setattr(matcher, "_may_hold", counted)
    action = AnyOf(children=(ListRef(name="capture"), Regex(pattern=r" (fell|سقطت) ")))
    when = AllOf(children=(EntityRef(type="place"), action))
    [required] = [
        g
        for g in compile_rules(RuleSet(rules=(rule(when),), entities={"place": PLACES}, lists={"capture": CAPTURE}))
        .rules[0]
        .required
        if g.patterns
    ]
    assert required.patterns == {r" (fell|سقطت) "} and required.terms
    # A place, but neither a capture word nor the regex: the rule is not read at all.
    assert places(when, "Homs was quiet") == [] and read == []
    assert places(when, "Homs fell") == ["homs"] and read
    assert places(when, "Rebels seized Homs") == ["homs"]


def test_unless_voids_only_qualified_occurrences() -> None:
    qualified = AllOf(
        children=(
            EntityRef(type="place"),
            ListRef(name="capture", near="place", window=8, unless=AnyOf(children=(Phrase(text="outskirts"),))),
        )
    )
    assert places(qualified, "Rebels entered the outskirts of Homs.") == []
    assert places(qualified, "Rebels entered the outskirts of Homs. Later they captured Homs.") == ["homs"]
    # A qualifier after the place does not qualify it.
    assert places(qualified, "Rebels captured Homs, on the outskirts of nothing") == ["homs"]


def test_longest_alias_wins_and_alias_words_are_names() -> None:
    entities = dict(PLACES, rif={"rif": Entity("place", "rif", ("ريف دمشق",))}["rif"])
    ruleset = RuleSet(
        rules=(
            rule(
                AllOf(
                    children=(
                        EntityRef(type="place"),
                        AnyOf(children=(Phrase(text="تحرير"), Phrase(text="انسحاب")), near="place"),
                    )
                )
            ),
        ),
        entities={"place": entities, "actor": ACTORS},
    )
    compiled = compile_rules(ruleset)
    found = match_article(compiled, Article.create(title="", body="انسحاب القوات من ريف دمشق"))
    assert [m.bindings for m in found] == [{"place": "rif"}]
    assert match_article(compiled, Article.create(title="", body="وفد هيئة تحرير الشام في دمشق")) == []


def test_a_place_that_only_locates_another_is_not_near_the_action() -> None:
    assert places(CONTROL, "HTS captured Hama in southern Homs province on Sunday.") == ["hama"]
    assert places(CONTROL, "سيطرت الفصائل على حماة في حمص.") == ["hama"]
    # "in" with no place before it is not a locator, and both places of "X and Y" are targets.
    assert places(CONTROL, "Fighting raged in Homs until rebels captured the city.") == ["homs"]
    assert places(CONTROL, "Rebels captured Hama and Homs.") == ["hama", "homs"]


def test_a_place_in_an_apposition_or_naming_a_province_is_not_near_the_action() -> None:
    # "X, a key Y bastion": Y describes X, the object of the verb
    assert places(CONTROL, "Rebels captured Hama, a key Homs stronghold, on Sunday.") == ["hama"]
    assert places(CONTROL, "Rebels captured Hama, the gateway to Homs.") == ["hama"]
    # an apposition closed by a mark leaves the next place a target of its own
    assert places(CONTROL, "Rebels captured Hama, the fourth city, and Homs.") == ["hama", "homs"]
    assert places(CONTROL, "Rebels captured Hama, Homs and Damascus.") == ["damascus", "hama", "homs"]
    # "Hama province" is the province, not the city
    assert places(CONTROL, "Troops captured villages of Hama province.") == []
    assert places(CONTROL, "Troops captured Hama, the capital of Hama province.") == ["hama"]
    # the province whose capital or seat the town is, with no article: «X عاصمة ولاية Y», "X, capital of Y"
    assert places(CONTROL, "سيطروا على مدينة حماة عاصمة محافظة حمص.") == ["hama"]
    assert places(CONTROL, "سيطروا على مدينة حماة مركز محافظة حمص.") == ["hama"]
    assert places(CONTROL, "Rebels captured Hama, capital of Homs province.") == ["hama"]


def targets(body: str) -> list[str]:
    """The places of CONTROL in a rule that reads changes of control (``control:``): the place must be the target."""
    return sorted(m.bindings.get("place", "") for m in matches(CONTROL, body, control=ControlSpec()))


def test_a_place_that_names_a_road_a_base_or_a_government_is_not_near_the_action() -> None:
    # a road, an airport, a factory named after places; in Arabic the noun stands in front of them
    assert targets("Rebels seized the Homs-Damascus highway at dawn.") == []
    assert targets("Rebels seized the Hama airport and the Homs refinery.") == []
    assert targets("سيطرت الفصائل على طريق حمص – دمشق الدولي.") == []
    assert targets("سيطرت الفصائل على مطار حماة العسكري.") == []
    assert targets("سيطرت الفصائل على ريف حماة الشمالي.") == []
    # a government by its capital, its forces in front of it in Arabic
    assert targets("دخلت قوات دمشق بلدة صغيرة فجرا.") == []
    # a thing of the place's, after its possessive
    assert targets("Rebels captured Hama's airport at dawn.") == []
    # the place itself, joined to the next word by nothing of these, is still the target
    assert targets("Rebels captured Homs and the road south of it.") == ["homs"]
    # a rule about events at a place (no ``control:``) reads the road's place as where it happened
    assert places(CONTROL, "Rebels seized the Homs-Damascus highway at dawn.") == ["damascus", "homs"]


def test_where_a_source_speaks_from_is_not_near_the_action() -> None:
    assert targets("A military source in Homs said rebels had seized three villages.") == []
    assert targets("وقال مصدر عسكري في حمص إن الفصائل سيطرت على ثلاث قرى.") == []
    # a place named again as the object is still found
    assert targets("A source in Homs said rebels had seized Hama.") == ["hama"]


def test_the_city_mentions_the_place_named_last_before_it() -> None:
    assert places(CONTROL, "Fighting raged around Hama for a week. Rebels entered the city on Friday.") == ["hama"]
    # a name right after it is that name's; with no place before it, it mentions none
    assert places(CONTROL, "Fighting raged around Hama. Rebels entered the city of Homs.") == ["homs"]
    assert places(CONTROL, "Rebels entered the city on Friday.") == []
    # right after the action it is the action's object: a place further on is someone's whereabouts
    found = places(CONTROL, "Rebels shelled Hama. Troops withdrew from the city, officials in Damascus said.")
    assert found == ["hama"]
    assert places(CONTROL, "Troops withdrew from the city, officials in Damascus said.") == []
    # Arabic «المدينة» is left to the claim reader
    assert places(CONTROL, "اشتباكات في حماة. ودخلت الفصائل المدينة صباحا.") == []


def test_actions_pair_only_with_entities_the_rule_already_bound() -> None:
    # The action is evaluated knowing the rule watches Homs: its pairing with Hama is never worked
    # out, and what remains is what the full join gives (bindings and evidence).
    only_homs = AllOf(children=(EntityRef(type="place", ids=("homs",)), ListRef(name="capture", near="place")))
    found = matches(only_homs, "Rebels captured Hama and Homs. The army entered Hama.")
    assert [m.bindings for m in found] == [{"place": "homs"}]
    assert sorted(e.text for e in found[0].evidence) == ["Homs", "captured"]
    # An actor bound first does not restrict the place; every compatible pair is a match.
    when = AllOf(children=(EntityRef(type="actor"), EntityRef(type="place"), ListRef(name="capture", near="place")))
    found = matches(when, "HTS captured Hama. The Syrian army withdrew from Homs.")
    assert sorted((m.bindings["actor"], m.bindings["place"]) for m in found) == [
        ("army", "hama"), ("army", "homs"), ("hts", "hama"), ("hts", "homs"),
    ]  # fmt: skip


def test_a_dateline_is_where_the_story_was_filed_not_what_it_is_about() -> None:
    assert places(CONTROL, "DAMASCUS (Reuters) - Rebels captured Homs on Sunday.") == ["homs"]
    assert places(CONTROL, "دمشق-سانا: سيطرت وحدات من الجيش على حماة.") == ["hama"]
    assert places(CONTROL, "HAMA, Syria (AP) — Rebels entered Homs.") == ["homs"]
    # a horizontal bar (U+2015) is a dateline's dash too
    assert places(CONTROL, "HAMA, Syria (AFP) ― Rebels captured a border town on Monday.") == []
    assert places(CONTROL, "DAMASCUS (Reuters)- Rebels captured Homs on Sunday.") == ["homs"]
    assert places(CONTROL, "إدلب (مراسل دمشق)- سيطرت الفصائل على حماة.") == ["hama"]
    assert places(CONTROL, "دمشق 3 مارس 2020 / سيطرت الفصائل على حماة.") == ["hama"]
    assert places(CONTROL, "دمشق 3 مارس 2020 /سيطرت الفصائل على حماة.") == ["hama"]
    # a dash glued to the place, then to the agency; an outlet, the place and its reporter in brackets
    assert places(CONTROL, "حمص- الأناضول- سيطرت الفصائل على حماة.") == ["hama"]
    assert places(CONTROL, "شبكة الأخبار- حمص (فلان الفلاني) سيطرت الفصائل على حماة.") == ["hama"]
    # a name and a colon open a story, not a headline (there the name is what the news is about)
    story = "Hama: Rebels entered Homs on Sunday. " + "Residents stayed indoors as fighting went on for hours. " * 5
    assert places(CONTROL, story) == ["homs"]
    assert places(CONTROL, "Hama: rebels entered the city on Sunday.") == ["hama"]
    # a city in capitals glued to a story's first sentence, but not a party in capitals
    assert places(CONTROL, "DAMASCUS Syria's rebels captured Homs on Sunday. " + "Residents stayed indoors. " * 9) == [
        "homs"
    ]
    assert places(CONTROL, "HAMA rebels captured the city on Sunday. " + "Residents stayed indoors. " * 9) == ["hama"]
    # an agency and a place on a line of their own
    assert places(CONTROL, "سمارت ـ حماة\nسيطرت الفصائل على حمص.") == ["homs"]
    # an outlet, a dash, then the place and its reporter in brackets; an agency in brackets after the date
    assert places(CONTROL, "شبكة الأخبار – حمص (خاص) سيطرت الفصائل على حماة.") == ["hama"]
    assert places(CONTROL, "حمص، سوريا 10 أغسطس 2022 (وكالة) سيطرت الفصائل على حماة.") == ["hama"]
    # a dateline further into a story, after a caption or a byline, names no place taken
    story = "Residents stayed indoors. (Photo | AP) By AFP HAMA: Rebels captured the northern districts on Sunday. "
    assert places(CONTROL, story + "Fighting went on for hours. " * 8) == []
    story = "By a staff reporter, Associated Press HAMA, Syria — Rebels captured the northern districts on Sunday. "
    assert places(CONTROL, story + "Fighting went on for hours. " * 8) == []
    # nothing refers back to a dateline further into a story: "the town" is the one the story names
    story = "A boy walks past a burnt shop (AFP photo)\nHAMA — Rebels seized a small town, a commander said. "
    assert places(CONTROL, story + "They hold the town now and the road with it. " * 4) == []
    # a place written in small letters is a dateline with its country and its agency
    story = "By a staff writer\n\nMay 2, 2013 -- Updated 10 GMT\n\nHama, Syria (CNN) -- Rebels seized a border area. "
    assert places(CONTROL, story + "They hold the city now, fighters said as the shelling went on. " * 3) == []
    # a dash later in the text is no dateline
    assert places(
        CONTROL, "Rebels advanced for days and then, at dawn on Sunday - as the army fled - captured Homs."
    ) == ["homs"]


def test_a_town_named_in_a_later_sentence_is_the_one_an_action_took() -> None:
    body = "Rebels seized a strategic town on Saturday. Residents fled. They now hold the town of Homs."
    assert places(CONTROL, body) == ["homs"]
    # only a place the later sentence introduces as a town is meant, and never a capital
    assert places(CONTROL, "Rebels seized a town on Saturday. Government forces shelled Homs.") == []


def test_a_place_right_after_the_action_is_its_object() -> None:
    # the places listed with the object, and those later in its clause, are news; not one before it or past
    # the clause's end
    assert places(CONTROL, "Rebels captured Raqqa and Hama on Tuesday, residents of Homs said.") == ["hama", "raqqa"]
    assert places(CONTROL, "Rebels seized Raqqa on Friday and Hama on Saturday.") == ["hama", "raqqa"]
    assert places(CONTROL, "Rebels captured Raqqa as well as Hama.") == ["hama", "raqqa"]
    assert places(CONTROL, "أعلنت الفصائل سيطرتها على الرقة بالإضافة إلى مدينة حماة") == ["hama", "raqqa"]
    assert places(CONTROL, "Rebels captured Raqqa as well as a hill near Hama.") == ["raqqa"]
    assert places(CONTROL, "In Homs, rebels captured Hama.") == ["hama"]
    assert places(CONTROL, "سيطرت الفصائل على مدينتي حماة ودير الزور") == ["deir-ez-zor", "hama"]
    assert places(CONTROL, "أعلنت الفصائل من دمشق سيطرتها على الرقة بعد معارك في حمص") == ["raqqa"]
    # a town we do not know is the object: a place that only locates it is not news
    assert places(CONTROL, "Troops captured the village of Krokhmalne near Homs.") == []
    assert places(CONTROL, "سيطرت القوات الروسية على بلدة كولوديزي في حمص") == []
    assert places(CONTROL, "سيطرت القوات على بلدة كولوديزي وبلدة حماة") == ["hama"]
    # a name we do not know that a place locates is the object too; not a word in lower case
    assert places(CONTROL, "Rebels captured Sabr in Homs.") == []
    assert places(CONTROL, "سيطرت الفصائل على صبر في حمص") == []
    assert places(CONTROL, "Rebels captured yesterday in Homs.") == ["homs"]
    # where the subject stands between the verb and its object, the object is past it
    assert places(CONTROL, "وفي حمص سيطرت فصائل المعارضة أمس على الرقة") == ["raqqa"]
    # no place right after the action: the window decides
    assert places(CONTROL, "Government forces entered after a deal, and Homs was quiet.") == ["homs"]


def test_any_over_two_entity_types_is_one_match_binding_both() -> None:
    either = AnyOf(children=(EntityRef(type="place"), EntityRef(type="actor")))
    found = matches(either, "HTS fighters were seen in Homs.")
    assert [m.bindings for m in found] == [{"actor": "hts", "place": "homs"}]
    assert {e.text for e in found[0].evidence} == {"HTS", "Homs"}
    # A type bound to two entities stays two matches, each with the other type.
    two = matches(either, "HTS fighters were seen in Homs and in Hama.")
    assert sorted(m.bindings["place"] for m in two) == ["hama", "homs"]
    assert all(m.bindings["actor"] == "hts" for m in two)
    # Only one of the types in the article: a match binding that one.
    assert [m.bindings for m in matches(either, "Rain fell on Homs.")] == [{"place": "homs"}]


def test_sources_and_languages_choose_the_articles_a_rule_reads() -> None:
    wire = ArticleFilter(values=frozenset({"wire"}))
    not_en = ArticleFilter(values=frozenset({"en"}), exclude=True)
    ruleset = RuleSet(
        rules=(
            rule(CONTROL, id="wire-only", sources=wire),
            rule(CONTROL, id="not-english", languages=not_en),
        ),
        entities={"place": PLACES},
        lists={"capture": CAPTURE},
    )
    compiled = compile_rules(ruleset)

    def fired(**article: str | None) -> list[str]:
        return [
            m.rule for m in match_article(compiled, Article.create(title="", body="Rebels seized Homs.", **article))
        ]

    assert fired(source="Wire", lang="en-GB") == ["wire-only"]
    assert fired(source="wire", lang="fr") == ["wire-only", "not-english"]
    assert fired(source="other", lang="ar") == ["not-english"]
    assert fired(source=None, lang=None) == ["not-english"]
    assert fired(source="other", lang="EN") == []


def test_an_article_no_rule_reads_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    ruleset = RuleSet(
        rules=(rule(CONTROL, languages=ArticleFilter(values=frozenset({"ar"}))),),
        entities={"place": PLACES},
        lists={"capture": CAPTURE},
    )
    compiled = compile_rules(ruleset)

    def no_scan(*_: object) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(matcher, "Scan", no_scan)
    assert match_article(compiled, Article.create(title="", body="Rebels seized Homs.", lang="en")) == []


def test_within_sentences_measures_near_in_sentences() -> None:
    def near(sentences: int) -> AllOf:
        capture = ListRef(name="capture", near="place", within_sentences=sentences)
        return AllOf(children=(EntityRef(type="place"), capture))

    far_in_one = "Rebels seized, after a long week of heavy fighting in the countryside and many losses, Homs."
    assert places(near(0), far_in_one) == ["homs"]
    assert places(CONTROL, far_in_one) == []  # six words: too far
    next_one = "Homs was quiet for weeks. Then rebels seized it. Nobody moved. Hama stayed calm."
    assert places(near(0), next_one) == []
    assert places(near(1), next_one) == ["homs"]  # Hama is two sentences after the action
    assert places(near(2), next_one) == ["hama", "homs"]
    # Title and body are never near each other, however many sentences are allowed.
    assert places(near(5), "Rebels seized the city.", title="Homs") == []


def test_lead_counts_only_the_first_words_of_the_body_and_all_of_the_title() -> None:
    def lead(words: int) -> AllOf:
        return AllOf(children=(EntityRef(type="place"), ListRef(name="capture", near="place", lead=words)))

    opening = "Prices rose again this month. " * 5  # 25 words
    late = opening + "Rebels seized Homs."
    assert places(lead(30), late) == ["homs"]
    assert places(lead(26), late) == []  # "seized" is the 27th word
    assert places(CONTROL, late) == ["homs"]
    # The title is all lead, however short the lead.
    assert places(lead(1), "", title="Rebels seized Homs") == ["homs"]
    # Only the words that the lead names must stand in it: the place it is near may lie past it.
    assert places(lead(27), opening + "Rebels seized the city of Homs.") == ["homs"]
    # An inner lead cannot reach further than the one around it.
    nested = AllOf(children=(EntityRef(type="place"), AnyOf(children=(lead(100),), lead=26)))
    assert places(nested, late) == []


def test_a_case_sensitive_alias_names_its_entity_only_as_written() -> None:
    meta = Entity("company", "meta", ("Meta", "Meta Platforms", "META*"), case_sensitive=("Meta", "META*"))
    ruleset = RuleSet(
        rules=(rule(EntityRef(type="company"), title="{company}", group_by=()),), entities={"company": {"meta": meta}}
    )
    compiled = compile_rules(ruleset)

    def found(body: str) -> list[str]:
        return [m.bindings["company"] for m in match_article(compiled, Article.create(title="", body=body))]

    assert found("Meta's board met on Monday.") == ["meta"]
    assert found("A meta-analysis of forty trials.") == []
    assert found("Investors sold meta platforms shares.") == ["meta"]  # an ordinary alias: any case
    assert found("METAVERSE PLANS DROPPED") == ["meta"]  # with its continuation
    assert found("Metaverse plans dropped") == []
    # A phrase of the same words is no alias: it matches in any case.
    ruleset = RuleSet(rules=(rule(Phrase(text="meta"), group_by=()),), entities={"company": {"meta": meta}})
    assert match_article(compile_rules(ruleset), Article.create(title="", body="A meta-analysis."))


def test_a_case_sensitive_alias_written_otherwise_hides_no_shorter_alias() -> None:
    # "The Hama Group" is a company only as written; "the hama group" is Hama, the place.
    group = Entity("company", "hama-group", ("The Hama Group",), case_sensitive=("The Hama Group",))
    ruleset = RuleSet(
        rules=(rule(EntityRef(type="place")),), entities={"place": PLACES, "company": {"hama-group": group}}
    )
    compiled = compile_rules(ruleset)

    def found(body: str) -> list[str]:
        return [m.bindings["place"] for m in match_article(compiled, Article.create(title="", body=body))]

    assert found("Shares of The Hama Group rose.") == []  # the longer name wins
    assert found("Rebels spoke of the hama group of villages.") == ["hama"]


def test_a_warm_up_loads_what_a_first_article_would_wait_for() -> None:
    import wordfreq

    from streams.places import ambiguity

    ruleset = RuleSet(rules=(rule(CONTROL),), entities={"place": PLACES, "actor": ACTORS}, lists={"capture": CAPTURE})
    compiled = compile_rules(ruleset)
    ambiguity._folded_frequencies.cache_clear()
    wordfreq.get_frequency_dict.cache_clear()
    # (and the caches of words already looked up, ours and wordfreq's, which an earlier test in this process may
    # have filled with the very word the warm-up asks for: the list would not be loaded again, and this test would
    # depend on which tests ran before it)
    ambiguity.spelling_zipf.cache_clear()
    wordfreq._wf_cache.clear()
    matcher.warm_up(compiled)
    # the folded table and wordfreq's list of Arabic and of English are loaded before any article arrives
    assert ambiguity._folded_frequencies.cache_info().currsize == 2
    assert wordfreq.get_frequency_dict.cache_info().currsize >= 2
