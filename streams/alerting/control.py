"""Who controls each place, as far as the stream has shown: pure state and policy, no clock and no I/O.

The alert agent keeps one :class:`ControlState` per place in the ``control``
table, starts from the rule set's ``known_control`` (who held the place when
the stream starts) and calls :func:`apply_claim` for every match that carries a
:class:`~streams.ruleset.matches.Claim`. What comes back says whether the
claim changes anything worth telling:

- ``changed``: a party other than the holder took the place (or the holder left
  it): a new change, ``unconfirmed`` until ``confirm`` independent outlets
  report it; ``reversed`` when the previous holder takes it back in the story's
  window (a recapture);
- ``identified``: the change was known, the winner was not, and now is;
- ``confirmed``: the change reached ``confirm`` independent outlets;
- ``disputed``: a recent change is denied, or another party is said to hold the place while more outlets
  back the holder (a challenge, below);
- ``corroborated``: one more outlet for a change already told (the story policy
  decides whether that is worth a notification).

A claim that agrees with a settled holder ("HTS controls Idlib", with Idlib
held by HTS for months) changes nothing and returns no change: the alert fires
on a change, not on every mention. Nor does a claim that names no new holder of a
place that changed hands in the last ``RESTATED_WITHIN`` (30 days), unless it says
the current holder left: news restates a capture for weeks ("since the liberation
of Aden"), and the restatement is the old change, not a new one. A seed holds from its ``as_of`` date: an
article published earlier finds the place unknown (:func:`known_at`), so the
seed never hides the report of the change it records.

A report that another party holds the place (or that the holder left it) is a *challenge*, not a change,
while more independent outlets reported the holder within the rule's window than back that report: news of a
battle carries contradicting single reports ("the Houthis retook Aden" beside ten outlets telling of its
liberation that day), and alerting each as a reversal would flip the place back and forth. The first report
of a challenger disputes the change (told once); the challenger takes the place when as many outlets back
it as back the holder within the window, and then it is the change (``changed`` or ``reversed``), dated by
its first report. A holder that only a seed or one outlet backs is never challenged: one report against one
is a change. Copies of one article (wire copy, detected
by :mod:`streams.alerting.similarity`) are one source, an article with no source is none (it
can report a change, never confirm one), and the same article seen twice
(at-least-once processing) is counted once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from streams.alerting.alert import utc
from streams.alerting.similarity import is_copy, match_fingerprint
from streams.alerting.story import StoryNews, event_time, named, outlet
from streams.ruleset.matches import Claim, Match
from streams.ruleset.model import DEFAULT_STORY_WINDOW, ControlSpec, KnownControl, RuleSet
from streams.ruleset.unlisted import display_name

UNKNOWN = "unknown"
# Supporting articles kept per place (counts stay exact; the detail is bounded).
MAX_SUPPORT = 16


class ControlStatus(StrEnum):
    """How sure the state is: from the seed, never reported, reported once, confirmed, denied."""

    known = "known"
    unknown = "unknown"
    unconfirmed = "unconfirmed"
    confirmed = "confirmed"
    disputed = "disputed"


class ChangeKind(StrEnum):
    """What a claim did to a place's state (see the module docstring)."""

    changed = "changed"
    reversed = "reversed"
    identified = "identified"
    confirmed = "confirmed"
    disputed = "disputed"
    corroborated = "corroborated"


# Changes that are news in themselves: notified at once, whatever the story's cooldown.
NEWS = frozenset(
    {ChangeKind.changed, ChangeKind.reversed, ChangeKind.identified, ChangeKind.confirmed, ChangeKind.disputed}
)
_CHANGING = (ControlStatus.unconfirmed, ControlStatus.confirmed, ControlStatus.disputed)


@dataclass(frozen=True)
class Support:
    """One article that reported the current holder (or denied the change)."""

    article_id: str
    source: str
    title: str
    url: str | None
    lang: str | None
    fingerprint: str
    seen_at: str
    denial: bool = False


@dataclass(frozen=True, kw_only=True)
class ControlState:
    """Who holds ``place``: the holder, since when, how sure, and the articles that say so.

    ``sources`` are the independent outlets that reported the current change
    (copies of one article count once); ``denied_by`` the outlets that carried
    a denial of it. ``challenger`` is the party that reports not yet numerous enough say holds the place
    now (:data:`UNKNOWN` when they say only that the holder left), and ``challenge`` those reports.
    """

    place: str
    controller: str
    previous: str | None
    status: ControlStatus
    since: datetime
    updated_at: datetime
    sources: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    support: tuple[Support, ...] = ()
    challenger: str | None = None
    challenge: tuple[Support, ...] = ()

    @property
    def confidence(self) -> float:
        """0 to 1: a seed is taken as sure, each independent outlet halves the doubt, a denial doubles it."""
        if self.status is ControlStatus.known:
            return 1.0
        if self.status is ControlStatus.unknown:
            return 0.0
        doubt = 0.5 ** len(self.sources) * 2.0 ** len(self.denied_by)
        return round(max(0.0, 1.0 - min(doubt, 1.0)), 3)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (also the table value and the ``GET /state`` entry)."""
        data = dict(vars(self))
        data.update(
            status=self.status.value,
            since=self.since.isoformat(),
            updated_at=self.updated_at.isoformat(),
            sources=list(self.sources),
            denied_by=list(self.denied_by),
            support=[dict(vars(s)) for s in self.support],
            challenge=[dict(vars(s)) for s in self.challenge],
            confidence=self.confidence,
        )
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ControlState:
        """Inverse of :meth:`to_dict`."""
        values = {k: v for k, v in data.items() if k != "confidence"}
        values.update(
            status=ControlStatus(values["status"]),
            since=datetime.fromisoformat(values["since"]),
            updated_at=datetime.fromisoformat(values["updated_at"]),
            sources=tuple(values["sources"]),
            denied_by=tuple(values["denied_by"]),
            support=tuple(Support(**s) for s in values["support"]),
            # States stored before challenges were kept have none.
            challenge=tuple(Support(**s) for s in values.get("challenge", ())),
        )
        return cls(**values)


@dataclass(frozen=True)
class ControlPolicy:
    """What a control rule says: outlets needed to confirm, and how long a change stays news."""

    confirm: int
    window: timedelta


def known_at(known: KnownControl | None, published: datetime) -> KnownControl | None:
    """The seed that holds for an article published at ``published`` (its event time).

    A seed says who held the place from its ``as_of`` on. An article published before then is judged by what
    was known at its own date, which the seed does not say: the place is unknown for it, so a report of the
    change the seed records ("RSF seize El Fasher", a day before a seed that gives El Fasher to the RSF)
    is still told.
    """
    if known is None or utc(published) >= utc(known.since):
        return known
    return None


def initial_state(place: str, known: KnownControl | None, now: datetime) -> ControlState:
    """The state of a place no claim has touched yet: the seed's holder, else unknown."""
    if known is not None:
        return ControlState(
            place=place,
            controller=known.actor,
            previous=None,
            status=ControlStatus.known,
            since=utc(known.since),
            updated_at=utc(known.since),
        )
    return ControlState(
        place=place,
        controller=UNKNOWN,
        previous=None,
        status=ControlStatus.unknown,
        since=utc(now),
        updated_at=utc(now),
    )


def apply_claim(
    state: ControlState, claim: Claim, match: Match, policy: ControlPolicy, now: datetime
) -> tuple[ControlState, ChangeKind | None]:
    """The state after ``claim`` (read from ``match``, an event at ``now``), and what changed (None: nothing to tell).

    Events may arrive out of order: a claim published up to the rule's window before the current change
    can still corroborate, identify or dispute it, but no claim published before it is a change of its own
    (what happened before the current holder took over is history, as when old articles are ingested again).
    """
    now = utc(now)
    if any(s.article_id == match.article_id for s in (*state.support, *state.challenge)):
        return state, None
    # A change is recent for as long as its story is open: a story is over a whole window after it began, so is
    # the change (reports dated by day alone, at midnight, would otherwise reopen a story every day).
    recent = state.status in _CHANGING and abs(now - state.since) < policy.window
    if claim.denial:
        if not recent:
            return state, None  # a denial of a change nobody reported
        return _supported(replace(state, status=ControlStatus.disputed), match, now, denial=True), ChangeKind.disputed
    winner, loser = claim.winner, claim.loser
    if recent:
        if winner is not None and state.controller == UNKNOWN:
            return _supported(replace(state, controller=winner), match, now), ChangeKind.identified
        if winner == state.controller or (winner is None and loser != state.controller):
            return _corroborate(state, match, policy, now)
        # otherwise the new holder is said to leave, or another party took it: a change of its own
    elif winner is not None and winner == state.controller:
        # The holder holds it: nothing to tell, but the outlets saying so still back it against a challenge.
        return (_corroborate(state, match, policy, now)[0], None) if state.status in _CHANGING else (state, None)
    elif winner is None and _restates(state, loser, now):
        return state, None  # the last change told again: no change
    if now < state.since:
        return state, None  # a change before the current one: history, which the state already passed
    claimant = winner or UNKNOWN
    challenge = (*(state.challenge if state.challenger == claimant else ()), _support(match, now))
    holder = _outlets(state.support, now, CHALLENGED_WITHIN * policy.window)
    if holder > 1 and _outlets(challenge, now, CHALLENGED_WITHIN * policy.window) < holder:
        first = state.challenger != claimant
        challenged = replace(
            state,
            status=ControlStatus.disputed if first else state.status,
            challenger=claimant,
            challenge=challenge[-MAX_SUPPORT:],
            updated_at=max(state.updated_at, now),
        )
        # Told once, while the change is news; a challenge to an older change waits until it takes the place.
        return challenged, ChangeKind.disputed if first and recent else None
    kind = ChangeKind.reversed if recent and winner is not None and winner == state.previous else ChangeKind.changed
    # The party an article names as leaving held the place, whatever an older state said.
    changed = ControlState(
        place=state.place,
        controller=claimant,
        previous=loser or state.controller,
        status=ControlStatus.unconfirmed,
        since=now,
        updated_at=now,
    )
    for report in challenge:
        changed = _with_support(changed, report)
    if len(changed.sources) >= policy.confirm:
        changed = replace(changed, status=ControlStatus.confirmed)
    return changed, kind


# Outlets back a holder against a challenge for this many of the rule's windows after their report: reports dated by
# day alone fall at midnight, a whole window of 24 hours after the day before's.
CHALLENGED_WITHIN = 2


def _outlets(reports: tuple[Support, ...], now: datetime, window: timedelta) -> int:
    """How many independent named outlets the ``reports`` seen less than ``window`` before ``now`` come from
    (copies count once)."""
    counted: list[Support] = []
    for report in reports:
        if (
            not report.denial
            and named(report.source)
            and now - datetime.fromisoformat(report.seen_at) < window
            and not any(report.source == c.source or is_copy(report.fingerprint, c.fingerprint) for c in counted)
        ):
            counted.append(report)
    return len(counted)


# A claim that names no new holder, about a place that changed hands less than this long ago, tells that
# change again ("since the liberation of Aden", "weeks after government forces left Hama"): news keeps
# restating a capture for weeks, and each restatement is not the place changing hands once more.
RESTATED_WITHIN = timedelta(days=30)


def _restates(state: ControlState, loser: str | None, now: datetime) -> bool:
    """Whether a claim naming no winner (and ``loser`` as the party leaving) retells ``state``'s last change:
    the place changed hands within ``RESTATED_WITHIN`` and the claim names no one leaving, or someone who
    does not hold it now (the holder before, as the last change said). A claim from before the change is
    history, which :func:`apply_claim` sets aside whatever this says."""
    if state.status not in _CHANGING or now - state.since > RESTATED_WITHIN:
        return False
    return loser is None or loser != state.controller


def _corroborate(
    state: ControlState, match: Match, policy: ControlPolicy, now: datetime
) -> tuple[ControlState, ChangeKind]:
    grown = _supported(state, match, now)
    confirmed = len(grown.sources) >= policy.confirm and len(grown.sources) > len(state.sources)
    if confirmed and state.status is not ControlStatus.confirmed:
        return replace(grown, status=ControlStatus.confirmed), ChangeKind.confirmed
    return grown, ChangeKind.corroborated


def _support(match: Match, now: datetime, denial: bool = False) -> Support:
    """What ``match``'s article, seen at ``now``, tells of a place's holder."""
    return Support(
        match.article_id,
        outlet(match),
        match.title,
        match.url,
        match.lang,
        match_fingerprint(match),
        now.isoformat(),
        denial,
    )


def _supported(state: ControlState, match: Match, now: datetime, denial: bool = False) -> ControlState:
    """``state`` with ``match``'s article added to its support (see :func:`_with_support`)."""
    return _with_support(state, _support(match, now, denial))


def _with_support(state: ControlState, support: Support) -> ControlState:
    """``state`` with ``support`` added, as a new source unless it copies one counted."""
    source, fingerprint, denial = support.source, support.fingerprint, support.denial
    now = datetime.fromisoformat(support.seen_at)
    sources, denied_by = state.sources, state.denied_by
    if denial:
        denied_by = denied_by if source in denied_by else (*denied_by, source)
    elif (
        named(source)
        and source not in sources
        and not any(named(s.source) and is_copy(fingerprint, s.fingerprint) for s in state.support)
    ):
        sources = (*sources, source)
    return replace(
        state,
        # A report published before the change was first seen moves first seen (not for a denial of it).
        since=state.since if denial else min(state.since, now),
        sources=sources,
        denied_by=denied_by,
        updated_at=max(state.updated_at, now),
        support=(*state.support, support)[-MAX_SUPPORT:],
    )


Names = Callable[[str, str], str]


def display_names(ruleset: RuleSet, place_type: str = "place", actor_type: str = "actor") -> Names:
    """``names(kind, id)``: the display name of a ``place`` or an ``actor`` (an unlisted town by its name, see
    :mod:`streams.ruleset.unlisted`; the id when it is unknown)."""
    types = {"place": place_type, "actor": actor_type}

    def names(kind: str, entity_id: str) -> str:
        entity = ruleset.entity(types[kind], entity_id)
        return entity.display_name if entity else display_name(entity_id)

    return names


def headline(state: ControlState, names: Names) -> str:
    """What an alert says: ``Homs: Syrian army → opposition factions (unconfirmed: 1 source, first seen 16:40 UTC)``.

    ``names(kind, id)`` gives the display name of a ``place`` or an ``actor``.
    """

    def actor(actor_id: str | None) -> str:
        return "unknown" if actor_id in (None, UNKNOWN) else names("actor", actor_id)

    count = len(state.sources)
    counted = f"{count} source{'s' if count != 1 else ''}" if count else "no named source"
    detail = f"{counted}, first seen {state.since:%d %b %H:%M} UTC"
    if state.denied_by:
        denials = len(state.denied_by)
        detail = f"denied by {denials} source{'s' if denials != 1 else ''}; {detail}"
    if state.challenger is not None:
        reports = len(state.challenge)
        detail = f"{actor(state.challenger)} said to hold it by {reports} report{'s' if reports != 1 else ''}; {detail}"
    return (
        f"{names('place', state.place)}: {actor(state.previous)} → {actor(state.controller)} "
        f"({state.status.value}: {detail})"
    )


def summary(state: ControlState, names: Names, change: ChangeKind | None = None) -> dict[str, Any]:
    """The state as an alert carries it: ids and names, status, counts and confidence (no fingerprints)."""

    def name(actor_id: str | None) -> str | None:
        return None if actor_id is None else "unknown" if actor_id == UNKNOWN else names("actor", actor_id)

    return {
        "place": state.place,
        "place_name": names("place", state.place),
        "previous": state.previous,
        "previous_name": name(state.previous),
        "controller": state.controller,
        "controller_name": name(state.controller),
        "status": state.status.value,
        "change": change.value if change else None,
        "since": state.since.isoformat(),
        "sources": list(state.sources),
        "denied_by": list(state.denied_by),
        "challenger": state.challenger,
        "challenger_name": name(state.challenger),
        "confidence": state.confidence,
    }


def claim_news(
    stored: ControlState | None, match: Match, ruleset: RuleSet, arrival: datetime
) -> tuple[ControlState, StoryNews | None]:
    """The state of the match's place after its claim, and what its story should say (None: nothing changed).

    The claim counts at its event time (:func:`~streams.alerting.story.event_time`: its article's
    publication, bounded by ``arrival``), so a report ingested late is dated by its article.
    """
    assert match.claim is not None
    rule = ruleset.rules_by_id.get(match.rule)
    spec = rule.control if rule is not None and rule.control is not None else ControlSpec()
    policy = ControlPolicy(spec.confirm, rule.window if rule is not None else DEFAULT_STORY_WINDOW)
    place = match.claim.place
    now = event_time(match, arrival)
    known = known_at(ruleset.known_control.get(place), now)
    state = stored or initial_state(place, known, now)
    updated, change = apply_claim(state, match.claim, match, policy, now)
    if change is None:
        return updated, None

    names = display_names(ruleset, spec.place, spec.actor)
    return updated, StoryNews(headline(updated, names), summary(updated, names, change), change in NEWS)


def control_map(states: dict[str, dict[str, Any] | None], ruleset: RuleSet) -> list[dict[str, Any]]:
    """Every place's state, by place: ``known_control`` overlaid with the table's states (``GET /state``).

    ``states`` is the newest table value per place (None for a deleted one).
    """
    places = {place: initial_state(place, known, known.since) for place, known in ruleset.known_control.items()}
    places.update({place: ControlState.from_dict(value) for place, value in states.items() if value})

    names = display_names(ruleset)
    entries = []
    for place in sorted(places):
        state = places[place]
        entry = summary(state, names)
        entry["updated_at"] = state.updated_at.isoformat()
        entry["articles"] = [
            {
                "title": s.title,
                "url": s.url,
                "source": s.source,
                "lang": s.lang,
                "denial": s.denial,
                "seen_at": s.seen_at,
            }
            for s in state.support
        ]
        entries.append(entry)
    return entries
