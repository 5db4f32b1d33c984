"""The cache folder keeps out of version control by itself, like pytest's and ruff's."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from claimlint.cli import main
from tests.robustness.conftest import write


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize(("rules", "made"), [("CLM101", "results/*/*"), ("DUP", "corpus/*.sqlite3")])
def test_git_status_stays_clean_after_a_run(in_tmp: Path, capsys: pytest.CaptureFixture[str], rules: str, made: str) -> None:
    # Before: `?? .claimlint_cache/` after the first run.
    write(in_tmp / "docs" / "a.md", "This tea cures arthritis.\n")
    git(in_tmp, "init", "-q")
    git(in_tmp, "add", "docs")
    main(["check", "--select", rules, "docs"])
    capsys.readouterr()
    assert list((in_tmp / ".claimlint_cache").glob(made))  # the run did write its cache
    assert git(in_tmp, "status", "--porcelain", "--untracked-files=all") == "A  docs/a.md\n"
    assert (in_tmp / ".claimlint_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_cache_dir_that_is_a_folder_of_the_project_is_not_ignored_wholesale(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(in_tmp / "docs" / "a.md", "This tea cures arthritis.\n")
    write(in_tmp / "claimlint.yaml", "cache-dir: docs\n")
    main(["check", "--select", "CLM101", "docs"])
    capsys.readouterr()
    assert not (in_tmp / "docs" / ".gitignore").exists()
