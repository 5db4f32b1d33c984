"""SARIF: valid against the official 2.1.0 schema, rules described, stable fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from claimlint.finding import RunResult
from claimlint.reporters import ReportSettings, renderer
from claimlint.spec import RuleSpec
from tests.reporters.conftest import lint, write_articles

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif(result: RunResult, settings: ReportSettings | None = None) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(renderer("sarif")(result, settings or ReportSettings()))
    jsonschema.validate(document, SCHEMA)
    return document


def test_real_run_validates_and_describes_every_rule(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    run = sarif(result)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert sorted(rule["id"] for rule in rules) == ["CLM901", "CLM902", "RDB901"]
    cure, jargon = (next(rule for rule in rules if rule["id"] == code) for code in ("CLM901", "RDB901"))
    assert cure["shortDescription"]["text"] == "A promise of a cure."
    assert cure["fullDescription"]["text"] == "Few treatments cure; promising one misleads patients."
    assert "Hedge the claim or cite a source." in cure["help"]["text"]
    assert "This tea cures arthritis." in cure["help"]["markdown"]
    assert cure["defaultConfiguration"]["level"] == "error"
    assert cure["properties"]["category"] == "claim"
    assert jargon["defaultConfiguration"]["level"] == "note"


def test_result_region_is_the_findings_span_in_code_points(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, _ = linted
    run = sarif(result)["runs"][0]
    emoji_line = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 5]
    assert len(emoji_line) == 1
    found = emoji_line[0]
    assert found["ruleId"] == "CLM901" and found["level"] == "error"
    assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == "CLM901"
    assert found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/heart.md"
    assert found["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 24, "endLine": 5, "endColumn": 29}
    assert found["message"]["text"] == "'cures' promises a cure. Suggestion: may help with"


def test_related_locations_and_data_validate(synthetic: RunResult) -> None:
    run = sarif(synthetic)["runs"][0]
    first = run["results"][0]
    assert first["relatedLocations"] == [
        {"id": 1, "physicalLocation": {"artifactLocation": {"uri": "b.md"}, "region": {"startLine": 3, "startColumn": 1}}, "message": {"text": "the other copy"}}
    ]
    assert first["properties"]["data"] == {"similarity": 0.97}
    odd = run["results"][3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert "\n" not in odd and '"' not in odd and "<" not in odd


def test_fingerprints_survive_lines_moving(tmp_path: Path, specs: list[RuleSpec], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "Intro.\n\nThis tea cures colds. This one cures flu.\n"
    write_articles(tmp_path, {"tea.md": text})
    before = sarif(lint(["tea.md"], specs))["runs"][0]["results"]
    write_articles(tmp_path, {"tea.md": "New opening paragraph.\n\nAnother one.\n\n" + text})
    after = sarif(lint(["tea.md"], specs))["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (*before, *after)] == [3, 3, 7, 7]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert len({json.dumps(r["partialFingerprints"]) for r in before}) == 2


def test_identical_findings_in_one_file_get_distinct_fingerprints(synthetic: RunResult) -> None:
    twice = replace(synthetic, findings=(synthetic.findings[0], replace(synthetic.findings[0], line=9, end_line=9)))
    prints = [r["partialFingerprints"]["claimlint/contextHash/v1"] for r in sarif(twice)["runs"][0]["results"]]
    assert prints[0].rsplit(":", 1)[0] == prints[1].rsplit(":", 1)[0]
    assert [p.rsplit(":", 1)[1] for p in prints] == ["1", "2"]


def test_system_findings_describe_their_rule(synthetic: RunResult) -> None:
    from claimlint import system

    crashed = system.system_finding(system.RULE_CRASH, "a.md", "rule X crashed")
    run = sarif(replace(synthetic, findings=(crashed,)))["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["SYS002"]
    assert run["results"][0]["ruleIndex"] == 0


def test_baseline_counts_are_run_properties(synthetic: RunResult) -> None:
    run = sarif(synthetic, ReportSettings(baselined=4, stale_baseline=2))["runs"][0]
    assert run["properties"]["baselined"] == 4 and run["properties"]["staleBaselineEntries"] == 2
