"""Inline suppressions in Markdown, HTML and plain text; unused or unknown ones are reported."""

from __future__ import annotations

from claimlint.rulefile import load_rule_file
from tests.conftest import FIXTURES, lint_text

SPECS = load_rule_file(FIXTURES / "rules" / "golden.yaml")


def _rules_at(text: str, name: str = "a.md") -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in lint_text(text, name, specs=SPECS)]


def test_disable_next_line_by_id_name_and_for_all() -> None:
    text = (
        "<!-- claimlint: disable-next-line TST001 -->\nIt cures.\n\n"
        "<!-- claimlint: disable-next-line golden-claim-words -->\nIt cures.\n\n"
        "<!-- claimlint: disable-next-line -->\nWe utilize a miracle.\n\nIt cures.\n"
    )
    assert _rules_at(text) == [("TST001", 10)]


def test_disable_enable_region() -> None:
    text = "It cures.\n<!-- claimlint: disable TST -->\nIt cures.\nA miracle.\n<!-- claimlint: enable TST -->\nIt cures.\n"
    assert _rules_at(text) == [("TST001", 1), ("TST001", 6)]


def test_plain_text_and_html_use_the_same_comment() -> None:
    assert _rules_at("<!-- claimlint: disable-next-line TST001 -->\nIt cures.\n", "a.txt") == []
    assert _rules_at("<p><!-- claimlint: disable-line TST001 -->It cures.</p>", "a.html") == []


def test_unused_and_unknown_suppressions_are_findings() -> None:
    text = "<!-- claimlint: disable-next-line TST001 -->\nNothing here.\n\n<!-- claimlint: disable-next-line NOPE999 -->\nIt is fine.\n"
    findings = lint_text(text, "a.md", specs=SPECS)
    assert [(f.rule, f.line, f.column) for f in findings] == [("SYS003", 1, 1), ("SYS004", 4, 1)]
    assert findings[1].message == "suppression names unknown rule NOPE999"


def test_suppression_of_a_deselected_rule_is_not_called_unused() -> None:
    text = "<!-- claimlint: disable-next-line TST002 -->\nWe utilize it.\n"
    assert [f.rule for f in lint_text(text, "a.md", specs=SPECS, select=["TST001"])] == []
