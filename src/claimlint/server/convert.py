"""Findings -> what an editor shows: diagnostics, hovers and code actions (lsprotocol types).

Pure functions. Lines and columns come from the Document's LineIndex, which alone turns the
Finding's code-point columns into the client's code units (UTF-16 unless negotiated).
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from claimlint import ruledocs
from claimlint.document import Document
from claimlint.finding import Category, Finding, RelatedLocation, Severity
from claimlint.positions import LineIndex
from claimlint.spec import RuleSpec
from claimlint.server.project import Linted
from claimlint.source import Format, SourceText, read_source
from claimlint.system import SYSTEM_RULES, UNUSED_SUPPRESSION

SOURCE = "claimlint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_HTML_BODY_END = "</body>"


@dataclass(frozen=True)
class Presentation:
    """How the client counts and where rule docs live (from the initialize request)."""

    encoding: str = "utf-16"  # the negotiated position encoding
    docs_url: str | None = None  # e.g. "https://docs.example.org/rules#{code}"; default: the rule file


def position(index: LineIndex, line: int, column: int, encoding: str) -> types.Position:
    """1-based line and code-point column -> an LSP position."""
    return types.Position(line=line - 1, character=index.code_units(line, column, encoding))


def finding_range(document: Document, finding: Finding, encoding: str) -> types.Range:
    index = document.line_index
    return types.Range(
        start=position(index, finding.line, finding.column, encoding),
        end=position(index, finding.end_line, finding.end_column, encoding),
    )


def docs_href(spec: RuleSpec | None, presentation: Presentation) -> str | None:
    """The rule's documentation: the configured URL, else its own rule file (always there, offline)."""
    if spec is None:
        return None
    if presentation.docs_url:
        return presentation.docs_url.format(code=spec.code, name=spec.name)
    if spec.path.startswith("<"):
        return None
    return Path(os.path.abspath(spec.path)).as_uri()


# The LineIndex of another article (where a duplicated sentence also stands), or None if unreadable.
OtherFile = Callable[[str], "LineIndex | None"]


def read_line_index(path: str) -> LineIndex | None:
    source = read_source(path)
    return LineIndex(source.text) if isinstance(source, SourceText) else None


def diagnostics(linted: Linted, specs: Mapping[str, RuleSpec], presentation: Presentation, other_file: OtherFile = read_line_index) -> list[types.Diagnostic]:
    return [_diagnostic(linted.document, finding, specs.get(finding.rule), presentation, other_file) for finding in linted.findings]


def _diagnostic(document: Document, finding: Finding, spec: RuleSpec | None, presentation: Presentation, other_file: OtherFile) -> types.Diagnostic:
    href = docs_href(spec, presentation)
    related = [_related(document, place, presentation.encoding, other_file) for place in finding.related]
    return types.Diagnostic(
        range=finding_range(document, finding, presentation.encoding),
        message=finding.message if not finding.suggestion or finding.category is Category.DISCLAIMER else f"{finding.message} (suggestion: {finding.suggestion})",
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        related_information=[info for info in related if info is not None] or None,
        data={"rule": finding.rule, "name": finding.name},
    )


def _related(document: Document, place: RelatedLocation, encoding: str, other_file: OtherFile) -> types.DiagnosticRelatedInformation | None:
    """The other copy of a duplicated sentence, at its exact place in its own file."""
    same = place.path == document.path or os.path.realpath(place.path) == os.path.realpath(document.path)
    index = document.line_index if same else other_file(place.path)
    if index is None or place.line > index.line_count:
        return None
    start = position(index, place.line, place.column, encoding)
    uri = Path(os.path.abspath(place.path)).as_uri()
    return types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=types.Range(start=start, end=start)), message=place.note or "also here")


def _contains(range_: types.Range, point: types.Position) -> bool:
    start, end = (range_.start.line, range_.start.character), (range_.end.line, range_.end.character)
    return start <= (point.line, point.character) <= end


def _overlaps(first: types.Range, second: types.Range) -> bool:
    return (first.start.line, first.start.character) <= (second.end.line, second.end.character) and (
        second.start.line,
        second.start.character,
    ) <= (first.end.line, first.end.character)


def hover(linted: Linted, specs: Mapping[str, RuleSpec], point: types.Position, presentation: Presentation) -> types.Hover | None:
    """Each finding under the cursor: its message, why it matters and how to fix it."""
    found = [(finding, finding_range(linted.document, finding, presentation.encoding)) for finding in linted.findings]
    under = [(finding, range_) for finding, range_ in found if _contains(range_, point)]
    if not under:
        return None
    parts = [_explanation(finding, specs.get(finding.rule), presentation) for finding, _ in under]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=under[0][1],
    )


def _explanation(finding: Finding, spec: RuleSpec | None, presentation: Presentation) -> str:
    lines = [f"**{finding.rule}** `{finding.name}` ({finding.severity.value}): {finding.message}"]
    if spec is not None:
        lines += ["", f"**Why:** {spec.rationale}"]
        fix = ruledocs.how_to_fix(spec)
        if finding.suggestion and finding.category is not Category.DISCLAIMER:
            fix = f"{fix} Suggested: {finding.suggestion}".strip()
        if fix:
            lines += ["", f"**How to fix:** {fix}"]
        href = docs_href(spec, presentation)
        if href:
            lines += ["", f"[{spec.code} {spec.name}]({href})"]
    return "\n".join(lines)


def code_actions(
    linted: Linted, uri: str, requested: types.Range, specs: Mapping[str, RuleSpec], presentation: Presentation, other_file: OtherFile = read_line_index
) -> list[types.CodeAction]:
    """Quick fixes for the findings in `requested`: the drop-in replacement, the suggested
    disclaimer, and a disable-next-line comment for the rule."""
    actions: list[types.CodeAction] = []
    disabled: set[tuple[str, int]] = set()
    for finding in linted.findings:
        range_ = finding_range(linted.document, finding, presentation.encoding)
        if not _overlaps(range_, requested):
            continue
        diagnostic = _diagnostic(linted.document, finding, specs.get(finding.rule), presentation, other_file)
        replacement = drop_in_replacement(finding)
        if replacement is not None:
            edit = types.TextEdit(range=range_, new_text=replacement)
            actions.append(_action(f"Replace with '{replacement}' ({finding.rule})", uri, [edit], diagnostic, preferred=True))
        if finding.category is Category.DISCLAIMER and finding.suggestion:
            edit = disclaimer_edit(linted.document, finding.suggestion, presentation.encoding)
            actions.append(_action(f"Insert the suggested disclaimer ({finding.rule})", uri, [edit], diagnostic, preferred=True))
        if finding.rule == UNUSED_SUPPRESSION.code and finding.excerpt and "\n" not in finding.excerpt and "\r" not in finding.excerpt:
            edit = removal_edit(linted.document, finding, presentation.encoding)
            actions.append(_action("Remove the unused suppression", uri, [edit], diagnostic, preferred=True))
        if (finding.rule, finding.line) not in disabled and not finding.rule.startswith("SYS"):
            disabled.add((finding.rule, finding.line))
            edit = disable_next_line_edit(linted.document, finding)
            actions.append(_action(f"Disable {finding.rule} ({finding.name}) for this line", uri, [edit], diagnostic))
    return actions


def _action(title: str, uri: str, edits: Sequence[types.TextEdit], diagnostic: types.Diagnostic, preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={uri: list(edits)}),
    )


def drop_in_replacement(finding: Finding) -> str | None:
    """The suggestion, when the rule says it replaces the flagged text as it stands
    (`data.suggestion_kind: replacement`: the sentence stays whole); advice is never applied."""
    if finding.suggestion and dict(finding.data).get("suggestion_kind") == "replacement":
        return finding.suggestion
    return None


def _line_break(index: LineIndex, text: str, line: int) -> str:
    """The break ending `line`, else the text's first one, else LF."""
    end = index.line_end(line)
    if line < index.line_count:
        return text[end : index.line_start(line + 1)]
    for candidate in ("\r\n", "\n", "\r"):
        if candidate in text:
            return candidate
    return "\n"


def disable_next_line_edit(document: Document, finding: Finding) -> types.TextEdit:
    """`<!-- claimlint: disable-next-line RULE -->` on its own line above the finding, indented like it."""
    index, text = document.line_index, document.source.text
    start = index.line_start(finding.line)
    indent = text[start : index.line_end(finding.line)]
    indent = indent[: len(indent) - len(indent.lstrip(" \t"))]
    comment = f"{indent}<!-- claimlint: disable-next-line {finding.rule} -->{_line_break(index, text, finding.line)}"
    at = types.Position(line=finding.line - 1, character=0)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=comment)


def removal_edit(document: Document, finding: Finding, encoding: str) -> types.TextEdit:
    """Delete the finding's text; its whole line, break included, when nothing else is on it."""
    index, text = document.line_index, document.source.text
    start, end = index.offset(finding.line, finding.column), index.offset(finding.end_line, finding.end_column)
    line_start, line_end = index.line_start(finding.line), index.line_end(finding.line)
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        start = line_start
        end = index.line_start(finding.line + 1) if finding.line < index.line_count else line_end
    first, last = index.position(start), index.position(end)
    return types.TextEdit(range=types.Range(start=position(index, *first, encoding), end=position(index, *last, encoding)), new_text="")


def disclaimer_edit(document: Document, disclaimer: str, encoding: str) -> types.TextEdit:
    """The disclaimer as the article's last paragraph (in HTML, before </body>)."""
    index, text = document.line_index, document.source.text
    newline = _line_break(index, text, 1)
    if document.source.format is Format.HTML:
        body_end = text.lower().rfind(_HTML_BODY_END)
        offset = body_end if body_end != -1 else len(text)
        before = text[:offset]
        lead = "" if not before or before.endswith(("\n", "\r")) else newline
        new_text = f"{lead}<p>{html.escape(disclaimer, quote=False)}</p>{newline}"
    else:
        offset = len(text)
        lead = newline * max(0, 2 - _trailing_breaks(text)) if text.strip() else ""  # one blank line before it
        new_text = f"{lead}{disclaimer}{newline}"
    line, column = index.position(offset)
    at = position(index, line, column, encoding)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=new_text)


def _trailing_breaks(text: str) -> int:
    count, end = 0, len(text)
    while end > 0 and text[end - 1] in "\r\n":
        end -= 2 if text.endswith("\r\n", 0, end) else 1
        count += 1
    return count


def rule_specs(specs: Iterable[RuleSpec]) -> dict[str, RuleSpec]:
    """Rules by id, the run's own SYS rules included (an unused suppression has a rationale too)."""
    return {spec.code: spec for spec in (*specs, *SYSTEM_RULES)}
