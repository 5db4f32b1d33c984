"""A rule stopped on one file costs that file that rule's findings, nothing more: the other files
of the run keep theirs, nothing stopped is cached, and built-in rules are not stopped by a long file."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import engine
from claimlint.cli import main
from claimlint.rulefile import default_rules_dir, load_rule_file
from tests.robustness.conftest import pattern_rule, write

RUNAWAY = "a" * 5000 + "b\n"  # (a|aa)+c backtracks on it for far longer than the limit


@pytest.fixture
def project(in_tmp: Path) -> Path:
    write(in_tmp / "rules" / "slow.yaml", pattern_rule("TST666", "slow", ["(a|aa)+c", "miracle"], nonword=True))
    write(in_tmp / "docs" / "1-runaway.md", RUNAWAY)
    write(in_tmp / "docs" / "2-normal.md", "A miracle.\n")
    return in_tmp


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--ignore", "GRM", "--no-default-rules", "--rules", "rules", "--jobs", "1", *args])
    return int(code), capsys.readouterr().out


def test_a_pattern_stopped_on_one_file_still_runs_on_the_next(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: the pattern was marked stopped for the rest of the process, so 2-normal.md got
    # no TST666 finding (its miracle was lost), only the one SYS001 of the run.
    code, out = check(capsys, "--no-cache", "docs")
    assert code == 1
    assert [line.split(" ", 3)[:3] for line in out.splitlines() if line.startswith("docs/")] == [
        ["docs/1-runaway.md:1:1:", "error", "SYS001"],
        ["docs/2-normal.md:1:3:", "error", "TST666"],
    ]


def test_results_of_a_file_whose_rule_was_stopped_are_not_cached(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: the first run cached "SYS001 stopped" for 2-normal.md (the pattern was already
    # stopped when it got there) and a later run of that file alone reported it from the cache.
    check(capsys, "docs")
    code, out = check(capsys, "docs/2-normal.md")
    assert (code, out.splitlines()[0]) == (1, "docs/2-normal.md:1:3: error TST666 'miracle' flagged")
    assert "SYS001" not in out


def test_only_complete_results_are_cached(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint import runner

    check(capsys, "docs")
    linted: list[str] = []
    original = runner.lint_one

    def counting(path: str, *args: object) -> object:
        linted.append(path)
        return original(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "lint_one", counting)
    code, out = check(capsys, "docs")
    # The file a rule was stopped on is linted again; the other one comes from the cache.
    assert (code, linted) == (1, ["docs/1-runaway.md"])
    assert "SYS001" in out and "docs/2-normal.md:1:3: error TST666" in out


def test_a_long_one_line_file_does_not_stop_built_in_rules(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: CLM108's triggers ran over the 0.5 s limit on a 2 MB line ("simplify it", though
    # no user wrote them) and its finding at the end of the line was lost.
    filler = "the clinic team explains each step of the visit and answers your questions and " * 26_000
    write(in_tmp / "long.md", filler + "the procedure has a 95% success rate\n")
    write(in_tmp / "normal.md", "The procedure has a 95% success rate.\n")
    # The budget is wall-clock time: 2 s per 50,000 characters instead of the default 0.5 s, so a
    # 2-core CI machine running the rest of the suite does not stop it (it did once at 0.5 s).
    write(in_tmp / "claimlint.yaml", "pattern-timeout: 2.0\n")
    code = main(["check", "--no-cache", "--select", "CLM108", "long.md", "normal.md"])
    out = capsys.readouterr().out
    assert "SYS001" not in out
    # (The severity is the claim check's own business: hedges and page type may change it.)
    assert [line.split(" ", 3)[::2] for line in out.splitlines() if ".md:" in line] == [
        [f"long.md:1:{len(filler) + 21}:", "CLM108"],
        ["normal.md:1:21:", "CLM108"],
    ]
    assert code in (0, 1)


def test_a_built_in_rule_that_is_stopped_is_not_told_to_simplify_itself() -> None:
    builtin = load_rule_file(default_rules_dir() / "claims" / "unsourced-statistic.yaml")[0].spec
    message = engine.stopped_message(builtin, 0.5)
    assert message.startswith("built-in rule CLM108 stopped on this file:")
    assert "simplify" not in message and "please report this" in message


def test_a_user_rule_that_is_stopped_is_told_to_simplify_its_pattern(project: Path) -> None:
    user = load_rule_file(project / "rules" / "slow.yaml")[0].spec
    assert engine.stopped_message(user, 0.5) == (
        f"rule TST666 ({user.path}) stopped on this file: a pattern ran over 0.5 s; its findings here are missing; simplify it"
    )
