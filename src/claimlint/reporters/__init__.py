"""Output formats. Each module exports `render(result, settings) -> str` and only formats."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from claimlint.engine import RunResult
from claimlint.finding import Finding, Severity

REPORTERS: dict[str, str] = {
    "text": "claimlint.reporters.text",
    "json": "claimlint.reporters.json",
    "sarif": "claimlint.reporters.sarif",
    "github": "claimlint.reporters.github",
    "junit": "claimlint.reporters.junit",
    "markdown": "claimlint.reporters.markdown",
    "html": "claimlint.reporters.html",
}


@dataclass(frozen=True)
class ReportSettings:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    base_url: str | None = None  # for links to lines (markdown)
    # Each article's text as written, path -> text: the HTML report shows it (cli reads it, not the reporter).
    sources: Mapping[str, str] = field(default_factory=dict)
    baselined: int = 0  # findings hidden by --baseline
    stale_baseline: int = 0  # baseline entries of linted files that matched nothing


def renderer(name: str) -> Callable[[RunResult, ReportSettings], str]:
    render: Callable[[RunResult, ReportSettings], str] = importlib.import_module(REPORTERS[name]).render
    return render


def one_line(text: object) -> str:
    """Text kept to one line: control characters (a newline in a file name) shown escaped, as Python writes them."""
    text = str(text)
    if text.isprintable():  # nearly always: one C-level test instead of one per character
        return text
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in str(text))


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = Counter(f.severity for f in findings)
    return {severity: counts.get(severity, 0) for severity in Severity}
