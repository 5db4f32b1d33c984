"""claimlint.yaml | .claimlint.yaml | [tool.claimlint] in pyproject.toml -> frozen Config.

Found from the working folder upward. Precedence: command line > config file > defaults.
Relative paths in a config file are relative to the file's folder.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from claimlint.finding import Severity
from claimlint.overrides import COMMAND_LINE, Override, parse_overrides

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
    settings: Mapping[str, Any] = field(default_factory=dict)  # per rule type: {grammar: {...}}
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


def _mapping(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must be a mapping")
    return dict(value)


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
    "settings": ("settings", _mapping),
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
    if path.name == "pyproject.toml":
        values, lines = _read_pyproject(path), {}
    else:
        values, lines = _read_yaml(path)
    root = path.parent.resolve()
    changes: dict[str, Any] = {"root": root, "source": label}
    origins: dict[str, str] = {}
    for key, value in values.items():
        normalized = key.replace("_", "-")
        if normalized not in _KEYS:
            close = difflib.get_close_matches(normalized, list(_KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{label}:{lines.get(key, 1)}: unknown key '{key}'{hint}")
        name, parse = _KEYS[normalized]
        try:
            parsed = parse(value, normalized)
        except ValueError as error:
            raise ConfigError(f"{label}:{lines.get(key, 1)}: {error}") from None
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
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node is not None else {}
    return data, lines


def _read_pyproject(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}:1: cannot read [tool.claimlint]: {error}") from None
    section = data.get("tool", {}).get("claimlint", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}:1: [tool.claimlint] must be a table")
    return section


