"""Every format carries the same findings as the canonical JSON report."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimlint.finding import RunResult, Severity
from claimlint.reporters import ReportSettings, renderer
from tests.reporters import parse

PARSERS: dict[str, Callable[[str], list[parse.Row]]] = {
    "sarif": parse.from_sarif,
    "github": parse.from_github,
    "junit": parse.from_junit,
    "markdown": parse.from_markdown,
    "html": parse.from_html,
}


def _flat(row: parse.Row) -> parse.Row:
    """Markdown puts each finding on one line: line breaks in names and messages read as spaces."""
    path, line, column, rule, message = row
    return (" ".join(path.split()), line, column, rule, " ".join(message.split()))


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_real_run_findings_match_json(fmt: str, linted: tuple[RunResult, dict[str, str]]) -> None:
    result, sources = linted
    settings = ReportSettings(sources=sources, base_url="https://example.org/site/blob/main/", fail_on=Severity.INFO)  # JUnit: every finding a failure
    expected = parse.from_json(renderer("json")(result, settings))
    assert PARSERS[fmt](renderer(fmt)(result, settings)) == expected


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_odd_names_and_messages_match_json(fmt: str, synthetic: RunResult) -> None:
    expected = parse.from_json(renderer("json")(synthetic, ReportSettings(fail_on=Severity.INFO)))
    got = PARSERS[fmt](renderer(fmt)(synthetic, ReportSettings(fail_on=Severity.INFO)))
    if fmt == "markdown":
        expected, got = [_flat(row) for row in expected], [_flat(row) for row in got]
    assert got == expected
