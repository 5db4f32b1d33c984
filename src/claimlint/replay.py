"""A whole `claimlint check`'s outcome, given back when nothing it depends on has changed.

A warm re-run of a large site spent most of its time decoding every file's cached findings
and formatting them again (2,000 articles, 132,000 lines printed: about 3 s). The last outcome
of each command (where it ran, the paths it was given, and how its report is shown) is kept
with the run's key (`runner.Plan.key`: every file's results-cache key, the notices, the
baseline); when a new run has the same key, its report, standard-error lines and exit code are
those kept. One entry per command, overwritten by its next run. The paths are part of the
command so that a pre-commit run of one file neither reads a whole site's stored report only
to find it stale nor overwrites it.

The report is kept as a text file of its own, written piece by piece as it is shown and read
back the same way: a site of 10,000 articles prints 300 MB, which held whole in a JSON
entry took as much memory again to write and to read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from claimlint.cache import Cache, digest
from claimlint.fileio import AtomicFile

REPORTS = "reports"  # the cache namespace of each command's last outcome (all but its report)
REPORT_TEXTS = "report-texts"  # ... and of the text of its report, one file per command and run key
_READ_CHARACTERS = 1 << 20


@dataclass(frozen=True)
class Outcome:
    """What a run shows: its lines for standard error, its report and its exit code."""

    errors: tuple[str, ...]  # printed to standard error before the report, in order
    report: Iterable[str]  # the report in pieces, made (or read) as they are shown; read once
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
    errors, code = stored.get("errors"), stored.get("code")
    if not (isinstance(errors, list) and all(isinstance(line, str) for line in errors) and isinstance(code, int)):
        return None
    try:
        # Opened now: the text stays readable while a concurrent run replaces it.
        text = _report_text(cache, command, run_key).open(encoding="utf-8", errors="replace", newline="")
    except OSError:
        return None
    return Outcome(tuple(errors), _read(text), code)


def _read(text: IO[str]) -> Iterator[str]:
    with text:
        while piece := text.read(_READ_CHARACTERS):
            yield piece


def kept(cache: Cache | None, command: str, run_key: str | None, outcome: Outcome) -> Outcome:
    """The outcome, its report kept for the next run with the same key as it is shown; the
    entry is written only once the whole report has been read."""
    if cache is None or run_key is None:
        return outcome
    return replace(outcome, report=_kept_while_read(cache, command, run_key, outcome))


def _kept_while_read(cache: Cache, command: str, run_key: str, outcome: Outcome) -> Iterator[str]:
    text: AtomicFile | None = None
    with contextlib.suppress(OSError):  # a read-only or full disk costs the next run speed, never this one
        cache.ensure_folder()
        text = AtomicFile(_report_text(cache, command, run_key))
    try:
        for piece in outcome.report:
            if text is not None:
                try:
                    text.write(piece.encode("utf-8"))
                except OSError:
                    text.discard()
                    text = None
            yield piece
        if text is not None:
            with contextlib.suppress(OSError):
                text.commit()
                text = None
                _forget_earlier_text(cache, command, run_key)
                cache.put(REPORTS, command, {"run": run_key, "errors": list(outcome.errors), "code": outcome.code})
    finally:
        if text is not None:  # not read to the end (an output that failed): nothing kept
            text.discard()


def _forget_earlier_text(cache: Cache, command: str, run_key: str) -> None:
    """The text of the command's outcome this one replaces, removed: a site's report is hundreds of MB."""
    stored = cache.get(REPORTS, command)
    earlier = stored.get("run") if isinstance(stored, dict) else None
    if isinstance(earlier, str) and earlier != run_key:
        with contextlib.suppress(OSError):
            _report_text(cache, command, earlier).unlink()


def _report_text(cache: Cache, command: str, run_key: str) -> Path:
    return cache.path(REPORT_TEXTS, digest(command, run_key))
