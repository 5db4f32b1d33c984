"""Markdown (CommonMark-ish, with YAML front matter) -> prose blocks.

Code (fenced, indented, inline), URLs, images, HTML tags and comments, and emphasis
markers are left out; link text, headings, list items, quotes and table cells are prose.
Of the front matter only the `title` (a heading) and `description` values are prose: plain,
quoted or block scalars (`title: >-`, `description: |`) in YAML front matter (`---`), and
basic strings in TOML front matter (`+++`). Other plain settings are kept (`page-type`).
"""

from __future__ import annotations

import regex

from claimlint.markup import BlockKind, Prose, ProseBuilder
from claimlint.markup.plain import lines
from claimlint.patterns import lazy_regex

_FENCE = lazy_regex(r" {0,3}(`{3,}|~{3,})")
_ATX = lazy_regex(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = lazy_regex(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = lazy_regex(r" {0,3}(?:=+|-+)[ \t]*$")
_BREAK = lazy_regex(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = lazy_regex(r"(?:[ \t]{0,3}>[ \t]?)+")
_LIST = lazy_regex(r"([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_TABLE_RULE = lazy_regex(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_BLOCK_SKIP = lazy_regex(r"[ \t]*<(script|style|pre|textarea|svg|math)\b", regex.IGNORECASE)
_FRONT_KEY = lazy_regex(r"(title|description)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_BLOCK_SCALAR = lazy_regex(r"[>|][+-]?[1-9]?[ \t]*(?:#.*)?")
_TOML_KEY = lazy_regex(r"(?P<key>[A-Za-z][\w-]*)[ \t]*=[ \t]*(?P<quote>[\"'])(?P<value>.*)(?P=quote)[ \t]*(?:#.*)?$")
_FRONT_SETTING = lazy_regex(r"(?P<key>[A-Za-z][\w-]*)[ \t]*:[ \t]*(?P<value>[^\s#][^#]*?)[ \t]*(?:#.*)?$")

# Inline pieces that are not prose. Order matters: code before everything, images before links.
_INLINE = lazy_regex(
    r"""
    (?P<code>(?P<ticks>`+).+?(?P=ticks))
  | (?P<image>!\[[^\]]*\]\([^)]*\))
  | (?P<linkopen>\[)(?=[^\]]*\](?:\([^)]*\)|\[[^\]]*\]))
  | (?P<linkclose>\](?:\([^)]*\)|\[[^\]]*\]))
  | (?P<autolink><(?:https?|ftp|mailto):[^>\s]*>)
  | (?P<comment><!--.*?(?:-->|$))
  | (?P<tag></?[A-Za-z][\w:-]*(?:\s(?:"[^"]*"|'[^']*'|[^'">])*)?/?>)
  | (?P<url>(?:https?://|ftp://|www\.)[^\s<>()\[\]"']+[^\s<>()\[\]"'.,;:!?])
  | (?P<escape>\\[!-/:-@\[-`{-~])
  | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
  | (?P<emphasis>\*+|~~|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}]))
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


def copy_inline(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    """Copy one line of Markdown inline content as prose."""
    position = start
    for match in _INLINE.finditer(text, start, end):
        kind = match.lastgroup
        if kind == "ticks":
            kind = "code"
        builder.copy(position, match.start())
        if kind == "escape":
            builder.copy(match.start() + 1, match.end())
        elif kind == "entity":
            builder.copy_with_entities(match.start(), match.end())
        position = match.end()
    builder.copy(position, end)


def _front_matter_end(text: str, all_lines: list[tuple[int, int, int]]) -> int:
    """Index of the first line after the front matter (YAML `---` or TOML `+++`), 0 when there is none."""
    if not all_lines:
        return 0
    fence = text[all_lines[0][0]:all_lines[0][1]].rstrip()
    if fence not in ("---", "+++"):
        return 0
    closers = ("---", "...") if fence == "---" else ("+++",)
    for index, (start, end, _) in enumerate(all_lines[1:], 1):
        if text[start:end].rstrip() in closers:
            return index + 1
    return 0  # unclosed: not front matter, the "---" is a thematic break


def _toml_front_matter(builder: ProseBuilder, text: str, front: list[tuple[int, int, int]]) -> None:
    for start, end, _ in front:
        match = _TOML_KEY.match(text, start, end)
        if not match:
            continue
        key = match.group("key").lower()
        if key in ("title", "description"):
            if match.group("value"):
                builder.open_block(BlockKind.HEADING if key == "title" else BlockKind.PARAGRAPH)
                builder.copy_with_entities(*match.span("value"))
                builder.close_block()
        else:
            builder.add_front_matter(key, match.group("value"))


def _front_matter(builder: ProseBuilder, text: str, front: list[tuple[int, int, int]]) -> None:
    index = 0
    while index < len(front):
        start, end, _ = front[index]
        index += 1
        match = _FRONT_KEY.match(text, start, end)
        if match and _BLOCK_SCALAR.fullmatch(match.group("value") or ""):
            # A block scalar: the more-indented lines after the key are the value.
            indent = len(text[start:end]) - len(text[start:end].lstrip())
            spans: list[tuple[int, int]] = []
            while index < len(front):
                line_start, line_end, _ = front[index]
                line = text[line_start:line_end]
                if line.strip() and len(line) - len(line.lstrip()) <= indent:
                    break
                if line.strip():
                    spans.append((line_start + len(line) - len(line.lstrip()), line_end))
                index += 1
            if spans:
                builder.add_lines(BlockKind.HEADING if match.group(1) == "title" else BlockKind.PARAGRAPH, spans, _copy_scalar)
            continue
        setting = _FRONT_SETTING.match(text, start, end)
        if setting:
            builder.add_front_matter(setting.group("key"), setting.group("value").strip("\"'"))
        match = _FRONT_KEY.match(text, start, end)
        if not match or not match.group("value"):
            continue
        value_start, value_end = match.span("value")
        if value_end - value_start >= 2 and text[value_start] in "\"'" and text[value_end - 1] == text[value_start]:
            value_start, value_end = value_start + 1, value_end - 1
        builder.open_block(BlockKind.HEADING if match.group(1) == "title" else BlockKind.PARAGRAPH)
        builder.copy_with_entities(value_start, value_end)
        builder.close_block()


def _copy_scalar(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    builder.copy_with_entities(start, end)


def parse(text: str) -> Prose:
    builder = ProseBuilder(text)
    all_lines = lines(text)
    body_start = _front_matter_end(text, all_lines)
    front = all_lines[1:body_start - 1] if body_start else []
    if body_start and text[all_lines[0][0]:all_lines[0][1]].rstrip() == "+++":
        _toml_front_matter(builder, text, front)
    else:
        _front_matter(builder, text, front)

    paragraph: list[tuple[int, int]] = []
    paragraph_kind = BlockKind.PARAGRAPH
    in_list = False
    in_table = False

    def flush(kind: BlockKind | None = None) -> None:
        nonlocal paragraph_kind
        if paragraph:
            builder.add_lines(kind or paragraph_kind, paragraph, copy_inline)
            paragraph.clear()
        paragraph_kind = BlockKind.PARAGRAPH

    index = body_start
    previous_blank = True
    while index < len(all_lines):
        start, end, _ = all_lines[index]
        line = text[start:end]
        index += 1
        if not line.strip():
            flush()
            previous_blank = True
            in_table = False
            continue

        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            while index < len(all_lines):
                fence_start, fence_end, _ = all_lines[index]
                index += 1
                closing = text[fence_start:fence_end].strip()
                if closing.startswith(marker[0] * len(marker)) and not closing.strip(marker[0]):
                    break
            previous_blank = False
            continue

        if previous_blank and not in_list and not paragraph and (line.startswith("    ") or line.startswith("\t")):
            continue  # indented code

        stripped = line.lstrip()
        if stripped.startswith("<!--"):
            flush()
            while "-->" not in text[start:end] and index < len(all_lines):
                start, end, _ = all_lines[index]
                index += 1
            previous_blank = False
            continue
        skip = _HTML_BLOCK_SKIP.match(line)
        if skip:
            flush()
            closer = f"</{skip.group(1).lower()}"
            while closer not in text[start:end].lower() and index < len(all_lines):
                start, end, _ = all_lines[index]
                index += 1
            previous_blank = False
            continue

        if paragraph and paragraph_kind is BlockKind.PARAGRAPH and _SETEXT.match(line):
            flush(BlockKind.HEADING)
            previous_blank = False
            continue
        if _BREAK.match(line):
            flush()
            in_list = False
            previous_blank = False
            continue

        atx = _ATX.match(line)
        if atx:
            flush()
            content_end = end
            close = _ATX_CLOSE.search(text, start + atx.end(), end)
            if close:
                content_end = close.start()
            builder.open_block(BlockKind.HEADING)
            copy_inline(builder, text, start + atx.end(), content_end)
            builder.close_block()
            in_list = False
            previous_blank = False
            continue

        quote = _QUOTE.match(line)
        if quote:
            if paragraph_kind is not BlockKind.QUOTE:
                flush()
                paragraph_kind = BlockKind.QUOTE
            if not line[quote.end():].strip():
                flush()
                paragraph_kind = BlockKind.QUOTE
            else:
                paragraph.append((start + quote.end(), end))
            previous_blank = False
            continue
        if paragraph_kind is BlockKind.QUOTE and previous_blank:
            flush()

        item = _LIST.match(line)
        if item and (not paragraph or paragraph_kind is BlockKind.LIST_ITEM or item.group(1) == ""):
            flush()
            paragraph_kind = BlockKind.LIST_ITEM
            in_list = True
            paragraph.append((start + item.end(), end))
            previous_blank = False
            continue

        if "|" in line and (in_table or _TABLE_RULE.match(line) or _is_table_row(all_lines, index - 1, text)):
            flush()
            in_table = True
            if not _TABLE_RULE.match(line):
                _table_row(builder, text, start, end)
            previous_blank = False
            continue

        if previous_blank and paragraph_kind is BlockKind.LIST_ITEM and not line[:1].isspace():
            flush()
            in_list = False
        if not paragraph and not (line[:1].isspace() and in_list):
            in_list = in_list and line[:1].isspace()
        paragraph.append((start + len(line) - len(stripped), end))
        previous_blank = False
    flush()
    return builder.build()


def _is_table_row(all_lines: list[tuple[int, int, int]], index: int, text: str) -> bool:
    """A pipe row is a table row when a delimiter row sits next to it."""
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(all_lines):
            start, end, _ = all_lines[neighbour]
            if _TABLE_RULE.match(text, start, end) and "|" in text[start:end]:
                return True
    return False


def _table_row(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    cell_start = start
    for position in range(start, end + 1):
        if position == end or (text[position] == "|" and text[position - 1:position] != "\\"):
            if text[cell_start:position].strip():
                builder.open_block(BlockKind.TABLE_CELL)
                leading = len(text[cell_start:position]) - len(text[cell_start:position].lstrip())
                copy_inline(builder, text, cell_start + leading, position)
                builder.close_block()
            cell_start = position + 1
