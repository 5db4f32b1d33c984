"""Baselines: record today's findings so a site adopting claimlint sees only new ones.

An entry is matched by file, rule and the normalized text around the finding (its
sentence and its excerpt), never by line number: editing elsewhere in the article keeps
it matched. Pure functions only; the CLI reads and writes the file.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from claimlint.finding import Finding

BASELINE_VERSION = 1
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


def entry_for(finding: Finding) -> BaselineEntry:
    return BaselineEntry(
        path=normalize_path(finding.path),
        rule=finding.rule,
        context=normalize_text(finding.context),
        excerpt=normalize_text(finding.excerpt),
    )


def fingerprint(finding: Finding) -> str:
    """A hash of rule + normalized context + excerpt: the same finding after lines move."""
    entry = entry_for(finding)
    return hashlib.sha256("\0".join((entry.rule, entry.context, entry.excerpt)).encode("utf-8")).hexdigest()[:32]


def dumps(findings: Iterable[Finding]) -> str:
    """Sorted, one entry a line, so a baseline diff shows exactly the entries that changed."""
    entries = sorted(entry_for(f) for f in findings)
    lines = [
        json.dumps({"path": e.path, "rule": e.rule, "excerpt": e.excerpt, "context": e.context}, ensure_ascii=False, sort_keys=True)
        for e in entries
    ]
    body = ",\n    ".join(lines)
    entries_text = f"[\n    {body}\n  ]" if lines else "[]"
    return f'{{\n  "claimlint_baseline": {BASELINE_VERSION},\n  "entries": {entries_text}\n}}\n'


def loads(text: str, name: str) -> tuple[BaselineEntry, ...]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{name}:{error.lineno}:{error.colno}: not a claimlint baseline: {error.msg}") from None
    if not isinstance(document, dict) or document.get("claimlint_baseline") != BASELINE_VERSION:
        raise BaselineError(f"{name}: not a claimlint baseline (version {BASELINE_VERSION}); write one with --write-baseline")
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise BaselineError(f"{name}: 'entries' must be a list")
    result = []
    for number, item in enumerate(entries, 1):
        fields = ("path", "rule", "context", "excerpt")
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in fields):
            raise BaselineError(f"{name}: entry {number} needs string fields {', '.join(fields)}")
        result.append(BaselineEntry(item["path"], item["rule"], item["context"], item["excerpt"]))
    return tuple(result)


def compare(findings: Sequence[Finding], entries: Iterable[BaselineEntry], files: Iterable[str]) -> BaselineComparison:
    """Each entry hides at most one finding (two identical findings need two entries).

    Only entries of files linted in this run can be stale: linting the changed articles
    against a baseline of the whole site must not call the rest stale.
    """
    remaining = Counter(entries)
    new = []
    for finding in findings:
        entry = entry_for(finding)
        if remaining[entry] > 0:
            remaining[entry] -= 1
        else:
            new.append(finding)
    linted = {normalize_path(path) for path in files}
    stale = sorted(entry for entry, count in remaining.items() for _ in range(count) if entry.path in linted)
    return BaselineComparison(tuple(new), len(findings) - len(new), tuple(stale))
