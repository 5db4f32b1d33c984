"""A pull-request comment: counts by category and severity, then findings grouped by file.

With `--base-url` (e.g. https://github.com/OWNER/REPO/blob/SHA/) each location links to
its line. Everything taken from articles is escaped so it reads as written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from urllib.parse import quote

import regex

from claimlint.positions import LINE_BREAK

from claimlint.baseline import normalize_path
from claimlint.finding import RunResult
from claimlint.finding import Category, Finding, Severity
from claimlint.reporters import ReportSettings

# Markdown and the HTML GitHub allows in comments: escape them all, text stays literal.
_SPECIAL = regex.compile(r"([\\`*_{}\[\]<>#|~&])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", LINE_BREAK.sub(" ", text))


def line_url(base_url: str, path: str, line: int) -> str:
    return f"{base_url.rstrip('/')}/{quote(normalize_path(path).lstrip('/'), safe='/')}#L{line}"


def _location(f: Finding, base_url: str | None) -> str:
    label = f"{f.line}:{f.column}"
    return f"[{label}]({line_url(base_url, f.path, f.line)})" if base_url else label


def render(result: RunResult, settings: ReportSettings) -> str:
    findings = tuple(result.findings)  # walked several times: a large run's packed findings decoded once
    out = ["## claimlint report", ""]
    files_with = len({f.path for f in findings})
    out.append(f"{len(findings)} finding{'s' * (len(findings) != 1)} in {files_with} of {len(result.files)} file{'s' * (len(result.files) != 1)}.")
    if settings.baselined or settings.stale_baseline:
        out.append(f"{settings.baselined} known finding{'s' * (settings.baselined != 1)} hidden by the baseline; {settings.stale_baseline} stale baseline entr{'ies' if settings.stale_baseline != 1 else 'y'}.")
    out.append("")
    if findings:
        counts = Counter((f.category, f.severity) for f in findings)
        categories = [category for category in Category if any(f.category is category for f in findings)]
        out.append("| category | " + " | ".join(severity.value for severity in Severity) + " | total |")
        out.append("| --- | " + " | ".join("---:" for _ in Severity) + " | ---: |")
        for category in categories:
            row = [counts[(category, severity)] for severity in Severity]
            out.append(f"| {category.value} | " + " | ".join(str(n) for n in row) + f" | {sum(row)} |")
        totals = [sum(counts[(category, severity)] for category in categories) for severity in Severity]
        out.append("| **total** | " + " | ".join(f"**{n}**" for n in totals) + f" | **{sum(totals)}** |")
        out.append("")
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.path].append(f)
    for path, file_findings in by_file.items():
        out.append(f"### {escape(path)}")
        out.append("")
        for f in file_findings:
            line = f"- {_location(f, settings.base_url)} **{f.severity.value}** `{f.rule}` {escape(f.message)}"
            if f.suggestion:
                line += f" Suggestion: {escape(f.suggestion)}"
            for related in f.related:
                target = f"{related.line}:{related.column}"
                where = f"[{escape(related.path)} {target}]({line_url(settings.base_url, related.path, related.line)})" if settings.base_url else f"{escape(related.path)} {target}"
                line += f" (see {where})"
            out.append(line)
        out.append("")
    for problem in result.problems:
        out.append(f"- not linted: {escape(str(problem))}")
    return "\n".join(out).rstrip("\n") + "\n"
