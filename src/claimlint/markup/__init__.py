"""Markup -> prose: the text a reader reads, with a map back to source offsets.

Each format module turns the decoded source into a `Prose`: the prose text (markup,
code, URLs and comments removed; entities decoded), the blocks it is made of, and
segments that map every prose offset back to its source offset. Checks work on
prose offsets; `Document` is the only place they become lines and columns.
"""

from __future__ import annotations

import bisect
import enum
from html import unescape
from collections.abc import Callable
from dataclasses import dataclass

import regex
from claimlint.patterns import lazy_regex


class BlockKind(str, enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list"
    QUOTE = "quote"
    TABLE_CELL = "table"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int  # prose offsets, end exclusive
    end: int


@dataclass(frozen=True, slots=True)
class Prose:
    text: str
    blocks: tuple[Block, ...]
    # Segment i covers prose [prose_starts[i], prose_starts[i+1]); a copied segment maps
    # char by char from source_starts[i]; a replaced one (entity, joiner) maps as a whole
    # to source [source_starts[i], source_ends[i]).
    prose_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    source_ends: tuple[int, ...]
    copied: tuple[bool, ...]
    # The front matter's plain `key: value` pairs, as written (keys lower-cased): `page-type`.
    front_matter: tuple[tuple[str, str], ...] = ()

    def source_start(self, offset: int) -> int:
        """Source offset of the prose character at `offset`."""
        if not self.prose_starts:
            return 0
        i = max(bisect.bisect_right(self.prose_starts, offset) - 1, 0)
        if self.copied[i]:
            return min(self.source_starts[i] + offset - self.prose_starts[i], self.source_ends[i])
        return self.source_starts[i]

    def source_end(self, offset: int) -> int:
        """Source offset just past the prose character before `offset` (an exclusive end)."""
        if offset <= 0 or not self.prose_starts:
            return self.source_start(offset)
        i = bisect.bisect_right(self.prose_starts, offset - 1) - 1
        if self.copied[i]:
            return self.source_starts[i] + offset - self.prose_starts[i]
        return self.source_ends[i]


class ProseBuilder:
    """Collects prose from source spans, block by block."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._parts: list[str] = []
        self._length = 0
        self._prose_starts: list[int] = []
        self._source_starts: list[int] = []
        self._source_ends: list[int] = []
        self._copied: list[bool] = []
        self._blocks: list[Block] = []
        self._block_kind: BlockKind | None = None
        self._block_start = 0
        self._last_source_end = 0
        self._pending_separator = False
        self._front_matter: list[tuple[str, str]] = []

    def add_front_matter(self, key: str, value: str) -> None:
        """Record one front matter setting (not prose): `page-type: reporting`."""
        self._front_matter.append((key.lower(), value))

    def _append(self, text: str, start: int, end: int, copied: bool) -> None:
        if not text:
            return
        self._prose_starts.append(self._length)
        self._source_starts.append(start)
        self._source_ends.append(end)
        self._copied.append(copied)
        self._parts.append(text)
        self._length += len(text)
        self._last_source_end = end
        self._pending_separator = True

    def copy(self, start: int, end: int) -> None:
        """Append source[start:end] as prose; invisible characters are left out, no-break spaces become spaces."""
        if end > start:
            if self._block_kind is None:
                self.open_block(BlockKind.PARAGRAPH)
            position = start
            for match in HIDDEN.finditer(self._source, start, end):
                self._append(self._source[position:match.start()], position, match.start(), True)
                if match.group() in NO_BREAK_SPACES:
                    self._append(" ", match.start(), match.end(), False)
                position = match.end()
            self._append(self._source[position:end], position, end, True)

    def replace(self, start: int, end: int, text: str) -> None:
        """Append `text`, standing for source[start:end] (an entity, a line joiner)."""
        if self._block_kind is None:
            self.open_block(BlockKind.PARAGRAPH)
        if HIDDEN.search(text):  # "&shy;", "&#8203;", "&nbsp;": what the reader sees
            text = "".join(" " if char in NO_BREAK_SPACES else char for char in text if char in NO_BREAK_SPACES or not HIDDEN.match(char))
        self._append(text, start, end, False)

    def copy_with_entities(self, start: int, end: int) -> None:
        """Copy source[start:end], decoding HTML character references."""
        position = start
        for match in ENTITY.finditer(self._source, start, end):
            decoded = unescape(match.group())
            if decoded == match.group():
                continue
            self.copy(position, match.start())
            self.replace(match.start(), match.end(), decoded)
            position = match.end()
        self.copy(position, end)

    def add_lines(self, kind: BlockKind, spans: list[tuple[int, int]], copy_line: Callable[[ProseBuilder, str, int, int], None]) -> None:
        """One block from source lines (the markers already stripped), joined by line breaks."""
        self.open_block(kind)
        for index, (start, end) in enumerate(spans):
            if index:
                self.replace(spans[index - 1][1], start, "\n")
            copy_line(self, self._source, start, end)
        self.close_block()

    def open_block(self, kind: BlockKind) -> None:
        self.close_block()
        self._block_kind = kind
        self._block_start = self._length

    def close_block(self) -> None:
        if self._block_kind is None:
            return
        start, end = self._block_start, self._length
        joined = self._tail(start)
        start += len(joined) - len(joined.lstrip())
        end -= len(joined) - len(joined.rstrip())
        if end > start:
            self._blocks.append(Block(self._block_kind, start, end))
        self._block_kind = None
        # Blocks never run together: a paragraph break, mapped to where the block ended.
        if self._pending_separator:
            self._append("\n\n", self._last_source_end, self._last_source_end, False)
            self._pending_separator = False

    def _tail(self, start: int) -> str:
        """Prose text from `start` to now (the open block)."""
        pieces: list[str] = []
        size = self._length
        for part in reversed(self._parts):
            if size <= start:
                break
            pieces.append(part)
            size -= len(part)
        text = "".join(reversed(pieces))
        return text[start - size:]

    def build(self) -> Prose:
        self.close_block()
        return Prose(
            "".join(self._parts),
            tuple(self._blocks),
            tuple(self._prose_starts),
            tuple(self._source_starts),
            tuple(self._source_ends),
            tuple(self._copied),
            tuple(self._front_matter),
        )


# Characters a reader never sees inside a word (soft hyphen, zero-width space and joiners, word
# joiner, a stray BOM) and no-break spaces: left out of (or spaces in) the prose, so "cu\u00adres"
# still reads "cures". Positions stay exact: prose offsets map around them.
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
HIDDEN = lazy_regex("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u2007\u202f]")
ENTITY = lazy_regex(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
URL = lazy_regex(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]", regex.IGNORECASE)
