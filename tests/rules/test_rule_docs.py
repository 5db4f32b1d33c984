"""docs/rules.md is generated from rule metadata; it must not go stale."""

from __future__ import annotations

from claimlint import ruledocs, system
from tests.conftest import ROOT, default_specs


def test_rules_reference_is_up_to_date() -> None:
    expected = ruledocs.markdown(default_specs() + list(system.SYSTEM_RULES))
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `claimlint rules --format markdown > docs/rules.md`"


def test_every_rule_explains_why_and_how() -> None:
    for spec in default_specs():
        assert len(spec.rationale) > 40, spec.code
        assert spec.fix or spec.suggest, f"{spec.code} says nothing about how to fix"
