"""Run the examples stored with each rule: texts that must match, and texts that must not."""

from __future__ import annotations

from dataclasses import dataclass, replace

from streams.articles.model import Article
from streams.ruleset.compiler import CompiledRules
from streams.ruleset.explain import Explanation, explain
from streams.ruleset.matcher import match_article
from streams.ruleset.matches import Match
from streams.ruleset.model import Example, Rule


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example: did the rule do what the example says it must?"""

    rule: Rule
    example: Example
    must_match: bool
    matches: tuple[Match, ...]
    # Why the rule did not match (or not with the example's bindings), for an example that had to
    # (see :mod:`streams.ruleset.explain`).
    explanation: Explanation | None = None

    @property
    def passed(self) -> bool:
        """True when the rule matched (with the expected bindings) exactly when it had to."""
        wanted = [m for m in self.matches if self.example.bindings.items() <= m.bindings.items()]
        return bool(wanted) == self.must_match

    def explain(self) -> str:
        """A readable account of a failure: what was expected, what was found, and where."""
        where = f" ({self.example.location})" if self.example.location else ""
        expectation = "a match" if self.must_match else "no match"
        if self.example.bindings:
            expectation += " with " + ", ".join(f"{k}={v}" for k, v in self.example.bindings.items())
        lines = [f"FAIL {self.rule.id}{where}: expected {expectation}"]
        if self.example.title:
            lines.append(f"  title: {self.example.title}")
        if self.example.body:
            lines.append(f"  body:  {self.example.body}")
        if self.example.source or self.example.lang:
            lines.append(f"  read as: source {self.example.source or '(none)'}, lang {self.example.lang or '(none)'}")
        if not self.matches:
            lines.append("  got:   no match")
        if self.explanation is not None and not self.explanation.matched:
            path = self.explanation.failing()
            if path:
                where = f" [{path[-1].location}]" if path[-1].location else ""
                lines.append(f"  why:   {' › '.join(c.label for c in path)}{where}")
                lines.append(f"         {path[-1].why}")
            else:
                lines.append(f"  why:   {self.explanation.decision}")
        elif self.explanation is not None:
            missing = [
                (k, v) for k, v in self.example.bindings.items() if all(m.bindings.get(k) != v for m in self.matches)
            ]
            lines.extend(f"  why:   {self.explanation.unbound(k, v)}" for k, v in missing[:1])
        for match in self.matches:
            bound = ", ".join(f"{k}={v}" for k, v in match.bindings.items()) or "no bindings"
            found = "; ".join(f"{e.text!r} ({e.term})" for e in match.evidence)
            lines.append(f"  got:   {bound} from {found}")
        return "\n".join(lines)


def run_examples(compiled: CompiledRules, rule_id: str | None = None) -> list[ExampleResult]:
    """Match every rule's examples (or those of ``rule_id``) against the whole compiled rule set; only the
    rule's own matches count. An example that had to match and did not carries the explanation why."""
    results = []
    for rule in compiled.ruleset.rules:
        if rule_id is not None and rule.id != rule_id:
            continue
        for must_match, examples in ((True, rule.must_match), (False, rule.must_not_match)):
            for example in examples:
                article = Article.create(
                    title=example.title, body=example.body, source=example.source, lang=example.lang
                )
                own = tuple(m for m in match_article(compiled, article) if m.rule == rule.id)
                result = ExampleResult(rule, example, must_match, own)
                if must_match and not result.passed:
                    result = replace(result, explanation=explain(compiled, rule.id, article))
                results.append(result)
    return results
