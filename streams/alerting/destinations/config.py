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

``${VAR}`` is replaced from the environment when the configuration is read.
URLs and secrets are held as :class:`Secret` (a Slack webhook URL is a
credential), so neither appears in logs, errors or dead letters.
"""

from __future__ import annotations

import base64
import binascii
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from streams.errors import ConfigError

DestinationType = Literal["webhook", "slack", "alertmanager"]
TYPES: tuple[str, ...] = get_args(DestinationType)
DEFAULT_TIMEOUT = 10.0
_KEYS = {"type", "url", "secret", "timeout", "templates", "generator_url"}
_TEMPLATE_KEYS = {"title", "text"}
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SECRET_PREFIX = "whsec_"


class Secret:
    """A string that must not be shown: ``str()`` and ``repr()`` give ``***``; :meth:`reveal` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The value itself, for the one place that needs it (an HTTP request, a signature)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Templates:
    """Optional format strings for a destination's title and text (``{title}``, ``{place}``, …)."""

    title: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Destination:
    """One named destination, ready to build requests for."""

    name: str
    type: DestinationType
    url: Secret
    secret: Secret | None = None
    timeout: float = DEFAULT_TIMEOUT
    templates: Templates = field(default_factory=Templates)
    generator_url: str | None = None


def parse_destinations(section: Any, env: Mapping[str, str]) -> dict[str, Destination]:
    """Every destination of a ``destinations:`` mapping, with ``${VAR}`` resolved from ``env``.

    Raises ``ConfigError`` naming the destination and key at fault (never a
    secret's or URL's value) when a setting is missing, unknown or invalid, or an
    environment variable it refers to is not set.
    """
    if section is None:
        return {}
    if not isinstance(section, Mapping):
        raise ConfigError("destinations: expected a mapping of name → settings")
    return {str(name): _destination(str(name), settings, env) for name, settings in section.items()}


def _destination(name: str, settings: Any, env: Mapping[str, str]) -> Destination:
    where = f"destinations.{name}"
    if not isinstance(settings, Mapping):
        raise ConfigError(f"{where}: expected a mapping with at least 'type' and 'url'")
    unknown = sorted(set(settings) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    kind = settings.get("type")
    if kind not in TYPES:
        raise ConfigError(f"{where}.type: expected one of {', '.join(TYPES)}, got {kind!r}")
    url = _resolve(settings.get("url"), f"{where}.url", env)
    if url is None or not url.reveal().startswith(("http://", "https://")):
        raise ConfigError(f"{where}.url: expected an http:// or https:// URL (value not shown)")
    secret = _resolve(settings.get("secret"), f"{where}.secret", env)
    if kind == "webhook":
        _check_webhook_secret(secret, f"{where}.secret")
    elif secret is not None:
        raise ConfigError(f"{where}.secret: only webhook destinations are signed")
    timeout = settings.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigError(f"{where}.timeout: expected a positive number of seconds, got {timeout!r}")
    generator_url = settings.get("generator_url")
    if generator_url is not None and (kind != "alertmanager" or not isinstance(generator_url, str)):
        raise ConfigError(f"{where}.generator_url: only an alertmanager destination takes one, as a URL string")
    return Destination(
        name=name,
        type=kind,
        url=url,
        secret=secret,
        timeout=float(timeout),
        templates=_templates(settings.get("templates"), f"{where}.templates"),
        generator_url=generator_url,
    )


def _resolve(value: Any, where: str, env: Mapping[str, str]) -> Secret | None:
    """``value`` with every ``${VAR}`` replaced from ``env``, as a Secret."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string")

    def lookup(reference: re.Match[str]) -> str:
        name = reference.group(1)
        if name not in env:
            raise ConfigError(f"{where}: environment variable {name} is not set")
        return env[name]

    return Secret(_REFERENCE.sub(lookup, value))


def _check_webhook_secret(secret: Secret | None, where: str) -> None:
    hint = "a Standard Webhooks secret is 'whsec_' followed by base64 of 24 to 64 random bytes"
    if secret is None:
        raise ConfigError(f"{where}: a webhook destination needs a signing secret ({hint})")
    value = secret.reveal()
    if not value.startswith(_SECRET_PREFIX):
        raise ConfigError(f"{where}: does not start with 'whsec_' ({hint}; value not shown)")
    try:
        key = base64.b64decode(value[len(_SECRET_PREFIX) :], validate=True)
    except binascii.Error:
        raise ConfigError(f"{where}: is not valid base64 after 'whsec_' ({hint}; value not shown)") from None
    if not 24 <= len(key) <= 64:
        raise ConfigError(f"{where}: decodes to {len(key)} bytes ({hint})")


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
