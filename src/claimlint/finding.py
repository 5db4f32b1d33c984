"""The one type every check produces and every reporter formats."""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: source and spec import this module
    from collections.abc import Mapping, Sequence

    from claimlint.source import InputProblem
    from claimlint.spec import RuleSpec


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def lowered(self) -> Severity:
        """One level down, never below info (a weakly hedged claim)."""
        return Severity.INFO if self is not Severity.ERROR else Severity.WARNING


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Category(str, enum.Enum):
    CLAIM = "claim"
    READABILITY = "readability"
    BOILERPLATE = "boilerplate"
    DISCLAIMER = "disclaimer"
    GRAMMAR = "grammar"
    STYLE = "style"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    """Another place a finding refers to (the other copy of a duplicated sentence)."""

    path: str
    line: int
    column: int = 1
    note: str = ""

    def __reduce__(self) -> tuple[type[RelatedLocation], tuple[Any, ...]]:
        return (RelatedLocation, _RELATED_VALUES(self))


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one span of one file.

    Lines and columns are 1-based; columns count code points of the decoded file
    with any BOM excluded; end_line/end_column are exclusive.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    category: Category
    severity: Severity
    message: str
    excerpt: str
    suggestion: str | None = None
    # The sentence or block around the finding, as written: baselines and SARIF
    # fingerprints match on it so findings survive lines moving.
    context: str = ""
    related: tuple[RelatedLocation, ...] = field(default=())
    # Extra machine-readable facts (similarity, metric value...), JSON-safe values only.
    data: tuple[tuple[str, object], ...] = field(default=())
    # The same span as code-point offsets into the decoded file (BOM excluded), end exclusive:
    # what a reporter showing the text marks (HTML), without rebuilding a line index.
    offset: int = 0
    end_offset: int = 0

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        return (Finding, _FINDING_VALUES(self))


# Every finding of a run crosses from a worker to the parent as a pickle. A frozen slots
# dataclass pickles its state through a fields() call per object each way; its values in
# field order, read in C and given back to __init__, are 1.7x faster both ways (100,000
# boilerplate findings: dumps 1.93 -> 1.12 s, loads 2.67 -> 1.61 s).
_RELATED_VALUES = operator.attrgetter(*(item.name for item in fields(RelatedLocation)))
_FINDING_VALUES = operator.attrgetter(*(item.name for item in fields(Finding)))


@dataclass(frozen=True)
class Notice:
    """A check that cannot run this run (no LanguageTool...): said once per run, not per file."""

    rules: tuple[str, ...]  # rule ids that sat the run out for this reason
    types: tuple[str, ...]  # their rule types
    message: str
    required: bool = False  # the config insists: the run stops with exit status 2


@dataclass(frozen=True)
class RunResult:
    """What a run gives its reporter: the findings and everything said about the run."""

    findings: Sequence[Finding]  # in report order; a tuple, or for a large run packed.Findings
    problems: tuple[InputProblem, ...]  # files that could not be read or were skipped
    files: tuple[str, ...]  # every file looked at, linted or not
    rules: tuple[RuleSpec, ...]  # the active rules, for reporters that describe them
    notices: tuple[Notice, ...] = ()  # checks that sat the run out, and why (prepare_ruleset)
    messages: tuple[str, ...] = ()  # one line each, for standard error: folders that could not be listed, symlink loops
    baselined: int = 0  # findings hidden by the baseline
    stale_baseline: tuple[str, ...] = ()  # one line per baseline entry of a linted file that matched nothing
    sources: Mapping[str, str] = field(default_factory=dict)  # each article's text, when asked for (HTML)
    complete: bool = True  # False when a file was skipped or a rule stopped or crashed on one: a partial result


def finding_to_dict(finding: Finding) -> dict[str, object]:
    """The JSON form (the `json` format's findings; also the cache's)."""
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "excerpt": finding.excerpt,
        "suggestion": finding.suggestion,
        "related": [{"path": r.path, "line": r.line, "column": r.column, "note": r.note} for r in finding.related],
        **({"data": dict(finding.data)} if finding.data else {}),
    }


def finding_from_dict(data: dict[str, Any], context: str = "", offsets: tuple[int, int] = (0, 0)) -> Finding:
    return Finding(
        path=data["path"],
        line=data["line"],
        column=data["column"],
        end_line=data["end_line"],
        end_column=data["end_column"],
        rule=data["rule"],
        name=data["name"],
        category=Category(data["category"]),
        severity=Severity(data["severity"]),
        message=data["message"],
        excerpt=data["excerpt"],
        suggestion=data["suggestion"],
        context=context,
        related=tuple(RelatedLocation(**r) for r in data.get("related", ())),
        data=tuple((key, value) for key, value in data.get("data", {}).items()),
        offset=offsets[0],
        end_offset=offsets[1],
    )


# The results cache's form of a file's findings: one list a finding, fields in order, no keys
# and no path (the entry is the file's). A warm re-run of a large site decodes and rebuilds
# every finding, so this is 2-3x cheaper than `finding_to_dict`'s objects.
_SEVERITIES = {severity.value: severity for severity in Severity}
_CATEGORIES = {category.value: category for category in Category}


def finding_to_row(finding: Finding) -> list[object]:
    return [
        finding.line, finding.column, finding.end_line, finding.end_column, finding.rule, finding.name,
        finding.category.value, finding.severity.value, finding.message, finding.excerpt, finding.suggestion,
        finding.context, [[r.path, r.line, r.column, r.note] for r in finding.related],
        [[key, value] for key, value in finding.data], finding.offset, finding.end_offset,
    ]


def finding_from_row(path: str, row: list[Any]) -> Finding:
    """The finding `finding_to_row` gave; KeyError, ValueError or TypeError for a row of another shape."""
    line, column, end_line, end_column, rule, name, category, severity, message, excerpt, suggestion, context, related, data, offset, end_offset = row
    return Finding(
        path, line, column, end_line, end_column, rule, name, _CATEGORIES[category], _SEVERITIES[severity], message, excerpt,
        suggestion, context, tuple(RelatedLocation(*item) for item in related) if related else (),
        tuple((key, value) for key, value in data) if data else (), offset, end_offset,
    )
