"""What CI reads: JUnit fails a file only at the fail level; SARIF carries the run's notices."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from claimlint.cli import main
from tests.conftest import LOOPBACK


@pytest.fixture
def project(in_tmp: Path) -> Path:
    (in_tmp / "claimlint.yaml").write_text("severity: {CLM101: info}\n", encoding="utf-8")
    (in_tmp / "info-only.md").write_text("This tea cures arthritis.\n", encoding="utf-8")
    (in_tmp / "clean.md").write_text("Fine.\n", encoding="utf-8")
    return in_tmp


def junit(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, list[str]]:
    """Test case name -> the tags inside it."""
    main(["check", "--no-cache", "--select", "CLM101", "--format", "junit", *args, "clean.md", "info-only.md"])
    root = ElementTree.fromstring(capsys.readouterr().out)
    return {case.get("name", ""): [child.tag for child in case] for case in root.iter("testcase")}


def test_junit_fails_only_findings_at_the_fail_level(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: info-only.md was a <failure> under the default --fail-on error, which the run itself passed.
    assert junit(capsys) == {"clean.md": [], "info-only.md": ["system-out"]}


@pytest.mark.parametrize(("fail_on", "tags"), [("info", ["failure"]), ("never", ["system-out"])])
def test_junit_follows_fail_on(project: Path, capsys: pytest.CaptureFixture[str], fail_on: str, tags: list[str]) -> None:
    assert junit(capsys, "--fail-on", fail_on) == {"clean.md": [], "info-only.md": tags}


@LOOPBACK
def test_sarif_carries_the_notice_of_rules_that_sat_the_run_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "grammar skipped" went to standard error only; the SARIF said nothing of it.
    (project / "claimlint.yaml").write_text('settings:\n  grammar: {url: "http://127.0.0.1:9"}\n', encoding="utf-8")
    main(["check", "--no-cache", "--select", "CLM101,GRM101", "--format", "sarif", "info-only.md"])
    captured = capsys.readouterr()
    notice = captured.err.removeprefix("claimlint: ").strip()
    assert notice.startswith("grammar skipped: the LanguageTool server at http://127.0.0.1:9 did not answer")
    [invocation] = json.loads(captured.out)["runs"][0]["invocations"]
    assert invocation["toolExecutionNotifications"] == [{"level": "warning", "message": {"text": notice}, "properties": {"rules": ["GRM101"]}}]
