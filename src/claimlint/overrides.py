"""Config by section of a site: `overrides:` entries that change settings for matching paths.

```yaml
overrides:
  - files: ["news/**"]            # globs, relative to the config's folder (like per-file-ignores)
    page-type: reporting
    ignore: [DSC101]
  - files: ["shop/**/*.html"]
    page-type: promotional
    severity: {claim: error}
    settings: {duplicate: {min_words: 10}}
```

Every entry whose globs match a file applies, in the order written (like eslint's `overrides`
and ruff's per-file settings), on top of the config's top-level values:

- `select` replaces the selection (unless `--select` was given: the command line wins);
  `extend-select` adds to it; `ignore` adds to what is ignored;
- `severity` and `settings` merge key by key (a rule type's settings too), later entries winning;
- `page-type` replaces the page type.

A file's effective config is `effective(config, path)`; `explain(config, path)` says where each
value came from (`claimlint check --show-settings PATH`). Runs build one rule set per distinct
combination of matching entries (`profile`), once per run.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimlint.finding import Severity
from claimlint.spec import close_match_hint

if TYPE_CHECKING:
    from claimlint.checks import Check, RunContext
    from claimlint.config import Config
    from claimlint.engine import RuleSet
    from claimlint.finding import Notice

COMMAND_LINE = "command line"
DEFAULT = "default"
KEYS = ("files", "select", "extend-select", "ignore", "severity", "settings", "page-type")


@dataclass(frozen=True)
class Override:
    """One `overrides:` entry, validated."""

    files: tuple[str, ...]
    origin: str  # "claimlint.yaml:7 overrides[1]": where it is written
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] | None = None
    settings: Mapping[str, Mapping[str, Any]] | None = None
    page_type: str | None = None


def path_matches(path: str, pattern: str, root: Path) -> bool:
    """`pattern` matches the path as given or relative to `root` (the config's folder)."""
    candidates = {path, path.replace("\\", "/")}
    try:
        candidates.add(Path(path).resolve().relative_to(root).as_posix())
    except ValueError:
        pass
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates)


def parse_overrides(value: Any, label: str, line: int) -> tuple[Override, ...]:
    """The `overrides:` value -> Overrides; ValueError naming the entry and key at fault."""
    from claimlint import pagetype
    from claimlint.config import _severities, _strings

    if not isinstance(value, list):
        raise ValueError("'overrides' must be a list of entries, each with 'files' and the settings to change")
    entries = []
    for number, entry in enumerate(value):
        where = f"overrides[{number}]"
        if not isinstance(entry, dict):
            raise ValueError(f"'{where}' must be a mapping with 'files' and the settings to change")
        for key in entry:
            normalized = str(key).replace("_", "-")
            if normalized not in KEYS:
                raise ValueError(f"'{where}': unknown key '{key}'{close_match_hint(normalized, list(KEYS))}")
        values = {str(key).replace("_", "-"): item for key, item in entry.items()}
        if "files" not in values:
            raise ValueError(f"'{where}' needs 'files': the globs of the paths it applies to")
        files = _strings(values["files"], f"{where}.files")
        if not files:
            raise ValueError(f"'{where}.files' must name at least one glob")
        settings = values.get("settings")
        if settings is not None and (not isinstance(settings, dict) or not all(isinstance(v, dict) for v in settings.values())):
            raise ValueError(f"'{where}.settings' must map rule types to mappings of their settings")
        if settings is not None:  # each type's keys and values, as for the top-level settings
            from claimlint.config import parse_settings

            parse_settings(settings, label, {f"{where}.settings": line}, prefix=f"{where}.settings")
        page_type = values.get("page-type")
        if page_type is not None:
            try:
                page_type = pagetype.parse_choice(page_type)
            except ValueError as error:
                raise ValueError(f"'{where}.page-type': {error}") from None
        entries.append(
            Override(
                files=files,
                origin=f"{label}:{line} {where}",
                select=_strings(values["select"], f"{where}.select") if "select" in values else None,
                extend_select=_strings(values.get("extend-select", []), f"{where}.extend-select"),
                ignore=_strings(values.get("ignore", []), f"{where}.ignore"),
                severity=_severities(values["severity"], f"{where}.severity") if "severity" in values else None,
                settings={str(k): dict(v) for k, v in settings.items()} if settings is not None else None,
                page_type=page_type,
            )
        )
    return tuple(entries)


def matching(config: Config, path: str) -> tuple[int, ...]:
    """Indexes of the entries that apply to `path`, in order."""
    return tuple(i for i, entry in enumerate(config.overrides) if any(path_matches(path, glob, config.root) for glob in entry.files))


@dataclass(frozen=True)
class Setting:
    """One effective value and every place that set it, first to last."""

    key: str
    value: str
    origins: tuple[str, ...]


def apply(config: Config, indexes: tuple[int, ...]) -> tuple[Config, tuple[Setting, ...]]:
    """The config with the entries at `indexes` applied in order, and where each value came from."""
    origin = config.origins
    select, select_from = config.select, [origin.get("select", DEFAULT)]
    ignore, ignore_from = config.ignore, [origin.get("ignore", DEFAULT)]
    severity, severity_from = dict(config.severity), [origin.get("severity", DEFAULT)]
    settings = {section: dict(values) if isinstance(values, Mapping) else values for section, values in config.settings.items()}
    settings_from = {section: [origin.get("settings", DEFAULT)] for section in settings}
    page_type, page_type_from = config.page_type, [origin.get("page-type", DEFAULT)]
    for index in indexes:
        entry = config.overrides[index]
        if entry.select is not None and origin.get("select") != COMMAND_LINE:
            select, select_from = entry.select, [entry.origin]
        if entry.extend_select:  # an empty selection is every rule on by default: ALL says so
            select = (*(select or ("ALL",)), *entry.extend_select)
            select_from.append(entry.origin)
        if entry.ignore:
            ignore = (*ignore, *entry.ignore)
            ignore_from.append(entry.origin)
        if entry.severity:
            severity.update(entry.severity)
            severity_from.append(entry.origin)
        for section, values in (entry.settings or {}).items():
            base = settings.get(section)
            settings[section] = {**(base if isinstance(base, Mapping) else {}), **values}
            settings_from.setdefault(section, []).append(entry.origin)
        if entry.page_type is not None:
            page_type, page_type_from = entry.page_type, [entry.origin]
    applied = replace(config, select=select, ignore=ignore, severity=severity, settings=settings, page_type=page_type)
    explained = [
        Setting("select", ", ".join(select) or "(every rule on by default)", _cleaned(select_from)),
        Setting("ignore", ", ".join(ignore) or "(none)", _cleaned(ignore_from)),
        Setting("severity", ", ".join(f"{key}={level.value}" for key, level in severity.items()) or "(each rule's own)", _cleaned(severity_from)),
        Setting("page-type", page_type, _cleaned(page_type_from)),
        *(Setting(f"settings.{section}", _show(settings[section]), _cleaned(settings_from[section])) for section in sorted(settings)),
    ]
    return applied, tuple(explained)


def _cleaned(origins: list[str]) -> tuple[str, ...]:
    """A default followed by real origins: only the real ones."""
    real = [origin for origin in origins if origin != DEFAULT]
    return tuple(dict.fromkeys(real)) or (DEFAULT,)


def _show(values: object) -> str:
    if isinstance(values, Mapping):
        return "{" + ", ".join(f"{key}: {value!r}" for key, value in values.items()) + "}"
    return repr(values)


def effective(config: Config, path: str) -> Config:
    return apply(config, matching(config, path))[0]


def explain(config: Config, path: str, ruleset: RuleSet) -> str:
    """What `claimlint check --show-settings PATH` prints: each value and where it came from,
    then the rules that run on the file with their severities."""
    from claimlint import engine

    indexes = matching(config, path)
    applied, settings = apply(config, indexes)
    source = os.path.relpath(config.source) if config.source else "(none found; defaults)"
    lines = [f"settings for {path}", f"config: {source if not source.startswith('..') else config.source}"]
    lines.append("overrides applied: " + (", ".join(config.overrides[i].origin for i in indexes) or "(none match)"))
    width = max(len(setting.key) for setting in settings)
    lines += [f"{setting.key + ':':<{width + 1}} {setting.value}  [{'; '.join(setting.origins)}]" for setting in settings]
    active = engine.build_ruleset(applied, ruleset.loaded).active
    lines.append(f"rules ({len(active)}): " + ", ".join(f"{spec.code} {spec.severity.value}" for spec in active))
    return "\n".join(lines) + "\n"


def profile(path: str, ruleset: RuleSet, context: RunContext, config: Config) -> tuple[RuleSet, RunContext, Config, tuple[Notice, ...]]:
    """The rule set, context and config for `path`: the run's own when no entry matches, else one
    built and prepared once per run for each combination of matching entries."""
    indexes = matching(config, path) if config.overrides else ()
    if not indexes:
        return ruleset, context, config, ()

    def build() -> tuple[RuleSet, RunContext, Config, tuple[Notice, ...]]:
        from claimlint import engine

        applied = apply(config, indexes)[0]
        from claimlint.config import parse_settings

        typed = parse_settings(applied.settings, config.source or "config", {})  # validated at load: typed here
        applied_context = replace(context, settings=typed, page_type=applied.page_type)
        wanted = engine.build_ruleset(applied, ruleset.loaded)
        # A check the run already prepared (a LanguageTool found, a dictionary loaded, the corpus
        # index bound) is reused when its rule type's settings are the same here; only its rule's
        # severity may differ. The rest are prepared now, once per run for this combination.
        prepared = {check.spec.code: check for check in ruleset.checks}
        reused: dict[str, Check] = {}
        fresh: list[Check] = []
        for check in wanted.checks:
            kind = check.spec.type
            same_settings = applied.settings.get(kind) == config.settings.get(kind)
            base = prepared.get(check.spec.code)
            if base is not None and same_settings:
                reused[check.spec.code] = base if base.spec == check.spec else base.with_spec(check.spec)
            else:
                fresh.append(check)
        ready, notices = engine.prepare_ruleset(engine.RuleSet(wanted.known, tuple(c.spec for c in fresh), tuple(fresh), wanted.loaded), applied_context)
        gone = {spec.code for spec in (c.spec for c in fresh)} - {spec.code for spec in ready.active}
        checks = {**reused, **{check.spec.code: check for check in ready.checks}}
        active = tuple(spec for spec in wanted.active if spec.code not in gone)
        built = engine.RuleSet(wanted.known, active, tuple(checks[spec.code] for spec in active if spec.code in checks), wanted.loaded)
        return built, applied_context, applied, notices

    return context.derived(("overrides", indexes), build)
