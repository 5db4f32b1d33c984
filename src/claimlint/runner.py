"""A run over many files: per-file results cache, a process pool, progress.

The engine lints one document; this module decides which files need linting at all
(results are cached by file content, rule set and corpus), spreads the rest over
processes, and reports progress through a callback (the CLI draws the bar).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimlint import engine, packed
from claimlint.cache import Cache, code_fingerprint, digest
from claimlint.checks import RunContext
from claimlint.config import Config
from claimlint.finding import Finding, Notice, RelatedLocation, RunResult, finding_from_row, finding_to_row
from claimlint.source import InputProblem, ProblemKind, SourceText, read_bytes, read_source
from claimlint.workers import die_with_parent, stop_pool

Progress = Callable[[int, int], None]  # (files done, files in all)
# Below this many files to lint, a pool costs more than it saves.
POOL_THRESHOLD = 24
CHUNK = 16


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...]
    problem: InputProblem | None = None


def ruleset_fingerprint(ruleset: engine.RuleSet, context: RunContext, config: Config) -> str:
    """Everything besides the file's bytes that can change its findings."""
    import json

    rules = [
        {
            "code": s.code, "name": s.name, "type": s.type, "category": s.category.value, "severity": s.severity.value,
            "message": s.message, "suggest": s.suggest, "scope": sorted(k.value for k in s.scope), "options": s.options,
        }
        for s in ruleset.active
    ]
    known = sorted(s.code for s in ruleset.known)
    settings = {
        "per_file_ignores": config.per_file_ignores, "settings": context.settings, "timeout": context.pattern_timeout,
        "page_type": context.page_type, "overrides": repr(config.overrides),
    }
    bound = [check.bound_key() for check in ruleset.checks]  # e.g. which spelling dictionary prepare found
    return digest(code_fingerprint(), json.dumps([rules, known, settings, bound], sort_keys=True, default=str))


def corpus_fingerprint(paths: Iterable[str]) -> str:
    """Path, size and mtime of every corpus file: corpus-level findings depend on all of them.

    The same test the corpus index uses to decide what to re-read."""
    states = []
    for path in sorted(set(paths)):
        try:
            status = os.stat(path)
            states.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}")
        except OSError:
            states.append(f"{path}\0missing")
    return digest(*states)


def file_keys(paths: Iterable[str], ruleset: engine.RuleSet, context: RunContext, config: Config) -> dict[str, str]:
    """Each readable file's results-cache key: its bytes, the rule set and, for corpus rules, the corpus."""
    base_key = ruleset_fingerprint(ruleset, context, config)
    if any(check.uses_corpus for check in ruleset.checks):
        base_key = digest(base_key, corpus_fingerprint(context.corpus))
    keys = {}
    for path in paths:
        data = read_bytes(path, config.max_file_size)
        if not isinstance(data, InputProblem):
            keys[path] = digest(base_key, path, hashlib.sha256(data).hexdigest())
    return keys


def lint_one(path: str, ruleset: engine.RuleSet, context: RunContext, config: Config) -> FileResult:
    source = read_source(path, config.max_file_size)
    if isinstance(source, InputProblem):
        counted = source.kind is ProblemKind.UNREADABLE or config.fail_on_skipped  # skipped: a notice, unless fail-on-skipped
        findings = (engine.problem_finding(source),) if counted else ()
        return FileResult(path, findings, source)
    return FileResult(path, tuple(engine.lint_source(source, ruleset, context, config)))


# The pool's workers get the run's rule set once, through the initializer (inherited on fork).
_worker_state: dict[str, Any] = {}


def _init_worker(parent: int, ruleset: engine.RuleSet, context: RunContext, config: Config) -> None:
    die_with_parent(parent)
    _worker_state.update(ruleset=ruleset, context=context, config=config)


def _lint_chunk(chunk: list[str]) -> list[FileResult]:
    state = _worker_state
    return [lint_one(path, state["ruleset"], state["context"], state["config"]) for path in chunk]


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run(
    paths: Sequence[str],
    ruleset: engine.RuleSet,
    context: RunContext,
    config: Config,
    *,
    jobs: int = 0,
    cache: Cache | None = None,
    progress: Progress | None = None,
    keys: Mapping[str, str] | None = None,
    loose: int = packed.LOOSE,
) -> RunResult:
    """Lint every path; cached files cost a read and a hash, the rest run in a pool. `keys`:
    the files' results-cache keys when the caller has them (`file_keys`). Past the first `loose`
    findings, each further file's are kept packed (`packed.Findings`)."""
    total = len(paths)
    done = 0
    results = _Collected(loose)
    pending = list(paths)
    if cache is not None:
        keys = file_keys(paths, ruleset, context, config) if keys is None else keys
        pending = []
        for path in paths:
            if path not in keys:
                pending.append(path)  # unreadable: lint_one says why
                continue
            findings = _cached_findings(cache, keys[path], path)
            if findings is None:
                pending.append(path)
                continue
            results.add(FileResult(path, findings))
            done += 1
    keys = keys or {}
    if progress:
        progress(done, total)

    jobs = jobs or default_jobs()
    complete = True
    shared: dict[Any, Any] = {}  # equal parts of findings kept once (shared_parts)
    for result in _lint_all(pending, ruleset, context, config, jobs):
        # A rule stopped or crashed on this file: its findings are incomplete, so not kept.
        whole = result.problem is None and engine.complete(result.findings)
        complete = complete and whole
        if cache is not None and whole and result.path in keys:
            cache.put(RESULTS, keys[result.path], [finding_to_row(f) for f in result.findings])
        results.add(result, shared)
        done += 1
        if progress:
            progress(done, total)

    problems = tuple(problem for path in paths if (problem := results.problems.get(path)) is not None)
    return RunResult(results.findings(paths), problems, tuple(paths), ruleset.active, complete=complete)


_SORT_KEY = operator.attrgetter("path", "line", "column", "rule")  # = Finding.sort_key


class _Collected:
    """The files' findings as they arrive, loose while there is room, packed beyond."""

    def __init__(self, loose: int) -> None:
        self.loose_room = loose
        self.loose: dict[str, tuple[Finding, ...]] = {}
        self.packed: dict[str, packed.PackedFile] = {}
        self.spill = packed.Spill()
        self.problems: dict[str, InputProblem] = {}

    def add(self, result: FileResult, shared: dict[Any, Any] | None = None) -> None:
        """Keep the file's findings; loose ones with their equal parts shared through `shared`
        (shared_parts), when given: findings fresh from a worker, not read from the cache."""
        if result.problem is not None:
            self.problems[result.path] = result.problem
        findings = result.findings
        # A file's findings are all at its path; one that is not (never seen) stays loose, sorted with the rest.
        if len(findings) <= self.loose_room or any(finding.path != result.path for finding in findings):
            self.loose[result.path] = findings if shared is None else shared_parts(findings, shared)
            self.loose_room = max(0, self.loose_room - len(findings))
        else:
            self.packed[result.path] = packed.pack(result.path, sorted(findings, key=_SORT_KEY), self.spill)
            self.loose_room = 0  # the rest packed too: nothing more goes into shared_parts' dictionary

    def findings(self, paths: Sequence[str]) -> Sequence[Finding]:
        """Every finding in report order: by path, line, column and rule, ties as linted in
        `paths` order (a stable sort of all of them, which a file packed in that order keeps)."""
        loose_paths = {finding.path for findings in self.loose.values() for finding in findings}
        # A packed file whose path another file's finding names (never seen) is sorted with the loose ones.
        packed_alone = {path: part for path, part in self.packed.items() if path not in loose_paths}

        def unsorted(path: str) -> tuple[Finding, ...]:
            part = self.packed.get(path)
            return self.loose.get(path, ()) if part is None else part.findings()

        # Finding.sort_key's fields, read in C: a warm re-run sorts 100,000 findings.
        loose = sorted((f for path in paths if path not in packed_alone for f in unsorted(path)), key=_SORT_KEY)
        if not packed_alone:
            return tuple(loose)
        groups: list[tuple[str, packed.Part]] = [(path, tuple(together)) for path, together in itertools.groupby(loose, key=_PATH)]
        files: list[tuple[str, packed.Part]] = sorted(packed_alone.items())
        # Each packed file between the loose findings of the paths around it (no path is in both).
        return packed.Findings(part for _, part in heapq.merge(groups, files, key=operator.itemgetter(0)))


_PATH = operator.attrgetter("path")


def shared_parts(findings: tuple[Finding, ...], shared: dict[Any, Any]) -> tuple[Finding, ...]:
    """The findings with their equal texts, `data` and related locations as one object each.

    The parent keeps every finding of the run for the report, each unpickled from a worker with
    its own copies. Boilerplate findings repeat by nature: the same sentence (excerpt, context,
    message) in many articles, the same other places named. On a generated site of 200 articles
    16,659 findings have 7,072 distinct excerpts, 1,220 distinct `data` and 15,908 distinct
    related locations among 26,653."""
    keep = shared.setdefault
    kept = []
    for finding in findings:
        # Keyed with each value's type: 1 and 1.0 are equal, but the JSON report prints them apart.
        key = (finding.data, tuple([value.__class__ for _, value in finding.data]))
        try:
            data: tuple[tuple[str, object], ...] = keep(key, finding.data)
        except TypeError:  # a value that is a list: kept as it is
            data = finding.data
        related = tuple([keep(location, location) for location in finding.related])
        # Built anew whatever was shared: dataclasses.replace cost four times this call.
        kept.append(
            Finding(
                keep(finding.path, finding.path), finding.line, finding.column, finding.end_line, finding.end_column, finding.rule,
                finding.name, finding.category, finding.severity, keep(finding.message, finding.message),
                keep(finding.excerpt, finding.excerpt), finding.suggestion, keep(finding.context, finding.context), related, data,
                finding.offset, finding.end_offset,
            )
        )
    return tuple(kept)


RESULTS = "results"  # the cache namespace of each file's findings (rows of finding_to_row)


def _cached_findings(cache: Cache, key: str, path: str) -> tuple[Finding, ...] | None:
    """The file's cached findings; None when missing or not of the expected shape (linted again)."""
    rows = cache.get(RESULTS, key)
    if not isinstance(rows, list):
        return None
    try:
        return tuple(finding_from_row(path, row) for row in rows)
    except (KeyError, ValueError, TypeError):
        return None


def _lint_all(pending: Sequence[str], ruleset: engine.RuleSet, context: RunContext, config: Config, jobs: int) -> Iterator[FileResult]:
    if jobs <= 1 or len(pending) < POOL_THRESHOLD:
        engine.load_for(ruleset, len(pending))
        for path in pending:
            yield lint_one(path, ruleset, context, config)
        return
    import multiprocessing  # only a large run pays for the pool's imports
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    forking = "fork" in methods
    if forking:  # the workers inherit what is loaded now; spawned ones would be sent it
        engine.load_for(ruleset, -(-len(pending) // jobs))
    pool_context = multiprocessing.get_context("fork" if forking else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=pool_context, initializer=_init_worker, initargs=(os.getpid(), ruleset, context, config))
    finished = False
    try:
        chunks = pool.map(_lint_chunk, _chunks(pending, CHUNK))  # forks every worker (fork start method)
        engine.unload(ruleset)
        for chunk_results in chunks:
            yield from chunk_results
        finished = True
    finally:
        # Interrupted (Ctrl-C reaches the consumer, or the generator is closed): drop the queued
        # chunks instead of linting them all before the run can exit, as `with pool` would.
        if finished:
            pool.shutdown()
        else:
            stop_pool(pool)


# --- one `claimlint check`: a request in, a result out --------------------------------------


class RunError(Exception):
    """Why the run cannot go on (a missing path, an article it would overwrite, a required
    LanguageTool, an unusable baseline); str() is the one line the user sees, exit status 2."""


@dataclass(frozen=True)
class CheckRequest:
    """What the CLI asks of one run, parsed; everything else comes from `config`."""

    config: Config
    paths: tuple[str, ...] = (".",)  # files, folders, globs; "-" is `stdin`
    stdin: bytes | None = None
    stdin_filename: str | None = None
    use_cache: bool = True
    jobs: int = 0
    require_grammar: bool = False
    writes: tuple[str, ...] = ()  # files the run will write (report, baseline): never one of its articles
    baseline: str | None = None  # report only findings this baseline does not know
    keep_sources: bool = False  # the HTML report shows each article's text


@dataclass(frozen=True)
class Plan:
    """A run ready to lint: rules loaded and prepared, files found, each file's cache key.

    `key` names everything the run's result depends on (each file's results-cache key, which
    covers its bytes, the rule set and the corpus; the notices; the baseline's bytes), so a
    caller may keep what it made of the result under it. None when the run cannot be named:
    no cache, standard input, or a file that cannot be read."""

    request: CheckRequest
    cache: Cache | None
    ruleset: engine.RuleSet
    context: RunContext
    files: tuple[str, ...]
    stdin_source: SourceText | InputProblem | None
    notices: tuple[Notice, ...]
    messages: tuple[str, ...]
    keys: Mapping[str, str]
    key: str | None


def plan(request: CheckRequest) -> Plan:
    """Load and prepare the rules once, discover the files and key them. Raises RunError or
    ConfigError (exit 2)."""
    from claimlint.discovery import PathError, discover
    from claimlint.source import decode, format_for

    config = request.config
    cache_dir = engine.cache_folder(config, request.use_cache)
    cache = Cache(cache_dir) if cache_dir else None
    ruleset = engine.build_ruleset(config, engine.load_rules(config, cache))
    wrong = engine.failing_user_examples(ruleset.checks, config)  # a user's rule that gets its own examples wrong
    if wrong:
        raise RunError(f"{wrong[0]} (claimlint test-rules lists them all)")
    paths = list(request.paths)
    stdin_source = None
    if "-" in paths:
        paths.remove("-")
        name = request.stdin_filename or "<stdin>"
        stdin_source = decode(name, request.stdin or b"", format_for(name))
    try:
        discovery = discover(paths, config.include, config.exclude) if paths else None
    except PathError as error:
        raise RunError(str(error)) from None
    files = tuple(discovery.files) if discovery else ()
    for written in request.writes:
        if any(os.path.realpath(written) == os.path.realpath(file) for file in files):
            raise RunError(f"{written}: is an article of this run; refusing to write over it")

    context = engine.run_context(config, files, use_cache=request.use_cache)
    ruleset, notices = engine.prepare_ruleset(ruleset, context)  # once per run: LanguageTool, dictionaries
    partial = engine.partial_corpus_notice(ruleset, config, folders_given=any(os.path.isdir(path) for path in paths))
    notices += (partial,) if partial else ()
    for sat_out in notices:
        if sat_out.required or (request.require_grammar and "grammar" in sat_out.types):
            raise RunError(f"error: {sat_out.message} (required by --require-grammar or settings.grammar.require)")
    messages = discovery.notices if discovery else ()
    keys = file_keys(files, ruleset, context, config) if cache is not None else {}
    key = None
    if cache is not None and stdin_source is None and len(keys) == len(files):
        baseline = _baseline_bytes(request.baseline)
        if baseline is not None:
            key = digest("run", *(f"{path}\0{keys[path]}" for path in files), *(n.message for n in notices), *messages, baseline, str(request.keep_sources))
    return Plan(request, cache, ruleset, context, files, stdin_source, notices, tuple(messages), keys, key)


def _baseline_bytes(path: str | None) -> bytes | None:
    """What the run's baseline holds (b"" without one); None when it cannot be read (the run says why)."""
    if path is None:
        return b""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def execute(planned: Plan, progress: Progress | None = None) -> RunResult:
    """Lint (cached, pooled), add standard input, apply the baseline and keep the sources if asked."""
    request, config, ruleset, context, stdin_source = planned.request, planned.request.config, planned.ruleset, planned.context, planned.stdin_source
    result = run(list(planned.files), ruleset, context, config, jobs=request.jobs, cache=planned.cache, progress=progress, keys=planned.keys)
    result = replace(result, notices=planned.notices, messages=planned.messages)
    if isinstance(stdin_source, InputProblem):
        result = replace(result, problems=result.problems + (stdin_source,), findings=(*result.findings, engine.problem_finding(stdin_source)))
    elif stdin_source is not None:
        found = engine.lint_source(stdin_source, ruleset, context, config)
        result = replace(result, findings=tuple(sorted((*result.findings, *found), key=_SORT_KEY)), files=result.files + (stdin_source.path,))
    if request.baseline:
        result = _apply_baseline(request.baseline, result)
    if request.keep_sources:
        given = {stdin_source.path: stdin_source} if isinstance(stdin_source, SourceText) else {}
        result = replace(result, sources=_sources(result, given, config.max_file_size))
    return result


def check(request: CheckRequest, progress: Progress | None = None) -> RunResult:
    """Discover, prepare the checks once, lint (cached, pooled), add standard input, apply the
    baseline and keep the sources if asked. Raises RunError or ConfigError (exit 2)."""
    return execute(plan(request), progress)


def _apply_baseline(path: str, result: RunResult) -> RunResult:
    """The findings the baseline does not know; each stale entry a message."""
    from claimlint import baseline

    try:
        root = os.path.dirname(os.path.abspath(path))  # the baseline's paths are relative to its folder
        entries = baseline.loads(Path(path).read_text(encoding="utf-8"), path, root)
    except OSError as error:
        raise RunError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    except (baseline.BaselineError, UnicodeDecodeError) as error:
        raise RunError(str(error)) from None
    comparison = baseline.compare(result.findings, entries, result.files, root)
    stale = tuple(
        f"{path}: stale entry (fixed or reworded; rewrite the baseline): {entry.path} {entry.rule} {entry.excerpt!r}" for entry in comparison.stale
    )
    return replace(result, findings=comparison.new, baselined=comparison.known, stale_baseline=stale)


def _sources(result: RunResult, given: dict[str, Any], max_bytes: int) -> dict[str, str]:
    """Each article's text as written, for the HTML report (the engine keeps none)."""
    from claimlint.source import SourceText

    unreadable = {problem.path for problem in result.problems}
    sources = {}
    for path in result.files:
        source = given.get(path) or (None if path in unreadable else read_source(path, max_bytes))
        if isinstance(source, SourceText):
            sources[path] = source.text
    return sources
