"""Offsets in decoded text <-> 1-based (line, column), for every line ending."""

from __future__ import annotations

import bisect

import regex

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps code-point offsets to lines and columns.

    Lines end at CRLF, CR or LF, so a file with any mix of endings maps right.
    """

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of `offset`; the text's end is a valid offset."""
        if offset < 0 or offset > self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1
