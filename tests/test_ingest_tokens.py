"""Producer tokens: one per producer, read from the environment; a named token gives its articles their source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.cli import main
from streams.config import IngestToken, load_settings
from streams.errors import ConfigError, SourceRefused
from streams.producers.http import authorised, parse_ingest_body, token_of
from streams.secret import Secret

LEVANT = "levant-wire-token-0123456789"
AGGREGATOR = "aggregator-token-abcdefghij"
TOKENS = (IngestToken(Secret(LEVANT), "Levant Wire"), IngestToken(Secret(AGGREGATOR)))


def settings_with(tmp_path: Path, tokens: str, env: dict[str, str]) -> list[IngestToken]:
    path = tmp_path / "newsalert.yaml"
    path.write_text("ingest_tokens:\n" + tokens)
    return list(load_settings(path, env).ingest_tokens)


def test_each_producer_has_its_token_from_the_environment_and_the_old_token_still_works(tmp_path: Path) -> None:
    tokens = settings_with(
        tmp_path,
        "  - {name: ' Levant Wire ', token: '${LEVANT}'}\n  - token: ${AGG}\n",
        {"LEVANT": LEVANT, "AGG": AGGREGATOR, "NEWSALERT_INGEST_TOKEN": "old-single-token-0123"},
    )
    assert [(t.name, t.token.reveal()) for t in tokens] == [
        (None, "old-single-token-0123"),
        ("Levant Wire", LEVANT),
        (None, AGGREGATOR),
    ]
    assert LEVANT not in repr(tokens) and LEVANT not in str(tokens)


@pytest.mark.parametrize(
    ("tokens", "env", "message"),
    [
        ("  - {name: X, token: '${MISSING}'}\n", {}, "ingest_tokens[0].token: environment variable MISSING is not set"),
        ("  - {name: X, token: " + LEVANT + "}\n", {}, "ingest_tokens[0].token: expected ${VAR}"),
        ("  - {name: X, token: 'a${LEVANT}'}\n", {"LEVANT": LEVANT}, "expected ${VAR}"),
        ("  - {name: X, token: '${T}'}\n", {"T": "short"}, "at least 16 visible ASCII characters"),
        ("  - {name: X, token: '${T}'}\n", {"T": "has a space in it 0123"}, "no spaces"),
        ("  - {name: X, token: '${T}'}\n", {"T": "line\nbreak-0123456789"}, "visible ASCII"),
        ("  - {name: X, token: '${T}'}\n", {"T": "توكن-عربي-0123456789"}, "visible ASCII"),
        ("  - {name: X, token: '${T}'}\n", {"T": ""}, "at least 16"),
        ("  - {token: '${A}'}\n  - {token: '${B}'}\n", {"A": LEVANT, "B": LEVANT}, "the same token as another"),
        ("  - {name: '  ', token: '${A}'}\n", {"A": LEVANT}, "ingest_tokens[0].name: expected the outlet's name"),
        ("  - {name: \"a\\tb\", token: '${A}'}\n", {"A": LEVANT}, "expected the outlet's name"),
        ("  - {name: X, tokn: '${A}'}\n", {"A": LEVANT}, "did you mean 'token'?"),
        ("  - {name: X}\n", {}, "ingest_tokens[0].token: expected ${VAR}"),
        ("  levant: x\n", {}, "ingest_tokens: expected a list"),
        ("  - just-a-string\n", {}, "ingest_tokens[0]: expected a mapping"),
    ],
)
def test_a_bad_token_setting_is_named_and_its_value_never_shown(
    tmp_path: Path, tokens: str, env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_with(tmp_path, tokens, env)
    text = str(raised.value)
    assert message in text and "newsalert.yaml:" in text
    for value in env.values():
        assert not value or value not in text


def test_the_token_is_found_whatever_the_header_looks_like() -> None:
    assert token_of(f"Bearer {LEVANT}", TOKENS) is TOKENS[0]
    assert token_of(f"bearer   {AGGREGATOR}  ", TOKENS) is TOKENS[1]
    for header in (None, "", "Bearer", f"Basic {LEVANT}", f"Bearer {LEVANT[:-1]}", "Bearer тест", "Bearer \udcff"):
        assert token_of(header, TOKENS) is None and not authorised(header, TOKENS)
    assert authorised(None, ())  # no token configured: open


def body(*articles: dict[str, str]) -> bytes:
    return json.dumps(list(articles)).encode()


def test_a_named_token_gives_its_source_and_refuses_another() -> None:
    plain = {"title": "Rebels seize Hama", "body": "Fighters seized Hama."}
    [article] = parse_ingest_body(body(plain), max_article_bytes=1 << 20, source="Levant Wire")
    assert article.source == "Levant Wire"
    [same] = parse_ingest_body(
        body({**plain, "source": " levant wire"}), max_article_bytes=1 << 20, source="Levant Wire"
    )
    assert same.source == "Levant Wire"
    with pytest.raises(SourceRefused, match=r"body\[1\]: 'source' is 'Gulf Observer', but this token sends as"):
        parse_ingest_body(
            body(plain, {**plain, "source": "Gulf Observer"}), max_article_bytes=1 << 20, source="Levant Wire"
        )
    # An unnamed token (or none) keeps the body's source, and its absence.
    kept = parse_ingest_body(body(plain, {**plain, "source": "Gulf Observer"}), max_article_bytes=1 << 20)
    assert [a.source for a in kept] == [None, "Gulf Observer"]


def test_config_check_names_the_producers_never_their_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "newsalert.yaml"
    path.write_text("ingest_tokens:\n  - {name: Levant Wire, token: '${LEVANT}'}\n  - token: ${AGG}\n")
    monkeypatch.setenv("LEVANT", LEVANT)
    monkeypatch.setenv("AGG", AGGREGATOR)
    monkeypatch.delenv("NEWSALERT_INGEST_TOKEN", raising=False)
    assert main(["config", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ingest tokens: Levant Wire, unnamed;" in out and LEVANT not in out and AGGREGATOR not in out
    monkeypatch.delenv("AGG")
    assert main(["config", "check", str(path)]) == 4
    assert "ingest_tokens[1].token: environment variable AGG is not set" in capsys.readouterr().err
