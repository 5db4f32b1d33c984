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


def _report_texts(site: Path) -> list[Path]:
    return sorted(path for path in (site / ".claimlint_cache" / "report-texts").rglob("*") if path.is_file())


def test_a_report_is_kept_in_a_file_of_its_own_and_the_one_it_replaces_removed(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    first = run(capsys, ".")
    texts = _report_texts(site)
    assert [path.read_text(encoding="utf-8") for path in texts] == [first[1]]
    (site / "b.md").write_text("It cures. We utilize it.\n", encoding="utf-8")
    second = run(capsys, ".")
    assert "b.md:1:4: error TST001" in second[1] and "b.md:1:4: error TST001" not in first[1]
    assert [path.read_text(encoding="utf-8") for path in _report_texts(site)] == [second[1]]  # not one more per edit
    assert run(capsys, ".") == second and len(executed) == 2


def test_a_report_that_could_not_be_written_out_is_not_kept(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    (site / "out").mkdir()
    code, out, err = run(capsys, "-o", "out", ".")  # a folder: refused
    assert (code, out, err) == (2, "", "claimlint: out: is a folder; give a file name\n")
    assert _report_texts(site) == [] and not list(site.glob(".claimlint_cache/report-texts/**/*.tmp"))
    assert run(capsys, "-o", "report.txt", ".")[0] == 1
    assert "a.md:2:4: error TST001" in Path("report.txt").read_text(encoding="utf-8")
    assert len(executed) == 2  # the refused run was not replayed


def test_a_replayed_report_is_read_back_byte_for_byte(site: Path, capsys: pytest.CaptureFixture[str], executed: list[int]) -> None:
    (site / "caf\u00e9 \U0001f600.md").write_text("Caf\u00e9 \u2014 it cures.\r\nIt cures.\r\n", encoding="utf-8")  # non-ASCII, CRLF
    for output_format in ("text", "json"):
        first = run(capsys, "--format", output_format, ".")
        assert "caf\u00e9 \U0001f600.md:2:4: error TST001" in first[1] or '"path": "caf\u00e9 \U0001f600.md"' in first[1]
        assert run(capsys, "--format", output_format, ".") == first
    assert len(executed) == 2
