"""Rule packs that watch the places of a gazetteer: coverage in YAML, hand-written places merged, names
that need evidence, and labels and JSON output that name places the way users do."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.articles.model import Article
from streams.evaluation import evaluate_dataset, read_dataset
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import check_rules, load_rules_text
from streams.ruleset.matcher import match_article
from streams.ruleset.model import RuleSet

# One rule: a place near a word of the pack's list ``took``.
TAKEN = """
rules:
  - id: taken
    title: "{place} taken"
    when:
      all:
        - entity: place
        - any: [{list: took}]
          near: place
          window: 8
"""
PACK = (
    """
gazetteer:
  countries: [SD, LY, LB, SY]
  min_population: 15000
  kinds: [city, region, country]
entities:
  place:
    palmyra: [Palmyra, تدمر]          # extends GeoNames' Tadmur under the id labellers use
lists:
  took: [seized, captured, "سيطرت", "سيطرة"]"""
    + TAKEN
)


def with_pack(tmp_path: Path, name: str, text: str) -> tuple[RuleSet | None, list[str]]:
    """PACK and a file ``name`` holding ``text``, checked together: the rule set (None when there are
    problems) and the problems, their paths relative to ``tmp_path``."""
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    ruleset, problems = check_rules([tmp_path])
    return ruleset, [str(p).replace(str(tmp_path) + "/", "") for p in problems]


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    return compile_rules(load_rules_text(PACK, "pack.yaml"))


def places(compiled: CompiledRules, body: str, title: str = "") -> list[str]:
    return [m.bindings["place"] for m in match_article(compiled, Article.create(title=title, body=body))]


def test_a_pack_watches_the_cities_of_its_countries_without_listing_them(compiled: CompiledRules) -> None:
    assert places(compiled, "Paramilitary fighters seized El Fasher on Sunday.") == ["el-fasher"]
    assert places(compiled, "سيطرت قوات الدعم السريع على مدينة الفاشر.") == ["el-fasher"]
    assert places(compiled, "Fighters seized Banghazi overnight.") == ["benghazi"]  # a transliteration variant
    # Countries and provinces are places of their own kinds: a rule on `entity: place` watches cities.
    assert places(compiled, "Rebels seized large parts of Sudan.") == []
    entity = compiled.ruleset.entity("place", "el-fasher")
    assert entity is not None and entity.place is not None and entity.place.country == "SD"
    assert compiled.ruleset.entity("country", "sudan") is not None


def test_a_hand_written_place_extends_the_generated_one(compiled: CompiledRules) -> None:
    palmyra = compiled.ruleset.entity("place", "palmyra")
    assert palmyra is not None and palmyra.place is not None and palmyra.place.id.startswith("geonames:")
    assert "Tadmur" in palmyra.aliases and compiled.ruleset.entity("place", "tadmur") is None
    assert places(compiled, "Islamic State fighters seized Tadmur.") == ["palmyra"]


def test_a_very_frequent_word_needs_a_word_that_names_a_kind_of_place(compiled: CompiledRules) -> None:
    # المائة is 'hundred' (في المائة, 'per cent') and a town's name: "in" is not evidence enough.
    assert places(compiled, "سيطرت الشركة على عشرة في المائة من السوق.") == []


def test_a_name_that_is_a_word_needs_evidence(compiled: CompiledRules) -> None:
    # السفيرة is a town near Aleppo and 'the ambassador'; Human is a town in Ukraine's gazetteer entries.
    assert places(compiled, "سيطرة السفيرة على ملف المفاوضات كانت واضحة.") == []
    assert places(compiled, "سيطرت القوات على مدينة السفيرة.") == ["as-safirah"]


def test_a_short_name_keeps_its_english_spelling_when_geonames_writes_it_with_accents(compiled: CompiledRules) -> None:
    # GeoNames writes Hun (Libya) "Hūn": short Latin variants are left out, but not the place's own name.
    assert places(compiled, "Fighters seized the town of Hun in Libya's Jufra district.") == ["hun"]
    assert places(compiled, "The Hun tribes seized the town.") == []


def test_namesakes_are_told_apart_by_the_country_the_article_names(compiled: CompiledRules) -> None:
    assert places(compiled, "In Lebanon, gunmen seized Tripoli's port.") == ["tripoli-lb"]
    assert places(compiled, "In Libya, fighters seized Tripoli on Sunday.") == ["tripoli-ly"]


def test_a_namesake_nothing_tells_apart_is_bound_and_the_alert_says_it_is_ambiguous(compiled: CompiledRules) -> None:
    (match,) = match_article(compiled, Article.create(title="", body="Fighters seized Tripoli on Sunday."))
    assert match.bindings["place"] == "tripoli-ly"  # the most populous
    assert match.rule_title == "Tripoli (ambiguous: Tripoli (LY), Tripoli (LB)) taken"
    (told,) = match_article(compiled, Article.create(title="", body="In Libya, fighters seized Tripoli on Sunday."))
    assert told.rule_title == "Tripoli taken"


def test_labels_name_places_by_id_or_any_alias(compiled: CompiledRules) -> None:
    lines = [
        '{"id": "a", "title": "", "body": "Fighters seized Benghazi.", "labels": [{"rule": "taken", "place": "Banghazi"}]}',
        '{"id": "b", "title": "", "body": "سيطرت قوات الدعم السريع على الفاشر.", '
        '"labels": [{"rule": "taken", "place": "الفاشر"}]}',
    ]
    result = evaluate_dataset(compiled, read_dataset(lines))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 0, 0)


def test_coverage_mistakes_are_reported_where_they_are(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("gazetteer:\n  countries: [XX]\n  min_population: 20\n")
    _, problems = check_rules([tmp_path])
    texts = [str(p) for p in problems]
    assert any(
        t.startswith(f"{tmp_path / 'pack.yaml'}:2:3: error: gazetteer.countries: unknown country code") for t in texts
    )
    assert any("gazetteer.min_population" in t for t in texts)


def test_match_json_describes_each_bound_place(compiled: CompiledRules) -> None:
    from streams.cli.rules import bound_entities

    [match] = match_article(compiled, Article.create(title="", body="Fighters seized El Fasher."))
    place = bound_entities(compiled.ruleset, match.bindings)["place"]
    assert (place["id"], place["name"], place["name_ar"], place["country"]) == (
        "el-fasher",
        "El Fasher",
        "الفاشر",
        "SD",
    )
    assert place["lat"] and place["lon"]


def test_a_name_written_without_the_article_does_not_take_it(compiled: CompiledRules) -> None:
    # حمص is Homs; الحمص is chickpeas: a name without the article never carries one.
    assert places(compiled, "سيطرت المطاعم على سوق الحمص.") == []
    assert places(compiled, "سيطرت الفصائل على حمص.") == ["homs-sy"]  # Libya has an Al Khums too


def test_extend_adds_names_to_generated_places_and_regions(tmp_path: Path) -> None:
    ruleset, problems = with_pack(
        tmp_path,
        "more.yaml",
        "extend:\n  place:\n    el-fasher: [Fashir town]\n    palmyra: [Tudmur]\n  country:\n    sudan: [Sudan Republic]\n",
    )
    assert ruleset is not None, problems
    compiled = compile_rules(ruleset)
    assert places(compiled, "Paramilitary fighters seized Fashir town on Sunday.") == ["el-fasher"]
    assert places(compiled, "Fighters seized Tudmur.") == ["palmyra"]  # a hand-written place, extended
    sudan = ruleset.entity("country", "sudan")
    assert sudan is not None and "Sudan Republic" in sudan.aliases and "Sudan" in sudan.aliases


def test_extending_a_place_the_gazetteer_does_not_have_is_an_error(tmp_path: Path) -> None:
    _, problems = with_pack(tmp_path, "more.yaml", "extend:\n  place:\n    el-fashir: [Fashir town]\n")
    assert problems == [
        "more.yaml:3:5: error: place 'el-fashir': 'extend' of a place the gazetteer does not have"
        " (hint: did you mean 'el-fasher'?)"
    ]


def test_a_town_the_gazetteer_lacks_takes_its_country_and_region_from_region(tmp_path: Path) -> None:
    ruleset, problems = with_pack(
        tmp_path,
        "towns.yaml",
        "entities:\n  place:\n    um-sayala:\n      aliases: [Um Sayala, أم سيالة]\n      region: SD-KN\n",
    )
    assert ruleset is not None, problems
    entity = ruleset.entity("place", "um-sayala")
    assert entity is not None and entity.place is not None
    assert (entity.place.id, entity.place.country, entity.place.admin1) == ("place:um-sayala", "SD", "SD-KN")
    assert places(compile_rules(ruleset), "Paramilitary fighters seized Um Sayala.") == ["um-sayala"]


def test_an_area_written_by_hand_is_a_region_that_rules_on_towns_do_not_watch(tmp_path: Path) -> None:
    ruleset, problems = with_pack(
        tmp_path,
        "areas.yaml",
        "entities:\n  place:\n    wadi-x:\n      aliases: [Wadi Xeno, وادي زينو]\n      kind: region\n"
        "      region: SD-KN\n",
    )
    assert ruleset is not None, problems
    assert ruleset.entity("place", "wadi-x") is None
    area = ruleset.entity("region", "wadi-x")
    assert area is not None and area.place is not None
    assert (area.place.kind, area.place.country, area.place.admin1) == ("region", "SD", "SD-KN")
    assert places(compile_rules(ruleset), "Paramilitary fighters seized Wadi Xeno.") == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        # not a code
        (
            "region: Kordofan",
            "towns.yaml:5:15: error: entity 'place/x-town': 'region' must be an ISO 3166-2 code of a first-level"
            " region, e.g. MM-16",
        ),
        (
            "region: [SD-KN]",
            "towns.yaml:5:15: error: the region of entity 'place/x-town' must be a string",
        ),
        (
            "region: 12",
            "towns.yaml:5:15: error: entity 'place/x-town': 'region' must be an ISO 3166-2 code of a first-level"
            " region, e.g. MM-16",
        ),
        # a code of a country the pack does not cover, and no code of any country
        (
            "region: MM-16",
            "towns.yaml:5:15: error: place 'x-town.region': region MM-16 is not in this gazetteer (hint: use a"
            " first-level ISO 3166-2 code of a covered country, e.g. MM-16 for Rakhine)",
        ),
        (
            "region: XX-YY",
            "towns.yaml:5:15: error: place 'x-town.region': region XX-YY is not in this gazetteer (hint: use a"
            " first-level ISO 3166-2 code of a covered country, e.g. MM-16 for Rakhine)",
        ),
        # a GeoNames town written in another region than its own
        (
            "region: SY-HM\n      geonames: 169577",
            "towns.yaml:5:15: error: place 'x-town.region': Homs (SY) (geonames:169577) lies in SY-HI, not"
            " SY-HM (hint: drop 'region:', or drop 'geonames:' and use another id if this is another town)",
        ),
        # kind: not a kind a hand-written place may be, or an area without the region that gives its country
        (
            "kind: area\n      region: SD-KN",
            "towns.yaml:5:13: error: entity 'place/x-town': 'kind' must be city or region, not 'area' (hint:"
            " region: an area of several towns (the Ghouta), which rules on 'entity: place' do not watch)",
        ),
        (
            "kind: region",
            "towns.yaml:5:13: error: entity 'place/x-town': a place of kind 'region' needs 'region' to give its"
            " country (hint: add the ISO 3166-2 code of the first-level region it lies in, e.g. region: SY-RD)",
        ),
        # taken_from: the wrong kind, a place nobody has, a place without the names
        (
            "taken_from: {tripoli-lb: Tripoli}",
            "towns.yaml:5:19: error: the taken_from of entity 'place/x-town' must be a list",
        ),
        (
            "taken_from: [nowhere]",
            "towns.yaml:5:19: error: place 'x-town.taken_from': 'nowhere': no other place has this id (hint: give"
            " the id of the place that has these names by mistake)",
        ),
        (
            "taken_from: [damascus]",
            "towns.yaml:5:19: error: place 'x-town.taken_from': 'damascus': Damascus (SY) has none of these names"
            " (hint: drop 'damascus' from 'taken_from')",
        ),
    ],
)
def test_a_bad_region_or_taken_from_is_reported_where_it_is(tmp_path: Path, entry: str, problem: str) -> None:
    _, problems = with_pack(
        tmp_path, "towns.yaml", f"entities:\n  place:\n    x-town:\n      aliases: [X town]\n      {entry}\n"
    )
    assert problems == [problem]


def test_a_label_that_names_namesakes_means_the_one_the_article_is_about(compiled: CompiledRules) -> None:
    lines = [
        '{"id": "a", "title": "", "body": "In Lebanon, gunmen seized Tripoli on Sunday.", '
        '"labels": [{"rule": "taken", "place": "Tripoli"}]}',
        '{"id": "b", "title": "", "body": "In Libya, fighters seized Tripoli on Sunday.", '
        '"labels": [{"rule": "taken", "place": "Tripoli"}]}',
        '{"id": "c", "title": "", "body": "Nothing happened in Lebanon.", "labels": [{"rule": "taken", "place": "Tripoli"}]}',
    ]
    result = evaluate_dataset(compiled, read_dataset(lines))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 0, 1)


def test_a_label_that_is_one_namesakes_id_means_the_namesake_the_article_is_about() -> None:
    pack = (
        """
entities:
  place:
    sinjar: [Sinjar]
    sinjar-sy: [Sinjar, Sinjar al-Sham]
lists:
  took: [seized]"""
        + TAKEN
    )
    compiled = compile_rules(load_rules_text(pack, "pack.yaml"))
    lines = [
        '{"id": "a", "title": "", "body": "Fighters seized Sinjar al-Sham on Sunday.", '
        '"labels": [{"rule": "taken", "place": "sinjar"}]}'
    ]
    result = evaluate_dataset(compiled, read_dataset(lines))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 0, 0)


def test_a_word_that_is_wholly_one_name_is_not_a_proclitic_and_another() -> None:
    # «بورنو» is the state of Borno, never «ب» ('in') + «ورنو» (a town named Wurno).
    pack = (
        """
entities:
  place:
    wurno: [Wurno, ورنو]
    monguno: [Monguno, مونغونو]
  region:
    borno: [Borno, بورنو]
lists:
  took: [سيطرة]"""
        + TAKEN
    )
    compiled = compile_rules(load_rules_text(pack, "pack.yaml"))
    assert places(compiled, "استعاد الجيش السيطرة على بلدة مونغونو في ولاية بورنو.") == ["monguno"]
    # a town's name with «ب» in front of it, where the whole word names nothing else, is still the town
    assert places(compiled, "أعلن الجيش السيطرة على مواقع بمونغونو.") == ["monguno"]
