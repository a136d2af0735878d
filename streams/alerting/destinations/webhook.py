"""Generic webhook: the alert as JSON (schema: docs/webhook.schema.json), signed per Standard Webhooks v1.

Headers: ``webhook-id`` (alert id + revision, the same on every retry, so a
receiver can de-duplicate), ``webhook-timestamp`` (Unix seconds of the attempt)
and ``webhook-signature`` (``v1,`` + base64 HMAC-SHA256 of
``{id}.{timestamp}.{body}`` keyed with the base64-decoded ``whsec_`` secret).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import partial

from streams.alerting.alert import Alert
from streams.alerting.destinations.common import OutgoingRequest, json_request, render, summary
from streams.alerting.destinations.config import Destination, Secret
from streams.errors import ConfigError

_PREFIX = "whsec_"


def build_request(alert: Alert, destination: Destination) -> OutgoingRequest:
    """The signed POST of ``alert`` to a webhook destination."""
    if destination.secret is None:
        raise ConfigError(f"destinations.{destination.name}.secret: a webhook destination needs a signing secret")
    payload = {
        "type": f"alert.{alert.kind.value}",
        "timestamp": alert.revised_at.isoformat(),
        "data": {
            "title": render(destination.templates.title, alert, alert.title),
            "text": render(destination.templates.text, alert, summary(alert)),
            "alert": alert.to_dict(),
        },
    }
    sign = partial(_signature_headers, destination.secret, alert.delivery_id)
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
