"""Stories and when to notify about them: pure state and policy, no clock and no I/O.

A *story* is every match of one rule with one group key (``city-control-change``
/ ``place=homs``) that arrives while the story is open, that is, less than the
rule's window after the story's last match. The alert agent keeps one
:class:`Story` per (rule, group key) in a Faust table and calls
:func:`apply_match` for every match and :func:`expire` on a timer; both return
the :class:`~streams.alerting.alert.Alert` revisions to send.

When to notify:

- the first match opens the story: revision 1, kind ``opened``;
- a later match bumps the revision; it notifies (``escalated``) at once when the
  story's corroboration crosses one of the rule's thresholds (e.g. 1 → 3 → 10)
  or its severity rises, and otherwise (``updated``) only when it brought new
  evidence or a new outlet and the rule's cooldown has passed since the last
  notification;
- a story with no match for a whole window resolves (``resolved``, with ``ends_at``).

Copies of one article (wire copy republished by several outlets, detected by
:mod:`streams.alerting.similarity`) are one *piece of evidence*; corroboration
counts the outlets that published evidence of their own, so syndication alone
never escalates a story. An article with no source (:data:`UNKNOWN_SOURCE`) is
evidence but never corroboration: two anonymous articles may be one outlet, or
one sender pretending to be many. A named outlet that carries a copy of an
anonymous article's text is that piece's first corroboration. The same article
delivered twice (at-least-once processing) changes nothing.

Time comes in as the match's *arrival* (the agent passes the ``matches``
record's timestamp, so reprocessing the same matches gives the same stories, ids
and notifications). A story's own times (first and last seen, the alert's
times, its window and cooldown) are *event times* (:func:`event_time`): when
the article was published, bounded by its arrival, so a wrong future date cannot
push a story ahead. A match whose event is older than its rule's window at
arrival is *stale* (:func:`is_stale`: the story it would open would already be
over, as when articles of 2024 are ingested again): it joins an open story as
history without notifying, and opens no story.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from streams.alerting.alert import Alert, AlertArticle, AlertKind, alert_id, utc
from streams.alerting.similarity import is_copy, match_fingerprint
from streams.ruleset.matches import Match
from streams.ruleset.model import (
    DEFAULT_COOLDOWN,
    DEFAULT_CORROBORATION,
    DEFAULT_STORY_WINDOW,
    Rule,
    RuleSet,
    Severity,
)

# Bounds that keep a story's table value small (a few tens of KB at most)
# however long the story runs; counts stay exact, details are what is bounded.
MAX_PIECES = 32
MAX_SOURCES = 200
MAX_RECENT_ARTICLES = 256
TOP_ARTICLES = 5
EVIDENCE_PER_ARTICLE = 3
UNKNOWN_SOURCE = "unknown"


@dataclass(frozen=True)
class StoryPolicy:
    """What a rule says about its stories: how long they stay open, how often they notify, where to."""

    window: timedelta
    cooldown: timedelta
    corroboration: tuple[int, ...]
    notify: tuple[str, ...] = ()

    @classmethod
    def of(cls, rule: Rule) -> StoryPolicy:
        """The policy of ``rule``; thresholds sorted, repeated and non-positive ones dropped."""
        thresholds = tuple(sorted({t for t in rule.corroboration if t > 0}))
        return cls(window=rule.window, cooldown=rule.cooldown, corroboration=thresholds, notify=rule.notify)

    def level(self, corroboration: int) -> int:
        """How many of the thresholds ``corroboration`` outlets reach."""
        return sum(1 for t in self.corroboration if corroboration >= t)


# For matches of a rule that is no longer loaded (removed since): its story still closes properly.
FALLBACK_POLICY = StoryPolicy(
    window=DEFAULT_STORY_WINDOW, cooldown=DEFAULT_COOLDOWN, corroboration=DEFAULT_CORROBORATION
)


class Policies:
    """The story policy of each rule of the rule set in force, built once per rule set.

    The rule set it was built from is kept and compared by identity: an ``id()`` alone may be reused
    by a later rule set once the old one is freed, and would serve the old policies after a reload.
    """

    def __init__(self) -> None:
        self._ruleset: RuleSet | None = None
        self._policies: dict[str, StoryPolicy] = {}

    def of(self, ruleset: RuleSet, rule: str) -> StoryPolicy:
        """The policy of ``rule`` in ``ruleset`` (:data:`FALLBACK_POLICY` for a rule it no longer has)."""
        if ruleset is not self._ruleset:
            self._ruleset = ruleset
            self._policies = {r.id: StoryPolicy.of(r) for r in ruleset.rules}
        return self._policies.get(rule, FALLBACK_POLICY)


@dataclass(frozen=True)
class StoryNews:
    """What a change of control makes of a story: its title, the state to show, and whether it is news now."""

    title: str
    control: dict[str, Any]
    news: bool


@dataclass(frozen=True)
class EvidencePiece:
    """One piece of evidence: its first article, the outlets that carried a copy, and its fingerprint."""

    article: AlertArticle
    fingerprint: str
    first_seen: datetime

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "article": self.article.to_dict(),
            "fingerprint": self.fingerprint,
            "first_seen": self.first_seen.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvidencePiece:
        """Inverse of :meth:`to_dict`."""
        return cls(
            article=AlertArticle.from_dict(data["article"]),
            fingerprint=data["fingerprint"],
            first_seen=datetime.fromisoformat(data["first_seen"]),
        )


_STORY_TIMES = ("opened_at", "last_seen", "ends_at", "last_notified_at")


@dataclass(frozen=True, kw_only=True)
class Story:
    """An open story: the state its alert is built from, stored as a Faust table value (see :meth:`to_dict`).

    ``level`` is how many corroboration thresholds have been crossed (and so
    notified); ``ends_at`` is when the story resolves unless another match comes.
    """

    alert_id: str
    rule: str
    group_key: str
    title: str
    bindings: dict[str, str]
    severity: str
    notify: tuple[str, ...]
    opened_at: datetime
    last_seen: datetime
    ends_at: datetime
    revision: int
    article_count: int
    evidence_count: int
    sources: tuple[str, ...]
    independent_sources: tuple[str, ...]
    pieces: tuple[EvidencePiece, ...]
    recent_articles: tuple[str, ...]
    last_notified_at: datetime
    level: int
    control: dict[str, Any] | None = None
    # For a volume rule's story: what was counted (:meth:`streams.alerting.volume.Reading.to_dict`).
    volume: dict[str, Any] | None = None
    # What analysts did about it: acknowledged, silenced (streams.alerting.attention).
    attention: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        # A shallow copy: asdict would deep-copy every piece only for them to be replaced below, and this
        # runs on every table write of the alert stage.
        data = dict(vars(self))
        data["bindings"] = dict(self.bindings)
        data["control"] = dict(self.control) if self.control is not None else None
        data["volume"] = dict(self.volume) if self.volume is not None else None
        data["attention"] = dict(self.attention) if self.attention is not None else None
        for key in ("notify", "sources", "independent_sources", "recent_articles"):
            data[key] = list(getattr(self, key))
        data["pieces"] = [p.to_dict() for p in self.pieces]
        for key in _STORY_TIMES:
            data[key] = getattr(self, key).isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        for key in ("notify", "sources", "independent_sources", "recent_articles"):
            values[key] = tuple(values[key])
        values["pieces"] = tuple(EvidencePiece.from_dict(p) for p in values["pieces"])
        for key in _STORY_TIMES:
            values[key] = datetime.fromisoformat(values[key])
        return cls(**values)


def published_at(match: Match) -> datetime | None:
    """When the match's article says it was published, if it does and the date can be read."""
    if not match.published_at:
        return None
    try:
        return datetime.fromisoformat(match.published_at)
    except ValueError:
        return None


def event_time(match: Match, arrival: datetime) -> datetime:
    """When the match's event happened, in UTC: its article's publication, but never after ``arrival``.

    No date, or one that cannot be read, is the arrival; a date in the future (a wrong clock, a lie) is too.
    """
    arrival = utc(arrival)
    published = published_at(match)
    if published is None:
        return arrival
    try:
        return min(utc(published), arrival)
    except OverflowError:  # within a day of year 1 or 9999, out of range once moved to UTC
        return _EARLIEST if published.year == 1 else arrival


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def is_stale(match: Match, policy: StoryPolicy, arrival: datetime) -> bool:
    """Whether ``match``'s event is older than its rule's window at ``arrival``: any story it opened would be over."""
    return event_time(match, arrival) + policy.window <= utc(arrival)


def apply_match(
    story: Story | None, match: Match, policy: StoryPolicy, arrival: datetime, news: StoryNews | None = None
) -> tuple[Story | None, tuple[Alert, ...]]:
    """The story after ``match`` arrived at ``arrival``, and the alerts it calls for (oldest first).

    ``story`` is the table's value for the match's story key, or None; None comes back when there is no story
    (a stale match opened none). A story over at ``arrival`` is resolved first, and the match opens a new one,
    so up to two alerts come back. A match of an article the story already holds returns the story unchanged
    and no alert; a stale one joins it without notifying. ``news`` (from a change of control) retitles the
    story, and notifies at once when it is news.
    """
    arrival = utc(arrival)
    now = event_time(match, arrival)
    stale = now + policy.window <= arrival
    resolved: tuple[Alert, ...] = ()
    if story is not None and arrival >= story.ends_at:
        resolved, story = (_resolve(story),), None
    if story is None:
        if stale:
            return None, resolved
        opened = _open(match, policy, now, news)
        return opened, (*resolved, _alert(opened, AlertKind.opened, now))
    if match.article_id in story.recent_articles:
        return story, ()
    return _grow(story, match, policy, now, news, quiet=stale)


def expire(story: Story, now: datetime) -> Alert | None:
    """The ``resolved`` alert of ``story`` when it has been quiet for its whole window at ``now``, else None.

    The agent removes the story from its table when this returns an alert.
    """
    return _resolve(story) if utc(now) >= story.ends_at else None


def _resolve(story: Story) -> Alert:
    return _alert(replace(story, revision=story.revision + 1), AlertKind.resolved, story.ends_at)


def _open(match: Match, policy: StoryPolicy, now: datetime, news: StoryNews | None) -> Story:
    source = outlet(match)
    piece = _piece(match, source, now, match_fingerprint(match))
    return Story(
        alert_id=alert_id(match.rule, match.group_key, now),
        rule=match.rule,
        group_key=match.group_key,
        title=news.title if news else match.rule_title or match.rule,
        bindings=dict(match.bindings),
        severity=match.severity,
        notify=policy.notify,
        opened_at=now,
        last_seen=now,
        ends_at=now + policy.window,
        revision=1,
        article_count=1,
        evidence_count=1,
        sources=(source,),
        independent_sources=(source,) if named(source) else (),
        pieces=(piece,),
        recent_articles=(match.article_id,),
        last_notified_at=now,
        level=policy.level(1 if named(source) else 0),
        control=news.control if news else None,
    )


def _grow(
    story: Story, match: Match, policy: StoryPolicy, now: datetime, news: StoryNews | None, quiet: bool
) -> tuple[Story, tuple[Alert, ...]]:
    """``story`` with ``match`` added; ``quiet`` (a stale match): recorded, notifying nothing and raising nothing."""
    source = outlet(match)
    new_source = source not in story.sources
    fingerprint = match_fingerprint(match)
    pieces = list(story.pieces)
    copied = next((i for i, p in enumerate(pieces) if is_copy(fingerprint, p.fingerprint)), None)
    independent = story.independent_sources
    if copied is None:
        pieces.append(_piece(match, source, now, fingerprint))
        if len(pieces) > MAX_PIECES:
            # Forget the detail of the least repeated, oldest piece; its counts stay.
            pieces.remove(min(pieces, key=lambda p: (len(p.article.sources), p.first_seen)))
        corroborates = named(source)
    else:
        article = pieces[copied].article
        # A copy corroborates only a piece no named outlet carried yet (one that anonymous articles brought).
        corroborates = named(source) and not any(named(s) for s in article.sources)
        pieces[copied] = replace(
            pieces[copied],
            article=replace(
                article, sources=_bounded_add(article.sources, source, MAX_SOURCES), copies=article.copies + 1
            ),
        )
    if corroborates:
        independent = _bounded_add(independent, source, MAX_SOURCES)
    level = story.level if quiet else policy.level(len(independent))
    risen = not quiet and Severity[match.severity] > Severity[story.severity]
    grown = replace(
        story,
        severity=match.severity if risen else story.severity,
        notify=policy.notify,
        # The id was made from the opening time and stays; an article published earlier moves first seen.
        opened_at=min(story.opened_at, now),
        last_seen=max(story.last_seen, now),
        ends_at=max(story.last_seen, now) + policy.window,
        revision=story.revision + 1,
        article_count=story.article_count + 1,
        evidence_count=story.evidence_count + int(copied is None),
        sources=_bounded_add(story.sources, source, MAX_SOURCES),
        independent_sources=independent,
        pieces=tuple(pieces),
        recent_articles=(*story.recent_articles, match.article_id)[-MAX_RECENT_ARTICLES:],
        level=max(story.level, level),
        title=news.title if news else story.title,
        control=news.control if news else story.control,
    )
    if quiet:
        return grown, ()
    if level > story.level or risen or (news is not None and news.news):
        kind = AlertKind.escalated
    elif (copied is None or new_source) and now - story.last_notified_at >= policy.cooldown:
        kind = AlertKind.updated
    else:
        return grown, ()
    grown = replace(grown, last_notified_at=max(story.last_notified_at, now))
    return grown, (_alert(grown, kind, now, previous_severity=story.severity if risen else None),)


def story_alert(story: Story, kind: AlertKind, revised_at: datetime) -> Alert:
    """The alert of ``story``'s current revision, for policies that decide themselves when a story notifies."""
    return _alert(story, kind, revised_at)


def _alert(story: Story, kind: AlertKind, revised_at: datetime, previous_severity: str | None = None) -> Alert:
    top = sorted(story.pieces, key=lambda p: (-len(p.article.sources), -p.article.copies, p.first_seen))
    return Alert(
        id=story.alert_id,
        revision=story.revision,
        kind=kind,
        rule=story.rule,
        severity=story.severity,
        title=story.title,
        group_key=story.group_key,
        bindings=dict(story.bindings),
        first_seen=story.opened_at,
        last_seen=story.last_seen,
        revised_at=revised_at,
        ends_at=story.ends_at,
        article_count=story.article_count,
        evidence_count=story.evidence_count,
        sources=story.sources,
        corroboration=len(story.independent_sources),
        articles=tuple(p.article for p in top[:TOP_ARTICLES]),
        previous_severity=previous_severity,
        notify=story.notify,
        control=story.control,
        volume=story.volume,
    )


def evidence_piece(match: Match, now: datetime) -> EvidencePiece:
    """``match`` as a piece of evidence first seen at ``now``, from its outlet."""
    return _piece(match, outlet(match), now, match_fingerprint(match))


def _piece(match: Match, source: str, now: datetime, fingerprint: str) -> EvidencePiece:
    article = AlertArticle(
        article_id=match.article_id,
        title=match.title,
        url=match.url,
        source=source,
        published_at=match.published_at,
        evidence=match.evidence[:EVIDENCE_PER_ARTICLE],
        sources=(source,),
        lang=match.lang,
    )
    return EvidencePiece(article, fingerprint, now)


def outlet(match: Match) -> str:
    """The outlet of a match: its source, else the host of its URL, else :data:`UNKNOWN_SOURCE`."""
    source = (match.source or "").strip()
    if source:
        return source
    host = urlsplit(match.url).hostname if match.url else None
    return host.removeprefix("www.") if host else UNKNOWN_SOURCE


def named(source: str) -> bool:
    """Whether ``source`` (an :func:`outlet`) names an outlet, so that it can corroborate a story."""
    return source != UNKNOWN_SOURCE


def _bounded_add(values: tuple[str, ...], value: str, limit: int) -> tuple[str, ...]:
    if value in values or len(values) >= limit:
        return values
    return (*values, value)
