"""``make bench``: every benchmark, each printing a baseline beside ours, results in ``bench/results/``."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
BENCHMARKS = ("matcher", "pipeline", "alerting", "control", "soak")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--only", choices=BENCHMARKS, action="append")
    parser.add_argument("--quick", action="store_true", help="smaller runs, about a minute")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in args.only or BENCHMARKS:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            print(f"{name}: not available in this checkout, skipped")
            continue
        result = module.main(quick=args.quick)
        result["machine"] = {"python": sys.version.split()[0], "platform": platform.platform(), "quick": args.quick}
        result["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        path = RESULTS / f"{name}.json"
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{name}: results written to {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
