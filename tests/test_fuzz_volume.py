"""Volume rules' YAML keys take any value: a clear FILE:LINE:COL problem, or a rule whose counts work."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st

from streams.alerting.volume import observe, settle
from streams.ruleset.loader import check_rules
from streams.ruleset.matches import Match

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["1h", "0s", "90m", "1d", "8w", "1000d", "3", "2.5", ".nan", ".inf", "-1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.sampled_from(["count", "sources", "within", "factor", "baseline", "min", "below", "window"])
# A valid volume of each kind, for the drawn keys to override one or two values of.
VALID = {
    "frequency": {"count": 3, "sources": 2, "within": "1h"},
    "spike": {"within": "10m", "factor": 2.5, "baseline": "1h", "min": 2},
    "flatline": {"below": 2, "within": "30m"},
}


@FUZZ
@given(
    st.sampled_from(sorted(VALID)),
    st.dictionaries(KEYS, VALUES, max_size=2) | VALUES,
    st.booleans(),
    st.lists(st.integers(0, 7200), max_size=12),
)
def test_fuzz_volume_keys_take_any_value(kind: str, drawn: Any, over_valid: bool, arrivals: list[int]) -> None:
    volume = {**VALID[kind], **drawn} if over_valid and isinstance(drawn, dict) else drawn
    source = {
        "entities": {"place": {"derna": ["Derna"]}},
        "rules": [{"id": "r", "title": "t", "when": {"entity": "place"}, "group_by": ["place"], kind: volume}],
    }
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "rules.yaml").write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
        ruleset, problems = check_rules([folder])
    for problem in problems:
        assert str(problem).startswith(folder) and ": error: " in str(problem) and "\n" not in str(problem)
    if ruleset is None:
        return
    [rule] = ruleset.rules
    assert rule.volume is not None
    state, story = None, None
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n, seconds in enumerate(arrivals):
        now = start + timedelta(seconds=seconds)
        match = Match(f"a{n}", "Derna", "r", "medium", {"place": "derna"}, (), group_key="place=derna", source="s")
        settled = settle(observe(state, rule.volume, match, now, now), story, rule, now)
        state, story = settled.state, settled.story
