"""YAML rule files -> validated, frozen RuleSpecs. Every error names FILE:LINE:COL."""

from __future__ import annotations

import difflib
import functools
import importlib.resources
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from claimlint.finding import Category, Severity
from claimlint.markup import BlockKind

# libyaml's loader when present: the same safe loading, ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_FAST_NESTING = 5000
RULE_ID = regex.compile(r"[A-Z]{3}[0-9]{3}")
RULE_NAME = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
SCOPES: Mapping[str, frozenset[BlockKind]] = {
    "prose": frozenset(BlockKind),
    **{kind.value: frozenset({kind}) for kind in BlockKind},
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


class _KeepMissing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Option:
    """One type-specific rule key: its kind, default and meaning (for docs)."""

    kind: str  # str | int | float | bool | list | map | any
    default: Any = None
    required: bool = False
    help: str = ""


_COMMON_REQUIRED = ("code", "name", "type", "category", "severity", "message", "rationale", "examples")
_COMMON_OPTIONAL = ("summary", "fix", "suggest", "scope", "aliases", "enabled")


def default_rules_dir() -> Path:
    """The default pack: inside the installed package, or rules/ of a source checkout."""
    packaged = Path(str(importlib.resources.files("claimlint"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@functools.lru_cache(maxsize=4096)  # pure for one installation; asked once per rule built
def _in_default_pack(path: str) -> bool:
    return Path(path).resolve().is_relative_to(default_rules_dir().resolve())


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rule_dirs(directories: Iterable[Path]) -> list[RuleSpec]:
    """Every rule of every file under the folders; duplicate ids are an error."""
    specs: list[RuleSpec] = []
    seen: dict[str, RuleSpec] = {}
    for directory in directories:
        if not directory.is_dir():
            raise RuleFileError(str(directory), 1, 1, "rule folder does not exist")
        for path in rule_files(directory):
            for spec in load_rule_file(path):
                for key in (spec.code, spec.name):
                    if key in seen:
                        other = seen[key]
                        raise RuleFileError(spec.path, spec.line, 1, f"rule id {key!r} is already defined at {other.path}:{other.line}")
                    seen[key] = spec
                specs.append(spec)
    return specs


def load_rule_file(path: Path) -> list[RuleSpec]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(name, 1, 1, f"cannot read rule file: {error}") from None
    # libyaml recurses on the C stack and crashed the process at 50,000 nested '['; the pure
    # Python loader raises RecursionError instead. Only a file with that many openers pays for it.
    nesting = text.count("[") + text.count("{") + text.count("- ")
    loader = (_LOADER if nesting < _MAX_FAST_NESTING else yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise RuleFileError(name, 1, 1, "empty rule file")
        nodes = root.value if isinstance(root, yaml.SequenceNode) else [root]
        specs = []
        for node in nodes:
            if not isinstance(node, yaml.MappingNode):
                raise RuleFileError(name, _line(node), _column(node), "a rule must be a mapping of keys to values")
            specs.append(_rule_from_node(loader, node, name))
        return specs
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RuleFileError(name, line, column, f"invalid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise RuleFileError(name, 1, 1, f"invalid YAML: {error}") from None
    except RecursionError:  # hostile nesting ([[[[...]]]]): a message, not a traceback
        raise RuleFileError(name, 1, 1, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _column(node: yaml.Node) -> int:
    return int(node.start_mark.column) + 1


def _rule_from_node(loader: yaml.SafeLoader, node: yaml.MappingNode, path: str) -> RuleSpec:
    from claimlint.checks import rule_type  # the registry imports check modules lazily

    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    example_lines: dict[str, tuple[int, ...]] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if not isinstance(key, str):
            raise RuleFileError(path, _line(key_node), _column(key_node), "rule keys must be strings")
        if key in values:
            raise RuleFileError(path, _line(key_node), _column(key_node), f"duplicate key {key!r}")
        values[key] = loader.construct_object(value_node, deep=True)
        lines[key] = _line(key_node)
        if key == "examples":
            example_lines = _example_lines(value_node)
    rule_line = _line(node)

    def fail(message: str, key: str | None = None) -> RuleFileError:
        return RuleFileError(path, lines.get(key, rule_line) if key else rule_line, 1, message)

    for key in _COMMON_REQUIRED:
        if key not in values:
            raise fail(f"missing required key {key!r}")
    type_name = _expect(values, "type", str, fail)
    try:
        module = rule_type(type_name)
    except KeyError as error:
        raise fail(str(error.args[0]), "type") from None
    options: Mapping[str, Option] = module.OPTIONS
    known = set(_COMMON_REQUIRED) | set(_COMMON_OPTIONAL) | set(options)
    for key in values:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise fail(f"unknown key {key!r} for a {type_name!r} rule{hint}", key)

    code = _expect(values, "code", str, fail)
    if not RULE_ID.fullmatch(code):
        raise fail(f"rule id {code!r} must be three capital letters and three digits, like CLM101", "code")
    rule_name = _expect(values, "name", str, fail)
    if not RULE_NAME.fullmatch(rule_name):
        raise fail(f"rule name {rule_name!r} must be kebab-case, like cure-language", "name")
    category = _enum(Category, values, "category", fail)
    severity = _enum(Severity, values, "severity", fail)
    examples = values["examples"]
    if not isinstance(examples, dict) or set(examples) - {"fail", "pass"}:
        raise fail("examples must be a mapping with 'fail' and 'pass' lists", "examples")
    examples_fail = _string_list(examples.get("fail") or [], "examples.fail", fail, "examples")
    examples_pass = _string_list(examples.get("pass") or [], "examples.pass", fail, "examples")
    if not examples_fail:
        raise fail("examples.fail must give at least one failing example", "examples")
    scope_names = _string_list(values.get("scope", ["prose"]), "scope", fail, "scope")
    scope: frozenset[BlockKind] = frozenset()
    for scope_name in scope_names:
        if scope_name not in SCOPES:
            raise fail(f"unknown scope {scope_name!r}; use one of {', '.join(SCOPES)}", "scope")
        scope |= SCOPES[scope_name]
    enabled = values.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("enabled must be true or false", "enabled")

    type_options = {}
    for key, option in options.items():
        if key in values:
            type_options[key] = _check_option(key, option, values[key], fail)
        elif option.required:
            raise fail(f"missing required key {key!r} for a {type_name!r} rule")
        else:
            type_options[key] = option.default

    rationale = _expect(values, "rationale", str, fail).strip()
    suggest = values.get("suggest")
    if suggest is not None and not isinstance(suggest, str):
        raise fail("suggest must be a string", "suggest")
    spec = RuleSpec(
        code=code,
        name=rule_name,
        type=type_name,
        category=category,
        severity=severity,
        message=_expect(values, "message", str, fail),
        rationale=rationale,
        summary=str(values.get("summary") or rationale.split(". ")[0].rstrip(".")),
        fix=str(values.get("fix") or ""),
        suggest=suggest,
        scope=scope,
        examples_fail=examples_fail,
        examples_pass=examples_pass,
        examples_fail_lines=_lines_for(examples_fail, example_lines.get("fail"), lines["examples"]),
        examples_pass_lines=_lines_for(examples_pass, example_lines.get("pass"), lines["examples"]),
        aliases=_string_list(values.get("aliases", []), "aliases", fail, "aliases"),
        enabled=enabled,
        options=type_options,
        path=path,
        line=rule_line,
        option_lines=lines,
    )
    module.build(spec)  # compiles patterns now, so a bad regex fails at load with its line
    return spec


def _example_lines(node: yaml.Node) -> dict[str, tuple[int, ...]]:
    """The line of each item under examples.fail / examples.pass (a lone string: its own line)."""
    found: dict[str, tuple[int, ...]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            found[str(key_node.value)] = tuple(_line(item) for item in items)
    return found


def _lines_for(texts: tuple[str, ...], found: tuple[int, ...] | None, fallback: int) -> tuple[int, ...]:
    return found if found is not None and len(found) == len(texts) else (fallback,) * len(texts)


def _expect(values: dict[str, Any], key: str, kind: type, fail: Any) -> Any:
    value = values[key]
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        raise fail(f"{key} must be a non-empty {kind.__name__}", key)
    return value


def _enum(kind: Any, values: dict[str, Any], key: str, fail: Any) -> Any:
    try:
        return kind(values[key])
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise fail(f"{key} {values[key]!r} is not one of: {allowed}", key) from None


def _string_list(value: Any, label: str, fail: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(f"{label} must be a list of strings", key)
    return tuple(value)


_KINDS: Mapping[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "map": (dict,),
}


def _check_option(key: str, option: Option, value: Any, fail: Any) -> Any:
    if option.kind == "any":
        return value
    allowed = _KINDS[option.kind]
    if isinstance(value, bool) and option.kind in ("int", "float"):
        raise fail(f"{key} must be a number, not {value!r}", key)
    if option.kind == "list" and isinstance(value, str):
        value = [value]
    if not isinstance(value, allowed):
        raise fail(f"{key} must be a {option.kind}, not {type(value).__name__}", key)
    if option.kind == "list":
        if not all(isinstance(item, (str, int, float)) for item in value):
            raise fail(f"{key} must be a list of strings", key)
        return tuple(str(item) for item in value)
    if option.kind == "map":
        return {str(k): v for k, v in value.items()}
    return value
