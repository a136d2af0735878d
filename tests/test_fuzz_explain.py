"""`newsalert explain` reads any article text: it explains what matching did, and prints it safely."""

from __future__ import annotations

import json
import re

from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st

from streams.articles.model import Article
from streams.display import format_explanation
from streams.ruleset.compiler import compile_rules
from streams.ruleset.explain import explain
from streams.ruleset.matcher import match_article
from streams.ruleset.model import AllOf, Entity, EntityRef, ListRef, NoneOf, Phrase, PhraseList, Rule, RuleSet

PLACES = {
    "homs": Entity("place", "homs", ("Homs", "حمص")),
    "damascus": Entity("place", "damascus", ("Damascus", "دمشق")),
    "rif-dimashq": Entity("place", "rif-dimashq", ("ريف دمشق",)),
}
LISTS = {
    "capture": PhraseList("capture", tuple(Phrase(text=t) for t in ("captur*", "entered", "سيطرت"))),
    "denial": PhraseList("denial", (Phrase(text="denied"), Phrase(text="نفى"))),
}
WHEN = AllOf(
    children=(
        EntityRef(type="place"),
        ListRef(name="capture", near="place", window=4, unless=Phrase(text="outskirts")),
        NoneOf(children=(ListRef(name="denial"),), near="place", window=20),
    )
)
COMPILED = compile_rules(
    RuleSet(
        rules=(Rule(id="r", title="{place}", when=WHEN, group_by=("place",)),), entities={"place": PLACES}, lists=LISTS
    )
)
WORDS = ["Homs", "حمص", "captured", "entered", "سيطرت", "denied", "نفى", "outskirts", "ريف دمشق", ". ", ", ", "-"]
# Text JSON would carry: lone surrogates, control and bidi characters included.
hostile_text = st.text(st.characters(codec=None, blacklist_categories=()), max_size=120)
pieces = st.lists(hostile_text | st.sampled_from(WORDS), max_size=12).map(" ".join)
# What a terminal must never be handed raw: C0 and C1 controls (a line break ends each line) and bidi overrides.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@FUZZ
@given(pieces, pieces)
def test_fuzz_explain_agrees_with_matching_and_prints_safely(title: str, body: str) -> None:
    article = Article.create(title=title, body=body)
    result = explain(COMPILED, "r", article)
    assert list(result.matches) == match_article(COMPILED, article)
    assert result.matched or result.failing()
    assert not UNSAFE.search(format_explanation(result))
    json.dumps(result.to_dict())
