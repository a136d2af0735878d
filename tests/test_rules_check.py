"""`newsalert rules check`: every kind of problem is reported at its file, line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.cli import main
from streams.errors import RuleError
from streams.ruleset.loader import check_rules, load_rules, load_rules_text
from streams.ruleset.model import AllOf, AnyOf, EntityRef, ListRef, NoneOf, Phrase, Severity

ENTITIES = """\
entities:
  place:
    homs: [Homs, Hims, حمص]
    hama: {name: Hama, aliases: [Hama, Hamah, حماة]}
lists:
  capture: [captured, seized, "سيطر*"]
"""


def problems_of(tmp_path: Path, rules: str, entities: str = ENTITIES) -> list[str]:
    (tmp_path / "entities.yaml").write_text(entities, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(rules, encoding="utf-8")
    ruleset, problems = check_rules([tmp_path])
    assert ruleset is None, "expected problems"
    return [str(p).replace(str(tmp_path) + "/", "") for p in problems]


def rule(when: str = "[captured]", extra: str = "") -> str:
    return f"rules:\n  - id: r\n    title: t\n    when: {when}\n{extra}"


VALID_RULE = rule()


def test_valid_rule_set_across_files(tmp_path: Path) -> None:
    (tmp_path / "a-entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (tmp_path / "b-rules.yaml").write_text(
        """\
rules:
  - id: city-control-change
    title: "{place}: control changing hands"
    severity: critical
    when:
      all:
        - entity: place
        - any: [{list: capture}, entered]
          near: place
          window: 12
      none: [denied]
    group_by: [place]
    cooldown: 1h30m
    corroboration: [1, 3]
    notify: ops
    examples:
      match: ["Rebels captured Homs", {title: Hama falls, body: "Rebels entered Hama", bindings: {place: hama}}]
      no_match: ["Nothing happened"]
""",
        encoding="utf-8",
    )
    ruleset = load_rules([tmp_path])
    [loaded] = ruleset.rules
    assert loaded.severity is Severity.critical
    assert loaded.group_by == ("place",)
    assert loaded.cooldown.total_seconds() == 5400
    assert loaded.corroboration == (1, 3)
    assert loaded.notify == ("ops",)
    assert ruleset.entity("place", "hama").display_name == "Hama"
    assert isinstance(loaded.when, AllOf)
    entity, near_any, none = loaded.when.children
    assert entity == EntityRef(type="place", location=entity.location)
    assert isinstance(near_any, AnyOf) and near_any.near == "place" and near_any.window == 12
    assert isinstance(near_any.children[0], ListRef)
    assert isinstance(none, NoneOf) and none.children[0].text == "denied"
    assert loaded.must_match[1].bindings == {"place": "hama"}
    assert loaded.location.line == 2


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (
            rule(extra="    sevrity: high\n"),
            "rules.yaml:5:5: error: unknown key 'sevrity' in a rule (hint: did you mean 'severity'?)",
        ),
        (
            rule("{entity: plce}"),
            "rules.yaml:4:20: error: rule 'r': unknown entity type 'plce' (hint: did you mean 'place'?)",
        ),
        (
            rule("{entity: place, ids: [homz]}"),
            "rules.yaml:4:33: error: rule 'r': unknown place 'homz' (hint: did you mean 'homs'?)",
        ),
        (
            rule("{list: captre}"),
            "rules.yaml:4:18: error: rule 'r': unknown list 'captre' (hint: did you mean 'capture'?)",
        ),
        (rule("{any: [x], near: plce}"), "unknown entity type 'plce'"),
        (rule(extra="    severity: urgent\n"), "rules.yaml:5:15: error: rule 'r': unknown severity 'urgent'"),
        (rule(extra="    cooldown: 6hours\n"), "rules.yaml:5:15: error: cooldown '6hours' is not a duration"),
        (rule(extra="    window: 0s\n"), "window must be longer than zero"),
        (rule(extra="    corroboration: [3, 1]\n"), "corroboration counts must increase strictly"),
        (rule("{regex: '(a'}"), "rules.yaml:4:19: error: rule 'r': invalid regular expression: missing )"),
        (rule("{none: [x]}"), "'when' has no condition outside 'none'"),
        (rule("{all: []}"), "rules.yaml:4:17: error: rule 'r': 'all' is empty"),
        (rule("{in: summary, phrase: x}"), "'in' must be title or body, not 'summary'"),
        (rule("{min: 0, phrase: x}"), "'min' must be at least 1, not 0"),
        (rule("{any: [x], near: place, window: 5000}"), "'window' must be between 1 and 1000, not 5000"),
        (rule("{phrase: x, entity: place}"), "one condition cannot combine phrase, entity"),
        (rule("{near: place}"), "a condition needs one of"),
        (rule(extra="    group_by: [place]\n"), "group_by 'place' is not bound by the rule's condition"),
        (
            "rules:\n  - id: r\n    title: '{plase}'\n    when: {entity: place}\n",
            "the title uses '{plase}', which the rule does not bind (hint: did you mean 'place'?)",
        ),
        ("rules:\n  - id: Bad Id\n    title: t\n    when: x\n", "rule id 'Bad Id' must be lower case"),
        ("rules:\n  - id: r\n    when: x\n", "rule 'r' needs a 'title'"),
        (
            rule() + "  - id: r\n    title: t\n    when: y\n",
            "rules.yaml:5:5: error: duplicate rule id 'r' (hint: first defined at",
        ),
        (rule("'***'"), "phrase '***' in rule 'r' has no letters or digits"),
        (rule(extra="    examples: {match: [{body: x, bindings: {place: homz}}]}\n"), "unknown place 'homz'"),
        (
            rule(extra="    examples: {matches: [x]}\n"),
            "unknown key 'matches' in the examples of rule 'r' (hint: did you mean 'match'?)",
        ),
        (
            rule(extra="    languages: [ar, english]\n"),
            "rules.yaml:5:21: error: rule 'r': 'english' is not a language code (hint: write ISO 639 codes",
        ),
        (
            rule(extra="    sources: {nott: [wire]}\n"),
            "rules.yaml:5:15: error: unknown key 'nott' in 'sources' of rule 'r' (hint: did you mean 'not'?)",
        ),
        (rule(extra="    sources: []\n"), "rules.yaml:5:14: error: rule 'r': 'sources' is empty"),
        (rule(extra="    languages: {not: []}\n"), "rule 'r': 'languages' is empty"),
        (rule(extra="    sources: {}\n"), "rule 'r': 'sources' takes a list, or 'not:' and a list"),
        (rule(extra="    sources: [[wire]]\n"), "each item of 'sources' of rule 'r' must be a string"),
        (rule(extra="    examples: {match: [{body: x, lang: [ar]}]}\n"), "an example's lang must be a string"),
        (
            rule("{any: [x], near: place, window: 5, within_sentences: 1}"),
            "rules.yaml:4:46: error: rule 'r': 'window' (words) and 'within_sentences' cannot both measure one 'near'",
        ),
        (rule("{any: [x], within_sentences: 1}"), "'within_sentences' goes with 'near'"),
        (rule("{phrase: x, before_published: 2d}"), "rule 'r': 'before_published' goes with 'regex'"),
        (rule("{regex: ' (may) ', before_published: 2days}"), "'before_published' '2days' is not a duration"),
        (
            rule("{regex: ' (may) ', before_published: 2d}"),
            "rule 'r': a regex with 'before_published' needs a group that names a date (hint: name its groups",
        ),
        # hostile values of before_published: the wrong kind, too long, a date group misspelt, one nothing reads
        (
            rule("{regex: ' (?P<month>may) ', before_published: [2d]}"),
            "rules.yaml:4:57: error: 'before_published' must be a duration (hint: write it like 30s",
        ),
        (
            rule("{regex: ' (?P<month>may) ', before_published: 99999999999999w}"),
            "'before_published' '99999999999999w' is longer than a duration can be (hint: write it like 30s",
        ),
        (rule(extra="    cooldown: 99999999999999w\n"), "cooldown '99999999999999w' is longer than a duration can be"),
        (
            rule("{regex: ' (?P<month>may) (?P<dya>\\d+) ', before_published: 2d}"),
            "rules.yaml:4:19: error: rule 'r': the regex names a group 'dya', which nothing reads (hint: did you mean"
            " 'day'?)",
        ),
        (
            rule("{regex: ' (?P<day>\\d+) may '}"),
            "the regex names a group 'day', which nothing reads (hint: add 'before_published:', which reads the date",
        ),
        (rule("{regex: ' (?P<where>[^ ]+) '}"), "the regex names a group 'where', which nothing reads (hint: name a"),
        (rule("{any: [x], near: place, within_sentences: -1}"), "'within_sentences' must be between 0 and 100, not -1"),
        (rule("{any: [x], near: place, within_sentences: two}"), "'within_sentences' must be a whole number"),
        (rule("{any: [x], near: place, within_sentences: 1.5}"), "'within_sentences' must be a whole number"),
        (rule("{any: [x], lead: 0}"), "rules.yaml:4:28: error: 'lead' must be between 1 and 100000, not 0"),
        (rule("{any: [x], lead: all}"), "'lead' must be a whole number"),
        ("rules: [\n", "rules.yaml:2:1: error: YAML syntax error"),
        ("rulez: []\n", "rules.yaml:1:1: error: unknown key 'rulez' in a rule file (hint: did you mean 'rules'?)"),
        ("- just a list\n", "a rule file must be a mapping"),
    ],
)
def test_each_problem_is_reported_where_it_is(tmp_path: Path, rules: str, expected: str) -> None:
    problems = problems_of(tmp_path, rules)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        (
            "entities:\n  place:\n    homs: []\n",
            "entities.yaml:3:11: error: entity 'place/homs' has an empty alias list",
        ),
        ("entities:\n  place:\n    homs: [Homs, '  ']\n", "an alias of entity 'place/homs' must not be empty"),
        ("entities:\n  place:\n    homs: [Homs, '!!']\n", "alias '!!' of entity 'place/homs' has no letters or digits"),
        ("entities:\n  place:\n    homs: {name: Homs}\n", "entity 'place/homs' has no 'aliases'"),
        (
            "entities:\n  place:\n    homs: {aliases: [x], nmae: y}\n",
            "unknown key 'nmae' in entity 'place/homs' (hint: did you mean 'name'?)",
        ),
        ("entities:\n  Place:\n    homs: [Homs]\n", "entity type 'Place' must be lower case"),
        (
            "entities:\n  place:\n    homs: [{alias: Homs, case: upper}]\n",
            "entities.yaml:3:32: error: entity 'place/homs': 'case' must be sensitive or insensitive, not 'upper'",
        ),
        (
            "entities:\n  place:\n    homs: [{alias: Homs, caes: sensitive}]\n",
            "unknown key 'caes' in an alias of entity 'place/homs' (hint: did you mean 'case'?)",
        ),
        (
            "entities:\n  place:\n    homs: [{case: sensitive}]\n",
            "entities.yaml:3:12: error: an alias of entity 'place/homs' written as a mapping needs 'alias'",
        ),
        ("entities:\n  place:\n    homs: [{}]\n", "an alias of entity 'place/homs' written as a mapping needs 'alias'"),
        ("entities:\n  place:\n    homs: [{alias: [Homs]}]\n", "an alias of entity 'place/homs' must be a string"),
        (
            "entities:\n  place:\n    homs: [{alias: '--', case: sensitive}]\n",
            "alias '--' of entity 'place/homs' has no",
        ),
        # the keys only a gazetteer reads, in a rule set without one
        (
            "entities:\n  place:\n    homs: {aliases: [Homs], region: SY-HI}\n",
            "entities.yaml:3:37: error: place 'homs': 'region' is for places of a gazetteer, and no rule file has one"
            " (hint: add a 'gazetteer:' block",
        ),
        (
            "entities:\n  place:\n    homs: {aliases: [Homs], taken_from: [hama]}\n",
            "entities.yaml:3:41: error: place 'homs': 'taken_from' is for places of a gazetteer",
        ),
        (
            "entities:\n  actor:\n    hts: {aliases: [HTS], region: SY-ID}\n",
            "entities.yaml:3:10: error: entity 'actor/hts': 'geonames', 'context_aliases', 'region', 'taken_from'"
            " and 'kind' are for places of the gazetteer",
        ),
    ],
)
def test_entity_problems(tmp_path: Path, entities: str, expected: str) -> None:
    problems = problems_of(tmp_path, "rules: []\n", entities=entities)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("extension", "expected"),
    [
        (
            "extend:\n  place:\n    homz: [Emesa]\n",
            "extend.yaml:3:5: error: 'extend' of an unknown place 'homz' (hint: did you mean 'homs'?)",
        ),
        (
            "extend:\n  plase:\n    homs: [Emesa]\n",
            "extend.yaml:3:5: error: 'extend' of 'plase/homs': unknown entity type 'plase' (hint: did you mean 'place'?)",
        ),
        (
            "extend:\n  place:\n    homs: {aliases: [Emesa]}\n",
            "extend.yaml:3:11: error: 'extend' of 'place/homs' takes a list of aliases (hint: e.g. [Emesa, Hims])",
        ),
        ("extend:\n  place:\n    homs: []\n", "extend.yaml:3:11: error: entity 'place/homs' has an empty alias list"),
        ("extend:\n  place:\n    homs: [{alias: Emesa, case: upper}]\n", "'case' must be sensitive or insensitive"),
        ("extend: [homs]\n", "extend.yaml:1:9: error: 'extend' must be a mapping"),
        ('extend:\n  place:\n    "a\\nb": 1\n', "error: 'extend' of 'place/a\\nb' takes a list of aliases"),
        ('entities:\n  "p\\nq":\n    a: [b]\n', "error: entity type 'p\\nq' must be lower case"),
        ("extend:\n  place: [homs]\n", "extend.yaml:2:10: error: entity type 'place' must be a mapping"),
    ],
)
def test_extension_problems(tmp_path: Path, extension: str, expected: str) -> None:
    (tmp_path / "extend.yaml").write_text(extension, encoding="utf-8")
    problems = problems_of(tmp_path, VALID_RULE)
    assert any(expected in p for p in problems), problems


def test_extend_adds_aliases_to_an_entity_of_another_file(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (tmp_path / "extend.yaml").write_text(
        "extend:\n  place:\n    homs: [Emesa, Homs, {alias: HOMS, case: sensitive}]\n", encoding="utf-8"
    )
    (tmp_path / "rules.yaml").write_text(rule("{entity: place}"), encoding="utf-8")
    ruleset, problems = check_rules([tmp_path])
    assert ruleset is not None, problems
    homs = ruleset.entity("place", "homs")
    assert homs is not None and homs.aliases == ("Homs", "Hims", "حمص", "Emesa", "HOMS")
    assert (
        homs.case_sensitive == ("HOMS",) and homs.location is not None and homs.location.file.endswith("entities.yaml")
    )


def test_duplicate_entity_across_files_names_both(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("entities:\n  place:\n    homs: [Homs]\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("entities:\n  place:\n    homs: [Hims]\n", encoding="utf-8")
    _, problems = check_rules([tmp_path])
    [problem] = problems
    assert problem.location.file.endswith("b.yaml") and problem.location.line == 3
    assert "entity 'place/homs' is defined twice" in problem.message
    assert "a.yaml:3:5" in problem.hint


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, 10):
        bomb += f"{chr(97 + level)}: &{chr(97 + level)} [" + ",".join([f"*{chr(96 + level)}"] * 9) + "]\n"
    problems = problems_of(tmp_path, bomb)
    assert problems == ["rules.yaml:1:4: error: YAML anchors and aliases are not allowed here"]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "rules: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert len(problems) == 1 and "nesting deeper than 32 levels" in problems[0]


def test_oversize_file_is_refused_before_parsing(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "# " + "x" * (1024 * 1024) + "\n")
    assert problems == [
        "rules.yaml:1:1: error: file is 1,048,579 bytes; rule files may be at most 1,048,576 (hint: split it into several files)"
    ]


@pytest.mark.parametrize(
    ("source", "where", "code"),
    [
        (b"rules: []\n# \x07\n", "rules.yaml:2:3", "U+0007"),
        (b"rules: []\n\x00\x00\n", "rules.yaml:2:1", "U+0000"),
        (b"# \x1b[2J\n", "rules.yaml:1:3", "U+001B"),
    ],
)
def test_control_characters_are_reported_where_they_are(tmp_path: Path, source: bytes, where: str, code: str) -> None:
    (tmp_path / "rules.yaml").write_bytes(source)
    _, problems = check_rules([tmp_path])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems] == [
        f"{where}: error: character {code} is not allowed in a YAML file (hint: delete it or write it as an escape)"
    ]


def test_a_link_out_of_the_rule_directory_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret-hash-value:19000:0:99999:7:::\n")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yaml").symlink_to(secret)
    (rules / "ok.yaml").write_text(VALID_RULE)
    _, problems = check_rules([rules])
    assert [p.message for p in problems] == ["links to a file outside the rule directory"]
    assert "secret-hash" not in "".join(map(str, problems))


def test_hidden_folders_are_skipped_and_links_inside_the_directory_are_read(tmp_path: Path) -> None:
    # How Kubernetes mounts a ConfigMap: rules/x.yaml -> ..data/x.yaml, ..data -> ..2024_01_01/
    rules = tmp_path / "rules"
    (rules / "..2024_01_01").mkdir(parents=True)
    (rules / "..2024_01_01" / "x.yaml").write_text(VALID_RULE)
    (rules / "..data").symlink_to("..2024_01_01")
    (rules / "x.yaml").symlink_to(Path("..data") / "x.yaml")
    ruleset, problems = check_rules([rules])
    assert problems == [] and ruleset is not None and len(ruleset.rules) == 1


def test_a_long_unknown_key_is_not_quoted_whole(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "k" * 200 + ": 1\n")
    assert problems[0].startswith("rules.yaml:1:1: error: unknown key '" + "k" * 40 + "…' in a rule file (hint: known:")


def test_missing_path_and_no_files(tmp_path: Path) -> None:
    _, problems = check_rules([tmp_path / "nope"])
    assert "no such file or directory" in str(problems[0])
    _, problems = check_rules([tmp_path])
    assert "no rule files" in str(problems[0])


def test_load_rules_text_raises_with_every_problem() -> None:
    with pytest.raises(RuleError) as caught:
        load_rules_text("rules:\n  - {id: a, title: t, when: {entity: x}}\n  - {id: b, title: t, when: {list: y}}\n")
    assert len(caught.value.problems) == 2


def test_cli_output_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(ENTITIES + rule("{entity: place}"), encoding="utf-8")
    assert main(["rules", "check", str(good)]) == 0
    warning, summary = capsys.readouterr().out.splitlines()
    assert warning.startswith(f"{good}:8:5: warning: rule 'r' has no examples")  # a warning does not fail the check
    assert summary == "ok: 1 files, 1 rules, 1 entity types, 2 entities, 1 lists; 1 warning"
    bad = tmp_path / "bad.yaml"
    bad.write_text(rule(extra="    sevrity: high\n"), encoding="utf-8")
    assert main(["rules", "check", str(bad)]) == 1
    assert (
        capsys.readouterr().out
        == f"{bad}:5:5: error: unknown key 'sevrity' in a rule (hint: did you mean 'severity'?)\n"
    )
    assert main(["rules", "check", "--json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"][0] | {"file": ""} == {
        "file": "", "line": 5, "column": 5, "message": "unknown key 'sevrity' in a rule", "hint": "did you mean 'severity'?",
    }  # fmt: skip


def test_phrase_shorthand_and_list_is_any() -> None:
    ruleset = load_rules_text("rules:\n  - id: r\n    title: t\n    when: [a, {phrase: b, in: title}]\n")
    when = ruleset.rules[0].when
    assert isinstance(when, AnyOf)
    assert when.children[0] == Phrase(text="a", location=when.children[0].location)
    assert when.children[1].field == "title"


def test_a_regex_that_backtracks_catastrophically_in_python_re_runs_in_linear_time() -> None:
    from streams.articles.model import Article
    from streams.ruleset.compiler import compile_rules
    from streams.ruleset.matcher import match_article

    compiled = compile_rules(load_rules_text('rules:\n  - id: redos\n    title: ReDoS\n    when: {regex: "(a+)+b"}\n'))
    # Python's re needs ~2^n steps to fail on this body; RE2 answers at once (a hang would hit the test timeout).
    body = "a" * 50_000 + "!"
    assert match_article(compiled, Article.create(title="x", body=body)) == []
    assert len(match_article(compiled, Article.create(title="x", body="aaab"))) == 1


def test_a_rule_set_too_large_to_compile_is_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from streams.ruleset import compiler

    monkeypatch.setattr(compiler, "MAX_TERMS", 1_000)
    aliases = ", ".join(f"alias{i}" for i in range(2_000))
    ruleset = load_rules_text(
        f"entities:\n  place:\n    big: [{aliases}]\nrules:\n  - id: big\n    title: Big\n    when: {{entity: place}}\n"
    )
    with pytest.raises(RuleError) as refused:
        compiler.compile_rules(ruleset)
    assert "the limit is 1,000 terms" in str(refused.value)
