"""One selector resolver: ids, names, aliases, prefixes and categories mean the same rules in
select/ignore, severities, per-file ignores and suppressions; an unknown one is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.cli import main
from claimlint.config import Config
from claimlint.finding import Severity
from claimlint.rulefile import load_rule_file
from tests.conftest import lint_text

RENAMED = """\
code: TST101
name: renamed-rule
aliases: [TST001, old-claim-words]
type: pattern
category: claim
severity: warning
message: "'{match}' is a test trigger."
rationale: A rule that was renamed; its old id and name stay usable.
tokens: [cures?]
examples: {fail: ["It cures."], pass: ["It helps."]}
"""


@pytest.fixture
def renamed(tmp_path: Path) -> list[object]:
    (tmp_path / "renamed.yaml").write_text(RENAMED, encoding="utf-8")
    return list(load_rule_file(tmp_path / "renamed.yaml"))


@pytest.mark.parametrize("alias", ["TST001", "old-claim-words"])
def test_an_alias_works_in_suppressions(renamed: list[object], alias: str) -> None:
    text = f"<!-- claimlint: disable-next-line {alias} -->\nIt cures.\n"
    assert lint_text(text, "a.md", specs=renamed) == []  # suppressed, and the directive is not SYS003/SYS004


@pytest.mark.parametrize("alias", ["TST001", "old-claim-words"])
def test_an_alias_works_in_per_file_ignores_and_severities(renamed: list[object], alias: str) -> None:
    assert [f.rule for f in lint_text("It cures.\n", "a.md", specs=renamed)] == ["TST101"]
    ignoring = Config(per_file_ignores=(("*.md", (alias,)),))
    assert lint_text("It cures.\n", "a.md", specs=renamed, config=ignoring) == []
    lowered = Config(severity={alias: Severity.INFO})
    assert [f.severity for f in lint_text("It cures.\n", "a.md", specs=renamed, config=lowered)] == [Severity.INFO]
    assert [f.rule for f in lint_text("It cures.\n", "a.md", specs=renamed, select=[alias])] == ["TST101"]


def test_an_unknown_selector_on_the_command_line_is_exit_2_with_a_close_match(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "a.txt").write_text("This tea cures arthritis.\n", encoding="utf-8")
    assert main(["check", "a.txt", "--select", "cure-claims"]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "claimlint: --select: unknown rule 'cure-claims' (did you mean 'cure-claim'?); 'claimlint rules' lists them\n")
    assert main(["check", "a.txt", "--ignore", "CLM10,CLM1O1"]) == 2
    assert capsys.readouterr().err.startswith("claimlint: --ignore: unknown rule 'CLM1O1' (did you mean 'CLM1")


@pytest.mark.parametrize(
    ("setting", "where"),
    [
        ("select: [CLM, readabilty]", "claimlint.yaml:2: select: unknown rule 'readabilty' (did you mean 'readability'?)"),
        ("ignore: [cure-language]", "claimlint.yaml:2: ignore: unknown rule 'cure-language'"),
        ("severity: {CLM999: info}", "claimlint.yaml:2: severity: unknown rule 'CLM999'"),
        ("per-file-ignores: {'*.md': [hyp]}", "claimlint.yaml:2: per-file-ignores '*.md': unknown rule 'hyp'"),
    ],
)
def test_an_unknown_selector_in_the_config_is_exit_2_naming_its_line(in_tmp: Path, capsys: pytest.CaptureFixture[str], setting: str, where: str) -> None:
    (in_tmp / "a.txt").write_text("This tea cures arthritis.\n", encoding="utf-8")
    (in_tmp / "claimlint.yaml").write_text(f"fail-on: never\n{setting}\n", encoding="utf-8")
    assert main(["check", "a.txt"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"claimlint: {where}") and len(err.splitlines()) == 1
