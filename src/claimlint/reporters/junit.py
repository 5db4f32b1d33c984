"""JUnit XML for CI systems that show test reports: one test case a file, a failure a finding at or
above the run's fail level (--fail-on); findings below it are the test case's output, not failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

import regex

from claimlint.finding import RunResult
from claimlint.finding import Finding
from claimlint.reporters import ReportSettings

# Characters XML 1.0 cannot carry at all, even escaped; an article may still contain them.
_NOT_XML = regex.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.name}", f.message]
    if f.excerpt:
        lines.append(f"excerpt: {f.excerpt}")
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    lines.extend(f"see also: {r.path}:{r.line}:{r.column}" + (f" ({r.note})" if r.note else "") for r in f.related)
    return "\n".join(lines)


def render(result: RunResult, settings: ReportSettings) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    below: dict[str, list[Finding]] = defaultdict(list)  # under the fail level: shown, not failed
    fail_on = settings.fail_on
    for f in result.findings:
        (by_file if fail_on is not None and f.severity.rank >= fail_on.rank else below)[f.path].append(f)
    paths = list(dict.fromkeys([*result.files, *by_file, *below]))
    suite = ET.Element(
        "testsuite",
        name="claimlint",
        tests=str(len(paths)),
        failures=str(sum(1 for path in paths if by_file.get(path))),
        errors="0",
        skipped="0",
    )
    if settings.baselined or settings.stale_baseline:
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="baselined", value=str(settings.baselined))
        ET.SubElement(properties, "property", name="stale_baseline_entries", value=str(settings.stale_baseline))
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="claimlint", name=xml_text(path), file=xml_text(path))
        for f in by_file.get(path, []):
            failure = ET.SubElement(
                case,
                "failure",
                message=xml_text(f"{f.line}:{f.column}: {f.rule} {f.message}"),
                type=f"{f.rule} {f.severity.value}",
            )
            failure.text = xml_text(_failure_text(f))
        if below.get(path):
            ET.SubElement(case, "system-out").text = xml_text("\n\n".join(_failure_text(f) for f in below[path]))
    suites = ET.Element("testsuites", name="claimlint", tests=suite.get("tests", "0"), failures=suite.get("failures", "0"))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
