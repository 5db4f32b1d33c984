"""The real `pre-commit try-repo` against this project: fails on a risky article, passes on a clean one.

pre-commit installs the hook into its own environment from this checkout (pip, from
PyPI), exactly as a content repository's pre-commit would.
"""

from __future__ import annotations

import os
import signal
import shutil
import subprocess
import sys
import time
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


def test_the_resident_hook_is_served_by_a_warm_process_and_finds_the_same(content_repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, env = content_repo
    folder = tmp_path / "resident"
    env = {**{key: value for key, value in env.items() if key != "CI"}, "CLAIMLINT_RESIDENT_DIR": str(folder)}
    name = "resident.md"
    (repo / name).write_text("# Knee pain\n\nThis supplement cures arthritis, guaranteed.\n", encoding="utf-8")
    _git(repo, "add", name)
    # A configured hook, as a content repository has it (try-repo makes a new hook environment,
    # so a new resident process, at every call): this checkout at its commit.
    revision = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {ROOT}\n  rev: {revision}\n  hooks:\n  - id: claimlint-resident\n", encoding="utf-8"
    )
    command = [str(PRE_COMMIT), "run", "claimlint-resident", "--files", name, "--verbose"]
    try:
        first = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
        assert first.returncode == 1 and f"{name}:3:" in first.stdout, first.stdout + first.stderr
        sockets = folder / f"claimlint-{os.getuid()}"
        deadline = time.monotonic() + 120
        while not list(sockets.glob("*.sock")):  # the first commit started it, in the hook's environment
            assert time.monotonic() < deadline, "the hook started no resident process"
            time.sleep(0.2)
        (lock,) = sockets.glob("*.lock")  # one hook environment, one resident process
        pid = lock.read_text(encoding="utf-8").strip()
        # An edit, as a second commit has: an unchanged file's report is replayed from the cache in a
        # few milliseconds, which the children's CPU (counted in 10 ms ticks) may not show.
        with (repo / name).open("a", encoding="utf-8") as article:
            article.write("\nWe walked to the park after lunch.\n")
        before = _children_cpu_ticks(pid)
        served = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
        assert _children_cpu_ticks(pid) > before  # the command ran in the resident process's child
        findings = [line for line in first.stdout.splitlines() if f"{name}:" in line]
        assert served.returncode == 1 and findings == [line for line in served.stdout.splitlines() if f"{name}:" in line]
    finally:
        for lock in folder.glob("*/*.lock"):
            pid = lock.read_text(encoding="utf-8").strip()
            if pid:
                os.kill(int(pid), signal.SIGTERM)


def _children_cpu_ticks(pid: str) -> int:
    """CPU time of a process's finished children (cutime + cstime, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    return int(fields[13]) + int(fields[14])
