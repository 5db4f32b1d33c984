"""Nothing lost, nothing changed: articles are never written; reports and cache are written whole."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimlint.cache import Cache
from claimlint.fileio import write_atomic
from tests.robustness.conftest import run_cli, write

ARTICLES = {
    "plain.txt": "This tea cures arthritis. It is 100% safe.\n",
    "crlf-bom.md": "\ufeff---\r\ntitle: Miracle cure\r\n---\r\nIt cures all pain.\r\n",
    "page.html": "<p>Doctors agree it eliminates pain &amp; cures colds.</p>",
    "disabled.md": "<!-- claimlint: disable -->\nIt cures everything.\n",
    "bad.md": b"not \xff utf-8",
    "binary.md": b"\x00\x01\x02",
}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Bytes, mtime and mode of every file under `folder`."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(in_tmp: Path) -> Path:
    for name, data in ARTICLES.items():
        write(in_tmp / "docs" / name, data)
    old = in_tmp / "docs" / "plain.txt"
    os.utime(old, ns=(1_000_000_000, 1_000_000_000))  # an old mtime, so a rewrite would show
    return in_tmp


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "html"])
def test_articles_are_never_modified(project: Path, capsys: pytest.CaptureFixture[str], output_format: str) -> None:
    before = snapshot(project / "docs")
    outcome = run_cli(capsys, "--format", output_format, "-o", "report.out", "docs")
    # The cache is written too (here: --no-cache off) in a second run.
    from claimlint.cli import main

    main(["check", "--ignore", "GRM", "--write-baseline", "baseline.json", "docs"])
    capsys.readouterr()
    assert outcome.code == 3  # bad.md is unreadable; the rest was linted
    assert snapshot(project / "docs") == before
    assert (project / "report.out").stat().st_size > 0


def test_cache_writes_never_land_in_the_article_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimlint.cli import main

    before = snapshot(project / "docs")
    first = main(["check", "--ignore", "GRM", "--format", "json", "docs"])
    first_report = capsys.readouterr().out
    second = main(["check", "--ignore", "GRM", "--format", "json", "docs"])  # served from the cache
    assert (first, second) == (3, 3) and capsys.readouterr().out == first_report
    assert snapshot(project / "docs") == before
    assert (project / ".claimlint_cache").is_dir()


def test_corrupt_or_foreign_cache_is_ignored_and_rebuilt(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimlint.cli import main

    main(["check", "--ignore", "GRM", "--format", "json", "docs"])
    expected = capsys.readouterr().out
    entries = [path for path in (project / ".claimlint_cache").rglob("*") if path.is_file()]
    assert entries
    garbage = [b"", b"\x00\xff garbage", b'{"format": "claimlint-cache-1", "key": "wrong", "value": []}', b"[1, 2", b'"just a string"']
    for number, entry in enumerate(entries):
        entry.write_bytes(garbage[number % len(garbage)])
    assert main(["check", "--ignore", "GRM", "--format", "json", "docs"]) == 3
    assert capsys.readouterr().out == expected
    # Rebuilt: every entry is valid JSON of our format again, or was replaced by a new one.
    assert main(["check", "--ignore", "GRM", "--format", "json", "docs"]) == 3
    assert capsys.readouterr().out == expected


def test_cache_entry_of_another_key_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("results", "key-a", [1])
    path = cache.path("results", "key-b")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cache.path("results", "key-a").read_bytes())  # a colliding or copied file
    assert (cache.get("results", "key-a"), cache.get("results", "key-b")) == ([1], None)


def test_unwritable_cache_folder_costs_speed_not_the_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".claimlint_cache", "a file where the cache folder should be")
    outcome = run_cli(capsys, "docs")  # --no-cache: the baseline
    from claimlint.cli import main

    assert main(["check", "--ignore", "GRM", "docs"]) == outcome.code
    assert capsys.readouterr().out == outcome.out


def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = write(tmp_path / "report.json", "old report\n")

    class Interrupted(BaseException):
        pass

    class Exploding(str):
        def encode(self, *args: object, **kwargs: object) -> bytes:  # type: ignore[override]
            raise Interrupted

    with pytest.raises(Interrupted):
        write_atomic(target, Exploding("new report"))
    assert target.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_report_whose_pieces_stop_half_way_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = write(tmp_path / "report.txt", "old report\n")

    def pieces() -> Iterator[str]:
        yield "a.md:1:1: error CLM101 first half\n" * 5_000
        raise KeyboardInterrupt  # Ctrl-C while the report is being made

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, pieces())
    assert target.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_interrupt_during_the_write_itself_removes_the_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write(tmp_path / "report.json", "old report\n")

    def interrupted_replace(source: str, destination: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new report")
    assert target.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_writing_a_report_over_an_article_of_the_run_is_refused(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    before = snapshot(project / "docs")
    outcome = run_cli(capsys, "--format", "json", option, "docs/./plain.txt", "docs")
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == "claimlint: docs/./plain.txt: is an article of this run; refusing to write over it\n"
    assert snapshot(project / "docs") == before
