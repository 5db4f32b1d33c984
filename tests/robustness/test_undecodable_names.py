"""A file name that is not UTF-8 (byte 0xff): linted like any other, shown escaped, every output valid UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint.reporters import REPORTERS

SHARED = "Our clinic team reviews every referral within two working days and calls you to book a visit.\n"
SHOWN = "docs/bad\\xffname.md"  # the name as every format shows it: the byte escaped


@pytest.fixture
def project(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    with open(os.path.join(os.fsencode(docs), b"bad\xffname.md"), "wb") as article:
        article.write(("This tea cures arthritis.\n\n" + SHARED).encode("utf-8"))
    (docs / "other.md").write_text("A page about knees.\n\n" + SHARED, encoding="utf-8")
    return tmp_path


def lint(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--no-cache", "--select", "CLM101,DUP101", *args, "docs"],
        cwd=project, capture_output=True, timeout=300,
    )


@pytest.mark.parametrize("output_format", list(REPORTERS))
def test_every_format_shows_the_name_escaped_and_stays_utf8(project: Path, output_format: str) -> None:
    # Before: a UnicodeEncodeError traceback (sarif), raw 0xff bytes in json, github, markdown
    # and html (not UTF-8), and "duplicate rules skipped" for the whole run in every format.
    done = lint(project, "--format", output_format)
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # both must be UTF-8
    assert (done.returncode, err) == (1, "")
    # Escaped as SHOWN, then as the format escapes a backslash (JSON and Markdown double it);
    # SARIF percent-encodes the byte itself.
    assert "xffname.md" in out or "bad%FFname.md" in out


def test_sarif_names_the_escaped_file(project: Path) -> None:
    from urllib.parse import unquote

    sarif = json.loads(lint(project, "--format", "sarif").stdout.decode("utf-8"))
    uris = {location["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"] for location in result["locations"]}
    # The file's own URI: its byte percent-encoded, as any URI of a file named by bytes.
    assert uris == {"docs/bad%FFname.md", "docs/other.md"}
    assert unquote(next(uri for uri in uris if "bad" in uri), errors="surrogateescape") == os.fsdecode(b"docs/bad\xffname.md")


def test_the_name_is_linted_by_every_rule(project: Path) -> None:
    done = lint(project, "--format", "json")
    findings = json.loads(done.stdout.decode("utf-8"))["findings"]
    assert sorted((f["path"], f["rule"], f["line"]) for f in findings) == [
        (SHOWN, "CLM101", 1),
        (SHOWN, "DUP101", 3),
        ("docs/other.md", "DUP101", 3),
    ]


def test_the_name_keeps_its_cache_entry(project: Path) -> None:
    for _ in range(2):  # the second run reads the results and the corpus index from the cache
        done = subprocess.run(
            [sys.executable, "-m", "claimlint", "check", "--select", "CLM101,DUP101", "docs"], cwd=project, capture_output=True, timeout=300
        )
        assert (done.returncode, done.stderr) == (1, b"")
        assert done.stdout.decode("utf-8").startswith(f"{SHOWN}:1:10: error CLM101 ")
