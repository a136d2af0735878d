"""``newsalert rules check|test``, ``match``, ``explain`` and ``eval``: print for people, or JSON for scripts."""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from streams.alerting.routing import Routing
from streams.articles.model import Article
from streams.display import terminal_safe
from streams.errors import ArticleError, RuleError, RuleProblem
from streams.ruleset.compiler import CompiledRules, compile_rules
from streams.ruleset.model import RuleSet
from streams.ruleset.unlisted import display_name, is_unlisted

if TYPE_CHECKING:
    from streams.ruleset.explain import Explanation


def _load_compiled(paths: list[str], rule_ids: Iterable[str] = ()) -> CompiledRules | None:
    """Load and compile rules, printing every problem (and returning None) when they are broken or when
    ``rule_ids`` (``--rule``) names a rule they do not have."""
    from streams.ruleset.loader import load_rules

    try:
        compiled = compile_rules(load_rules(paths))
    except RuleError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
    if unknown := unknown_rules(compiled, rule_ids, paths):
        print(unknown, file=sys.stderr)
        return None
    return compiled


def unknown_rules(compiled: CompiledRules, rule_ids: Iterable[str], paths: list[str]) -> str | None:
    """One line naming the ``--rule`` ids that are no rule of ``paths`` and the ids closest to each, else None."""
    known = list(compiled.ruleset.rules_by_id)
    unknown = [rule_id for rule_id in rule_ids if rule_id not in compiled.ruleset.rules_by_id]
    if not unknown:
        return None
    close = sorted({c for rule_id in unknown for c in difflib.get_close_matches(rule_id, known, n=3, cutoff=0.5)})
    hint = f"did you mean {', '.join(close)}?" if close else f"the rules are {', '.join(known[:10])}"
    if not close and len(known) > 10:
        hint += f" and {len(known) - 10} more (newsalert rules check --json lists them)"
    return f"error: --rule: no rule {', '.join(map(repr, unknown))} in {', '.join(paths)}; {hint}"


def rules_check(
    paths: list[str], as_json: bool = False, routing: Routing | None = None, *, strict: bool = False
) -> int:
    """Validate rule files: exit 0 with a one-line summary, or 1 with ``FILE:LINE:COL: error: …`` per problem.

    ``routing``: the settings' destinations, to check each ``notify`` name against; None when there is no
    settings file, which is said (on stderr) rather than guessed. Warnings (``FILE:LINE:COL: warning: …``)
    are printed too and fail only with ``strict``.
    """
    from streams.ruleset.lint import rule_warnings
    from streams.ruleset.loader import check_rules

    if routing is None and not as_json:
        print(
            "note: notify names not checked: no settings file "
            "(give --config FILE, set NEWSALERT_CONFIG, or run where newsalert.yaml is)",
            file=sys.stderr,
        )
    ruleset, problems = check_rules(paths, routing)
    if ruleset is not None:
        try:
            compile_rules(ruleset)
        except RuleError as exc:
            ruleset, problems = None, exc.problems
    summary = {}
    warnings = rule_warnings(ruleset) if ruleset is not None else []
    ok = ruleset is not None and not (strict and warnings)
    if ruleset is not None:
        summary = {
            "files": len(ruleset.files),
            "rules": len(ruleset.rules),
            "entity_types": len(ruleset.entities),
            "entities": sum(len(e) for e in ruleset.entities.values()),
            "lists": len(ruleset.lists),
        }
    if as_json:
        print(
            json.dumps(
                {
                    "ok": ok,
                    "problems": [_problem_json(p) for p in problems],
                    "warnings": [_problem_json(w) for w in warnings],
                    "summary": summary,
                    "notify_checked": routing is not None,
                },
                ensure_ascii=False,
            )
        )
    elif ruleset is not None:
        for warning in warnings:
            print(warning)
        counts = (
            f"{summary['files']} files, {summary['rules']} rules, {summary['entity_types']} entity types, "
            f"{summary['entities']} entities, {summary['lists']} lists"
        )
        noted = f"; {len(warnings)} warning{'s' * (len(warnings) != 1)}" if warnings else ""
        print(f"ok: {counts}{noted}" if ok else f"FAILED: {counts}{noted} (--strict)")
    else:
        for problem in problems:
            print(problem)
    return 0 if ok else 1


def _problem_json(problem: RuleProblem) -> dict[str, Any]:
    where = problem.location
    return {
        "file": where.file,
        "line": where.line,
        "column": where.column,
        "message": problem.message,
        "hint": problem.hint,
    }


def rules_test(paths: list[str], texts: list[str] | None = None, as_json: bool = False, rule: str | None = None) -> int:
    """Run every rule's examples (or ``rule``'s); exit 1 with a readable account of each failure.

    Each text of ``texts`` is matched too: its matches, or "no match" and, per rule, the condition that failed.
    """
    from streams.display import format_match, json_text
    from streams.ruleset.examples import run_examples

    compiled = _load_compiled(paths, [rule] if rule is not None else ())
    if compiled is None:
        return 1
    results = run_examples(compiled, rule)
    failures = [r for r in results if not r.passed]
    if as_json:
        print(
            json.dumps(
                {
                    "ok": not failures,
                    "examples": len(results),
                    "failures": [
                        {
                            "rule": r.rule.id,
                            "location": str(r.example.location or ""),
                            "must_match": r.must_match,
                            "title": r.example.title,
                            "body": r.example.body,
                            "bindings": r.example.bindings,
                            "matches": [m.to_dict() for m in r.matches],
                            "failing": r.explanation.to_dict()["failing"] if r.explanation else [],
                            "why": r.explanation.decision if r.explanation else "",
                        }
                        for r in failures
                    ],
                },
                ensure_ascii=False,
            )
        )
    else:
        for failure in failures:
            print(failure.explain())
        rules_with_examples = len({r.rule.id for r in results})
        verdict = "ok" if not failures else "FAILED"
        judged = f"rule {rule}" if rule else f"{rules_with_examples} of {compiled.rule_count} rules have examples"
        print(f"{verdict}: {len(results) - len(failures)}/{len(results)} examples passed ({judged})")
    for text in texts or ():
        article = Article.create(title="", body=text)
        explanations = _explanations(compiled, article, [rule] if rule else [r.id for r in compiled.ruleset.rules])
        matches = [m for e in explanations for m in e.matches]
        for match in matches:
            print(json_text(match.to_dict()) if as_json else format_match(match))
        if matches:
            continue
        if as_json:
            print(json_text({"text": text, "matched": False, "rules": [e.to_dict() for e in explanations]}))
            continue
        print(f"no match: {text}")
        for explanation in explanations:
            print(terminal_safe(f"  {explanation.rule}: {explanation.decision.removeprefix('no match: ')}"))
    return 1 if failures else 0


def _explanations(compiled: CompiledRules, article: Article, rule_ids: list[str]) -> list[Explanation]:
    from streams.ruleset.explain import explain

    return [explain(compiled, rule_id, article) for rule_id in rule_ids]


def match_files(
    rule_paths: list[str], files: list[str], as_json: bool = False, explain: bool = False, rule: str | None = None
) -> int:
    """Dry run: match article files against rules and print every match with its evidence.

    ``rule``: that rule only. ``explain``: after each article's matches, why each rule that matched did
    (or why ``rule`` did or did not). A file that cannot be read or parsed is reported on stderr and the
    others are still processed; the exit code is then 1.
    """
    from streams.articles.readers import iter_articles
    from streams.display import format_explanation, format_match, json_text
    from streams.progress import Progress
    from streams.ruleset.matcher import match_article

    compiled = _load_compiled(rule_paths, [rule] if rule is not None else ())
    if compiled is None:
        return 1
    failed = False
    articles = matched = 0
    with Progress("match") as progress:
        for item in iter_articles(files):
            if isinstance(item, ArticleError):
                progress.clear()
                print(f"error: {item}", file=sys.stderr)
                failed = True
                progress.advance("unreadable")
                continue
            articles += 1
            found = [m for m in match_article(compiled, item) if rule is None or m.rule == rule]
            progress.advance("matched" if found else "not matched")
            if found or explain:
                progress.clear()
            for match in found:
                matched += 1
                record = {**match.to_dict(), "entities": bound_entities(compiled.ruleset, match.bindings)}
                print(json_text(record) if as_json else format_match(match) + "\n")
            if explain:
                for explanation in _explanations(
                    compiled, item, [rule] if rule else list(dict.fromkeys(m.rule for m in found))
                ):
                    print(
                        json_text({"explanation": explanation.to_dict()})
                        if as_json
                        else format_explanation(explanation) + "\n"
                    )
    if not as_json:
        print(f"{matched} matches in {articles} articles ({compiled.rule_count} rules)")
    return 1 if failed else 0


def explain_files(rule_paths: list[str], rule: str, files: list[str], as_json: bool = False) -> int:
    """``newsalert explain``: why ``rule`` did or did not match each article of ``files``, condition by condition.

    Exit 0 whether it matched or not; 1 when the rule is unknown or an article could not be read.
    """
    from streams.articles.readers import iter_articles
    from streams.display import format_explanation, json_text

    compiled = _load_compiled(rule_paths, [rule])
    if compiled is None:
        return 1
    failed = False
    for item in iter_articles(files):
        if isinstance(item, ArticleError):
            print(f"error: {item}", file=sys.stderr)
            failed = True
            continue
        (explanation,) = _explanations(compiled, item, [rule])
        print(json_text(explanation.to_dict()) if as_json else format_explanation(explanation) + "\n")
    return 1 if failed else 0


def bound_entities(ruleset: RuleSet, bindings: dict[str, str]) -> dict[str, dict[str, Any]]:
    """What each bound entity is, for a reader of ``match --json``: its names and, for a place, country and
    coordinates (``{"place": {"id": "el-fasher", "name": "El Fasher", "name_ar": "الفاشر", "country": "SD", …}}``)."""
    described: dict[str, dict[str, Any]] = {}
    for type_, entity_id in bindings.items():
        entity = ruleset.entity(type_, entity_id)
        if entity is None:
            if is_unlisted(entity_id):
                # a town no gazetteer lists: its name as the article wrote it, nothing more is known
                described[type_] = {"id": entity_id, "name": display_name(entity_id), "unlisted": True}
            continue
        about: dict[str, Any] = {"id": entity.id, "name": entity.display_name}
        if entity.place is not None:
            place = entity.place
            about |= {
                "name_ar": place.name_ar,
                "country": place.country,
                "kind": place.kind,
                "geonames": place.id,
                "lat": place.lat,
                "lon": place.lon,
            }
        described[type_] = about
    return described


def evaluate_file(
    dataset: str,
    rule_paths: list[str],
    as_json: bool = False,
    min_f1: float | None = None,
    rules: list[str] | None = None,
    replay: bool = False,
) -> int:
    """``newsalert eval``: score the rules on a labelled JSONL set and list every alert, miss and false alarm.

    ``rules`` are the rules judged (default: those the labels name, else every rule). ``replay``: count what
    the stream would have sent instead (:mod:`streams.replay`).
    """
    from streams.evaluation import evaluate_dataset, format_evaluation, read_dataset
    from streams.progress import Progress
    from streams.replay import format_replay, replay_dataset

    compiled = _load_compiled(rule_paths, rules or ())
    if compiled is None:
        return 1
    try:
        with open(dataset, encoding="utf-8") as lines:
            items = read_dataset(lines, origin=dataset)
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)  # it names the file and the line
        return 1
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {dataset}: {exc}", file=sys.stderr)
        return 1
    if replay:
        with Progress("eval", total=len(items)) as progress:
            replayed = replay_dataset(
                compiled, items, datetime.now(UTC), rules, on_judged=lambda _: progress.advance("replayed")
            )
        print(json.dumps(replayed.to_dict(), ensure_ascii=False, indent=2) if as_json else format_replay(replayed))
        return 0
    with Progress("eval", total=len(items)) as progress:
        result = evaluate_dataset(compiled, items, rules, on_judged=lambda _: progress.advance("judged"))
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if as_json else format_evaluation(result))
    if min_f1 is not None and result.overall.f1 < min_f1:
        print(f"F1 {result.overall.f1:.3f} is below the floor {min_f1:.3f}", file=sys.stderr)
        return 1
    return 0
