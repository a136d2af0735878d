"""Detection quality on a labelled set: precision, recall and F1 per rule and per language, and every alert.

A labelled item is an article with the (rule, place) changes a reader says it
reports (``labels``) and the places it mentions in passing that may alert or
not (``also``); the format is in ``docs/rules.md``. The place of a match is the
entity bound to ``place`` (the first binding when a rule has none). A match
counts when the same rule binds the same place in the same article; a match of
an ``also`` place counts neither way.

Only the judged rules count: those named with ``rules``, else those some label
names, else (a set of ordinary news labelled ``[]`` throughout) every rule, so
that whatever fires on it is a false alarm.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from streams.articles.model import Article
from streams.errors import ArticleError
from streams.places import Gazetteer
from streams.places.scripts import arabic_skeleton, name_skeleton
from streams.places.transliterate import arabic_spellings
from streams.ruleset.compiler import CompiledRules
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match
from streams.ruleset.model import RuleSet
from streams.ruleset.unlisted import is_unlisted, unlisted_name
from streams.text.normalise import fold

# A label: {"rule": …, "place": …} and, for a change of control, the new holder as "actor".
Label = dict[str, str]
# A place mentioned in passing, for one rule or (None) for every rule.
Also = tuple[str | None, str]


@dataclass(frozen=True)
class LabelledArticle:
    """An article, the changes a reader says it reports, and the places it only mentions in passing."""

    article: Article
    labels: tuple[Label, ...]
    also: tuple[Also, ...] = ()


def read_dataset(lines: Iterable[str], origin: str = "<dataset>") -> list[LabelledArticle]:
    """Parse a JSONL labelled set; a bad line raises ``ArticleError`` naming ``origin:line``."""
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ArticleError(f"a labelled article is a JSON object, not {type(data).__name__}")
            labels = tuple(_label(label) for label in _listed(data.pop("labels", None), "labels"))
            also = tuple(_also(place) for place in _listed(data.pop("also", None), "also"))
            article = Article.from_dict(data)
        except (json.JSONDecodeError, ArticleError, AttributeError, TypeError) as exc:
            raise ArticleError(f"{origin}:{number}: {exc}") from exc
        items.append(LabelledArticle(article, labels, also))
    return items


def _listed(value: object, key: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ArticleError(f"'{key}' must be a list, not {type(value).__name__}")
    return value


def _label(value: object) -> Label:
    if not isinstance(value, dict) or not isinstance(value.get("rule"), str) or not isinstance(value.get("place"), str):
        raise ArticleError(f'a label is {{"rule": ID, "place": ID}} (and maybe "actor"), not {json.dumps(value)}')
    if not all(isinstance(v, str) for v in value.values()):
        raise ArticleError(f"a label's values are strings: {json.dumps(value)}")
    return dict(value)


def _also(value: object) -> Also:
    if isinstance(value, str):
        return (None, value)
    if isinstance(value, dict) and isinstance(value.get("place"), str) and isinstance(value.get("rule", ""), str):
        return (value.get("rule"), value["place"])
    raise ArticleError(f'an \'also\' entry is a place or {{"rule": ID, "place": ID}}, not {json.dumps(value)}')


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


@dataclass(frozen=True)
class Alert:
    """One match of a judged rule: what the stream would have raised, and how the labels judge it."""

    verdict: str  # "found" (labelled) | "false-alarm" | "also" (a place mentioned in passing)
    article: Article
    rule: str
    place: str
    match: Match

    def to_dict(self) -> dict[str, Any]:
        """Article, rule, place, verdict, the words that made the match and the winner read."""
        return {
            "article_id": self.article.id,
            "title": self.article.title,
            "lang": self.article.lang,
            "rule": self.rule,
            "place": self.place,
            "verdict": self.verdict,
            "winner": _winner(self.match),
            "evidence": [evidence.text for evidence in self.match.evidence],
        }


def _per_thousand(count: int, articles: int) -> float:
    return round(1000 * count / articles, 2) if articles else 0.0


@dataclass
class Evaluation:
    """Scores overall, per rule and per language, every alert, and every error to look at.

    ``judged`` is the rules that counted (None: every rule, for a set no label names a rule in).
    """

    overall: Score = field(default_factory=Score)
    by_rule: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_language: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[Outcome] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    articles: int = 0
    articles_by_language: dict[str, int] = field(default_factory=dict)
    judged: tuple[str, ...] | None = None

    def rates(self, language: str | None = None) -> dict[str, float | int]:
        """Alerts and false alarms, in all and per 1,000 articles (of ``language``, or of the set)."""
        articles = self.articles if language is None else self.articles_by_language.get(language, 0)
        alerts = [a for a in self.alerts if language is None or (a.article.lang or "unknown") == language]
        false = sum(a.verdict == "false-alarm" for a in alerts)
        return {
            "articles": articles,
            "alerts": len(alerts),
            "alerts_per_1000": _per_thousand(len(alerts), articles),
            "false_alarms": false,
            "false_alarms_per_1000": _per_thousand(false, articles),
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``newsalert eval --json``."""
        return {
            "articles": self.articles,
            "judged_rules": list(self.judged) if self.judged is not None else "all",
            "overall": {**self.overall.to_dict(), **self.rates()},
            "by_rule": {k: v.to_dict() for k, v in sorted(self.by_rule.items())},
            "by_language": {
                k: {**v.to_dict(), **self.rates(k)}
                for k, v in sorted(self.by_language.items(), key=lambda item: item[0])
            },
            "alerts": [alert.to_dict() for alert in self.alerts],
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


def bound_place(bindings: dict[str, str]) -> str:
    """The place of a match or an alert: the entity bound to ``place``, else the first binding."""
    if "place" in bindings:
        return bindings["place"]
    return next(iter(bindings.values()), "")


# Another way to name a place: a label (an id, a slug or an alias in any script) → its place's slug, or None.
PlaceLookup = Callable[[str], str | None]


class LabelIds:
    """Maps a labelled set's own place and actor ids onto the rule set's entities.

    A labeller may write ``saraqeb``, ``Wad Madani`` or ``geonames:364103`` where the rule set says
    ``saraqib`` and ``wad-medani``. A value that is an entity id is kept. Otherwise ``lookup`` (the
    gazetteer's :meth:`~streams.places.Gazetteer.resolve`, when the rule set watches one) settles a
    place: it knows GeoNames ids, and of namesakes it picks the dominant one or none. Then every
    entity's id, name and aliases, folded (case, hyphens, spaces, Arabic letter variants), are tried;
    a value nothing fits is left as it is, so it shows as a miss.
    """

    def __init__(self, ruleset: RuleSet, lookup: PlaceLookup | None = None) -> None:
        self.ids = {type_: set(entities) for type_, entities in ruleset.entities.items()}
        self.entities = ruleset.entities
        # folded name → the ids of every entity that bears it, the first defined first
        self.known: dict[str, dict[str, dict[str, None]]] = {}
        self.lookup = lookup if lookup is not None else gazetteer_lookup(ruleset)
        for type_, entities in ruleset.entities.items():
            names = self.known[type_] = {}
            for entity in entities.values():
                for name in (entity.id, entity.name, *entity.aliases):
                    for key in _keys(name):
                        names.setdefault(key, {})[entity.id] = None

    def __call__(self, type_: str, value: str, found: Collection[str] = ()) -> str:
        """The rule set's id for the labelled ``value`` of ``type_``.

        A name several entities bear ("Homs" is also a Libyan town's) means the one among ``found`` (what
        the matcher bound in the labelled article) when one of them is there: the label names the place,
        and which namesake the article means is the matcher's to get right, and a miss's to show."""
        ids = self.ids.get(type_, set())
        names = self.known.get(type_, {})
        namesakes = [entity_id for key in _keys(value) for entity_id in names.get(key, {})]
        chosen = next((entity_id for entity_id in namesakes if entity_id in found), None)
        if value in ids:
            # an id that is also a namesake's name ("sinjar", Sinjar in Idlib found) names the one found; a town
            # the matcher found under another spelling than the gazetteer's is still the labelled one
            if value in found:
                return value
            return chosen or self._found_alike(type_, value, found, unlisted_only=True) or value
        if chosen is not None:
            return chosen
        slug = self.lookup(value) if self.lookup is not None and type_ != "actor" else None
        if slug is not None and slug in found:
            return slug
        alike = self._found_alike(type_, value, found, unlisted_only=type_ == "actor")
        if alike is not None:
            return alike
        if slug is not None and slug in ids:
            return slug
        return namesakes[0] if namesakes else value

    def _found_alike(self, type_: str, value: str, found: Collection[str], unlisted_only: bool) -> str | None:
        """The place found in the labelled article that the label names as the labeller transliterated it, if
        there is one: a town the rules do not know, found by its name ("the village of Maiorsk", labelled
        "Mayorsk"), or a known place under a spelling none of its aliases has ("Al-Dhale" for Ad Dali, "Bosra
        al-Sham" for Busra ash-Sham)."""
        skeletons = _label_skeletons(value)
        entities = self.entities.get(type_, {})
        alike: list[tuple[bool, str]] = []
        for entity_id in sorted(found):
            if is_unlisted(entity_id):
                names: tuple[str, ...] = (unlisted_name(entity_id).replace("-", " "),)
            elif entity_id in entities and not unlisted_only:
                entity = entities[entity_id]
                names = (entity.name, *entity.aliases)
            else:
                continue
            for name in names:
                skeleton = name_skeleton(name).replace(" ", "")
                if any(_alike(skeleton, s) for s in skeletons):
                    # the same letters before one letter off, then by id: the answer must not hang on set order
                    alike.append((skeleton not in skeletons, entity_id))
        return min(alike)[1] if alike else None


# The countries whose ways of writing Latin names in Arabic differ (G as jim in Sudan and Somalia, French
# spellings in the Congo), tried for a label that may name an unlisted town written in Arabic.
_SPELLING_COUNTRIES = ("SY", "SD", "SO", "CD", "UA")


# A label's Arabic spellings as short as a town's name may be («حور» for Hur, «توغ» for Tugh): only names found
# in the labelled article are compared, and a short one only when equal.
_SHORTEST_LABEL = 2


def _label_skeletons(label: str) -> set[str]:
    """The skeletons of a labelled name as an unlisted town's name may be written: as the label is (in either
    script), and in Arabic letters for a Latin label; without spaces: a name's words are written apart or
    joined («أبو قمرة», «أبوقمرة»), and a Latin g may stand for the qaf (Azerbaijani and Gulf names: Ishigli
    «ايشيقلي», Gubadli «قبادلي»)."""
    name = label.replace("-", " ")
    found = {name_skeleton(name)}
    for country in _SPELLING_COUNTRIES:
        spellings = arabic_spellings([name], country, shortest=_SHORTEST_LABEL)
        found.update(arabic_skeleton(spelling) for spelling in spellings)
        found.update(arabic_skeleton(spelling.replace("غ", "ق")) for spelling in spellings)
    return {skeleton.replace(" ", "") for skeleton in found}


def _alike(found: str, label: str) -> bool:
    """Whether two skeletons name one town: equal, or of four letters or more and one letter added, dropped,
    changed or two swapped (Левадне as «ليفاندي»; Kosivtseve as «كوسيفستيف»). Only names found in the labelled
    article are compared, so a near miss cannot reach another article's town."""
    if found == label:
        return True
    if min(len(found), len(label)) < 4 or abs(len(found) - len(label)) > 1:
        return False
    if len(found) == len(label):
        diffs = [i for i, (a, b) in enumerate(zip(found, label, strict=True)) if a != b]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and found[diffs[0]] == label[diffs[1]]
            and found[diffs[1]] == label[diffs[0]]
        )
    shorter, longer = sorted((found, label), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def gazetteer_lookup(ruleset: RuleSet) -> PlaceLookup | None:
    """``Gazetteer.resolve`` as a :data:`PlaceLookup`, for a rule set that watches a gazetteer (else None)."""
    gazetteer = getattr(ruleset, "gazetteer", None)
    if not isinstance(gazetteer, Gazetteer):
        return None

    def lookup(label: str) -> str | None:
        place = gazetteer.resolve(label)
        return place.slug if place is not None else None

    return lookup


def _keys(name: str) -> tuple[str, ...]:
    folded = fold(name.replace("-", " "))
    return (folded, folded.replace(" ", "")) if folded else ()


def _winner(match: Match | None) -> str | None:
    return match.claim.winner if match is not None and match.claim is not None else None


def judged_rules(items: Iterable[LabelledArticle], rules: Iterable[str] | None = None) -> set[str] | None:
    """The rules a set judges: ``rules`` if given, else those its labels name, else every rule (None)."""
    chosen = set(rules or ()) or {label["rule"] for item in items for label in item.labels}
    return chosen or None


def evaluate_dataset(
    compiled: CompiledRules,
    items: Iterable[LabelledArticle],
    rules: Iterable[str] | None = None,
    on_judged: Callable[[LabelledArticle], None] | None = None,
    lookup: PlaceLookup | None = None,
) -> Evaluation:
    """Score the matcher on ``items``, judging the rules :func:`judged_rules` picks.

    ``lookup`` names places another way than the rule set's entities (default: its gazetteer's
    ``resolve``); ``on_judged`` is called after each item, for a caller that shows progress.
    """
    items = list(items)
    judged = judged_rules(items, rules)
    result = Evaluation(articles=len(items), judged=tuple(sorted(judged)) if judged is not None else None)
    result.articles_by_language = dict(Counter(item.article.lang or "unknown" for item in items))
    ids = LabelIds(compiled.ruleset, lookup)
    for item in items:
        language = item.article.lang or "unknown"
        result.by_language.setdefault(language, Score())  # every language of the set has a row, alarms or not
        found: dict[tuple[str, str], Match] = {}
        for match in match_article(compiled, item.article):
            if judged is None or match.rule in judged:
                found.setdefault((match.rule, bound_place(match.bindings)), match)
        places = {place for _, place in found}
        actors = {
            (label["rule"], ids("place", label["place"], places)): label.get("actor") and ids("actor", label["actor"])
            for label in item.labels
        }
        expected = {key for key in actors if judged is None or key[0] in judged}
        passing = {(rule, ids("place", place, places)) for rule, place in item.also}
        for key, match in found.items():
            rule, place = key
            verdict = "found" if key in expected else "also" if _passes(key, passing) else "false-alarm"
            result.alerts.append(Alert(verdict, item.article, rule, place, match))
        for key in sorted(expected | found.keys()):
            rule, place = key
            if key not in expected and _passes(key, passing):
                continue  # mentioned in passing: may alert or not, counted neither way
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


def _passes(key: tuple[str, str], passing: set[tuple[str | None, str]]) -> bool:
    rule, place = key
    return (rule, place) in passing or (None, place) in passing


def format_evaluation(evaluation: Evaluation) -> str:
    """A table per rule and per language, alert rates, every alert, then every miss and false alarm."""
    judged = ", ".join(evaluation.judged) if evaluation.judged is not None else "every rule (no label names one)"
    lines = [f"{evaluation.articles} articles; judged: {judged}"]
    header = (
        f"{'':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'actor':>6} {'alerts/1k':>9} {'fa/1k':>7}"
    )

    def row(name: str, score: Score, language: str | None = None, rates: bool = True) -> str:
        text = (
            f"{name:24} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.tp:4} {score.fp:4} "
            f"{score.fn:4} {score.actor_accuracy:6.3f}"
        )
        if rates:
            counts = evaluation.rates(language)
            text += f" {counts['alerts_per_1000']:9.2f} {counts['false_alarms_per_1000']:7.2f}"
        return text

    lines += [header, row("overall", evaluation.overall)]
    lines += [row(f"rule {name}", s, rates=False) for name, s in sorted(evaluation.by_rule.items())]
    lines += [row(f"lang {name}", s, name) for name, s in sorted(evaluation.by_language.items())]
    counts = evaluation.rates()
    lines.append(
        f"\n{counts['alerts']} alerts ({counts['alerts_per_1000']} per 1,000 articles), "
        f"{counts['false_alarms']} false alarms ({counts['false_alarms_per_1000']} per 1,000)"
    )
    for alert in evaluation.alerts:
        words = ", ".join(dict.fromkeys(evidence.text for evidence in alert.match.evidence))
        lines.append(f"  {alert.verdict:11} {alert.article.id}  {alert.rule}  place={alert.place}  «{words}»")
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
