"""A whole `claimlint check`'s outcome, given back when nothing it depends on has changed.

A warm re-run of a large site spent most of its time decoding every file's cached findings
and formatting them again (2,000 articles, 132,000 lines printed: about 3 s). The last outcome
of each command (where it ran, the paths it was given, and how its report is shown) is kept
with the run's key (`runner.Plan.key`: every file's results-cache key, the notices, the
baseline); when a new run has the same key, its report, standard-error lines and exit code are
those kept. One entry per command, overwritten by its next run. The paths are part of the
command so that a pre-commit run of one file neither reads a whole site's stored report only
to find it stale nor overwrites it.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.cache import Cache, digest

REPORTS = "reports"  # the cache namespace


@dataclass(frozen=True)
class Outcome:
    """What a run shows: its lines for standard error, its report and its exit code."""

    errors: tuple[str, ...]  # printed to standard error before the report, in order
    report: str
    code: int


def command_key(working_folder: str, *shown: object) -> str:
    """The command's identity: where it ran, what it was asked to check, and what shapes its report."""
    return digest("command", working_folder, *(repr(item) for item in shown))


def load(cache: Cache | None, command: str, run_key: str | None) -> Outcome | None:
    """The command's last outcome, if it came from a run with this key (None: no cache, or a
    run that cannot be named)."""
    if cache is None or run_key is None:
        return None
    stored = cache.get(REPORTS, command)
    if not isinstance(stored, dict) or stored.get("run") != run_key:
        return None
    errors, report, code = stored.get("errors"), stored.get("report"), stored.get("code")
    if not (isinstance(errors, list) and all(isinstance(line, str) for line in errors) and isinstance(report, str) and isinstance(code, int)):
        return None
    return Outcome(tuple(errors), report, code)


def store(cache: Cache | None, command: str, run_key: str | None, outcome: Outcome) -> None:
    if cache is not None and run_key is not None:
        cache.put(REPORTS, command, {"run": run_key, "errors": list(outcome.errors), "report": outcome.report, "code": outcome.code})
