"""What the language server lints with: a workspace's config, rules and corpus, and one buffer.

No LSP types here: this module is claimlint's side of the server (what `claimlint check` run
in the workspace folder would use), testable without a client.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from claimlint import engine
from claimlint.checks import RunContext
from claimlint.config import Config, ConfigError, find_config, load_config
from claimlint.document import Document, parse_document
from claimlint.finding import Finding, Notice
from claimlint.rulefile import default_rules_dir
from claimlint.source import ARTICLE_SUFFIXES, Format, SourceText, format_for

# An editor's language id, for a buffer whose name says no format (an untitled one).
_FORMAT_BY_LANGUAGE = {"markdown": Format.MARKDOWN, "html": Format.HTML, "plaintext": Format.PLAIN}
LANGUAGES = tuple(_FORMAT_BY_LANGUAGE)


@dataclass(frozen=True)
class Project:
    """One workspace folder's config, prepared rules and corpus, loaded together."""

    folder: Path  # where the config is looked for, upward, as `claimlint check` run there does
    config: Config
    ruleset: engine.RuleSet
    context: RunContext
    notices: tuple[Notice, ...]  # checks that sit out (no LanguageTool...), said once
    stamp: tuple[tuple[str, int, int], ...]  # the config and rule files as loaded


@dataclass(frozen=True)
class Linted:
    """One buffer's findings and the document they were found in (for its positions)."""

    document: Document
    findings: tuple[Finding, ...]


def settings_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, size and mtime of the config file found from `folder` and of every file in its
    rule folders: when this changes, the project is loaded again."""
    config_path = find_config(folder)
    files: list[Path] = [config_path] if config_path else []
    try:
        config = load_config(config_path)
    except ConfigError:  # a broken config: its own stat is the stamp; loading it says why
        config = Config()
    for directory in ([default_rules_dir()] if config.default_rules else []) + list(config.rules):
        if directory.is_dir():
            files.extend(sorted(p for p in directory.rglob("*") if p.is_file()))
    stamp = []
    for path in files:
        try:
            status = path.stat()
            stamp.append((str(path), status.st_size, status.st_mtime_ns))
        except OSError:
            stamp.append((str(path), -1, -1))
    return tuple(stamp)


def load_project(folder: Path) -> Project:
    """The config found from `folder` upward, its rules and its corpus.

    Raises ConfigError or RuleFileError (one line each) for a config or rule file that cannot be used.
    """
    stamp = settings_stamp(folder)
    config_path = find_config(folder)
    config = load_config(config_path)
    if config_path is None:  # no config: the workspace folder stands where the config's would be
        config = Config(root=folder.resolve())
    ruleset = engine.build_ruleset(config, engine.load_rules(config))
    context = engine.run_context(config, workspace_articles(folder, config))
    ruleset, notices = engine.prepare_ruleset(ruleset, context)
    return Project(folder, config, ruleset, context, notices, stamp)


def refresh_corpus(project: Project) -> Project:
    """The project after an article was saved: a new corpus index for the checks that use one;
    every other prepared check (a LanguageTool, a loaded dictionary) is kept as it is."""
    from dataclasses import replace

    context = engine.run_context(project.config, workspace_articles(project.folder, project.config))
    ruleset = project.ruleset
    corpus_checks = [check for check in ruleset.checks if check.uses_corpus]
    if not corpus_checks:
        return replace(project, context=context)
    refreshed, _ = engine.prepare_ruleset(engine.RuleSet(ruleset.known, tuple(c.spec for c in corpus_checks), tuple(corpus_checks), ruleset.loaded), context)
    by_code = {check.spec.code: check for check in (*ruleset.checks, *refreshed.checks)}
    kept = {spec.code for spec in refreshed.active} | {c.spec.code for c in ruleset.checks if c not in corpus_checks}
    active = tuple(spec for spec in ruleset.active if spec.code in kept)
    checks = tuple(by_code[spec.code] for spec in active if spec.code in by_code)
    return replace(project, context=context, ruleset=engine.RuleSet(ruleset.known, active, checks, ruleset.loaded))


def workspace_articles(folder: Path, config: Config) -> tuple[str, ...]:
    """What boilerplate is compared against: the config's `corpus` when it names one, else the
    articles under the workspace folder (what `claimlint check` run there would lint)."""
    if config.corpus:
        return ()
    from claimlint.discovery import discover

    return discover([str(folder)], config.include, config.exclude).files


def format_of(path: str, language_id: str | None) -> Format:
    if os.path.splitext(path)[1].lower() in ARTICLE_SUFFIXES:
        return format_for(path)
    return _FORMAT_BY_LANGUAGE.get(language_id or "", Format.PLAIN)


def lint_buffer(project: Project, path: str, text: str, language_id: str | None = None) -> Linted:
    """Lint an editor's buffer as if it were the file at `path`, without writing it anywhere.

    Boilerplate compares it with the corpus index, whose copy of `path` (the saved file) is
    left out as the article's own.
    """
    source = SourceText(path, text, format_of(path, language_id), "utf-8", False)
    document = parse_document(source)
    findings = engine.lint_parsed(document, project.ruleset, project.context, project.config)
    return Linted(document, tuple(findings))
