"""The README and docs/ name only rules that exist: every rule id they mention, every
"ID name" pair, every rule `name` they show, and every selector in a command or suppression."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from claimlint import selection, system
from claimlint.spec import CATEGORY_PREFIXES
from tests.conftest import ROOT, default_specs

SPECS = [*default_specs(), *system.SYSTEM_RULES]
BY_CODE = {spec.code: spec for spec in SPECS}
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PREFIXES = "|".join(CATEGORY_PREFIXES)
RULE_ID = regex.compile(rf"\b(?:{PREFIXES})[0-9]{{3}}\b")
ID_THEN_NAME = regex.compile(rf"\b((?:{PREFIXES})[0-9]{{3}})`?\)? +\(?`?([a-z][a-z0-9]*(?:-[a-z0-9]+)+)")
SHOWN_NAME = regex.compile(r"\bname \(`([a-z0-9-]+)`\)|\"name\": \"([a-z0-9-]+)\"")
SELECTORS = regex.compile(rf"(?:--select|--ignore|claimlint explain|disable-next-line|disable-line|disable|enable)[ =]+((?:{PREFIXES})[A-Za-z0-9,-]*|[a-z]+-[a-z0-9-]+)")


def _mentions(pattern: regex.Pattern[str]) -> list[tuple[str, int, tuple[str, ...]]]:
    found = []
    for path in DOCS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                found.append((f"{path.relative_to(ROOT)}:{number}", number, tuple(g for g in (match.groups() or (match.group(),)) if g)))
    return found


def test_every_rule_id_the_docs_mention_exists() -> None:
    unknown = [f"{where}: {groups[0]}" for where, _, groups in _mentions(RULE_ID) if groups[0] not in BY_CODE]
    assert not unknown, unknown


def test_every_id_and_name_pair_the_docs_show_matches_the_rule() -> None:
    wrong = [
        f"{where}: {code} is {BY_CODE[code].name}, not {name}"
        for where, _, (code, name) in _mentions(ID_THEN_NAME)
        if code in BY_CODE and name != BY_CODE[code].name and name not in BY_CODE[code].aliases
    ]
    assert not wrong, wrong


def test_every_rule_name_the_docs_show_exists() -> None:
    names = {spec.name for spec in SPECS} | {alias for spec in SPECS for alias in spec.aliases}
    unknown = [f"{where}: {groups[0]}" for where, _, groups in _mentions(SHOWN_NAME) if groups[0] not in names]
    assert not unknown, unknown


def test_every_selector_in_a_documented_command_or_suppression_picks_a_rule() -> None:
    mentions = _mentions(SELECTORS)
    assert mentions  # the README shows --select, --ignore and suppressions
    unknown = [
        f"{where}: {selector}"
        for where, _, (written,) in mentions
        for selector in written.split(",")
        if selector and selector not in ("RULE", "RULES") and not selection.resolve(selector, SPECS)
    ]
    assert not unknown, unknown


@pytest.mark.parametrize("text", ["CLM101 cure-language", "name (`cure-language`)"])
def test_the_checks_see_a_wrong_name(text: str, tmp_path: Path) -> None:
    """The patterns above find the README's old mistake (the rule is cure-claim)."""
    if text.startswith("CLM"):
        (code, name) = ID_THEN_NAME.search(text).groups()  # type: ignore[union-attr]
        assert BY_CODE[code].name != name
    else:
        assert SHOWN_NAME.search(text).group(1) not in {spec.name for spec in SPECS}  # type: ignore[union-attr]
