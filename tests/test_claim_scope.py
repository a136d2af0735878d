"""A veto or a qualifier applies to the claim of its clause, never to the article."""

from __future__ import annotations

from streams.articles.model import Article
from streams.ruleset.compiler import compile_rules
from streams.ruleset.loader import load_rules_text
from streams.ruleset.matcher import match_article
from streams.text.clauses import apposition_end, clause_break, in_relative
from streams.text.normalise import WordStream

RULES = """
entities:
  place:
    homs: [Homs, حمص]
    hama: [Hama, حماة]
    idlib: [Idlib, إدلب]
  actor:
    army: [army, الجيش]
lists:
  change: [capture, enter, withdraw, سيطرة, occupy]
  veto: [deny, vow, pledge, نفي, تعهد]
rules:
  - id: change
    title: "{place} changed hands"
    when:
      all:
        - entity: place
        - any:
            - list: change
              near: place
              window: 8
              unless: [since]
              unless_window: 3
          unless: [outskirts, ريف, مناطق سيطرة]
          unless_window: 6
      none:
        - list: veto
          near: place
          window: 20
  - id: drill
    title: "{place} drill"
    when:
      all:
        - entity: place
        - [exercise]
      none: [cancelled]
"""
COMPILED = compile_rules(load_rules_text(RULES))


def places(body: str, title: str = "", rule: str = "change") -> set[str]:
    return {
        m.bindings["place"] for m in match_article(COMPILED, Article.create(title=title, body=body)) if m.rule == rule
    }


def test_a_veto_voids_the_claim_of_its_own_clause() -> None:
    assert places("The army denied that rebels entered Homs.") == set()
    assert places("Rebels vowed to capture Homs.") == set()


def test_a_veto_in_front_governs_its_complement_across_a_parenthesis() -> None:
    assert places("The army denied, on Wednesday, that rebels entered Homs.") == set()


def test_a_veto_inside_a_clause_a_connector_opens_governs_that_clause_only() -> None:
    assert places("While the army denied it, rebels said they entered Homs on Friday.") == {"homs"}
    assert places("After the army denied it for days, rebels entered Homs.") == {"homs"}
    # without the connector the veto in front governs what follows
    assert places("The army denied, on Wednesday, that rebels entered Homs.") == set()


def test_a_veto_in_another_clause_leaves_the_claim_standing() -> None:
    assert places("The army withdrew from Homs, and vowed to return within days.") == {"homs"}
    assert places("Rebels captured Homs; the army denied it.") == {"homs"}
    assert places("Rebels captured Homs after the army denied any retreat from Hama.") == {"homs"}


def test_a_party_denying_in_a_coordinated_clause_leaves_the_claim_standing() -> None:
    assert places("Rebels said they captured Homs and the army denied it.") == {"homs"}
    assert places("أعلن المتمردون سيطرتهم على حمص والجيش ينفي") == {"homs"}
    # a coordinator that joins places keeps them in the clause the veto governs
    assert places("Reports that rebels captured Homs and Hama were denied.") == set()


def test_a_veto_in_the_body_does_not_reach_the_title() -> None:
    assert places("The group pledged to rebuild the hospital of Homs.", title="Rebels capture Homs") == {"homs"}


def test_a_veto_removes_only_the_place_it_is_about() -> None:
    assert places("Rebels captured Hama. The army vowed to enter Homs.") == {"hama"}


def test_a_qualifier_of_the_previous_clause_does_not_reach_the_next() -> None:
    assert places("تقدمت الفصائل في ريف إدلب، وتمكنت من السيطرة على حماة.") == {"hama"}
    assert places("Fighting reached the outskirts of Homs, and rebels entered Hama.") == {"hama"}
    assert places("Rebels entered the outskirts of Homs.") == set()


def test_qualifiers_nest_each_with_its_window() -> None:
    assert places("Calm returned to Homs since its capture by rebels.") == set()
    # "since" is three words away at most; further back it qualifies something else
    assert places("Since the winter the army has held the hills, and rebels captured Homs.") == {"homs"}


def test_a_qualifier_may_contain_the_word_it_qualifies() -> None:
    assert places("استهدف القصف مناطق سيطرة الفصائل في حماة.") == set()


def test_a_hyphenated_control_word_is_an_adjective() -> None:
    assert places("Farmers near the rebel-occupied Idlib reported a quiet week.") == set()
    assert places("Rebels occupied Idlib.") == {"idlib"}


def test_none_without_near_still_removes_the_binding_everywhere() -> None:
    assert places("The Homs exercise went ahead.", rule="drill") == {"homs"}
    assert places("The Homs exercise went ahead. The next one was cancelled.", rule="drill") == set()


def test_a_relative_clause_after_a_name_holds_the_words_up_to_its_mark() -> None:
    words = WordStream.of("Kidal, which lies north of Gao near the border, has fallen")
    assert in_relative(words, 0, 4)  # Gao
    assert not in_relative(words, 0, 9)  # past the comma that closes it
    assert not in_relative(WordStream.of("Kidal, north of Gao, has fallen"), 0, 3)


def test_clause_marks_and_connectors() -> None:
    words = WordStream.of("Rebels entered Homs, and the army left; troops fled after dawn")
    assert not clause_break(words, 0, 2)
    assert clause_break(words, 2, 3)  # a comma
    assert clause_break(words, 6, 7)  # a semicolon
    assert clause_break(words, 8, 9)  # "after" opens a clause
    assert not clause_break(WordStream.of("the Kurdish-led forces"), 0, 3)
    assert clause_break(WordStream.of("حلب، وتمكنت"), 0, 1)
    denied = WordStream.of("denied, on Wednesday, that rebels")
    assert not clause_break(denied, 0, 4, coordinated=True)
    assert clause_break(WordStream.of("captured Homs, and vowed"), 1, 3, coordinated=True)
    # a mark before a word that includes more in what the clause is about opens none
    assert not clause_break(WordStream.of("lost several towns, including Homs"), 2, 4)
    assert not clause_break(WordStream.of("سيطروا على قرى عدة، بينها حلفايا"), 3, 5)


def test_a_name_is_the_subject_of_its_verb_past_an_apposition() -> None:
    # Closed by a comma or left open before an auxiliary, an apposition parts no subject from its verb.
    words = WordStream.of("Homs, the third largest city of the whole country, was captured")
    assert apposition_end(words, 0, words.word_count - 1) == words.word_count - 3
    assert places("Homs, the third largest city of the whole country, was captured.") == {"homs"}
    assert places("Homs, the third largest city of the whole country has been captured.") == {"homs"}
    # no article opens it: a clause of its own, whose verb is another's
    assert places("Homs, where the army kept its depots and its fighters for years, was captured.") == set()
    # a verb past an apposition longer than a description is another clause's
    long = (
        "Homs, the city that the army kept for years with its depots and fighters and allied militias from far"
        " abroad and the east, was captured."
    )
    assert places(long) == set()
