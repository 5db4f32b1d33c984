"""Ctrl-C: a real claimlint process exits promptly with 130, one line, no traceback, no workers left."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.robustness.conftest import spawn, write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _wait_until_busy(process: subprocess.Popen[str], seconds: float = 1.5) -> None:
    # Long enough to be past start-up and inside the run; the run itself takes far longer.
    time.sleep(seconds)
    assert process.poll() is None, "the run ended before it could be interrupted"


def test_interrupt_while_reading_stdin(tmp_path: Path) -> None:
    process = spawn(tmp_path, "check", "--no-cache", "--ignore", "GRM", "-", stdin=subprocess.PIPE)
    _wait_until_busy(process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert (process.returncode, out, err) == (130, "", "claimlint: interrupted\n")


@pytest.fixture
def slow_corpus(tmp_path: Path) -> Path:
    """Enough text in enough files that linting takes many seconds and uses the process pool."""
    sentence = "Patients say the new treatment cures pain and it is proven safe. "
    for number in range(200):
        write(tmp_path / "docs" / f"article-{number:03d}.md", f"# Article {number}\n\n" + (sentence * 40 + "\n\n") * 40)
    return tmp_path


@pytest.mark.parametrize("target", ["process group (Ctrl-C in a terminal)", "main process only"])
def test_interrupt_mid_run(slow_corpus: Path, target: str) -> None:
    process = spawn(slow_corpus, "check", "--no-cache", "--ignore", "GRM", "--jobs", "2", "docs", start_new_session=True)
    _wait_until_busy(process, 2.5)
    if target.startswith("process group"):
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert (process.returncode, err) == (130, "claimlint: interrupted\n")
    assert "Traceback" not in err and out == ""
    leftover = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True)
    assert leftover.stdout == "", "pool workers outlived the interrupted run"


def test_interrupt_leaves_no_half_written_report(slow_corpus: Path) -> None:
    report = write(slow_corpus / "report.json", '{"previous": "report"}\n')
    process = spawn(slow_corpus, "check", "--no-cache", "--ignore", "GRM", "--format", "json", "-o", "report.json", "docs")
    _wait_until_busy(process, 2.5)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=15)
    assert process.returncode == 130
    assert report.read_text() == '{"previous": "report"}\n'
    assert sorted(p.name for p in slow_corpus.iterdir()) == ["docs", "report.json"]  # no temporary file left
