"""``newsalert …``: one place for every command.

Each command is a thin handler that parses arguments and calls the module that
does the work, so the command line never holds logic of its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _rules_check(args: argparse.Namespace) -> int:
    from streams.ruleset.commands import rules_check

    return rules_check(args.paths, as_json=args.json)


def _rules_test(args: argparse.Namespace) -> int:
    from streams.ruleset.commands import rules_test

    return rules_test(args.paths, texts=args.text or [], as_json=args.json)


def _match(args: argparse.Namespace) -> int:
    from streams.ruleset.commands import match_files

    return match_files(args.rules, args.files, as_json=args.json)


def _eval(args: argparse.Namespace) -> int:
    from streams.ruleset.commands import evaluate_file

    return evaluate_file(args.dataset, args.rules or ["rules"], as_json=args.json, min_f1=args.min_f1)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="newsalert", description="Streaming news-alert monitor (Arabic, English and mixed text)."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    rules = commands.add_parser("rules", help="check and test rule files")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    check = rules_commands.add_parser("check", help="validate rule files (FILE:LINE:COL: error: …)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--json", action="store_true", help="print problems as JSON")
    check.set_defaults(handler=_rules_check)
    test = rules_commands.add_parser("test", help="run every rule's own examples")
    test.add_argument("paths", nargs="+", metavar="PATH")
    test.add_argument("--text", action="append", help="also match this text and print the result")
    test.add_argument("--json", action="store_true")
    test.set_defaults(handler=_rules_test)

    match = commands.add_parser("match", help="dry run: match article files against rules")
    match.add_argument("--rules", action="append", required=True, metavar="PATH")
    match.add_argument("files", nargs="+", metavar="FILE")
    match.add_argument("--json", action="store_true", help="one JSON object per match")
    match.set_defaults(handler=_match)

    evaluation = commands.add_parser("eval", help="precision, recall and F1 on a labelled JSONL set")
    evaluation.add_argument("dataset", metavar="DATASET.jsonl")
    evaluation.add_argument("--rules", action="append", metavar="PATH", help="rule files (default: rules)")
    evaluation.add_argument("--json", action="store_true")
    evaluation.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall F1 is below this")
    evaluation.set_defaults(handler=_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsalert`` console script."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsalert match … | head` is normal use, not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
