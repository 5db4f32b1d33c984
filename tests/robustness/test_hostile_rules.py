"""Hostile or broken rules and config: safe YAML only, runaway patterns stopped, clear one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.patterns import MAX_REPEAT_PRODUCT, PatternError, compile_pattern
from tests.robustness.conftest import pattern_rule, run_cli, write


@pytest.fixture
def project(in_tmp: Path) -> Path:
    write(in_tmp / "rules" / "miracle.yaml", pattern_rule("TST101", "miracle", ["miracle"]))
    write(in_tmp / "docs" / "a.md", "A miracle.\n")
    return in_tmp


def lint(capsys: pytest.CaptureFixture[str], *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--no-default-rules", "--rules", "rules", *args)


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/object/new:subprocess.Popen [['touch', 'pwned']]",
        "!!python/name:os.system",
    ],
)
def test_a_rule_file_cannot_run_code(project: Path, capsys: pytest.CaptureFixture[str], payload: str) -> None:
    write(project / "rules" / "evil.yaml", pattern_rule("TST102", "evil", ["x"]).replace("rationale: A test rule.", f"rationale: {payload}"))
    outcome = lint(capsys, "docs")
    assert not (project / "pwned").exists()
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err.startswith("claimlint: rules/evil.yaml:7:") and "invalid YAML" in outcome.err
    assert outcome.err.count("\n") == 1


def test_a_config_cannot_run_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "claimlint.yaml", "select: !!python/object/apply:os.system ['touch pwned']\n")
    outcome = lint(capsys, "docs")
    assert not (project / "pwned").exists()
    assert outcome.code == 2 and outcome.err.startswith("claimlint: ") and "claimlint.yaml:1: invalid YAML" in outcome.err


def test_alias_bomb_is_refused_quickly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    rule = pattern_rule("TST102", "bomb", ["x"]) + "\n".join(levels).replace("a: &a", "x_a: &a") + "\n"
    rule = rule.replace("tokens: ['x']", "tokens: *i")
    write(project / "rules" / "bomb.yaml", rule)
    outcome = lint(capsys, "docs")
    assert outcome.code == 2 and outcome.err.startswith("claimlint: rules/bomb.yaml:")
    assert outcome.err.count("\n") == 1


@pytest.mark.parametrize("nesting", ["[" * 60000 + "]" * 60000, "- " * 60000 + "x", "{a: " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_yaml_is_one_line_not_a_crash(project: Path, capsys: pytest.CaptureFixture[str], nesting: str) -> None:
    # libyaml recursed on the C stack and killed the process (SIGSEGV) at 50,000 levels.
    write(project / "rules" / "deep.yaml", "tokens: " + nesting + "\n")
    outcome = lint(capsys, "docs")
    assert outcome.code == 2
    assert outcome.err.startswith("claimlint: rules/deep.yaml:1:") and outcome.err.count("\n") == 1


def test_deeply_nested_config_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "claimlint.yaml", "select: " + "[" * 60000 + "]" * 60000 + "\n")
    outcome = lint(capsys, "docs")
    assert outcome.code == 2 and outcome.err.endswith("claimlint.yaml:1: invalid YAML: nested too deeply\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"select: [\xff]\n", "config is not UTF-8 (invalid byte 0xff)"), (b"select: \x01\n", "invalid YAML: unacceptable character #x0001")],
)
def test_unreadable_config_is_one_line(project: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str) -> None:
    write(project / "claimlint.yaml", data)
    outcome = lint(capsys, "docs")
    assert outcome.code == 2 and message in outcome.err and outcome.err.count("\n") == 1


def test_catastrophic_pattern_is_stopped_on_each_file_it_runs_away_on_and_the_run_goes_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "rules" / "slow.yaml", pattern_rule("TST666", "slow", ["(a|aa)+b"], nonword=True))
    for number in range(2):
        write(project / "docs" / f"runs-{number}.md", "a" * 5000 + "\n\nAnother miracle.\n")
    outcome = lint(capsys, "docs", "--jobs", "1")
    lines = outcome.out.splitlines()
    stopped = [line for line in lines if "SYS001" in line]
    assert stopped == [
        f"docs/runs-{number}.md:1:1: error SYS001 rule TST666 (rules/slow.yaml) stopped on this file: a pattern ran over 0.5 s; "
        "its findings here are missing; simplify it"
        for number in range(2)
    ]
    # The other rule still ran on every file.
    assert sum("TST101" in line for line in lines) == 3
    assert outcome.code == 1


@pytest.mark.parametrize("source", [r"(?:(?:a{100}){100}){100}", r"(?:a{1000}){1000}", r"(?:x{2,500}y){500}"])
def test_nested_counted_repeats_are_refused_at_load(source: str) -> None:
    # The first was killed for memory while compiling, before this check.
    with pytest.raises(PatternError, match=f"multiply to .* \\(at most {MAX_REPEAT_PRODUCT}\\)"):
        compile_pattern(source)


@pytest.mark.parametrize("source", [r"a{65535}", r"(?:a{100}){100}", r"[{]{5}x{3}", r"\{1000\}{2}", r"\d{1,3}(?:,\d{3})*"])
def test_ordinary_counted_repeats_still_compile(source: str) -> None:
    compile_pattern(source)


@pytest.mark.parametrize("token", ["(?:(?:a{100}){100}){100}", "(" * 5000 + "a" + ")" * 5000])
def test_hostile_pattern_in_a_rule_file_is_a_one_line_load_error(project: Path, capsys: pytest.CaptureFixture[str], token: str) -> None:
    write(project / "rules" / "bad.yaml", pattern_rule("TST102", "bad", [token]))
    outcome = lint(capsys, "docs")
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err.startswith("claimlint: rules/bad.yaml:8:1: rule TST102: bad regex")
    assert len(outcome.err) < 300 and outcome.err.count("\n") == 1


def test_duplicate_rule_ids_across_folders(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "more" / "again.yaml", pattern_rule("TST101", "again", ["x"]))
    outcome = lint(capsys, "--rules", "more", "docs")
    assert outcome.code == 2
    assert outcome.err == "claimlint: more/again.yaml:1:1: rule id 'TST101' is already defined at rules/miracle.yaml:1\n"


def test_a_crashing_rule_is_a_finding_and_the_others_continue(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A positional field in the message template fails only when a match is rendered.
    write(project / "rules" / "broken.yaml", pattern_rule("TST102", "broken", ["miracle"], message="{0} flagged"))
    outcome = lint(capsys, "docs")
    assert outcome.code == 1
    assert outcome.out.splitlines()[:2] == [
        "docs/a.md:1:1: error SYS002 rule TST102 (rules/broken.yaml) crashed: ValueError: Format string contains positional fields",
        "docs/a.md:1:3: error TST101 'miracle' flagged",
    ]


def test_config_naming_a_missing_rule_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "claimlint.yaml", "rules: [no-such-folder]\n")
    outcome = lint(capsys, "docs")
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err == f"claimlint: {project.resolve() / 'no-such-folder'}:1:1: rule folder does not exist\n"


def test_rule_file_that_is_not_utf8(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "rules" / "latin1.yaml", pattern_rule("TST102", "latin", ["caf\xe9"]).encode("latin-1"))
    outcome = lint(capsys, "docs")
    assert outcome.code == 2 and outcome.err.startswith("claimlint: rules/latin1.yaml:1:1: cannot read rule file:")
