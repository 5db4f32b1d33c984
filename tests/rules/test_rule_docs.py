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


def test_every_renderer_shows_a_rules_own_option_values_and_one_help_text() -> None:
    """CLM101 sets `hedged: lower` (the type's default is clear): the docs say lower; explain,
    SARIF and the HTML report word its why and how-to-fix alike (ruledocs.help_sections)."""
    from claimlint.reporters import sarif

    spec = next(spec for spec in default_specs() if spec.code == "CLM101")
    assert spec.options["hedged"] == "lower"
    section = ruledocs.markdown([spec])
    assert "- `hedged`: effect of a strong hedge in the clause: clear, lower or ignore (here `'lower'`)" in section
    why = f"Why: {spec.rationale}"
    assert why in sarif.rule_descriptor(spec)["help"]["text"]
    assert f"**Why**: {spec.rationale}" in sarif.rule_descriptor(spec)["help"]["markdown"]
    assert "Why:\n  " + spec.rationale[:40] in ruledocs.explain(spec)
