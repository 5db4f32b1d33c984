"""The corpus index for boilerplate checks: sentence sketches of every article, no all-pairs comparison.

Each sentence of at least `min_words` words becomes a *unit*: its word shingles (runs of
`shingle` words, lowercased, punctuation dropped) are hashed, and the `sketch` smallest
hashes are kept (a bottom-k MinHash sketch: one hash function, k minima). Two sketches
estimate the Jaccard similarity of the two shingle sets; for a sentence of up to k
shingles the sketch is the whole set and the figure is exact. For the LSH keys the same
hashes fall into 2 x `bands` bins (one-permutation hashing); each band is the pair of minima
of two bins. Two sentences with Jaccard J share a band with probability about J^2, so with
6 bands a pair at J = 0.6 meets in at least one dictionary lookup 93% of the time, at
J = 0.7 98%, and unrelated sentences rarely meet: only those candidates are compared. Each
unit also records its *opener* (its first `opener_words` words), the key of templated
openings ("In conclusion, X offers ...").

`build_index(paths, settings, cache)` is a pure function of the files and the settings;
the cache only saves work: one entry per file, keyed by the file's content hash and the
settings, so after one article changes only that article is read and parsed again.
`query(index, doc)` is cheap: a few dictionary lookups per sentence.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import regex

from claimlint import patterns
from claimlint.cache import Cache, digest
from claimlint.document import Document, parse_document
from claimlint.markup import BlockKind
from claimlint.source import SourceText, read_bytes, decode

INDEX_VERSION = "corpus-index-2"
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
    # A band key shared by more sentences than this is a common phrase, not a copy: skipped at
    # query time. Exact copies, however many, are found through their fingerprint instead.
    max_postings: int = 100
    exempt_patterns: tuple[str, ...] = DEFAULT_EXEMPT_PATTERNS
    exempt_files: tuple[str, ...] = ()  # articles whose every sentence is meant to repeat (disclaimers)

    @property
    def key(self) -> str:
        return digest(INDEX_VERSION, json.dumps(self.__dict__, sort_keys=True, default=list))


_SETTING_TYPES: Mapping[str, type] = {"shingle": int, "min_words": int, "sketch": int, "bands": int, "opener_words": int, "max_postings": int}


def settings_from(mapping: Mapping[str, Any] | None) -> IndexSettings:
    """The `settings: duplicate:` section of the config -> IndexSettings; ValueError names a bad key."""
    values: dict[str, Any] = {}
    for key, value in (mapping or {}).items():
        if key in _SETTING_TYPES:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"settings.duplicate.{key} must be a positive whole number")
            values[key] = value
        elif key in ("exempt_patterns", "extend_exempt_patterns", "exempt_files"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ValueError(f"settings.duplicate.{key} must be a list of strings")
            if key == "extend_exempt_patterns":
                values["exempt_patterns"] = tuple(values.get("exempt_patterns", DEFAULT_EXEMPT_PATTERNS)) + tuple(value)
            else:
                values[key] = tuple(value)
        else:
            known = sorted([*_SETTING_TYPES, "exempt_patterns", "extend_exempt_patterns", "exempt_files"])
            raise ValueError(f"unknown key settings.duplicate.{key}; known: {', '.join(known)}")
    settings = IndexSettings(**values)
    if settings.bands > 16:
        raise ValueError("settings.duplicate.bands is at most 16")
    for pattern in settings.exempt_patterns:
        patterns.compile_pattern(pattern)  # PatternError now, not mid-run
    return settings


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


@dataclass(frozen=True)
class FileUnits:
    path: str
    content_hash: str
    units: tuple[Unit, ...]
    exempt_file: bool = False


@dataclass(frozen=True)
class CorpusIndex:
    settings: IndexSettings
    files: tuple[FileUnits, ...]
    real_paths: tuple[str, ...]
    postings: Mapping[int, Sequence[int]] = field(repr=False)  # LSH key -> unit ids
    openers: Mapping[int, Sequence[int]] = field(repr=False)  # opener -> unit ids
    copies: Mapping[int, Sequence[int]] = field(repr=False)  # fingerprint (whole sketch) -> unit ids
    unit_file: Sequence[int] = field(repr=False)  # unit id -> file number
    unit_number: Sequence[int] = field(repr=False)  # unit id -> number of the unit in its file

    def unit(self, unit_id: int) -> tuple[FileUnits, Unit]:
        owner = self.files[self.unit_file[unit_id]]
        return owner, owner.units[self.unit_number[unit_id]]


@dataclass(frozen=True)
class Match:
    """Another sentence like one of the checked document's."""

    path: str
    line: int
    column: int
    similarity: float
    exempt: bool  # the other sentence is meant to repeat (exempt file or pattern)


# --- sentences -> units -----------------------------------------------------------------


def _word_hash(word: str, memo: dict[str, int]) -> int:
    value = memo.get(word)
    if value is None:
        value = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
        memo[word] = value
    return value


def shingle_hashes(words: Sequence[str], size: int, memo: dict[str, int]) -> set[int]:
    """The 32-bit hashes of the word runs of `size` (the whole sentence when it is shorter).

    Python's hash of a tuple of ints is the same in every process (only str hashes are
    salted), so it can key an on-disk cache; the word ints come from blake2b.
    """
    hashed = [_word_hash(word, memo) for word in words]
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
    return _WORD.findall(text.lower())


def units_of(doc: Document, settings: IndexSettings, memo: dict[str, int] | None = None, timeout: float = 0.5) -> tuple[Unit, ...]:
    """The document's sentences long enough to count, as units."""
    memo = {} if memo is None else memo
    exempt_pattern = patterns.compile_pattern(patterns.alternation(settings.exempt_patterns)) if settings.exempt_patterns else None
    exempt_blocks = set()
    if exempt_pattern is not None:
        for block in doc.blocks:
            if patterns.search(exempt_pattern, doc.text, block.start, block.end, timeout) is not None:
                exempt_blocks.add(block)
    units = []
    for sentence in doc.sentences:
        if sentence.block.kind is BlockKind.HEADING:
            continue
        words = normalized_words(doc.text[sentence.start:sentence.end])
        if len(words) < settings.min_words:
            continue
        hashes = shingle_hashes(words, settings.shingle, memo)
        opener = 0
        if len(words) > settings.opener_words:
            opener = (hash(tuple(_word_hash(word, memo) for word in words[: settings.opener_words])) & _MASK64) or 1
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


def similarity(first: Unit, second: Unit, settings: IndexSettings) -> float:
    """Jaccard similarity of two sentences' shingle sets: exact when both sketches hold their
    whole sets (sentences of up to `sketch` shingles), else the bottom-k estimate."""
    both = set(first.sketch).intersection(second.sketch)
    if _whole(first, settings) and _whole(second, settings):
        union = len(first.sketch) + len(second.sketch) - len(both)
        return len(both) / union if union else 0.0
    union_smallest = sorted(set(first.sketch).union(second.sketch))[: settings.sketch]
    return sum(1 for value in union_smallest if value in both) / len(union_smallest)


def _whole(unit: Unit, settings: IndexSettings) -> bool:
    return len(unit.sketch) < settings.sketch or unit.words - settings.shingle + 1 <= settings.sketch


# --- cache encoding -----------------------------------------------------------------------


def _encode(units: Sequence[Unit]) -> list[list[Any]]:
    return [[u.start, u.end, u.line, u.column, list(u.sketch), list(u.keys), u.opener, int(u.exempt), u.words] for u in units]


def _decode(rows: Sequence[Sequence[Any]]) -> tuple[Unit, ...]:
    return tuple(
        Unit(start, end, line, column, tuple(sketch), tuple(keys), opener, bool(exempt), words)
        for start, end, line, column, sketch, keys, opener, exempt, words in rows
    )


def _cache_key(path: str, content_hash: str, settings_key: str) -> str:
    return digest(settings_key, content_hash, path.rsplit(".", 1)[-1].lower())  # the suffix picks the parser


def _analyze(job: tuple[str, bytes, IndexSettings]) -> list[list[Any]]:
    """One article's units, encoded (what a worker process sends back)."""
    path, data, settings = job
    source = decode(path, data)
    if not isinstance(source, SourceText):
        return []
    return _encode(units_of(parse_document(source), settings))


# --- the index ------------------------------------------------------------------------------

# Below this many articles to (re)index, worker processes cost more than they save.
PARALLEL_FROM = 200


def build_index(paths: Iterable[str], settings: IndexSettings, cache: Cache | None = None, workers: int | None = None) -> CorpusIndex:
    """Index the articles at `paths` (and the settings' exempt files). Unreadable files are left out.

    Each file's units come from the cache when its content was indexed with the same
    settings; the others are parsed, in worker processes when there are many (a cold cache).
    """
    exempt = set(settings.exempt_files)
    settings_key = settings.key
    rows: dict[str, list[list[Any]]] = {}
    missing: list[tuple[str, bytes, str]] = []
    hashes: dict[str, str] = {}
    for path in dict.fromkeys([*paths, *settings.exempt_files]):
        data = read_bytes(path)
        if not isinstance(data, bytes):
            continue
        hashes[path] = content_hash = hashlib.sha256(data).hexdigest()
        cached = cache.get("corpus-units", _cache_key(path, content_hash, settings_key)) if cache is not None else None
        if isinstance(cached, list):
            rows[path] = cached
        else:
            missing.append((path, data, content_hash))
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    jobs = [(path, data, settings) for path, data, _ in missing]
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            analyzed = list(pool.map(_analyze, jobs, chunksize=16))
    else:
        analyzed = [_analyze(job) for job in jobs]
    for (path, _, content_hash), encoded in zip(missing, analyzed):
        rows[path] = encoded
        if cache is not None:
            cache.put("corpus-units", _cache_key(path, content_hash, settings_key), encoded)
    files = []
    for path, content_hash in hashes.items():
        try:
            units = _decode(rows[path])
        except (ValueError, TypeError):  # a damaged cache entry is a miss
            data = read_bytes(path)
            units = _decode(_analyze((path, data if isinstance(data, bytes) else b"", settings)))
        files.append(FileUnits(path, content_hash, units, path in exempt))
    return index_of(files, settings)


def index_of(files: Sequence[FileUnits], settings: IndexSettings) -> CorpusIndex:
    postings: defaultdict[int, list[int]] = defaultdict(list)
    openers: defaultdict[int, list[int]] = defaultdict(list)
    copies: defaultdict[int, list[int]] = defaultdict(list)
    unit_file: list[int] = []
    unit_number: list[int] = []
    for file_number, entry in enumerate(files):
        first_id = len(unit_file)
        unit_file.extend([file_number] * len(entry.units))
        unit_number.extend(range(len(entry.units)))
        for unit_id, unit in enumerate(entry.units, first_id):
            for key in unit.keys:
                postings[key].append(unit_id)
            if unit.opener:
                openers[unit.opener].append(unit_id)
            copies[hash(unit.sketch)].append(unit_id)
    return CorpusIndex(
        settings,
        tuple(files),
        tuple(os.path.realpath(entry.path) for entry in files),
        dict(postings),
        dict(openers),
        {key: ids for key, ids in copies.items() if len(ids) > 1},
        unit_file,
        unit_number,
    )


def fingerprint(unit: Unit) -> int:
    """Equal for sentences with the same shingles (the same words, case and punctuation aside)."""
    return hash(unit.sketch)  # only ever compared within one process


def _own_files(index: CorpusIndex, doc_path: str) -> set[int]:
    real_path = os.path.realpath(doc_path)
    return {number for number, path in enumerate(index.real_paths) if path == real_path}


def similar_elsewhere(index: CorpusIndex, doc_path: str, unit: Unit, threshold: float) -> list[Match]:
    """Sentences of other articles whose estimated Jaccard similarity with `unit` is at least `threshold`."""
    own = _own_files(index, doc_path)
    cap = index.settings.max_postings
    copies = index.copies.get(fingerprint(unit), ())
    candidates = set(copies)
    for key in unit.keys:
        posted = index.postings.get(key, ())
        if len(posted) <= cap:
            candidates.update(posted)
    mine = set(unit.sketch)
    found = []
    for unit_id in sorted(candidates):
        file_number = index.unit_file[unit_id]
        if file_number in own:
            continue
        owner, other = index.unit(unit_id)
        # |A & B| / max(|A|, |B|) bounds every estimate from above: most candidates stop here.
        if len(mine.intersection(other.sketch)) < threshold * max(len(mine), len(other.sketch)):
            continue
        score = similarity(unit, other, index.settings)
        if score >= threshold:
            found.append(Match(owner.path, other.line, other.column, score, owner.exempt_file or other.exempt))
    return found


def openers_elsewhere(index: CorpusIndex, doc_path: str, unit: Unit) -> list[tuple[Match, Unit]]:
    """Sentences of other articles that open with the same words as `unit`, with their units."""
    if not unit.opener:
        return []
    own = _own_files(index, doc_path)
    found = []
    for unit_id in index.openers.get(unit.opener, ()):
        if index.unit_file[unit_id] in own:
            continue
        owner, other = index.unit(unit_id)
        score = similarity(unit, other, index.settings)
        found.append((Match(owner.path, other.line, other.column, score, owner.exempt_file or other.exempt), other))
    return found
