"""One line a finding: path:line:col: severity RULE message; then a summary."""

from __future__ import annotations

from collections import Counter

from claimlint.finding import RunResult
from claimlint.finding import Severity
from claimlint.reporters import ReportSettings, one_line

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(result: RunResult, settings: ReportSettings) -> str:
    lines = []
    # Counted in the one walk that writes the lines: a large run's findings are decoded at each walk.
    by_rule: Counter[tuple[str, str]] = Counter()
    counts: Counter[Severity] = Counter()
    files = set()
    for f in result.findings:
        severity = f.severity.value
        location = f"{one_line(f.path)}:{f.line}:{f.column}:"
        if settings.color:
            location = f"{_BOLD}{location}{_RESET}"
            severity = f"{_COLORS[f.severity]}{severity}{_RESET}"
        line = f"{location} {severity} {f.rule} {one_line(f.message)}"
        if f.suggestion and not settings.quiet:
            hint = f"  suggestion: {f.suggestion}"
            line += f"\n{_DIM}{hint}{_RESET}" if settings.color else f"\n{hint}"
        lines.append(line)
        by_rule[f.rule, f.name] += 1
        counts[f.severity] += 1
        files.add(f.path)
    if settings.statistics:
        lines.append("")
        for (rule, name), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"{count:6d}  {rule}  {name}")
    if not settings.quiet:
        total = len(result.findings)
        summary = (
            f"Found {total} finding{'s' * (total != 1)} "
            f"({counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, {counts[Severity.INFO]} info) "
            f"in {len(files)} of {len(result.files)} file{'s' * (len(result.files) != 1)}."
            if total
            else f"No findings in {len(result.files)} file{'s' * (len(result.files) != 1)}."
        )
        if lines:
            lines.append("")
        lines.append(summary)
    return "\n".join(lines) + "\n" if lines else ""
