"""One line a finding: path:line:col: severity RULE message; then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from claimlint.finding import RunResult
from claimlint.finding import Severity
from claimlint.reporters import ReportSettings, one_line

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def chunks(result: RunResult, settings: ReportSettings) -> Iterator[str]:
    """Each line as it is made, then the statistics and the summary (counted on the way)."""
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
        line = f"{location} {severity} {f.rule} {one_line(f.message)}\n"
        if f.suggestion and not settings.quiet:
            hint = f"  suggestion: {f.suggestion}"
            line += f"{_DIM}{hint}{_RESET}\n" if settings.color else f"{hint}\n"
        yield line
        by_rule[f.rule, f.name] += 1
        counts[f.severity] += 1
        files.add(f.path)
    total = sum(counts.values())
    if settings.statistics:
        yield "\n"
        for (rule, name), count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
            yield f"{count:6d}  {rule}  {name}\n"
    if not settings.quiet:
        summary = (
            f"Found {total} finding{'s' * (total != 1)} "
            f"({counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, {counts[Severity.INFO]} info) "
            f"in {len(files)} of {len(result.files)} file{'s' * (len(result.files) != 1)}."
            if total
            else f"No findings in {len(result.files)} file{'s' * (len(result.files) != 1)}."
        )
        yield f"\n{summary}\n" if total or settings.statistics else f"{summary}\n"
