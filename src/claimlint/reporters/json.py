"""The canonical machine format: a versioned JSON document (see README, "JSON output")."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint import __version__
from claimlint.finding import RunResult
from claimlint.finding import finding_to_dict
from claimlint.reporters import ReportSettings, indented_chunks, severity_counts

SCHEMA_VERSION = 1


def chunks(result: RunResult, settings: ReportSettings) -> Iterator[str]:
    document = {
        "tool": "claimlint",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": len(result.files),
        "summary": {severity.value: count for severity, count in severity_counts(result.findings).items()},
        "problems": [{"path": p.path, "kind": p.kind.value, "message": p.message} for p in result.problems],
        "notices": [{"rules": list(n.rules), "message": n.message} for n in result.notices],
        "findings": map(finding_to_dict, result.findings),  # one dict at a time (indented_chunks)
    }
    yield from indented_chunks(document, whole_from=2)  # each finding in one piece (findings are at depth 2)
    yield "\n"
