"""Destination configuration and the requests each destination kind builds (no network)."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from homs_story import RULE, alerts
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from streams.alerting.alert import Alert, AlertArticle, AlertKind
from streams.alerting.destinations import Destination, Templates, build_request, parse_destinations, slack
from streams.errors import ConfigError
from streams.ruleset.matches import Evidence
from streams.secret import Secret

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "webhook.schema.json").read_text())
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
ENV = {
    "HOOK_SECRET": SECRET,
    "SLACK_URL": "https://hooks.slack.test/services/T0/B0/xyzzy",
    "AM": "http://127.0.0.1:9093",
}


def destinations(**templates: Templates) -> dict[str, Destination]:
    section = {
        "hook": {"type": "webhook", "url": "https://hooks.test/newsalert", "secret": "${HOOK_SECRET}"},
        "chat": {"type": "slack", "url": "${SLACK_URL}", "timeout": 3},
        "am": {"type": "alertmanager", "url": "${AM}/", "generator_url": "https://newsalert.test/"},
    }
    for name, value in templates.items():
        section[name]["templates"] = {k: v for k, v in dataclasses.asdict(value).items() if v is not None}
    return parse_destinations(section, ENV)


def hostile(alert: Alert) -> Alert:
    """``alert`` whose first article was written to inject mentions and formatting into Slack."""
    title = "<!here> *URGENT* @channel <@U024BE7LH> & <https://evil.test|click> `code` ~gone~ _it_"
    snippet = "…fighters entered Homs <!channel> *bold* at dawn…"
    evidence = (
        Evidence("entered", "body", 10, 17, snippet, "entered"),
        Evidence("Homs", "body", 18, 22, snippet, "Homs"),
    )
    article = AlertArticle(
        "x", title, "https://news.test/a?b=1&c=2|x>y", "Evil <Times>", None, evidence, ("Evil <Times>",)
    )
    return dataclasses.replace(alert, articles=(article, *alert.articles[1:]))


# -- configuration -----------------------------------------------------------------------------------------------


def test_destinations_resolve_environment_references_and_hide_secrets() -> None:
    parsed = destinations()
    assert parsed["hook"].options["secret"] == Secret(SECRET) and parsed["chat"].url.reveal() == ENV["SLACK_URL"]
    assert parsed["chat"].timeout == 3.0 and parsed["hook"].timeout == 10.0
    shown = repr(parsed) + str(parsed)
    assert SECRET not in shown and "xyzzy" not in shown and "***" in shown


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"type": "webhook", "url": "https://h.test", "secret": "${MISSING}"},
            "destinations.d.secret: environment variable MISSING is not set",
        ),
        ({"type": "webhook", "url": "https://h.test"}, "needs a signing secret"),
        ({"type": "webhook", "url": "https://h.test", "secret": "whsec_!!"}, "not valid base64"),
        ({"type": "webhook", "url": "https://h.test", "secret": "whsec_c2hvcnQ="}, "decodes to 5 bytes"),
        ({"type": "webhook", "url": "https://h.test", "secret": "${SLACK_URL}"}, "does not start with 'whsec_'"),
        ({"type": "slack", "url": "${HOOK_SECRET}"}, "expected an http:// or https:// URL (value not shown)"),
        (
            {"type": "slack", "url": "https://h.test", "secret": "${HOOK_SECRET}"},
            "only webhook destinations take it",
        ),
        (
            {"type": "pager", "url": "https://h.test"},
            "destinations.d.type: expected one of alertmanager, slack, webhook",
        ),
        ({"type": "slack", "url": "https://h.test", "retries": 3}, "unknown key 'retries'"),
        ({"type": "slack", "url": "https://h.test", "timeout": 0}, "positive number of seconds"),
        ({"type": "slack", "url": "https://h.test", "templates": {"title": "{alert.__class__}"}}, "not a plain name"),
        ({"type": "slack", "url": "https://h.test", "templates": {"title": "{revision:>4}"}}, "not a plain name"),
        ({"type": "slack", "url": "https://h.test", "templates": {"title": "{title"}}, "literal braces"),
        ({"type": "slack", "url": "https://h.test", "templates": {"body": "x"}}, "unknown key 'body'"),
        (
            {"type": "slack", "url": "https://h.test", "generator_url": "https://x.test"},
            "only alertmanager destinations take it",
        ),
    ],
)
def test_bad_destination_settings_name_the_key_and_never_the_secret(settings: dict, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_destinations({"d": settings}, ENV)
    assert message in str(error.value)
    assert SECRET not in str(error.value) and "xyzzy" not in str(error.value)


# -- webhook -----------------------------------------------------------------------------------------------------


def test_webhook_bodies_follow_the_documented_schema() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    documented = set(SCHEMA["$defs"]["alert"]["properties"])
    for alert in alerts():
        body = json.loads(build_request(alert, destinations()["hook"]).body)
        validator.validate(body)
        assert set(body["data"]["alert"]) == documented  # the schema documents every field, no more
        assert body["type"] == f"alert.{alert.kind.value}"
        assert Alert.from_dict(body["data"]["alert"]) == alert


def test_webhook_signature_verifies_with_standardwebhooks_and_a_tampered_body_fails() -> None:
    alert = alerts()[0]
    request = build_request(alert, destinations()["hook"])
    now = int(datetime.now(UTC).timestamp())
    headers = request.headers_at(now)
    assert headers["webhook-id"] == alert.delivery_id and headers["webhook-timestamp"] == str(now)
    assert Webhook(SECRET).verify(request.body, headers)["data"]["alert"]["id"] == alert.id
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(request.body.replace(b"Homs", b"Hama"), headers)
    # Each attempt is signed afresh; the id stays.
    later = request.headers_at(now + 30)
    assert later["webhook-id"] == headers["webhook-id"] and later["webhook-signature"] != headers["webhook-signature"]


def test_templates_fill_in_alert_fields_and_bindings() -> None:
    templates = Templates(title="[{severity}] {place}: {kind} r{revision}", text="{summary} {nothing}see {link}")
    alert = alerts()[1]
    data = json.loads(build_request(alert, destinations(hook=templates)["hook"]).body)["data"]
    assert data["title"] == "[high] homs: escalated r5"
    assert data["text"].startswith(
        "Escalated: 5 articles, 3 pieces of evidence from 5 sources (3 independent). see https://"
    )


# -- Slack -------------------------------------------------------------------------------------------------------


def slack_message(alert: Alert, **templates: Templates) -> dict:
    request = build_request(alert, destinations(**templates)["chat"])
    assert request.url.reveal() == ENV["SLACK_URL"]
    return json.loads(request.body)


def test_slack_message_shows_severity_title_place_evidence_and_links() -> None:
    message = slack_message(alerts()[-1])
    blocks = message["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": ":large_orange_circle: Homs: control changing hands", "emoji": True},
    }
    fields = [f["text"] for f in blocks[1]["fields"]]
    assert "*Severity*\nHIGH" in fields and "*Place*\nhoms" in fields
    articles = [b["text"]["text"] for b in blocks[2:-1]]
    assert len(articles) == 4
    assert articles[0].startswith(
        "*<https://levant-wire.example/homs-entered|Opposition fighters enter Homs as army withdraws>*"
        " — Levant Wire (also Daily Orontes, Gulf Observer)"
    )
    assert "*entered*" in articles[0] and "*Homs*" in articles[0]
    assert any("*حمص*" in a or "*دخلت*" in a for a in articles)
    assert message["text"].startswith("[HIGH] Homs: control changing hands: Resolved:")


def test_slack_escapes_article_text_so_it_cannot_mention_or_format() -> None:
    alert = hostile(alerts()[0])
    text = json.dumps(slack_message(alert), ensure_ascii=False)
    for injected in (
        "<!here>",
        "<!channel>",
        "<@U024BE7LH>",
        "<https://evil.test",
        "*URGENT*",
        "*bold*",
        "`code`",
        "~gone~",
        "_it_",
    ):
        assert injected not in text
    assert not re.search(r"@(channel|here)\b", text)
    section = slack_message(alert)["blocks"][2]["text"]["text"]
    assert "&lt;!here&gt;" in section and "&amp;" in section and "Evil &lt;Times&gt;" in section
    # The link target cannot break out of <url|label>; matched words are still emphasised.
    assert "<https://news.test/a?b=1&amp;c=2%7Cx%3Ey|" in section
    assert "*entered* *Homs*" in section


def test_slack_templates_escape_values_but_keep_links_working() -> None:
    alert = dataclasses.replace(alerts()[0], title="*Homs* <!here>")
    alert = dataclasses.replace(alert, articles=(dataclasses.replace(alert.articles[0], url="https://n.test/a_b~c"),))
    section = slack_message(alert, chat=Templates(text="*{title}* see {link}"))["blocks"][1]["text"]["text"]
    assert section == "*∗Homs∗ &lt;!here&gt;* see <https://n.test/a_b~c|https://n.test/aˍb∼c>"


def test_slack_link_only_for_http_urls() -> None:
    assert slack.link("javascript:alert(1)", "x") == "x"
    assert slack.link(None, "a <b>") == "a &lt;b&gt;"


def test_slack_emphasis_covers_whole_words_and_merges_overlaps() -> None:
    assert slack.emphasise("وقالت إن الفصائل دخلت وبحمص أمس", ["حمص", "دخلت"]) == "وقالت إن الفصائل *دخلت* *وبحمص* أمس"
    assert (
        slack.emphasise("withdrew  from Homs", ["withdrew from"]) == "withdrew  from Homs"
    )  # snippets are single-spaced
    assert slack.emphasise("they withdrew from Homs", ["withdrew from", "from"]) == "they *withdrew from* Homs"


def test_slack_message_respects_slack_limits() -> None:
    alert = alerts()[0]
    huge = "&<>" * 2000
    article = AlertArticle(
        "x", "T" * 5000, None, "s" * 500, None, tuple(Evidence(huge, "body", 0, 1, huge, "x") for _ in range(3)), ("s",)
    )
    alert = dataclasses.replace(
        alert, title="Very long title " * 40, articles=(article,) * 5, bindings={f"b{i}": "v" for i in range(20)}
    )
    message = slack_message(alert, chat=Templates(text="{title} " * 300))
    blocks = message["blocks"]
    assert len(blocks) <= slack.BLOCK_LIMIT
    assert len(blocks[0]["text"]["text"]) <= slack.HEADER_LIMIT
    assert len(blocks[1]["fields"]) <= slack.FIELD_LIMIT
    for block in blocks[1:-1]:
        text = block["text"]["text"]
        assert len(text) <= slack.SECTION_LIMIT
        assert not re.search(r"&[a-z]{0,3}…$", text)  # no half entity at a cut


# -- Alertmanager ------------------------------------------------------------------------------------------------


def test_alertmanager_alert_has_labels_annotations_and_times() -> None:
    alert = alerts()[0]
    request = build_request(alert, destinations()["am"])
    assert request.url.reveal() == "http://127.0.0.1:9093/api/v2/alerts"
    [posted] = json.loads(request.body)
    assert posted["labels"] == {
        "alertname": RULE.id, "rule": RULE.id, "severity": "high", "group_key": "place=homs", "alert_id": alert.id,
    }  # fmt: skip
    assert posted["annotations"]["title"] == "Homs: control changing hands"
    assert posted["annotations"]["links"] == "https://levant-wire.example/homs-entered"
    assert datetime.fromisoformat(posted["endsAt"]) - datetime.fromisoformat(posted["startsAt"]) == timedelta(hours=24)
    assert posted["generatorURL"] == "https://newsalert.test/"


def test_alertmanager_ends_the_old_severity_when_severity_rises() -> None:
    alert = dataclasses.replace(alerts()[1], severity="critical", previous_severity="high", kind=AlertKind.escalated)
    current, ended = json.loads(build_request(alert, destinations()["am"]).body)
    assert current["labels"]["severity"] == "critical" and ended["labels"]["severity"] == "high"
    assert ended["endsAt"] == alert.revised_at.isoformat() and current["endsAt"] == alert.ends_at.isoformat()
