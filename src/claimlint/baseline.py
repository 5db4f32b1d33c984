"""Baselines: record today's findings so a site adopting claimlint sees only new ones.

An entry is matched by file, rule and the normalized text around the finding (its
sentence and its excerpt), never by line number: editing elsewhere in the article keeps
it matched. Pure functions only; the CLI reads and writes the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from claimlint.finding import Finding

# 2: paths are relative to the baseline file's folder (1: to the folder claimlint ran in).
BASELINE_VERSION = 2
_READABLE_VERSIONS = (1, 2)
_WHITESPACE = regex.compile(r"\s+")


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message names the file."""


@dataclass(frozen=True, slots=True, order=True)
class BaselineEntry:
    path: str
    rule: str
    context: str
    excerpt: str


@dataclass(frozen=True)
class BaselineComparison:
    new: tuple[Finding, ...]  # findings the baseline does not know: the ones to report
    known: int  # findings the baseline matched and so hid
    stale: tuple[BaselineEntry, ...]  # entries of linted files that matched nothing


def normalize_text(text: str) -> str:
    """NFC, white space collapsed: re-wrapping a paragraph or CRLF -> LF changes nothing."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalize_path(path: str) -> str:
    """`./a/b.md`, `a//b.md` and `a\\b.md` name the same article."""
    return posixpath.normpath(path.replace("\\", "/"))


def relative_path(path: str, root: str | None) -> str:
    """The article's path as a baseline stores it: relative to `root` (the baseline's folder),
    so `site/a.md` from the parent, `a.md` from inside `site/` and `/abs/site/a.md` are one entry."""
    if root is None:
        return normalize_path(path)
    return normalize_path(os.path.relpath(os.path.abspath(path), root))


def entry_for(finding: Finding, root: str | None = None) -> BaselineEntry:
    return BaselineEntry(
        path=relative_path(finding.path, root),
        rule=finding.rule,
        context=normalize_text(finding.context),
        excerpt=normalize_text(finding.excerpt),
    )


def fingerprint(finding: Finding) -> str:
    """A hash of rule + normalized context + excerpt: the same finding after lines move."""
    entry = entry_for(finding)
    return hashlib.sha256("\0".join((entry.rule, entry.context, entry.excerpt)).encode("utf-8")).hexdigest()[:32]


def dumps(findings: Iterable[Finding], root: str | None = None) -> str:
    """Sorted, one entry a line, so a baseline diff shows exactly the entries that changed.

    `root`: the baseline file's folder; paths are written relative to it."""
    entries = sorted(entry_for(f, root) for f in findings)
    lines = [
        json.dumps({"path": e.path, "rule": e.rule, "excerpt": e.excerpt, "context": e.context}, ensure_ascii=False, sort_keys=True)
        for e in entries
    ]
    body = ",\n    ".join(lines)
    entries_text = f"[\n    {body}\n  ]" if lines else "[]"
    return f'{{\n  "claimlint_baseline": {BASELINE_VERSION},\n  "entries": {entries_text}\n}}\n'


def loads(text: str, name: str, root: str | None = None) -> tuple[BaselineEntry, ...]:
    """Entries with paths relative to `root` (a version-1 baseline's, relative to the working
    folder, are converted)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{name}:{error.lineno}:{error.colno}: not a claimlint baseline: {error.msg}") from None
    if not isinstance(document, dict) or document.get("claimlint_baseline") not in _READABLE_VERSIONS:
        raise BaselineError(f"{name}: not a claimlint baseline (version {BASELINE_VERSION}); write one with --write-baseline")
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise BaselineError(f"{name}: 'entries' must be a list")
    result = []
    for number, item in enumerate(entries, 1):
        fields = ("path", "rule", "context", "excerpt")
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in fields):
            raise BaselineError(f"{name}: entry {number} needs string fields {', '.join(fields)}")
        path = item["path"] if document["claimlint_baseline"] == BASELINE_VERSION else relative_path(item["path"], root)
        result.append(BaselineEntry(path, item["rule"], item["context"], item["excerpt"]))
    return tuple(result)


def compare(findings: Sequence[Finding], entries: Iterable[BaselineEntry], files: Iterable[str], root: str | None = None) -> BaselineComparison:
    """Each entry hides at most one finding (two identical findings need two entries).

    Only entries of files linted in this run can be stale: linting the changed articles
    against a baseline of the whole site must not call the rest stale.
    """
    remaining = Counter(entries)
    new = []
    for finding in findings:
        entry = entry_for(finding, root)
        if remaining[entry] > 0:
            remaining[entry] -= 1
        else:
            new.append(finding)
    linted = {relative_path(path, root) for path in files}
    stale = sorted(entry for entry, count in remaining.items() for _ in range(count) if entry.path in linted)
    return BaselineComparison(tuple(new), len(findings) - len(new), tuple(stale))
