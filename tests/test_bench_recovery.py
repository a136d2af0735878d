"""The recovery benchmark's arithmetic (bench/recovery.py): the cost fit and the keys it fills changelogs with."""

from __future__ import annotations

import json

import pytest

from bench.recovery import SEEN_TABLE, RecoveryCost, Run, _fill_key, fit_recovery
from streams.app import STORIES_TABLE


def test_the_fit_recovers_a_cost_per_record_and_per_mb_from_small_and_large_records() -> None:
    truth = RecoveryCost(seconds_per_record=2e-4, seconds_per_mb=0.3)
    runs = [
        Run(records, records * size, truth.seconds(records, records * size))
        for records, size in ((10_000, 40), (50_000, 40), (200_000, 40), (1_000, 20_000), (8_000, 20_000))
    ]
    fitted = fit_recovery(runs)
    assert fitted.seconds_per_record == pytest.approx(2e-4, rel=1e-6)
    assert fitted.seconds_per_mb == pytest.approx(0.3, rel=1e-6)
    assert fitted.seconds(1e6, 4e7) == pytest.approx(200 + 12, rel=1e-6)


def test_runs_of_one_shape_give_one_cost_and_none_is_negative() -> None:
    # Every run has records of one size, so records and bytes cannot be told apart: one cost carries it all.
    runs = [Run(n, n * 40, n * 1e-4) for n in (10_000, 20_000, 40_000)]
    fitted = fit_recovery(runs)
    assert fitted.seconds(30_000, 30_000 * 40) == pytest.approx(3.0, rel=1e-6)
    assert fitted.seconds_per_record >= 0 and fitted.seconds_per_mb >= 0
    # Noise that would make the exact fit's per-MB cost negative.
    noisy = [Run(10_000, 400_000, 2.0), Run(1_000, 20_000_000, 0.1), Run(20_000, 800_000, 4.1)]
    fitted = fit_recovery(noisy)
    assert fitted.seconds_per_record >= 0 and fitted.seconds_per_mb >= 0


def test_no_runs_give_no_cost() -> None:
    assert fit_recovery([]) == RecoveryCost(0.0, 0.0)


def test_filled_keys_are_distinct_and_keep_the_window_of_a_seen_id() -> None:
    seen = json.dumps(["article-1", [1795651200.0, 1796255999.9]]).encode()
    assert json.loads(_fill_key(seen, SEEN_TABLE, 7)) == ["fill-7", [1795651200.0, 1796255999.9]]
    story = json.dumps("city-control-change|place=homs").encode()
    keys = {_fill_key(story, STORIES_TABLE, i) for i in range(3)}
    assert len(keys) == 3
    assert json.loads(_fill_key(story, STORIES_TABLE, 2)) == "city-control-change|place=homs#2"
