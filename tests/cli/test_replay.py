"""A re-run with nothing changed gives back the last outcome of the same command (report,
standard error, exit code) without linting; anything the outcome depends on makes it lint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimlint import runner
from claimlint.cli import main
from tests.conftest import FIXTURES

GOLDEN_RULES = str(FIXTURES / "rules")


@pytest.fixture
def executed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs that linted (the others were replayed)."""
    calls: list[int] = []
    original = runner.execute

    def counting(planned: runner.Plan, progress: object = None) -> object:
        calls.append(1)
        return original(planned, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "execute", counting)
    return calls


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-default-rules", "--rules", GOLDEN_RULES, *argv])
    out, err = capsys.readouterr()
    return int(code), out, err


@pytest.fixture
def site(in_tmp: Path) -> Path:
    (in_tmp / "a.md").write_text("Fine.\nIt cures.\n", encoding="utf-8")
    (in_tmp / "b.md").write_text("We utilize it.\n", encoding="utf-8")
    return in_tmp


def test_nothing_changed_replays_the_whole_outcome(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    (site / "c.bin").write_bytes(b"\x00\x01binary")  # a notice on standard error, kept too
    first = run(capsys, "a.md", "b.md")
    assert first[0] == 1 and "a.md:2:4: error TST001" in first[1]
    os.utime(site / "a.md", (1, 1))  # touched, same bytes: still the same run
    assert run(capsys, "a.md", "b.md") == first
    assert len(executed) == 1


@pytest.mark.parametrize(
    "change",
    ["edit an article", "add an article to a folder", "another format", "quiet", "fail-on", "select", "another folder"],
)
def test_what_the_outcome_depends_on_makes_it_lint(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int], change: str) -> None:
    arguments = ["."]
    run(capsys, *arguments)
    if change == "edit an article":
        (site / "b.md").write_text("We utilize it often.\n", encoding="utf-8")
    elif change == "add an article to a folder":
        (site / "d.md").write_text("It cures.\n", encoding="utf-8")
    elif change == "another format":
        arguments = ["--format", "json", "."]
    elif change == "quiet":
        arguments = ["--quiet", "."]
    elif change == "fail-on":
        arguments = ["--fail-on", "never", "."]
    elif change == "select":
        arguments = ["--select", "TST002", "."]
    else:
        (site / "sub").mkdir()
        (site / "sub" / "a.md").write_text("Fine.\nIt cures.\n", encoding="utf-8")
        os.chdir(site / "sub")
    changed = run(capsys, *arguments)
    assert len(executed) == 2
    assert run(capsys, *arguments) == changed  # and that run is the one replayed next
    assert len(executed) == 2


def test_a_run_of_other_paths_keeps_the_whole_sites_outcome(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    whole = run(capsys, ".")
    one = run(capsys, "b.md")  # a pre-commit batch: another command
    assert one != whole and len(executed) == 2
    assert run(capsys, ".") == whole and run(capsys, "b.md") == one
    assert len(executed) == 2


def test_the_baseline_is_part_of_the_run(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    assert run(capsys, "--write-baseline", "baseline.json", ".")[0] == 0
    assert run(capsys, "--baseline", "baseline.json", ".")[:2] == (0, "No findings in 2 files.\n")
    run(capsys, "--write-baseline", "baseline.json", "a.md")  # b.md's finding is no longer known
    code, out, _ = run(capsys, "--baseline", "baseline.json", ".")
    assert (code, "b.md:1:4: warning TST002" in out, "TST001" in out) == (0, True, False)
    assert len(executed) == 4


def test_a_report_file_is_written_again(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    run(capsys, "--format", "json", "-o", "report.json", ".")
    written = Path("report.json").read_text(encoding="utf-8")
    Path("report.json").unlink()
    assert run(capsys, "--format", "json", "-o", "report.json", ".") == (1, "", "")
    assert Path("report.json").read_text(encoding="utf-8") == written
    assert len(executed) == 1


def test_without_the_cache_every_run_lints(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    first = run(capsys, "--no-cache", ".")
    assert run(capsys, "--no-cache", ".") == first
    assert len(executed) == 2 and not (site / ".claimlint_cache").exists()


def test_standard_input_is_never_replayed(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    for text in ("It cures.\n", "Fine.\n"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        code, out, _ = run(capsys, "-")
        assert code == (1 if "cures" in text else 0)
    assert len(executed) == 2


def test_a_copy_found_elsewhere_in_the_corpus_changes_the_run(in_tmp: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    shared = "Our friendly team answers every question you have about the visit before it starts."
    (in_tmp / "a.md").write_text(f"The first article is about knees and how they heal. {shared}\n", encoding="utf-8")
    (in_tmp / "b.md").write_text("The second article is about hips and how they heal over time.\n", encoding="utf-8")
    argv = ["check", "--select", "DUP101", "--fail-on", "never", "."]
    main(argv)
    assert "DUP101" not in capsys.readouterr().out
    (in_tmp / "b.md").write_text(f"The second article is about hips and how they heal over time. {shared}\n", encoding="utf-8")
    main(argv)
    assert capsys.readouterr().out.count("DUP101") == 2
    assert len(executed) == 2
