"""Settings: ``newsalert.yaml`` (optional) overlaid by environment variables, read into :class:`Settings`.

Every setting, its type, default and environment variable is described in docs/configuration.md (a test
keeps it complete: :func:`setting_names`); ``newsalert config check`` reads a file the way every command does.
Secrets are only ever read from the environment: ``NEWSALERT_INGEST_TOKEN`` and the ``${VAR}`` references
inside ``destinations``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from streams.alerting.destinations import Destination, parse_destinations
from streams.alerting.routing import Routing
from streams.errors import ConfigError, YamlProblem
from streams.ruleset.durations import parse_duration
from streams.secret import REFERENCE, Secret, resolve
from streams.yamlfile import closest, load_located, printable, quoted, unknown_key

DEFAULT_CONFIG = "newsalert.yaml"
_TOP = "top level"
_TOP_KEYS = {
    "kafka",
    "app_id",
    "rules",
    "web",
    "data_dir",
    "max_article_bytes",
    "dedup_window",
    "feeds",
    "destinations",
    "default_notify",
    "resolve_interval",
    "agents",
    "fetch_private_addresses",
    "ingest_tokens",
}
AGENTS = ("match", "alert", "deliver", "feeds")
_KAFKA_KEYS = {"bootstrap", "topic_prefix", "partitions", "replication"}
_WEB_KEYS = {"host", "port"}
_FEED_KEYS = {"url", "source", "interval", "fetch_page", "name"}
_TOKEN_KEYS = {"name", "token"}
# A token travels in an Authorization header: visible ASCII only, and long enough not to be guessed.
_TOKEN_TEXT = re.compile(r"[\x21-\x7e]{16,}\Z")
MAX_SETTINGS_BYTES = 1 << 20
MIN_FEED_INTERVAL = 30.0  # seconds: politeness towards the feed's server
_CHECKOUT = Path(__file__).resolve().parent.parent


def setting_names() -> list[str]:
    """Every key the settings file takes, named as docs/configuration.md names them (``kafka.bootstrap``,
    ``feeds[].url``); a destination's own keys are documented in docs/alerting.md."""
    nested = {"kafka": _KAFKA_KEYS, "web": _WEB_KEYS, "feeds[]": _FEED_KEYS, "ingest_tokens[]": _TOKEN_KEYS}
    return sorted({*_TOP_KEYS, *(f"{parent}.{key}" for parent, keys in nested.items() for key in keys)})


def settings_file(path: str | Path | None, env: Mapping[str, str]) -> Path | None:
    """The settings file a command reads: ``path``, else ``$NEWSALERT_CONFIG``, else ``./newsalert.yaml`` when
    it exists; None when there is none (every setting has its default)."""
    explicit = path or env.get("NEWSALERT_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(DEFAULT_CONFIG) if Path(DEFAULT_CONFIG).exists() else None


def default_rules() -> tuple[str, ...]:
    """``rules`` in the working directory when there is one, else the rule packs of the checkout newsalert runs from.

    So that every command works from any directory of a development install; an installed package ships
    no rules, and then ``rules`` names the (missing) directory the error message points at.
    """
    if not Path("rules").is_dir() and (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "rules").is_dir():
        return (str(_CHECKOUT / "rules"),)
    return ("rules",)


def default_data_dir(env: Mapping[str, str]) -> Path:
    """``$XDG_STATE_HOME/newsalert`` (``~/.local/state/newsalert``): one per user, so that the commands find
    ``newsalert run``'s run file from any directory; ``.newsalert`` when there is no home directory."""
    if env.get("XDG_STATE_HOME"):
        return Path(env["XDG_STATE_HOME"]) / "newsalert"
    try:
        return Path.home() / ".local" / "state" / "newsalert"
    except RuntimeError:
        return Path(".newsalert")


@dataclass(frozen=True)
class FeedSettings:
    """One feed to poll: where, how often, and what to call its articles' source."""

    url: str
    name: str
    source: str | None = None
    interval: float = 300.0
    fetch_page: bool = False


@dataclass(frozen=True)
class IngestToken:
    """A bearer token ``POST /articles`` accepts: one per producer. ``name`` is the source of every article sent
    with it (a named producer cannot pass for another outlet); None takes the source the body gives."""

    token: Secret
    name: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything a newsalert process needs to know; build it with :func:`load_settings`."""

    kafka_bootstrap: str | None = None
    topic_prefix: str = "newsalert."
    app_id: str = ""  # empty: derived from the topic prefix (see group_id)
    partitions: int = 4
    replication: int = 1
    rules: tuple[str, ...] = field(default_factory=default_rules)
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    data_dir: Path = field(default_factory=lambda: default_data_dir(os.environ))
    max_article_bytes: int = 1 << 20
    dedup_window: float = 7 * 86400.0
    resolve_interval: float = 15.0  # how often quiet stories are checked for resolution (seconds)
    fetch_private_addresses: bool = False  # may feeds, their redirects and article links reach private networks?
    agents: tuple[str, ...] = AGENTS  # the stages this worker runs (all by default; split to scale them apart)
    feeds: tuple[FeedSettings, ...] = ()
    destinations: dict[str, Destination] = field(default_factory=dict)
    # The names under ``destinations`` (read even when the destinations themselves are not, for the checks).
    destination_names: tuple[str, ...] = ()
    default_notify: tuple[str, ...] | None = None  # None: unset (a rule without notify is an error at start)
    always_notify: tuple[str, ...] = ()  # not a setting: newsalert run's local sink, which gets every alert
    ingest_token: Secret | None = None  # NEWSALERT_INGEST_TOKEN: also the one the CLI sends to the worker
    ingest_tokens: tuple[IngestToken, ...] = ()  # every token POST /articles accepts, the one above included
    source: Path | None = None  # the settings file read, None when there was none

    def topic(self, name: str) -> str:
        """The full name of one of newsalert's topics (``articles``, ``matches``, …)."""
        return self.topic_prefix + name

    @property
    def group_id(self) -> str:
        """The Faust app id and consumer group: ``app_id``, else derived from the topic prefix."""
        return self.app_id or self.topic_prefix.strip("._-") or "newsalert"

    @property
    def routing(self) -> Routing:
        """Where alerts go, for the deliver agent and for checking the rules' ``notify`` names."""
        return Routing(
            destinations=self.destination_names,
            default=self.default_notify,
            always=self.always_notify,
            settings=str(self.source) if self.source else None,
        )

    def with_bootstrap(self, bootstrap: str) -> Settings:
        """The same settings pointed at another broker (the embedded one, once started)."""
        return replace(self, kafka_bootstrap=bootstrap)


def load_settings(
    path: str | Path | None = None, env: Mapping[str, str] | None = None, *, destinations: bool = True
) -> Settings:
    """Settings from ``path`` (or ``$NEWSALERT_CONFIG``, or ``./newsalert.yaml`` if present) and ``env``.

    ``destinations=False``: leave ``destinations`` unread (empty), for the commands that deliver nothing,
    so they run without the destinations' secrets. Raises ``ConfigError`` naming the file and key at fault.
    """
    env = os.environ if env is None else env
    config_path = settings_file(path, env)
    if config_path is None:
        return _settings({}, env, destinations=destinations)
    try:
        with config_path.open("rb") as file:
            # Bounded: a device or a log named by mistake is refused, not read whole.
            raw = file.read(MAX_SETTINGS_BYTES + 1)
        if len(raw) > MAX_SETTINGS_BYTES:
            raise ConfigError(f"{config_path}: larger than {MAX_SETTINGS_BYTES} bytes; is it the settings file?")
        loaded, positions = load_located(raw.decode("utf-8"))
        data = loaded or {}
    except OSError as error:
        raise ConfigError(f"{config_path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{config_path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except YamlProblem as problem:
        where = f"{config_path}:{problem.line}:{problem.column}" if problem.line else str(config_path)
        raise ConfigError(f"{where}: {problem.message}") from None
    try:
        return replace(_settings(data, env, destinations=destinations), source=config_path)
    except ConfigError as error:
        raise ConfigError(f"{_located(config_path, str(error), positions)}: {error}") from None


def _located(path: Path, message: str, positions: Mapping[str, tuple[int, int]]) -> str:
    """``FILE:LINE:COL`` of the setting an error names first (``feeds[0].url: …``), or ``FILE`` for none."""
    named = message.split(":", 1)[0]
    while named and named not in positions:
        named = named.rsplit(".", 1)[0] if "." in named else named.rsplit("[", 1)[0] if "[" in named else ""
    if not named:
        return str(path)
    line, column = positions[named]
    return f"{path}:{line}:{column}"


def _settings(data: Any, env: Mapping[str, str], *, destinations: bool) -> Settings:
    section = _mapping(data, _TOP, _TOP_KEYS)
    kafka = _mapping(section.get("kafka", {}), "kafka", _KAFKA_KEYS)
    web = _mapping(section.get("web", {}), "web", _WEB_KEYS)
    defaults = Settings()
    rules_env = env.get("NEWSALERT_RULES")
    rules = rules_env.split(os.pathsep) if rules_env else section.get("rules", list(defaults.rules))
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not rules or not all(isinstance(r, str) for r in rules):
        raise ConfigError("rules: expected a list of rule files or directories")
    token = env.get("NEWSALERT_INGEST_TOKEN")
    names = _destination_names(section.get("destinations"))
    return Settings(
        kafka_bootstrap=env.get("KAFKA_BOOTSTRAP") or _text(kafka.get("bootstrap"), "kafka.bootstrap"),
        topic_prefix=_text(
            env.get("NEWSALERT_TOPIC_PREFIX", kafka.get("topic_prefix", defaults.topic_prefix)),
            "kafka.topic_prefix",
            empty=True,
        )
        or "",
        app_id=_text(env.get("NEWSALERT_APP_ID", section.get("app_id")), "app_id") or "",
        partitions=_count(
            env.get("NEWSALERT_PARTITIONS", kafka.get("partitions", defaults.partitions)), "kafka.partitions"
        ),
        replication=_count(kafka.get("replication", defaults.replication), "kafka.replication"),
        rules=tuple(rules),
        web_host=_text(env.get("NEWSALERT_WEB_HOST", web.get("host", defaults.web_host)), "web.host") or "",
        web_port=_count(env.get("NEWSALERT_WEB_PORT", web.get("port", defaults.web_port)), "web.port", upto=65535),
        data_dir=Path(
            env.get("NEWSALERT_DATA_DIR") or _text(section.get("data_dir"), "data_dir") or default_data_dir(env)
        ).expanduser(),
        max_article_bytes=_count(section.get("max_article_bytes", defaults.max_article_bytes), "max_article_bytes"),
        dedup_window=_seconds(section.get("dedup_window"), "dedup_window", defaults.dedup_window),
        resolve_interval=_seconds(section.get("resolve_interval"), "resolve_interval", defaults.resolve_interval),
        agents=_agents(env.get("NEWSALERT_AGENTS", section.get("agents"))),
        fetch_private_addresses=_flag(section.get("fetch_private_addresses", False), "fetch_private_addresses"),
        feeds=tuple(_feed(item, f"feeds[{i}]") for i, item in enumerate(_list(section.get("feeds"), "feeds"))),
        destinations=parse_destinations(section.get("destinations"), env) if destinations else {},
        destination_names=names,
        default_notify=_default_notify(section.get("default_notify"), names),
        ingest_token=Secret(token) if token else None,
        ingest_tokens=_ingest_tokens(section.get("ingest_tokens") if destinations else None, token, env),
    )


def _destination_names(section: Any) -> tuple[str, ...]:
    if section is None:
        return ()
    if not isinstance(section, Mapping):
        raise ConfigError("destinations: expected a mapping of name → settings")
    return tuple(str(name) for name in section)


def _default_notify(value: Any, configured: tuple[str, ...]) -> tuple[str, ...] | None:
    """``default_notify``: destination names, each configured (a misspelt one would route nowhere)."""
    if value is None:
        return None
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(name, str) and name for name in names):
        raise ConfigError("default_notify: expected a list of destination names, such as [newsroom]")
    for index, name in enumerate(names):
        if name not in configured:
            known = closest(name, configured) or (
                f"configured: {', '.join(configured)}" if configured else "no destination is configured"
            )
            raise ConfigError(
                f"default_notify[{index}]: {quoted(name)} is not a destination under 'destinations:' ({known})"
            )
    return tuple(dict.fromkeys(names))


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    return value


def _agents(value: Any) -> tuple[str, ...]:
    if value is None:
        return AGENTS
    names = [n.strip() for n in value.split(",")] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or any(n not in AGENTS for n in names):
        raise ConfigError(f"agents: expected some of {', '.join(AGENTS)}, got {value!r}")
    return tuple(dict.fromkeys(names))


def _mapping(value: Any, where: str, known: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a mapping")
    unknown = sorted(set(value) - known)
    if unknown:
        key = printable(str(unknown[0]))
        message, hint = unknown_key(key, known, where)
        named = f"{where}.{key}" if where != _TOP else key
        raise ConfigError(f"{named}: {message} ({hint})")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected a list")
    return value


def _text(value: Any, where: str, *, empty: bool = False) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or (not value and not empty):
        raise ConfigError(f"{where}: expected a non-empty string")
    return value


def _count(value: Any, where: str, *, upto: int | None = None) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: expected a whole number, got {value!r}") from None
    if number < 1 or (upto is not None and number > upto) or isinstance(value, bool):
        raise ConfigError(f"{where}: {number} is out of range")
    return number


def _seconds(value: Any, where: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    try:
        return parse_duration(str(value)).total_seconds()
    except ValueError:
        raise ConfigError(f"{where}: expected seconds or a duration such as 30s, 5m, 1h, got {value!r}") from None


def _ingest_tokens(value: Any, legacy: str | None, env: Mapping[str, str]) -> tuple[IngestToken, ...]:
    """``ingest_tokens`` with their ``${VAR}`` read from ``env``, after ``NEWSALERT_INGEST_TOKEN`` (unnamed)."""
    tokens = [IngestToken(Secret(legacy))] if legacy else []
    for index, item in enumerate(_list(value, "ingest_tokens")):
        where = f"ingest_tokens[{index}]"
        section = _mapping(item, where, _TOKEN_KEYS)
        reference = section.get("token")
        if not isinstance(reference, str) or not REFERENCE.fullmatch(reference.strip()):
            raise ConfigError(
                f"{where}.token: expected ${{VAR}}, the environment variable that holds the token "
                "(a token written in the file would be read by everyone who reads the file)"
            )
        secret = resolve(reference.strip(), f"{where}.token", env)
        assert secret is not None
        if not _TOKEN_TEXT.match(secret.reveal()):
            raise ConfigError(
                f"{where}.token: {reference.strip()} must hold at least 16 visible ASCII characters, no spaces "
                "(value not shown); make one with: openssl rand -base64 24"
            )
        if any(secret == other.token for other in tokens):
            raise ConfigError(f"{where}.token: the same token as another producer's; give each producer its own")
        name = _text(section.get("name"), f"{where}.name")
        if name is not None and (not name.strip() or not name.isprintable()):
            raise ConfigError(f"{where}.name: expected the outlet's name, printable text")
        tokens.append(IngestToken(secret, name.strip() if name else None))
    return tuple(tokens)


def _feed(value: Any, where: str) -> FeedSettings:
    section = _mapping(value, where, _FEED_KEYS)
    url = _text(section.get("url"), f"{where}.url")
    if not url or urlsplit(url).scheme not in ("http", "https"):
        raise ConfigError(f"{where}.url: expected an http:// or https:// URL")
    interval = _seconds(section.get("interval"), f"{where}.interval", 300.0)
    if interval < MIN_FEED_INTERVAL and urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
        raise ConfigError(f"{where}.interval: at least {MIN_FEED_INTERVAL:.0f}s, to be polite to the server")
    fetch_page = section.get("fetch_page", False)
    if not isinstance(fetch_page, bool):
        raise ConfigError(f"{where}.fetch_page: expected true or false")
    source = _text(section.get("source"), f"{where}.source")
    return FeedSettings(
        url=url,
        name=_text(section.get("name"), f"{where}.name") or source or urlsplit(url).hostname or url,
        source=source,
        interval=interval,
        fetch_page=fetch_page,
    )
