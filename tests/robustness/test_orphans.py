"""`kill -9` of a run: its pool workers exit with it instead of waiting for ever, adopted by init."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.robustness.conftest import spawn
from tests.robustness.test_interrupt import slow_corpus  # noqa: F401 - the fixture: 600 articles, a run of many seconds

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="reads /proc")


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("rules", ["CLM,RDB", "DUP"])  # the lint pool; the corpus index's pool
def test_workers_exit_when_the_run_is_killed(slow_corpus: Path, rules: str, tmp_path: Path) -> None:  # noqa: F811
    # Before: both workers stayed alive (parent 1) after the parent was killed.
    # A killed run cannot remove its temporary corpus index: it goes in the test's own folder, not /tmp.
    process = spawn(
        slow_corpus, "check", "--no-cache", "--select", rules, "--jobs", "2", "docs", extra_env={"TMPDIR": str(tmp_path)}, start_new_session=True
    )
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        workers = children(process.pid)
    assert len(workers) >= 2, "the run never started its pool"
    process.kill()
    process.wait()  # not communicate(): a live orphan holds the pipes open, and it would wait for it
    for stream in (process.stdout, process.stderr):
        stream.close()  # type: ignore[union-attr]
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # a failing run must not leave them behind either
        os.kill(pid, signal.SIGKILL)
    assert left == []
