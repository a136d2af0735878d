"""``newsalert …``: one place for every command.

Each command is a thin handler that parses arguments and calls the module that
does the work, so the command line never holds logic of its own. Every failure
newsalert expects ends as one ``error: …`` line and an exit code from
:mod:`streams.exitcodes`; a traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streams.errors import NewsalertError
from streams.exitcodes import ExitCode, exit_code

if TYPE_CHECKING:
    from streams.config import Settings

Handler = Callable[[argparse.Namespace], int]
RULES_HINT = "point --rules, NEWSALERT_RULES or rules: in newsalert.yaml at your rule files or directories"


def _settings(args: argparse.Namespace, *, destinations: bool = False) -> Settings:
    """The settings; ``destinations`` (and so their secrets) only for the commands that deliver."""
    from streams.config import load_settings

    return load_settings(getattr(args, "config", None), destinations=destinations)


def _rules(paths: Sequence[str]) -> list[str]:
    """``paths``, once each is known to exist: a missing one is one line with what to do, not a loader error."""
    from streams.errors import Location, RuleError, RuleProblem

    missing = [
        RuleProblem(Location(path), "no such file or directory", RULES_HINT)
        for path in paths
        if not Path(path).exists()
    ]
    if missing:
        raise RuleError(missing)
    return list(paths)


def _configured_rules(args: argparse.Namespace) -> list[str]:
    """``--rules`` when given, else the ``rules`` setting."""
    return _rules(args.rules or _settings(args).rules)


def _rules_check(args: argparse.Namespace) -> int:
    from streams.cli.rules import rules_check

    settings = _settings(args)  # the destinations' names only: checking needs none of their secrets
    return rules_check(
        args.paths, as_json=args.json, routing=settings.routing if settings.source else None, strict=args.strict
    )


def _rules_test(args: argparse.Namespace) -> int:
    from streams.cli.rules import rules_test

    return rules_test(args.paths, texts=args.text or [], as_json=args.json, rule=args.rule)


def _config_check(args: argparse.Namespace) -> int:
    """Read the settings as ``run`` and ``worker`` do (destinations and their ``${VAR}`` secrets included)."""
    from streams.config import load_settings, settings_file

    path = settings_file(args.file, os.environ)
    settings = load_settings(path, destinations=True)
    destinations = ", ".join(settings.destinations) or "none"
    where = str(path) if path else "no settings file (no FILE, NEWSALERT_CONFIG or ./newsalert.yaml), defaults apply"
    producers = ", ".join(t.name or "unnamed" for t in settings.ingest_tokens) or "none"
    print(
        f"ok: {where}; destinations: {destinations}; {len(settings.feeds)} feeds; ingest tokens: {producers}; "
        f"rules: {', '.join(settings.rules)}"
    )
    return ExitCode.OK


def _match(args: argparse.Namespace) -> int:
    from streams.cli.rules import match_files

    return match_files(_configured_rules(args), args.files, as_json=args.json, explain=args.explain, rule=args.rule)


def _explain(args: argparse.Namespace) -> int:
    from streams.cli.rules import explain_files

    return explain_files(_configured_rules(args), args.rule, args.files, as_json=args.json)


def _eval(args: argparse.Namespace) -> int:
    from streams.cli.rules import evaluate_file

    return evaluate_file(
        args.dataset,
        _configured_rules(args),
        as_json=args.json,
        min_f1=args.min_f1,
        rules=args.rule or None,
        replay=args.replay,
    )


def _run(args: argparse.Namespace) -> int:
    from streams.local import check_web_port
    from streams.worker import run

    settings = _settings(args, destinations=True)
    _rules(settings.rules)
    check_web_port(settings)
    return run(settings, show=not args.quiet, demo=args.demo or [])


def _worker(args: argparse.Namespace) -> int:
    from streams.errors import NoBroker
    from streams.local import check_web_port
    from streams.worker import run_worker

    settings = _settings(args, destinations=True)
    if not settings.kafka_bootstrap:
        raise NoBroker(
            "newsalert worker needs KAFKA_BOOTSTRAP (or kafka.bootstrap in newsalert.yaml); "
            "`newsalert run` starts an embedded broker instead"
        )
    _rules(settings.rules)
    check_web_port(settings)
    return run_worker(settings, show=args.show)


def _ingest(args: argparse.Namespace) -> int:
    import asyncio

    from streams.local import with_broker
    from streams.producers.files import ingest

    settings = with_broker(_settings(args), "ingest")
    report = asyncio.run(ingest(settings, args.paths, now=args.dated_now))
    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)
    print(
        f"{len(report.ids)} articles sent to {settings.topic('articles')} on {settings.kafka_bootstrap}"
        + (f"; {len(report.errors)} not sent (above)" if report.errors else "")
    )
    return ExitCode.FAILED if report.errors else ExitCode.OK


def _deadletter(args: argparse.Namespace) -> int:
    import asyncio

    from streams.cli.deadletter import list_letters, print_outcomes, replay_letters
    from streams.local import with_broker

    replaying = args.deadletter_command == "replay"
    settings = with_broker(_settings(args, destinations=replaying), f"deadletter {args.deadletter_command}")
    if not replaying:
        return asyncio.run(list_letters(settings, as_json=args.json))
    outcomes = asyncio.run(replay_letters(settings, destination=args.destination))
    return print_outcomes(outcomes, as_json=args.json)


def _topics(args: argparse.Namespace) -> int:
    import asyncio

    from streams.kafka import COMPACTED, TOPICS, create_topics
    from streams.local import with_broker

    settings = with_broker(_settings(args), "topics")
    asyncio.run(create_topics(settings))
    names = ", ".join(settings.topic(name) for name in (*TOPICS, *COMPACTED))
    print(f"topics ready on {settings.kafka_bootstrap}: {names} ({settings.partitions} partitions)")
    return ExitCode.OK


def _state(args: argparse.Namespace) -> int:
    """From ``--url``; else Kafka when a broker is configured; else the page of this machine's ``newsalert run``
    (whose worker has the rules loaded); else the page at ``web.host:web.port``."""
    import asyncio

    from streams.display import format_control_map, json_text
    from streams.local import running_run
    from streams.state import fetch_state, read_state

    settings = _settings(args)
    if args.url:
        places = fetch_state(args.url)
    elif settings.kafka_bootstrap:
        from streams.ruleset.loader import load_rules

        places = asyncio.run(read_state(settings, load_rules(_rules(settings.rules))))
    else:
        run = running_run(settings)
        places = fetch_state(f"{run.web if run else f'http://{settings.web_host}:{settings.web_port}'}/state")
    print(json_text(places, indent=2) if args.json else format_control_map(places))
    return ExitCode.OK


def _alerts(args: argparse.Namespace) -> int:
    from streams.alerting.attention import ActionKind
    from streams.cli.alerts import act, list_stories

    settings = _settings(args)
    if args.alerts_command is None:
        names = ("rule", "severity", "lang", "place", "state", "limit")
        query = {name: str(getattr(args, name)) for name in names if getattr(args, name) is not None}
        return list_stories(settings, query, url=args.url, as_json=args.json)
    kind = ActionKind(args.alerts_command)
    return act(settings, args.story, kind, duration=getattr(args, "duration", "0s"), by=args.by, url=args.url)


def _board(args: argparse.Namespace) -> int:
    from streams.cli.alerts import open_board

    return open_board(_settings(args), url=args.url, browser=not args.no_browser)


def _completion(args: argparse.Namespace) -> int:
    import shtab

    print(shtab.complete(build_parser(), shell=args.shell))
    return ExitCode.OK


def _common_options(*, top: bool) -> argparse.ArgumentParser:
    """``--debug`` and ``--log-format``, accepted before and after the command.

    Below the top level they default to SUPPRESS, so a subcommand that is not given them keeps the
    top level's value instead of overwriting it with its own default.
    """
    options = argparse.ArgumentParser(add_help=False)
    unset: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    options.add_argument("--debug", action="store_true", help="show the traceback of an error", **unset)
    options.add_argument(
        "--log-format",
        choices=("text", "json"),
        help="log records as text or one JSON object per line (default: $NEWSALERT_LOG_FORMAT or text)",
        **({"default": None} if top else unset),
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    import shtab

    common = _common_options(top=False)
    parser = argparse.ArgumentParser(
        prog="newsalert",
        description="Streaming news-alert monitor (Arabic, English and mixed text).",
        parents=[_common_options(top=True)],
        epilog="Exit codes: " + ", ".join(f"{code.value} {code.name.lower().replace('_', ' ')}" for code in ExitCode),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('newsalert')}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def files(action: argparse.Action) -> None:
        action.complete = shtab.FILE  # type: ignore[attr-defined]

    config = argparse.ArgumentParser(add_help=False, parents=[common])
    files(
        config.add_argument(
            "--config", metavar="FILE", help="settings file (default: $NEWSALERT_CONFIG or ./newsalert.yaml)"
        )
    )
    rules = commands.add_parser("rules", help="check and test rule files")
    rules_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    check = rules_commands.add_parser(
        "check",
        parents=[config],
        help="validate rule files (FILE:LINE:COL: error: …), their notify names against the settings' destinations",
    )
    files(check.add_argument("paths", nargs="+", metavar="PATH"))
    check.add_argument("--json", action="store_true", help="print problems as JSON")
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings too (a regex that cannot match, a rule without examples)",
    )
    check.set_defaults(handler=_rules_check)
    test = rules_commands.add_parser("test", parents=[common], help="run every rule's own examples")
    files(test.add_argument("paths", nargs="+", metavar="PATH"))
    test.add_argument(
        "--text", action="append", help="also match this text: its matches, or no match and why, rule by rule"
    )
    test.add_argument("--rule", metavar="ID", help="only this rule's examples (and only this rule for --text)")
    test.add_argument("--json", action="store_true")
    test.set_defaults(handler=_rules_test)

    rule_paths = argparse.ArgumentParser(add_help=False)
    files(
        rule_paths.add_argument(
            "--rules",
            action="append",
            metavar="PATH",
            help="rule files or directories (default: the rules setting, see docs/configuration.md)",
        )
    )

    settings_check = (
        commands.add_parser("config", help="check the settings file")
        .add_subparsers(dest="config_command", metavar="ACTION", required=True)
        .add_parser(
            "check",
            parents=[common],
            help="validate newsalert.yaml and the environment as run and worker read them (FILE:LINE:COL: …)",
        )
    )
    files(
        settings_check.add_argument(
            "file", nargs="?", metavar="FILE", help="default: $NEWSALERT_CONFIG or ./newsalert.yaml"
        )
    )
    settings_check.set_defaults(handler=_config_check)

    match = commands.add_parser(
        "match", parents=[config, rule_paths], help="dry run: match article files against rules"
    )
    files(match.add_argument("files", nargs="+", metavar="FILE"))
    match.add_argument("--json", action="store_true", help="one JSON object per match")
    match.add_argument("--rule", metavar="ID", help="only this rule")
    match.add_argument(
        "--explain", action="store_true", help="also say why each rule that matched did (with --rule: why or why not)"
    )
    match.set_defaults(handler=_match)

    explain = commands.add_parser(
        "explain",
        parents=[config, rule_paths],
        help="why a rule did or did not match an article, condition by condition",
    )
    files(explain.add_argument("files", nargs="+", metavar="FILE", help="article files, directories or - (stdin)"))
    explain.add_argument("--rule", metavar="ID", required=True, help="the rule to explain")
    explain.add_argument("--json", action="store_true", help="one JSON object per article (see docs/rules.md)")
    explain.set_defaults(handler=_explain)

    evaluation = commands.add_parser(
        "eval", parents=[config, rule_paths], help="precision, recall and F1 on a labelled JSONL set"
    )
    files(evaluation.add_argument("dataset", metavar="DATASET.jsonl"))
    evaluation.add_argument("--json", action="store_true")
    judging = evaluation.add_mutually_exclusive_group()
    judging.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall F1 is below this")
    judging.add_argument(
        "--replay",
        action="store_true",
        help="count what users would have received instead of matches per article: replay the set in published "
        "order (undated articles at their place in the file) through the worker's alert stage, with the rules' "
        "windows and cooldowns, and list each alert (a new story, or a change of control that notifies) with "
        "the articles folded into it; with labels, an alert is right when one of its articles is labelled with "
        "its rule and place (see docs/rules.md)",
    )
    evaluation.add_argument(
        "--rule",
        action="append",
        metavar="ID",
        help="judge this rule (repeatable; default: the rules the labels name, else every rule)",
    )
    evaluation.set_defaults(handler=_eval)

    run = commands.add_parser(
        "run",
        parents=[config],
        help="everything in one process: embedded broker (unless KAFKA_BOOTSTRAP), worker, producers",
    )
    files(run.add_argument("--demo", action="append", metavar="PATH", help="send these article files once started"))
    run.add_argument("--quiet", action="store_true", help="do not print matches")
    run.set_defaults(handler=_run, long_running=True)
    worker = commands.add_parser("worker", parents=[config], help="one worker on KAFKA_BOOTSTRAP (run N to scale out)")
    worker.add_argument("--show", action="store_true", help="also print every match")
    worker.set_defaults(handler=_worker, long_running=True, log_level="info")
    ingest = commands.add_parser("ingest", parents=[config], help="send article files, directories or - (stdin)")
    files(ingest.add_argument("paths", nargs="+", metavar="PATH"))
    ingest.add_argument(
        "--dated-now",
        action="store_true",
        help="send the articles as published now (an archive's would be stale: recorded, no alert)",
    )
    ingest.set_defaults(handler=_ingest)
    topics = commands.add_parser(
        "topics", parents=[config], help="create newsalert's topics with the configured partition count"
    )
    topics.set_defaults(handler=_topics)
    state = commands.add_parser(
        "state", parents=[config], help="who controls each place (from Kafka, or the page of a worker or newsalert run)"
    )
    state.add_argument("--json", action="store_true")
    state.add_argument("--url", metavar="URL", help="ask this worker page instead (e.g. http://127.0.0.1:6066/state)")
    state.set_defaults(handler=_state)
    worker_page = argparse.ArgumentParser(add_help=False)
    worker_page.add_argument(
        "--url",
        metavar="URL",
        help="the worker to ask (e.g. http://127.0.0.1:6066; default: Kafka, else newsalert run)",
    )
    alerts = commands.add_parser(
        "alerts",
        parents=[config, worker_page],
        help="open and recent stories, newest first (as the board shows them); ack or silence one",
    )
    alerts.add_argument("--json", action="store_true")
    for name, what in (
        ("rule", "rule ids"),
        ("severity", "severities"),
        ("lang", "article languages"),
        ("place", "place ids"),
        ("state", "states: unconfirmed, confirmed, disputed, reversed, open, resolved"),
    ):
        alerts.add_argument(f"--{name}", metavar="A,B", help=f"only these {what}")
    alerts.add_argument("--limit", type=int, metavar="N", help="at most N stories (default 200)")
    alerts.set_defaults(handler=_alerts, alerts_command=None)
    alerts_commands = alerts.add_subparsers(dest="alerts_command", metavar="ACTION")
    # --config and --url are taken before the action too (newsalert alerts --url URL ack STORY): SUPPRESS keeps
    # the action's parser from overwriting them with its defaults.
    story_action = argparse.ArgumentParser(add_help=False, parents=[common])
    files(story_action.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="settings file"))
    story_action.add_argument("--url", metavar="URL", default=argparse.SUPPRESS, help="the worker to ask")
    story_action.add_argument("story", metavar="STORY", help="the story's id, or its first 6 characters or more")
    story_action.add_argument("--by", default="", metavar="NAME", help="who acts (shown on the board)")
    ack = alerts_commands.add_parser("ack", parents=[story_action], help="acknowledge a story (it is still delivered)")
    ack.set_defaults(handler=_alerts)
    silence = alerts_commands.add_parser(
        "silence", parents=[story_action], help="deliver none of a story's alerts for a while (--for 0s lifts it)"
    )
    silence.add_argument("--for", dest="duration", default="1h", metavar="DURATION", help="30m, 2h, 1d (default 1h)")
    silence.set_defaults(handler=_alerts)
    board = commands.add_parser(
        "board", parents=[config, worker_page], help="the situation board: print its address and open a browser"
    )
    board.add_argument("--no-browser", action="store_true", help="only print the address")
    board.set_defaults(handler=_board)
    deadletter = commands.add_parser("deadletter", help="inspect dead letters; re-send undelivered alerts")
    deadletter_commands = deadletter.add_subparsers(dest="deadletter_command", metavar="ACTION", required=True)
    listing = deadletter_commands.add_parser("list", parents=[config], help="every dead letter, oldest first")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_deadletter)
    again = deadletter_commands.add_parser(
        "replay", parents=[config], help="re-send the delivery stage's dead letters (same webhook-id)"
    )
    again.add_argument("--destination", metavar="NAME", help="only letters for this destination")
    again.add_argument("--json", action="store_true")
    again.set_defaults(handler=_deadletter)
    completion = commands.add_parser(
        "completion", help="print a shell completion script: source <(newsalert completion bash)"
    )
    completion.add_argument("shell", choices=("bash", "zsh"))
    completion.set_defaults(handler=_completion)
    return parser


def _message(error: BaseException) -> str:
    if isinstance(error, NewsalertError):
        return str(error)
    return (
        f"unexpected {type(error).__name__}: {error} (a bug in newsalert: run again with --debug and "
        "report the traceback)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsalert`` console script."""
    from streams.logs import configure, log_format, log_level

    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    json_logs = False
    try:
        fmt = log_format(os.environ, args.log_format)
        configure(
            log_level(os.environ, getattr(args, "log_level", "warning")),
            fmt,
            quiet_clients=not getattr(args, "long_running", False),
        )
        json_logs = fmt == "json"
        return int(handler(args))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # `newsalert match … | head` is normal use, not an error.
        sys.stderr.close()
        return ExitCode.OK
    except Exception as error:  # every failure ends as one line and its exit code; the traceback on request
        code = exit_code(error)
        if args.debug:
            traceback.print_exc()
        if json_logs:  # a log collector reading JSON lines gets the reason a process ended as one of them too
            logging.getLogger("newsalert").error(_message(error), extra={"exit_code": int(code)})
        else:
            print(f"error: {_message(error)}", file=sys.stderr)
        return code
