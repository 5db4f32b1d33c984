"""A report is handed on in bounded pieces, made as they are read: a site's report is never whole in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import overload

import pytest

from claimlint.finding import Category, Finding, RunResult, Severity
from claimlint.reporters import CHUNK_CHARACTERS, ReportSettings, report_chunks
from tests.reporters.conftest import finding

COUNT = 3_000


class CountedFindings(Sequence[Finding]):
    """Findings that count how many of them have been handed out, over every walk."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = findings
        self.handed_out = 0

    def __iter__(self) -> Iterator[Finding]:
        for item in self.findings:
            self.handed_out += 1
            yield item

    def __len__(self) -> int:
        return len(self.findings)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        return self.findings[index]


def _many() -> CountedFindings:
    return CountedFindings(
        [finding(f"site/article_{number // 30:03d}.md", number % 30 + 1, 5, 12, "CLM101", Category.CLAIM, Severity.ERROR, f"'cures' is cure language, number {number}.", "cures")
         for number in range(COUNT)]
    )


def test_the_text_report_comes_in_pieces_of_about_a_chunk_that_make_the_whole_report() -> None:
    findings = _many()
    pieces = list(report_chunks("text")(RunResult(findings, (), tuple(sorted({f.path for f in findings.findings})), ()), ReportSettings()))
    expected = "".join(f"{f.path}:{f.line}:5: error CLM101 {f.message}\n" for f in findings.findings)
    expected += f"\nFound {COUNT} findings ({COUNT} error, 0 warning, 0 info) in 100 of 100 files.\n"
    assert "".join(pieces) == expected
    longest_line = max(map(len, expected.splitlines(keepends=True)))
    assert len(pieces) == pytest.approx(len(expected) / CHUNK_CHARACTERS, abs=1)
    assert all(CHUNK_CHARACTERS <= len(piece) < CHUNK_CHARACTERS + longest_line for piece in pieces[:-1])


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_the_first_piece_comes_before_the_findings_are_all_formatted(fmt: str) -> None:
    findings = _many()
    pieces = report_chunks(fmt)(RunResult(findings, (), ("site",), ()), ReportSettings())
    next(pieces)
    before = findings.handed_out  # walks before the report (names to escape, counts) and the start of the one that formats
    rest = "".join(pieces)
    assert findings.handed_out - before > COUNT // 2 and rest.endswith("\n")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_json_report_in_pieces_is_one_document(fmt: str) -> None:
    findings = _many()
    document = json.loads("".join(report_chunks(fmt)(RunResult(findings, (), ("site",), ()), ReportSettings())))
    results = document["findings"] if fmt == "json" else document["runs"][0]["results"]
    assert len(results) == COUNT
