"""A baseline's paths are relative to the baseline file: it matches however claimlint is started."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimlint.cli import main


@pytest.fixture
def site(in_tmp: Path) -> Path:
    (in_tmp / "site").mkdir()
    (in_tmp / "site" / "a.md").write_text("This tea cures arthritis.\n", encoding="utf-8")
    return in_tmp / "site"


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--select", "CLM101", *args])
    out, err = capsys.readouterr()
    return int(code), out, err


@pytest.mark.parametrize("started", ["parent", "absolute", "inside"])
def test_a_baseline_written_in_a_folder_matches_from_anywhere(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, started: str
) -> None:
    # Before: written in site/ and used from its parent (or with absolute paths), every finding
    # was new and the entry never stale: the paths were compared as typed.
    monkeypatch.chdir(site)
    check(capsys, "--write-baseline", "base.json", "a.md")
    assert [entry["path"] for entry in json.loads((site / "base.json").read_text())["entries"]] == ["a.md"]
    if started == "parent":
        monkeypatch.chdir(site.parent)
        args = ["--baseline", "site/base.json", "site/"]
    elif started == "absolute":
        monkeypatch.chdir(site.parent)
        args = ["--baseline", str(site / "base.json"), str(site / "a.md")]
    else:
        args = ["--baseline", "base.json", "."]
    assert check(capsys, *args)[0] == 0
    (site / "a.md").write_text("A walk in the park.\n", encoding="utf-8")  # fixed: the entry is now stale
    code, out, err = check(capsys, *args)
    assert code == 0 and "stale entry" in err and "CLM101 'cures'" in err


def test_a_version_1_baseline_relative_to_the_working_folder_still_matches(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = {"path": "site/a.md", "rule": "CLM101", "excerpt": "cures", "context": "This tea cures arthritis."}
    (site / "old.json").write_text(json.dumps({"claimlint_baseline": 1, "entries": [entry]}), encoding="utf-8")
    assert check(capsys, "--baseline", os.path.join("site", "old.json"), "site")[0] == 0
