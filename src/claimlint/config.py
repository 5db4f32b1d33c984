"""claimlint.yaml | .claimlint.yaml | [tool.claimlint] in pyproject.toml -> frozen Config.

Found from the working folder upward. Precedence: command line > config file > defaults.
Relative paths in a config file are relative to the file's folder.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from claimlint.finding import Severity
from claimlint.overrides import COMMAND_LINE, Override, parse_overrides
from claimlint.spec import close_match_hint

CONFIG_NAMES = ("claimlint.yaml", ".claimlint.yaml", "claimlint.yml", ".claimlint.yml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".claimlint_cache", ".tox", "build", "dist")


class ConfigError(Exception):
    """A config problem; str() is the one line the user sees."""


@dataclass(frozen=True)
class Config:
    root: Path = field(default_factory=Path.cwd)  # folder of the config file, or the working folder
    source: str | None = None  # the config file, if any
    rules: tuple[Path, ...] = ()  # extra rule folders
    default_rules: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    fail_on: Severity | None = Severity.ERROR  # None: never fail on findings
    corpus: tuple[str, ...] = ()  # globs naming the corpus for boilerplate checks
    cache_dir: Path | None = None
    max_file_size: int = 10 * 1024 * 1024
    pattern_timeout: float = 0.5
    # A file skipped on purpose (binary, too large, not a regular file) is a notice (false) or,
    # like an unreadable one, a SYS005 finding and exit status 3 (true): a stray NUL byte in an
    # article must not let its claims pass CI unread.
    fail_on_skipped: bool = False
    # Per rule type, its `settings:` section as written, validated at load; checks get the typed
    # values (parse_settings, in engine.run_context), overrides merge these key by key.
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    page_type: str = "auto"  # auto | promotional | reporting | advice (see pagetype.py); front matter wins
    overrides: tuple[Override, ...] = ()  # per-path changes, applied in order (overrides.py)
    # Where each key's value came from ("claimlint.yaml:3", "command line"); absent: the default.
    origins: Mapping[str, str] = field(default_factory=dict)

    def with_overrides(self, **changes: Any) -> Config:
        """Command-line values win over the file; None means 'not given'."""
        given = {key: value for key, value in changes.items() if value is not None}
        origins = {**self.origins, **{key.replace("_", "-"): COMMAND_LINE for key in given}}
        return replace(self, **given, origins=origins)


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"'{key}' must be a list of strings")
    return tuple(value)


def _fail_on(value: Any, key: str) -> Severity | None:
    if value in ("never", False, None):
        return None
    try:
        return Severity(value)
    except ValueError:
        raise ValueError(f"'{key}' must be one of error, warning, info, never") from None


def _severities(value: Any, key: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must map rule ids to error, warning or info")
    try:
        return {str(rule): Severity(level) for rule, level in value.items()}
    except ValueError as error:
        raise ValueError(f"'{key}': {error}") from None


def _per_file(value: Any, key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must map globs to lists of rule ids")
    return tuple((str(glob), _strings(rules, f"{key}.{glob}")) for glob, rules in value.items())


def _positive(kind: type) -> Callable[[Any, str], Any]:
    def parse(value: Any, key: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"'{key}' must be a positive number")
        return kind(value)

    return parse


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false")
    return value


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value


def _page_type(value: Any, key: str) -> str:
    from claimlint import pagetype

    try:
        return pagetype.parse_choice(value)
    except ValueError as error:
        raise ValueError(f"'{key}': {error}") from None


# Config key (as written, kebab-case) -> (Config field, parser).
_KEYS: Mapping[str, tuple[str, Callable[[Any, str], Any]]] = {
    "rules": ("rules", _strings),
    "default-rules": ("default_rules", _boolean),
    "select": ("select", _strings),
    "ignore": ("ignore", _strings),
    "severity": ("severity", _severities),
    "per-file-ignores": ("per_file_ignores", _per_file),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("exclude", _strings),
    "fail-on": ("fail_on", _fail_on),
    "corpus": ("corpus", _strings),
    "cache-dir": ("cache_dir", _string),
    "max-file-size": ("max_file_size", _positive(int)),
    "pattern-timeout": ("pattern_timeout", _positive(float)),
    "fail-on-skipped": ("fail_on_skipped", _boolean),
    "settings": ("settings", lambda value, key: value),  # validated by parse_settings, which needs lines
    "page-type": ("page_type", _page_type),
    "overrides": ("overrides", lambda value, key: value),  # parsed by parse_overrides, which names the entry
}


def find_config(start: Path) -> Path | None:
    """The nearest config file from `start` upward."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.claimlint" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    label = str(path)
    lines: dict[str, int] = {}
    if path.name == "pyproject.toml":
        values, lines = _read_pyproject(path)
    else:
        values, lines = _read_yaml(path)
    root = path.parent.resolve()
    changes: dict[str, Any] = {"root": root, "source": label}
    origins: dict[str, str] = {}
    for key, value in values.items():
        normalized = key.replace("_", "-")
        if normalized not in _KEYS:
            raise ConfigError(f"{label}:{lines.get(key, 1)}: unknown key '{key}'{close_match_hint(normalized, list(_KEYS))}")
        name, parse = _KEYS[normalized]
        try:
            parsed = parse(value, normalized)
        except ValueError as error:
            raise ConfigError(f"{label}:{lines.get(key, 1)}: {error}") from None
        if normalized == "settings":
            parse_settings(value, label, lines, prefix=key)  # validated now, with lines; kept as written
            parsed = {str(section): dict(raw or {}) for section, raw in value.items()} if value else {}
        if normalized == "extend-exclude":
            parsed = DEFAULT_EXCLUDE + parsed
        if normalized == "overrides":
            try:
                parsed = parse_overrides(value, _shown(path), lines.get(key, 1))
            except ValueError as error:
                raise ConfigError(f"{label}:{lines.get(key, 1)}: {error}") from None
        changes[name] = parsed
        origins[normalized] = f"{_shown(path)}:{lines.get(key, 1)}"
    if "rules" in changes:
        changes["rules"] = tuple(root / folder for folder in changes["rules"])
    if "cache_dir" in changes:
        changes["cache_dir"] = root / changes["cache_dir"]
    return replace(Config(), **changes, origins=origins)


def parse_settings(value: Any, label: str, lines: Mapping[str, int], prefix: str = "settings") -> dict[str, object]:
    """A `settings:` mapping -> each rule type's typed settings, checked by the type's SettingsSchema.

    One ConfigError `label:LINE: message` at the line of the key at fault (`lines` maps dotted
    keys such as "settings.grammar.url" to lines), with a close match for a misspelt key.
    """
    from claimlint.checks import RULE_TYPES, settings_schema
    from claimlint.spec import SettingError

    def fail(message: str, *keys: str) -> ConfigError:
        dotted = [".".join((prefix, *keys[:depth])) for depth in range(len(keys), -1, -1)]
        line = next((lines[key] for key in dotted if key in lines), 1)
        return ConfigError(f"{label}:{line}: {message}")

    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(f"'{prefix}' must be a mapping of rule types to their settings")
    parsed: dict[str, object] = {}
    for section, raw in value.items():
        section = str(section)
        if section not in RULE_TYPES:
            raise fail(f"'{prefix}.{section}': no rule type '{section}'{close_match_hint(section, sorted(RULE_TYPES))}", section)
        schema = settings_schema(section)
        if schema is None:
            with_settings = [name for name in RULE_TYPES if settings_schema(name) is not None]
            raise fail(f"'{prefix}.{section}': the '{section}' rule type has no settings (types with settings: {', '.join(with_settings)})", section)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise fail(f"'{prefix}.{section}' must be a mapping", section)
        try:
            parsed[section] = schema.parse(raw)
        except SettingError as error:
            raise fail(str(error), section, *((error.key,) if error.key else ())) from None
    return parsed


def _key_lines(node: yaml.Node, prefix: str = "", depth: int = 3) -> dict[str, int]:
    """Dotted key -> 1-based line, for mapping keys down to `depth` levels ("settings.grammar.url")."""
    lines: dict[str, int] = {}
    if depth == 0 or not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        name = f"{prefix}{key.value}"
        lines[name] = key.start_mark.line + 1
        lines.update(_key_lines(value, name + ".", depth - 1))
    return lines


def _shown(path: Path) -> str:
    """The config's path as --show-settings names it: relative to the working folder when inside it."""
    import os

    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else relative


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except OSError as error:
        raise ConfigError(f"{path}:1: cannot read config: {error.strerror}") from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise ConfigError(f"{path}:{line}: invalid YAML: {error.problem}") from None
    except yaml.YAMLError as error:  # e.g. a control character the reader refuses
        raise ConfigError(f"{path}:1: invalid YAML: {error}".replace("\n", " ")) from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}:1: config is not UTF-8 (invalid byte 0x{error.object[error.start]:02x})") from None
    except RecursionError:  # hostile nesting ([[[[...]]]]): a message, not a traceback
        raise ConfigError(f"{path}:1: invalid YAML: nested too deeply") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the config must be a mapping of keys to values")
    return data, (_key_lines(node) if node is not None else {})


def _read_pyproject(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}:1: cannot read [tool.claimlint]: {error}") from None
    section = data.get("tool", {}).get("claimlint", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}:1: [tool.claimlint] must be a table")
    return section, _pyproject_key_lines(path.read_text(encoding="utf-8", errors="replace"))


_TOML_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[.=]""")


def _pyproject_key_lines(text: str) -> dict[str, int]:
    """The line of each key of [tool.claimlint] (tomllib keeps none), for FILE:LINE errors.

    A key of the table itself is on its own line; a sub-table ([tool.claimlint.settings],
    [[tool.claimlint.overrides]]) is found at its header.
    """
    lines: dict[str, int] = {}
    table: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _TOML_HEADER.match(line)
        if header:
            table = [part.strip().strip("\"'") for part in header.group(2).split(".")]
            if table[:2] == ["tool", "claimlint"] and len(table) > 2:
                lines.setdefault(table[2], number)
            continue
        if table == ["tool", "claimlint"]:
            key = _TOML_KEY.match(line)
            if key:
                lines.setdefault(next(group for group in key.groups() if group), number)
    return lines


