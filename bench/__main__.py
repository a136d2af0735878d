"""``make bench``: every benchmark, each printing a baseline beside ours, results in ``bench/results/``."""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import platform
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
BENCHMARKS = ("matcher", "pipeline", "alerting", "control", "soak", "recovery")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--only", choices=BENCHMARKS, action="append")
    parser.add_argument("--quick", action="store_true", help="smaller runs, about a minute")
    parser.add_argument(
        "--full", action="store_true", help="longer runs where a benchmark has them (matcher: 100,000 rules)"
    )
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in args.only or BENCHMARKS:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            print(f"{name}: not available in this checkout, skipped")
            continue
        options = {"quick": args.quick}
        if args.full and "full" in inspect.signature(module.main).parameters:
            options["full"] = True
        result = module.main(**options)
        result["machine"] = {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "quick": args.quick,
            "full": options.get("full", False),
        }
        result["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        path = RESULTS / f"{name}.json"
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{name}: results written to {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
