"""What users would have received from a set of articles: ``newsalert eval --replay``.

The per-article evaluation (:mod:`streams.evaluation`) counts every article whose match binds a place as
an alert. The worker does not alert per article: the alert stage folds matches into stories, keeps who
controls each place, and notifies by its rules' windows and cooldowns. A replay runs the set through that
same stage (:func:`streams.alerting.stage.take_match`, on a dict instead of the worker's table) and
counts what would have been sent.

Order and time: the set arrives in published order, each article at its own publication (so a story's
window and cooldown run in the set's own time). An article without a date, or dated after ``now`` (a
wrong date: the worker bounds it by arrival too), arrives at its place in the file: right after the
article before it, at that article's time. Articles published at the same moment keep the file's
order. A set with no date at all arrives at ``now`` in one burst, so only folding within a window shows.
Before each article, stories quiet for a whole window are resolved, as the worker's ticks do.

What is counted, per judged rule (as in :func:`~streams.evaluation.judged_rules`):

- an *alert* is what a user is told of something new: a story opened, or a change of control that
  notifies in a story already open (a place changing hands again, a reversal);
- a *revision* is any other notification of a story already told (more outlets, an update past the
  cooldown, a change confirmed, identified or disputed); a story's end is counted apart (*resolved*);
- each matching article is *folded* into the latest alert of its story key (rule and place) when it
  raises no alert of its own, whether it grew the story, revised it, or repeated a change already known;
  an article whose story was never told (its claim repeats a seeded holder, or it was stale) is *unheard*.

Judged by labels: an alert is ``right`` when one of its articles (the first or one folded into it) is
labelled with the alert's (rule, place), ``also`` when none is but one of them mentions the place in
passing (``also``), else ``false-alarm``. A labelled report is *told* when its article is one of the
articles of an alert of the same rule and place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from streams.alerting.alert import Alert, AlertKind, utc
from streams.alerting.control import ChangeKind
from streams.alerting.similarity import with_fingerprints
from streams.alerting.stage import Sent, take_match, take_tick
from streams.alerting.story import Policies
from streams.articles.model import Article
from streams.evaluation import LabelIds, LabelledArticle, PlaceLookup, bound_place, judged_rules
from streams.ruleset.compiler import CompiledRules
from streams.ruleset.matcher import match_article

# Changes of control that tell a user something new even inside a story already told.
NEW_CHANGES = frozenset({ChangeKind.changed.value, ChangeKind.reversed.value})


@dataclass
class ReplayedAlert:
    """One alert a user would have received: what raised it, and every article folded into it since."""

    kind: str  # "opened", or the change of control that notified in an open story ("changed", "reversed")
    rule: str
    place: str
    alert_id: str
    at: datetime
    title: str
    first: Article
    folded: list[Article] = field(default_factory=list)
    revisions: int = 0
    resolved: bool = False
    verdict: str = "false-alarm"  # "right" | "also" | "false-alarm"

    @property
    def articles(self) -> list[Article]:
        """The first article and every one folded into the alert, in arrival order."""
        return [self.first, *self.folded]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of one alert of ``newsalert eval --replay --json``."""
        return {
            "rule": self.rule,
            "place": self.place,
            "kind": self.kind,
            "verdict": self.verdict,
            "at": self.at.isoformat(),
            "title": self.title,
            "alert_id": self.alert_id,
            "first": _article(self.first),
            "folded": [_article(article) for article in self.folded],
            "articles": len(self.folded) + 1,
            "revisions": self.revisions,
            "resolved": self.resolved,
        }


def _article(article: Article) -> dict[str, Any]:
    published = article.published_at.isoformat() if article.published_at else None
    return {"article_id": article.id, "title": article.title, "published_at": published, "lang": article.lang}


@dataclass
class Replay:
    """What a replay of a set sent: every alert, the counts, and how the labels judge them."""

    articles: int = 0
    articles_by_language: dict[str, int] = field(default_factory=dict)
    judged: tuple[str, ...] | None = None
    undated: int = 0
    future: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    matches: int = 0  # (article, rule, place) matched: the per-article evaluation's alerts
    alerts: list[ReplayedAlert] = field(default_factory=list)
    revisions: int = 0
    resolved: int = 0
    unheard: int = 0
    labelled: int = 0
    told: int = 0

    def counts(self) -> dict[str, Any]:
        """The figures, with rates per 1,000 articles."""
        verdicts = {v: sum(a.verdict == v for a in self.alerts) for v in ("right", "also", "false-alarm")}
        return {
            "articles": self.articles,
            "undated": self.undated,
            "dated_in_future": self.future,
            "matches": self.matches,
            "matches_per_1000": _per_thousand(self.matches, self.articles),
            "alerts": len(self.alerts),
            "alerts_per_1000": _per_thousand(len(self.alerts), self.articles),
            "new_stories": sum(a.kind == AlertKind.opened.value for a in self.alerts),
            "changes_in_open_stories": sum(a.kind != AlertKind.opened.value for a in self.alerts),
            "revisions": self.revisions,
            "revisions_per_1000": _per_thousand(self.revisions, self.articles),
            "resolved": self.resolved,
            "folded": sum(len(a.folded) for a in self.alerts),
            "unheard": self.unheard,
            **verdicts,
            "labelled_reports": self.labelled,
            "told": self.told,
            "by_language": self.by_language(),
        }

    def by_language(self) -> dict[str, dict[str, Any]]:
        """Articles and alerts per language (an alert's is its first article's), with the rate per 1,000."""
        alerts = Counter(_language(alert.first) for alert in self.alerts)
        return {
            language: {
                "articles": count,
                "alerts": alerts[language],
                "alerts_per_1000": _per_thousand(alerts[language], count),
            }
            for language, count in sorted(self.articles_by_language.items())
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``newsalert eval --replay --json``."""
        return {
            "mode": "replay",
            "judged_rules": list(self.judged) if self.judged is not None else "all",
            "from": self.first_at.isoformat() if self.first_at else None,
            "to": self.last_at.isoformat() if self.last_at else None,
            **self.counts(),
            "alerts_list": [alert.to_dict() for alert in self.alerts],
        }


def _language(article: Article) -> str:
    return article.lang or "unknown"


def _per_thousand(count: int, articles: int) -> float:
    return round(1000 * count / articles, 2) if articles else 0.0


def arrival_order(
    items: Iterable[LabelledArticle], now: datetime
) -> tuple[list[tuple[datetime, LabelledArticle]], int, int]:
    """Each item with its arrival, in the order a replay takes them; and how many were undated, dated after ``now``.

    A dated item arrives at its publication; an undated one (or one dated after ``now``) right after the
    item before it in the file, at that item's time (the first dated item's time, or ``now``, for those
    that come first). Ties keep the file's order.
    """
    now = utc(now)
    items = list(items)
    dates: list[datetime | None] = []
    undated = future = 0
    for item in items:
        published = _published(item.article)
        if published is None:
            undated += 1
        elif published > now:
            future += 1
            published = None
        dates.append(published)
    clock = next((date for date in dates if date is not None), now)
    keyed = []
    for index, (item, date) in enumerate(zip(items, dates, strict=True)):
        clock = date if date is not None else clock
        keyed.append((clock, index, item))
    keyed.sort(key=lambda entry: (entry[0], entry[1]))
    return [(at, item) for at, _, item in keyed], undated, future


def _published(article: Article) -> datetime | None:
    if article.published_at is None:
        return None
    try:
        return utc(article.published_at)
    except OverflowError:  # within a day of year 1 or 9999: no usable date
        return None


def replay_dataset(
    compiled: CompiledRules,
    items: Iterable[LabelledArticle],
    now: datetime,
    rules: Iterable[str] | None = None,
    on_judged: Callable[[LabelledArticle], None] | None = None,
    lookup: PlaceLookup | None = None,
) -> Replay:
    """Replay ``items`` through the alert stage in published order (see the module) and judge what it sent.

    ``now``: the present, after which a date is taken as wrong. ``rules``, ``lookup`` and ``on_judged`` are
    as for :func:`~streams.evaluation.evaluate_dataset`.
    """
    items = list(items)
    judged = judged_rules(items, rules)
    ordered, undated, future = arrival_order(items, now)
    result = Replay(articles=len(items), judged=tuple(sorted(judged)) if judged is not None else None)
    result.articles_by_language = dict(Counter(_language(item.article) for item in items))
    result.undated, result.future = undated, future
    if ordered:
        result.first_at, result.last_at = ordered[0][0], ordered[-1][0]
    ruleset = compiled.ruleset
    ids = LabelIds(ruleset, lookup)
    policies = Policies()
    stories: dict[str, Any] = {}
    by_id: dict[str, ReplayedAlert] = {}  # the alert a story (by its alert id) last told
    latest: dict[str, ReplayedAlert] = {}  # the latest alert of each story key
    for arrival, item in ordered:
        for sent in take_tick(stories, ruleset, arrival, lambda _: True).sent:
            _count(result, by_id, sent)
        found = [m for m in match_article(compiled, item.article) if judged is None or m.rule in judged]
        result.matches += len({(m.rule, bound_place(m.bindings)) for m in found})
        for match in with_fingerprints(found, item.article):
            step = take_match(stories, match, ruleset, policies, arrival)
            raised = [alert for sent in step.sent if (alert := _count(result, by_id, sent, item.article))]
            if raised:
                latest[match.story_key] = raised[-1]
            elif match.story_key in latest:
                latest[match.story_key].folded.append(item.article)
            else:
                result.unheard += 1
        if on_judged is not None:
            on_judged(item)
    _judge(result, items, ids, judged)
    return result


def _count(
    result: Replay, by_id: dict[str, ReplayedAlert], sent: Sent, article: Article | None = None
) -> ReplayedAlert | None:
    """Count one revision sent; the new alert it raises for ``article`` (the match that sent it), if any."""
    alert = sent.alert
    change = alert.control.get("change") if alert.control else None
    if article is not None and (
        alert.kind is AlertKind.opened or (alert.kind is AlertKind.escalated and change in NEW_CHANGES)
    ):
        raised = _raised(alert, article)
        result.alerts.append(raised)
        by_id[alert.id] = raised
        return raised
    told = by_id.get(alert.id)
    if alert.kind is AlertKind.resolved:
        result.resolved += 1
        if told is not None:
            told.resolved = True
    else:
        result.revisions += 1
        if told is not None:
            told.revisions += 1
    return None


def _raised(alert: Alert, article: Article) -> ReplayedAlert:
    kind = alert.kind.value if alert.kind is AlertKind.opened else str(alert.control["change"] if alert.control else "")
    return ReplayedAlert(
        kind=kind,
        rule=alert.rule,
        place=bound_place(alert.bindings),
        alert_id=alert.id,
        at=alert.revised_at,
        title=alert.title,
        first=article,
    )


def _judge(result: Replay, items: list[LabelledArticle], ids: LabelIds, judged: set[str] | None) -> None:
    """Give each alert its verdict, and count the labelled reports and those an alert told."""
    expected: dict[str, set[tuple[str, str]]] = {}
    passing: dict[str, set[tuple[str | None, str]]] = {}
    alerted: dict[str, set[str]] = {}  # article id → the places its alerts name, to settle namesakes
    for alert in result.alerts:
        for article in alert.articles:
            alerted.setdefault(article.id, set()).add(alert.place)
    for item in items:
        places = alerted.get(item.article.id, set())
        labels = {(label["rule"], ids("place", label["place"], places)) for label in item.labels}
        expected[item.article.id] = {key for key in labels if judged is None or key[0] in judged}
        passing[item.article.id] = {(rule, ids("place", place, places)) for rule, place in item.also}
    told: set[tuple[str, str, str]] = set()
    for alert in result.alerts:
        key = (alert.rule, alert.place)
        ids_of = [article.id for article in alert.articles]
        if any(key in expected.get(i, ()) for i in ids_of):
            alert.verdict = "right"
        elif any(key in passing.get(i, ()) or (None, alert.place) in passing.get(i, ()) for i in ids_of):
            alert.verdict = "also"
        told.update((i, *key) for i in ids_of if key in expected.get(i, ()))
    result.labelled = sum(len(keys) for keys in expected.values())
    result.told = len(told)


def format_replay(replay: Replay) -> str:
    """The figures, then every alert: verdict, time, rule, place, kind, articles, first title, what it told, folded ids."""
    counts = replay.counts()
    judged = ", ".join(replay.judged) if replay.judged is not None else "every rule (no label names one)"
    span = (
        f"{replay.first_at:%Y-%m-%d %H:%M} → {replay.last_at:%Y-%m-%d %H:%M} UTC"
        if replay.first_at and replay.last_at
        else "nothing"
    )
    lines = [
        f"{replay.articles} articles replayed in published order ({span}; {replay.undated} undated, "
        f"{replay.future} dated after now, both taken at their place in the file); judged: {judged}",
        f"per article: {counts['matches']} matches ({counts['matches_per_1000']} per 1,000 articles)",
        f"stream: {counts['alerts']} alerts ({counts['alerts_per_1000']} per 1,000 articles): "
        f"{counts['new_stories']} new stories, {counts['changes_in_open_stories']} changes of control in open stories; "
        f"{counts['revisions']} revisions ({counts['revisions_per_1000']} per 1,000), {counts['resolved']} resolved; "
        f"{counts['folded']} articles folded into alerts, {counts['unheard']} unheard",
        f"by the labels: {counts['right']} right, {counts['also']} also, {counts['false-alarm']} false alarms; "
        f"labelled reports told: {counts['told']} of {counts['labelled_reports']}",
        "per language: "
        + "; ".join(
            f"{language} {row['articles']} articles, {row['alerts']} alerts ({row['alerts_per_1000']} per 1,000)"
            for language, row in counts["by_language"].items()
        ),
    ]
    for alert in replay.alerts:
        lines.append(
            f"  {alert.verdict:11} {alert.at:%Y-%m-%d %H:%M}  {alert.rule}  place={alert.place}  {alert.kind}  "
            f"{len(alert.articles)} article{'s' * (len(alert.articles) != 1)}, {alert.revisions} revisions  "
            f"{alert.first.id}: {alert.first.title}"
        )
        lines.append(f"      told: {alert.title}")
        if alert.folded:
            lines.append(f"      folded: {', '.join(article.id for article in alert.folded)}")
    return "\n".join(lines)
