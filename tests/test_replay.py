"""``newsalert eval --replay``: a set replayed through the alert stage, counting what users would have received."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.cli import main
from streams.evaluation import LabelledArticle, read_dataset
from streams.replay import Replay, arrival_order, format_replay, replay_dataset
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.loader import load_rules_text
from tests.fuzzing import FUZZ

RULES = """\
entities:
  place:
    homs: [Homs]
    hama: [Hama]
  actor:
    army: [the army, government troops]
    rebels: [rebels, insurgents]
lists:
  gained: [captured, recaptured, seized, entered, took control of]
  lost: [withdrew from, pulled out of]
rules:
  - id: control
    title: "{place} changes hands"
    when:
      all:
        - entity: place
        - any: [{list: gained}, {list: lost}]
          near: place
          window: 8
    group_by: [place]
    window: 24h
    cooldown: 6h
    control:
      gained: {list: gained}
      lost: {list: lost}
  - id: flood
    title: "{place}: flooding"
    when:
      all:
        - entity: place
        - any: [flooded, floods]
          near: place
    group_by: [place]
    window: 24h
"""

NOW = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def compiled() -> CompiledRules:
    return compile_rules(load_rules_text(RULES))


def line(article_id: str, body: str, published: str | None = None, labels: list[Any] | None = None, **rest: Any) -> str:
    """One line of a set, in words written for these tests."""
    data: dict[str, Any] = {"id": article_id, "title": body[:40], "body": body, "lang": "en", "labels": labels or []}
    if published is not None:
        data["published_at"] = published
    return json.dumps({**data, **rest})


def replay(compiled: CompiledRules, *lines: str, rules: list[str] | None = None) -> Replay:
    return replay_dataset(compiled, read_dataset(lines), NOW, rules)


def label(place: str) -> dict[str, str]:
    return {"rule": "control", "place": place}


def test_the_same_change_told_by_three_outlets_is_one_alert(compiled: CompiledRules) -> None:
    result = replay(
        compiled,
        line("a", "Rebels captured Homs at dawn, residents said.", "2029-03-01T06:00Z", [label("homs")], source="one"),
        line("b", "Insurgents have seized Homs after a night of fighting.", "2029-03-01T09:00Z", source="two"),
        line("c", "The rebels took control of Homs on Saturday.", "2029-03-01T15:00Z", source="three"),
    )
    [alert] = result.alerts
    assert (alert.rule, alert.place, alert.kind, alert.first.id) == ("control", "homs", "opened", "a")
    assert [a.id for a in alert.folded] == ["b", "c"]
    assert alert.verdict == "right" and (result.told, result.labelled) == (1, 1)
    counts = result.counts()
    assert (counts["matches"], counts["alerts"], counts["folded"], counts["unheard"]) == (3, 1, 2, 0)
    assert counts["revisions"] == alert.revisions >= 1  # the third outlet crosses the corroboration threshold


def test_a_restatement_days_later_repeats_the_holder_and_raises_nothing(compiled: CompiledRules) -> None:
    result = replay(
        compiled,
        line("a", "Rebels captured Homs at dawn.", "2029-03-01T06:00Z", source="one"),
        line("b", "A week after rebels captured Homs, the markets reopened.", "2029-03-08T06:00Z", source="two"),
    )
    [alert] = result.alerts
    assert [a.id for a in alert.folded] == ["b"]
    assert result.resolved == 1  # the story ended with its window, before the restatement came


def test_a_change_then_its_reversal_are_two_alerts(compiled: CompiledRules) -> None:
    result = replay(
        compiled,
        line("a", "Rebels captured Homs from the army at dawn.", "2029-03-01T06:00Z", [label("homs")], source="one"),
        line("b", "Government troops recaptured Homs from the rebels.", "2029-03-01T20:00Z", [label("homs")]),
        line("c", "The army recaptured Homs, state media said.", "2029-03-02T01:00Z", source="three"),
    )
    assert [(a.kind, a.first.id, [f.id for f in a.folded]) for a in result.alerts] == [
        ("opened", "a", []),
        ("reversed", "b", ["c"]),  # in the story still open: a change of control that notifies
    ]
    assert all(a.verdict == "right" for a in result.alerts) and (result.told, result.labelled) == (2, 2)
    later = replay(
        compiled,
        line("a", "Rebels captured Homs at dawn.", "2029-03-01T06:00Z"),
        line("b", "Government troops recaptured Homs from the rebels.", "2029-03-20T06:00Z"),
    )
    assert [a.kind for a in later.alerts] == ["opened", "opened"]  # the first story was over: a new one


def test_ordinary_news_gives_alerts_per_thousand_articles(compiled: CompiledRules) -> None:
    quiet = [
        line(f"q{i}", f"The council met for the {i}th time to discuss the budget.", "2029-05-01") for i in range(6)
    ]
    result = replay(
        compiled,
        *quiet,
        line("f1", "Floods swept through Hama overnight.", "2029-05-02"),
        line("f2", "Hama flooded again as the river rose.", "2029-05-02"),
        line("h", "Rebels seized Homs, a witness said.", "2029-05-03", also=["homs"]),
        line("x", "Nothing new from the front.", "2029-05-04"),
    )
    assert result.judged is None  # labelled [] throughout: every rule is judged
    counts = result.counts()
    assert (counts["articles"], counts["matches"], counts["alerts"], counts["alerts_per_1000"]) == (10, 3, 2, 200.0)
    assert counts["matches_per_1000"] == 300.0
    assert counts["by_language"] == {"en": {"articles": 10, "alerts": 2, "alerts_per_1000": 200.0}}
    assert [(a.rule, a.place, a.verdict) for a in result.alerts] == [
        ("flood", "hama", "false-alarm"),
        ("control", "homs", "also"),
    ]
    only = replay(compiled, *quiet, line("h", "Rebels seized Homs.", "2029-05-03"), rules=["flood"])
    assert only.alerts == [] and only.matches == 0


def test_articles_out_of_order_are_replayed_in_published_order(compiled: CompiledRules) -> None:
    result = replay(
        compiled,
        line("late", "Government troops recaptured Homs from the rebels.", "2029-03-09"),
        line("early", "Rebels captured Homs at dawn.", "2029-03-01"),
    )
    assert [(a.first.id, a.kind) for a in result.alerts] == [("early", "opened"), ("late", "opened")]
    assert result.first_at == datetime(2029, 3, 1, tzinfo=UTC)


def test_undated_and_future_dated_articles_arrive_at_their_place_in_the_file() -> None:
    items = read_dataset(
        [
            line("u0", "Nothing yet."),
            line("d1", "One.", "2029-03-05T10:00+02:00"),
            line("u1", "Two."),
            line("f1", "Three.", "2999-01-01"),
            line("d0", "Four.", "2029-03-01"),
        ]
    )
    ordered, undated, future = arrival_order(items, NOW)
    assert (undated, future) == (2, 1)
    first = datetime(2029, 3, 5, 8, tzinfo=UTC)
    assert [(item.article.id, at) for at, item in ordered] == [
        ("d0", datetime(2029, 3, 1, tzinfo=UTC)),
        ("u0", first),  # before any date: at the first dated article's time, ahead of it in the file
        ("d1", first),
        ("u1", first),
        ("f1", first),
    ]
    nothing_dated, _, _ = arrival_order(read_dataset([line("a", "One."), line("b", "Two.")]), NOW)
    assert [(item.article.id, at) for at, item in nothing_dated] == [("a", NOW), ("b", NOW)]


def test_a_future_date_cannot_hold_a_story_open(compiled: CompiledRules) -> None:
    result = replay(
        compiled,
        line("a", "Rebels captured Homs at dawn.", "2029-03-01T06:00Z"),
        line("b", "Insurgents seized Homs, it was said.", "2999-01-01"),
        line("c", "Government troops recaptured Homs from the rebels.", "2029-03-10"),
    )
    assert [(a.first.id, [f.id for f in a.folded]) for a in result.alerts] == [("a", ["b"]), ("c", [])]


def test_the_report_lists_each_alert_and_its_folded_articles(compiled: CompiledRules) -> None:
    result = replay(
        compiled,
        line("a", "Rebels captured Homs at dawn.", "2029-03-01T06:00Z", source="one"),
        line("b", "Insurgents have seized Homs.", "2029-03-01T07:00Z", source="two"),
    )
    text = format_replay(result)
    assert "stream: 1 alerts (500.0 per 1,000 articles)" in text
    assert "false-alarm 2029-03-01 06:00  control  place=homs  opened  2 articles" in text
    assert "folded: b" in text and "      told: Homs: unknown → rebels (" in text
    assert "per language: en 2 articles, 1 alerts (500.0 per 1,000)" in text
    data = result.to_dict()
    assert data["mode"] == "replay" and data["alerts"] == 1
    [alert] = data["alerts_list"]
    assert (alert["first"]["article_id"], [f["article_id"] for f in alert["folded"]]) == ("a", ["b"])


def test_eval_replay_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    dataset = tmp_path / "set.jsonl"
    dataset.write_text(
        "\n".join(
            [
                line("a", "Rebels captured Homs at dawn.", "2029-03-01", [label("homs")]),
                line("b", "Insurgents have seized Homs.", "2029-03-01"),
                line("c", "The council met.", None),
            ]
        ),
        encoding="utf-8",
    )
    assert main(["eval", str(dataset), "--rules", str(rules), "--replay", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["alerts"], report["right"], report["undated"], report["judged_rules"]) == (1, 1, 1, ["control"])
    assert main(["eval", str(dataset), "--rules", str(rules), "--replay"]) == 0
    assert "labelled reports told: 1 of 1" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["eval", str(dataset), "--rules", str(rules), "--replay", "--min-f1", "0.5"])
    assert refused.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


DATES = st.one_of(
    st.none(),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00+05:00", "9999-12-31T23:59-05:00", "2029-03-01", "2999-01-01"]),
)


@FUZZ
@given(st.lists(st.tuples(DATES, st.sampled_from(["Rebels captured Homs.", "The army recaptured Homs.", "Quiet."]))))
def test_fuzz_any_dates_replay_every_article_in_time_order(
    compiled: CompiledRules, rows: list[tuple[str | None, str]]
) -> None:
    items: list[LabelledArticle] = read_dataset([line(str(i), body, date) for i, (date, body) in enumerate(rows)])
    ordered, _, _ = arrival_order(items, NOW)
    assert sorted(item.article.id for _, item in ordered) == sorted(item.article.id for item in items)
    times = [at for at, _ in ordered]
    assert times == sorted(times) and all(at <= NOW for at in times)
    result = replay_dataset(compiled, items, NOW)
    assert result.counts()["matches"] == len(result.alerts) + result.counts()["folded"] + result.unheard
