"""Rule types: the one registry, and what every check module provides.

A rule type is one module here exporting `DESCRIPTION` (str), `OPTIONS`
(key -> spec.Option), `build(spec) -> Check` and, if it has a `settings:` section,
`SETTINGS` (a spec.SettingsSchema). Modules load on first use so a run pays only for the
types its rules use (textstat, LanguageTool are heavy).
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from claimlint import patterns
from claimlint.finding import RelatedLocation, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from claimlint.document import Document
    from claimlint.spec import RuleSpec, SettingsSchema

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
            vetted=spec.vetted,
        )
    except patterns.PatternError as error:
        bad = next((key for key, token in tokens if repr(token) in str(error)), keys[0])
        raise spec.error(str(error), bad) from None


def rule_type(name: str) -> ModuleType:
    """The module of rule type `name`; KeyError with a readable message if unknown."""
    if name not in RULE_TYPES:
        raise KeyError(f"unknown rule type {name!r}; known types: {', '.join(sorted(RULE_TYPES))}")
    return importlib.import_module(RULE_TYPES[name])


def settings_schema(section: str) -> SettingsSchema[Any] | None:
    """The `settings:` schema of rule type `section` (None: the type has no settings); KeyError if no such type."""
    schema: SettingsSchema[Any] | None = getattr(rule_type(section), "SETTINGS", None)
    return schema


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
    # The config's validated `settings:` sections by rule type (typed values, see settings_of).
    settings: Mapping[str, object] = field(default_factory=dict)
    page_type: str = "auto"  # the config's `page-type` (pagetype.CHOICES); front matter wins over it
    # What several checks of one run derive alike (the corpus index), computed once.
    _derived: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]

    def settings_of(self, schema: SettingsSchema[T]) -> T:
        """A rule type's typed settings: as configured (validated at load), else the defaults."""
        value = self.settings.get(schema.section)
        return schema.default if value is None else cast("T", value)


class Check:
    """What a rule type's `build(spec)` returns, once per rule at load (a frozen dataclass).

    `run` is the one method a type must write. `prepare` runs once per run before linting
    (engine.prepare_ruleset): it returns the check to run (itself, or a copy bound to what it
    found: a server, a dictionary, the corpus index) or an Unavailable. `uses_corpus`: the
    findings depend on other articles too, so cached results are keyed by the corpus.
    `bound_key`: what `prepare` found that changes the findings (which dictionary), so cached
    results are keyed by it too. `load_for(documents)`: the process is about to lint that many
    documents (or fork workers that will, each that many): load now what so many need, so forked
    workers share one copy; `unload()`: this process lints no more (its workers have forked).
    """

    spec: RuleSpec
    uses_corpus: ClassVar[bool] = False

    def prepare(self, context: RunContext) -> Check | Unavailable:
        return self

    def run(self, doc: Document, context: RunContext) -> Iterable[Hit]:
        raise NotImplementedError

    def bound_key(self) -> str:
        return ""

    def load_for(self, documents: int) -> None:
        return None

    def unload(self) -> None:
        return None

    def with_spec(self, spec: RuleSpec) -> Check:
        """This check under a changed spec (a severity override): nothing is compiled again."""
        changed: Check = dataclasses.replace(self, spec=spec)  # type: ignore[type-var]  # every check is a dataclass
        return changed


def build(spec: RuleSpec) -> Check:
    """The check of one validated spec (rulefile builds each rule's once, at load)."""
    check: Check = rule_type(spec.type).build(spec)
    return check


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
