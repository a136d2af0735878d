"""The ``destinations:`` section of newsalert.yaml: named places alerts go to, chosen by each rule's ``notify``.

```yaml
destinations:
  ops-webhook:
    type: webhook
    url: https://ops.example.org/hooks/newsalert
    secret: ${NEWSALERT_WEBHOOK_SECRET}     # whsec_… (Standard Webhooks)
    timeout: 10                              # seconds per attempt
  ops-slack:
    type: slack
    url: ${NEWSALERT_SLACK_WEBHOOK_URL}
    templates:
      title: "{severity}: {title}"
      text: "{summary}"
  alertmanager:
    type: alertmanager
    url: http://alertmanager:9093           # base URL; alerts go to /api/v2/alerts
    generator_url: https://newsalert.example.org/
```

``type``, ``url``, ``timeout`` and ``templates`` are read here for every destination; any other key is
an option of the destination's kind, which its own module declares and checks (:class:`DestinationKind`).
``${VAR}`` is replaced from the environment when the configuration is read.
URLs and secrets are held as :class:`Secret` (a Slack webhook URL is a
credential), so neither appears in logs, errors or dead letters.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from streams.errors import ConfigError
from streams.secret import Secret, resolve
from streams.yamlfile import printable, unknown_key

if TYPE_CHECKING:
    from streams.alerting.alert import Alert
    from streams.alerting.destinations.common import OutgoingRequest

DEFAULT_TIMEOUT = 10.0
_COMMON_KEYS = ("type", "url", "timeout", "templates")
_TEMPLATE_KEYS = {"title", "text"}
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Templates:
    """Optional format strings for a destination's title and text (``{title}``, ``{place}``, …)."""

    title: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Destination:
    """One named destination, ready to build requests for; ``options`` are its kind's own settings."""

    name: str
    type: str
    url: Secret
    timeout: float = DEFAULT_TIMEOUT
    templates: Templates = field(default_factory=Templates)
    options: Mapping[str, Any] = field(default_factory=dict)


# Reads a kind's own options (every key but the common ones) into their values; ``resolve`` turns a
# string with ``${VAR}`` references into a Secret, and errors name ``where`` (``destinations.NAME``).
ReadOptions = Callable[[Mapping[str, Any], str, Callable[[Any, str], Secret | None]], Mapping[str, Any]]


@dataclass(frozen=True)
class DestinationKind:
    """What one kind of destination (webhook, slack, …) declares: its name, its own options, its request.

    Each kind's module defines one as ``KIND``; the registry (:func:`streams.alerting.destinations.kinds`)
    finds it there, so adding a kind is adding its module.
    """

    name: str
    options: tuple[str, ...]
    read_options: ReadOptions
    build_request: Callable[[Alert, Destination], OutgoingRequest]


def parse_destinations(
    section: Any, env: Mapping[str, str], kinds: Mapping[str, DestinationKind]
) -> dict[str, Destination]:
    """Every destination of a ``destinations:`` mapping, with ``${VAR}`` resolved from ``env``.

    Raises ``ConfigError`` naming the destination and key at fault (never a
    secret's or URL's value) when a setting is missing, unknown or invalid, or an
    environment variable it refers to is not set.
    """
    if section is None:
        return {}
    if not isinstance(section, Mapping):
        raise ConfigError("destinations: expected a mapping of name → settings")
    return {str(name): _destination(str(name), settings, env, kinds) for name, settings in section.items()}


def _destination(name: str, settings: Any, env: Mapping[str, str], kinds: Mapping[str, DestinationKind]) -> Destination:
    where = f"destinations.{printable(name)}"  # a name is any YAML key: a control character stays one line
    if not isinstance(settings, Mapping):
        raise ConfigError(f"{where}: expected a mapping with at least 'type' and 'url'")
    kind = kinds.get(settings.get("type"))  # type: ignore[arg-type]
    if kind is None:
        raise ConfigError(f"{where}.type: expected one of {', '.join(sorted(kinds))}, got {settings.get('type')!r}")
    known = (*_COMMON_KEYS, *kind.options)
    unknown = sorted(set(settings) - set(known))
    if unknown:
        message, hint = unknown_key(str(unknown[0]), known, f"a {kind.name} destination")
        other = sorted(k.name for k in kinds.values() if unknown[0] in k.options)
        hint = f"only {', '.join(other)} destinations take it" if other else hint
        raise ConfigError(f"{where}: {message} ({hint})")
    url = resolve(settings.get("url"), f"{where}.url", env)
    if url is None or not url.reveal().startswith(("http://", "https://")):
        raise ConfigError(f"{where}.url: expected an http:// or https:// URL (value not shown)")
    timeout = settings.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigError(f"{where}.timeout: expected a positive number of seconds, got {timeout!r}")
    own = {key: value for key, value in settings.items() if key in kind.options}
    return Destination(
        name=name,
        type=kind.name,
        url=url,
        timeout=float(timeout),
        templates=_templates(settings.get("templates"), f"{where}.templates"),
        options=kind.read_options(own, where, lambda value, at: resolve(value, at, env)),
    )


def _templates(value: Any, where: str) -> Templates:
    if value is None:
        return Templates()
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a mapping with 'title' and/or 'text'")
    unknown = sorted(set(value) - _TEMPLATE_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: title, text)")
    for key, template in value.items():
        _check_template(template, f"{where}.{key}")
    return Templates(title=value.get("title"), text=value.get("text"))


def _check_template(template: Any, where: str) -> None:
    if not isinstance(template, str):
        raise ConfigError(f'{where}: expected a string such as "{{severity}}: {{title}}"')
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ConfigError(f"{where}: {error} (hint: write {{{{ and }}}} for literal braces)") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        # Only plain names: attribute and index look-ups would let a template reach into
        # objects, and every value is text, so format specs would only fail at send time.
        if not _FIELD_NAME.match(name) or spec or conversion:
            raise ConfigError(
                f"{where}: {{{name}}} is not a plain name "
                "(hint: a field such as {title} or {summary}, or a binding such as {place}; see docs/alerting.md)"
            )
