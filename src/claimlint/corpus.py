"""The corpus index for boilerplate checks: sentence sketches of every article, no all-pairs comparison.

Each sentence of at least `min_words` words becomes a *unit*: its word shingles (runs of
`shingle` words, lowercased, punctuation dropped) are hashed, and the `sketch` smallest
hashes are kept (a bottom-k MinHash sketch: one hash function, k minima). Two sketches
estimate the Jaccard similarity of the two shingle sets; for a sentence of up to k
shingles the sketch is the whole set and the figure is exact. The `keys` smallest hashes
of each sketch are the LSH keys: two sentences with Jaccard J share one with probability
about 1 - (1 - J)^keys, so near-copies meet in one dictionary lookup and only those
candidates are compared. Each unit also records its *opener* (its first `opener_words`
words), the key of templated openings ("In conclusion, X offers ...").

`build_index(paths, settings, cache)` is a pure function of the files and the settings;
the cache only saves work: one entry per file, keyed by the file's content hash and the
settings, so after one article changes only that article is read and parsed again.
`query(index, doc)` is cheap: a few dictionary lookups per sentence.
"""

from __future__ import annotations

import array
import base64
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from claimlint import patterns
from claimlint.cache import Cache, digest
from claimlint.document import Document, parse_document
from claimlint.markup import BlockKind
from claimlint.source import SourceText, read_bytes, decode

INDEX_VERSION = "corpus-index-1"
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_MASK32 = 0xFFFFFFFF
_MASK64 = 0xFFFFFFFFFFFFFFFF

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
    keys: int = 4
    opener_words: int = 7
    exempt_patterns: tuple[str, ...] = DEFAULT_EXEMPT_PATTERNS
    exempt_files: tuple[str, ...] = ()  # articles whose every sentence is meant to repeat (disclaimers)

    @property
    def key(self) -> str:
        return digest(INDEX_VERSION, json.dumps(self.__dict__, sort_keys=True, default=list))


_SETTING_TYPES: Mapping[str, type] = {"shingle": int, "min_words": int, "sketch": int, "keys": int, "opener_words": int}


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
    if settings.keys > settings.sketch:
        raise ValueError("settings.duplicate.keys cannot exceed settings.duplicate.sketch")
    for pattern in settings.exempt_patterns:
        patterns.compile_pattern(pattern)  # PatternError now, not mid-run
    return settings


@dataclass(frozen=True)
class Unit:
    """One sentence: where it is, its sketch, its opener, and whether it is meant to repeat."""

    start: int  # prose offsets (meaningful for the document being checked)
    end: int
    line: int
    column: int
    sketch: tuple[int, ...]  # ascending
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
    postings: Mapping[int, tuple[int, ...]] = field(repr=False)  # LSH key -> unit ids
    openers: Mapping[int, tuple[int, ...]] = field(repr=False)  # opener -> unit ids
    unit_file: tuple[int, ...] = field(repr=False)  # unit id -> file number
    unit_number: tuple[int, ...] = field(repr=False)  # unit id -> number of the unit in its file

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


def _mix(value: int) -> int:
    # The 64-bit finalizer of MurmurHash3: spreads the combined word hashes before taking minima.
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & _MASK64
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & _MASK64
    return (value ^ (value >> 33)) & _MASK32


def shingle_hashes(words: Sequence[str], size: int, memo: dict[str, int]) -> set[int]:
    """The 32-bit hashes of the word runs of `size` (the whole sentence when it is shorter)."""
    hashed = [_word_hash(word, memo) for word in words]
    if len(hashed) <= size:
        return {_mix(sum(h * (31 ** i) for i, h in enumerate(hashed)) & _MASK64)}
    result = set()
    for i in range(len(hashed) - size + 1):
        combined = 0
        for h in hashed[i:i + size]:
            combined = (combined * 0x100000001B3 + h) & _MASK64
        result.add(_mix(combined))
    return result


def normalized_words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


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
        hashes = sorted(shingle_hashes(words, settings.shingle, memo))[: settings.sketch]
        opener = 0
        if len(words) > settings.opener_words:
            opener = _mix(sum(_word_hash(w, memo) * (0x100000001B3 ** i) for i, w in enumerate(words[: settings.opener_words])) & _MASK64) or 1
        location = doc.locate(sentence.start, sentence.end)
        units.append(
            Unit(sentence.start, sentence.end, location.line, location.column, tuple(hashes), opener, sentence.block in exempt_blocks, len(words))
        )
    return tuple(units)


def similarity(first: Sequence[int], second: Sequence[int], size: int) -> float:
    """Jaccard estimate from two bottom-k sketches (exact when both hold their whole sets)."""
    union_smallest = sorted(set(first) | set(second))[:size]
    if not union_smallest:
        return 0.0
    both = set(first) & set(second)
    return sum(1 for value in union_smallest if value in both) / len(union_smallest)


# --- cache encoding -----------------------------------------------------------------------


def _encode(units: Sequence[Unit]) -> list[list[Any]]:
    return [
        [u.start, u.end, u.line, u.column, base64.b64encode(array.array("I", u.sketch).tobytes()).decode("ascii"), u.opener, int(u.exempt), u.words]
        for u in units
    ]


def _decode(rows: Sequence[Sequence[Any]]) -> tuple[Unit, ...]:
    units = []
    for start, end, line, column, sketch, opener, exempt, words in rows:
        values = array.array("I")
        values.frombytes(base64.b64decode(sketch))
        units.append(Unit(start, end, line, column, tuple(values), opener, bool(exempt), words))
    return tuple(units)


def file_units(path: str, data: bytes, settings: IndexSettings, cache: Cache | None, memo: dict[str, int], exempt_file: bool) -> FileUnits:
    """One article's units, from the cache when the same content was indexed with the same settings."""
    content_hash = hashlib.sha256(data).hexdigest()
    key = digest(settings.key, content_hash, path.rsplit(".", 1)[-1].lower())  # the suffix picks the parser
    if cache is not None:
        cached = cache.get("corpus-units", key)
        if isinstance(cached, list):
            try:
                return FileUnits(path, content_hash, _decode(cached), exempt_file)
            except (ValueError, TypeError):
                pass  # a damaged entry is a miss
    source = decode(path, data)
    units: tuple[Unit, ...] = ()
    if isinstance(source, SourceText):
        units = units_of(parse_document(source), settings, memo)
    if cache is not None:
        cache.put("corpus-units", key, _encode(units))
    return FileUnits(path, content_hash, units, exempt_file)


# --- the index ------------------------------------------------------------------------------


def build_index(paths: Iterable[str], settings: IndexSettings, cache: Cache | None = None) -> CorpusIndex:
    """Index the articles at `paths` (and the settings' exempt files). Unreadable files are left out."""
    memo: dict[str, int] = {}
    exempt = dict.fromkeys(settings.exempt_files)
    ordered = list(dict.fromkeys([*paths, *exempt]))
    files = []
    for path in ordered:
        data = read_bytes(path)
        if isinstance(data, bytes):
            files.append(file_units(path, data, settings, cache, memo, path in exempt))
    return index_of(files, settings)


def index_of(files: Sequence[FileUnits], settings: IndexSettings) -> CorpusIndex:
    postings: dict[int, list[int]] = {}
    openers: dict[int, list[int]] = {}
    unit_file: list[int] = []
    unit_number: list[int] = []
    for file_number, entry in enumerate(files):
        for number, unit in enumerate(entry.units):
            unit_id = len(unit_file)
            unit_file.append(file_number)
            unit_number.append(number)
            for key in unit.sketch[: settings.keys]:
                postings.setdefault(key, []).append(unit_id)
            if unit.opener:
                openers.setdefault(unit.opener, []).append(unit_id)
    return CorpusIndex(
        settings,
        tuple(files),
        tuple(os.path.realpath(entry.path) for entry in files),
        {key: tuple(ids) for key, ids in postings.items()},
        {key: tuple(ids) for key, ids in openers.items()},
        tuple(unit_file),
        tuple(unit_number),
    )


def _is_self(index: CorpusIndex, file_number: int, real_path: str) -> bool:
    return index.real_paths[file_number] == real_path


def similar_elsewhere(index: CorpusIndex, doc_path: str, unit: Unit, threshold: float) -> list[Match]:
    """Sentences of other articles whose estimated Jaccard similarity with `unit` is at least `threshold`."""
    real_path = os.path.realpath(doc_path)
    candidates = {unit_id for key in unit.sketch[: index.settings.keys] for unit_id in index.postings.get(key, ())}
    found = []
    for unit_id in sorted(candidates):
        file_number = index.unit_file[unit_id]
        if _is_self(index, file_number, real_path):
            continue
        owner, other = index.unit(unit_id)
        score = similarity(unit.sketch, other.sketch, index.settings.sketch)
        if score >= threshold:
            found.append(Match(owner.path, other.line, other.column, score, owner.exempt_file or other.exempt))
    return found


def openers_elsewhere(index: CorpusIndex, doc_path: str, unit: Unit) -> list[tuple[Match, Unit]]:
    """Sentences of other articles that open with the same words as `unit`, with their units."""
    if not unit.opener:
        return []
    real_path = os.path.realpath(doc_path)
    found = []
    for unit_id in index.openers.get(unit.opener, ()):
        file_number = index.unit_file[unit_id]
        if _is_self(index, file_number, real_path):
            continue
        owner, other = index.unit(unit_id)
        score = similarity(unit.sketch, other.sketch, index.settings.sketch)
        found.append((Match(owner.path, other.line, other.column, score, owner.exempt_file or other.exempt), other))
    return found
