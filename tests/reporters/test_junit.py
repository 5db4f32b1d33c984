"""JUnit XML: parses, one test case per file (clean ones pass), one failure per finding at the fail level (here info)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from claimlint.finding import RunResult, Severity
from claimlint.reporters import ReportSettings, renderer


def test_one_case_per_file_and_a_failure_per_finding(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    clean = replace(result, files=result.files + ("site/clean.md",))
    root = ET.fromstring(renderer("junit")(clean, ReportSettings(fail_on=Severity.INFO)))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "3"
    cases = {case.get("name"): len(case.findall("failure")) for case in suite.iter("testcase")}
    assert cases == {"site/heart.md": 3, "site/knee.txt": 2, "site/sleep.html": 2, "site/clean.md": 0}
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("type") == "CLM902 warning"
    assert failure.text is not None and failure.text.startswith("site/heart.md:3:20: warning CLM902 test-miracle\n'miracle' is hype.")


def test_names_and_control_characters_survive_as_xml(synthetic: RunResult) -> None:
    odd = replace(synthetic.findings[3], message="bell \x07 and NUL \x00 here")
    text = renderer("junit")(replace(synthetic, findings=(odd,)), ReportSettings(fail_on=Severity.INFO))
    cases = ET.fromstring(text).findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == ["a.md", "b.md", 'odd "name",\n<b>:%.md']
    case = cases[2]
    assert case.get("name") == 'odd "name",\n<b>:%.md'
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "1:2: CLM901 bell \ufffd and NUL \ufffd here"
