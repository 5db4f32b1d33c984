"""A corpus index that cannot be written costs speed, never the boilerplate findings (issue 12, item 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SHARED = (
    "Our friendly team answers every question about your appointment within two working days. "
    "Parking is free for patients in the large car park behind the main building."
)


def lint(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--select", "DUP101", "--format", "json", "."],
        cwd=project, capture_output=True, text=True, timeout=300,
    )


def test_an_index_that_cannot_be_written_falls_back_to_a_temporary_one_with_one_notice(tmp_path: Path) -> None:
    (tmp_path / "knee.md").write_text(f"# Knee care\n\nRest the knee after a long walk.\n\n{SHARED}\n", encoding="utf-8")
    (tmp_path / "hip.md").write_text(f"# Hip care\n\nStretch the hip gently each morning.\n\n{SHARED}\n", encoding="utf-8")
    first = lint(tmp_path)
    expected = sorted((f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(first.stdout)["findings"])
    assert expected == [("hip.md", 5, 1, "DUP101"), ("knee.md", 5, 1, "DUP101")], first.stdout  # the copied passage, once in each
    indexes = list((tmp_path / ".claimlint_cache" / "corpus").glob("index-*.sqlite3"))
    assert indexes
    for index in indexes:  # a database path SQLite cannot open or write, as on a full or read-only disk
        index.unlink()
        index.mkdir()
    (tmp_path / "knee.md").write_text(f"# Knee care\n\nRest the knee after a long walk today.\n\n{SHARED}\n", encoding="utf-8")
    second = lint(tmp_path)
    found = sorted((f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(second.stdout)["findings"])
    # Before: "duplicate rules skipped: OperationalError: ..." and no DUP101 finding at all.
    assert found == expected
    notices = [line for line in second.stderr.splitlines() if "temporary index" in line]
    assert len(notices) == 1 and "cannot be written" in notices[0], second.stderr
