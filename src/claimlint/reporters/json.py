"""The canonical machine format: a versioned JSON document (see README, "JSON output")."""

from __future__ import annotations

import json

from claimlint import __version__
from claimlint.finding import RunResult
from claimlint.finding import finding_to_dict
from claimlint.reporters import ReportSettings, severity_counts

SCHEMA_VERSION = 1


def render(result: RunResult, settings: ReportSettings) -> str:
    document = {
        "tool": "claimlint",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": len(result.files),
        "summary": {severity.value: count for severity, count in severity_counts(result.findings).items()},
        "problems": [{"path": p.path, "kind": p.kind.value, "message": p.message} for p in result.problems],
        "notices": [{"rules": list(n.rules), "message": n.message} for n in result.notices],
        "findings": [finding_to_dict(f) for f in result.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
