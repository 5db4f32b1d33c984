"""The one type every check produces and every reporter formats."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)
