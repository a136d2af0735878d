"""Calibration of the generated news stream: its normalisation-cache hit rate against real news.

``python -m bench.calibrate [--corpus FILE.jsonl]`` (or ``NEWSALERT_BENCH_CORPUS``) prints and writes
``bench/results/calibration.json``. The hit rate is modelled (``bench.cache.CacheModel``: the
normaliser's policy, a dict of chunks emptied at 200,000) over the articles after a 6,000-article
warm-up, for the real corpus and for as many generated articles of its language; also how many
distinct chunks (word forms with their punctuation) each has seen after 1,000, 3,000, 6,000 and
10,000 articles. Nothing is timed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench import realcorpus
from bench.cache import CacheModel, chunks
from bench.newscorpus import NewsStream, normalised_key
from streams.articles.model import Article

RESULTS = Path(__file__).parent / "results"
WARM_UP = 6_000
MARKS = (1_000, 3_000, 6_000, 10_000)
# Figures of real corpora measured with this module, kept so a run without a corpus can compare
# (the corpora themselves are other people's text and stay outside the repository).
REFERENCE = {
    "ar": {
        "corpus": "SaudiNewsNet, 10,000 random articles (Saudi papers, Jul-Aug 2015)",
        "articles": 10_000,
        "hit_rate_after_warm_up": 0.883,
        "distinct_chunks": {"1000": 65_000, "3000": 132_000, "6000": 206_000, "10000": 276_000},
    },
    "en": {
        "corpus": "BBC News dataset, 2,123 articles (lower-cased, punctuation stripped by the dataset)",
        "articles": 2_123,
        "hit_rate_after_warm_up": 0.970,
        "warm_up": 1_273,
    },
}


def _profile(articles: list[Article], warm_up: int) -> dict[str, Any]:
    model = CacheModel()
    seen: set[str] = set()
    distinct = {}
    for index, article in enumerate(articles, 1):
        model.feed(article, count=index > warm_up)
        seen.update(chunks(article))
        if index in MARKS:
            distinct[str(index)] = len(seen)
    size = sum(len(a.title.encode()) + len(a.body.encode()) for a in articles) / max(1, len(articles))
    return {
        "articles": len(articles),
        "warm_up": warm_up,
        "hit_rate_after_warm_up": round(model.hit_rate, 4),
        "distinct_chunks": distinct,
        "mean_article_bytes": round(size),
    }


def _language(articles: list[Article]) -> str:
    sample = "".join(a.title + a.body for a in articles[:200])
    arabic = sum("\u0600" <= c <= "\u06ff" for c in sample)
    return "ar" if arabic > len(sample) / 4 else "en"


def calibrate(path: Path | None, quick: bool = False) -> dict[str, Any]:
    """The generator's hit rate beside the real corpus at ``path`` (or the recorded reference figures)."""
    result: dict[str, Any] = {"warm_up": WARM_UP}
    if path is not None:
        real = realcorpus.load(path)
        lang = _language(real)
        # A corpus stored in lower case without punctuation (the BBC dataset) is compared with generated text stored so.
        flattened = not any(c.isupper() for a in real[:200] for c in a.title + a.body)
        warm_up = realcorpus.warm_up_for(len(real), WARM_UP)
        result["real"] = {
            "path": str(path),
            "lang": lang,
            "lower_case_no_punctuation": flattened,
            **_profile(real, warm_up),
        }
        count = len(real)
    else:
        lang, flattened, count, warm_up = "ar", False, 10_000, WARM_UP
        result["real"] = None
        result["reference"] = REFERENCE
    languages = (1.0, 0.0, 0.0) if lang == "ar" else (0.0, 1.0, 0.0)
    generated = NewsStream(5, war_share=0.0, languages=languages).articles(count)
    if flattened:
        generated = [Article.create(title="", body=normalised_key(a.title + " " + a.body), id=a.id) for a in generated]
    result["generated"] = {"lang": lang, "lower_case_no_punctuation": flattened, **_profile(generated, warm_up)}
    return result


def print_summary(result: dict[str, Any], indent: str = "") -> None:
    gen = result["generated"]
    real = result["real"]
    print(
        f"\n{indent}calibration (modelled cache, no timing): hit rate after a {gen['warm_up']:,}-article warm-up, "
        f"and distinct chunks seen after {', '.join(f'{m:,}' for m in MARKS)} articles"
    )
    shown = f" ({'lower case, no punctuation' if gen['lower_case_no_punctuation'] else 'as written'})"
    print(
        f"{indent}  generated {gen['lang']}{shown}: {gen['hit_rate_after_warm_up']:.1%}, "
        f"{' / '.join(f'{v // 1000}k' for v in gen['distinct_chunks'].values())}, {gen['mean_article_bytes']:,} B/article"
    )
    if real is not None:
        print(
            f"{indent}  real {real['lang']} ({real['path']}): {real['hit_rate_after_warm_up']:.1%}, "
            f"{' / '.join(f'{v // 1000}k' for v in real['distinct_chunks'].values())}, {real['mean_article_bytes']:,} B/article"
        )
    else:
        ref = result["reference"]["ar"]
        print(
            f"{indent}  real ar (recorded; {realcorpus.VARIABLE} not set): {ref['hit_rate_after_warm_up']:.1%}, "
            f"{' / '.join(f'{v // 1000}k' for v in ref['distinct_chunks'].values())}, {ref['corpus']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.calibrate")
    parser.add_argument("--corpus", type=Path, default=realcorpus.corpus_path())
    args = parser.parse_args()
    result = calibrate(args.corpus)
    print_summary(result)
    RESULTS.mkdir(exist_ok=True)
    name = "calibration.json" if args.corpus is None else f"calibration-{result['real']['lang']}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
