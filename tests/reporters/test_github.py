"""GitHub workflow commands: one line a finding, properties and data escaped as GitHub requires."""

from __future__ import annotations

from claimlint.finding import RunResult
from claimlint.reporters import ReportSettings, renderer
from claimlint.reporters.github import escape_data, escape_property


def test_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"


def test_one_command_per_finding_with_escaped_file_and_message(synthetic: RunResult) -> None:
    lines = renderer("github")(synthetic, ReportSettings()).splitlines()
    assert len(lines) == 4
    assert lines[0] == "::warning file=a.md,line=1,col=1,endLine=1,endColumn=10,title=DUP901 dup901::Copied from b.md (similarity 0.97)."
    assert lines[3] == (
        "::error file=odd \"name\"%2C%0A<b>%3A%25.md,line=1,col=2,endLine=1,endColumn=6,title=CLM901 clm901::"
        "100%25 sure: a, b%0Aand <script>alert(1)</script> | *bold* [x](y)%0ASuggestion: may help <i>"
    )


def test_info_is_a_notice(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    lines = renderer("github")(result, ReportSettings()).splitlines()
    assert sum(line.startswith("::notice ") for line in lines) == 2
    assert sum(line.startswith("::error ") for line in lines) == 3
    assert sum(line.startswith("::warning ") for line in lines) == 2
