"""Inline suppressions: <!-- claimlint: disable-next-line CLM101 -->, disable/enable regions.

The same HTML-comment form works in Markdown, HTML and plain text. A directive
that suppresses nothing (SYS003) or names an unknown rule (SYS004) is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from claimlint import selection, system
from claimlint.finding import Finding
from claimlint.positions import LINE_BREAK, LineIndex
from claimlint.spec import RuleSpec
from claimlint.patterns import lazy_regex

_DIRECTIVE = lazy_regex(
    r"<!--\s*claimlint:\s*(?P<action>disable-next-line|disable-line|disable|enable)\b(?P<rules>[^>]*?)\s*-->",
    regex.IGNORECASE,
)
_BLANK_LINE = lazy_regex(r"[ \t]*(?:" + LINE_BREAK.pattern + ")")


@dataclass(frozen=True, slots=True)
class Directive:
    action: str
    selectors: tuple[str, ...]  # empty: every rule
    line: int
    column: int
    text: str
    first_line: int  # lines covered, inclusive
    last_line: int
    offset: int = 0  # where the comment starts in the source text

    def covers(self, finding: Finding, codes: frozenset[str]) -> bool:
        """`codes`: what the selectors pick (selection.codes_of); no selectors: every rule."""
        if not self.first_line <= finding.line <= self.last_line:
            return False
        return not self.selectors or finding.rule in codes


def parse_directives(text: str, index: LineIndex) -> list[Directive]:
    directives: list[Directive] = []
    open_regions: list[tuple[int, tuple[str, ...], int, int, str]] = []
    last_line = index.line_count
    for match in _DIRECTIVE.finditer(text):
        action = match.group("action").lower()
        selectors = tuple(s for s in regex.split(r"[\s,]+", match.group("rules")) if s)
        line, column = index.position(match.start())
        end_line, _ = index.position(match.end())
        if action == "disable-line":
            directives.append(Directive(action, selectors, line, column, match.group(), line, end_line, match.start()))
        elif action == "disable-next-line":
            target = _next_content_line(text, index, match.end())
            directives.append(Directive(action, selectors, line, column, match.group(), target, target, match.start()))
        elif action == "disable":
            open_regions.append((line, selectors, column, match.start(), match.group()))
        else:  # enable closes the latest region with the same selectors (or all of them)
            for position in range(len(open_regions) - 1, -1, -1):
                start_line, region_selectors, region_column, region_offset, region_text = open_regions[position]
                if not selectors or region_selectors == selectors:
                    directives.append(Directive("disable", region_selectors, start_line, region_column, region_text, start_line, line, region_offset))
                    del open_regions[position]
                    if selectors:
                        break
    for start_line, selectors, column, offset, directive_text in open_regions:
        directives.append(Directive("disable", selectors, start_line, column, directive_text, start_line, last_line, offset))
    return directives


def _next_content_line(text: str, index: LineIndex, position: int) -> int:
    line, _ = index.position(position)
    line += 1
    while line <= index.line_count:
        start = index.line_start(line)
        if not _BLANK_LINE.match(text, start) and start < len(text):
            return line
        line += 1
    return line


def apply(
    findings: Iterable[Finding], text: str, index: LineIndex, path: str, known: Iterable[RuleSpec], active: Iterable[RuleSpec]
) -> list[Finding]:
    """Drop suppressed findings; add SYS003/SYS004 for directives that do no work.

    `known` is every loaded rule (for SYS004); a directive only about rules not
    `active` in this run (deselected) is not called unused.
    """
    kept = list(findings)
    directives = parse_directives(text, index) if "claimlint:" in text else []
    if not directives:
        return kept
    specs = list(known) + list(system.SYSTEM_RULES)
    active_specs = list(active)
    codes = [selection.codes_of(directive.selectors, specs) for directive in directives]
    used: set[int] = set()
    result = []
    for finding in kept:
        covering = [i for i, directive in enumerate(directives) if directive.covers(finding, codes[i])]
        if covering:
            used.update(covering)
        else:
            result.append(finding)
    for i, directive in enumerate(directives):
        unknown = [s for s in directive.selectors if not selection.resolve(s, specs)]
        if unknown:
            message = f"suppression names unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}"
            result.append(system.system_finding(system.UNKNOWN_RULE, path, message, directive.line, directive.column, directive.text, directive.offset))
        elif i not in used and (not directive.selectors or any(selection.resolve(s, active_specs) for s in directive.selectors)):
            what = ", ".join(directive.selectors) or "any rule"
            message = f"suppression of {what} suppresses nothing; remove it"
            result.append(system.system_finding(system.UNUSED_SUPPRESSION, path, message, directive.line, directive.column, directive.text, directive.offset))
    return result
