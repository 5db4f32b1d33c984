"""The engine: selection, severity overrides, per-file ignores, failing and runaway rules."""

from __future__ import annotations

from pathlib import Path

from claimlint import engine, runner
from claimlint.checks import Check, RunContext
from claimlint.config import Config
from claimlint.finding import Severity
from claimlint.rulefile import load_rule_file
from tests.conftest import FIXTURES, lint_text, source_of

SPECS = load_rule_file(FIXTURES / "rules" / "golden.yaml")


def test_select_ignore_by_id_prefix_name_and_category() -> None:
    text = "It cures. We utilize it."
    assert {f.rule for f in lint_text(text, specs=SPECS)} == {"TST001", "TST002"}
    assert {f.rule for f in lint_text(text, specs=SPECS, select=["style"])} == {"TST002"}
    assert {f.rule for f in lint_text(text, specs=SPECS, select=["golden-claim-words"])} == {"TST001"}
    config = Config(ignore=("TST",))
    assert lint_text(text, specs=SPECS, config=config) == []


def test_severity_override_and_per_file_ignores() -> None:
    config = Config(severity={"TST001": Severity.INFO}, per_file_ignores=(("*.md", ("TST002",)),))
    findings = lint_text("It cures. We utilize it.", "post.md", specs=SPECS, config=config)
    assert [(f.rule, f.severity) for f in findings] == [("TST001", Severity.INFO)]


def test_a_crashing_check_becomes_a_finding_and_the_others_run() -> None:
    class Broken(Check):
        spec = SPECS[0].spec

        def run(self, doc: object, context: RunContext) -> list[object]:
            raise RuntimeError("boom")

    config = Config()
    ruleset = engine.build_ruleset(config, SPECS)
    ruleset = engine.RuleSet(ruleset.known, ruleset.active, (Broken(), *ruleset.checks[1:]))
    findings = engine.lint_source(source_of("We utilize it."), ruleset, RunContext(), config)
    assert [(f.rule, f.line) for f in findings] == [("SYS002", 1), ("TST002", 1)]
    assert "crashed: RuntimeError: boom" in findings[0].message


def test_runaway_user_regex_is_stopped_on_each_file_it_runs_away_on(tmp_path: Path) -> None:
    rule = (
        "code: TST009\nname: slow\ntype: pattern\ncategory: style\nseverity: info\nmessage: m\nrationale: r\n"
        "tokens: ['(a|aa)+b']\nexamples: {fail: [ab]}\n"
    )
    (tmp_path / "slow.yaml").write_text(rule, encoding="utf-8")
    specs = load_rule_file(tmp_path / "slow.yaml")
    config = Config(pattern_timeout=0.05)
    ruleset = engine.build_ruleset(config, specs)
    paths = []
    for index in range(3):
        path = tmp_path / f"a{index}.txt"
        path.write_text("a" * 60 + "\n", encoding="utf-8")
        paths.append(str(path))
    result = runner.run(paths, ruleset, engine.run_context(config, paths, use_cache=False), config, jobs=1)
    # Each file gets its own time limit, so each file says it lost the rule's findings.
    assert [(f.path, f.rule) for f in result.findings] == [(path, "SYS001") for path in paths]
    assert "TST009" in result.findings[0].message and "slow.yaml" in result.findings[0].message
