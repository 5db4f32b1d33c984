"""Selectors: the one resolver of rule ids, names, aliases, id prefixes and categories.

Used alike by select/ignore, severities, per-file ignores, overrides and inline
suppressions. `ALL` picks every rule. An unknown selector in the config or on the command
line is an error (SelectorError, exit 2) with a close match; in a suppression it is SYS004.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from claimlint.config import ConfigError
from claimlint.finding import Category
from claimlint.spec import CATEGORY_PREFIXES, RuleSpec, close_match_hint


class SelectorError(ConfigError):
    """A selector that picks no rule; str() is the one line the user sees."""


def picks(selector: str, spec: RuleSpec) -> bool:
    """Whether `selector` picks `spec`."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    return (
        selector in (spec.code, spec.name, spec.category.value)
        or selector in spec.aliases
        or (selector.isupper() and selector.isalnum() and spec.code.startswith(selector))
    )


def resolve(selector: str, specs: Iterable[RuleSpec]) -> frozenset[str]:
    """The codes of the rules `selector` picks (empty: it names no rule)."""
    return frozenset(spec.code for spec in specs if picks(selector, spec))


def names_exactly(selector: str, spec: RuleSpec) -> bool:
    """The selector is the rule's own id, name or an alias (what turns on a rule shipped off)."""
    return selector in (spec.code, spec.name, *spec.aliases)


def check_known(selectors: Iterable[str], specs: Sequence[RuleSpec], where: str) -> None:
    """SelectorError for the first selector that picks none of `specs`, with a close match.

    A category or a category's id prefix (grammar, GRM) is always known, loaded rules of it or not.
    """
    always = {category.value for category in Category} | set(CATEGORY_PREFIXES)
    for selector in selectors:
        if selector.strip() not in always and not resolve(selector, specs):
            words = sorted({word for spec in specs for word in (spec.code, spec.name, spec.category.value, *spec.aliases)})
            raise SelectorError(f"{where}: unknown rule {selector!r}{close_match_hint(selector, words)}; 'claimlint rules' lists them")


def select_rules(specs: Iterable[RuleSpec], select: Iterable[str], ignore: Iterable[str]) -> list[RuleSpec]:
    """Rules picked by `select` (default: every enabled rule) less those `ignore` picks.

    A rule that ships disabled runs only when selected by its own id, name or alias.
    """
    select, ignore = list(select), list(ignore)
    chosen = []
    for spec in specs:
        if select:
            picked = any(picks(s, spec) for s in select)
            if picked and not spec.enabled:
                picked = any(names_exactly(s, spec) for s in select)
        else:
            picked = spec.enabled
        if picked and not any(picks(s, spec) for s in ignore):
            chosen.append(spec)
    return chosen


def codes_of(selectors: Iterable[str], specs: Iterable[RuleSpec]) -> frozenset[str]:
    """Every code any of `selectors` picks."""
    specs = list(specs)
    return frozenset(code for selector in selectors for code in resolve(selector, specs))


def check_config_selectors(
    select: Sequence[str],
    ignore: Sequence[str],
    severity: Mapping[str, object],
    per_file_ignores: Sequence[tuple[str, Sequence[str]]],
    specs: Sequence[RuleSpec],
    origins: Mapping[str, str],
) -> None:
    """Every selector of a config (or its command-line overrides) names a rule."""
    from claimlint.overrides import COMMAND_LINE

    def where(key: str) -> str:
        origin = origins.get(key, "")
        return f"--{key}" if origin == COMMAND_LINE else f"{origin}: {key}" if origin else key

    check_known(select, specs, where("select"))
    check_known(ignore, specs, where("ignore"))
    check_known(severity, specs, where("severity"))
    for glob, rules in per_file_ignores:
        check_known(rules, specs, f"{where('per-file-ignores')} {glob!r}")
