"""Which lines of a scraped page are site chrome rather than the article (pure, both languages).

Patterns describe kinds of chrome that recur across news sites (follow-us links, counters, comment
forms, copyright, "please wait"), not the lines of one sample; each language's are in its module.
"""

from __future__ import annotations

import re

from streams.text.languages import every

# Each language's chrome (streams/text/languages). Chrome that ends a line (a views counter, "loading…")
# is searched in the line's tail only: searched anywhere, each of a long line's spaces starts a try that
# runs to its end (a 20,000-character line took seconds).
_PATTERNS = sorted(every("page_chrome"))
_END_PATTERNS = sorted(every("page_chrome_at_end"))
_TAIL = 80
_CHROME = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_CHROME_AT_END = re.compile("|".join(f"(?:{p})" for p in _END_PATTERNS), re.IGNORECASE)
_SEPARATORS = re.compile(r"\|")


def is_boilerplate(line: str) -> bool:
    """True when ``line`` is site chrome: navigation, counters, forms, copyright, widgets."""
    text = line.strip()
    if not text:
        return False
    if _CHROME.search(text) or _CHROME_AT_END.search(text[-_TAIL:]):
        return True
    # Form and table chrome: short cells between pipes ("التعليق : * | |").
    cells = [c.strip() for c in _SEPARATORS.split(text)]
    return len(cells) >= 3 and sum(len(c) for c in cells) / len(cells) < 25
