"""English: locating and region words, and the function words of claims."""

from __future__ import annotations

from streams.text.languages import Language

LANGUAGE = Language(
    code="en",
    script="latin",
    locating=frozenset(["in", "inside", "within"]),
    regions=frozenset(
        "eastern western northern southern central northeastern northwestern southeastern southwestern rural "
        "east west north south".split()
    ),
    connectors=frozenset("after as while when whereas although though but before since until".split()),
    source_words=frozenset(["from"]),
    recipient_words=frozenset(["to"]),
    articles=frozenset(["the", "a"]),
    coordinators=frozenset(["and", "or"]),
    references=frozenset([" the city ", " the town ", " the village "]),
    page_chrome=frozenset(
        [
            r"^(follow|like|subscribe|share)\b.{0,60}\b(us|youtube|facebook|twitter|x|instagram|telegram|whatsapp|channel|page)\b",
            r"^print\b",
            r"^(name|e-?mail|comment|captcha)\s*[:：]",
            r"^(no comments|leave a (reply|comment)|add comment|post comment|reply)\s*\|?\s*$",
            r"(comments are moderated|comment policy)",
            r"(all rights reserved|©|\(c\)\s*\d{4}|copyright)",
            r"^(privacy policy|terms of (use|service)|cookie)",
            r"(powered by|hosted by)",
            r"please wait",
        ]
    ),
    page_chrome_at_end=frozenset([r"(views?|reads?)\s*[:：]?\s*[\d,.]+\s*$", r"loading\s*(\.\.\.|…)?\s*$"]),
    date_labels=frozenset(["published( on)?", "date", "posted( on)?"]),
    updated_labels=frozenset([r"(?:last )?updated\b"]),
    source_labels=frozenset(["source"]),
    read_also_labels=frozenset(["read (also|more)", "see also", "related( stories| articles)?"]),
    months=frozenset("January February March April May June July August September October November December".split()),
)
