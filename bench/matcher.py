"""Matcher throughput on one core, on text that does not repeat; baselines measured in the same run.

1. Start-up: the time to import, load and compile the shipped rules, and the peak resident memory
   of a process that does so (baseline: a process that only imports the matcher).
2. Throughput with the shipped rules (``rules/``), each corpus in a fresh process that first matches
   6,000 articles of the same stream, as a running worker has: its normalisation cache and the matcher's
   memos of what the rules' names are (entities, gazetteer evidence, word frequencies) are warm:
   - *news stream* (the headline): generated (``bench.newscorpus``), Arabic, English and mixed,
     10% war reporting, never repeating;
   - *war reporting only*: the same generator, every article war reporting;
   - *Arabic only*: the same generator, Arabic ordinary news, to set beside a real Arabic corpus
     (UTF-8 takes two bytes per Arabic letter and one per Latin letter, so MB/s differ by script);
   - *real corpus*: ``NEWSALERT_BENCH_CORPUS=/path/to/file.jsonl`` (first 6,000 articles warm the
     cache, the rest are measured, cut into 1 KB and 5 KB articles); said so when unset;
   - *best case (repeating text)*: the old corpus of a few dozen sentences (``bench.corpus``).
   For 1 KB and 5 KB articles: MB/s (UTF-8 bytes of title and body) and articles/s of normalise +
   match, the normalisation cache's hit rate over the measured articles, normalisation alone
   (on other articles of the same stream, equally fresh), and the baseline: the automaton
   scan alone (the compiled rules' own automaton, ``CompiledRules.automaton``)
   over the same normalised text, with the ratio.
3. Scaling with the number of rules (generated rule sets, ``bench.corpus.ruleset``) on the
   generated news stream and war reporting, against a naive baseline (one Python ``re`` per rule).

``--quick`` measures less; ``--full`` more, and 100,000 rules. Throughput is timed in this process's
CPU seconds (one core); timings on shared machines are still noisy: the load average is recorded beside
the figures.
"""

from __future__ import annotations

import gc
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWS_STREAM_WAR_SHARE = 0.1
WARM_UP_ARTICLES = 6_000
SIZES = (1024, 5120)
TARGET_10K = 5000.0  # articles/s/core at 10,000 rules
TARGET_SLOWDOWN = 3.0  # 100,000 rules at most this much slower than 100
# MB of text measured per corpus and article size, per mode.
MEASURE_MB = {"quick": 1.0, "default": 3.0, "full": 12.0}
SCALING_ARTICLES = {"quick": 120, "default": 300, "full": 1200}
NAIVE_BUDGET = {"quick": 1.0, "default": 1.5, "full": 4.0}

CORPORA = {
    "news": "news stream (generated, 10% war reporting)",
    "war": "war reporting only (generated)",
    "ar": "Arabic only, no war reporting (generated)",
    "real": "real corpus (NEWSALERT_BENCH_CORPUS)",
    "repeating": "best case (repeating text)",
}


def _mb(articles: list[Any]) -> float:
    return sum(len(a.title.encode()) + len(a.body.encode()) for a in articles) / 1e6


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def code_state() -> str:
    """The commit measured, and whether streams/ had uncommitted changes (the figures are of the tree as it was)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "streams"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    return f"commit {head}" + (f" with {len(changed)} uncommitted change(s) under streams/" if changed else "")


def _cpu() -> float:
    """This process's CPU seconds: timed loops run on one core of a machine others share, so wall time
    would count their work too (the load average is recorded beside the figures)."""
    return time.process_time()


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# ---------------------------------------------------------------- workers (run in their own process)


def _startup_job(load_rules: bool, generated: int = 0) -> dict[str, Any]:
    """Import the matcher and load and compile the shipped rules (``load_rules``) or a generated rule set of
    ``generated`` rules (``bench.corpus.ruleset``, generating counted as loading); times and peak memory."""
    started = time.perf_counter()
    from streams.ruleset.compiler import compile_rules
    from streams.ruleset.loader import load_rules as load
    from streams.ruleset.matcher import match_article  # noqa: F401

    imported = time.perf_counter()
    result: dict[str, Any] = {"import_seconds": round(imported - started, 3)}
    if load_rules or generated:
        if generated:
            from bench.corpus import ruleset as generate

            ruleset = generate(generated)
        else:
            ruleset = load([ROOT / "rules"])
        loaded = time.perf_counter()
        compiled = compile_rules(ruleset)
        compiled_at = time.perf_counter()
        result.update(
            load_seconds=round(loaded - imported, 3),
            compile_seconds=round(compiled_at - loaded, 4),
            rules=len(ruleset.rules),
            patterns=compiled.pattern_count,
        )
    result["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    return result


def _stream_articles(corpus: str, seed: int, quick_real: bool = False) -> Any:
    """(warm-up articles, a function giving ``mb`` MB of fresh articles of ``size`` bytes) for ``corpus``."""
    from bench import realcorpus
    from bench.corpus import corpus as repeating
    from bench.newscorpus import NewsStream

    if corpus in ("news", "war", "ar"):
        if corpus == "ar":
            stream = NewsStream(seed, war_share=0.0, languages=(1.0, 0.0, 0.0))
        else:
            stream = NewsStream(seed, war_share=NEWS_STREAM_WAR_SHARE if corpus == "news" else 1.0)
        position = [WARM_UP_ARTICLES]

        def fresh(size: int, mb: float) -> list[Any]:
            articles = []
            while _mb(articles) < mb:
                batch = stream.articles(50, position[0], size)
                position[0] += 50
                articles.extend(batch)
            return articles

        return stream.articles(WARM_UP_ARTICLES), fresh, {}
    if corpus == "repeating":
        counter = [0]

        def fresh_repeating(size: int, mb: float) -> list[Any]:
            counter[0] += 1
            count = max(10, int(mb * 1e6 / size))
            return repeating(count, seed=seed + counter[0], conflict_share=NEWS_STREAM_WAR_SHARE, size=size)

        return repeating(WARM_UP_ARTICLES, seed=seed, conflict_share=NEWS_STREAM_WAR_SHARE), fresh_repeating, {}
    path = realcorpus.corpus_path()
    assert path is not None
    everything = realcorpus.load(path)
    warm = realcorpus.warm_up_for(len(everything), WARM_UP_ARTICLES)
    rest = everything[warm:]
    # Disjoint halves of the rest for the two sizes (and their normalisation-alone slices): no text is measured twice.
    portions = {SIZES[0]: rest[: len(rest) // 2], SIZES[1]: rest[len(rest) // 2 :]}

    def fresh_real(size: int, mb: float) -> list[Any]:
        pieces = realcorpus.recut(portions[size], size)
        taken, used = 0, 0.0
        while taken < len(pieces) and used < mb:
            used += (len(pieces[taken].title.encode()) + len(pieces[taken].body.encode())) / 1e6
            taken += 1
        portions[size] = []  # each portion is measured once
        remaining[size] = pieces[taken:]  # for normalisation alone
        return pieces[:taken]

    remaining: dict[int, list[Any]] = {}
    info = {
        "path": str(path),
        "articles": len(everything),
        "warm_up_articles": warm,
        "measured_articles": len(rest),
        "remaining": remaining,
    }
    return everything[:warm], fresh_real, info


def _throughput_job(corpus: str, mode: str, seed: int) -> dict[str, Any]:
    """Normalise + match, normalisation alone and the scan alone, for one corpus at both sizes (shipped rules)."""
    from bench.cache import CacheProbe
    from streams.app import settle_rules
    from streams.ruleset.compiler import compile_rules
    from streams.ruleset.loader import load_rules
    from streams.ruleset.matcher import match_article
    from streams.text.normalise import WordStream

    compiled = compile_rules(load_rules([ROOT / "rules"]))
    settle_rules()  # as a worker does, so a full collection pauses neither
    automaton = compiled.automaton
    probe = CacheProbe()
    cache: dict[str, Any] = probe._module._chunk_cache if probe.available else {}
    started = time.perf_counter()
    warm, fresh, info = _stream_articles(corpus, seed)
    for article in warm:
        probe.warm(article)
        match_article(compiled, article)
    warm_seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "corpus": corpus,
        "label": CORPORA[corpus],
        "hit_rate_method": probe.method,
        "warm_up_articles": len(warm),
        "warm_up_mb": round(_mb(warm), 1),
        "warm_up_seconds": round(warm_seconds, 1),
        "sizes": [],
    }
    del warm
    remaining = info.pop("remaining", {})
    result.update(info)
    budget = MEASURE_MB[mode]
    for size in SIZES:
        articles = fresh(size, budget)
        if not articles:
            continue
        # Normalise + match, one pass over articles the cache has not seen (beyond what the stream repeats).
        probe.reset_counts()
        sizes: list[tuple[int, int]] = []
        matches = matched = 0
        gc.collect()
        load_before = _load()
        begin = _cpu()
        for article in articles:
            before = probe.size()
            found = len(match_article(compiled, article))
            matches += found
            matched += found > 0
            sizes.append((before, probe.size()))
        seconds = _cpu() - begin
        probe.count(articles, sizes)
        hit_rate = probe.hit_rate
        megabytes = _mb(articles)
        # The baseline: the automaton alone over the same normalised text (normalised again, untimed).
        streams = [WordStream.of(text).stream for a in articles for text in (a.title, a.body)]
        gc.collect()
        begin = _cpu()
        for text in streams:
            automaton.find(text)
        scan_seconds = _cpu() - begin
        hits = sum(len(automaton.find(text)) for text in streams)
        # Normalisation alone, on the next articles of the same stream (as fresh as the matched ones).
        others = remaining.get(size) if corpus == "real" else fresh(size, budget / 2)
        normalise_mb = normalise_rate = None
        if others:
            gc.collect()
            begin = _cpu()
            for article in others:
                WordStream.of(article.title)
                WordStream.of(article.body)
            normalise_seconds = _cpu() - begin
            normalise_mb = _mb(others)
            normalise_rate = normalise_mb / normalise_seconds
        matcher_rate = megabytes / seconds
        scan_rate = megabytes / scan_seconds
        result["sizes"].append(
            {
                "article_bytes": size,
                "articles": len(articles),
                "mb": round(megabytes, 2),
                "cache_hit_rate": round(hit_rate, 4),
                "mb_per_second": round(matcher_rate, 2),
                "articles_per_second": round(len(articles) / seconds, 1),
                "normalise_only_mb_per_second": round(normalise_rate, 2) if normalise_rate else None,
                "normalise_only_mb": round(normalise_mb, 2) if normalise_mb else None,
                "scan_only_mb_per_second": round(scan_rate, 1),
                "scan_only_articles_per_second": round(len(articles) / scan_seconds, 1),
                "matcher_over_scan": round(matcher_rate / scan_rate, 4),
                "automaton_hits_per_article": round(hits / len(articles), 1),
                "matches_per_article": round(matches / len(articles), 3),
                "share_of_articles_matched": round(matched / len(articles), 3),
                "share_of_articles_with_a_cache_miss": round(sum(b != a for b, a in sizes) / len(articles), 3),
                "load_average_before": load_before,
                "load_average_after": _load(),
            }
        )
    result["cache_entries_at_end"] = len(cache)
    result["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    return result


def _words(pattern: str) -> str:
    return re.escape(pattern.strip("*")) + (r"\w*" if pattern.endswith("*") else r"\b")


def naive_patterns(rules: Any) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per rule, the way a simple monitor would do it: an alias regex and an event-word regex."""
    from streams.ruleset.model import AllOf, AnyOf, EntityRef, Phrase

    compiled = []
    places = rules.entities["place"]
    alias_patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
    for rule in rules.rules:
        assert isinstance(rule.when, AllOf)
        entity = next(c for c in rule.when.children if isinstance(c, EntityRef))
        words = [
            p.text
            for c in rule.when.children
            if isinstance(c, (AnyOf, AllOf))
            for p in c.children
            if isinstance(p, Phrase)
        ]
        # Rules watching the same places share one alias pattern, as any sane implementation would.
        key = entity.ids or ("*",)
        alias_re = alias_patterns.get(key)
        if alias_re is None:
            aliases = [a for i in (entity.ids or places) for a in places[i].aliases]
            alias_re = alias_patterns[key] = re.compile(
                r"\b(?:" + "|".join(map(re.escape, aliases)) + r")\b", re.IGNORECASE
            )
        words_re = re.compile(r"\b(?:" + "|".join(map(_words, words)) + ")", re.IGNORECASE)
        compiled.append((alias_re, words_re))
    return compiled


def _scaling_job(mode: str, counts: list[int], seed: int) -> dict[str, Any]:
    """Generated rule sets of growing size, on fresh 5 KB articles of the generated streams, and the naive baseline."""
    from bench.cache import CacheProbe
    from bench.corpus import ruleset
    from bench.newscorpus import NewsStream
    from streams.ruleset.compiler import compile_rules
    from streams.ruleset.matcher import match_article
    from streams.text.normalise import WordStream

    streams = {"war": NewsStream(seed, war_share=1.0), "news": NewsStream(seed + 1, war_share=NEWS_STREAM_WAR_SHARE)}
    probe = CacheProbe()
    # Warm the cache with both streams, half each, as a worker reading them would be.
    for index in range(WARM_UP_ARTICLES // 2):
        for stream in streams.values():
            article = stream.article(index)
            probe.warm(article)
            WordStream.of(article.title)
            WordStream.of(article.body)
    position = WARM_UP_ARTICLES // 2
    per_count = SCALING_ARTICLES[mode]
    rows = []
    for count in counts:
        rules = ruleset(count)
        started = time.perf_counter()
        compiled = compile_rules(rules)
        compile_seconds = time.perf_counter() - started
        row: dict[str, Any] = {
            "rules": count,
            "compile_seconds": round(compile_seconds, 2),
            "patterns": compiled.pattern_count,
        }
        for name, stream in streams.items():
            articles = stream.articles(per_count, position, SIZES[1])
            probe.reset_counts()
            sizes = []
            found = 0
            gc.collect()
            begin = _cpu()
            for article in articles:
                before = probe.size()
                found += len(match_article(compiled, article))
                sizes.append((before, probe.size()))
            seconds = _cpu() - begin
            probe.count(articles, sizes)
            key = "ours_articles_per_second" if name == "war" else "ours_news_stream_articles_per_second"
            row[key] = round(len(articles) / seconds, 1)
            row["matches_per_article" if name == "war" else "news_stream_matches_per_article"] = round(
                found / len(articles), 2
            )
            row["cache_hit_rate" if name == "war" else "news_stream_cache_hit_rate"] = round(probe.hit_rate, 4)
            row["mb_per_second" if name == "war" else "news_stream_mb_per_second"] = round(_mb(articles) / seconds, 2)
        position += per_count
        naive_rules = naive_patterns(rules)
        articles = streams["war"].articles(20, 0, SIZES[1])
        done = 0
        begin = _cpu()
        while _cpu() - begin < NAIVE_BUDGET[mode]:
            article = articles[done % len(articles)]
            text = article.title + "\n" + article.body
            sum(1 for alias_re, words_re in naive_rules if alias_re.search(text) and words_re.search(text))
            done += 1
        baseline = done / (_cpu() - begin)
        row["naive_articles_per_second"] = round(baseline, 3)
        row["speedup"] = round(row["ours_articles_per_second"] / baseline, 1)
        row["load_average"] = _load()
        rows.append(row)
    return {"rows": rows, "peak_rss_mb": round(_peak_rss_mb(), 1), "hit_rate_method": probe.method}


def _run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one job in a fresh Python process (its own cache, its own peak memory); the result is its last line."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.matcher", json.dumps(job)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"bench.matcher job {job} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _job_main(job: dict[str, Any]) -> dict[str, Any]:
    kind = job["kind"]
    if kind == "startup":
        return _startup_job(job["load_rules"], job.get("generated", 0))
    if kind == "throughput":
        return _throughput_job(job["corpus"], job["mode"], job["seed"])
    if kind == "scaling":
        return _scaling_job(job["mode"], job["counts"], job["seed"])
    raise ValueError(kind)


# ---------------------------------------------------------------- the benchmark


def _print_throughput(result: dict[str, Any]) -> None:
    for row in result["sizes"]:
        normalise = row["normalise_only_mb_per_second"]
        print(
            f"  {result['label'][:44]:<44} {row['article_bytes'] // 1024:>2} KB {row['cache_hit_rate']:>7.1%} "
            f"{row['mb_per_second']:>7.2f} {row['articles_per_second']:>9,.0f} "
            f"{(f'{normalise:.2f}' if normalise else '-'):>9} {row['scan_only_mb_per_second']:>8.1f} "
            f"{row['matcher_over_scan']:>8.1%} {row['matches_per_article']:>8.2f}"
        )


def main(quick: bool = False, full: bool = False) -> dict[str, Any]:
    """Run the matcher benchmark and return its results (also printed as tables)."""
    from bench import calibrate, realcorpus

    mode = "full" if full else "quick" if quick else "default"
    started = time.perf_counter()
    state = code_state()
    print(
        f"matcher ({mode} mode): one core per process; load average at start {_load()} on {os.cpu_count()} CPUs; {state}"
    )

    # 1. Start-up.
    bare = _run_job({"kind": "startup", "load_rules": False})
    loaded = _run_job({"kind": "startup", "load_rules": True})
    print(
        f"  start-up: import {loaded['import_seconds']:.2f} s, load rules {loaded['load_seconds']:.2f} s, "
        f"compile {loaded['compile_seconds'] * 1000:.1f} ms ({loaded['rules']} rules, {loaded['patterns']:,} patterns); "
        f"peak RSS {loaded['peak_rss_mb']:.0f} MB (baseline, imports only: {bare['peak_rss_mb']:.0f} MB)"
    )
    startup = {"shipped_rules": loaded, "imports_only": bare}
    if full:
        # What a worker with a large rule set holds (docs/capacity.md): its own process, its own peak.
        large = startup["generated_100k_rules"] = _run_job(
            {"kind": "startup", "load_rules": False, "generated": 100_000}
        )
        print(
            f"  start-up with {large['rules']:,} generated rules: generate {large['load_seconds']:.1f} s, compile "
            f"{large['compile_seconds']:.1f} s ({large['patterns']:,} patterns); peak RSS {large['peak_rss_mb']:.0f} MB"
        )

    # 2. Throughput with the shipped rules.
    path = realcorpus.corpus_path()
    corpora = ["news", "war", "ar"]
    real_note = None
    if path is None:
        real_note = f"{realcorpus.VARIABLE} is not set: no real corpus measured (set it to a JSONL file of title/body)"
    elif not path.is_file():
        real_note = f"{realcorpus.VARIABLE}={path}: no such file, no real corpus measured"
    else:
        corpora.append("real")
    corpora.append("repeating")
    print(
        f"\n  shipped rules, normalise + match on articles the cache has not seen, after a {WARM_UP_ARTICLES:,}-article "
        f"warm-up; {MEASURE_MB[mode]:g} MB per row"
    )
    print(
        "  MB = 10^6 UTF-8 bytes of title and body; scan = the rules' automaton alone over the same normalised "
        "text (baseline); hit = share of chunks not normalised one by one (bench/cache.py)"
    )
    print(
        f"  {'corpus':<44} {'size':>5} {'hit':>7} {'MB/s':>7} {'art/s':>9} {'norm MB/s':>9} {'scan MB/s':>8} "
        f"{'ours/scan':>8} {'match/art':>8}"
    )
    throughput = []
    for index, corpus in enumerate(corpora):
        result = _run_job({"kind": "throughput", "corpus": corpus, "mode": mode, "seed": 21 + index})
        throughput.append(result)
        _print_throughput(result)
    if real_note:
        print(f"  real corpus: {real_note}")
    print(f"  hit rate {throughput[0]['hit_rate_method']}")

    # Calibration: the generator against the real corpus, modelled (no timing), after the same warm-up.
    calibration = calibrate.calibrate(path if real_note is None else None, quick=quick)
    calibrate.print_summary(calibration, indent="  ")

    # 3. Scaling with the number of rules.
    counts = [100, 1_000, 10_000] + ([100_000] if full else [])
    scaling = _run_job({"kind": "scaling", "mode": mode, "counts": counts, "seed": 41})
    rows = scaling["rows"]
    print(
        f"\n  generated rule sets, fresh 5 KB generated articles ({SCALING_ARTICLES[mode]} per row and stream, "
        f"after a {WARM_UP_ARTICLES:,}-article warm-up); naive = one Python re per rule, same articles"
    )
    print(
        f"  {'rules':>8} {'ours war/s':>11} {'hit':>6} {'ours stream/s':>14} {'hit':>6} {'naive art/s':>12} "
        f"{'speed-up':>9} {'compile s':>10} {'patterns':>9} {'matches/art':>12}"
    )
    for row in rows:
        print(
            f"  {row['rules']:>8,} {row['ours_articles_per_second']:>11,.0f} {row['cache_hit_rate']:>6.1%} "
            f"{row['ours_news_stream_articles_per_second']:>14,.0f} {row['news_stream_cache_hit_rate']:>6.1%} "
            f"{row['naive_articles_per_second']:>12,.2f} {row['speedup']:>8}x {row['compile_seconds']:>10.2f} "
            f"{row['patterns']:>9,} {row['matches_per_article']:>12}"
        )
    by_count = {r["rules"]: r["ours_articles_per_second"] for r in rows}
    on_stream = {r["rules"]: r["ours_news_stream_articles_per_second"] for r in rows}
    checks = {
        "10k_rules_at_least_5000_per_s_news_stream": on_stream[10_000] >= TARGET_10K,
        "10k_rules_at_least_5000_per_s_war_reporting_only": by_count[10_000] >= TARGET_10K,
    }
    if 100_000 in by_count:
        checks["100k_at_most_3x_slower_than_100"] = by_count[100] / by_count[100_000] <= TARGET_SLOWDOWN
        checks["100k_at_most_3x_slower_than_100_news_stream"] = on_stream[100] / on_stream[100_000] <= TARGET_SLOWDOWN
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'} {name}")
    peak = max([loaded["peak_rss_mb"], scaling["peak_rss_mb"]] + [t["peak_rss_mb"] for t in throughput])
    print(
        f"  peak resident memory: {loaded['peak_rss_mb']:.0f} MB for a process that loads the shipped rules; "
        f"{peak:.0f} MB for the largest benchmark process (it holds its corpus); this run took {time.perf_counter() - started:.0f} s, "
        f"load average at the end {_load()}"
    )
    headline = throughput[0]["sizes"]
    return {
        "headline": {
            "corpus": throughput[0]["label"],
            **{
                f"{row['article_bytes'] // 1024}kb": {
                    k: row[k]
                    for k in (
                        "mb_per_second",
                        "articles_per_second",
                        "cache_hit_rate",
                        "scan_only_mb_per_second",
                        "matcher_over_scan",
                    )
                }
                for row in headline
            },
        },
        "startup": startup,
        "throughput": throughput,
        "real_corpus": real_note or str(path),
        "calibration": calibration,
        "rows": rows,
        "checks": checks,
        "peak_rss_mb": round(peak),
        "peak_rss_mb_shipped_rules_process": loaded["peak_rss_mb"],
        "mode": mode,
        "code": state,
        "seconds": round(time.perf_counter() - started),
        "load_average_end": _load(),
    }


if __name__ == "__main__":
    print(json.dumps(_job_main(json.loads(sys.argv[1])), ensure_ascii=False))
