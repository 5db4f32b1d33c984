"""Rules of the run itself (SYS): unreadable input, a crashing or runaway rule, suppressions."""

from __future__ import annotations

from claimlint.finding import Category, Finding, Severity
from claimlint.spec import RuleSpec


def _system_rule(code: str, name: str, severity: Severity, summary: str, rationale: str, fix: str) -> RuleSpec:
    return RuleSpec(
        code=code,
        name=name,
        type="system",
        category=Category.SYSTEM,
        severity=severity,
        message="{message}",
        rationale=rationale,
        summary=summary,
        fix=fix,
        suggest=None,
        scope=frozenset(),
        examples_fail=(),
        examples_pass=(),
    )


PATTERN_TIMEOUT = _system_rule(
    "SYS001", "pattern-timeout", Severity.ERROR,
    "A rule's pattern ran past its time limit and was stopped.",
    "A regex that backtracks catastrophically could hang a CI run; every user pattern runs under a time limit and is reported once when stopped.",
    "Rewrite the pattern without nested or overlapping repetition, e.g. (a|aa)+ -> a+.",
)
RULE_CRASH = _system_rule(
    "SYS002", "rule-crash", Severity.ERROR,
    "A rule failed while checking this file; the other rules still ran.",
    "A broken rule must not stop the rest of the run, and must not fail silently either.",
    "Report the message with the rule and the article; disable the rule with --ignore meanwhile.",
)
UNUSED_SUPPRESSION = _system_rule(
    "SYS003", "unused-suppression", Severity.WARNING,
    "An inline suppression comment suppresses nothing.",
    "Stale suppressions hide future findings; remove them once the text they covered is gone or fixed.",
    "Delete the comment, or correct the rule ids it names.",
)
UNKNOWN_RULE = _system_rule(
    "SYS004", "unknown-rule-in-suppression", Severity.WARNING,
    "An inline suppression names a rule that does not exist.",
    "A typo in a suppression silently suppresses nothing.",
    "Use a rule id (CLM101), a name (cure-claim), a prefix (CLM) or a category (claim).",
)
UNREADABLE_INPUT = _system_rule(
    "SYS005", "unreadable-input", Severity.ERROR,
    "A file could not be read or decoded; it was not linted.",
    "A file that cannot be read cannot be checked: the run says so and exits with status 3.",
    "Save the file as UTF-8, fix its permissions, or exclude it in config.",
)

SYSTEM_RULES: tuple[RuleSpec, ...] = (PATTERN_TIMEOUT, RULE_CRASH, UNUSED_SUPPRESSION, UNKNOWN_RULE, UNREADABLE_INPUT)


def system_finding(spec: RuleSpec, path: str, message: str, line: int = 1, column: int = 1, excerpt: str = "", offset: int = 0) -> Finding:
    """A SYS finding at line:column; `offset` is the same place in the source text (0: its start)."""
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(excerpt),
        rule=spec.code,
        name=spec.name,
        category=spec.category,
        severity=spec.severity,
        message=message,
        excerpt=excerpt,
        offset=offset,
        end_offset=offset + len(excerpt),
    )
