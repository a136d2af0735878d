"""Where normalise + match time goes on the non-repeating news stream: ``python -m bench.profile_matcher``.

cProfile over fresh generated articles (the headline stream, shipped rules) after the usual
6,000-article warm-up of the normalisation cache; writes the top functions by cumulative and by
own time to ``bench/results/profile-matcher.txt``. cProfile slows Python-level calls several
times, so the shares matter here, not the totals.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

from bench.cache import CacheProbe
from bench.matcher import NEWS_STREAM_WAR_SHARE, ROOT, WARM_UP_ARTICLES, code_state
from bench.newscorpus import NewsStream

RESULTS = Path(__file__).parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_matcher")
    parser.add_argument("--mb", type=float, default=3.0, help="MB of fresh articles profiled")
    parser.add_argument("--size", type=int, default=5120, help="article size in bytes")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    from streams.ruleset.compiler import compile_rules
    from streams.ruleset.loader import load_rules
    from streams.ruleset.matcher import match_article
    from streams.text.normalise import WordStream

    compiled = compile_rules(load_rules([ROOT / "rules"]))
    stream = NewsStream(21, war_share=NEWS_STREAM_WAR_SHARE)
    probe = CacheProbe()
    for article in stream.articles(WARM_UP_ARTICLES):
        probe.warm(article)
        WordStream.of(article.title)
        WordStream.of(article.body)
    count = int(args.mb * 1e6 / args.size)
    articles = stream.articles(count, WARM_UP_ARTICLES, args.size)
    megabytes = sum(len(a.title.encode()) + len(a.body.encode()) for a in articles) / 1e6

    sizes = []
    profiler = cProfile.Profile(time.process_time)
    started = time.perf_counter()
    profiler.enable()
    for article in articles:
        before = probe.size()
        match_article(compiled, article)
        sizes.append((before, probe.size()))
    profiler.disable()
    seconds = time.perf_counter() - started
    probe.count(articles, sizes)

    out = io.StringIO()
    out.write(
        f"normalise + match profile: {len(articles):,} fresh articles of {args.size:,} bytes ({megabytes:.1f} MB) of "
        f"the generated news stream (10% war reporting), shipped rules ({compiled.pattern_count} patterns), after a "
        f"{WARM_UP_ARTICLES:,}-article warm-up.\n"
        f"cache hit rate {probe.hit_rate:.1%} ({probe.lookups:,} chunk look-ups, {probe.misses:,} misses: "
        f"{probe.method}).\n"
        f"{seconds:.1f} s under cProfile ({megabytes / seconds:.2f} MB/s; cProfile slows Python calls, read the shares). "
        f"Load average {[round(x, 2) for x in os.getloadavg()]}, Python {sys.version.split()[0]}, {code_state()}.\n"
        "Regenerate: .venv/bin/python -m bench.profile_matcher\n"
    )
    missed = sum(after != before for before, after in sizes)
    stats = pstats.Stats(profiler)
    entries = stats.stats.items()  # type: ignore[attr-defined]
    # By function name, whatever module holds it (streams/ is being reorganised).
    cumulative: dict[str, float] = {}
    calls: dict[str, int] = {}
    for (_, _, func), (_, nc, _, ct, _) in entries:
        if func != "__init__":
            cumulative[func] = cumulative.get(func, 0.0) + ct
            calls[func] = calls.get(func, 0) + nc
    total = cumulative.get("match_article", 1.0)
    out.write("\nshares of match_article's cumulative time:\n")
    for func, what in (
        ("of", "WordStream.of (normalising title and body into word streams)"),
        ("_words", "WordStream._words (offsets and sentence ends, for the fields where the scan asks)"),
        ("_with_chunks", "_with_chunks (chunks normalised one by one, put in place)"),
        ("_normalise_chunk", "_normalise_chunk (cache misses only)"),
        ("_find_terms", "_Scan._find_terms (the automaton pass and its hit loop)"),
        ("_may_hold", "_may_hold (which candidate rules can hold: their regexes, the names near their hits)"),
        ("rule_matches", "rule_matches (rule evaluation and evidence)"),
    ):
        if func in cumulative:
            out.write(f"  {cumulative[func] / total:6.1%}  {what}  [{calls[func]:,} calls]\n")
    out.write(
        f"\n{missed:,} of {len(articles):,} articles ({missed / len(articles):.0%}) had a chunk normalised one by one "
        "that was not cached.\n"
    )
    for key, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
        out.write(f"\n===== top {args.top} {title} =====\n")
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(args.top)
    text = out.getvalue().replace(str(ROOT) + "/", "")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "profile-matcher.txt").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
