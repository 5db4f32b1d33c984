"""Packed findings: compressed file by file, kept in an unnamed temporary file, read back whole."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from claimlint import packed
from claimlint.finding import Category, Finding, RelatedLocation, Severity


def _findings(path: str, count: int) -> list[Finding]:
    return [
        Finding(
            path, line, 1, line, 9, "DUP101", "copy", Category.BOILERPLATE, Severity.INFO, f"Repeated in {line} places", "Walk daily.",
            context="Walk daily. It helps.", related=(RelatedLocation("other.md", line, 3, "copy"),), data=(("places", line),), offset=line * 10, end_offset=line * 10 + 8,
        )
        for line in range(1, count + 1)
    ]


def test_packed_files_are_kept_in_a_temporary_file_that_has_no_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    spill = packed.Spill()
    first, second = _findings("a.md", 3), _findings("b.md", 5)
    parts = [packed.pack("a.md", first, spill), packed.pack("b.md", second, spill)]
    assert all(isinstance(part.blob, packed.Spilled) for part in parts)
    assert list(tmp_path.iterdir()) == []  # nothing to remove, however the run ends
    assert parts[1].findings() == tuple(second) and parts[0].findings() == tuple(first)  # read back in any order
    assert list(packed.Findings(parts)) == first + second


def test_packed_files_stay_in_memory_when_no_temporary_file_can_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    spill = packed.Spill()
    findings = _findings("a.md", 4)
    part = packed.pack("a.md", findings, spill)
    assert isinstance(part.blob, bytes) and part.findings() == tuple(findings)
    assert isinstance(packed.pack("b.md", findings[:1], spill).blob, bytes)  # not tried again
