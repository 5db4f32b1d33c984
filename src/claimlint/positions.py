"""Offsets in decoded text <-> 1-based (line, column), for every line ending.

Also the one place columns become the code units an editor counts (LSP positions: UTF-16 by
default, UTF-8 or UTF-32 when negotiated).
"""

from __future__ import annotations

import bisect

import regex

# The one definition of a line break (CRLF, CR or LF): LineIndex, the markup and the reporters use it.
LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# Bytes per code unit of each LSP position encoding ("utf-16" is the protocol's default).
_UNIT_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


class LineIndex:
    """Maps code-point offsets to lines and columns.

    Lines end at CRLF, CR or LF, so a file with any mix of endings maps right (the same three
    the Language Server Protocol counts; str.splitlines would also split at U+2028, form feeds...).
    """

    __slots__ = ("_starts", "_length", "_text")

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in LINE_BREAK.finditer(text))
        self._length = len(text)
        self._text = text

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of 1-based `line`, before its line break."""
        end = self._starts[line] if line < len(self._starts) else self._length
        while end > self._starts[line - 1] and self._text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset`; the text's end is a valid offset."""
        if offset < 0 or offset > self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def code_units(self, line: int, column: int, encoding: str = "utf-16") -> int:
        """How many `encoding` code units precede 1-based (line, column) on its line: an LSP
        Position's `character` (its `line` is line - 1)."""
        codec, width = _UNIT_CODECS[encoding]
        start = self._starts[line - 1]
        return len(self._text[start : start + column - 1].encode(codec, "surrogatepass")) // width

    def column_of_units(self, line: int, units: int, encoding: str = "utf-16") -> int:
        """The 1-based column `units` code units into 1-based `line` (an LSP Position, inverted).

        Past the line's end means its end, as the protocol says; inside a character (half a
        surrogate pair) means that character.
        """
        codec, width = _UNIT_CODECS[encoding]
        start, end = self._starts[line - 1], self.line_end(line)
        counted = 0
        for position in range(start, end):
            counted += len(self._text[position].encode(codec, "surrogatepass")) // width
            if counted > units:
                return position - start + 1
        return end - start + 1
