"""Rule types: the one registry, and what every check module provides.

A rule type is one module here exporting `DESCRIPTION` (str), `OPTIONS`
(key -> rulefile.Option) and `build(spec) -> Check`. Modules load on first use so a
run pays only for the types its rules use (textstat, LanguageTool are heavy).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from claimlint import patterns
from claimlint.finding import RelatedLocation, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from claimlint.document import Document
    from claimlint.rulefile import RuleSpec

T = TypeVar("T")

RULE_TYPES: dict[str, str] = {
    "pattern": "claimlint.checks.pattern",
    "claim": "claimlint.checks.claim",
    "disclaimer": "claimlint.checks.disclaimer",
    "grammar": "claimlint.checks.grammar",
    "spelling": "claimlint.checks.spelling",
    "metric": "claimlint.checks.metric",
    "length": "claimlint.checks.length",
    "duplicate": "claimlint.checks.duplicate",
}


def compile_option(
    spec: RuleSpec, *keys: str, ignore_case: bool = True, word_boundaries: bool = True, group_prefix: str | None = None
) -> patterns.Pattern | None:
    """The tokens of a rule's list options (in order) as one pattern; None if they are empty.

    A bad regex fails at load time with the line of the option that holds it.
    """
    tokens = [(key, str(token)) for key in keys for token in spec.options[key]]
    if not tokens:
        return None
    try:
        return patterns.compile_tokens(
            [token for _, token in tokens],
            ignore_case=ignore_case,
            word_boundaries=word_boundaries,
            group_prefix=group_prefix,
            linear=spec.builtin,
        )
    except patterns.PatternError as error:
        bad = next((key for key, token in tokens if repr(token) in str(error)), keys[0])
        raise spec.error(str(error), bad) from None


def rule_type(name: str) -> ModuleType:
    """The module of rule type `name`; KeyError with a readable message if unknown."""
    if name not in RULE_TYPES:
        raise KeyError(f"unknown rule type {name!r}; known types: {', '.join(sorted(RULE_TYPES))}")
    return importlib.import_module(RULE_TYPES[name])


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: a span of prose offsets and what to say about it."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: Severity | None = None  # None: the rule's own severity
    related: tuple[RelatedLocation, ...] = ()
    data: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class RunContext:
    """What a run tells its checks beyond the document: limits, corpus, cache, settings."""

    pattern_timeout: float = 0.5
    corpus: tuple[str, ...] = ()  # every article path of the run, for corpus-level checks
    cache_dir: Path | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # config sections by rule type
    page_type: str = "auto"  # the config's `page-type` (pagetype.CHOICES); front matter wins over it
    # What several checks of one run derive alike (the corpus index), computed once.
    _derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]


class Check(Protocol):
    spec: RuleSpec

    def run(self, doc: Document, context: RunContext) -> Iterable[Hit]: ...


class CheckStopped(Exception):
    """A check could not check this document: the service it needs stopped answering mid-run.

    The engine reports it as SYS002 with this message (not as a crash); the other rules run.
    """


@dataclass(frozen=True)
class Unavailable:
    """What a check's optional `prepare(context)` returns when it cannot run this run.

    A check may define `prepare(context) -> Check | Unavailable`; the engine calls it once
    per run before linting (engine.prepare_ruleset). It returns the check to run (itself,
    or a copy bound to what it found: a server, a loaded dictionary) or an Unavailable,
    whose message is printed once and listed under "notices"; the check then sits the
    run out. `required`: the config insists on this check, so its absence is an error.
    """

    message: str
    required: bool = False
    # What runs instead, said once with `message` (e.g. spelling with its bundled word list
    # when no Hunspell dictionary is installed); None: the check sits the run out.
    fallback: Check | None = None
