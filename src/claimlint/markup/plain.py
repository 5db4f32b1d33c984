"""Plain text: paragraphs split by blank lines; short unpunctuated lines are headings."""

from __future__ import annotations

import regex

from claimlint.positions import LINE_BREAK

from claimlint.markup import URL, BlockKind, Prose, ProseBuilder
from claimlint.patterns import lazy_regex

_LINE = lazy_regex(r"[^\r\n]*(?:" + LINE_BREAK.pattern + "|$)")
_LIST_MARKER = lazy_regex(r"[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+")
# Inline directives (<!-- claimlint: ... -->) are the documented way to suppress in any format.
_COMMENT = lazy_regex(r"<!--.*?-->", regex.DOTALL)
_HEADING_MAX_WORDS = 15
_WRAPPED_LINE_MAX = 90  # hard-wrapped text keeps its lines shorter than this


def lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """(start, content_end, next_line_start) for each line of text[start:end]."""
    end = len(text) if end is None else end
    result = []
    position = start
    while position < end:
        match = _LINE.match(text, position, end)
        assert match is not None
        content = match.group().rstrip("\r\n")
        result.append((position, position + len(content), match.end()))
        if match.end() == position:
            break
        position = match.end()
    return result


def copy_inline(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    """Copy a line of plain prose, leaving out URLs and comments."""
    position = start
    for match in _skippable(text, start, end):
        builder.copy(position, match[0])
        position = match[1]
    builder.copy(position, end)


def _skippable(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = [m.span() for m in URL.finditer(text, start, end)]
    spans += [m.span() for m in _COMMENT.finditer(text, start, end)]
    return sorted(spans)


def _looks_like_heading(text: str, next_line: str) -> bool:
    """A short line with no closing punctuation, alone or in Title Case above a paragraph."""
    stripped = text.strip()
    if not stripped or stripped[-1] in ".!?:;,\"'”)" or not stripped[0].isupper():
        return False
    words = stripped.split()
    if len(words) > _HEADING_MAX_WORDS:
        return False
    if not next_line.strip():
        return True
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised * 2 > len(words)


def _ends_paragraph(text: str) -> bool:
    """A long line ending a sentence is a paragraph of its own: unwrapped text, one paragraph a line."""
    stripped = text.rstrip()
    return len(stripped) > _WRAPPED_LINE_MAX and stripped[-1:] in ".!?:\"'”)"


def parse(text: str) -> Prose:
    builder = ProseBuilder(text)
    paragraph: list[tuple[int, int]] = []

    def flush() -> None:
        if paragraph:
            builder.add_lines(BlockKind.PARAGRAPH, paragraph, copy_inline)
            paragraph.clear()

    all_lines = lines(text)
    for number, (start, end, _) in enumerate(all_lines):
        content = text[start:end]
        if not content.strip() or (content.strip().startswith("<!--") and content.strip().endswith("-->")):
            flush()
            continue
        marker = _LIST_MARKER.match(content)
        if marker:
            flush()
            builder.open_block(BlockKind.LIST_ITEM)
            copy_inline(builder, text, start + marker.end(), end)
            builder.close_block()
            continue
        next_line = text[all_lines[number + 1][0]:all_lines[number + 1][1]] if number + 1 < len(all_lines) else ""
        if not paragraph and _looks_like_heading(content, next_line):
            builder.open_block(BlockKind.HEADING)
            copy_inline(builder, text, start, end)
            builder.close_block()
            continue
        paragraph.append((start, end))
        if _ends_paragraph(content):
            flush()
    flush()
    return builder.build()
