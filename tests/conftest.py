"""Shared test helpers: lint a snippet with chosen rules, the way the CLI does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from claimlint import engine
from claimlint.config import Config, parse_settings
from claimlint.finding import Finding
from claimlint.spec import RuleSpec
from claimlint.rulefile import default_rules_dir, load_rule_dirs
from claimlint.source import SourceText, decode

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def default_specs() -> list[RuleSpec]:
    return load_rule_dirs([default_rules_dir()])


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
    specs: Iterable[RuleSpec] | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Lint one in-memory article with the default pack (or `specs`), like `claimlint check`."""
    config = (config or Config()).with_overrides(select=tuple(select) or None)
    ruleset = engine.build_ruleset(config, list(specs) if specs is not None else default_specs())
    context = engine.run_context(config, (filename,), use_cache=False)
    ruleset, _ = engine.prepare_ruleset(ruleset, context)  # as the CLI does: a check without its service sits out
    return engine.lint_source(source_of(text, filename), ruleset, context, config)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so no config file of the project is found."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
