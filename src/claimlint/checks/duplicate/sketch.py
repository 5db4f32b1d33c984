"""Sentences -> sketches: what the boilerplate index stores and compares.

Each sentence of at least `min_words` words becomes a *unit*: its word shingles (runs of
`shingle` words, lowercased, punctuation dropped) are hashed, and the `sketch` smallest
hashes are kept (a bottom-k MinHash sketch: one hash function, k minima). Two sketches
estimate the Jaccard similarity of the two shingle sets; for a sentence of up to k
shingles the sketch is the whole set and the figure is exact. For the LSH keys the same
hashes fall into 2 x `bands` bins (one-permutation hashing); each band is the pair of minima
of two bins. Two sentences with Jaccard J share a band with probability about J^2, so with
6 bands a pair at J = 0.6 meets in at least one lookup 93% of the time, at J = 0.7 98%.
Sentences with the same sketch have the same *fingerprint*: exact and near-exact copies
(case and punctuation aside) are one group. Each unit also records its *opener* (its first
`opener_words` words), the key of templated openings ("In conclusion, X offers ...").
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import json
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

import regex

from claimlint import patterns
from claimlint.cache import digest
from claimlint.document import Document
from claimlint.markup import BlockKind

INDEX_VERSION = "corpus-index-4"  # 4: copies grouped by fingerprint
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_MASK32 = 0xFFFFFFFF
_MASK64 = 0xFFFFFFFFFFFFFFFF
_EMPTY = 1 << 32  # above every 32-bit hash: a bin no shingle fell into

# Text meant to repeat: a paragraph matching one of these is never boilerplate.
DEFAULT_EXEMPT_PATTERNS = (
    r"disclaimer",
    r"(?:is|are) (?:not|never) (?:a substitute|intended (?:as a substitute|to replace)|meant to replace)",
    r"for (?:general )?(?:informational|educational|information) purposes only",
    r"does not (?:provide|constitute|offer) (?:medical|professional|health) advice",
    r"not (?:medical|professional) advice",
)


@dataclass(frozen=True)
class IndexSettings:
    """What shapes the index; two runs with equal settings share cache entries."""

    shingle: int = 3
    min_words: int = 8
    sketch: int = 16
    bands: int = 6
    opener_words: int = 7
    # A band key shared by more distinct sentences than this is a common phrase, not a copy:
    # skipped at query time; an opener shared by more is a site-wide template, counted and
    # sampled. Copies of one sentence are one group however many there are (its fingerprint).
    max_postings: int = 100
    exempt_patterns: tuple[str, ...] = DEFAULT_EXEMPT_PATTERNS
    exempt_files: tuple[str, ...] = ()  # articles whose every sentence is meant to repeat (disclaimers)

    @property
    def key(self) -> str:
        return digest(INDEX_VERSION, json.dumps(self.__dict__, sort_keys=True, default=list))


class Unit(NamedTuple):
    """One sentence: where it is, its sketch, its opener, and whether it is meant to repeat.

    A NamedTuple rather than a dataclass: a 10,000-article corpus has a million of them,
    rebuilt from the cache on every run, and tuples are built several times faster.
    """

    start: int  # prose offsets (meaningful for the document being checked)
    end: int
    line: int
    column: int
    sketch: tuple[int, ...]  # ascending
    keys: tuple[int, ...]  # LSH band keys
    opener: int  # 0: too short to have one
    exempt: bool
    words: int


# --- sentences -> units -----------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 17)  # pure; a site has tens of thousands of distinct words, each hashed once per process
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(words: Sequence[str], size: int) -> set[int]:
    """The 32-bit hashes of the word runs of `size` (the whole sentence when it is shorter).

    Python's hash of a tuple of ints is the same in every process (only str hashes are
    salted), so it can key an on-disk cache; the word ints come from blake2b.
    """
    hashed = [_word_hash(word) for word in words]
    if len(hashed) <= size:
        return {hash(tuple(hashed)) & _MASK32}
    return {hash(run) & _MASK32 for run in zip(*(hashed[i:] for i in range(size)))}


def band_keys(hashes: Iterable[int], bands: int) -> tuple[int, ...]:
    """One-permutation hashing: the minimum of each of 2 x bands bins; a band is two bins' minima."""
    bins = 2 * bands
    shift = 32 - (bins - 1).bit_length()
    minima = [_EMPTY] * bins
    for value in hashes:
        slot = (value >> shift) % bins
        if value < minima[slot]:
            minima[slot] = value
    # Densification (Shrivastava and Li, 2014): an empty bin borrows the minimum of the next
    # filled one, marked with the distance, so short sentences still get every band.
    filled = [slot for slot in range(bins) if minima[slot] != _EMPTY]
    if not filled:
        return ()
    for slot in range(bins):
        if minima[slot] == _EMPTY:
            donor = next((f for f in filled if f > slot), filled[0])
            minima[slot] = minima[donor] + ((donor - slot) % bins) * _EMPTY
    return tuple(hash((band, minima[2 * band], minima[2 * band + 1])) & _MASK64 for band in range(bands))


def normalized_words(text: str) -> list[str]:
    return list(_WORD.findall(text.lower()))


@functools.lru_cache(maxsize=8)  # pure; compiling (and its safety checks) cost more than a short article's units
def exempt_pattern_of(sources: tuple[str, ...]) -> patterns.Pattern | None:
    return patterns.compile_pattern(patterns.alternation(sources)) if sources else None


def units_of(doc: Document, settings: IndexSettings, timeout: float = 0.5, token_index: bool = True) -> tuple[Unit, ...]:
    """The document's sentences long enough to count, as units.

    `token_index`: find exempt paragraphs with the document's token index, which the pattern
    rules share; False where nothing else will build it (the corpus index's workers), as
    building it costs four times a plain search of each paragraph."""
    exempt_pattern = exempt_pattern_of(settings.exempt_patterns)
    exempt_blocks = set()
    if exempt_pattern is not None and not token_index:
        exempt_blocks = {block for block in doc.blocks if patterns.search(exempt_pattern, doc.text, block.start, block.end, timeout) is not None}
    elif exempt_pattern is not None:
        # One walk over all the blocks: tried only where the pattern can start, not searched block by block.
        blocks = doc.blocks  # in order, disjoint
        starts = [block.start for block in blocks]
        for found in patterns.finditer_ranges(exempt_pattern, doc.search_text, [(block.start, block.end) for block in blocks], timeout):
            exempt_blocks.add(blocks[bisect.bisect_right(starts, found.start()) - 1])
    units = []
    for sentence in doc.sentences:
        if sentence.block.kind is BlockKind.HEADING:
            continue
        words = normalized_words(doc.text[sentence.start:sentence.end])
        if len(words) < settings.min_words:
            continue
        hashes = shingle_hashes(words, settings.shingle)
        opener = 0
        if len(words) > settings.opener_words:
            opener = (hash(tuple(_word_hash(word) for word in words[: settings.opener_words])) & _MASK64) or 1
        location = doc.locate(sentence.start, sentence.end)
        units.append(
            Unit(
                sentence.start,
                sentence.end,
                location.line,
                location.column,
                tuple(sorted(hashes)[: settings.sketch]),
                band_keys(hashes, settings.bands),
                opener,
                sentence.block in exempt_blocks,
                len(words),
            )
        )
    return tuple(units)


class Sketched(Protocol):
    """A unit or a group of copies: what a comparison needs."""

    @property
    def sketch(self) -> Sequence[int]: ...
    @property
    def words(self) -> int: ...


def similarity(first: Sketched, second: Sketched, settings: IndexSettings) -> float:
    """Jaccard similarity of two sentences' shingle sets: exact when both sketches hold their
    whole sets (sentences of up to `sketch` shingles), else the bottom-k estimate."""
    return similarity_from(frozenset(first.sketch), whole(first, settings), second, settings)


def similarity_from(first_values: frozenset[int], first_whole: bool, second: Sketched, settings: IndexSettings) -> float:
    """`similarity`, given the first sketch as a set and whether it holds its whole shingle set:
    made once by a caller comparing one sentence with many (a sketch's values are distinct)."""
    other = second.sketch
    both = first_values.intersection(other)
    if first_whole and whole(second, settings):
        union = len(first_values) + len(other) - len(both)
        return len(both) / union if union else 0.0
    union_smallest = sorted(first_values.union(other))[: settings.sketch]
    return len(both.intersection(union_smallest)) / len(union_smallest)  # the union's values are distinct


def may_reach(first: frozenset[int] | set[int], second: Sequence[int], threshold: float) -> bool:
    """False when two sketches cannot be `threshold` alike: |A & B| / max(|A|, |B|) bounds every estimate.

    `first` is the first sketch as a set, made once by the caller for all its comparisons."""
    size = len(first)
    return len(first.intersection(second)) >= threshold * (size if size > len(second) else len(second))


class SketchTable:
    """Groups' sketches as the rows of one padded table, for the bound of many candidate pairs at
    once (numpy): a process fills it as documents meet new groups, and starts it again when it
    would pass `limit` rows (about 140 bytes a row)."""

    def __init__(self, settings: IndexSettings, limit: int = 200_000) -> None:
        self.settings = settings
        self.width = settings.sketch
        self.limit = limit
        self.rows: dict[int, int] = {}  # fingerprint -> row
        self.fingerprints: list[int] = []  # row -> fingerprint
        self._values = array("Q")
        self._sizes = array("I")
        self._whole = bytearray()
        self.compact: Any = None  # a full table's rows (of_all): uint32, zero past each sketch's size
        self.compact_sizes: Any = None
        self.compact_whole: Any = None

    def place(self, fingerprints: Collection[int], groups: Mapping[int, Sketched]) -> None:
        """Give each of `fingerprints` a row (the sketch of groups[fp])."""
        new = [fp for fp in fingerprints if fp not in self.rows]
        if len(self.rows) + len(new) > self.limit:
            self.rows, self.fingerprints, self._values, self._sizes, self._whole = {}, [], array("Q"), array("I"), bytearray()
            new = list(fingerprints)
        for fp in new:
            group = groups[fp]
            self.rows[fp] = len(self.fingerprints)
            self.fingerprints.append(fp)
            _append_padded(self._values, group.sketch, self.width, _TABLE_PAD)
            self._sizes.append(len(group.sketch))
            self._whole.append(whole(group, self.settings))

    @classmethod
    def of_all(cls, settings: IndexSettings, fingerprints: Sequence[int], sketches: bytes | bytearray, ends: array[int], words: array[int]) -> SketchTable:
        """A full table: row i the sketch sketches[ends[i - 1]:ends[i]] (bytes of uint32) of
        fingerprints[i], for a process that holds every group of the corpus (snapshot.py). Its
        rows are the caller's positions: `rows` stays empty and `place` is never called. The
        rows are kept as uint32 (64 bytes a group, not 128) and padded as they are compared."""
        import numpy

        table = cls(settings, limit=len(fingerprints))
        width, count = table.width, len(fingerprints)
        values = numpy.frombuffer(sketches, numpy.uint32)
        stops = numpy.frombuffer(ends, numpy.int64) // 4 if len(ends) else numpy.zeros(0, numpy.int64)
        sizes = numpy.diff(stops, prepend=0)
        compact = numpy.zeros((count, width), numpy.uint32)
        # Each row's sketch fills its first `size` cells: a mask of those cells, taken in row order,
        # is the order of `values`. (Indexing cell by cell built four arrays of 8 bytes a value:
        # 390 MB for a 10,000-article site, twice over in a run's two lint workers at once.)
        compact[numpy.arange(width) < sizes[:, None]] = values
        table.compact = compact
        table.compact_sizes = sizes.astype(numpy.intp)
        table.compact_whole = (sizes < width) | (numpy.frombuffer(words, numpy.int32) - settings.shingle + 1 <= width)
        table.fingerprints = fingerprints  # type: ignore[assignment]
        return table

    def sketches_of(self, rows: Sequence[int]) -> list[bytes]:
        """The sketches of a full table's rows (of_all), as the groups table stores them (bytes of uint32)."""
        picked = list(rows)
        data, stride = self.compact[picked].tobytes(), self.width * 4
        return [data[number * stride : number * stride + size * 4] for number, size in enumerate(self.compact_sizes[picked].tolist())]

    def reachable(self, units: Sequence[Sketched], candidates: Sequence[Sequence[int]], threshold: float) -> list[tuple[int, int]]:
        """(n, row) for each row of candidates[n] that may_reach keeps with units[n] (-1: no row):
        the same test, vectorized for the millions of candidate pairs of a whole site."""
        numpy, pairs = self._pairs(units, candidates)
        return self._kept(numpy, pairs, threshold)

    def reachable_pairs(self, units: Sequence[Sketched], left: Any, right: Any, threshold: float) -> list[tuple[int, int]]:
        """reachable() for pairs given as two numpy arrays: units[left[i]] with row right[i] (no -1)."""
        numpy, pairs = self._pairs_of(units, left, right)
        return self._kept(numpy, pairs, threshold)

    @staticmethod
    def _kept(numpy: Any, pairs: Iterator[_Pairs], threshold: float) -> list[tuple[int, int]]:
        kept: list[tuple[int, int]] = []
        for chunk in pairs:
            # As may_reach: |A & B| >= threshold * max(|A|, |B|), the same float products.
            passing = numpy.flatnonzero(chunk.shared >= threshold * numpy.maximum(chunk.first_sizes, chunk.second_sizes))
            kept += zip(chunk.first_rows[passing].tolist(), chunk.second_rows[passing].tolist())
        return kept

    def similarities(self, units: Sequence[Sketched], candidates: Sequence[Sequence[int]]) -> list[list[float]]:
        """similarity(units[n], the group of each row of candidates[n]), in order: the same floats,
        vectorized. Every row must be placed."""
        numpy, pairs = self._pairs(units, candidates)
        scores: list[float] = []
        width = self.width
        for chunk in pairs:
            both = chunk.shared
            # Bottom-k: the shared values among the `width` smallest of the union. In each pair's
            # values sorted together a shared value stands twice, the second time not new.
            merged = numpy.sort(numpy.concatenate([chunk.first, chunk.second], axis=1), axis=1)
            real = merged < _TABLE_PAD
            new = numpy.ones(merged.shape, bool)  # not the value before it
            new[:, 1:] = merged[:, 1:] != merged[:, :-1]
            smallest = real & (numpy.cumsum(new, axis=1) <= width)
            estimate = (smallest & ~new).sum(axis=1) / numpy.minimum(width, (real & new).sum(axis=1))
            exact = both / (chunk.first_sizes + chunk.second_sizes - both)  # both sketches hold their whole sets
            scores += numpy.where(chunk.first_whole & chunk.second_whole, exact, estimate).tolist()
        found, position = [], 0
        for rows in candidates:
            found.append(scores[position : position + len(rows)])
            position += len(rows)
        return found

    def _pairs(self, units: Sequence[Sketched], candidates: Sequence[Sequence[int]]) -> tuple[Any, Iterator[_Pairs]]:
        import numpy  # here, not at the top: about 0.1 s to import, more than a one-article check spends on pairs

        counts = numpy.fromiter(map(len, candidates), numpy.intp, len(candidates))
        left = numpy.repeat(numpy.arange(len(candidates)), counts)
        right = numpy.fromiter(itertools.chain.from_iterable(candidates), numpy.intp, int(counts.sum()))
        placed = right >= 0
        return self._pairs_of(units, left[placed], right[placed])

    def _pairs_of(self, units: Sequence[Sketched], left: Any, right: Any) -> tuple[Any, Iterator[_Pairs]]:
        import numpy

        mine = array("Q")
        for unit in units:
            _append_padded(mine, unit.sketch, self.width, _UNIT_PAD)
        mine_matrix = numpy.frombuffer(mine, numpy.uint64).reshape(len(units), self.width)
        mine_sizes = numpy.fromiter((len(unit.sketch) for unit in units), numpy.intp, len(units))
        mine_whole = numpy.fromiter((whole(unit, self.settings) for unit in units), bool, len(units))
        compact = self.compact is not None
        if compact:
            table, sizes, table_whole = self.compact, self.compact_sizes, self.compact_whole
        else:
            table = numpy.frombuffer(self._values, numpy.uint64).reshape(len(self.fingerprints), self.width)
            sizes = numpy.frombuffer(self._sizes, numpy.uint32).astype(numpy.intp)
            table_whole = numpy.frombuffer(self._whole, bool)
        columns = numpy.arange(self.width)

        def chunks() -> Iterator[_Pairs]:
            for start in range(0, len(left), _PAIRS_AT_ONCE):
                rows_a, rows_b = left[start : start + _PAIRS_AT_ONCE], right[start : start + _PAIRS_AT_ONCE]
                first, second = mine_matrix[rows_a], table[rows_b]
                if compact:  # padded as a placed row is: _TABLE_PAD past the sketch's size
                    second = second.astype(numpy.uint64)
                    second[columns[None, :] >= sizes[rows_b][:, None]] = _TABLE_PAD
                shared = (first[:, :, None] == second[:, None, :]).sum(axis=(1, 2))
                yield _Pairs(rows_a, rows_b, first, second, shared, mine_sizes[rows_a], sizes[rows_b], mine_whole[rows_a], table_whole[rows_b])

        return numpy, chunks()


class _Pairs(NamedTuple):
    """Up to _PAIRS_AT_ONCE candidate pairs as numpy arrays, one item per pair."""

    first_rows: Any
    second_rows: Any
    first: Any  # padded sketches
    second: Any
    shared: Any  # |A & B|
    first_sizes: Any
    second_sizes: Any
    first_whole: Any
    second_whole: Any


# Pads above every 32-bit hash, different on the two sides: a pad meets nothing, so the counts are exact.
_TABLE_PAD, _UNIT_PAD = 1 << 32, 1 << 33
_PAIRS_AT_ONCE = 4096  # a 16 x 16 comparison each: about 1 MB of booleans at a time, whatever the article's size


def _append_padded(values: array[int], sketch: Sequence[int], width: int, pad: int) -> None:
    values.extend(iter(sketch))  # an array of 32-bit values does not extend one of 64-bit values
    values.extend([pad] * (width - len(sketch)))


def whole(unit: Sketched, settings: IndexSettings) -> bool:
    return len(unit.sketch) < settings.sketch or unit.words - settings.shingle + 1 <= settings.sketch


def signed(value: int) -> int:
    """SQLite integers are signed 64-bit."""
    return value - (1 << 64) if value >= 1 << 63 else value


def fingerprint(unit: Unit) -> int:
    """Equal for sentences with the same sketch (the same words, case and punctuation aside):
    the key of a group of copies. Members of one group are similarity 1.0 to each other."""
    return signed(hash(unit.sketch) & _MASK64)
