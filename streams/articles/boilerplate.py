"""Which lines of a scraped page are site chrome rather than the article (pure, both languages).

Patterns describe kinds of chrome that recur across Arabic and English news
sites (follow-us links, counters, comment forms, copyright, "please wait"),
not the lines of one sample.
"""

from __future__ import annotations

import re

_PATTERNS = [
    # follow us / share / subscribe
    r"^(تابع|تابعوا|تابعونا|اشترك|شارك)\b.{0,80}(يوتيوب|فيسبوك|فيس بوك|تويتر|انستغرام|إنستغرام|تلغرام|تيليجرام|واتساب|منصة|قناتنا|صفحتنا)",
    r"^(follow|like|subscribe|share)\b.{0,60}\b(us|youtube|facebook|twitter|x|instagram|telegram|whatsapp|channel|page)\b",
    # print counters
    r"^(طباعة|print)\b",
    # comment forms and their fields
    r"^(الاسم|البريد الإلكتروني|البريد الالكتروني|التعليق|رمز التحقق|أكتب الرمز|اكتب الرمز|name|e-?mail|comment|captcha)\s*[:：]",
    r"^(لا يوجد تعليقات|لا توجد تعليقات|الرد على تعليق|اضافة|إضافة|أضف تعليق|اضف تعليق|no comments|leave a (reply|comment)|add comment|post comment|reply)\s*\|?\s*$",
    r"(تعليقاتكم|بتعليقاتكم|التعليقات المنشورة|الآراء والتعليقات المنشورة|comments are moderated|comment policy)",
    # copyright, privacy, hosting
    r"(جميع الحقوق محفوظة|جميع حقوق النشر محفوظة|حقوق النشر محفوظة|all rights reserved|©|\(c\)\s*\d{4}|copyright)",
    r"^(سياسة الخصوصية|privacy policy|terms of (use|service)|cookie)",
    r"(برمجة و ?استضافة|powered by|hosted by)",
    # please wait
    r"(الرجاء الانتظار|يرجى الانتظار|جار التحميل|جاري التحميل|please wait)",
]
# Chrome that ends a line (a views counter, "loading…"). Searched in the line's tail only: searched
# anywhere, each of a long line's spaces starts a try that runs to its end (a 20,000-character line
# took seconds).
_END_PATTERNS = [
    r"(المشاهدات|عدد القراءات|مشاهدة|views?|reads?)\s*[:：]?\s*[\d٠-٩,.]+\s*$",
    r"loading\s*(\.\.\.|…)?\s*$",
]
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
