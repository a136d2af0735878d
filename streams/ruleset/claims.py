"""Read who did what to a place from an article: pure, no I/O.

A rule with ``control:`` names the words of each role (``gained``, ``lost``,
``denied``). For the place a match is bound to, every role word in a sentence
that names the place, within twice the control window of it, is paired with
the nearest actor mentioned within the window in that sentence, before or
after: news prose puts the actor either side of the verb ("HTS entered Hama",
"Hama fell to HTS", "دخلت الفصائل مدينة حمص", "انسحاب قوات النظام من حماة").
The actor found most often next to each role wins it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from streams.ruleset.compiler import CompiledControl
from streams.ruleset.matches import Claim
from streams.ruleset.occurrences import Occurrence, distance

if TYPE_CHECKING:
    from streams.ruleset.matcher import _Scan


def read_claim(control: CompiledControl, scan: _Scan, place: str) -> Claim:
    """The claim an article makes about ``place``: who took it, who left it, who denies it."""
    spec = control.spec
    places = scan.entity_occurrences(spec.place).get(place, [])
    actors = scan.mentions_by_sentence(spec.actor)
    votes: dict[str, Counter[tuple[str | None, str]]] = {}
    for role, terms in control.roles:
        counted = votes[role] = Counter()
        for term_id in scan.found_among(terms):
            for word in scan.occurrences(term_id):
                if scan.inside_alias(word) or not any(distance(word, p) <= 2 * spec.window for p in places):
                    continue
                # A role word with no actor next to it still says the role happened ("Hama fell").
                actor = _nearest_actor(word, actors.get((word.field, word.sentence), ()), places, spec.window)
                counted[(actor, word.field)] += 1
    winner = _most_named(votes.get("gained"))
    loser = _most_named(votes.get("lost"))
    return Claim(
        place=place,
        winner=winner,
        loser=loser if loser != winner else None,
        denial=bool(votes.get("denied")),
        denied_by=_most_named(votes.get("denied")),
    )


def _nearest_actor(
    word: Occurrence, mentions: Iterable[tuple[str, Occurrence]], places: list[Occurrence], window: int
) -> str | None:
    best: tuple[int, int, str] | None = None
    for actor, mention in mentions:
        # An actor alias that is part of the place's own mention ("Damascus countryside") is not a party.
        if any(distance(mention, p) == 0 and p.first <= mention.first <= p.last for p in places):
            continue
        gap = distance(word, mention)
        # On a tie the actor in front wins: subject before verb in English, and in Arabic after
        # a noun phrase ("انسحاب قوات النظام") the actor is the closer one anyway.
        rank = (gap, 0 if mention.last < word.first else 1, actor)
        if gap <= window and (best is None or rank < best):
            best = rank
    return best[2] if best else None


def _most_named(counted: Counter[tuple[str | None, str]] | None) -> str | None:
    """The actor named most often next to a role (None when no actor was).

    On a tie the body wins over the title: a headline says "Rebels take Aleppo" where the
    body names the faction ("Hayat Tahrir al-Sham took over most of Aleppo").
    """
    totals: Counter[str] = Counter()
    in_body: Counter[str] = Counter()
    for (actor, field), n in (counted or {}).items():
        if actor is not None:
            totals[actor] += n
            in_body[actor] += n if field == "body" else 0
    return max(totals, key=lambda actor: (totals[actor], in_body[actor], actor)) if totals else None
