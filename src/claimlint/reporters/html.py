"""The editor's report: one self-contained HTML file (inline CSS, JS and SVG; no requests).

Every piece of article text, file name and message goes through `html.escape`; the page's
Content-Security-Policy allows only this report's own script and style (by hash), so even
a slip in escaping could not run a script from an article. The article text comes from
`settings.sources` (read by the CLI); highlights sit at each finding's exact span.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

import regex

from claimlint.baseline import normalize_path, normalize_text
from claimlint.finding import RunResult
from claimlint.finding import Category, Finding, Severity
from claimlint.positions import LINE_BREAK
from claimlint.reporters import ReportSettings
from claimlint import ruledocs
from claimlint.spec import RuleSpec
from claimlint.system import SYSTEM_RULES

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_COLOURS = {Severity.ERROR: "#b3261e", Severity.WARNING: "#9a6700", Severity.INFO: "#2f6f9f"}


_HTML_HELP = {"Why": "rationale", "How to fix": "fix"}  # help section -> CSS class


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # offsets in the text as written, end exclusive
    end: int
    index: int  # position of the finding in result.findings


def finding_span(finding: Finding, text: str) -> tuple[int, int] | None:
    """The finding's source offsets in the text as written; None when they point outside it."""
    if not 0 <= finding.offset <= finding.end_offset <= len(text):
        return None
    return finding.offset, finding.end_offset


def _asset(name: str) -> str:
    return resources.files("claimlint.reporters").joinpath("html_assets").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _metric(finding: Finding) -> tuple[str, float, float | None] | None:
    """(metric, value, target) of a finding that carries them, else None."""
    data = dict(finding.data)
    value, target = data.get("value"), data.get("target")
    if "metric" not in data or not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return str(data["metric"]), float(value), float(target) if isinstance(target, (int, float)) and not isinstance(target, bool) else None


def _is_grade(finding: Finding) -> bool:
    """A whole-article readability score (not one sentence's length), when the check gives one."""
    data = dict(finding.data)
    whole = data.get("unit") == "document" or "grade" in str(data.get("metric", ""))
    return finding.category is Category.READABILITY and whole


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


# ---- charts (inline SVG) ----


def _bar_rows(rows: Sequence[tuple[str, Sequence[tuple[int, str, str]]]], caption: str, note: str = "") -> str:
    """Horizontal stacked bars: rows of (label, [(count, css class or colour, title)])."""
    width, label_width, row_height = 420, 130, 22
    total_max = max((sum(count for count, _, _ in parts) for _, parts in rows), default=0) or 1
    scale = (width - label_width - 40) / total_max
    height = row_height * len(rows) + 6
    out = [f'<figure><figcaption>{esc(caption)}</figcaption><svg viewBox="0 0 {width} {height}" role="img" aria-label="{esc(caption)}">']
    for number, (label, parts) in enumerate(rows):
        y = 3 + number * row_height
        short = label if len(label) <= 19 else label[:18] + "\u2026"  # fits the 130-unit label column
        out.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end"><title>{esc(label)}</title>{esc(short)}</text>')
        x = float(label_width)
        for count, fill, title in parts:
            if count:
                bar = count * scale
                out.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{bar:.1f}" height="{row_height - 6}" fill="{esc(fill)}"><title>{esc(title)}</title></rect>')
                x += bar
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{sum(count for count, _, _ in parts)}</text>')
    out.append("</svg>")
    if note:
        out.append(f'<p class="note">{esc(note)}</p>')
    out.append("</figure>")
    return "".join(out)


def _category_chart(findings: Sequence[Finding]) -> str:
    if not findings:
        return '<figure><figcaption>Findings by category and severity</figcaption><p class="note">No findings.</p></figure>'
    counts = Counter((f.category, f.severity) for f in findings)
    rows = [
        (category.value, [(counts[(category, severity)], SEVERITY_COLOURS[severity], f"{category.value}, {severity.value}: {counts[(category, severity)]}") for severity in SEVERITIES])
        for category in Category
        if any(counts[(category, severity)] for severity in SEVERITIES)
    ]
    legend = ", ".join(f"{severity.value} {'dark red' if severity is Severity.ERROR else 'amber' if severity is Severity.WARNING else 'blue'}" for severity in SEVERITIES)
    return _bar_rows(rows, "Findings by category and severity", f"Colours: {legend}.")


def _grade_chart(grades: Mapping[str, tuple[str, float, float | None]]) -> str:
    caption = "Readability against the target"
    if not grades:
        return f'<figure><figcaption>{caption}</figcaption><p class="note">No readability scores in this run.</p></figure>'
    metric = Counter(metric for metric, _, _ in grades.values()).most_common(1)[0][0]
    values = sorted((value, target) for m, value, target in grades.values() if m == metric)
    targets = [target for _, target in values if target is not None]
    target = targets[0] if targets else None
    low = min([v for v, _ in values] + ([target] if target is not None else []))
    high = max([v for v, _ in values] + ([target] if target is not None else []))
    low, high = float(int(low)), float(int(high) + 1)
    bins = Counter(int(value - low) for value, _ in values)
    width, height, left, bottom = 420, 170, 30, 24
    span = high - low
    bar_width = (width - left - 10) / span
    tallest = max(bins.values())
    plot_height = height - bottom - 18
    out = [f'<figure><figcaption>{caption}: {esc(metric)}</figcaption><svg viewBox="0 0 {width} {height}" role="img" aria-label="{esc(caption)}">']
    for bucket, count in sorted(bins.items()):
        bar = plot_height * count / tallest
        x = left + bucket * bar_width
        label = f"{_fmt(low + bucket)} to {_fmt(low + bucket + 1)}: {_plural(count, 'article')}"
        out.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - bar:.1f}" width="{max(bar_width - 2, 1):.1f}" height="{bar:.1f}" fill="#6f9fd8"><title>{esc(label)}</title></rect>')
        out.append(f'<text x="{x + bar_width / 2:.1f}" y="{height - bottom - bar - 3:.1f}" text-anchor="middle">{count}</text>')
    for step in range(int(span) + 1):
        x = left + step * bar_width
        out.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">{_fmt(low + step)}</text>')
    out.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#59636e"/>')
    if target is not None:
        x = left + (target - low) * bar_width
        out.append(f'<line x1="{x:.1f}" y1="8" x2="{x:.1f}" y2="{height - bottom}" stroke="#b3261e" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x + 3:.1f}" y="16">target {_fmt(target)}</text>')
    out.append("</svg>")
    out.append(f'<p class="note">{_plural(len(values), "article")} with a {esc(metric)} score in their findings.</p></figure>')
    return "".join(out)


def _clusters(findings: Iterable[Finding]) -> list[tuple[str, set[str]]]:
    """Boilerplate findings grouped by their normalized text: (text, the articles sharing it)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        if f.category is Category.BOILERPLATE:
            key = normalize_text(f.excerpt or f.context)
            groups[key].add(f.path)
            groups[key].update(r.path for r in f.related)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def _cluster_chart(findings: Sequence[Finding]) -> str:
    caption = "Largest boilerplate clusters"
    clusters = _clusters(findings)[:8]
    if not clusters:
        return f'<figure><figcaption>{caption}</figcaption><p class="note">No boilerplate findings in this run.</p></figure>'
    rows = [(text, [(len(paths), "#e0b43c", f"{len(paths)} articles: {text}")]) for text, paths in clusters]
    return _bar_rows(rows, caption, "Articles sharing each passage.")


# ---- the articles ----


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, line endings left out."""
    lines, start = [], 0
    for match in LINE_BREAK.finditer(text):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(text)))
    return lines


def _highlighted_text(text: str, spans: Sequence[Span], findings: Sequence[Finding], anchor: str) -> str:
    by_line: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        finding = findings[span.index]
        for line in range(finding.line, finding.end_line + 1):
            by_line[line].append(span)
    opened: set[int] = set()
    out = ['<div class="text">']
    for number, (start, end) in enumerate(_lines(text), 1):
        pieces = []
        line_spans = by_line.get(number, [])
        cuts = sorted({start, end} | {min(max(point, start), end) for s in line_spans for point in (s.start, s.end)})
        for a, b in zip(cuts, cuts[1:] + [None]):
            pins = [s for s in line_spans if s.start == s.end == a]
            if pins:
                pieces.append(_mark(pins, findings, "", opened, pin=True))
            if b is None:
                break
            covering = [s for s in line_spans if s.start <= a and b <= s.end and s.start < s.end]
            chunk = esc(text[a:b])
            pieces.append(_mark(covering, findings, chunk, opened) if covering else chunk)
        out.append(f'<div class="line" id="{anchor}-L{number}" data-n="{number}"><span class="src">{"".join(pieces)}</span></div>')
    out.append("</div>")
    return "".join(out)


def _mark(spans: Sequence[Span], findings: Sequence[Finding], inner: str, opened: set[int], pin: bool = False) -> str:
    ordered = sorted(spans, key=lambda s: (-findings[s.index].severity.rank, s.index))
    top = findings[ordered[0].index]
    classes = ["hl", f"cat-{top.category.value}", f"sev-{top.severity.value}"]
    if len({findings[s.index].category for s in ordered}) > 1:
        classes.append("multi")
    if pin:
        classes.append("pin")
    ids = " ".join(str(s.index) for s in ordered)
    new = [s.index for s in ordered if s.index not in opened]
    opened.update(new)
    id_attribute = f' id="m{new[0]}"' if new else ""
    title = "\n".join(f"{findings[s.index].rule} {findings[s.index].message}" for s in ordered)
    return f'<mark class="{" ".join(classes)}" data-f="{ids}"{id_attribute} title="{esc(title)}">{inner}</mark>'


def _related_link(path: str, line: int, column: int, anchors: Mapping[str, str]) -> str:
    label = esc(f"{path}:{line}:{column}")
    anchor = anchors.get(normalize_path(path))
    return f'<a href="#{anchor}-L{line}">{label}</a>' if anchor else label


def _finding_item(index: int, f: Finding, spec: RuleSpec | None, anchors: Mapping[str, str], has_span: bool) -> str:
    head = (
        f'<div class="head"><button type="button" class="go" data-f="{index}">{f.line}:{f.column}</button> '
        f'<span class="badge sev-{f.severity.value}">{f.severity.value}</span> '
        f'<code class="rule">{esc(f.rule)}</code> <span class="msg">{esc(f.message)}</span></div>'
    )
    more = [f'<p class="rule-name"><b>{esc(f.rule)} {esc(f.name)}</b> ({f.category.value}){": " + esc(spec.summary) if spec and spec.summary else ""}</p>']
    more.append(f'<p>Line {f.line}, column {f.column}{"" if has_span else " (not shown in the text)"}.</p>')
    if f.excerpt:
        more.append(f'<p>Text: <span class="excerpt">{esc(f.excerpt)}</span></p>')
    if f.suggestion:
        more.append(f'<p class="suggestion"><b>Suggested rewrite:</b> {esc(f.suggestion)}</p>')
    for section in ruledocs.help_sections(spec) if spec else ():
        if section.title in _HTML_HELP:  # the examples and options are in explain and docs/rules.md
            more.append(f'<p class="{_HTML_HELP[section.title]}"><b>{section.title}:</b> {esc(section.text)}</p>')
    metric = _metric(f)
    if metric:
        name, value, target = metric
        more.append(f"<p><b>{esc(name)}:</b> {_fmt(value)}{' (target ' + _fmt(target) + ')' if target is not None else ''}</p>")
    similarity = dict(f.data).get("similarity")
    if isinstance(similarity, (int, float)) and not isinstance(similarity, bool):
        more.append(f"<p><b>Similarity:</b> {similarity:.0%}</p>")
    if f.related:
        links = ", ".join(
            _related_link(r.path, r.line, r.column, anchors) + (f" ({esc(r.note)})" if r.note else "") for r in f.related
        )
        more.append(f'<p class="related"><b>Also at:</b> {links}</p>')
    return (
        f'<li class="item cat-{f.category.value}" id="f{index}" data-f="{index}" data-cat="{f.category.value}" data-sev="{f.severity.value}">'
        f'{head}<div class="more">{"".join(more)}</div></li>'
    )


def _counts_text(findings: Sequence[Finding]) -> str:
    if not findings:
        return "No findings."
    counts = Counter(f.severity for f in findings)
    return f"{_plural(len(findings), 'finding')}: " + ", ".join(f"{counts[s]} {s.value}" for s in SEVERITIES if counts[s])


def _article(
    number: int, path: str, text: str | None, items: Sequence[tuple[int, Finding]], findings: Sequence[Finding],
    rules: Mapping[str, RuleSpec], anchors: Mapping[str, str],
) -> str:
    anchor = f"a{number}"
    spans: list[Span] = []
    if text is not None:
        for index, f in items:
            offsets = finding_span(f, text)
            if offsets:
                spans.append(Span(offsets[0], offsets[1], index))
    located = {span.index for span in spans}
    body = _highlighted_text(text, spans, findings, anchor) if text is not None else '<p class="missing">The text of this file is not available.</p>'
    listed = "".join(_finding_item(index, f, rules.get(f.rule), anchors, index in located) for index, f in items)
    aside = f'<aside class="findings" aria-label="Findings"><h3>Findings ({len(items)})</h3><ol>{listed}</ol></aside>'
    return (
        f'<section class="article" id="{anchor}"><h2><a href="#{anchor}">{esc(path)}</a></h2>'
        f'<p class="counts">{esc(_counts_text([f for _, f in items]))}</p>'
        f'<div class="article-body">{body}{aside}</div></section>'
    )


def _overview(result: RunResult, paths: Sequence[str], by_path: Mapping[str, Sequence[tuple[int, Finding]]], grades: Mapping[str, tuple[str, float, float | None]], settings: ReportSettings) -> str:
    findings = result.findings
    categories = [c for c in Category if any(f.category is c for f in findings)]
    head = "".join(f"<th>{c.value}</th>" for c in categories) + "".join(f"<th>{s.value}</th>" for s in SEVERITIES) + "<th>grade / target</th>"
    rows = []
    for number, path in enumerate(paths):
        items = [f for _, f in by_path.get(path, [])]
        by_category = Counter(f.category for f in items)
        by_severity = Counter(f.severity for f in items)
        cells = "".join(f"<td>{by_category[c] or ''}</td>" for c in categories) + "".join(f"<td>{by_severity[s] or ''}</td>" for s in SEVERITIES)
        grade = grades.get(path)
        grade_cell = f"{_fmt(grade[1])}{' / ' + _fmt(grade[2]) if grade[2] is not None else ''}" if grade else "\u2014"
        rows.append(f'<tr><td><a href="#a{number}">{esc(path)}</a></td>{cells}<td>{esc(grade_cell)}</td></tr>')
    notes = []
    if settings.baselined or settings.stale_baseline:
        notes.append(
            f"<p>{_plural(settings.baselined, 'known finding')} hidden by the baseline; "
            f"{settings.stale_baseline} stale baseline entr{'ies' if settings.stale_baseline != 1 else 'y'}.</p>"
        )
    if result.problems:
        notes.append("<p>Not linted:</p><ul>" + "".join(f"<li>{esc(str(problem))}</li>" for problem in result.problems) + "</ul>")
    return (
        '<section id="overview"><h2>Overview</h2>'
        f'<div class="charts">{_category_chart(findings)}{_grade_chart(grades)}{_cluster_chart(findings)}</div>'
        f'{"".join(notes)}'
        f'<div class="table-wrap"><table class="articles"><thead><tr><th>article</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</section>"
    )


def _filters(findings: Sequence[Finding]) -> str:
    categories = Counter(f.category for f in findings)
    severities = Counter(f.severity for f in findings)
    category_boxes = "".join(
        f'<label><input type="checkbox" data-filter="cat" value="{c.value}" checked> {c.value} ({categories[c]})</label>' for c in Category if categories[c]
    )
    severity_boxes = "".join(
        f'<label><input type="checkbox" data-filter="sev" value="{s.value}" checked> {s.value} ({severities[s]})</label>' for s in SEVERITIES if severities[s]
    )
    return (
        '<form class="filters" aria-label="Filters">'
        f"<fieldset><legend>Category</legend>{category_boxes}</fieldset>"
        f"<fieldset><legend>Severity</legend>{severity_boxes}</fieldset></form>"
    )


def render(result: RunResult, settings: ReportSettings) -> str:
    # Walked and indexed many times: a large run's packed findings (packed.Findings) as objects once.
    result = replace(result, findings=tuple(result.findings))
    findings = result.findings
    rules = {spec.code: spec for spec in (*SYSTEM_RULES, *result.rules)}
    paths = list(dict.fromkeys([*result.files, *(f.path for f in findings)]))
    anchors = {normalize_path(path): f"a{number}" for number, path in enumerate(paths)}
    by_path: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
    grades: dict[str, tuple[str, float, float | None]] = {}
    for index, f in enumerate(findings):
        by_path[f.path].append((index, f))
        metric = _metric(f)
        if metric and _is_grade(f):
            grades.setdefault(f.path, metric)
    articles = "".join(
        _article(number, path, settings.sources.get(path), by_path.get(path, []), findings, rules, anchors) for number, path in enumerate(paths)
    )
    css, script = _asset("report.css"), _asset("report.js")
    policy = f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; img-src data:; base-uri 'none'; form-action 'none'"
    files_with = len(by_path)
    summary = f"{_plural(len(findings), 'finding')} in {files_with} of {_plural(len(paths), 'file')}."
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f"<title>claimlint report</title><style>{css}</style></head><body>"
        f'<header class="top"><h1>claimlint report</h1><p class="summary">{esc(summary)}</p>{_filters(findings)}</header>'
        f"<main>{_overview(result, paths, by_path, grades, settings)}{articles}</main>"
        '<div id="detail" class="detail" role="dialog" aria-label="Finding details" hidden>'
        '<button type="button" class="close" aria-label="Close">\u00d7</button><div class="detail-body"></div></div>'
        f"<script>{script}</script></body></html>\n"
    )
