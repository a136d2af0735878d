"""Every metric newsalert exports, defined once (names, units and buckets chosen for the real ranges).

Registered on prometheus-client's default registry, so Faust's own Prometheus
sensor and ours appear on the same ``/metrics`` page. Label values are bounded:
no article ids or URLs, and free-form values such as a source name go through
:func:`bounded` so a flood of new outlets cannot blow up the series count.
"""

from __future__ import annotations

import threading

from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics

# prometheus-client exports a `<name>_created` sample (creation time) beside every counter and histogram
# child; Prometheus 2 stores each as one more series that no query reads. Checked at every scrape, so this
# also covers Faust's sensor, which registers on the same default registry.
disable_created_metrics()  # type: ignore[no-untyped-call]

ARTICLES = Counter(
    "newsalert_articles",
    "Articles processed by the match stage, by source and outcome (matched, unmatched, duplicate, invalid).",
    ["source", "outcome"],
)
MATCHES = Counter("newsalert_matches", "Rule matches written to the matches topic.", ["rule"])
ALERTS = Counter(
    "newsalert_alerts",
    "Alert notifications emitted, by kind (opened, escalated, updated, resolved).",
    ["rule", "severity", "kind"],
)
ALERTS_SILENCED = Counter(
    "newsalert_alerts_silenced",
    "Alert notifications held back because an analyst silenced their story, by kind.",
    ["rule", "kind"],
)
ACTIONS = Counter(
    "newsalert_story_actions",
    "Analysts' actions applied to stories (ack, silence), or ignored because the story had resolved.",
    ["action", "outcome"],
)
STALE_MATCHES = Counter(
    "newsalert_stale_matches",
    "Matches whose article was published longer than its rule's window before it arrived (recorded, no alert).",
    ["rule"],
)
CONTROL_CLAIMS = Counter(
    "newsalert_control_claims",
    "Claims about who controls a place, by what they changed (changed, reversed, identified, confirmed, "
    "disputed, corroborated, none).",
    ["change"],
)
VOLUME_GROUPS = Gauge(
    "newsalert_volume_groups",
    "Groups whose counts this worker keeps for volume rules (their alerts count in newsalert_alerts), as of its "
    "last tick.",
)
DELIVERIES = Counter(
    "newsalert_deliveries",
    "Delivery attempts' final outcome per destination (delivered, failed, deadlettered).",
    ["destination", "outcome"],
)
DELIVERY_ATTEMPTS = Counter(
    "newsalert_delivery_attempts", "HTTP attempts per destination, including retries.", ["destination", "status"]
)
DELIVERY_SECONDS = Histogram(
    "newsalert_delivery_seconds",
    "Time to deliver one alert to one destination, retries included.",
    ["destination"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
MATCH_SECONDS = Histogram(
    "newsalert_match_seconds",
    "Time to normalise and match one article against every rule.",
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5),
)
ALERT_LATENCY_SECONDS = Histogram(
    "newsalert_alert_latency_seconds",
    "From an article's arrival to the delivery of the alert it caused.",
    ["destination"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300),
)
PIPELINE_LATENCY_SECONDS = Histogram(
    "newsalert_pipeline_latency_seconds",
    "From an article's arrival to its matches being written.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DEADLETTERS = Counter("newsalert_deadletter", "Messages sent to the dead-letter topic.", ["stage", "reason"])
RULES_LOADED = Gauge("newsalert_rules_loaded", "Rules currently in force.")
RULE_RELOADS = Counter("newsalert_rule_reloads", "Rule reloads, by outcome (applied, rejected).", ["outcome"])
FEED_POLLS = Counter("newsalert_feed_polls", "Feed polls by outcome (new, not_modified, error).", ["feed", "outcome"])
FEED_LAST_SUCCESS = Gauge(
    "newsalert_feed_last_success_timestamp_seconds", "Unix time of the last successful poll of each feed.", ["feed"]
)
FEED_ENTRIES = Counter("newsalert_feed_entries", "New feed entries sent as articles.", ["feed"])
FEED_ENTRIES_SKIPPED = Counter(
    "newsalert_feed_entries_skipped",
    "Feed entries that could not be read as an article (skipped once, not retried).",
    ["feed"],
)
INGEST_REQUESTS = Counter("newsalert_ingest_requests", "POST /articles requests by HTTP status.", ["status"])

OTHER = "other"
_MAX_VALUES = 200
_seen: dict[str, set[str]] = {}
_lock = threading.Lock()


def bounded(family: str, value: str | None, limit: int = _MAX_VALUES) -> str:
    """``value`` as a label value, or ``other`` once ``family`` already has ``limit`` distinct values."""
    value = (value or "unknown")[:64]
    with _lock:
        values = _seen.setdefault(family, set())
        if value in values:
            return value
        if len(values) >= limit:
            return OTHER
        values.add(value)
        return value
