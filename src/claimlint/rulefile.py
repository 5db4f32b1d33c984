"""YAML rule files -> validated RuleSpecs, each built into its check once. Every error names FILE:LINE:COL."""

from __future__ import annotations

import functools

import importlib.resources
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex
import yaml

from claimlint.finding import Category, Severity
from claimlint.markup import BlockKind
from claimlint.spec import CATEGORY_PREFIXES, Option, RuleFileError, RuleSpec, check_value, close_match_hint
from claimlint.patterns import lazy_regex

if TYPE_CHECKING:
    from claimlint.cache import Cache
    from claimlint.checks import Check
    from claimlint.patterns import Vetted

# libyaml's loader when present: the same safe loading, ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAX_FAST_NESTING = 5000
RULE_ID = lazy_regex(r"[A-Z]{3}[0-9]{3}")
RULE_NAME = lazy_regex(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
SCOPES: Mapping[str, frozenset[BlockKind]] = {
    "prose": frozenset(BlockKind),
    **{kind.value: frozenset({kind}) for kind in BlockKind},
}


_COMMON_REQUIRED = ("code", "name", "type", "category", "severity", "message", "rationale", "examples")
_COMMON_OPTIONAL = ("summary", "fix", "suggest", "scope", "aliases", "enabled")


def default_rules_dir() -> Path:
    """The default pack: inside the installed package, or rules/ of a source checkout."""
    packaged = Path(str(importlib.resources.files("claimlint"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rule_dirs(directories: Iterable[Path], cache: Cache | None = None) -> list[Check]:
    """The check of every rule of every file under the folders; duplicate ids and names are an error.

    With a `cache`, a file checked before with the same content (and the same claimlint) is
    not compiled again: see `load_rule_file`."""
    checks: list[Check] = []
    seen: dict[str, RuleSpec] = {}
    for directory in directories:
        if not directory.is_dir():
            raise RuleFileError(str(directory), 1, 1, "rule folder does not exist")
        for path in rule_files(directory):
            for check in load_rule_file(path, cache):
                spec = check.spec
                for key in (spec.code, spec.name, *spec.aliases):
                    if key in seen:
                        other = seen[key]
                        raise RuleFileError(spec.path, spec.line, 1, f"rule id {key!r} is already defined at {other.path}:{other.line}")
                    seen[key] = spec
                checks.append(check)
    return checks


def load_rule_file(path: Path, cache: Cache | None = None) -> list[Check]:
    """The check of each rule in the file, built once: a bad option or regex fails here, with its line.

    Checking a file's patterns means compiling them (`regex`'s compiler is pure Python: most
    of a one-article run). The rule-data cache remembers, by the file's content and
    claimlint's code, that a file passed and what its patterns' prefixes are: such a file is
    built `vetted`, its patterns compiled only when a document needs them. A missing,
    damaged or unwritable cache only costs the compiling.
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(name, 1, 1, f"cannot read rule file: {error}") from None
    if cache is not None:
        try:
            return list(_vetted_build(name, text, _Unkeyed(cache)))
        except _NoRuleData:
            pass
    checks = list(_checked_build(name, text))
    if cache is not None:
        from claimlint.patterns import learn

        learnt = learn(checks)
        cache.put(
            RULE_DATA,
            _rule_data_key(text),
            {
                "prefixes": {body: None if found is None else list(found) for body, found in learnt.prefixes.items()},
                "required": {body: [list(options) for options in sets] for body, sets in learnt.required.items()},
            },
        )
    return checks


class _NoRuleData(Exception):
    """The rule-data cache holds nothing usable for this file (not kept by lru_cache: asked again next time)."""


class _Unkeyed:
    """An argument `lru_cache` leaves out of its key: the rule data follow from the file's text
    and claimlint's code (the rule-data cache's key), so name and text say what a build gives."""

    def __init__(self, value: Cache) -> None:
        self.value = value

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unkeyed)


# A process that loads the same rule files again (the language server, the resident process's
# children) builds each once: reading the rule data, YAML parsing and option checks were a
# fifth of a warm run. A build from the rule data equals one without (they only spare the work).
@functools.lru_cache(maxsize=256)
def _vetted_build(name: str, text: str, unkeyed_cache: _Unkeyed) -> tuple[Check, ...]:
    vetted = _cached_rule_data(unkeyed_cache.value, _rule_data_key(text))
    if vetted is None:
        raise _NoRuleData
    return tuple(_load_rules(name, text, vetted))


@functools.lru_cache(maxsize=256)
def _checked_build(name: str, text: str) -> tuple[Check, ...]:
    return tuple(_load_rules(name, text, None))


RULE_DATA = "rules"  # the cache namespace of rule data


def _rule_data_key(text: str) -> str:
    import sys

    from claimlint.cache import code_fingerprint, digest

    # What checking a file depends on besides its text: our code, `regex` (what compiles) and
    # Python's own regex parser (what prefixes are derived from).
    return digest(code_fingerprint(), str(regex.__version__), sys.version, text)


def _cached_rule_data(cache: Cache, key: str) -> Vetted | None:
    """The cached data of a rule file with this content; None when missing or not of the expected shape."""
    from claimlint.patterns import Vetted

    value = cache.get(RULE_DATA, key)
    if not isinstance(value, dict):
        return None
    table, stored_required = value.get("prefixes"), value.get("required", {})
    if not (isinstance(table, dict) and isinstance(stored_required, dict)):
        return None
    prefixes: dict[str, tuple[str, ...] | None] = {}
    for body, found in table.items():
        if found is None:
            prefixes[body] = None
        elif isinstance(found, list) and found and all(isinstance(item, str) and item for item in found):
            prefixes[body] = tuple(found)
        else:
            return None
    required: dict[str, tuple[tuple[str, ...], ...]] = {}
    for body, sets in stored_required.items():
        if not (isinstance(sets, list) and all(isinstance(options, list) and options and all(isinstance(text, str) and text for text in options) for options in sets)):
            return None
        required[body] = tuple(tuple(options) for options in sets)
    return Vetted(prefixes, required)


def _load_rules(name: str, text: str, vetted: Vetted | None) -> list[Check]:
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
            specs.append(_rule_from_node(loader, node, name, vetted))
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


def _rule_from_node(loader: yaml.SafeLoader, node: yaml.MappingNode, path: str, vetted: Vetted | None = None) -> Check:
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
            raise fail(f"unknown key {key!r} for a {type_name!r} rule{close_match_hint(key, sorted(known))}", key)

    code = _expect(values, "code", str, fail)
    if not RULE_ID.fullmatch(code):
        raise fail(f"rule id {code!r} must be three capital letters and three digits, like CLM101", "code")
    rule_name = _expect(values, "name", str, fail)
    if not RULE_NAME.fullmatch(rule_name):
        raise fail(f"rule name {rule_name!r} must be kebab-case, like cure-claim", "name")
    category = _enum(Category, values, "category", fail)
    prefix_category = CATEGORY_PREFIXES.get(code[:3])
    if prefix_category is not None and prefix_category is not category:
        raise fail(f"rule id {code!r} has the prefix of {prefix_category.value} rules, but category {category.value!r}", "category")
    severity = _enum(Severity, values, "severity", fail)
    examples = values["examples"]
    if not isinstance(examples, dict) or set(examples) - {"fail", "pass"}:
        raise fail("examples must be a mapping with 'fail' and 'pass' lists", "examples")
    examples_fail, examples_fail_excerpts = _fail_examples(examples.get("fail") or [], fail)
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
        examples_fail_excerpts=examples_fail_excerpts,
        examples_pass=examples_pass,
        examples_fail_lines=_lines_for(examples_fail, example_lines.get("fail"), lines["examples"]),
        examples_pass_lines=_lines_for(examples_pass, example_lines.get("pass"), lines["examples"]),
        aliases=_string_list(values.get("aliases", []), "aliases", fail, "aliases"),
        enabled=enabled,
        options=type_options,
        path=path,
        line=rule_line,
        option_lines=lines,
        vetted=vetted,
    )
    from claimlint.templates import template_problem

    for key in ("message", "suggest"):
        problem = template_problem(values[key], getattr(module, "MESSAGE_FIELDS", None)) if isinstance(values.get(key), str) else None
        if problem:
            raise fail(f"{key}: {problem}", key)
    check: Check = module.build(spec)  # compiles patterns now, so a bad regex fails at load with its line
    return check


def _fail_examples(value: Any, fail: Any) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """examples.fail: texts, or {text, excerpt} mappings naming what the rule must flag in the text."""
    items = [value] if isinstance(value, (str, dict)) else value
    if not isinstance(items, list):
        raise fail("examples.fail must be a list of texts or {text, excerpt} mappings", "examples")
    texts: list[str] = []
    excerpts: list[str | None] = []
    for item in items:
        if isinstance(item, str):
            texts.append(item)
            excerpts.append(None)
            continue
        if not isinstance(item, dict) or set(item) - {"text", "excerpt"} or not isinstance(item.get("text"), str):
            raise fail("an examples.fail item must be a text or a mapping {text: ..., excerpt: ...}", "examples")
        excerpt = item.get("excerpt")
        if excerpt is not None and (not isinstance(excerpt, str) or excerpt not in item["text"]):
            raise fail(f"examples.fail excerpt {excerpt!r} must be a part of its text {item['text']!r}", "examples")
        texts.append(item["text"])
        excerpts.append(excerpt)
    return tuple(texts), tuple(excerpts)


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
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
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


def _check_option(key: str, option: Option, value: Any, fail: Any) -> Any:
    try:
        return check_value(key, option, value)
    except ValueError as error:
        raise fail(str(error), key) from None
