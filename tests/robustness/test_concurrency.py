"""Two claimlint processes at once on the same project and cache (pre-commit runs batches in parallel)."""

from __future__ import annotations

import json
import multiprocessing
import random
from pathlib import Path

import pytest

from claimlint.cache import Cache
from tests.robustness.conftest import spawn, write

SENTENCES = [
    "This tea cures arthritis.",
    "It is 100% safe for everyone.",
    "Doctors agree it eliminates pain.",
    "Talk to your doctor before you start.",
    "Most patients ambulate on the first postoperative day.",
    "Take an analgesic prior to the appointment.",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    chooser = random.Random(5)
    for number in range(40):
        text = " ".join(chooser.choice(SENTENCES) for _ in range(12))
        write(tmp_path / "docs" / f"article-{number:02d}.md", f"# Article {number}\n\n{text}\n")
    return tmp_path


def _json_findings(report: str) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(report)["findings"]]


def test_two_runs_at_once_share_the_cache_and_both_are_right(project: Path) -> None:
    reference = spawn(project, "check", "--no-cache", "--ignore", "GRM", "--format", "json", "--jobs", "1", "docs")
    expected_out, _ = reference.communicate(timeout=120)
    expected = _json_findings(expected_out)
    assert expected

    for round_number in range(2):  # a cold cache, then a warm one both read at once
        runs = [
            spawn(project, "check", "--ignore", "GRM", "--format", "json", "-o", f"report-{round_number}-{n}.json", "docs")
            for n in range(2)
        ]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert (run.returncode, err) == (1, "")
        for n in range(2):
            assert _json_findings((project / f"report-{round_number}-{n}.json").read_text()) == expected
    leftovers = [p for p in (project / ".claimlint_cache").rglob("*.tmp")]
    assert leftovers == []


def test_batches_of_one_project_in_parallel_like_pre_commit(project: Path) -> None:
    files = sorted(str(p.relative_to(project)) for p in (project / "docs").glob("*.md"))
    batches = [files[0::2], files[1::2]]
    runs = [spawn(project, "check", "--ignore", "GRM", "--format", "json", *batch) for batch in batches]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    combined = sorted(finding for out in outputs for finding in _json_findings(out))
    whole = spawn(project, "check", "--no-cache", "--ignore", "GRM", "--format", "json", "docs")
    assert combined == sorted(_json_findings(whole.communicate(timeout=120)[0]))


def _hammer(directory: str, worker: int, rounds: int) -> list[str]:
    cache = Cache(Path(directory))
    wrong = []
    for number in range(rounds):
        key = f"key-{number % 7}"
        cache.put("results", key, {"key": key, "payload": [key] * 200, "writer": worker})
        value = cache.get("results", key)
        if value is not None and (value["key"] != key or value["payload"] != [key] * 200):
            wrong.append(key)
    return wrong


def test_cache_entries_are_whole_under_concurrent_writers(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_hammer, [(str(tmp_path), worker, 300) for worker in range(4)])
    assert results == [[], [], [], []]
    assert not list(tmp_path.rglob("*.tmp"))
