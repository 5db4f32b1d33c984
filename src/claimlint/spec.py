"""What a rule and a rule type declare: RuleSpec, Option, SettingsSchema; and RuleFileError.

The low-level vocabulary shared by `rulefile` (which reads YAML into these), `config`
(which reads `settings:` sections through a type's SettingsSchema) and `checks` (which
build from them). It imports neither of those modules.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from claimlint.finding import Category, Severity
from claimlint.markup import BlockKind

if TYPE_CHECKING:
    from claimlint.patterns import Vetted

T = TypeVar("T")


# The id prefix of each category (docs and README): a rule with one of these prefixes must be of
# its category; other prefixes (a team's own, tests' TST) are free.
CATEGORY_PREFIXES: Mapping[str, Category] = {
    "CLM": Category.CLAIM,
    "RDB": Category.READABILITY,
    "DUP": Category.BOILERPLATE,
    "DSC": Category.DISCLAIMER,
    "GRM": Category.GRAMMAR,
    "STY": Category.STYLE,
    "SYS": Category.SYSTEM,
}


class RuleFileError(Exception):
    """A rule file that cannot be used; str() is the one line the user sees."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.problem = path, line, column, message


@dataclass(frozen=True)
class RuleSpec:
    """One rule as written in YAML, validated. `options` holds the type's own keys."""

    code: str
    name: str
    type: str
    category: Category
    severity: Severity
    message: str
    rationale: str
    summary: str
    fix: str
    suggest: str | None
    scope: frozenset[BlockKind]
    examples_fail: tuple[str, ...]
    examples_pass: tuple[str, ...]
    # Line of each example in the rule file (parallel to the texts), so a failing example is named by its line.
    examples_fail_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)
    examples_pass_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    path: str = "<builtin>"
    line: int = 1
    option_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # The excerpt each fail example must be flagged at (None: anywhere in the example).
    examples_fail_excerpts: tuple[str | None, ...] = ()
    # The file's patterns as checked by an earlier load (the rule-data cache): build compiles none.
    vetted: Vetted | None = field(default=None, compare=False, repr=False)

    @property
    def builtin(self) -> bool:
        """A rule of the default pack, written and tested with claimlint (not a user's rule)."""
        return _in_default_pack(self.path)

    def render(self, template: str | None = None, **fields: object) -> str:
        """Fill the message template; unknown {fields} stay as written."""
        return (template or self.message).format_map(_KeepMissing(fields))

    def error(self, message: str, option: str | None = None) -> RuleFileError:
        line = self.option_lines.get(option, self.line) if option else self.line
        return RuleFileError(self.path, line, 1, f"rule {self.code}: {message}")


@functools.lru_cache(maxsize=4096)  # pure for one installation; asked once per rule built
def _in_default_pack(path: str) -> bool:
    from pathlib import Path

    from claimlint.rulefile import default_rules_dir  # rulefile knows where the pack lives

    return Path(path).resolve().is_relative_to(default_rules_dir().resolve())


class _KeepMissing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Option:
    """One type-specific key (of a rule, or of a type's `settings:`): its kind, default and meaning."""

    kind: str  # str | int | float | bool | list | map | any
    default: Any = None
    required: bool = False
    help: str = ""


_KINDS: Mapping[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "map": (dict,),
}


def check_value(key: str, option: Option, value: Any) -> Any:
    """`value` of kind `option.kind`, normalized (a lone string is a one-item list); ValueError says why not."""
    if option.kind == "any":
        return value
    allowed = _KINDS[option.kind]
    if isinstance(value, bool) and option.kind in ("int", "float"):
        raise ValueError(f"{key} must be a number, not {value!r}")
    if option.kind == "list" and isinstance(value, str):
        value = [value]
    if not isinstance(value, allowed):
        raise ValueError(f"{key} must be a {option.kind}, not {type(value).__name__}")
    value = cast(Any, value)  # isinstance with a tuple of types narrowed it to object
    if option.kind == "list":
        if not all(isinstance(item, (str, int, float)) for item in value):
            raise ValueError(f"{key} must be a list of strings")
        return tuple(str(item) for item in value)
    if option.kind == "map":
        return {str(k): v for k, v in value.items()}
    return value


def close_match_hint(word: str, known: list[str]) -> str:
    """" (did you mean 'x'?)" for the nearest of `known`, or ""."""
    close = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class SettingError(ValueError):
    """A bad value in a `settings:` section; `key` (None: the whole section) locates it."""

    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class SettingsSchema(Generic[T]):
    """A rule type's `settings: <section>:` keys, and how they become one frozen, typed value.

    A type module exports one as `SETTINGS`; config validates the section at load (unknown
    keys with a close match, kinds, then `make`), so checks only ever see a `T`
    (`context.settings_of(SETTINGS)`). `make` receives every key (given or default) with its
    kind checked and raises SettingError for a value it refuses.
    """

    section: str
    keys: Mapping[str, Option]
    make: Callable[[Mapping[str, Any]], T]

    def parse(self, raw: Mapping[str, Any]) -> T:
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in self.keys:
                raise SettingError(
                    str(key), f"unknown key 'settings.{self.section}.{key}'{close_match_hint(str(key), list(self.keys))}; known: {', '.join(self.keys)}"
                )
            if value is None:  # `key:` with no value: the default
                continue
            try:
                values[key] = check_value(f"settings.{self.section}.{key}", self.keys[key], value)
            except ValueError as error:
                raise SettingError(str(key), str(error)) from None
        for key, option in self.keys.items():
            values.setdefault(key, option.default)
        return self.make(values)

    @functools.cached_property
    def default(self) -> T:
        """The settings of a config that does not mention the section."""
        return self.parse({})
