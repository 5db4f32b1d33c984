"""Message templates and examples of a user's rule are checked when the rule loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.templates import template_problem
from tests.robustness.conftest import pattern_rule, run_cli, write


@pytest.fixture
def project(in_tmp: Path) -> Path:
    write(in_tmp / "docs" / "a.md", "A miracle.\n")
    return in_tmp


def lint(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--no-default-rules", "--rules", "rules", "docs")


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("{match:>100000000}", "message: '{match::>100000000}': no conversions or format specs, only '{match}'"),
        ("{match.__class__}", "message: '{match.__class__}' is not a field: use a name such as {match}"),
        ("{nope}", "message: unknown field '{nope}'; this type gives {match}, {suggestion}"),
        ("{0}", "message: '{0}' is not a field: use a name such as {match}"),
        ("{match!r}", "message: '{match!r}': no conversions or format specs, only '{match}'"),
    ],
)
def test_a_template_that_could_explode_or_leak_is_refused_at_load(
    project: Path, capsys: pytest.CaptureFixture[str], message: str, problem: str
) -> None:
    # Before: all loaded; the first wrote a 100 MB line per finding.
    write(project / "rules" / "t.yaml", pattern_rule("TST101", "t", ["miracle"], message=message))
    outcome = lint(capsys)
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"claimlint: rules/t.yaml:6:1: {problem.replace('::', ':')}\n"


def test_documented_fields_and_braces_still_load(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "rules" / "t.yaml", pattern_rule("TST101", "t", ["miracle"], message="{{{match}}} flagged"))
    outcome = lint(capsys)
    assert outcome.code == 1 and "docs/a.md:1:3: error TST101 {miracle} flagged" in outcome.out


def test_template_problem_is_reusable_alone() -> None:
    assert template_problem("'{match}' is {kind}", frozenset({"match", "kind"})) is None
    assert template_problem("unclosed {match", None) is not None


@pytest.mark.parametrize(
    ("examples", "expected"),
    [
        ("fail: ['A wonder.']", "rules/t.yaml:11: TST101 t: fail example is not flagged: 'A wonder.'"),
        ("fail: ['A miracle.']\n  pass: ['Another miracle.']", "rules/t.yaml:12: TST101 t: pass example is flagged: 'miracle' at 1:9: 'Another miracle.'"),
    ],
)
def test_a_user_rule_whose_own_examples_fail_is_an_error_at_load(
    project: Path, capsys: pytest.CaptureFixture[str], examples: str, expected: str
) -> None:
    # Before: the rule loaded and ran; a fail example it does not flag means it is not doing
    # what its author thinks. An error (exit 2), not a warning: CI would not read a warning.
    rule = pattern_rule("TST101", "t", ["miracle"]).replace("examples:\n  fail: ['miracle']\n", f"examples:\n  {examples}\n")
    write(project / "rules" / "t.yaml", rule)
    outcome = lint(capsys)
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"claimlint: {expected} (claimlint test-rules lists them all)\n"
