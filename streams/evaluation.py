"""Detection quality on a labelled set: precision, recall and F1 per rule and per language.

A labelled item is (article, rule, place); the place is the entity bound to
``place`` (the first group_by type when a rule has another). A match counts
when the same rule binds the same place in the same article.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from streams.articles.model import Article
from streams.errors import ArticleError
from streams.ruleset.compiler import CompiledRules
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match
from streams.ruleset.model import RuleSet
from streams.text.normalise import fold


@dataclass(frozen=True)
class LabelledArticle:
    """An article with the (rule, place, actor) changes a reader says it reports."""

    article: Article
    labels: tuple[dict[str, str], ...]


def read_dataset(lines: Iterable[str], origin: str = "<dataset>") -> list[LabelledArticle]:
    """Parse a JSONL labelled set; a bad line raises ``ArticleError`` naming ``origin:line``."""
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            labels = tuple(data.pop("labels", None) or ())
            article = Article.from_dict(data)
        except (json.JSONDecodeError, ArticleError, AttributeError, TypeError) as exc:
            raise ArticleError(f"{origin}:{number}: {exc}") from exc
        items.append(LabelledArticle(article, labels))
    return items


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, with the derived rates."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    # Of the true positives whose label names an actor: was the winner read right?
    actor_right: int = 0
    actor_wrong: int = 0

    @property
    def precision(self) -> float:
        """Share of alarms that were right (1.0 when nothing was raised)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled changes that were found (1.0 when there were none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def actor_accuracy(self) -> float:
        """Share of found changes whose new controller was read right (1.0 when none was labelled)."""
        judged = self.actor_right + self.actor_wrong
        return self.actor_right / judged if judged else 1.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rates, rounded for reading."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "actor_right": self.actor_right,
            "actor_wrong": self.actor_wrong,
            "actor_accuracy": round(self.actor_accuracy, 4),
        }


@dataclass(frozen=True)
class Outcome:
    """One miss or false alarm, with what the matcher saw."""

    kind: str  # "miss" | "false-alarm" | "wrong-actor"
    article: Article
    rule: str
    place: str
    match: Match | None = None
    expected_actor: str | None = None


@dataclass
class Evaluation:
    """Scores overall, per rule and per language, and every error to look at."""

    overall: Score = field(default_factory=Score)
    by_rule: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_language: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[Outcome] = field(default_factory=list)
    articles: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``newsalert eval --json``."""
        return {
            "articles": self.articles,
            "overall": self.overall.to_dict(),
            "by_rule": {k: v.to_dict() for k, v in sorted(self.by_rule.items())},
            "by_language": {k: v.to_dict() for k, v in sorted(self.by_language.items())},
            "errors": [
                {
                    "kind": e.kind,
                    "article_id": e.article.id,
                    "title": e.article.title,
                    "rule": e.rule,
                    "place": e.place,
                    "expected_actor": e.expected_actor,
                    "found_actor": _winner(e.match),
                    "evidence": [ev.to_dict() for ev in e.match.evidence] if e.match else [],
                }
                for e in self.errors
            ],
        }


def _place(match: Match) -> str:
    if "place" in match.bindings:
        return match.bindings["place"]
    return next(iter(match.bindings.values()), "")


class LabelIds:
    """Maps a labelled set's own place and actor ids onto the rule set's entities.

    A labeller may write ``saraqeb`` or ``ras-al-ain`` where the gazetteer says
    ``saraqib`` and ``ras-al-ayn``: an id that is no entity id is looked up among
    every entity's id, name and aliases, folded (case, hyphens, spaces, Arabic
    letter variants), and left as it is when nothing fits.
    """

    def __init__(self, ruleset: RuleSet) -> None:
        self.known: dict[str, dict[str, str]] = {}
        for type_, entities in ruleset.entities.items():
            names = self.known[type_] = {}
            for entity in entities.values():
                for name in (entity.id, entity.name, *entity.aliases):
                    for key in _keys(name):
                        names.setdefault(key, entity.id)

    def __call__(self, type_: str, value: str) -> str:
        """The rule set's id for the labelled ``value`` of ``type_``."""
        names = self.known.get(type_, {})
        if value in names.values():
            return value
        return next((names[key] for key in _keys(value) if key in names), value)


def _keys(name: str) -> tuple[str, ...]:
    folded = fold(name.replace("-", " "))
    return (folded, folded.replace(" ", "")) if folded else ()


def _winner(match: Match | None) -> str | None:
    return match.claim.winner if match is not None and match.claim is not None else None


def evaluate_dataset(
    compiled: CompiledRules,
    items: Iterable[LabelledArticle],
    rules: set[str] | None = None,
    on_judged: Callable[[LabelledArticle], None] | None = None,
) -> Evaluation:
    """Score the matcher on ``items``; only rules in ``rules`` (default: every labelled rule) are judged.

    ``on_judged`` is called after each item, for a caller that shows progress.
    """
    items = list(items)
    judged = rules or {label["rule"] for item in items for label in item.labels}
    result = Evaluation(articles=len(items))
    ids = LabelIds(compiled.ruleset)
    for item in items:
        language = item.article.lang or "unknown"
        actors = {
            (label["rule"], ids("place", label.get("place", ""))): label.get("actor") and ids("actor", label["actor"])
            for label in item.labels
        }
        expected = {key for key in actors if key[0] in judged}
        found: dict[tuple[str, str], Match] = {}
        for match in match_article(compiled, item.article):
            if match.rule in judged:
                found.setdefault((match.rule, _place(match)), match)
        for key in expected | found.keys():
            rule, place = key
            scores = (result.overall, result.by_rule[rule], result.by_language[language])
            if key in expected and key in found:
                for score in scores:
                    score.tp += 1
                if actors[key] and found[key].claim is not None:
                    right = _winner(found[key]) == actors[key]
                    for score in scores:
                        score.actor_right += right
                        score.actor_wrong += not right
                    if not right:
                        result.errors.append(Outcome("wrong-actor", item.article, rule, place, found[key], actors[key]))
            elif key in found:
                for score in scores:
                    score.fp += 1
                result.errors.append(Outcome("false-alarm", item.article, rule, place, found[key]))
            else:
                for score in scores:
                    score.fn += 1
                result.errors.append(Outcome("miss", item.article, rule, place))
        if on_judged is not None:
            on_judged(item)
    return result


def format_evaluation(evaluation: Evaluation) -> str:
    """A table per rule and per language, then every miss and false alarm with its evidence."""
    lines = [f"{evaluation.articles} articles"]
    header = f"{'':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'actor':>6}"

    def row(name: str, score: Score) -> str:
        return (
            f"{name:24} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.tp:4} {score.fp:4} "
            f"{score.fn:4} {score.actor_accuracy:6.3f}"
        )

    lines += [header, row("overall", evaluation.overall)]
    lines += [row(f"rule {name}", s) for name, s in sorted(evaluation.by_rule.items())]
    lines += [row(f"lang {name}", s) for name, s in sorted(evaluation.by_language.items())]
    for error in evaluation.errors:
        lines.append(
            f"\n{error.kind.upper()} {error.rule} place={error.place} in {error.article.id!r}: {error.article.title}"
        )
        if error.kind == "wrong-actor":
            lines.append(f"  actor: expected {error.expected_actor}, read {_winner(error.match) or 'none'}")
        if error.match:
            for evidence in error.match.evidence:
                lines.append(f"  «{evidence.text}» ({evidence.term}): {evidence.snippet}")
        else:
            lines.append(f"  body: {error.article.body[:300]}")
    return "\n".join(lines)
