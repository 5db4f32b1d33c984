"""Every shipped rule's own examples: each `fail` example is flagged by that rule, each `pass` is not."""

from __future__ import annotations

import pytest

from claimlint.checks import RunContext, Unavailable, rule_type
from claimlint.spec import RuleSpec
from tests.conftest import default_specs, lint_text

SPECS = default_specs()


def _cases(kind: str) -> list[tuple[RuleSpec, str]]:
    return [(spec, example) for spec in SPECS for example in (spec.examples_fail if kind == "fail" else spec.examples_pass)]


def _unavailable(spec: RuleSpec) -> str | None:
    """Why the rule's check sits this environment out (its prepare says so), or None."""
    check = rule_type(spec.type).build(spec)
    prepare = getattr(check, "prepare", None)
    prepared = prepare(RunContext()) if prepare is not None else check
    return prepared.message if isinstance(prepared, Unavailable) else None


def _id(case: tuple[RuleSpec, str]) -> str:
    return f"{case[0].code}:{case[1][:40]}"


def test_every_rule_has_failing_and_passing_examples() -> None:
    missing = [spec.code for spec in SPECS if not spec.examples_fail or not spec.examples_pass]
    assert not missing, f"rules without both fail and pass examples: {missing}"


def test_rule_ids_and_names_are_unique() -> None:
    codes = [spec.code for spec in SPECS]
    names = [spec.name for spec in SPECS]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))


@pytest.mark.parametrize("case", _cases("fail"), ids=_id)
def test_fail_example_is_flagged(case: tuple[RuleSpec, str]) -> None:
    spec, example = case
    unavailable = _unavailable(spec)
    if unavailable:  # e.g. GRM101 without a LanguageTool: nothing here could flag it
        pytest.skip(f"{spec.code} cannot run here: {unavailable}")
    findings = lint_text(example, specs=[spec], select=[spec.code])
    assert any(f.rule == spec.code for f in findings), f"{spec.code} did not flag: {example!r}"


@pytest.mark.parametrize("case", _cases("pass"), ids=_id)
def test_pass_example_is_not_flagged(case: tuple[RuleSpec, str]) -> None:
    spec, example = case
    findings = [f for f in lint_text(example, specs=[spec], select=[spec.code]) if f.rule == spec.code]
    assert not findings, f"{spec.code} flagged a passing example: {[f.excerpt for f in findings]}"
