"""Ctrl-C and SIGTERM: a real claimlint process exits promptly with 130 (143), one line, no traceback, no workers or temporary index left."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from claimlint.workers import stop_pool
from tests.robustness.conftest import spawn, write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _wait_until_busy(process: subprocess.Popen[str], seconds: float = 1.5) -> None:
    # Long enough to be past start-up and inside the run; the run itself takes far longer.
    time.sleep(seconds)
    assert process.poll() is None, "the run ended before it could be interrupted"


def test_interrupt_while_reading_stdin(tmp_path: Path) -> None:
    process = spawn(tmp_path, "check", "--no-cache", "--ignore", "GRM", "-", stdin=subprocess.PIPE, start_new_session=True)
    _wait_until_busy(process)
    process.send_signal(signal.SIGINT)
    out, err = _finish(process)
    assert (process.returncode, out, err) == (130, "", "claimlint: interrupted\n")


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 articles of varied words: a run of many seconds, in the process pool, in quick chunks."""
    folder = tmp_path_factory.mktemp("corpus")
    chooser = random.Random(2)
    words = ["".join(chooser.choice("bcdfghklmnprstvz") + chooser.choice("aeiou") for _ in range(chooser.randint(1, 3))) for _ in range(3000)]
    for number in range(600):
        paragraphs = [
            " ".join(" ".join(chooser.choice(words) for _ in range(12)).capitalize() + "." for _ in range(8)) for _ in range(10)
        ]
        write(folder / "docs" / f"article-{number:03d}.md", f"# Article {number}\n\nThis treatment cures pain.\n\n" + "\n\n".join(paragraphs))
    return folder


def _finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Output of an interrupted run; a run that hangs is killed (with its workers) and fails the test."""
    try:
        # A bound, not a speed target: twice a 2-core CI machine running the suite took over 20 s.
        return process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the interrupted run did not exit")


@pytest.mark.parametrize(
    ("target", "sent", "code", "said"),
    [
        ("process group (Ctrl-C in a terminal)", signal.SIGINT, 130, "interrupted"),
        ("main process only", signal.SIGINT, 130, "interrupted"),
        ("main process only", signal.SIGTERM, 143, "terminated"),  # `kill`, a cancelled CI job
        ("process group", signal.SIGTERM, 143, "terminated"),  # the workers get it too
    ],
)
def test_interrupt_mid_run(slow_corpus: Path, target: str, sent: signal.Signals, code: int, said: str, tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"  # the run's own temporary folder: its corpus index goes there
    temporary.mkdir()
    process = spawn(
        slow_corpus, "check", "--no-cache", "--ignore", "GRM", "--jobs", "2", "docs", extra_env={"TMPDIR": str(temporary)}, start_new_session=True
    )
    _wait_until_busy(process, 2.5)
    if target.startswith("process group"):
        os.killpg(process.pid, sent)
    else:
        process.send_signal(sent)
    out, err = _finish(process)
    assert (process.returncode, err) == (code, f"claimlint: {said}\n")
    assert "Traceback" not in err and out == ""
    leftover = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True)
    assert leftover.stdout == "", "pool workers outlived the interrupted run"
    assert sorted(temporary.rglob("*")) == [], "the temporary corpus index was left behind"


def test_interrupt_leaves_no_half_written_report(slow_corpus: Path) -> None:
    report = write(slow_corpus / "report.json", '{"previous": "report"}\n')
    process = spawn(
        slow_corpus, "check", "--no-cache", "--ignore", "GRM", "--format", "json", "-o", "report.json", "docs", start_new_session=True
    )
    _wait_until_busy(process, 2.5)
    process.send_signal(signal.SIGINT)
    _finish(process)
    assert process.returncode == 130
    assert report.read_text() == '{"previous": "report"}\n'
    assert not [p.name for p in slow_corpus.iterdir() if p.name.startswith(".report.json")]  # no temporary file left


def test_interrupt_landing_after_the_index_committed_stays_an_interrupt(tmp_path: Path) -> None:
    # Python runs the SIGINT handler once SQLite's COMMIT has returned: there is then no
    # transaction to roll back, and the failing ROLLBACK used to replace the interrupt (CI saw
    # "duplicate rules skipped: OperationalError: cannot rollback", exit 1 instead of 130).
    from claimlint.checks.duplicate.store import _transaction

    connection = sqlite3.connect(tmp_path / "index.db", isolation_level=None)
    connection.execute("CREATE TABLE t (x)")
    with pytest.raises(KeyboardInterrupt), _transaction(connection):
        connection.execute("INSERT INTO t VALUES (1)")
        connection.execute("COMMIT")
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt), _transaction(connection):
        connection.execute("INSERT INTO t VALUES (2)")
        raise KeyboardInterrupt
    assert (connection.in_transaction, connection.execute("SELECT x FROM t").fetchall()) == (False, [(1,)])
    connection.close()


# A run whose signal lands inside a __del__: Python cannot raise there, so the signal's
# exception was printed as "Exception ignored in ..." and dropped, and the run went on.
_SIGNAL_INSIDE_DEL = """
import os, signal, sys, time
from claimlint import cli

class SignalledWhileCollected:
    def __del__(self):
        os.kill(os.getpid(), {signum})
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline:  # Python code: the handler runs here, inside __del__
            pass

def busy_run(args):
    SignalledWhileCollected()  # collected at once
    time.sleep(5)  # the re-delivered signal ends this; reaching the end means it was lost
    return 0

cli._main = busy_run
sys.exit(cli.main(["check", "."]))
"""


@pytest.mark.parametrize(("sent", "code", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_a_signal_landing_inside_a_finalizer_still_ends_the_run(sent: signal.Signals, code: int, said: str, tmp_path: Path) -> None:
    script = _SIGNAL_INSIDE_DEL.format(signum=int(sent))
    process = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (process.returncode, process.stderr) == (code, f"claimlint: {said}\n")


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_stopping_an_interrupted_pool_leaves_nothing_running_for_pythons_exit() -> None:
    # What CPython 3.11's exit hook for pools finds: had the manager thread still been closing
    # its wake-up pipe then, the hook wrote to it (an OSError traceback after "terminated").
    from concurrent.futures import process

    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
    busy = [pool.submit(_sleep, 30) for _ in range(6)]
    workers = list(pool._processes.values())
    manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)
    started = time.monotonic()
    stop_pool(pool)
    assert time.monotonic() - started < 10, "stopping waited for the workers' work"
    assert [worker.is_alive() for worker in workers] == [False, False]
    assert manager is not None and not manager.is_alive()
    assert all(wakeup._closed for wakeup in process._threads_wakeups.values())
    assert all(future.cancelled() or future.exception(timeout=0) is not None for future in busy), "a chunk's work was waited for"
