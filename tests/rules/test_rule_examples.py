"""Every shipped rule's own examples: each `fail` example is flagged by that rule, each `pass` is not.

The examples run through claimlint.testrules, the code behind `claimlint test-rules`.
"""

from __future__ import annotations

import pytest

from pathlib import Path

from claimlint import system, testrules
from claimlint.spec import CATEGORY_PREFIXES
from claimlint.checks import Check
from tests.conftest import LOOPBACK, default_checks

RULES = default_checks()
SPECS = [rule.spec for rule in RULES]


def test_every_rule_has_failing_and_passing_examples() -> None:
    missing = [spec.code for spec in SPECS if not spec.examples_fail or not spec.examples_pass]
    assert not missing, f"rules without both fail and pass examples: {missing}"


def test_every_fail_example_names_where_it_is_flagged() -> None:
    """A fail example asserts the place, not only that the rule fired: `{text, excerpt}`."""
    bare = [f"{spec.path}:{line}" for spec in SPECS for line, excerpt in zip(spec.examples_fail_lines, spec.examples_fail_excerpts) if excerpt is None]
    assert not bare, f"fail examples without an excerpt: {bare}"


def test_rule_ids_names_and_aliases_are_unique_with_the_system_rules() -> None:
    """The loader refuses a repeated id, name or alias within the packs; the SYS rules are not
    loaded from files, so only this sees a shipped rule reusing one of theirs."""
    words = [word for spec in (*SPECS, *system.SYSTEM_RULES) for word in (spec.code, spec.name, *spec.aliases)]
    repeated = sorted({word for word in words if words.count(word) > 1})
    assert not repeated, f"used by more than one rule: {repeated}"


def test_each_rule_file_is_named_after_its_rule() -> None:
    """rules/<pack>/<file>.yaml: the file's name is the rule's name or a run of its words (cure.yaml: cure-claim)."""
    misnamed = [
        f"{spec.path}: {spec.name}" for spec in SPECS if f"-{Path(spec.path).stem}-" not in f"-{spec.name}-"
    ]
    assert not misnamed, misnamed


def test_rule_id_prefixes_match_their_category() -> None:
    wrong = [f"{spec.code}: {spec.category.value}" for spec in SPECS if CATEGORY_PREFIXES.get(spec.code[:3], spec.category) is not spec.category]
    assert not wrong, wrong


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
