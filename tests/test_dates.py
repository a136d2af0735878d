"""The day a date written in a text names, read against the article's own date."""

from __future__ import annotations

from datetime import date

import pytest

from streams.text.dates import last_day_named

PUBLISHED = date(2024, 12, 16)


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("7", "december", None, date(2024, 12, 7)),  # "By December 7": this year's
        (None, "december", None, date(2024, 12, 31)),  # "in December": the month, not yet over
        (None, "may", None, date(2024, 5, 31)),
        (None, None, "2012", date(2012, 12, 31)),  # "a 2012 insurrection"
        ("3", "march", "2015", date(2015, 3, 3)),
        ("20", "december", None, date(2023, 12, 20)),  # later than the report: last year's
        (None, "sept", None, date(2024, 9, 30)),
        ("30", "february", None, None),  # no such day
        ("7", "decembre", None, None),  # no month we know
        ("7", None, None, None),  # a number is no date
        # What a rule's regex may catch in a group: words, nothing, a number longer than any date's
        ("seventh", "december", None, None),
        (None, "december", "last", None),
        ("", "december", "", date(2024, 12, 31)),
        (None, None, "9" * 5000, None),
        ("9" * 30, "may", None, None),
    ],
)
def test_the_last_day_a_date_names(day: str | None, month: str | None, year: str | None, expected: date | None) -> None:
    assert last_day_named(day, month, year, PUBLISHED) == expected


def test_a_month_in_january_of_the_year_before() -> None:
    assert last_day_named("30", "december", None, date(2025, 1, 2)) == date(2024, 12, 30)
