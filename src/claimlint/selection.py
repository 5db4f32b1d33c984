"""Selectors: a rule id, a name, an id prefix or a category picks rules."""

from __future__ import annotations

from collections.abc import Iterable

from claimlint.finding import Finding
from claimlint.spec import RuleSpec


def matches(selector: str, code: str, name: str, category: str, aliases: Iterable[str] = ()) -> bool:
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    return (
        selector in (code, name, category)
        or selector in aliases
        or (selector.isupper() and selector.isalnum() and code.startswith(selector))
    )


def spec_matches(selector: str, spec: RuleSpec) -> bool:
    return matches(selector, spec.code, spec.name, spec.category.value, spec.aliases)


def finding_matches(selector: str, finding: Finding) -> bool:
    return matches(selector, finding.rule, finding.name, finding.category.value)


def is_known(selector: str, specs: Iterable[RuleSpec]) -> bool:
    return any(spec_matches(selector, spec) for spec in specs)


def select_rules(specs: Iterable[RuleSpec], select: Iterable[str], ignore: Iterable[str]) -> list[RuleSpec]:
    """Rules picked by `select` (default: every enabled rule) less those `ignore` picks.

    A rule that ships disabled runs only when selected by its own id or name.
    """
    select, ignore = list(select), list(ignore)
    chosen = []
    for spec in specs:
        if select:
            picked = any(spec_matches(s, spec) for s in select)
            if picked and not spec.enabled:
                picked = any(s in (spec.code, spec.name) for s in select)
        else:
            picked = spec.enabled
        if picked and not any(spec_matches(s, spec) for s in ignore):
            chosen.append(spec)
    return chosen
