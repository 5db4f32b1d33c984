"""The canonical machine format: a versioned JSON document (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from claimlint import __version__
from claimlint.engine import RunResult
from claimlint.finding import Finding
from claimlint.reporters import ReportSettings, severity_counts

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "rule": f.rule,
        "name": f.name,
        "category": f.category.value,
        "severity": f.severity.value,
        "message": f.message,
        "excerpt": f.excerpt,
        "suggestion": f.suggestion,
        "related": [{"path": r.path, "line": r.line, "column": r.column, "note": r.note} for r in f.related],
        **({"data": dict(f.data)} if f.data else {}),
    }


def render(result: RunResult, settings: ReportSettings) -> str:
    document = {
        "tool": "claimlint",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": len(result.files),
        "summary": {severity.value: count for severity, count in severity_counts(result.findings).items()},
        "problems": [{"path": p.path, "kind": p.kind.value, "message": p.message} for p in result.problems],
        "findings": [finding_dict(f) for f in result.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
