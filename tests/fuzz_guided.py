"""Coverage-guided fuzzing (atheris, libFuzzer) of the properties the ``test_fuzz_*`` tests state.

Hypothesis draws inputs at random; libFuzzer keeps the inputs that reach new code and mutates them,
which finds the narrow paths random inputs miss. Both drive the same property functions
(``test.hypothesis.fuzz_one_input``), so a property is written once. One process per property
(libFuzzer owns its process); ``make fuzz`` runs every one for a time budget and prints, for each,
the inputs tried and the crashes found (a crash leaves its input in ``bench/results/fuzz/``).

    python -m tests.fuzz_guided [--seconds N] [NAME ...]
"""

from __future__ import annotations

import argparse
import importlib
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CRASHES = ROOT / "bench" / "results" / "fuzz"


def properties() -> Iterator[tuple[str, Callable[..., Any]]]:
    """``module:function`` and the function of every Hypothesis property named ``test_fuzz_*``."""
    for path in sorted((ROOT / "tests").glob("test_fuzz_*.py")):
        name = f"tests.{path.stem}"
        module = importlib.import_module(name)
        for attribute in sorted(vars(module)):
            test = getattr(module, attribute)
            if attribute.startswith("test_fuzz_") and hasattr(test, "hypothesis"):
                yield f"{name}:{attribute}", test


def run_one(target: str, seconds: int) -> None:
    """Fuzz one property in this process until the time budget ends (never returns)."""
    import atheris

    module, function = target.split(":")
    test = getattr(importlib.import_module(module), function)
    atheris.instrument_all()
    CRASHES.mkdir(parents=True, exist_ok=True)
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={seconds}",
            "-print_final_stats=1",
            "-rss_limit_mb=4096",
            f"-artifact_prefix={CRASHES}/{function}-",
        ],
        test.hypothesis.fuzz_one_input,
    )
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="time budget per property (default 60)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", help="only the properties whose name contains one of these")
    options = parser.parse_args(argv)
    if options.run:
        run_one(options.run, options.seconds)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("fuzz: atheris is not installed on this platform; coverage-guided fuzzing skipped", file=sys.stderr)
        return 0
    failed = 0
    print(f"{'property':<72} {'inputs':>10} {'crashes':>8}")
    for target, _ in properties():
        if options.names and not any(name in target for name in options.names):
            continue
        done = subprocess.run(
            [sys.executable, "-m", "tests.fuzz_guided", "--run", target, "--seconds", str(options.seconds)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        runs = re.search(r"stat::number_of_executed_units: (\d+)", done.stderr)
        crashed = done.returncode != 0
        failed += crashed
        print(f"{target:<72} {runs.group(1) if runs else '?':>10} {int(crashed):>8}", flush=True)
        if crashed:
            print(done.stderr[-3000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
