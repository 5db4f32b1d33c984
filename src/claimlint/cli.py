"""Command line: arguments -> run -> reporter -> exit code. The only place that prints or exits."""

from __future__ import annotations

import argparse
import enum
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimlint import __version__

if TYPE_CHECKING:  # heavy modules load only for the command that needs them
    from claimlint.config import Config
    from claimlint.finding import RunResult, Severity
    from claimlint.replay import Outcome

COMMANDS = ("check", "rules", "explain", "test-rules", "server", "resident")
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown", "html")


class ExitCode(enum.IntEnum):
    OK = 0  # nothing at or above the fail level
    FINDINGS = 1  # findings at or above the fail level
    USAGE = 2  # bad arguments, config or rule file; a path that does not exist
    UNREADABLE = 3  # some input could not be read or decoded; the rest was linted
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (128 + 15), as a shell reports a process it ended


def build_parser() -> argparse.ArgumentParser:
    # allow_abbrev=False everywhere: `--stdin x.md` must not be taken for `--stdin-filename x.md`.
    parser = argparse.ArgumentParser(prog="claimlint", allow_abbrev=False, description="Lint health and medical articles for risky claims and more.")
    parser.add_argument("--version", action="version", version=f"claimlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", allow_abbrev=False, help="lint articles (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or globs; '-' reads standard input (default: .)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    check.add_argument("--base-url", metavar="URL", help="link locations to URL/PATH#LLINE (markdown), e.g. https://github.com/OWNER/REPO/blob/SHA/")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0 (no report)")
    check.add_argument("--select", metavar="RULES", action="append", help="only these rules: ids, names, prefixes or categories, comma-separated")
    check.add_argument("--ignore", metavar="RULES", action="append", help="leave out these rules (same forms as --select)")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), help="lowest severity that fails the run (default: error)")
    check.add_argument("--quiet", "-q", action="store_true", help="findings only: no summary, no suggestions")
    check.add_argument("--statistics", action="store_true", help="add a count of findings per rule")
    _add_rule_options(check)
    check.add_argument("--stdin-filename", metavar="NAME", help="the name (and so the format) of text read from '-'")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the on-disk cache")
    check.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="processes to lint with (default: one per core, for large runs)")
    check.add_argument(
        "--fail-on-skipped", action="store_true", help="a file skipped as binary, too large or not a regular file fails the run (exit 3)"
    )
    check.add_argument("--require-grammar", action="store_true", help="exit 2 if no LanguageTool is available, instead of a notice")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto)")
    check.add_argument(
        "--resident",
        action="store_true",
        help="run in a resident claimlint kept warm between commands (started on first use, stops after 15 idle minutes; not in CI): for pre-commit",
    )
    check.add_argument("--show-settings", metavar="PATH", help="print the settings that apply to PATH and where each came from, and exit")

    rules = commands.add_parser("rules", allow_abbrev=False, help="list every rule")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    rules.add_argument("--all", action="store_true", help="include the run's own SYS rules")
    _add_rule_options(rules)

    explain = commands.add_parser("explain", allow_abbrev=False, help="show a rule's rationale, examples and how to fix")
    explain.add_argument("rule", metavar="RULE", help="a rule id or name, e.g. CLM101 or cure-claim")
    _add_rule_options(explain)

    test_rules = commands.add_parser("test-rules", allow_abbrev=False, help="run every rule's own examples (fail must be flagged, pass not)")
    test_rules.add_argument("folders", nargs="*", metavar="DIR", help="rule folders to test (default: the rules 'check' loads)")
    _add_rule_options(test_rules)

    commands.add_parser("server", allow_abbrev=False, help="run the language server (LSP) on standard input and output, for editors")
    resident = commands.add_parser("resident", allow_abbrev=False, help="manage the resident process of `check --resident`")
    resident.add_argument("--stop", action="store_true", required=True, help="stop this claimlint's resident process, if one runs")
    return parser


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", metavar="DIR", action="append", help="add a folder of rule files (repeatable)")
    parser.add_argument("--no-default-rules", action="store_true", help="do not load the built-in rule pack")
    parser.add_argument("--config", metavar="FILE", help="config file (default: the nearest claimlint.yaml, .claimlint.yaml or pyproject.toml)")


def _split(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def main(argv: Sequence[str] | None = None) -> int:
    """`claimlint ARGS`, in this process (`launcher.main` hands `check --resident` elsewhere first)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] not in COMMANDS and not arguments[0].startswith("-") or not arguments:
        arguments.insert(0, "check")
    elif arguments and arguments[0].startswith("-") and arguments[0] not in ("-h", "--help", "--version"):
        arguments.insert(0, "check")
    previous = _interrupt_quietly()
    try:
        return _main(build_parser().parse_args(arguments))
    except _Terminated:
        print("claimlint: terminated", file=sys.stderr)
        return ExitCode.TERMINATED
    except KeyboardInterrupt:
        print("claimlint: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): nothing more to say, and no traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous[0])
            signal.signal(signal.SIGTERM, previous[1])
            sys.unraisablehook = previous[2]


def _one_line(message: object) -> str:
    from claimlint.reporters import one_line

    return one_line(message)


def _interrupt_quietly() -> Any:
    """Ctrl-C reaches the whole process group. Only this process acts on it: forked pool
    workers inherit this handler and ignore the signal, so none dies mid-task (each printed a
    traceback, and a pool whose workers died could deadlock its queues at exit); the pool is
    shut down from here, its unstarted work cancelled.

    SIGTERM (a CI job cancelled, `kill`) unwinds this process the same way, so what it made is
    cleaned up: without it Python ends at once and a `--no-cache` run left its temporary corpus
    index behind. Workers ignore it as they ignore Ctrl-C, for the same reasons; a worker whose
    parent is gone is killed by the kernel (workers.die_with_parent).

    Returns the handlers (and the unraisable hook) to restore, or None when signals cannot be
    set (not the main thread).
    """
    main_process = os.getpid()

    def on_interrupt(signum: int, frame: object) -> None:
        if os.getpid() == main_process:
            raise KeyboardInterrupt

    def on_terminate(signum: int, frame: object) -> None:
        if os.getpid() == main_process:
            raise _Terminated

    previous_hook = sys.unraisablehook

    def on_unraisable(unraisable: Any) -> None:
        # A signal that lands while Python runs a __del__ (regex's, the garbage collector's)
        # raises there, where Python cannot raise: it printed "Exception ignored in" and
        # the run went on to exit 1. Deliver the signal again once that code is left.
        error = unraisable.exc_value
        if isinstance(error, KeyboardInterrupt) and os.getpid() == main_process:
            import _thread
            import threading

            signum = signal.SIGTERM if isinstance(error, _Terminated) else signal.SIGINT
            threading.Timer(0.01, _thread.interrupt_main, (signum,)).start()
            return
        previous_hook(unraisable)

    try:
        handlers = signal.signal(signal.SIGINT, on_interrupt), signal.signal(signal.SIGTERM, on_terminate)
    except ValueError:
        return None
    sys.unraisablehook = on_unraisable
    return (*handlers, previous_hook)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process stands: cleanup runs as for Ctrl-C (a KeyboardInterrupt,
    so every handler that cleans up after Ctrl-C cleans up after it too)."""


def _main(args: argparse.Namespace) -> int:
    from claimlint.config import ConfigError, find_config, load_config
    from claimlint.spec import RuleFileError

    if args.command == "server":  # the server finds each workspace's config itself
        from claimlint.server import serve

        return serve()
    if args.command == "resident":
        from claimlint import resident

        running = resident.stop(os.environ)
        print(f"claimlint: {'stopped the resident process' if running else 'no resident process was running'}", file=sys.stderr)
        return ExitCode.OK
    try:
        config_path = Path(args.config) if args.config else find_config(Path.cwd())
        if args.config and not config_path.is_file():  # type: ignore[union-attr]
            raise ConfigError(f"{args.config}: config file not found")
        config = load_config(config_path)
        config = config.with_overrides(
            rules=config.rules + tuple(Path(folder) for folder in args.rules or ()),
            default_rules=False if args.no_default_rules else None,
        )
        if args.command == "rules":
            return _rules_command(args, config)
        if args.command == "explain":
            return _explain_command(args, config)
        if args.command == "test-rules":
            return _test_rules_command(args, config)
        return _check_command(args, config)
    except (ConfigError, RuleFileError) as error:
        print(f"claimlint: {_one_line(error)}", file=sys.stderr)
        return ExitCode.USAGE


def _check_command(args: argparse.Namespace, config: Config) -> int:
    from claimlint import engine, replay, runner
    from claimlint.finding import Severity

    fail_on = config.fail_on if args.fail_on is None else (None if args.fail_on == "never" else Severity(args.fail_on))
    config = config.with_overrides(select=_split(args.select), ignore=_split(args.ignore), fail_on_skipped=args.fail_on_skipped or None)
    if args.show_settings:
        from claimlint.overrides import explain

        sys.stdout.write(explain(config, args.show_settings, engine.build_ruleset(config, engine.load_rules(config))))
        return ExitCode.OK

    paths = tuple(args.paths) or (".",)
    request = runner.CheckRequest(
        config=config,
        paths=paths,
        stdin=sys.stdin.buffer.read() if "-" in paths else None,
        stdin_filename=args.stdin_filename,
        use_cache=not args.no_cache,
        jobs=args.jobs,
        require_grammar=args.require_grammar,
        writes=tuple(path for path in (args.output, args.write_baseline) if path and path != "-"),
        baseline=None if args.write_baseline else args.baseline,
        keep_sources=args.format == "html" and not args.write_baseline,
    )
    color = args.color == "always" or (args.color == "auto" and args.output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    shown = (args.format, args.output, color, args.quiet, args.statistics, args.base_url, fail_on, config.fail_on_skipped)
    try:
        planned = runner.plan(request)
        command = replay.command_key(os.getcwd(), paths, *shown)
        run_key = None if args.write_baseline else planned.key
        outcome = replay.load(planned.cache, command, run_key)
        if outcome is None:
            result = runner.execute(planned, progress=_progress_bar())
            if args.write_baseline:
                _print_errors(_run_errors(result))
                return _write_baseline(args.write_baseline, result, config.fail_on_skipped)
            outcome = _outcome(result, args, config, fail_on, color)
            if result.complete:
                outcome = replay.kept(planned.cache, command, run_key, outcome)
    except runner.RunError as error:
        print(f"claimlint: {_one_line(error)}", file=sys.stderr)
        return ExitCode.USAGE
    return _show(outcome, args.output)


def _run_errors(result: RunResult) -> list[str]:
    """What standard error says about the run before its report: folders, notices, skipped files."""
    from claimlint.source import ProblemKind

    lines = [f"claimlint: {_one_line(message)}" for message in result.messages]
    lines += [f"claimlint: {sat_out.message}" for sat_out in result.notices]
    lines += [f"claimlint: {_one_line(problem)}" for problem in result.problems if problem.kind is ProblemKind.SKIPPED]
    return lines


def _print_errors(lines: Sequence[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _outcome(result: RunResult, args: argparse.Namespace, config: Config, fail_on: Severity | None, color: bool) -> Outcome:
    """The report, standard-error lines and exit code of a run's result."""
    from claimlint.replay import Outcome
    from claimlint.reporters import ReportSettings, report_chunks
    from claimlint.source import ProblemKind

    errors = _run_errors(result) + [f"claimlint: {stale}" for stale in result.stale_baseline]
    settings = ReportSettings(
        color=color, quiet=args.quiet, statistics=args.statistics, base_url=args.base_url, sources=result.sources,
        baselined=result.baselined, stale_baseline=len(result.stale_baseline),
        fail_on=fail_on,
    )
    report = report_chunks(args.format)(result, settings)  # made as it is shown
    if any(p.kind is ProblemKind.UNREADABLE or config.fail_on_skipped for p in result.problems):
        code = ExitCode.UNREADABLE
    elif fail_on is not None and any(f.severity.rank >= fail_on.rank for f in result.findings):
        code = ExitCode.FINDINGS
    else:
        code = ExitCode.OK
    return Outcome(tuple(errors), report, int(code))


def _show(outcome: Outcome, output: str | None) -> int:
    """Print the outcome (the report to `output` when given) and return its exit code."""
    _print_errors(outcome.errors)
    if output and output != "-":
        from claimlint.fileio import OutputError, write_output

        try:
            write_output(output, outcome.report)
        except OutputError as error:
            print(f"claimlint: {_one_line(error)}", file=sys.stderr)
            return ExitCode.USAGE
    else:
        for piece in outcome.report:
            sys.stdout.write(piece)
        sys.stdout.flush()
    return outcome.code


def _write_baseline(path: str, result: RunResult, fail_on_skipped: bool) -> int:
    from claimlint import baseline
    from claimlint.fileio import OutputError, write_output
    from claimlint.source import ProblemKind

    if path == "-":
        sys.stdout.write(baseline.dumps(result.findings, os.getcwd()))  # relative to where it is read from: here
        sys.stdout.flush()
    else:
        try:
            write_output(path, baseline.dumps(result.findings, os.path.dirname(os.path.abspath(path))))
        except OutputError as error:
            print(f"claimlint: {_one_line(error)}", file=sys.stderr)
            return ExitCode.USAGE
    print(f"claimlint: wrote {len(result.findings)} baseline entries to {path}", file=sys.stderr)
    unread = any(p.kind is ProblemKind.UNREADABLE or fail_on_skipped for p in result.problems)
    return ExitCode.UNREADABLE if unread else ExitCode.OK


def _progress_bar() -> Callable[[int, int], None] | None:
    """A progress line on standard error, only when it is a terminal and not in CI."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from claimlint.progress import terminal_progress

    return terminal_progress(sys.stderr)


def _rules_command(args: argparse.Namespace, config: Config) -> int:
    import json

    from claimlint import engine, ruledocs, system

    specs = [check.spec for check in engine.load_rules(config)]
    if args.all or args.format == "markdown":
        specs = specs + list(system.SYSTEM_RULES)
    if args.format == "markdown":
        sys.stdout.write(ruledocs.markdown(specs))
    elif args.format == "json":
        rows = [
            {"code": s.code, "name": s.name, "category": s.category.value, "severity": s.severity.value, "summary": s.summary, "enabled": s.enabled}
            for s in specs
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        sys.stdout.write(ruledocs.table(specs))
    return ExitCode.OK


def _explain_command(args: argparse.Namespace, config: Config) -> int:
    from claimlint import engine, ruledocs, system

    specs = [check.spec for check in engine.load_rules(config)] + list(system.SYSTEM_RULES)
    for spec in specs:
        if args.rule in (spec.code, spec.name) or args.rule in spec.aliases:
            sys.stdout.write(ruledocs.explain(spec))
            return ExitCode.OK
    print(f"claimlint: unknown rule {args.rule!r}; 'claimlint rules' lists them", file=sys.stderr)
    return ExitCode.USAGE


def _test_rules_command(args: argparse.Namespace, config: Config) -> int:
    from claimlint import engine, testrules
    from claimlint.rulefile import load_rule_dirs

    rules = load_rule_dirs([Path(folder) for folder in args.folders]) if args.folders else engine.load_rules(config)
    outcomes = testrules.run_all(rules, config)
    for outcome in outcomes:
        if not outcome.ok:
            print(_one_line(testrules.failure_line(outcome)))
    print(testrules.summary(outcomes))
    return ExitCode.FINDINGS if any(not outcome.ok for outcome in outcomes) else ExitCode.OK
