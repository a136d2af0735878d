"""Generic webhook: the alert as JSON (schema: docs/webhook.schema.json), signed per Standard Webhooks v1.

Headers: ``webhook-id`` (alert id + revision, the same on every retry, so a
receiver can de-duplicate), ``webhook-timestamp`` (Unix seconds of the attempt)
and ``webhook-signature`` (``v1,`` + base64 HMAC-SHA256 of
``{id}.{timestamp}.{body}`` keyed with the base64-decoded ``whsec_`` secret).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from streams.alerting.alert import Alert
from streams.alerting.destinations.common import OutgoingRequest, json_request, render, summary
from streams.alerting.destinations.config import Destination, DestinationKind
from streams.errors import ConfigError
from streams.secret import Secret

_PREFIX = "whsec_"
_HINT = "a Standard Webhooks secret is 'whsec_' followed by base64 of 24 to 64 random bytes"


def read_options(
    options: Mapping[str, Any], where: str, resolve: Callable[[Any, str], Secret | None]
) -> Mapping[str, Any]:
    """``secret``: the signing secret (required), checked to be a Standard Webhooks secret."""
    secret = resolve(options.get("secret"), f"{where}.secret")
    where = f"{where}.secret"
    if secret is None:
        raise ConfigError(f"{where}: a webhook destination needs a signing secret ({_HINT})")
    value = secret.reveal()
    if not value.startswith(_PREFIX):
        raise ConfigError(f"{where}: does not start with 'whsec_' ({_HINT}; value not shown)")
    try:
        key = base64.b64decode(value[len(_PREFIX) :], validate=True)
    except binascii.Error:
        raise ConfigError(f"{where}: is not valid base64 after 'whsec_' ({_HINT}; value not shown)") from None
    if not 24 <= len(key) <= 64:
        raise ConfigError(f"{where}: decodes to {len(key)} bytes ({_HINT})")
    return {"secret": secret}


def signing_secret(destination: Destination) -> Secret:
    """The secret a webhook destination signs with."""
    secret = destination.options.get("secret")
    if not isinstance(secret, Secret):
        raise ConfigError(f"destinations.{destination.name}.secret: a webhook destination needs a signing secret")
    return secret


def build_request(alert: Alert, destination: Destination) -> OutgoingRequest:
    """The signed POST of ``alert`` to a webhook destination."""
    payload = {
        "type": f"alert.{alert.kind.value}",
        "timestamp": alert.revised_at.isoformat(),
        "data": {
            "title": render(destination.templates.title, alert, alert.title),
            "text": render(destination.templates.text, alert, summary(alert)),
            "alert": alert.to_dict(),
        },
    }
    sign = partial(_signature_headers, signing_secret(destination), alert.delivery_id)
    return json_request(destination, alert, payload, sign=sign)


def signature(secret: Secret, message_id: str, unix_time: int, body: bytes) -> str:
    """The Standard Webhooks v1 signature (``v1,<base64>``) of ``body`` sent as ``message_id`` at ``unix_time``."""
    key = base64.b64decode(secret.reveal().removeprefix(_PREFIX))
    signed = f"{message_id}.{unix_time}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")


def _signature_headers(secret: Secret, message_id: str, body: bytes, unix_time: int) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(unix_time),
        "webhook-signature": signature(secret, message_id, unix_time, body),
    }


KIND = DestinationKind(name="webhook", options=("secret",), read_options=read_options, build_request=build_request)
