"""Load rule files into a validated :class:`RuleSet`, reporting every problem with file, line and column.

Files are read in two passes: the first collects entities, phrase lists and
raw rules from every file, the second builds the rules, so a rule may use an
entity type or list defined in any file of the set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, assert_never

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from streams.alerting.routing import Routing
from streams.errors import Location, RuleError, RuleProblem, YamlProblem
from streams.places import Coverage, Gazetteer
from streams.places.coverage import country_codes, parse_coverage
from streams.places.model import PlaceKind
from streams.ruleset.compiler import DATE_GROUPS, REGEX_AT, compile_regex
from streams.ruleset.durations import format_duration, parse_duration
from streams.ruleset.limits import (
    MAX_ALIASES_PER_ENTITY,
    MAX_FILE_BYTES,
    MAX_LEAD,
    MAX_RULES_PER_FILE,
    MAX_SENTENCES,
    MAX_VOLUME_BASELINE_WINDOWS,
    MAX_VOLUME_COUNT,
    MAX_VOLUME_FACTOR,
    MAX_VOLUME_SOURCES,
    MAX_VOLUME_WITHIN,
    MAX_WINDOW,
)
from streams.ruleset.model import (
    CLAIM_ROLES,
    DEFAULT_CONFIRM,
    DEFAULT_CONTROL_WINDOW,
    DEFAULT_COOLDOWN,
    DEFAULT_CORROBORATION,
    DEFAULT_STORY_WINDOW,
    FIELDS,
    VOLUME_KINDS,
    AllOf,
    AnyOf,
    ArticleFilter,
    Condition,
    ControlSpec,
    Entity,
    EntityRef,
    Example,
    Flatline,
    Frequency,
    KnownControl,
    ListRef,
    NoneOf,
    Phrase,
    PhraseList,
    Regex,
    Rule,
    RuleSet,
    Severity,
    Spike,
    Volume,
)
from streams.ruleset.places import HAND_KINDS, PlaceExtra, place_entities, union
from streams.text.normalise import fold
from streams.yamlfile import closest, compose, node_value, printable, quoted, unknown_key

TOP_KEYS = ("entities", "extend", "lists", "rules", "known_control", "gazetteer")
RULE_KEYS = (
    "id", "title", "description", "severity", "when", "group_by", "cooldown", "window",
    "corroboration", "notify", "tags", "examples", "control", "sources", "languages", *VOLUME_KINDS,
)  # fmt: skip
CONTROL_KEYS = ("place", "actor", *CLAIM_ROLES, "window", "confirm")
KNOWN_CONTROL_KEYS = ("as_of", "places")
# What each volume condition takes; the keys named first are required.
VOLUME_KEYS = {
    "frequency": (("count", "within"), ("sources",)),
    "spike": (("within", "factor", "baseline", "min"), ()),
    "flatline": (("below", "within"), ()),
}
CONDITION_KINDS = ("phrase", "entity", "list", "regex")
CONDITION_COMBINATORS = ("all", "any", "none")
MODIFIERS = ("in", "min", "near", "window", "within_sentences", "lead", "unless", "unless_window")
CONDITION_KEYS = CONDITION_KINDS + CONDITION_COMBINATORS + MODIFIERS + ("ids", "before_published")
# The keys of a hand-written place that only a gazetteer reads.
PLACE_KEYS = ("geonames", "context_aliases", "region", "taken_from", "kind")
# The keys of a party that name other parties of its type (checked once every entity is known).
SIDE_KEYS = ("opponents", "allies")
ENTITY_KEYS = ("name", "aliases", *PLACE_KEYS, "countries", *SIDE_KEYS)
ALIAS_KEYS = ("alias", "case")
ALIAS_CASES = ("sensitive", "insensitive")
EXAMPLE_SECTIONS = ("match", "no_match")
EXAMPLE_KEYS = ("title", "body", "bindings", "source", "lang")
FILTER_KEYS = ("not",)

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
# An ISO 3166-2 code: the country, a hyphen, up to three letters or digits (MM-16, SD-DS, CD-NK).
_REGION = re.compile(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}")
_TYPE = re.compile(r"[a-z][a-z0-9_-]*")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# A language in `languages:`: an ISO 639 code, as the primary subtag of the article's language tag.
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass
class _RawRule:
    node: MappingNode
    reader: _FileReader


class _FileReader:
    """Reads one file's nodes into model values, recording problems at the offending node."""

    def __init__(self, path: str, problems: list[RuleProblem]) -> None:
        self.path = path
        self.problems = problems

    def at(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def problem(self, node: Node, message: str, hint: str = "") -> None:
        # Messages quote the file's own keys and values: escaped, so that each problem stays one line.
        self.problems.append(RuleProblem(self.at(node), printable(message), printable(hint)))

    def mapping(
        self, node: Node, what: str, allowed: Sequence[str] | None = None
    ) -> dict[str, tuple[Node, Node]] | None:
        """A mapping's entries by key; unknown keys (when ``allowed`` is given) and duplicates are problems."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return None
        entries: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or not key:
                self.problem(key_node, f"keys in {what} must be plain names")
                continue
            if key in entries:
                self.problem(key_node, f"duplicate key {quoted(key)} in {what}")
                continue
            if allowed is not None and key not in allowed:
                self.problem(key_node, *unknown_key(key, allowed, what))
                continue
            entries[key] = (key_node, value_node)
        return entries

    def string(self, node: Node, what: str) -> str | None:
        # Any scalar is taken as written: an alias like `1948` or `No` is text, not a number or a boolean.
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be a string")
            return None
        return str(node.value)

    def text(self, node: Node, what: str) -> str | None:
        """A non-blank string."""
        value = self.string(node, what)
        if value is not None and not value.strip():
            self.problem(node, f"{what} must not be empty")
            return None
        return value

    def integer(self, node: Node, what: str, low: int, high: int | None = None) -> int | None:
        try:
            if not isinstance(node, ScalarNode) or node.tag != _INT_TAG:
                raise ValueError
            value = int(node.value.replace("_", ""))
        except ValueError:
            self.problem(node, f"{what} must be a whole number")
            return None
        if value < low or (high is not None and value > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.problem(node, f"{what} must be {bound}, not {value}")
            return None
        return value

    def number(self, node: Node, what: str, above: float, high: float) -> float | None:
        """A number (whole or decimal) greater than ``above`` and at most ``high``."""
        try:
            if not isinstance(node, ScalarNode) or node.tag not in (_INT_TAG, _FLOAT_TAG):
                raise ValueError
            value = float(node.value.replace("_", ""))
        except ValueError:
            self.problem(node, f"{what} must be a number, e.g. 3 or 2.5")
            return None
        if not above < value <= high:  # also refuses .nan
            self.problem(node, f"{what} must be more than {above:g} and at most {high:g}, not {node.value}")
            return None
        return value

    def sequence(self, node: Node, what: str, allow_single: bool = False) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        if allow_single and isinstance(node, ScalarNode):
            return [node]
        self.problem(node, f"{what} must be a list")
        return None

    def strings(self, node: Node, what: str, allow_single: bool = True) -> list[tuple[str, Node]]:
        items = self.sequence(node, what, allow_single) or []
        result = []
        for item in items:
            value = self.text(item, f"each item of {what}")
            if value is not None:
                result.append((value, item))
        return result

    def duration(self, node: Node, what: str, allow_zero: bool) -> timedelta | None:
        hint = "write it like 30s, 15m, 6h, 2d, 1w or 1h30m"
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be a duration", hint)
            return None
        try:
            value = parse_duration(str(node.value))
        except ValueError as exc:
            self.problem(node, f"{what} {exc}", hint)
            return None
        if not value and not allow_zero:
            self.problem(node, f"{what} must be longer than zero")
            return None
        return value


class _Collector:
    """Collects everything defined across the files, then builds the rules."""

    def __init__(self, routing: Routing | None = None) -> None:
        self.routing = routing  # checks each rule's notify names when given (None: not checked)
        self.problems: list[RuleProblem] = []
        self.entities: dict[str, dict[str, Entity]] = {}
        self.lists: dict[str, PhraseList] = {}
        self.raw_rules: list[_RawRule] = []
        self.raw_known_control: list[tuple[Node, _FileReader]] = []
        # Each party an entity's `opponents:` or `allies:` names (its type, id, where written).
        self.raw_sides: list[tuple[str, str, Node, _FileReader]] = []
        self.known_control: dict[str, KnownControl] = {}
        self.files: list[str] = []
        # `gazetteer:` blocks (coverage, where) and each hand-written place's `geonames:`, `context_aliases:`,
        # `region:` and `taken_from:`, with where each of those keys is written (a problem with one points at it).
        self.coverages: list[tuple[Coverage, Location]] = []
        self.place_extras: dict[str, PlaceExtra] = {}
        self.place_keys: dict[str, dict[str, Location]] = {}
        self.gazetteer: Gazetteer | None = None
        # `extend:` entries (the aliases they add, as an entity, where written) and the places among them
        # that go into the gazetteer's merge as hand-written places, which must name a generated place.
        self.extensions: list[tuple[Entity, Node, _FileReader]] = []
        self.place_extensions: set[str] = set()

    # -- pass 1 ---------------------------------------------------------------------------------
    def read_file(self, path: Path) -> None:
        name = str(path)
        self.files.append(name)
        reader = _FileReader(name, self.problems)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problems.append(
                    RuleProblem(
                        Location(name, 1, 1),
                        f"file is {size:,} bytes; rule files may be at most {MAX_FILE_BYTES:,}",
                        "split it into several files",
                    )
                )
                return
            source = path.read_bytes().decode("utf-8")
        except OSError as exc:
            self.problems.append(RuleProblem(Location(name), f"cannot read: {exc.strerror or exc}"))
            return
        except UnicodeDecodeError as exc:
            self.problems.append(RuleProblem(Location(name), f"not UTF-8 text (byte {exc.start})"))
            return
        self.read_text(source, reader)

    def read_text(self, source: str, reader: _FileReader) -> None:
        try:
            root = compose(source)
        except YamlProblem as problem:
            hint = "delete it or write it as an escape" if problem.message.startswith("character U+") else ""
            self.problems.append(
                RuleProblem(Location(reader.path, problem.line, problem.column), problem.message, hint)
            )
            return
        if root is None:
            return
        top = reader.mapping(root, "a rule file", TOP_KEYS)
        if top is None:
            return
        if "gazetteer" in top:
            self.read_gazetteer(top["gazetteer"][1], reader)
        if "entities" in top:
            self.read_entities(top["entities"][1], reader)
        if "extend" in top:
            self.read_entities(top["extend"][1], reader, extend=True)
        if "lists" in top:
            self.read_lists(top["lists"][1], reader)
        if "known_control" in top:
            # Read in pass 2: its places and actors may be defined in files not read yet.
            self.raw_known_control.append((top["known_control"][1], reader))
        if "rules" in top:
            items = reader.sequence(top["rules"][1], "'rules'") or []
            if len(items) > MAX_RULES_PER_FILE:
                reader.problem(
                    top["rules"][1], f"{len(items):,} rules in one file; the limit is {MAX_RULES_PER_FILE:,}"
                )
                return
            for item in items:
                if isinstance(item, MappingNode):
                    self.raw_rules.append(_RawRule(item, reader))
                else:
                    reader.problem(item, "each rule must be a mapping with at least 'id', 'title' and 'when'")

    def read_gazetteer(self, node: Node, reader: _FileReader) -> None:
        coverage, problems = parse_coverage(node_value(node) if isinstance(node, MappingNode) else None)
        for problem in problems:
            reader.problem(node, str(problem), problem.hint)
        if coverage is not None:
            self.coverages.append((coverage, reader.at(node)))

    def read_entities(self, node: Node, reader: _FileReader, extend: bool = False) -> None:
        """``entities:``, or with ``extend`` the ``extend:`` block: aliases to add to entities defined elsewhere."""
        types = reader.mapping(node, "'extend'" if extend else "'entities'") or {}
        for type_, (type_node, ids_node) in types.items():
            if not _TYPE.fullmatch(type_):
                reader.problem(type_node, f"entity type {quoted(type_)} must be lower case letters, digits, - or _")
                continue
            known = self.entities.setdefault(type_, {}) if not extend else {}
            for entity_id, (id_node, value) in (reader.mapping(ids_node, f"entity type '{type_}'") or {}).items():
                if extend and not isinstance(value, SequenceNode):
                    reader.problem(
                        value,
                        f"'extend' of {quoted(f'{type_}/{entity_id}')} takes a list of aliases",
                        "e.g. [Emesa, Hims]",
                    )
                    continue
                entity = self.read_entity(type_, entity_id, id_node, value, reader)
                if entity is None:
                    continue
                if extend:
                    self.extensions.append((entity, id_node, reader))
                    continue
                if entity_id in known:
                    reader.problem(
                        id_node,
                        f"entity '{type_}/{entity_id}' is defined twice",
                        f"first defined at {known[entity_id].location}",
                    )
                    continue
                known[entity_id] = entity

    def read_entity(self, type_: str, entity_id: str, id_node: Node, value: Node, reader: _FileReader) -> Entity | None:
        what = f"entity {quoted(f'{type_}/{entity_id}')}"
        if not _ID.fullmatch(entity_id):
            reader.problem(id_node, f"{what}: ids must be lower case letters, digits, '.', '-' or '_'")
            return None
        name = ""
        countries: tuple[str, ...] = ()
        sides: dict[str, tuple[str, ...]] = {}
        aliases_node = value
        if isinstance(value, MappingNode):
            fields = reader.mapping(value, what, ENTITY_KEYS) or {}
            if "aliases" not in fields:
                reader.problem(value, f"{what} has no 'aliases'")
                return None
            aliases_node = fields["aliases"][1]
            if "name" in fields:
                name = reader.text(fields["name"][1], f"the name of {what}") or ""
            if set(PLACE_KEYS) & fields.keys():
                if type_ != "place":
                    reader.problem(
                        value,
                        f"{what}: 'geonames', 'context_aliases', 'region', 'taken_from' and 'kind' are for places of"
                        " the gazetteer",
                    )
                    return None
                self.place_extras[entity_id] = self.place_extra(fields, what, reader)
                self.place_keys[entity_id] = {key: reader.at(fields[key][1]) for key in PLACE_KEYS if key in fields}
            if "countries" in fields:
                countries = self.countries(fields["countries"][1], what, reader)
            for key in SIDE_KEYS:
                if key in fields:
                    named = reader.strings(fields[key][1], f"the {key} of {what}")
                    sides[key] = tuple(party for party, _ in named)
                    self.raw_sides += [(type_, party, node, reader) for party, node in named]
        aliases = self.aliases(aliases_node, what, reader)
        if aliases is None:
            return None
        return Entity(
            type_,
            entity_id,
            aliases[0],
            name,
            reader.at(id_node),
            case_sensitive=aliases[1],
            countries=countries,
            opponents=sides.get("opponents", ()),
            allies=sides.get("allies", ()),
        )

    def countries(self, node: Node, what: str, reader: _FileReader) -> tuple[str, ...]:
        """The ISO 3166-1 alpha-2 codes of ``countries:`` (where a party fights); a bad code is a problem."""
        known = country_codes()
        codes = []
        for code, code_node in reader.strings(node, f"the countries of {what}"):
            if code.upper() in known:
                codes.append(code.upper())
            else:
                reader.problem(
                    code_node,
                    f"{what}: unknown country code {quoted(code)}",
                    closest(code.upper(), sorted(known)) or "use ISO 3166-1 alpha-2 codes such as SY, YE, UA",
                )
        return tuple(codes)

    def aliases(
        self, aliases_node: Node, what: str, reader: _FileReader
    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The aliases of ``what``, and those of them that are case-sensitive; None when there is none."""
        items = reader.sequence(aliases_node, f"the aliases of {what}")
        if items is None:
            return None
        if not items:
            reader.problem(aliases_node, f"{what} has an empty alias list", "give at least one name, e.g. [Homs, حمص]")
            return None
        if len(items) > MAX_ALIASES_PER_ENTITY:
            reader.problem(aliases_node, f"{what} has {len(items):,} aliases; the limit is {MAX_ALIASES_PER_ENTITY:,}")
            return None
        aliases = []
        case_sensitive = []
        for item in items:
            alias, sensitive = self.alias(item, what, reader)
            if alias is None:
                continue
            aliases.append(alias)
            if sensitive:
                case_sensitive.append(alias)
        return (tuple(aliases), tuple(case_sensitive)) if aliases else None

    def alias(self, node: Node, what: str, reader: _FileReader) -> tuple[str | None, bool]:
        """One alias of ``what``, written as text or as ``{alias: Meta, case: sensitive}``; and whether it
        names the entity only as written."""
        sensitive = False
        if isinstance(node, MappingNode):
            fields = reader.mapping(node, f"an alias of {what}", ALIAS_KEYS) or {}
            if "alias" not in fields:
                reader.problem(
                    node,
                    f"an alias of {what} written as a mapping needs 'alias'",
                    "e.g. {alias: Meta, case: sensitive}",
                )
                return None, False
            if "case" in fields:
                case = reader.string(fields["case"][1], "'case'")
                if case not in ALIAS_CASES:
                    reader.problem(
                        fields["case"][1],
                        f"{what}: 'case' must be sensitive or insensitive, not {quoted(str(case))}",
                        closest(str(case), ALIAS_CASES),
                    )
                    return None, False
                sensitive = case == "sensitive"
            node = fields["alias"][1]
        alias = reader.text(node, f"an alias of {what}")
        if alias is None:
            return None, False
        if not fold(alias.strip("*")):
            reader.problem(node, f"alias '{alias}' of {what} has no letters or digits")
            return None, False
        return alias, sensitive

    def place_extra(self, fields: dict[str, tuple[Node, Node]], what: str, reader: _FileReader) -> PlaceExtra:
        geonames = None
        if "geonames" in fields:
            text = reader.string(fields["geonames"][1], f"the GeoNames id of {what}")
            if text is None or not (text.isascii() and text.isdigit()):
                reader.problem(fields["geonames"][1], f"{what}: 'geonames' must be a GeoNames id, e.g. 170063")
            else:
                geonames = int(text)
        context = (
            [alias for alias, _ in reader.strings(fields["context_aliases"][1], f"the context_aliases of {what}")]
            if "context_aliases" in fields
            else []
        )
        region = ""
        if "region" in fields:
            text = reader.string(fields["region"][1], f"the region of {what}")
            if text is not None and not _REGION.fullmatch(text):
                reader.problem(
                    fields["region"][1],
                    f"{what}: 'region' must be an ISO 3166-2 code of a first-level region, e.g. MM-16",
                )
            elif text is not None:
                region = text.upper()
        taken_from = (
            tuple(slug for slug, _ in reader.strings(fields["taken_from"][1], f"the taken_from of {what}"))
            if "taken_from" in fields
            else ()
        )
        kind: PlaceKind = "city"
        if "kind" in fields:
            text = reader.string(fields["kind"][1], f"the kind of {what}")
            if text not in HAND_KINDS:
                reader.problem(
                    fields["kind"][1],
                    f"{what}: 'kind' must be city or region, not {quoted(str(text))}",
                    "region: an area of several towns (the Ghouta), which rules on 'entity: place' do not watch",
                )
            elif not region:
                reader.problem(
                    fields["kind"][1],
                    f"{what}: a place of kind '{text}' needs 'region' to give its country",
                    "add the ISO 3166-2 code of the first-level region it lies in, e.g. region: SY-RD",
                )
            else:
                kind = HAND_KINDS[text]
        return PlaceExtra(geonames, tuple(context), region, taken_from, kind)

    def read_lists(self, node: Node, reader: _FileReader) -> None:
        for name, (name_node, value) in (reader.mapping(node, "'lists'") or {}).items():
            if name in self.lists:
                reader.problem(
                    name_node, f"list '{name}' is defined twice", f"first defined at {self.lists[name].location}"
                )
                continue
            items = reader.sequence(value, f"list '{name}'")
            if items is None:
                continue
            if not items:
                reader.problem(value, f"list '{name}' is empty")
                continue
            phrases = tuple(p for p in (self.phrase(item, reader, f"list '{name}'") for item in items) if p is not None)
            self.lists[name] = PhraseList(name, phrases, reader.at(name_node))

    def phrase(self, node: Node, reader: _FileReader, where: str) -> Phrase | None:
        text = reader.text(node, f"a phrase in {where}")
        if text is None:
            return None
        if not fold(text.strip("*")):
            reader.problem(node, f"phrase '{text}' in {where} has no letters or digits")
            return None
        return Phrase(text=text, location=reader.at(node))

    # -- pass 2 ---------------------------------------------------------------------------------
    def extend_entities(self, places_built: bool) -> None:
        """Add the aliases of ``extend:`` entries to the entities they name, never "defined twice".

        Before the places are built, an extension joins a hand-written entity, and one of a place with a
        gazetteer goes into the gazetteer's merge as a hand-written place (the one way a place gains names,
        assessed like its own); after, the rest must name an entity that exists by then.
        """
        pending = []
        for addition, node, reader in self.extensions:
            known = self.entities.get(addition.type, {})
            if addition.id in known:
                known[addition.id] = _extended(known[addition.id], addition)
            elif not places_built and addition.type == "place" and self.coverages:
                self.entities.setdefault("place", {})[addition.id] = addition
                self.place_extensions.add(addition.id)
            elif not places_built:
                pending.append((addition, node, reader))
            elif addition.type not in self.entities:
                reader.problem(
                    node,
                    f"'extend' of '{addition.type}/{addition.id}': unknown entity type '{addition.type}'",
                    closest(addition.type, self.entities) or "define its entities under 'entities:'",
                )
            else:
                reader.problem(
                    node,
                    f"'extend' of an unknown {addition.type} '{addition.id}'",
                    closest(addition.id, known) or f"define it under entities: {addition.type}:",
                )
        self.extensions = pending

    def build_places(self) -> None:
        """The gazetteer's places as entities, hand-written places merged into them (before the rules read ids)."""
        if not self.coverages:
            # Without a gazetteer nothing would read these keys: saying so beats ignoring them.
            for entity_id, keys in self.place_keys.items():
                for key, at in keys.items():
                    self.problems.append(
                        RuleProblem(
                            at,
                            f"place '{entity_id}': '{key}' is for places of a gazetteer, and no rule file has one",
                            f"add a 'gazetteer:' block such as {{countries: [SY]}} (docs/places.md), or drop '{key}:'",
                        )
                    )
            return
        hand = self.entities.get("place", {})
        self.gazetteer, generated, problems = place_entities(
            union(c for c, _ in self.coverages), hand, self.place_extras, frozenset(self.place_extensions)
        )
        for entity_id, message, hint in problems:
            # A problem with one key of a place (`x.region`) is located at that key, else at the place.
            owner, _, key = (entity_id, "", "") if entity_id in hand else entity_id.rpartition(".")
            where = self.place_keys.get(owner, {}).get(key) or (hand[owner].location if owner in hand else None)
            self.problems.append(RuleProblem(where or self.coverages[0][1], f"place '{entity_id}': {message}", hint))
        for type_, entities in generated.items():
            if type_ != "place" and type_ in self.entities:
                # A hand-written region or country keeps its entries; the gazetteer's fill in the rest.
                entities = {**entities, **self.entities[type_]}
            self.entities[type_] = entities

    def build_known_control(self) -> None:
        """Who held each place at the start, checked against the ``place`` and ``actor`` entities."""
        for node, reader in self.raw_known_control:
            fields = reader.mapping(node, "'known_control'", KNOWN_CONTROL_KEYS)
            if fields is None:
                continue
            if "as_of" not in fields or "places" not in fields:
                reader.problem(
                    node,
                    "'known_control' needs 'as_of' (a date) and 'places' (place: actor)",
                    "e.g. known_control: {as_of: 2024-11-26, places: {homs: army}}",
                )
                continue
            since = _timestamp(reader, fields["as_of"][1])
            if since is None:
                continue
            for place, (place_node, actor_node) in (reader.mapping(fields["places"][1], "'places'") or {}).items():
                actor = reader.text(actor_node, f"the actor holding '{place}'")
                if not self._known_entity("place", place, place_node, reader) or actor is None:
                    continue
                if not self._known_entity("actor", actor, actor_node, reader):
                    continue
                if place in self.known_control:
                    reader.problem(
                        place_node,
                        f"known control of '{place}' is given twice",
                        f"first given at {self.known_control[place].location}",
                    )
                    continue
                self.known_control[place] = KnownControl(place, actor, since, reader.at(place_node))

    def check_sides(self) -> None:
        """Every party named by ``opponents:`` or ``allies:`` is an entity of the naming party's type."""
        for type_, entity_id, node, reader in self.raw_sides:
            self._known_entity(type_, entity_id, node, reader)

    def _known_entity(self, type_: str, entity_id: str, node: Node, reader: _FileReader) -> bool:
        known = self.entities.get(type_, {})
        if entity_id in known:
            return True
        reader.problem(
            node, f"unknown {type_} '{entity_id}'", closest(entity_id, known) or f"define it under entities: {type_}:"
        )
        return False

    def build_rules(self) -> list[Rule]:
        rules: list[Rule] = []
        seen: dict[str, Location] = {}
        for raw in self.raw_rules:
            rule = _RuleBuilder(self, raw.reader).build(raw.node)
            if rule is None:
                continue
            if rule.id in seen:
                raw.reader.problem(raw.node, f"duplicate rule id '{rule.id}'", f"first defined at {seen[rule.id]}")
                continue
            seen[rule.id] = rule.location  # type: ignore[assignment]
            rules.append(rule)
        return rules


class _RuleBuilder:
    """Builds one rule, checking every reference against what the rule set defines."""

    def __init__(self, collector: _Collector, reader: _FileReader) -> None:
        self.collector = collector
        self.reader = reader
        self.what = "rule"

    def build(self, node: MappingNode) -> Rule | None:
        reader = self.reader
        fields = reader.mapping(node, "a rule", RULE_KEYS)
        if fields is None:
            return None
        rule_id = None
        if "id" in fields:
            rule_id = reader.text(fields["id"][1], "a rule's id")
            if rule_id is not None and not _ID.fullmatch(rule_id):
                reader.problem(
                    fields["id"][1], f"rule id '{rule_id}' must be lower case letters, digits, '.', '-' or '_'"
                )
                rule_id = None
        else:
            reader.problem(node, "a rule needs an 'id'")
        self.what = f"rule '{rule_id}'" if rule_id else "rule"
        for required in ("title", "when"):
            if required not in fields:
                reader.problem(node, f"{self.what} needs a '{required}'")
        when = self.condition(fields["when"][1]) if "when" in fields else None
        if when is not None and not _positive(when):
            reader.problem(
                fields["when"][1],
                f"{self.what}: 'when' has no condition outside 'none'",
                "a rule must look for something",
            )
            when = None
        bound = _bound_types(when) if when else set()
        title = reader.text(fields["title"][1], f"the title of {self.what}") if "title" in fields else None
        if title is not None:
            for placeholder in _PLACEHOLDER.findall(title):
                if placeholder not in bound:
                    reader.problem(
                        fields["title"][1],
                        f"{self.what}: the title uses '{{{placeholder}}}', which the rule does not bind",
                        closest(placeholder, bound) or f"bound here: {', '.join(sorted(bound)) or 'nothing'}",
                    )
        values: dict[str, Any] = {}
        if "description" in fields:
            values["description"] = reader.string(fields["description"][1], "a description") or ""
        if "severity" in fields:
            values["severity"] = self.severity(fields["severity"][1])
        if "group_by" in fields:
            group_by = []
            for type_, item in reader.strings(fields["group_by"][1], f"'group_by' of {self.what}"):
                if type_ not in bound:
                    reader.problem(
                        item,
                        f"{self.what}: group_by '{type_}' is not bound by the rule's condition",
                        closest(type_, bound) or "group by an entity type the rule uses with 'entity:' or 'near:'",
                    )
                group_by.append(type_)
            values["group_by"] = tuple(group_by)
        if "cooldown" in fields:
            values["cooldown"] = reader.duration(fields["cooldown"][1], "cooldown", allow_zero=True) or DEFAULT_COOLDOWN
        if "window" in fields:
            values["window"] = reader.duration(fields["window"][1], "window", allow_zero=False) or DEFAULT_STORY_WINDOW
        if "corroboration" in fields:
            values["corroboration"] = self.corroboration(fields["corroboration"][1])
        if "notify" in fields:
            values["notify"] = tuple(self.notify(fields["notify"][1]))
        elif self.collector.routing is not None and (missing := self.collector.routing.missing_default()):
            reader.problem(node, f"{self.what} {missing[0]}", missing[1])
        if "tags" in fields:
            values["tags"] = tuple(v for v, _ in reader.strings(fields["tags"][1], f"'tags' of {self.what}"))
        for key in ("sources", "languages"):
            if key in fields:
                values[key] = self.article_filter(key, fields[key][1])
        if "examples" in fields:
            values["must_match"], values["must_not_match"] = self.examples(fields["examples"][1])
        if "control" in fields:
            control = self.control(fields["control"][1], bound)
            if control is not None:
                values["control"] = control
                # Every claim about a place must reach the one story and state of that place.
                if "group_by" not in values:
                    values["group_by"] = (control.place,)
                elif values["group_by"] != (control.place,):
                    reader.problem(
                        fields["group_by"][1],
                        f"{self.what}: a rule with 'control' groups by its place only",
                        f"group_by: [{control.place}]",
                    )
        kinds = [kind for kind in VOLUME_KINDS if kind in fields]
        if kinds:
            volume = self.volume(kinds, fields)
            if volume is not None:
                values["volume"] = volume
        if rule_id is None or title is None or when is None:
            return None
        return Rule(id=rule_id, title=title, when=when, location=reader.at(node), **values)

    def notify(self, node: Node) -> list[str]:
        """The destination names of ``notify``, each one checked against the configured ones when known."""
        names = self.reader.strings(node, f"'notify' of {self.what}")
        routing = self.collector.routing
        for name, item in names:
            unknown = routing.unknown(name) if routing is not None else None
            if unknown is not None:
                self.reader.problem(item, f"{self.what}: {unknown[0]}", unknown[1])
        return [name for name, _ in names]

    def control(self, node: Node, bound: set[str]) -> ControlSpec | None:
        reader = self.reader
        fields = reader.mapping(node, f"'control' of {self.what}", CONTROL_KEYS)
        if fields is None:
            return None
        types: dict[str, str] = {}
        for key in ("place", "actor"):
            type_ = reader.text(fields[key][1], f"'{key}'") if key in fields else key
            if type_ is None or not self.entity_type(type_, fields[key][1] if key in fields else node):
                return None
            types[key] = type_
        if types["place"] not in bound:
            reader.problem(
                fields["place"][1] if "place" in fields else node,
                f"{self.what}: the control place type '{types['place']}' is not bound by the rule's condition",
                f"add '- entity: {types['place']}' to 'when'",
            )
            return None
        roles = {}
        for role in CLAIM_ROLES:
            if role in fields:
                condition = self.condition(fields[role][1])
                if condition is None:
                    return None
                if not _words_only(condition):
                    reader.problem(
                        fields[role][1],
                        f"{self.what}: '{role}' takes words, phrases and lists only",
                        "regular expressions, entities and modifiers have no place in a control role",
                    )
                    return None
                roles[role] = condition
        if not roles:
            reader.problem(
                node,
                f"{self.what}: 'control' needs at least one of {', '.join(CLAIM_ROLES)}",
                "e.g. gained: {list: control-gained}",
            )
            return None
        window = (
            reader.integer(fields["window"][1], "'window'", 1, MAX_WINDOW)
            if "window" in fields
            else DEFAULT_CONTROL_WINDOW
        )
        confirm = reader.integer(fields["confirm"][1], "'confirm'", 1) if "confirm" in fields else DEFAULT_CONFIRM
        if window is None or confirm is None:
            return None
        return ControlSpec(
            place=types["place"],
            actor=types["actor"],
            roles=roles,
            window=window,
            confirm=confirm,
            location=reader.at(node),
        )

    def article_filter(self, key: str, node: Node) -> ArticleFilter | None:
        """``sources:``/``languages:``: a list of values, or ``{not: [...]}`` for every one but those."""
        reader = self.reader
        exclude = isinstance(node, MappingNode)
        if exclude:
            fields = reader.mapping(node, f"'{key}' of {self.what}", FILTER_KEYS) or {}
            if "not" not in fields:
                if not node.value:  # an unknown key is reported by `mapping`, with a hint
                    reader.problem(
                        node, f"{self.what}: '{key}' takes a list, or 'not:' and a list", f"e.g. {key}: {{not: [...]}}"
                    )
                return None
            node = fields["not"][1]
        items = reader.strings(node, f"'{key}' of {self.what}")
        if not items:
            if isinstance(node, SequenceNode):
                reader.problem(node, f"{self.what}: '{key}' is empty", f"leave '{key}' out to read every article")
            return None
        values = set()
        for value, item in items:
            value = value.strip().lower()
            if key == "languages" and not _LANGUAGE.fullmatch(value):
                reader.problem(
                    item,
                    f"{self.what}: {quoted(value)} is not a language code",
                    "write ISO 639 codes, as articles give them: ar, en, fr, uk",
                )
                return None
            values.add(value)
        return ArticleFilter(values=frozenset(values), exclude=exclude, location=reader.at(node))

    def volume(self, kinds: list[str], fields: dict[str, tuple[Node, Node]]) -> Volume | None:
        """The rule's one volume condition, checked against the rule-level keys it replaces."""
        reader = self.reader
        if len(kinds) > 1:
            reader.problem(
                fields[kinds[1]][0],
                f"{self.what}: a rule takes one of {', '.join(VOLUME_KINDS)}, not {' and '.join(kinds)}",
                "write a rule for each",
            )
            return None
        kind = kinds[0]
        # Keys that mean something for a story of single matches but nothing for a count.
        for key, hint in (
            ("control", "a change of control is news in one article; count its matches in a rule of their own"),
            ("window", f"a volume rule's alert ends when its condition stops holding; its window is '{kind}: within'"),
            ("corroboration", "frequency's 'sources' asks for distinct outlets"),
        ):
            if key in fields:
                reader.problem(fields[key][0], f"{self.what}: '{key}' does not go with '{kind}'", hint)
                return None
        node = fields[kind][1]
        required, optional = VOLUME_KEYS[kind]
        entries = reader.mapping(node, f"'{kind}' of {self.what}", required + optional)
        if entries is None:
            return None
        missing = [key for key in required if key not in entries]
        if missing:
            example = {
                "frequency": "{count: 5, within: 1h}",
                "spike": "{within: 1h, factor: 3, baseline: 1d, min: 5}",
                "flatline": "{below: 1, within: 6h}",
            }[kind]
            reader.problem(
                node, f"{self.what}: '{kind}' needs {', '.join(repr(k) for k in missing)}", f"e.g. {example}"
            )
            return None
        within_node = entries["within"][1]
        within = reader.duration(within_node, f"'{kind}: within'", allow_zero=False)
        if within is not None and within > MAX_VOLUME_WITHIN:
            reader.problem(within_node, f"{self.what}: '{kind}: within' must be at most {MAX_VOLUME_WITHIN.days}d")
            within = None
        location = reader.at(node)
        match kind:
            case "frequency":
                count = reader.integer(entries["count"][1], "'frequency: count'", 1, MAX_VOLUME_COUNT)
                sources = (
                    reader.integer(entries["sources"][1], "'frequency: sources'", 1, MAX_VOLUME_SOURCES)
                    if "sources" in entries
                    else 1
                )
                if count is not None and sources is not None and sources > count:
                    reader.problem(
                        entries["sources"][1],
                        f"{self.what}: 'frequency: sources' ({sources}) cannot exceed its count ({count})",
                        "each outlet needs an article of its own",
                    )
                    return None
                if within is None or count is None or sources is None:
                    return None
                return Frequency(count=count, within=within, sources=sources, location=location)
            case "spike":
                factor = reader.number(entries["factor"][1], "'spike: factor'", 1, MAX_VOLUME_FACTOR)
                minimum = reader.integer(entries["min"][1], "'spike: min'", 1, MAX_VOLUME_COUNT)
                baseline_node = entries["baseline"][1]
                baseline = reader.duration(baseline_node, "'spike: baseline'", allow_zero=False)
                if within is None or factor is None or minimum is None or baseline is None:
                    return None
                windows = baseline / within
                if windows != int(windows) or not 1 <= windows <= MAX_VOLUME_BASELINE_WINDOWS:
                    reader.problem(
                        baseline_node,
                        f"{self.what}: 'spike: baseline' must be 1 to {MAX_VOLUME_BASELINE_WINDOWS} times its "
                        f"'within', a whole number of times",
                        f"e.g. within: {entries['within'][1].value}, baseline: {format_duration(within * 24)}",
                    )
                    return None
                return Spike(within=within, factor=factor, baseline=baseline, min_count=minimum, location=location)
            case "flatline":
                below = reader.integer(entries["below"][1], "'flatline: below'", 1, MAX_VOLUME_COUNT)
                if within is None or below is None:
                    return None
                return Flatline(below=below, within=within, location=location)
        raise AssertionError(kind)

    def severity(self, node: Node) -> Severity:
        value = self.reader.string(node, "severity")
        if value is not None and value in Severity.__members__:
            return Severity[value]
        names = list(Severity.__members__)
        self.reader.problem(
            node,
            f"{self.what}: unknown severity '{value}'",
            closest(str(value), names) or f"one of {', '.join(names)}",
        )
        return Severity.medium

    def corroboration(self, node: Node) -> tuple[int, ...]:
        items = self.reader.sequence(node, "corroboration") or []
        counts = [self.reader.integer(item, "a corroboration count", 1) for item in items]
        if None in counts or not counts:
            if not counts:
                self.reader.problem(node, f"{self.what}: corroboration needs at least one count")
            return DEFAULT_CORROBORATION
        if any(b <= a for a, b in pairwise(counts)):  # type: ignore[operator]
            self.reader.problem(node, f"{self.what}: corroboration counts must increase strictly, e.g. [1, 3, 10]")
            return DEFAULT_CORROBORATION
        return tuple(counts)  # type: ignore[arg-type]

    def examples(self, node: Node) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        sections = self.reader.mapping(node, f"the examples of {self.what}", EXAMPLE_SECTIONS) or {}
        built: dict[str, list[Example]] = {"match": [], "no_match": []}
        for section, (_, items_node) in sections.items():
            for item in self.reader.sequence(items_node, f"examples '{section}'") or []:
                example = self.example(item)
                if example is not None:
                    built[section].append(example)
        return tuple(built["match"]), tuple(built["no_match"])

    def example(self, node: Node) -> Example | None:
        reader = self.reader
        if isinstance(node, ScalarNode):
            body = reader.text(node, "an example")
            return Example("", body, {}, reader.at(node)) if body is not None else None
        fields = reader.mapping(node, "an example", EXAMPLE_KEYS)
        if fields is None:
            return None
        title = reader.string(fields["title"][1], "an example's title") or "" if "title" in fields else ""
        body = reader.string(fields["body"][1], "an example's body") or "" if "body" in fields else ""
        source = reader.text(fields["source"][1], "an example's source") if "source" in fields else None
        lang = reader.text(fields["lang"][1], "an example's lang") if "lang" in fields else None
        if not title.strip() and not body.strip():
            reader.problem(node, "an example needs a 'title' or a 'body'")
            return None
        bindings: dict[str, str] = {}
        if "bindings" in fields:
            for type_, (type_node, id_node) in (
                reader.mapping(fields["bindings"][1], "an example's bindings") or {}
            ).items():
                entity_id = reader.text(id_node, f"the '{type_}' binding")
                if entity_id is None:
                    continue
                if self.entity_type(type_, type_node) and entity_id not in self.collector.entities[type_]:
                    reader.problem(
                        id_node, f"unknown {type_} '{entity_id}'", closest(entity_id, self.collector.entities[type_])
                    )
                bindings[type_] = entity_id
        return Example(title, body, bindings, reader.at(node), source, lang)

    def entity_type(self, type_: str, node: Node) -> bool:
        if type_ in self.collector.entities:
            return True
        known = self.collector.entities
        self.reader.problem(
            node,
            f"{self.what}: unknown entity type '{type_}'",
            closest(type_, known) or f"defined types: {', '.join(sorted(known)) or 'none'}",
        )
        return False

    def condition(self, node: Node) -> Condition | None:
        reader = self.reader
        if isinstance(node, ScalarNode):
            return self.collector.phrase(node, reader, self.what)
        if isinstance(node, SequenceNode):
            children = self.children(node, "a list of conditions")
            return AnyOf(children=children, location=reader.at(node)) if children else None
        fields = reader.mapping(node, f"a condition of {self.what}", CONDITION_KEYS)
        if fields is None:
            return None
        kinds = [k for k in CONDITION_KINDS if k in fields]
        combinators = [k for k in CONDITION_COMBINATORS if k in fields]
        if not kinds and not combinators:
            reader.problem(
                node, f"{self.what}: a condition needs one of {', '.join(CONDITION_KINDS + CONDITION_COMBINATORS)}"
            )
            return None
        if len(kinds) > 1 or (kinds and combinators):
            reader.problem(
                node,
                f"{self.what}: one condition cannot combine {', '.join(kinds + combinators)}",
                "nest them under 'all' or 'any'",
            )
            return None
        if "ids" in fields and kinds != ["entity"]:
            reader.problem(fields["ids"][0], f"{self.what}: 'ids' goes with 'entity'")
        if "before_published" in fields and kinds != ["regex"]:
            reader.problem(fields["before_published"][0], f"{self.what}: 'before_published' goes with 'regex'")
        modifiers = self.modifiers(fields)
        if modifiers is None:
            return None
        location = reader.at(node)
        if kinds:
            return self.leaf(kinds[0], fields, modifiers, location)
        parts: dict[str, tuple[Condition, ...]] = {}
        for key in combinators:
            children = self.children(fields[key][1], f"'{key}'")
            if not children:
                return None
            parts[key] = children
        if combinators == ["any"]:
            return AnyOf(children=parts["any"], location=location, **modifiers)
        if combinators == ["none"]:
            return NoneOf(children=parts["none"], location=location, **modifiers)
        every: list[Condition] = list(parts.get("all", ()))
        if "any" in parts:
            every.append(AnyOf(children=parts["any"], location=reader.at(fields["any"][1])))
        if "none" in parts:
            every.append(NoneOf(children=parts["none"], location=reader.at(fields["none"][1])))
        return AllOf(children=tuple(every), location=location, **modifiers)

    def children(self, node: Node, what: str) -> tuple[Condition, ...]:
        items = self.reader.sequence(node, f"{what} of {self.what}", allow_single=True)
        if items is None:
            return ()
        if not items:
            self.reader.problem(node, f"{self.what}: {what} is empty")
            return ()
        children = [self.condition(item) for item in items]
        return tuple(children) if None not in children else ()  # type: ignore[arg-type]

    def modifiers(self, fields: dict[str, tuple[Node, Node]]) -> dict[str, Any] | None:
        reader = self.reader
        values: dict[str, Any] = {}
        ok = True
        if "in" in fields:
            field = reader.string(fields["in"][1], "'in'")
            if field in FIELDS:
                values["field"] = field
            else:
                reader.problem(fields["in"][1], f"{self.what}: 'in' must be title or body, not '{field}'")
                ok = False
        if "min" in fields:
            values["min_count"] = reader.integer(fields["min"][1], "'min'", 1)
            ok = ok and values["min_count"] is not None
        if "near" in fields:
            near = reader.text(fields["near"][1], "'near'")
            if near is None or not self.entity_type(near, fields["near"][1]):
                ok = False
            values["near"] = near
        if "window" in fields:
            values["window"] = reader.integer(fields["window"][1], "'window'", 1, MAX_WINDOW)
            ok = ok and values["window"] is not None
            if "near" not in fields:
                reader.problem(fields["window"][0], f"{self.what}: 'window' goes with 'near'")
        if "within_sentences" in fields:
            values["within_sentences"] = reader.integer(
                fields["within_sentences"][1], "'within_sentences'", 0, MAX_SENTENCES
            )
            ok = ok and values["within_sentences"] is not None
            if "near" not in fields:
                reader.problem(fields["within_sentences"][0], f"{self.what}: 'within_sentences' goes with 'near'")
            elif "window" in fields:
                reader.problem(
                    fields["within_sentences"][0],
                    f"{self.what}: 'window' (words) and 'within_sentences' cannot both measure one 'near'",
                    "keep one of them",
                )
                ok = False
        if "lead" in fields:
            values["lead"] = reader.integer(fields["lead"][1], "'lead'", 1, MAX_LEAD)
            ok = ok and values["lead"] is not None
        if "unless" in fields:
            values["unless"] = self.condition(fields["unless"][1])
            ok = ok and values["unless"] is not None
        if "unless_window" in fields:
            values["unless_window"] = reader.integer(fields["unless_window"][1], "'unless_window'", 1, MAX_WINDOW)
            ok = ok and values["unless_window"] is not None
            if "unless" not in fields:
                reader.problem(fields["unless_window"][0], f"{self.what}: 'unless_window' goes with 'unless'")
        return values if ok else None

    def leaf(
        self, kind: str, fields: dict[str, tuple[Node, Node]], modifiers: dict[str, Any], location: Location
    ) -> Condition | None:
        reader = self.reader
        node = fields[kind][1]
        if kind == "phrase":
            phrase = self.collector.phrase(node, reader, self.what)
            return Phrase(text=phrase.text, location=location, **modifiers) if phrase else None
        name = reader.text(node, f"'{kind}'")
        if name is None:
            return None
        if kind == "list":
            if name not in self.collector.lists:
                reader.problem(node, f"{self.what}: unknown list '{name}'", closest(name, self.collector.lists))
                return None
            return ListRef(name=name, location=location, **modifiers)
        if kind == "regex":
            try:
                groups = set(compile_regex(name).groupindex)
            except ValueError as exc:
                reader.problem(
                    node,
                    f"{self.what}: invalid regular expression: {exc}",
                    "RE2 syntax: no backreferences or lookaround",
                )
                return None
            before = None
            if "before_published" in fields:
                before = reader.duration(fields["before_published"][1], "'before_published'", allow_zero=False)
                if before is None:
                    return None
                if not set(DATE_GROUPS) & groups:
                    reader.problem(
                        node,
                        f"{self.what}: a regex with 'before_published' needs a group that names a date",
                        "name its groups day, month and year: (?P<month>may|june) (?P<day>\\d+)",
                    )
                    return None
            # A group nothing reads is a misspelt 'at' or part of a date, or a date without 'before_published'.
            unread = sorted(groups - {REGEX_AT, *(DATE_GROUPS if before else ())})
            if unread:
                group = unread[0]
                reader.problem(
                    node,
                    f"{self.what}: the regex names a group {quoted(group)}, which nothing reads",
                    "add 'before_published:', which reads the date it names, or leave the group unnamed"
                    if group in DATE_GROUPS
                    else closest(group, (REGEX_AT, *DATE_GROUPS))
                    or f"name a group '{REGEX_AT}' (where the match stands) or, with 'before_published', day, month"
                    " and year; leave other groups unnamed",
                )
                return None
            return Regex(pattern=name, before_published=before, location=location, **modifiers)
        if not self.entity_type(name, node):
            return None
        ids: list[str] = []
        if "ids" in fields:
            known = self.collector.entities[name]
            for entity_id, item in reader.strings(fields["ids"][1], "'ids'"):
                if entity_id not in known:
                    reader.problem(item, f"{self.what}: unknown {name} '{entity_id}'", closest(entity_id, known))
                    return None
                ids.append(entity_id)
        return EntityRef(type=name, ids=tuple(ids), location=location, **modifiers)


def _positive(condition: Condition) -> bool:
    """Whether a condition looks for something (rather than only for the absence of something)."""
    match condition:
        case NoneOf():
            return False
        case AllOf():
            return any(_positive(c) for c in condition.children)
        case AnyOf():
            return all(_positive(c) for c in condition.children)
        case Phrase() | EntityRef() | ListRef() | Regex():
            return True
        case _:
            assert_never(condition)


def _words_only(condition: Condition) -> bool:
    """Whether a condition is words, phrases and lists only, with no modifier (what a control role may be)."""
    if condition.near or condition.unless is not None or condition.field or condition.min_count != 1:
        return False
    match condition:
        case AnyOf():
            return all(_words_only(c) for c in condition.children)
        case Phrase() | ListRef():
            return True
        case EntityRef() | Regex() | AllOf() | NoneOf():
            return False
        case _:
            assert_never(condition)


def _timestamp(reader: _FileReader, node: Node) -> datetime | None:
    """A date or date-time (UTC unless it says otherwise)."""
    text = reader.text(node, "a date")
    try:
        value = datetime.fromisoformat(text) if text is not None else None
    except ValueError:
        reader.problem(node, f"'{text}' is not a date", "write it as 2024-11-26 or 2024-11-26T16:40:00Z")
        return None
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _bound_types(condition: Condition) -> set[str]:
    """Entity types a condition binds (through ``entity:`` or ``near:``) outside ``none``."""
    types = {condition.near} if condition.near else set()
    match condition:
        case EntityRef():
            types.add(condition.type)
        case AllOf() | AnyOf():
            for child in condition.children:
                types |= _bound_types(child)
        case Phrase() | ListRef() | Regex() | NoneOf():
            pass
        case _:
            assert_never(condition)
    return types


def iter_rule_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[RuleProblem]]:
    """The rule files named by ``paths`` (a directory means every ``*.yaml``/``*.yml`` below it), sorted."""
    files: list[Path] = []
    problems: list[RuleProblem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, outside = _directory_rule_files(path)
            files.extend(found)
            problems.extend(
                RuleProblem(
                    Location(str(p)),
                    "links to a file outside the rule directory",
                    "copy the file into the rule directory or name it explicitly",
                )
                for p in outside
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(RuleProblem(Location(str(path)), "no such file or directory"))
    return files, problems


def _directory_rule_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """The ``*.yaml``/``*.yml`` files below ``directory``, and those among them that link outside it.

    Hidden files and folders are skipped: editors' backups, and the ``..data`` folders through which
    Kubernetes mounts a ConfigMap, which would otherwise load every rule twice. A link is followed only
    within the directory, so a stray link cannot make the worker read (and quote in errors) any file.
    """
    root = directory.resolve()
    found: list[Path] = []
    outside: list[Path] = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory).parts
        if path.suffix not in (".yaml", ".yml") or any(part.startswith(".") for part in relative):
            continue
        if not path.resolve().is_relative_to(root):
            outside.append(path)
        elif path.is_file():
            found.append(path)
    return found, outside


def _extended(entity: Entity, addition: Entity) -> Entity:
    """``entity`` with the aliases of an ``extend:`` entry added (those it has already left out)."""
    new = tuple(alias for alias in addition.aliases if alias not in entity.aliases)
    return replace(
        entity,
        aliases=entity.aliases + new,
        case_sensitive=entity.case_sensitive + tuple(a for a in addition.case_sensitive if a in new),
    )


def _finish(collector: _Collector) -> tuple[RuleSet | None, list[RuleProblem]]:
    collector.extend_entities(places_built=False)
    collector.build_places()
    collector.extend_entities(places_built=True)
    rules = collector.build_rules()
    collector.build_known_control()
    collector.check_sides()
    if collector.problems:
        ordered = sorted(collector.problems, key=lambda p: (p.location.file, p.location.line, p.location.column))
        return None, ordered
    return RuleSet(
        tuple(rules),
        collector.entities,
        collector.lists,
        tuple(collector.files),
        collector.known_control,
        collector.gazetteer,
    ), []


def check_rules(
    paths: Sequence[str | Path], routing: Routing | None = None
) -> tuple[RuleSet | None, list[RuleProblem]]:
    """Load rules, returning the rule set (None when anything is wrong) and every problem found.

    ``routing``: also check that every ``notify`` name is a configured destination, and that a rule
    without one has a default to go to (:mod:`streams.alerting.routing`).
    """
    files, problems = iter_rule_files(paths)
    if not files and not problems:
        problems.append(RuleProblem(Location(", ".join(map(str, paths)) or "<none>"), "no rule files (*.yaml) found"))
    collector = _Collector(routing)
    collector.problems.extend(problems)
    for path in files:
        collector.read_file(path)
    return _finish(collector)


def load_rules(paths: Sequence[str | Path], routing: Routing | None = None) -> RuleSet:
    """Load and validate rules (``routing``: see :func:`check_rules`); raises ``RuleError`` with every problem."""
    ruleset, problems = check_rules(paths, routing)
    if ruleset is None:
        raise RuleError(problems)
    return ruleset


def load_rules_text(text: str, name: str = "<string>") -> RuleSet:
    """Load rules from YAML text (for tests and trying a rule out)."""
    collector = _Collector()
    collector.files.append(name)
    collector.read_text(text, _FileReader(name, collector.problems))
    ruleset, problems = _finish(collector)
    if ruleset is None:
        raise RuleError(problems)
    return ruleset
