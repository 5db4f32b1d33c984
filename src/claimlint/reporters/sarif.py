"""SARIF 2.1.0 for code scanning (GitHub upload-sarif and others): one run, every active rule.

Columns are code points (`columnKind: unicodeCodePoints`), end columns exclusive, as in
Finding. Fingerprints hash rule + normalized sentence + excerpt, so a finding keeps its
identity when lines above it are added or removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from claimlint import __version__, baseline
from claimlint.finding import RunResult
from claimlint.finding import Finding, Severity
from claimlint.reporters import ReportSettings, indented_chunks
from claimlint import ruledocs
from claimlint.spec import RuleSpec
from claimlint.system import SYSTEM_RULES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "claimlint/contextHash/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a relative path (what code scanning expects), file:// otherwise."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    # The name's own bytes: a name that is not UTF-8 (byte 0xff) is %FF, the file's true URI.
    return quote(os.fsencode(baseline.normalize_path(path)), safe="/")


def _described_rules(result: RunResult) -> list[RuleSpec]:
    """The active rules, plus the SYS rules that produced a finding (they are never selected)."""
    rules = list(result.rules)
    known = {spec.code for spec in rules}
    used = {f.rule for f in result.findings}
    rules.extend(spec for spec in SYSTEM_RULES if spec.code in used and spec.code not in known)
    return rules


def rule_descriptor(spec: RuleSpec) -> dict[str, Any]:
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary or spec.name},
        "fullDescription": {"text": spec.rationale or spec.summary or spec.name},
        "help": {"text": ruledocs.help_text(spec), "markdown": ruledocs.help_markdown(spec)},
        "defaultConfiguration": {"level": LEVELS[spec.severity], "enabled": spec.enabled},
        "properties": {"category": spec.category.value, "tags": [spec.category.value], **({"aliases": list(spec.aliases)} if spec.aliases else {})},
    }


def _location(path: str, region: dict[str, int], message: str | None = None, index: int | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}}
    if index is not None:
        location["id"] = index
    if message:
        location["message"] = {"text": message}
    return location


def _result(finding: Finding, rule_index: dict[str, int], occurrence: int) -> dict[str, Any]:
    region = {"startLine": finding.line, "startColumn": finding.column, "endLine": finding.end_line, "endColumn": finding.end_column}
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result["level"] = LEVELS[finding.severity]
    text = finding.message + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")
    result["message"] = {"text": text}
    result["locations"] = [_location(finding.path, region)]
    if finding.related:
        result["relatedLocations"] = [
            _location(related.path, {"startLine": related.line, "startColumn": related.column}, related.note or None, index)
            for index, related in enumerate(finding.related, 1)
        ]
    # Identical findings in one file get :1, :2... as GitHub's own line hashes do.
    result["partialFingerprints"] = {FINGERPRINT_KEY: f"{baseline.fingerprint(finding)}:{occurrence}"}
    properties: dict[str, Any] = {"category": finding.category.value, "name": finding.name}
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    if finding.data:
        properties["data"] = dict(finding.data)
    result["properties"] = properties
    return result


def _results(findings: Iterable[Finding], rule_index: dict[str, int]) -> Iterator[dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        key = (baseline.normalize_path(finding.path), baseline.fingerprint(finding))
        seen[key] += 1
        yield _result(finding, rule_index, seen[key])


def chunks(result: RunResult, settings: ReportSettings) -> Iterator[str]:
    rules = _described_rules(result)
    rule_index = {spec.code: index for index, spec in enumerate(rules)}
    results = _results(result.findings, rule_index)  # one at a time, as the report is written (indented_chunks)
    notifications: list[dict[str, Any]] = [
        {"level": "warning" if problem.kind.value == "skipped" else "error", "message": {"text": str(problem)}} for problem in result.problems
    ]
    # Rules that sat the run out (no LanguageTool, no dictionary): a reader of the SARIF alone
    # must learn that those checks did not run.
    notifications += [
        {"level": "error" if notice.required else "warning", "message": {"text": notice.message}, "properties": {"rules": list(notice.rules)}}
        for notice in result.notices
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "claimlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(spec) for spec in rules],
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"files": len(result.files), "baselined": settings.baselined, "staleBaselineEntries": settings.stale_baseline},
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    yield from indented_chunks(document, whole_from=4)  # each result in one piece (runs[0].results[i] is at depth 4)
    yield "\n"
