"""Shared test helpers: lint a snippet with chosen rules, the way the CLI does."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import pytest

from claimlint import engine
from claimlint.checks import Check, build
from claimlint.config import Config, parse_settings
from claimlint.finding import Finding
from claimlint.spec import RuleSpec
from claimlint.rulefile import default_rules_dir, load_rule_dirs
from claimlint.source import SourceText, decode

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def default_checks() -> list[Check]:
    return load_rule_dirs([default_rules_dir()])


def default_specs() -> list[RuleSpec]:
    return [check.spec for check in default_checks()]


def as_checks(rules: Iterable[RuleSpec | Check]) -> list[Check]:
    """Loaded checks as they are; a spec a test changed (replace(spec, ...)) built anew."""
    return [rule if isinstance(rule, Check) else build(rule) for rule in rules]


def typed_settings(raw: dict[str, object]) -> dict[str, object]:
    """A `settings:` section as load_config validates it."""
    return parse_settings(raw, "claimlint.yaml", {})


def source_of(text: str | bytes, filename: str = "article.txt") -> SourceText:
    data = text.encode("utf-8") if isinstance(text, str) else text
    source = decode(filename, data)
    assert isinstance(source, SourceText), source
    return source


def lint_text(
    text: str | bytes,
    filename: str = "article.txt",
    *,
    select: Sequence[str] = (),
    specs: Iterable[RuleSpec | Check] | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Lint one in-memory article with the default pack (or `specs`), like `claimlint check`."""
    config = (config or Config()).with_overrides(select=tuple(select) or None)
    ruleset = engine.build_ruleset(config, as_checks(specs) if specs is not None else default_checks())
    context = engine.run_context(config, (filename,), use_cache=False)
    ruleset, _ = engine.prepare_ruleset(ruleset, context)  # as the CLI does: a check without its service sits out
    return engine.lint_source(source_of(text, filename), ruleset, context, config)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so no config file of the project is found."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Tests that talk to the real LanguageTool carry this mark: sockets stay blocked except to loopback.
LOOPBACK = pytest.mark.allow_hosts(["127.0.0.1"])


def languagetool_script() -> ModuleType:
    """.ci/languagetool.py, the project's script that installs and starts the pinned LanguageTool."""
    spec = importlib.util.spec_from_file_location("claimlint_ci_languagetool", ROOT / ".ci" / "languagetool.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def languagetool_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the pinned LanguageTool, started once per session on loopback and stopped after.

    Not installed (no Maven Central, or pytest run without .ci/dev.py): the test is skipped
    with the install's one-line reason. Installed but not starting: the test errors.
    """
    script = languagetool_script()
    reason = script.unavailable_reason()
    if reason:
        pytest.skip(reason)
    server = script.start(log=tmp_path_factory.mktemp("languagetool") / "server.log")
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def languagetool_url(languagetool_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The real LanguageTool, found by claimlint the way a user points at one: CLAIMLINT_LANGUAGETOOL_URL."""
    monkeypatch.setenv("CLAIMLINT_LANGUAGETOOL_URL", languagetool_server)
    return languagetool_server
