"""The day a date written in a text names, read against the date of the article it is in: pure.

News looks back with dates: "By December 7 they had captured Hama" in a report of December 16, "a 2012
insurrection that briefly overran Goma". A date names a span (a year, a month, a day); what matters
for such a reading is the last day of the span, and a date written without its year is the latest one
not after the article ("December 30" in a report of January 2 is last year's).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from streams.text.languages import month_numbers

_DAY = re.compile(r"[0-9]{1,2}")
_YEAR = re.compile(r"[0-9]{1,4}")


def last_day_named(day: str | None, month: str | None, year: str | None, published: date) -> date | None:
    """The last day of the span that ``day``, ``month`` (a month's name in any language we know, as the
    word stream has it) and ``year`` name, the year defaulting to the latest not after ``published``;
    None when they name no date (no month and no year, an unknown month, a day the month does not have, a
    day or year that is not a number: a rule's regex may give its groups any words)."""
    if (day and not _DAY.fullmatch(day)) or (year and not _YEAR.fullmatch(year)):
        return None
    day, year = day or None, year or None
    number = month_numbers().get(month) if month else None
    if (month and number is None) or (number is None and not year):
        return None
    if number is None:
        return date(int(year), 12, 31) if year and 1 <= int(year) <= 9999 else None
    if year:
        chosen = int(year)
        if not 1 <= chosen <= 9999:
            return None
    else:
        first = date(published.year, number, 1)
        chosen = published.year if first <= published else published.year - 1
    length = calendar.monthrange(chosen, number)[1]
    if day is None:
        return date(chosen, number, length)
    if not 1 <= int(day) <= length:
        return None
    named = date(chosen, number, int(day))
    if not year and named > published:
        # "December 30" in a report of December 2: a date in the month's first days only, so last year's.
        return date(chosen - 1, number, min(int(day), calendar.monthrange(chosen - 1, number)[1]))
    return named
