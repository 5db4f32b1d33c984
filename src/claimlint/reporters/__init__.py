"""Output formats. Each module exports `render(result, settings) -> str` and only formats."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimlint.engine import RunResult
from claimlint.finding import Finding, Severity

REPORTERS: dict[str, str] = {
    "text": "claimlint.reporters.text",
    "json": "claimlint.reporters.json",
}


@dataclass(frozen=True)
class ReportSettings:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    base_url: str | None = None  # for links to lines (markdown)


def renderer(name: str) -> Callable[[RunResult, ReportSettings], str]:
    render: Callable[[RunResult, ReportSettings], str] = importlib.import_module(REPORTERS[name]).render
    return render


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = Counter(f.severity for f in findings)
    return {severity: counts.get(severity, 0) for severity in Severity}
