"""Output formats. Each module exports `render(result, settings) -> str`, or, for a format whose
report can be written as it is made, `chunks(result, settings) -> Iterator[str]` instead; either
only formats.

A report is handed on in pieces (`report_chunks`): a site of 10,000 articles has 1.29 million
findings, and its text report joined into one string (with the list of its lines) took the
parent from 407 MB to 1,318 MB at the very end of the run, the run's peak."""

from __future__ import annotations

import importlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from json import dumps  # not `import json`: the submodule reporters.json would take that name here
from typing import Any

from claimlint.finding import RunResult
from claimlint.finding import Finding, Severity

REPORTERS: dict[str, str] = {
    "text": "claimlint.reporters.text",
    "json": "claimlint.reporters.json",
    "sarif": "claimlint.reporters.sarif",
    "github": "claimlint.reporters.github",
    "junit": "claimlint.reporters.junit",
    "markdown": "claimlint.reporters.markdown",
    "html": "claimlint.reporters.html",
}


@dataclass(frozen=True)
class ReportSettings:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    base_url: str | None = None  # for links to lines (markdown)
    # Each article's text as written, path -> text: the HTML report shows it (cli reads it, not the reporter).
    sources: Mapping[str, str] = field(default_factory=dict)
    baselined: int = 0  # findings hidden by --baseline
    stale_baseline: int = 0  # baseline entries of linted files that matched nothing
    # The run's --fail-on: formats that say pass/fail per file (JUnit) fail only these. None: never.
    fail_on: Severity | None = Severity.ERROR


CHUNK_CHARACTERS = 1 << 16  # a report is handed on in pieces of about this many characters


def report_chunks(name: str) -> Callable[[RunResult, ReportSettings], Iterator[str]]:
    """The format's report as pieces of about CHUNK_CHARACTERS, made as they are read, given a
    result whose names are all valid UTF-8 (see `printable`)."""
    module = importlib.import_module(REPORTERS[name])
    chunks: Callable[[RunResult, ReportSettings], Iterable[str]] = getattr(module, "chunks", None) or (lambda result, settings: (module.render(result, settings),))

    def printable_chunks(result: RunResult, settings: ReportSettings) -> Iterator[str]:
        return batched_text(chunks(*printable(result, settings, paths=name not in _OWN_NAME_ESCAPING)))

    return printable_chunks


def renderer(name: str) -> Callable[[RunResult, ReportSettings], str]:
    """The format's whole report as one string (`report_chunks` joined)."""
    chunks = report_chunks(name)
    return lambda result, settings: "".join(chunks(result, settings))


def batched_text(pieces: Iterable[str], size: int = CHUNK_CHARACTERS) -> Iterator[str]:
    """The pieces joined into runs of at least `size` characters (the last one shorter)."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


# A file name that is not UTF-8 reaches Python with each bad byte as a lone surrogate
# (os.fsdecode): writing it as UTF-8 fails (a traceback in every format but text) or, through
# surrogateescape, puts the raw byte into JSON that is then not UTF-8.
_OWN_NAME_ESCAPING = frozenset({"sarif"})  # its URIs percent-encode a name's own bytes (%FF)
_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """`bad\\xffname.md` for the name whose byte 0xff is not UTF-8: readable, valid UTF-8, the same in every format."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if 0xDC80 <= ord(m.group()) <= 0xDCFF else f"\\u{ord(m.group()):04x}", text)


def printable(result: RunResult, settings: ReportSettings, *, paths: bool = True) -> tuple[RunResult, ReportSettings]:
    """The result with every name and message escaped where it holds bytes that are not UTF-8.

    The run keeps the real names (to open the files); only what is shown is escaped.
    `paths=False`: names stay as they are, for a format that escapes them itself.
    """
    path_of = escape_surrogates if paths else str

    def finding(item: Finding) -> Finding:
        if _SURROGATE.search(item.path + item.message + "".join(r.path + r.note for r in item.related)) is None:
            return item
        related = tuple(replace(r, path=path_of(r.path), note=escape_surrogates(r.note)) for r in item.related)
        return replace(item, path=path_of(item.path), message=escape_surrogates(item.message), related=related)

    findings = result.findings
    if _any_surrogate(findings):
        findings = tuple(finding(item) for item in findings)
    result = replace(
        result,
        findings=findings,
        problems=tuple(replace(p, path=path_of(p.path), message=escape_surrogates(p.message)) for p in result.problems),
        files=tuple(path_of(path) for path in result.files),
        notices=tuple(replace(n, message=escape_surrogates(n.message)) for n in result.notices),
    )
    if paths and any(_SURROGATE.search(path) for path in settings.sources):
        settings = replace(settings, sources={escape_surrogates(path): text for path, text in settings.sources.items()})
    return result, settings


def _any_surrogate(findings: Iterable[Finding]) -> bool:
    """Whether a name or message holds a lone surrogate: nearly always none does, and a warm
    re-run prints 100,000 findings, so they are searched joined, 10,000 findings at a time, in
    one walk (a large run's findings are decoded at each walk, `packed.Findings`)."""
    walk = iter(findings)
    while batch := list(itertools.islice(walk, 10_000)):
        texts = (text for f in batch for text in (f.path, f.message, *(r.path + r.note for r in f.related)))
        if _SURROGATE.search("".join(texts)) is not None:
            return True
    return False


def one_line(text: object) -> str:
    """Text kept to one line: control characters (a newline in a file name) shown escaped, as Python writes them."""
    text = str(text)
    if text.isprintable():  # nearly always (a lone surrogate is not printable): one C-level test, not one per character
        return text
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in escape_surrogates(text))


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = Counter(f.severity for f in findings)
    return {severity: counts.get(severity, 0) for severity in Severity}


def indented_json(value: Any, whole_from: int) -> str:
    """The text of `json.dumps(value, indent=2, ensure_ascii=False)` (`indented_chunks` joined)."""
    return "".join(indented_chunks(value, whole_from))


def indented_chunks(value: Any, whole_from: int, depth: int = 0) -> Iterator[str]:
    """The text of `json.dumps(value, indent=2, ensure_ascii=False)`, made piece by piece:
    containers above depth `whole_from` item by item, each value at that depth in one call.

    With `indent`, json encodes in pure Python and holds every small piece of the whole
    document until one final join: a report of 84,000 findings (90 MB of JSON) took 630 MB
    more to write than the run before it. Here the pieces are whole findings, and a list given
    as an iterator above `whole_from` (the findings as dicts) is read one item at a time."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if depth < whole_from and isinstance(value, (list, tuple, Iterator)):
        yield "["
        items = 0
        for item in value:
            yield f",\n{inner}" if items else f"\n{inner}"
            yield from indented_chunks(item, whole_from, depth + 1)
            items += 1
        yield f"\n{pad}]" if items else "]"
    elif depth < whole_from and isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield f"{',' if number else ''}\n{inner}{dumps(key, ensure_ascii=False)}: "
            yield from indented_chunks(item, whole_from, depth + 1)
        yield f"\n{pad}}}"
    else:  # newlines in json's own output are all between items: indent them to this depth
        yield dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + pad)
