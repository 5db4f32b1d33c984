"""HTML -> prose blocks, with a tolerant tokenizer that keeps exact offsets.

Text inside script, style, code, pre and similar elements, comments and attribute
values is not prose. Block elements start new blocks; inline tags are left out.
Character references are decoded. Broken markup never raises: an unclosed comment
or raw-text element runs to the end of the file, a stray '<' is text.
"""

from __future__ import annotations

import regex

from claimlint.markup import BlockKind, Prose, ProseBuilder
from claimlint.patterns import lazy_regex

_RAW_TEXT = ("title", "script", "style", "pre", "code", "textarea", "noscript", "template", "svg", "math", "kbd", "samp", "head")
_TOKEN = lazy_regex(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
  | (?P<raw><(?P<rawname>"""
    + "|".join(_RAW_TEXT)
    + r""")\b(?:"[^"]*"|'[^']*'|[^'">])*>.*?(?:</(?P=rawname)\s*>|\Z))
  | (?P<decl><![^>]*>|<\?.*?(?:\?>|\Z))
  | (?P<tag></?(?P<name>[A-Za-z][\w:-]*)(?:\s(?:"[^"]*"|'[^']*'|[^'">])*)?/?>)
  | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
  | (?P<url>(?:https?://|ftp://|www\.)[^\s<>()\[\]"']+[^\s<>()\[\]"'.,;:!?])
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.DOTALL,
)
_BLOCK_KIND = {
    **{f"h{level}": BlockKind.HEADING for level in range(1, 7)},
    "title": BlockKind.HEADING,
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
}
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol", "dl",
        "table", "tr", "thead", "tbody", "tfoot", "figure", "figcaption", "caption", "body", "html",
        "form", "fieldset", "address", "details", "summary", "hr",
    }
    | set(_BLOCK_KIND)
)


def parse(text: str) -> Prose:
    builder = ProseBuilder(text)
    # The title element sits in <head>, which is raw text for everything else.
    title = regex.search(r"<title\b[^>]*>(.*?)</title\s*>", text, regex.IGNORECASE | regex.DOTALL)
    if title and title.group(1).strip():
        builder.open_block(BlockKind.HEADING)
        builder.copy_with_entities(*title.span(1))
        builder.close_block()

    open_kinds: list[BlockKind] = []
    position = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        _copy_text(builder, text, position, match.start())
        position = match.end()
        if kind == "entity":
            builder.copy_with_entities(match.start(), match.end())
        elif kind == "tag":
            name = (match.group("name") or "").lower()
            if name == "br":
                builder.replace(match.start(), match.end(), "\n")
                continue
            if name not in _BLOCK_TAGS:
                continue  # inline element: its text flows on
            closing = match.group().startswith("</")
            block_kind = _BLOCK_KIND.get(name)
            if block_kind is not None:
                if closing:
                    if block_kind in open_kinds:
                        open_kinds.remove(block_kind)
                else:
                    open_kinds.append(block_kind)
            builder.open_block(open_kinds[-1] if open_kinds else BlockKind.PARAGRAPH)
    _copy_text(builder, text, position, len(text))
    return builder.build()


def _copy_text(builder: ProseBuilder, text: str, start: int, end: int) -> None:
    if start < end and text[start:end].strip():
        builder.copy(start, end)
