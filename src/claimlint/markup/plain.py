"""Plain text: paragraphs split by blank lines; short unpunctuated lines are headings."""

from __future__ import annotations

import regex

from claimlint.markup import URL, BlockKind, Prose, ProseBuilder

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_MARKER = regex.compile(r"[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+")
# Inline directives (<!-- claimlint: ... -->) are the documented way to suppress in any format.
_COMMENT = regex.compile(r"<!--.*?-->", regex.DOTALL)
_HEADING_MAX_WORDS = 15


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


def _looks_like_heading(text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped)
        and stripped[-1] not in ".!?:;,\"'”)"
        and len(stripped.split()) <= _HEADING_MAX_WORDS
        and stripped[0].isupper()
    )


def parse(text: str) -> Prose:
    builder = ProseBuilder(text)
    paragraph: list[tuple[int, int]] = []

    def flush() -> None:
        if not paragraph:
            return
        first_start, first_end = paragraph[0]
        if len(paragraph) == 1 and _looks_like_heading(text[first_start:first_end]):
            builder.open_block(BlockKind.HEADING)
        else:
            builder.open_block(BlockKind.PARAGRAPH)
        for index, (start, end) in enumerate(paragraph):
            if index:
                builder.replace(paragraph[index - 1][1], start, "\n")
            copy_inline(builder, text, start, end)
        builder.close_block()
        paragraph.clear()

    for start, end, _ in lines(text):
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
        paragraph.append((start, end))
    flush()
    return builder.build()
