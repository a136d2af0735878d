"""Routing: which destinations an alert goes to, and the check that keeps it from widening in silence.

An alert goes to the destinations its rule names in ``notify``; a rule that names none goes to the
settings' ``default_notify``. Every name must be a configured destination: the rule loader checks each
``notify`` name (:meth:`Routing.unknown`) when it is given a :class:`Routing` (``rules check``, worker
start, rule reload), and the settings reader checks ``default_notify``. So a misspelt name is an error
before start, never "every destination". Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from streams.yamlfile import closest, quoted

NO_SETTINGS = "no settings file (newsalert.yaml, --config or NEWSALERT_CONFIG), so no destination is configured"


@dataclass(frozen=True)
class Routing:
    """The configured destination names, the default ones, and the settings file they come from (for hints).

    ``default`` is None when the settings do not say (``default_notify`` unset): then a rule without
    ``notify`` is an error as soon as any destination is configured. ``always`` get every alert besides
    (``newsalert run``'s local sink, which prints them); ``settings`` is the file, None without one.
    """

    destinations: tuple[str, ...] = ()
    default: tuple[str, ...] | None = None
    always: tuple[str, ...] = ()
    settings: str | None = None

    def targets(self, notify: Iterable[str]) -> list[str]:
        """The destinations of an alert whose rule names ``notify``: those, else the default; each once."""
        named = list(notify) or list(self.default or ())
        return list(dict.fromkeys([*named, *self.always]))

    @property
    def _configured(self) -> list[str]:
        return [name for name in self.destinations if name not in self.always]

    def unknown(self, name: str) -> tuple[str, str] | None:
        """The message and hint for a ``notify`` name that is not a configured destination, else None."""
        if name in self.destinations:
            return None
        message = f"notify names {quoted(name)}, which is not a configured destination"
        if self.settings is None:
            return message, NO_SETTINGS
        configured = self._configured
        known = closest(name, configured) or (f"configured: {', '.join(configured)}" if configured else "none is")
        return message, f"{known} — destinations are configured under 'destinations:' in {self.settings}"

    def missing_default(self) -> tuple[str, str] | None:
        """The message and hint for a rule without ``notify`` when the settings name no default, else None."""
        configured = self._configured
        if self.default is not None or not configured:
            return None
        return (
            "has no 'notify' and the settings set no 'default_notify', so where its alerts go is not said",
            f"add notify: [{configured[0]}] to the rule, or default_notify: [{configured[0]}] to {self.settings} "
            "(default_notify: [] delivers them nowhere)",
        )
