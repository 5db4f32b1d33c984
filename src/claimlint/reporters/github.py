"""GitHub Actions workflow commands: one `::error file=...::message` line a finding.

GitHub reads them from a step's output and annotates the pull request. Data must escape
`%`, CR and LF; property values also `:` and `,` (they separate the properties).
"""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.finding import RunResult
from claimlint.finding import Severity
from claimlint.reporters import ReportSettings

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def chunks(result: RunResult, settings: ReportSettings) -> Iterator[str]:
    for f in result.findings:
        properties = {
            "file": f.path,
            "line": str(f.line),
            "col": str(f.column),
            "endLine": str(f.end_line),
            "endColumn": str(f.end_column),
            "title": f"{f.rule} {f.name}",
        }
        message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
        joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        yield f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}\n"
