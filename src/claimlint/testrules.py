"""Rules' own examples: each `fail` text must be flagged by its rule, each `pass` text must not.

The one implementation of "run a rule's examples": `claimlint test-rules` and the test suite
(tests/rules/test_rule_examples.py) both call `run_examples`. An example is linted alone, as a
plain-text article, with only its rule selected and the project's settings for rule types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimlint import engine, system
from claimlint.checks import Check
from claimlint.config import Config
from claimlint.finding import Finding
from claimlint.spec import RuleSpec
from claimlint.source import Format, SourceText

EXAMPLE_PATH = "<example>"
_BROKEN_RULE = frozenset({system.RULE_CRASH.code, system.PATTERN_TIMEOUT.code})


@dataclass(frozen=True)
class ExampleOutcome:
    """One example of one rule, linted."""

    spec: RuleSpec
    flagged_expected: bool  # a `fail` example: the rule must flag it
    text: str
    line: int  # the example's line in the rule file
    findings: tuple[Finding, ...] = ()  # the rule's own findings on it
    problems: tuple[Finding, ...] = ()  # SYS findings: the rule crashed or its pattern ran away
    skipped: str | None = None  # why the rule cannot run here (no LanguageTool...), or None
    excerpt: str | None = None  # a fail example's expected excerpt: the rule must flag exactly this

    @property
    def kind(self) -> str:
        return "fail" if self.flagged_expected else "pass"

    @property
    def ok(self) -> bool:
        if self.skipped is not None:
            return True
        if self.problems:
            return False
        if self.flagged_expected and self.excerpt is not None:
            return any(finding.excerpt == self.excerpt for finding in self.findings)
        return bool(self.findings) == self.flagged_expected

    @property
    def problem(self) -> str:
        """Why the example fails, in a few words ('' when it does not)."""
        if self.ok:
            return ""
        if self.problems:
            return "; ".join(problem.message for problem in self.problems)
        if self.flagged_expected and self.findings:
            flagged = ", ".join(f"'{f.excerpt}'" for f in self.findings)
            return f"fail example is flagged at {flagged}, not at {self.excerpt!r}"
        if self.flagged_expected:
            return "fail example is not flagged"
        flagged = ", ".join(f"'{f.excerpt}' at {f.line}:{f.column}" for f in self.findings)
        return f"pass example is flagged: {flagged}"


def run_examples(rule: Check, config: Config | None = None) -> tuple[ExampleOutcome, ...]:
    """Every example of the rule, fail ones first, each linted with only this rule."""
    spec = rule.spec
    base = config or Config()
    # Only what shapes a rule's own behaviour comes from the project: no select, ignores or corpus.
    example_config = Config(root=base.root, pattern_timeout=base.pattern_timeout, settings=base.settings, select=(spec.code,))
    ruleset = engine.build_ruleset(example_config, [rule])
    context = engine.run_context(example_config, (EXAMPLE_PATH,), use_cache=False)
    ruleset, notices = engine.prepare_ruleset(ruleset, context)
    skipped = notices[0].message if notices else None
    outcomes = []
    for flagged_expected, texts, lines in ((True, spec.examples_fail, spec.examples_fail_lines), (False, spec.examples_pass, spec.examples_pass_lines)):
        for position, text in enumerate(texts):
            line = lines[position] if position < len(lines) else spec.line
            excerpts = spec.examples_fail_excerpts if flagged_expected else ()
            excerpt = excerpts[position] if position < len(excerpts) else None
            if skipped is not None:
                outcomes.append(ExampleOutcome(spec, flagged_expected, text, line, skipped=skipped))
                continue
            source = SourceText(EXAMPLE_PATH, text, Format.PLAIN, "utf-8", False)
            found = engine.lint_source(source, ruleset, context, example_config)
            own = tuple(f for f in found if f.rule == spec.code)
            problems = tuple(f for f in found if f.rule in _BROKEN_RULE)
            outcomes.append(ExampleOutcome(spec, flagged_expected, text, line, own, problems, excerpt=excerpt))
    return tuple(outcomes)


def run_all(rules: Iterable[Check], config: Config | None = None) -> tuple[ExampleOutcome, ...]:
    return tuple(outcome for rule in rules for outcome in run_examples(rule, config))


def failure_line(outcome: ExampleOutcome) -> str:
    """`rules/claims/cure.yaml:43: CLM101 cure-claim: fail example is not flagged: "..."`"""
    spec = outcome.spec
    return f"{spec.path}:{outcome.line}: {spec.code} {spec.name}: {outcome.problem}: {outcome.text!r}"


def summary(outcomes: Sequence[ExampleOutcome]) -> str:
    rules = len({outcome.spec.code for outcome in outcomes})
    failed = sum(1 for outcome in outcomes if not outcome.ok)
    skipped = sum(1 for outcome in outcomes if outcome.skipped is not None)
    passed = len(outcomes) - failed - skipped
    reasons = sorted({f"{o.spec.code}: {o.skipped}" for o in outcomes if o.skipped is not None})
    line = f"{rules} rule{'s' if rules != 1 else ''}, {len(outcomes)} examples: {passed} passed, {failed} failed, {skipped} skipped"
    return "\n".join([line, *(f"  skipped {reason}" for reason in reasons)])
