"""Every shipped rule's own examples: each `fail` example is flagged by that rule, each `pass` is not.

The examples run through claimlint.testrules, the code behind `claimlint test-rules`.
"""

from __future__ import annotations

import pytest

from claimlint import testrules
from claimlint.checks import Check
from tests.conftest import LOOPBACK, default_checks

RULES = default_checks()
SPECS = [rule.spec for rule in RULES]


def test_every_rule_has_failing_and_passing_examples() -> None:
    missing = [spec.code for spec in SPECS if not spec.examples_fail or not spec.examples_pass]
    assert not missing, f"rules without both fail and pass examples: {missing}"


def test_rule_ids_and_names_are_unique() -> None:
    codes = [spec.code for spec in SPECS]
    names = [spec.name for spec in SPECS]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))


def _needs_languagetool(spec: RuleSpec) -> bool:
    return spec.type == "grammar"


@pytest.mark.parametrize(
    "rule", [pytest.param(rule, marks=[LOOPBACK] if _needs_languagetool(rule.spec) else []) for rule in RULES], ids=lambda rule: rule.spec.code
)
def test_rule_examples(rule: Check, request: pytest.FixtureRequest) -> None:
    spec = rule.spec
    if _needs_languagetool(spec):
        request.getfixturevalue("languagetool_url")  # the real LanguageTool (skipped with its reason when not installed)
    outcomes = testrules.run_examples(rule)
    assert len(outcomes) == len(spec.examples_fail) + len(spec.examples_pass)
    skipped = {outcome.skipped for outcome in outcomes if outcome.skipped}
    if skipped:  # a rule whose service cannot run here (GRM101 when the server would not answer)
        pytest.skip(f"{spec.code} cannot run here: {skipped.pop()}")
    failures = [testrules.failure_line(outcome) for outcome in outcomes if not outcome.ok]
    assert not failures, "\n".join(failures)
