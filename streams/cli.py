"""``newsalert …``: one place for every command.

Each command is a thin handler that parses arguments and calls the module that
does the work, so the command line never holds logic of its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from streams.errors import NewsalertError

if TYPE_CHECKING:
    from streams.config import Settings

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


def _settings(args: argparse.Namespace) -> Settings:
    from streams.config import load_settings

    return load_settings(args.config)


def _run(args: argparse.Namespace) -> int:
    from streams.worker import run

    return run(_settings(args), show=not args.quiet, demo=args.demo or [])


def _worker(args: argparse.Namespace) -> int:
    from streams.worker import run_worker

    settings = _settings(args)
    if not settings.kafka_bootstrap:
        print("error: newsalert worker needs KAFKA_BOOTSTRAP (or kafka.bootstrap in newsalert.yaml); "
              "`newsalert run` starts an embedded broker instead", file=sys.stderr)
        return 2
    return run_worker(settings, show=args.show)


def _ingest(args: argparse.Namespace) -> int:
    import asyncio

    from streams.producers.files import ingest

    settings = _settings(args)
    if not settings.kafka_bootstrap:
        print("error: newsalert ingest needs KAFKA_BOOTSTRAP (or kafka.bootstrap in newsalert.yaml)", file=sys.stderr)
        return 2
    report = asyncio.run(ingest(settings, args.paths))
    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(report.ids)} articles sent to {settings.topic('articles')}")
    return 1 if report.errors else 0


def _deadletter(args: argparse.Namespace) -> int:
    import asyncio

    from streams.replay import list_letters, print_outcomes, replay_letters

    settings = _settings(args)
    if not settings.kafka_bootstrap:
        print("error: newsalert deadletter needs KAFKA_BOOTSTRAP (or kafka.bootstrap in newsalert.yaml)",
              file=sys.stderr)
        return 2
    if args.deadletter_command == "list":
        return asyncio.run(list_letters(settings, as_json=args.json))
    outcomes = asyncio.run(replay_letters(settings, destination=args.destination))
    return print_outcomes(outcomes, as_json=args.json)


def _topics(args: argparse.Namespace) -> int:
    import asyncio

    from streams.kafka import COMPACTED, TOPICS, create_topics

    settings = _settings(args)
    if not settings.kafka_bootstrap:
        print("error: newsalert topics needs KAFKA_BOOTSTRAP (or kafka.bootstrap in newsalert.yaml)", file=sys.stderr)
        return 2
    asyncio.run(create_topics(settings))
    names = ", ".join(settings.topic(name) for name in (*TOPICS, *COMPACTED))
    print(f"topics ready on {settings.kafka_bootstrap}: {names} ({settings.partitions} partitions)")
    return 0


def _state(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from streams.display import format_control_map
    from streams.ruleset.loader import load_rules
    from streams.state import fetch_state, read_state

    settings = _settings(args)
    if settings.kafka_bootstrap and not args.url:
        places = asyncio.run(read_state(settings, load_rules(settings.rules)))
    else:
        places = fetch_state(args.url or f"http://{settings.web_host}:{settings.web_port}/state")
    print(json.dumps(places, ensure_ascii=False, indent=2) if args.json else format_control_map(places))
    return 0


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

    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", metavar="FILE", help="settings file (default: $NEWSALERT_CONFIG or ./newsalert.yaml)")
    run = commands.add_parser("run", parents=[config],
                              help="everything in one process: embedded broker (unless KAFKA_BOOTSTRAP), worker, producers")
    run.add_argument("--demo", action="append", metavar="PATH", help="send these article files once started")
    run.add_argument("--quiet", action="store_true", help="do not print matches")
    run.set_defaults(handler=_run)
    worker = commands.add_parser("worker", parents=[config], help="one worker on KAFKA_BOOTSTRAP (run N to scale out)")
    worker.add_argument("--show", action="store_true", help="also print every match")
    worker.set_defaults(handler=_worker)
    ingest = commands.add_parser("ingest", parents=[config], help="send article files, directories or - (stdin)")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.set_defaults(handler=_ingest)
    topics = commands.add_parser("topics", parents=[config],
                                 help="create newsalert's topics with the configured partition count")
    topics.set_defaults(handler=_topics)
    state = commands.add_parser("state", parents=[config],
                                help="who controls each place (from Kafka, or a worker's /state without KAFKA_BOOTSTRAP)")
    state.add_argument("--json", action="store_true")
    state.add_argument("--url", metavar="URL", help="ask this worker page instead (e.g. http://127.0.0.1:6066/state)")
    state.set_defaults(handler=_state)
    deadletter = commands.add_parser("deadletter", help="inspect dead letters; re-send undelivered alerts")
    deadletter_commands = deadletter.add_subparsers(dest="deadletter_command", metavar="ACTION", required=True)
    listing = deadletter_commands.add_parser("list", parents=[config], help="every dead letter, oldest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_deadletter)
    again = deadletter_commands.add_parser("replay", parents=[config],
                                           help="re-send the delivery stage's dead letters (same webhook-id)")
    again.add_argument("--destination", metavar="NAME", help="only letters for this destination")
    again.add_argument("--json", action="store_true")
    again.set_defaults(handler=_deadletter)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsalert`` console script."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except NewsalertError as error:  # bad settings, unreachable broker, broken rules: say so, no traceback
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsalert match … | head` is normal use, not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
