"""Documents x checks -> sorted findings. Crashes and runaway patterns become SYS findings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from claimlint import selection, suppressions, system
from claimlint.cache import DEFAULT_FOLDER, Cache
from claimlint.checks import Check, CheckStopped, RunContext, Unavailable, rule_type
from claimlint.config import Config, parse_settings
from claimlint.document import Document, parse_document
from claimlint.finding import Finding, Notice, RunResult
from claimlint.overrides import path_matches, profile
from claimlint.patterns import PatternTimeout
from claimlint.spec import RuleSpec
from claimlint.rulefile import default_rules_dir, load_rule_dirs
from claimlint.source import InputProblem, ProblemKind, SourceText, read_source


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule (for suppressions and docs) and the checks that run."""

    known: tuple[RuleSpec, ...]
    active: tuple[RuleSpec, ...]
    checks: tuple[Check, ...]
    loaded: tuple[Check, ...] = ()  # every loaded rule's check, for rule sets built again (overrides)


def load_rules(config: Config, cache: Cache | None = None) -> list[Check]:
    """The config's rule folders, loaded; `cache` keeps what checking each file derived (rulefile)."""
    folders = ([default_rules_dir()] if config.default_rules else []) + list(config.rules)
    return load_rule_dirs(folders, cache)


def cache_folder(config: Config, use_cache: bool = True) -> Path | None:
    """The run's cache folder: the config's, else .claimlint_cache beside it; None without a cache."""
    if not use_cache:
        return None
    return Path(config.cache_dir or (config.root / DEFAULT_FOLDER))


def build_ruleset(config: Config, rules: Sequence[Check]) -> RuleSet:
    """The loaded checks that select/ignore pick, under the config's severity overrides."""
    specs = [check.spec for check in rules]
    selection.check_config_selectors(
        config.select, config.ignore, config.severity, config.per_file_ignores, [*specs, *system.SYSTEM_RULES], config.origins
    )
    by_code = {check.spec.code: check for check in rules}
    active = []
    checks = []
    for spec in selection.select_rules(specs, config.select, config.ignore):
        check = by_code[spec.code]
        for selector, severity in config.severity.items():
            if selection.picks(selector, spec):
                spec = replace(spec, severity=severity)
        active.append(spec)
        checks.append(check if spec is check.spec else check.with_spec(spec))
    return RuleSet(tuple(specs), tuple(active), tuple(checks), tuple(rules))


def prepare_ruleset(ruleset: RuleSet, context: RunContext) -> tuple[RuleSet, tuple[Notice, ...]]:
    """Once per run, before linting: each check with a `prepare` finds what it needs or sits the run out.

    A check that sits out leaves `active` too, so a suppression naming it is not "unused".
    Checks that cannot run for the same reason share one notice.
    """
    checks: list[Check] = []
    dropped: dict[str, list[RuleSpec]] = {}
    fallbacks: dict[str, list[RuleSpec]] = {}
    required: dict[str, bool] = {}
    for check in ruleset.checks:
        prepared = _prepare(check, context)
        if isinstance(prepared, Unavailable) and prepared.fallback is not None:  # runs, second best, said once
            fallbacks.setdefault(prepared.message, []).append(check.spec)
            checks.append(prepared.fallback)
        elif isinstance(prepared, Unavailable):
            dropped.setdefault(prepared.message, []).append(check.spec)
            required[prepared.message] = required.get(prepared.message, False) or prepared.required
        else:
            checks.append(prepared)
    gone = {spec.code for specs in dropped.values() for spec in specs}
    notices = tuple(
        Notice(tuple(s.code for s in specs), tuple(dict.fromkeys(s.type for s in specs)), message, required[message])
        for message, specs in dropped.items()
    ) + tuple(Notice(tuple(s.code for s in specs), tuple(dict.fromkeys(s.type for s in specs)), message, False) for message, specs in fallbacks.items())
    active = tuple(spec for spec in ruleset.active if spec.code not in gone)
    return RuleSet(ruleset.known, active, tuple(checks), ruleset.loaded), notices


def failing_user_examples(checks: Sequence[Check], config: Config) -> list[str]:
    """One line per example of a user's rule that its rule gets wrong: an error at load (exit 2).

    A rule that does not flag its own fail example (or flags a pass one) does not do what its
    author thinks, and would pass CI silently. Built-in rules are tested with claimlint; rules
    that compare a corpus cannot judge an example alone; a rule that cannot run here (no
    LanguageTool) is skipped, as in `claimlint test-rules`, which gives the details.
    """
    from claimlint import testrules

    lines: list[str] = []
    for check in checks:
        if check.spec.builtin or check.uses_corpus or not check.spec.enabled:
            continue
        lines.extend(testrules.failure_line(outcome) for outcome in testrules.run_examples(check, config) if not outcome.ok)
    return lines


def partial_corpus_notice(ruleset: RuleSet, config: Config, folders_given: bool) -> Notice | None:
    """Boilerplate rules with no `corpus:` compare the run's files only: said once when the run was
    given files, not folders (pre-commit passes only the changed files, so a passage copied from
    an unchanged article would go unnoticed, and nothing would say the comparison was partial)."""
    specs = [check.spec for check in ruleset.checks if check.uses_corpus]
    if not specs or config.corpus or folders_given:
        return None
    codes = tuple(spec.code for spec in specs)
    return Notice(
        codes,
        tuple(dict.fromkeys(spec.type for spec in specs)),
        f"{', '.join(codes)} compared only the files given: no `corpus:` is configured, so copies of other "
        "articles are not found (set `corpus:` in the config; see the README's pre-commit section)",
    )


def load_for(ruleset: RuleSet, documents: int) -> None:
    """This process will lint `documents` documents, or fork workers that will, each that many:
    the checks load what so many need now, so the workers share it (Check.load_for)."""
    for check in ruleset.checks:
        check.load_for(documents)


def unload(ruleset: RuleSet) -> None:
    """This process lints no more (its workers have forked): the checks drop what load_for loaded."""
    for check in ruleset.checks:
        check.unload()


def _prepare(check: Check, context: RunContext) -> Check | Unavailable:
    """A check's `prepare`: an unusable cache folder costs speed, a failing prepare the check."""
    try:
        return check.prepare(context)
    except (OSError, sqlite3.Error) as error:
        if context.cache_dir is not None:  # read-only, full or damaged: a temporary index, said once
            fallback = _prepare(check, replace(context, cache_dir=None))
            if isinstance(fallback, Unavailable):
                return fallback
            return Unavailable(
                f"{check.spec.type} rules use a temporary index this run: the cache in {context.cache_dir} "
                f"cannot be written ({type(error).__name__}: {error})",
                fallback=fallback,
            )
        return Unavailable(f"{check.spec.type} rules skipped: {type(error).__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - like a crashing rule: said once, the rest run
        return Unavailable(f"{check.spec.type} rules skipped: {type(error).__name__}: {error}")


def run_context(config: Config, corpus: Sequence[str], use_cache: bool = True) -> RunContext:
    return RunContext(
        pattern_timeout=config.pattern_timeout,
        corpus=corpus_paths(config, corpus),
        cache_dir=cache_folder(config, use_cache),
        settings=parse_settings(config.settings, config.source or "config", {}),  # validated at load: typed here
        page_type=config.page_type,
    )


def corpus_paths(config: Config, run_files: Sequence[str]) -> tuple[str, ...]:
    """The articles boilerplate checks compare against (discovery.corpus_files)."""
    from claimlint.discovery import corpus_files

    return corpus_files(config.corpus, config.root, config.include, config.exclude, run_files)


def lint_document(doc: Document, ruleset: RuleSet, context: RunContext) -> list[Finding]:
    """Run every check on one document; one check failing never stops the others."""
    findings: list[Finding] = []
    for check in ruleset.checks:
        spec = check.spec
        try:
            for hit in check.run(doc, context):
                findings.append(
                    doc.finding(
                        hit.start,
                        hit.end,
                        rule=spec.code,
                        name=spec.name,
                        category=spec.category,
                        severity=hit.severity or spec.severity,
                        message=hit.message,
                        suggestion=hit.suggestion,
                        related=hit.related,
                        data=hit.data,
                    )
                )
        except PatternTimeout:
            findings.append(system.system_finding(system.PATTERN_TIMEOUT, doc.path, stopped_message(spec, context.pattern_timeout)))
        except CheckStopped as error:  # its service stopped answering: not a bug of the rule
            message = f"rule {spec.code} ({spec.path}) could not check this file: {error}"
            findings.append(system.system_finding(system.RULE_CRASH, doc.path, message))
        except Exception as error:  # noqa: BLE001 - a crashing rule becomes a finding
            message = f"rule {spec.code} ({spec.path}) crashed: {type(error).__name__}: {error}"
            findings.append(system.system_finding(system.RULE_CRASH, doc.path, message))
    return findings


def stopped_message(spec: RuleSpec, timeout: float) -> str:
    """What SYS001 says: only a user's rule is told to simplify its pattern."""
    if spec.builtin:
        return (
            f"built-in rule {spec.code} stopped on this file: a pattern ran past its time limit "
            f"({timeout:g} s per 50,000 characters); its findings here are missing; please report this"
        )
    return f"rule {spec.code} ({spec.path}) stopped on this file: a pattern ran over {timeout:g} s; its findings here are missing; simplify it"


def complete(findings: Iterable[Finding]) -> bool:
    """False when a rule was stopped or crashed on the file: such results are never cached."""
    return not any(f.rule in (system.PATTERN_TIMEOUT.code, system.RULE_CRASH.code) for f in findings)


def finish(findings: Iterable[Finding], doc: Document, ruleset: RuleSet, config: Config) -> list[Finding]:
    """Suppressions, per-file ignores, de-duplication on exact spans, sorting."""
    kept = suppressions.apply(findings, doc.source.text, doc.line_index, doc.path, ruleset.known, ruleset.active)
    ignored = [rules for glob, rules in config.per_file_ignores if path_matches(doc.path, glob, config.root)]
    if ignored:
        codes = selection.codes_of([s for rules in ignored for s in rules], [*ruleset.known, *system.SYSTEM_RULES])
        kept = [f for f in kept if f.rule not in codes]
    unique = {(f.rule, f.line, f.column, f.end_line, f.end_column, f.message): f for f in kept}
    return sorted(unique.values(), key=lambda f: f.sort_key)


def lint_source(source: SourceText, ruleset: RuleSet, context: RunContext, config: Config) -> list[Finding]:
    doc = parse_document(source)
    return lint_parsed(doc, ruleset, context, config)


def lint_parsed(doc: Document, ruleset: RuleSet, context: RunContext, config: Config) -> list[Finding]:
    """One parsed document, with the rules, settings and page type its path's `overrides:` give."""
    ruleset, context, config, _ = profile(doc.path, ruleset, context, config)
    return finish(lint_document(doc, ruleset, context), doc, ruleset, config)


def problem_finding(problem: InputProblem) -> Finding:
    return system.system_finding(system.UNREADABLE_INPUT, problem.path, problem.message, problem.line)
