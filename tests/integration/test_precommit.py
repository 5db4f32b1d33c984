"""The real `pre-commit try-repo` against this project: fails on a risky article, passes on a clean one.

pre-commit installs the hook into its own environment from this checkout (pip, from
PyPI), exactly as a content repository's pre-commit would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("content")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "editor@example.org")
    _git(repo, "config", "user.name", "Editor")
    # One hook environment for both runs: pre-commit keys it by repository and revision.
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")), "NO_COLOR": "1"}
    return repo, env


def _try_repo(repo: Path, env: dict[str, str], name: str, text: str) -> subprocess.CompletedProcess[str]:
    (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", name)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "claimlint", "--files", name, "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_fails_on_a_risky_article_and_passes_on_a_clean_one(content_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = content_repo
    risky = _try_repo(repo, env, "risky.md", "# Knee pain\n\nThis supplement cures arthritis, guaranteed.\n")
    assert risky.returncode == 1, risky.stdout + risky.stderr
    assert "risky.md:3:" in risky.stdout and "Failed" in risky.stdout

    clean = _try_repo(repo, env, "clean.md", "# A walk\n\nWe walked to the park on Sunday and fed the ducks.\n")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


def test_hook_fails_on_a_seed_with_the_default_settings(content_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = content_repo
    seed = (ROOT / "seeds" / "000_55d904b4bd3efbaf.txt").read_text(encoding="utf-8")
    result = _try_repo(repo, env, "seed.txt", seed)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "seed.txt:1:38: error CLM105" in result.stdout and "Failed" in result.stdout


def _passage(pair: int) -> str:
    """A sentence of made-up words of its own for each pair of files."""
    import random

    chooser = random.Random(pair)
    words = ["".join(chooser.choice("bdfgklmnprstvz") + chooser.choice("aeiou") for _ in range(3)) for _ in range(16)]
    return " ".join(words).capitalize() + "."


def test_hook_compares_every_file_of_the_commit_with_the_others(content_repo: tuple[Path, dict[str, str]]) -> None:
    # Before (no require_serial): pre-commit split the 24 files into parallel batches, each
    # compared only with itself, so the copies whose two files fell into different batches
    # went unfound. Files 0-11 and 12-23 share one passage a pair.
    repo, env = content_repo
    names = [f"copy-{number:02d}.md" for number in range(24)]
    for number, name in enumerate(names):
        (repo / name).write_text(f"# Page {number}\n\nA note about topic number {number}.\n\n{_passage(number % 12)}\n", encoding="utf-8")
    _git(repo, "add", *names)
    result = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "claimlint", "--files", *names, "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )
    flagged = {line.split(":", 1)[0] for line in result.stdout.splitlines() if " DUP101 " in line}
    assert flagged == set(names), result.stdout + result.stderr
    # No corpus: is configured, and the hook says the comparison covered only these files.
    assert "DUP101, DUP102 compared only the files given: no `corpus:` is configured" in result.stdout
