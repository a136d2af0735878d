"""Alerting: stories and when to notify (pure), alert records, destinations, and delivery.

The alert agent keeps a :class:`Story` per rule and group key and calls
:func:`apply_match` / :func:`expire`; the deliver agent hands each
:class:`Alert` to a :class:`Delivery`.
"""

from streams.alerting.alert import Alert, AlertArticle, AlertKind, alert_id
from streams.alerting.delivery import (
    DeadLetter,
    DeadLetterSink,
    Delivery,
    DeliveryOutcome,
    RetryPolicy,
    make_client,
    replay,
)
from streams.alerting.story import Story, StoryPolicy, apply_match, expire

__all__ = [
    "Alert",
    "AlertArticle",
    "AlertKind",
    "DeadLetter",
    "DeadLetterSink",
    "Delivery",
    "DeliveryOutcome",
    "RetryPolicy",
    "Story",
    "StoryPolicy",
    "alert_id",
    "apply_match",
    "expire",
    "make_client",
    "replay",
]
