"""A local webhook sink for ``newsalert run``: receives the signed alerts and prints them.

It is a real Standard Webhooks receiver on the worker's own web server
(``POST /sink``, registered in :mod:`streams.web`): it checks the signature and the timestamp like any receiver
should, so the demo exercises the same delivery path a user's endpoint gets.
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
import sys
from dataclasses import replace
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.destinations.config import Destination
from streams.alerting.destinations.webhook import signature
from streams.config import Settings
from streams.display import format_alert
from streams.secret import Secret

DESTINATION = "local-sink"
MAX_SKEW = 300  # seconds, as the Standard Webhooks spec recommends


def with_sink(settings: Settings) -> tuple[Settings, Secret]:
    """``settings`` plus a webhook destination pointing at this worker's ``/sink`` that every alert goes to,
    with a fresh secret."""
    secret = Secret("whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii"))
    sink = Destination(
        name=DESTINATION,
        type="webhook",
        options={"secret": secret},
        url=Secret(f"http://{settings.web_host}:{settings.web_port}/sink"),
    )
    # It gets every alert, besides the destinations each rule names: it is how `run` shows them.
    return replace(
        settings,
        destinations={**settings.destinations, DESTINATION: sink},
        destination_names=(*settings.destination_names, DESTINATION),
        always_notify=(DESTINATION,),
    ), secret


def verified(headers: Any, body: bytes, secret: Secret, now: float) -> bool:
    """Whether ``body`` carries a valid, fresh Standard Webhooks signature made with ``secret``."""
    message_id = headers.get("webhook-id", "")
    stamp = headers.get("webhook-timestamp", "")
    if not message_id or not (stamp.isascii() and stamp.isdigit()) or abs(now - int(stamp)) > MAX_SKEW:
        return False
    expected = signature(secret, message_id, int(stamp), body)
    return any(hmac.compare_digest(expected, given) for given in headers.get("webhook-signature", "").split())


class Sink:
    """Prints each verified alert delivered to it, once per ``webhook-id`` (a retry carries the same one)."""

    def __init__(self, secret: Secret) -> None:
        self.secret = secret
        self._seen: set[str] = set()

    def receive(self, headers: Any, body: bytes, now: float) -> bool:
        """Take one delivery; False when its signature is not valid (the page answers 401)."""
        if not verified(headers, body, self.secret, now):
            return False
        delivery_id = headers["webhook-id"]
        if delivery_id not in self._seen:
            self._seen.add(delivery_id)
            alert = Alert.from_dict(json.loads(body)["data"]["alert"])
            print(format_alert(alert) + "\n", file=sys.stdout, flush=True)
        return True
