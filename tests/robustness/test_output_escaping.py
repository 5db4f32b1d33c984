"""File names with quotes, newlines and '<' in every output format: escaped where the format needs it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from claimlint.reporters import REPORTERS
from tests.robustness.conftest import run_cli, write

# "/" cannot be in a file name: the script tag closes with U+2215 DIVISION SLASH instead.
NAMES = ['quo"te\'s.md', "new\nline.md", "<script>alert(1)<\u2215script>.md", "amp&lt;, colon: comma.md"]


@pytest.fixture
def project(in_tmp: Path) -> Path:
    for name in NAMES:
        write(in_tmp / "docs" / name, "It cures arthritis.\n")
    return in_tmp


def real_names(project: Path) -> set[str]:
    return {f"docs/{path.name}" for path in (project / "docs").iterdir()}


def check_text(output: str, names: set[str]) -> None:
    from claimlint.reporters import one_line

    for line in output.splitlines():
        assert not line or line.startswith(("  suggestion:", "Found ", "No findings")) or any(line.startswith(f"{one_line(n)}:1:4: ") for n in names), line


def check_json(output: str, names: set[str]) -> None:
    assert {f["path"] for f in json.loads(output)["findings"]} == names


def check_sarif(output: str, names: set[str]) -> None:
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(output)["runs"]
        for result in run["results"]
        for location in result["locations"]
    }
    assert all(not re.search(r"[\s<>\"]", uri) for uri in uris), uris  # a URI has these percent-encoded
    assert {unquote(uri) for uri in uris} == names


def check_github(output: str, names: set[str]) -> None:
    lines = [line for line in output.splitlines() if line]
    assert all(line.startswith("::") for line in lines), lines
    files = {re.search(r"file=([^,]*)", line).group(1) for line in lines}  # type: ignore[union-attr]
    decoded = {f.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%") for f in files}
    assert decoded == names


def check_junit(output: str, names: set[str]) -> None:
    root = ElementTree.fromstring(output.encode("utf-8"))  # well formed despite <, & and quotes
    files = {case.get("file") or case.get("name") for case in root.iter("testcase")}
    # An XML parser turns a raw newline in an attribute into a space; an escaped one survives.
    assert {name for name in files if name and "line.md" not in name} == {n for n in names if "line.md" not in n}
    assert any(name and "line.md" in name for name in files)


def check_markdown(output: str, names: set[str]) -> None:
    assert "<script>" not in output  # would be live HTML where Markdown is rendered
    assert not any(line.startswith("line.md") for line in output.splitlines())


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(output: str, names: set[str]) -> None:
    parser = _Tags()
    parser.feed(output)
    assert parser.scripts <= 1  # the report's own script only, never one from a file name
    assert "<script>alert(1)" not in output
    hostile = next(name for name in names if "<script>" in name)
    assert any(hostile in piece for piece in parser.text)  # shown as text


CHECKS: dict[str, Callable[[str, set[str]], None]] = {
    "text": check_text,
    "json": check_json,
    "sarif": check_sarif,
    "github": check_github,
    "junit": check_junit,
    "markdown": check_markdown,
    "html": check_html,
}


def test_every_reporter_has_an_escaping_check() -> None:
    assert set(REPORTERS) <= set(CHECKS), f"add an escaping check for {sorted(set(REPORTERS) - set(CHECKS))}"


@pytest.mark.parametrize("output_format", list(REPORTERS))
def test_file_names_are_escaped(project: Path, capsys: pytest.CaptureFixture[str], output_format: str) -> None:
    outcome = run_cli(capsys, "--select", "CLM101", "--format", output_format, "docs")
    assert outcome.code == 1 and outcome.err == ""
    CHECKS[output_format](outcome.out, real_names(project))


def test_text_output_without_control_characters_is_one_line_per_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "new\nline.md").unlink()
    outcome = run_cli(capsys, "--select", "CLM101", "docs")
    check_text(outcome.out, real_names(project))


def test_notices_about_odd_names_stay_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "docs" / "bin\nary.md", b"\x00")
    outcome = run_cli(capsys, "--select", "CLM101", "docs")
    assert outcome.err == "claimlint: docs/bin\\nary.md: binary file (contains NUL bytes), skipped\n"
