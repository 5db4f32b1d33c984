"""Document: the decoded source, its prose, blocks and sentences, and all position mapping."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from claimlint import sentences
from claimlint.finding import Category, Finding, RelatedLocation, Severity
from claimlint.markup import Block, BlockKind, Prose
from claimlint.patterns import SearchText
from claimlint.positions import LineIndex
from claimlint.source import Format, SourceText

if TYPE_CHECKING:
    from claimlint import language
    from claimlint.language import Token


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # prose offsets, end exclusive
    end: int
    block: Block


@dataclass(frozen=True, slots=True)
class Location:
    line: int
    column: int
    end_line: int
    end_column: int
    start: int  # source offsets, end exclusive
    end: int


class Document:
    """One article. Checks see prose offsets; only this class turns them into places in the file."""

    def __init__(self, source: SourceText, prose: Prose) -> None:
        self.source = source
        self.prose = prose
        self._block_ranges: dict[frozenset[BlockKind], list[tuple[int, int]]] = {}
        self._derived: dict[Hashable, object] = {}

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute` derives from this document, computed once for all the rules that need it."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[return-value]

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        """The prose: what a reader reads, markup and code left out."""
        return self.prose.text

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.prose.blocks

    @cached_property
    def front_matter(self) -> dict[str, str]:
        """The front matter's plain settings by lower-cased key (`page-type`); empty without front matter."""
        return dict(self.prose.front_matter)

    @cached_property
    def search_text(self) -> SearchText:
        """The prose, indexed for fast pattern search (see patterns.finditer)."""
        return SearchText(self.prose.text)

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.source.text)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        text = self.prose.text
        return tuple(
            Sentence(start, end, block)
            for block in self.prose.blocks
            for start, end in (
                [(block.start, block.end)] if block.kind is BlockKind.HEADING else sentences.split(text, block.start, block.end)
            )
        )

    @cached_property
    def language(self) -> language.Language:
        """Tokens (lemma, word class) and clauses of the prose, built on first use and shared by every rule."""
        from claimlint import language as layer

        return layer.analyse(self.prose.text, [(sentence.start, sentence.end) for sentence in self.sentences], self._tokens_between)

    def tokens_of(self, sentence: Sentence) -> tuple[Token, ...]:
        """One sentence's tokens, tagged on first use and shared by every rule (the same as
        `language`'s for it: a tag never looks across a sentence). A rule that needs only some
        sentences tags only those."""
        return self._tokens_between(sentence.start, sentence.end)

    def _tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        key = ("tokens", start, end)
        tokens = self._derived.get(key)
        if tokens is None:
            from claimlint import language as layer

            tokens = self._derived[key] = layer.tag_sentence(self.prose.text, start, end)
        return tokens  # type: ignore[return-value]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def sections(self) -> Iterator[tuple[Block, Block | None, bool]]:
        """Each block that is not a heading, with the heading of its section (None before the
        first heading) and whether it comes right after that heading."""
        heading: Block | None = None
        first = False
        for block in self.prose.blocks:
            if block.kind is BlockKind.HEADING:
                heading, first = block, True
                continue
            yield block, heading, first
            first = False

    def blocks_of(self, kinds: frozenset[BlockKind]) -> Iterator[Block]:
        return (block for block in self.prose.blocks if block.kind in kinds)

    def block_ranges(self, kinds: frozenset[BlockKind]) -> list[tuple[int, int]]:
        """(start, end) of the blocks of these kinds, in order: the ranges a scoped rule searches."""
        ranges = self._block_ranges.get(kinds)
        if ranges is None:
            ranges = self._block_ranges[kinds] = [(b.start, b.end) for b in self.prose.blocks if b.kind in kinds]
        return ranges

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and self.sentences[index].start <= offset < max(self.sentences[index].end, offset + 1):
            return self.sentences[index]
        return None

    def sentences_in(self, start: int, end: int) -> tuple[Sentence, ...]:
        """The sentences that start in [start, end)."""
        first = bisect.bisect_left(self._sentence_starts, start)
        last = bisect.bisect_left(self._sentence_starts, end, first)
        return self.sentences[first:last]

    def block_at(self, offset: int) -> Block | None:
        sentence = self.sentence_at(offset)
        return sentence.block if sentence else None

    def locate(self, start: int, end: int) -> Location:
        """Prose span -> source span with 1-based lines and columns (end exclusive)."""
        source_start = self.prose.source_start(start)
        source_end = max(self.prose.source_end(end), source_start)
        line, column = self.line_index.position(source_start)
        end_line, end_column = self.line_index.position(source_end)
        return Location(line, column, end_line, end_column, source_start, source_end)

    def source_excerpt(self, start: int, end: int) -> str:
        location = self.locate(start, end)
        return self.source.text[location.start:location.end]

    def finding(
        self,
        start: int,
        end: int,
        *,
        rule: str,
        name: str,
        category: Category,
        severity: Severity,
        message: str,
        suggestion: str | None = None,
        related: tuple[RelatedLocation, ...] = (),
        data: tuple[tuple[str, object], ...] = (),
    ) -> Finding:
        location = self.locate(start, end)
        sentence = self.sentence_at(start)
        context = self.prose.text[sentence.start:sentence.end] if sentence else self.prose.text[start:end]
        return Finding(
            path=self.path,
            line=location.line,
            column=location.column,
            end_line=location.end_line,
            end_column=location.end_column,
            rule=rule,
            name=name,
            category=category,
            severity=severity,
            message=message,
            excerpt=self.source.text[location.start:location.end],
            suggestion=suggestion,
            context=context,
            related=related,
            data=data,
            offset=location.start,
            end_offset=location.end,
        )


def parse_document(source: SourceText) -> Document:
    """Pick the markup parser by format and build the document."""
    if source.format is Format.MARKDOWN:
        from claimlint.markup import markdown

        return Document(source, markdown.parse(source.text))
    if source.format is Format.HTML:
        from claimlint.markup import html

        return Document(source, html.parse(source.text))
    from claimlint.markup import plain

    return Document(source, plain.parse(source.text))
