"""Baselines through the CLI: write, edit elsewhere, add a claim, stale entries, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint import cli
from claimlint.baseline import BaselineEntry, compare, dumps, entry_for, loads
from tests.reporters.conftest import RULES

ARTICLE = (
    "# Green tea\n\n"
    "Green tea is popular. Some sellers say it cures colds.\n\n"
    "A miracle drink, they add, for every season.\n"
)


@pytest.fixture
def site(in_tmp: Path) -> Path:
    (in_tmp / "rules").mkdir()
    for name, text in RULES.items():
        (in_tmp / "rules" / name).write_text(text, encoding="utf-8")
    (in_tmp / "site").mkdir()
    (in_tmp / "site" / "tea.md").write_text(ARTICLE, encoding="utf-8", newline="")
    (in_tmp / "site" / "other.md").write_text("Nothing to see here.\n", encoding="utf-8")
    return in_tmp


def check(*arguments: str) -> int:
    return cli.main(["check", "--no-default-rules", "--rules", "rules", "--no-cache", *arguments])


def json_findings(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, list[dict[str, object]], str]:
    code = check("--format", "json", *arguments)
    out, err = capsys.readouterr()
    return code, json.loads(out)["findings"], err


def test_round_trip_unrelated_edit_then_one_new_claim(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check("--write-baseline", "baseline.json", "site") == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "claimlint: wrote 2 baseline entries to baseline.json\n"

    tea = site / "site" / "tea.md"
    # An unrelated paragraph above moves both findings down two lines; CRLF now, too.
    edited = ARTICLE.replace("# Green tea\n\n", "# Green tea\n\nA new opening paragraph about brewing.\n\n").replace("\n", "\r\n")
    tea.write_text(edited, encoding="utf-8", newline="")
    code, findings, err = json_findings(capsys, "--baseline", "baseline.json", "site")
    assert (code, findings, err) == (0, [], "")

    tea.write_text(edited + "\r\nIt cures headaches as well.\r\n", encoding="utf-8", newline="")
    code, findings, err = json_findings(capsys, "--baseline", "baseline.json", "site")
    assert code == 1 and err == ""
    assert [(f["rule"], f["line"], f["column"], f["excerpt"]) for f in findings] == [("CLM901", 9, 4, "cures")]


def test_without_the_baseline_everything_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check("--write-baseline", "baseline.json", "site")
    capsys.readouterr()
    code, findings, _ = json_findings(capsys, "site")
    assert code == 1 and [f["rule"] for f in findings] == ["CLM901", "CLM902"]


def test_stale_entries_go_to_stderr_and_into_the_report(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check("--write-baseline", "baseline.json", "site")
    capsys.readouterr()
    tea = site / "site" / "tea.md"
    tea.write_text(ARTICLE.replace(" Some sellers say it cures colds.", ""), encoding="utf-8")
    code = check("--baseline", "baseline.json", "--format", "sarif", "site")
    out, err = capsys.readouterr()
    assert code == 0
    assert err == "claimlint: baseline.json: stale entry (fixed or reworded; rewrite the baseline): site/tea.md CLM901 'cures'\n"
    properties = json.loads(out)["runs"][0]["properties"]
    assert properties["baselined"] == 1 and properties["staleBaselineEntries"] == 1


def test_entries_of_files_not_linted_are_not_stale(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check("--write-baseline", "baseline.json", "site")
    capsys.readouterr()
    code, findings, err = json_findings(capsys, "--baseline", "baseline.json", "site/other.md")
    assert (code, findings, err) == (0, [], "")


def test_file_is_sorted_one_entry_a_line_and_rewritten_identically(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "site" / "a.md").write_text("Analgesic use cures nothing. Postoperative care.\n", encoding="utf-8")
    check("--write-baseline", "baseline.json", "site")
    first = (site / "baseline.json").read_bytes()
    check("--write-baseline", "baseline.json", "./site/")
    capsys.readouterr()
    assert (site / "baseline.json").read_bytes() == first
    lines = first.decode("utf-8").splitlines()
    entries = [json.loads(line.strip().rstrip(",")) for line in lines if line.strip().startswith('{"')]
    assert len(entries) == 5 == len(lines) - 5  # {, version, "entries": [, ], }
    keys = [(e["path"], e["rule"], e["context"], e["excerpt"]) for e in entries]
    assert keys == sorted(keys)
    assert entries[0] == {"path": "site/a.md", "rule": "CLM901", "context": "Analgesic use cures nothing.", "excerpt": "cures"}
    assert sorted(p.name for p in site.iterdir()) == ["baseline.json", "rules", "site"]  # no temporary file left


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "claimlint: bad.json:1:2: not a claimlint baseline: Expecting property name enclosed in double quotes\n"),
        ('{"entries": []}', "claimlint: bad.json: not a claimlint baseline (version 2); write one with --write-baseline\n"),
        ('{"claimlint_baseline": 1, "entries": [{"path": "a"}]}', "claimlint: bad.json: entry 1 needs string fields path, rule, context, excerpt\n"),
    ],
)
def test_an_unusable_baseline_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    (site / "bad.json").write_text(content, encoding="utf-8")
    assert check("--baseline", "bad.json", "site") == 2
    assert capsys.readouterr() == ("", message)


def test_a_missing_baseline_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check("--baseline", "missing.json", "site") == 2
    assert capsys.readouterr().err == "claimlint: missing.json: cannot read the baseline: No such file or directory\n"


def test_each_entry_hides_one_finding_and_whitespace_does_not_matter() -> None:
    from claimlint.finding import Category, Finding, Severity

    def cure(path: str, line: int, context: str) -> Finding:
        return Finding(path, line, 1, line, 6, "CLM901", "cure", Category.CLAIM, Severity.ERROR, "m", "cures", context=context)

    recorded = loads(dumps([cure("./a.md", 1, "It cures  colds.")]), "b.json")
    assert recorded == (BaselineEntry("a.md", "CLM901", "It cures colds.", "cures"),)
    twice = [cure("a.md", 3, "It cures\ncolds."), cure("a.md", 9, "It cures colds.")]
    comparison = compare(twice, recorded, ["a.md"])
    assert comparison.new == (twice[1],) and comparison.known == 1 and comparison.stale == ()
    assert entry_for(twice[0]) == recorded[0]
