"""The rule language as data: what the loader produces and the compiler consumes.

Conditions form a tree of the kinds in :data:`Condition`. Every node can be scoped to a field (``in: title``),
need several occurrences (``min: 2``), be required near a bound entity
(``near: place`` with ``window: 12`` words or ``within_sentences: 1``) and ignore occurrences qualified by words
next to them (``unless: [outskirts]``). See ``docs/rules.md`` for the YAML syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum
from functools import cached_property
from typing import Literal

from streams.errors import Location
from streams.places.gazetteer import Gazetteer
from streams.places.model import Place
from streams.ruleset.durations import format_duration

Field = Literal["title", "body"]
FIELDS: tuple[Field, ...] = ("title", "body")
DEFAULT_WINDOW = 10
DEFAULT_UNLESS_WINDOW = 6
DEFAULT_COOLDOWN = timedelta(hours=1)
DEFAULT_STORY_WINDOW = timedelta(hours=24)
DEFAULT_CORROBORATION = (1, 3, 10)
# A claim's actor is searched this far (in words, same sentence) from the words of its role.
DEFAULT_CONTROL_WINDOW = 8
# Independent outlets needed before a change of control is reported as confirmed.
DEFAULT_CONFIRM = 2
ClaimRole = Literal["gained", "lost", "denied"]
CLAIM_ROLES: tuple[ClaimRole, ...] = ("gained", "lost", "denied")


class Severity(IntEnum):
    """How urgent a rule's alerts are; ordered, so a story can escalate."""

    info = 0
    low = 1
    medium = 2
    high = 3
    critical = 4


@dataclass(frozen=True, kw_only=True)
class Modifiers:
    """What every condition node may carry, whatever its kind (the node kinds are :data:`Condition`)."""

    location: Location | None = None
    field: Field | None = None
    min_count: int = 1
    near: str | None = None
    window: int = DEFAULT_WINDOW
    # Sentences instead of words: 0 is anywhere in the same sentence, 1 also the sentence before or after.
    within_sentences: int | None = None
    # Only the field's first this many words (its lead) count; the title is all lead.
    lead: int | None = None
    unless: Condition | None = None
    unless_window: int = DEFAULT_UNLESS_WINDOW


@dataclass(frozen=True, kw_only=True)
class Phrase(Modifiers):
    """A word or phrase as written in the rule.

    A trailing ``*`` lets the last word continue (``captur*``, ``سيطر*``);
    a leading ``*`` lets the first word have any beginning.
    """

    text: str


@dataclass(frozen=True, kw_only=True)
class EntityRef(Modifiers):
    """Any alias of an entity of ``type`` (restricted to ``ids`` when given); binds ``{type}``."""

    type: str
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ListRef(Modifiers):
    """Any phrase of a named phrase list defined once under ``lists:``."""

    name: str


@dataclass(frozen=True, kw_only=True)
class Regex(Modifiers):
    """A regular expression (RE2 syntax, linear time) over the normalised text.

    With ``before_published``, a match counts only where the date its groups ``day``, ``month`` and
    ``year`` name ends at least that long before the article was published ("By December 7 they had
    captured Hama" in a report of December 16); an article without a date has no such match.
    """

    pattern: str
    before_published: timedelta | None = None


@dataclass(frozen=True, kw_only=True)
class AllOf(Modifiers):
    """Every child must hold (``none:`` children appear here as a ``NoneOf``)."""

    children: tuple[Condition, ...]


@dataclass(frozen=True, kw_only=True)
class AnyOf(Modifiers):
    """At least one child must hold."""

    children: tuple[Condition, ...]


@dataclass(frozen=True, kw_only=True)
class NoneOf(Modifiers):
    """No child may hold (for the bindings of the enclosing match)."""

    children: tuple[Condition, ...]


# Every kind of condition node, declared once. The loader, the compiler and the matcher dispatch on
# it with ``match`` and ``assert_never``, so a kind one of them does not handle fails the type check.
Condition = Phrase | EntityRef | ListRef | Regex | AllOf | AnyOf | NoneOf


@dataclass(frozen=True)
class Entity:
    """A named thing with its aliases in every language, e.g. ``place/homs``."""

    type: str
    id: str
    aliases: tuple[str, ...]
    name: str = ""
    location: Location | None = None
    # For a place of the gazetteer: its country, coordinates, Arabic name and names that need evidence.
    place: Place | None = None
    # The aliases that name it only as written, capitals included (``{alias: Meta, case: sensitive}``);
    # a tuple, in the order written, so that its repr (a cache key of the places) is the same in every process.
    case_sensitive: tuple[str, ...] = ()
    # For a party to a conflict: the countries (ISO 3166-1 alpha-2) where it fights; a claim about a place
    # elsewhere never names it (the unqualified الجيش الوطني is the Syrian National Army in Syria only).
    countries: tuple[str, ...] = ()
    # For a party: who the words for its opponents ("anti-Houthi forces", «القوات المناهضة للحوثيين») and for
    # those it backs or fights beside ("Houthi-backed", «المتحالفة مع الحوثيين») name: the one of these
    # parties that fights at the place, if one does (docs/rules.md, "Parties named by another").
    opponents: tuple[str, ...] = ()
    allies: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        """The name shown in alerts: ``name`` if set, else the first alias."""
        return self.name or self.aliases[0]


@dataclass(frozen=True)
class PhraseList:
    """A named list of phrases shared by several rules."""

    name: str
    phrases: tuple[Phrase, ...]
    location: Location | None = None


@dataclass(frozen=True)
class Example:
    """A text stored with a rule that must (or must not) match it, with the article's source and language."""

    title: str
    body: str
    bindings: dict[str, str] = field(default_factory=dict)
    location: Location | None = None
    source: str | None = None
    lang: str | None = None


@dataclass(frozen=True, kw_only=True)
class ArticleFilter:
    """Which articles a rule reads by their source (``sources:``) or language (``languages:``): those whose
    value is one of ``values`` or, with ``exclude``, every one but those (an article without the value too).

    Values are kept in lower case; a language by its primary subtag (``en-GB`` is ``en``).
    """

    values: frozenset[str]
    exclude: bool = False
    location: Location | None = None

    def admits(self, value: str | None) -> bool:
        """Whether an article with ``value`` (None when it has none) is read."""
        return (value is not None and value.strip().lower() in self.values) != self.exclude


def primary_language(lang: str | None) -> str | None:
    """The primary subtag of a language tag, in lower case: ``en-GB`` → ``en``, ``ar_SY`` → ``ar``."""
    return lang.replace("_", "-").split("-", 1)[0] if lang else None


@dataclass(frozen=True, kw_only=True)
class ControlSpec:
    """What a rule says about who controls a place (``control:``), so its matches carry a claim.

    ``roles`` maps ``gained`` (the actor next to these words now holds the place),
    ``lost`` (the actor next to these words left it) and ``denied`` (the actor next
    to these words denies a change) to the words that say so.
    """

    place: str = "place"
    actor: str = "actor"
    roles: dict[ClaimRole, Condition] = field(default_factory=dict)
    window: int = DEFAULT_CONTROL_WINDOW
    confirm: int = DEFAULT_CONFIRM
    location: Location | None = None


@dataclass(frozen=True, kw_only=True)
class Frequency:
    """At least ``count`` matching articles, from at least ``sources`` outlets, within ``within`` (``frequency:``)."""

    count: int
    within: timedelta
    sources: int = 1
    location: Location | None = None

    @property
    def summary(self) -> str:
        """What makes an alert, in words."""
        outlets = f" from {self.sources} outlets" if self.sources > 1 else ""
        return f"at least {self.count} matching articles{outlets} within {format_duration(self.within)}"


@dataclass(frozen=True, kw_only=True)
class Spike:
    """At least ``min_count`` matching articles within ``within``, and ``factor`` times as many as usual (``spike:``).

    "As usual" is the mean count per ``within`` over the ``baseline`` just before it.
    """

    within: timedelta
    factor: float
    baseline: timedelta
    min_count: int = 1
    location: Location | None = None

    @property
    def summary(self) -> str:
        """What makes an alert, in words."""
        return (
            f"at least {self.min_count} matching articles within {format_duration(self.within)}, and {self.factor:g} "
            f"times the mean per {format_duration(self.within)} over the {format_duration(self.baseline)} before"
        )


@dataclass(frozen=True, kw_only=True)
class Flatline:
    """Fewer than ``below`` matching articles within ``within``: what a rule watches went silent (``flatline:``)."""

    below: int
    within: timedelta
    location: Location | None = None

    @property
    def summary(self) -> str:
        """What makes an alert, in words."""
        fewer = "no matching article" if self.below == 1 else f"fewer than {self.below} matching articles"
        return f"{fewer} within {format_duration(self.within)}"


# Every kind of volume condition: a rule with one alerts on how many of its matches arrive, not on each.
Volume = Frequency | Spike | Flatline
VOLUME_KINDS = ("frequency", "spike", "flatline")


@dataclass(frozen=True)
class KnownControl:
    """Who held a place when the stream starts (``known_control:``), so the first claim is compared with something."""

    place: str
    actor: str
    since: datetime
    location: Location | None = None


@dataclass(frozen=True, kw_only=True)
class Rule:
    """What must hold in one article, and what to do when it does."""

    id: str
    title: str
    when: Condition
    severity: Severity = Severity.medium
    description: str = ""
    group_by: tuple[str, ...] = ()
    cooldown: timedelta = DEFAULT_COOLDOWN
    window: timedelta = DEFAULT_STORY_WINDOW
    corroboration: tuple[int, ...] = DEFAULT_CORROBORATION
    notify: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    must_match: tuple[Example, ...] = ()
    must_not_match: tuple[Example, ...] = ()
    control: ControlSpec | None = None
    sources: ArticleFilter | None = None
    languages: ArticleFilter | None = None
    volume: Volume | None = None
    location: Location | None = None

    def admits(self, source: str | None, lang: str | None) -> bool:
        """Whether the rule reads an article of this source and language (its ``sources``/``languages``)."""
        return (self.sources is None or self.sources.admits(source)) and (
            self.languages is None or self.languages.admits(primary_language(lang))
        )


@dataclass(frozen=True)
class RuleSet:
    """Everything loaded from a set of rule files, validated and ready to compile."""

    rules: tuple[Rule, ...]
    entities: dict[str, dict[str, Entity]] = field(default_factory=dict)
    lists: dict[str, PhraseList] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    known_control: dict[str, KnownControl] = field(default_factory=dict)
    # The places a ``gazetteer:`` block asked for (None without one); its places are entities too.
    gazetteer: Gazetteer | None = None

    def entity(self, type_: str, id_: str) -> Entity | None:
        """The entity ``type_/id_``, or None."""
        return self.entities.get(type_, {}).get(id_)

    @cached_property
    def place_types(self) -> tuple[str, ...]:
        """The entity types whose entities are places (cities, regions, countries), built once per rule set."""
        return tuple(
            type_ for type_, entities in self.entities.items() if any(e.place is not None for e in entities.values())
        )

    @cached_property
    def rules_by_id(self) -> dict[str, Rule]:
        """Every rule by its id, built once per rule set."""
        return {rule.id: rule for rule in self.rules}
