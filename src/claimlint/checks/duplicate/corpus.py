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

`build_index(paths, settings, cache)` brings an on-disk SQLite index up to date with the
files (re-reading only those whose size or mtime changed); `neighbours(index, path, units)`
fetches, in a few queries, the rows near one document's sentences, and `similar_elsewhere`
and `openers_elsewhere` compare them: milliseconds per document, however large the corpus.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import weakref
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import regex

from claimlint import patterns
from claimlint.cache import Cache, digest
from claimlint.document import Document, parse_document
from claimlint.markup import BlockKind
from claimlint.source import SourceText, read_bytes, decode

INDEX_VERSION = "corpus-index-3"
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


def may_reach(first: frozenset[int] | set[int], second: Unit, threshold: float) -> bool:
    """False when two sketches cannot be `threshold` alike: |A & B| / max(|A|, |B|) bounds every estimate.

    `first` is the first sketch as a set, made once by the caller for all its comparisons."""
    return len(first.intersection(second.sketch)) >= threshold * max(len(first), len(second.sketch))


def _whole(unit: Unit, settings: IndexSettings) -> bool:
    return len(unit.sketch) < settings.sketch or unit.words - settings.shingle + 1 <= settings.sketch


# --- the index: SQLite, on disk, refreshed file by file -----------------------------------
#
# One database per index settings under the cache folder. A run stats every corpus file
# and re-reads only those whose size or mtime changed (and re-indexes only those whose
# content changed), so a run after one edit costs a stat per article plus that article.
# Queries are lookups by LSH key, opener and fingerprint: milliseconds, however large the
# corpus. SQLite's locking makes concurrent claimlint processes safe; a damaged database
# is deleted and rebuilt. Without a cache folder (--no-cache) the database is a temporary
# file, removed when the index is.

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime INTEGER, hash TEXT);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY, file INTEGER NOT NULL, start INTEGER, end INTEGER, line INTEGER, col INTEGER,
    sketch BLOB, opener INTEGER, exempt INTEGER, words INTEGER, fingerprint INTEGER);
CREATE TABLE IF NOT EXISTS keys (key INTEGER NOT NULL, unit INTEGER NOT NULL, file INTEGER NOT NULL);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS units_file ON units (file);
CREATE INDEX IF NOT EXISTS units_opener ON units (opener) WHERE opener != 0;
CREATE INDEX IF NOT EXISTS units_fingerprint ON units (fingerprint);
CREATE INDEX IF NOT EXISTS keys_key ON keys (key);
CREATE INDEX IF NOT EXISTS keys_file ON keys (file);
"""
_DROP_INDEXES = "DROP INDEX IF EXISTS units_file; DROP INDEX IF EXISTS units_opener; DROP INDEX IF EXISTS units_fingerprint; DROP INDEX IF EXISTS keys_key; DROP INDEX IF EXISTS keys_file;"
_SQL_VARIABLES = 900  # below SQLite's smallest limit on ? parameters in one statement
# Below this many articles to (re)index, worker processes cost more than they save.
PARALLEL_FROM = 200


def signed(value: int) -> int:
    """SQLite integers are signed 64-bit."""
    return value - (1 << 64) if value >= 1 << 63 else value


def fingerprint(unit: Unit) -> int:
    """Equal for sentences with the same shingles (the same words, case and punctuation aside)."""
    return signed(hash(unit.sketch) & _MASK64)


@dataclass
class CorpusIndex:
    """A corpus index: which files of the database make up this run's corpus, and how to reach it."""

    settings: IndexSettings
    database: str
    file_ids: dict[str, int]  # corpus path (as given) -> file id
    exempt_ids: frozenset[int]
    only_corpus: bool = False  # the database holds this corpus's files and no others
    _connections: dict[int, sqlite3.Connection] = field(default_factory=dict, repr=False, compare=False)
    _cleanup: Any = field(default=None, repr=False, compare=False)  # removes a temporary database

    def __post_init__(self) -> None:
        self.paths_by_id = {file_id: path for path, file_id in self.file_ids.items()}
        self.ids_by_real_path: dict[str, set[int]] = defaultdict(set)
        for path, file_id in self.file_ids.items():
            self.ids_by_real_path[os.path.realpath(path)].add(file_id)

    def connection(self) -> sqlite3.Connection:
        """One connection per process: a pool's workers open their own after the fork."""
        pid = os.getpid()
        if pid not in self._connections:
            self._connections.clear()
            self._connections[pid] = _connect(self.database)
        return self._connections[pid]

    @property
    def sentences(self) -> int:
        ids = list(self.file_ids.values())
        return sum(_count(self.connection(), "SELECT COUNT(*) FROM units WHERE file IN ({})", chunk) for chunk in _chunks(ids))


def _connect(database: str) -> sqlite3.Connection:
    connection = sqlite3.connect(database, timeout=60, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 60000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -65536")  # 64 MB of pages: bulk inserts stay in memory
    return connection


def _chunks(values: Sequence[Any], size: int = _SQL_VARIABLES) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _count(connection: sqlite3.Connection, query: str, values: Sequence[Any]) -> int:
    return int(connection.execute(query.format(",".join("?" * len(values))), list(values)).fetchone()[0])


def _database_path(settings: IndexSettings, cache: Cache) -> Path:
    return cache.directory / "corpus" / f"index-{settings.key[:24]}.sqlite3"


def _open(settings: IndexSettings, cache: Cache | None) -> tuple[str, sqlite3.Connection, Any]:
    """The database (created if need be; rebuilt if damaged) and, for a temporary one, its cleanup."""
    cleanup = None
    if cache is None:
        folder = tempfile.mkdtemp(prefix="claimlint-corpus-")
        database = os.path.join(folder, "index.sqlite3")
        cleanup = functools.partial(shutil.rmtree, folder, True)
    else:
        path = _database_path(settings, cache)
        path.parent.mkdir(parents=True, exist_ok=True)
        database = str(path)
    for attempt in range(2):
        try:
            connection = _connect(database)
            connection.executescript(_SCHEMA + _INDEXES)
            return database, connection, cleanup
        except sqlite3.DatabaseError:
            if attempt or cache is None:
                raise
            for suffix in ("", "-wal", "-shm"):  # damaged or foreign: start again
                with contextlib.suppress(OSError):
                    os.unlink(database + suffix)
    raise AssertionError("unreachable")


def _analyze(job: tuple[str, bytes, IndexSettings]) -> tuple[Unit, ...]:
    """One article's units (what a worker process sends back)."""
    path, data, settings = job
    source = decode(path, data)
    if not isinstance(source, SourceText):
        return ()
    return units_of(parse_document(source), settings)


def build_index(paths: Iterable[str], settings: IndexSettings, cache: Cache | None = None, workers: int | None = None) -> CorpusIndex:
    """Bring the index up to date with the articles at `paths` (and the settings' exempt files).

    Unreadable files are left out. Files whose size and mtime are unchanged are not read;
    changed ones are re-indexed only if their content changed; many at once are parsed in
    worker processes.
    """
    database, connection, cleanup = _open(settings, cache)
    # Files are keyed by real path: "a.md", "./a.md" and "/site/a.md" are one article.
    known = {path: (file_id, size, mtime, digest) for file_id, path, size, mtime, digest in connection.execute("SELECT id, path, size, mtime, hash FROM files")}
    wanted = list(dict.fromkeys([*paths, *settings.exempt_files]))
    file_ids: dict[str, int] = {}
    stale: list[tuple[str, bytes, str, int, int]] = []
    touched: list[tuple[int, int, int]] = []  # same content, new stat: (size, mtime, id)
    for path in wanted:
        try:
            status = os.stat(path)
        except OSError:
            continue
        row = known.get(os.path.realpath(path))
        if row is not None and (row[1], row[2]) == (status.st_size, status.st_mtime_ns):
            file_ids[path] = row[0]
            continue
        data = read_bytes(path)
        if not isinstance(data, bytes):
            continue
        content_hash = hashlib.sha256(data).hexdigest()
        if row is not None and row[3] == content_hash:
            file_ids[path] = row[0]
            touched.append((status.st_size, status.st_mtime_ns, row[0]))
            continue
        stale.append((path, data, content_hash, status.st_size, status.st_mtime_ns))

    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    jobs = [(path, data, settings) for path, data, *_ in stale]
    with contextlib.ExitStack() as stack:
        if workers > 1 and len(jobs) >= PARALLEL_FROM:
            from concurrent.futures import ProcessPoolExecutor

            analyzed: Iterable[tuple[Unit, ...]] = stack.enter_context(ProcessPoolExecutor(workers)).map(_analyze, jobs, chunksize=16)
        else:
            analyzed = map(_analyze, jobs)
        # Filling an empty index: the secondary indexes are built once at the end, not row by row.
        fresh = not known and len(stale) >= PARALLEL_FROM
        if fresh:
            connection.executescript(_DROP_INDEXES)
        try:
            _write(connection, touched, zip(stale, analyzed), file_ids)
        finally:
            if fresh:
                connection.executescript(_INDEXES)
    exempt_ids = frozenset(file_ids[path] for path in settings.exempt_files if path in file_ids)
    indexed = int(connection.execute("SELECT COUNT(*) FROM files").fetchone()[0])
    only_corpus = indexed == len(set(file_ids.values()))
    index = CorpusIndex(settings, database, file_ids, exempt_ids, only_corpus, _cleanup=cleanup)
    index._connections[os.getpid()] = connection
    if cleanup is not None:
        weakref.finalize(index, cleanup)
    return index


_FILES_PER_TRANSACTION = 100  # short write locks: concurrent runs take turns instead of waiting out a whole build


def _write(
    connection: sqlite3.Connection,
    touched: Sequence[tuple[int, int, int]],
    analyzed: Iterable[tuple[tuple[str, bytes, str, int, int], tuple[Unit, ...]]],
    file_ids: dict[str, int],
) -> None:
    """Store analyzed files as they arrive (a cold build never holds them all in memory)."""
    batch: list[tuple[tuple[str, bytes, str, int, int], tuple[Unit, ...]]] = []

    def flush() -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            for (path, _, content_hash, size, mtime), units in batch:
                file_ids[path] = _store(connection, path, content_hash, size, mtime, units)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        batch.clear()

    if touched:
        connection.executemany("UPDATE files SET size = ?, mtime = ? WHERE id = ?", touched)
    for item in analyzed:
        batch.append(item)
        if len(batch) >= _FILES_PER_TRANSACTION:
            flush()
    if batch:
        flush()


def _store(connection: sqlite3.Connection, path: str, content_hash: str, size: int, mtime: int, units: Sequence[Unit]) -> int:
    path = os.path.realpath(path)
    row = connection.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
    if row is None:
        file_id = int(connection.execute("INSERT INTO files (path, size, mtime, hash) VALUES (?, ?, ?, ?)", (path, size, mtime, content_hash)).lastrowid or 0)
    else:
        file_id = int(row[0])
        connection.execute("UPDATE files SET size = ?, mtime = ?, hash = ? WHERE id = ?", (size, mtime, content_hash, file_id))
        connection.execute("DELETE FROM keys WHERE file = ?", (file_id,))
        connection.execute("DELETE FROM units WHERE file = ?", (file_id,))
    # Unit ids are assigned here (inside the write transaction), so units and keys go in two batches.
    first = int(connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM units").fetchone()[0])
    connection.executemany(
        "INSERT INTO units (id, file, start, end, line, col, sketch, opener, exempt, words, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (unit_id, file_id, u.start, u.end, u.line, u.column, array("I", u.sketch).tobytes(), signed(u.opener), int(u.exempt), u.words, fingerprint(u))
            for unit_id, u in enumerate(units, first)
        ],
    )
    connection.executemany(
        "INSERT INTO keys (key, unit, file) VALUES (?, ?, ?)",
        [(signed(key), unit_id, file_id) for unit_id, u in enumerate(units, first) for key in u.keys],
    )
    return file_id


@dataclass(frozen=True)
class Neighbours:
    """What the index holds near one document's sentences: the few rows its queries need."""

    by_key: Mapping[int, Sequence[int]]  # LSH key -> unit ids (in the corpus, other files)
    crowded: frozenset[int]  # keys shared by more sentences than max_postings: common phrases
    by_fingerprint: Mapping[int, Sequence[int]]
    by_opener: Mapping[int, Sequence[int]]
    units: Mapping[int, tuple[str, Unit, bool]]  # unit id -> (path, unit, in an exempt file)
    # Openers shared by more than max_postings sentences (a site-wide template): by_opener holds
    # a sample of them and this the number of other articles that have one, so a query stays
    # bounded however many articles share the template.
    opener_articles: Mapping[int, int] = field(default_factory=dict)


def neighbours(index: CorpusIndex, doc_path: str, units: Sequence[Unit]) -> Neighbours:
    """One batch of lookups for all of a document's sentences; the document's own file left out."""
    connection = index.connection()
    corpus_ids = set(index.paths_by_id)
    own = index.ids_by_real_path.get(os.path.realpath(doc_path), set())
    keys = sorted({signed(key) for unit in units for key in unit.keys})
    cap = index.settings.max_postings
    crowded: frozenset[int] = frozenset()
    if index.only_corpus:  # every indexed file is in the corpus: count in SQL, fetch only what is used
        counted = []
        for chunk in _chunks(keys):
            query = f"SELECT key, COUNT(*) FROM keys WHERE key IN ({','.join('?' * len(chunk))}) GROUP BY key"
            counted += connection.execute(query, list(chunk)).fetchall()
        crowded = frozenset(key for key, count in counted if count > cap)
        keys = [key for key in keys if key not in crowded]
    postings: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for chunk in _chunks(keys):
        query = f"SELECT key, unit, file FROM keys WHERE key IN ({','.join('?' * len(chunk))})"
        for key, unit_id, file_id in connection.execute(query, list(chunk)):
            if file_id in corpus_ids:
                postings[key].append((unit_id, file_id))
    crowded |= frozenset(key for key, posted in postings.items() if len(posted) > cap)
    by_key = {key: [unit_id for unit_id, file_id in posted if file_id not in own] for key, posted in postings.items() if key not in crowded}
    by_fingerprint = _lookup(connection, "fingerprint", sorted({fingerprint(unit) for unit in units}), corpus_ids, own)
    openers = sorted({signed(unit.opener) for unit in units if unit.opener})
    opener_articles: dict[int, int] = {}
    sampled: dict[int, list[int]] = {}
    if index.only_corpus:
        counted = []
        for chunk in _chunks(openers):
            query = f"SELECT opener, COUNT(*) FROM units WHERE opener IN ({','.join('?' * len(chunk))}) GROUP BY opener"
            counted += connection.execute(query, list(chunk)).fetchall()
        crowded_openers = [opener for opener, count in counted if count > cap]
        mine = sorted(own)
        not_mine = f"file NOT IN ({','.join('?' * len(mine))})"
        for chunk in _chunks(crowded_openers, _SQL_VARIABLES - len(mine) - 1):
            marks = ",".join("?" * len(chunk))
            # How many other articles share each template, and a sample of them (one query each, however many).
            totals = f"SELECT opener, COUNT(DISTINCT file) FROM units WHERE opener IN ({marks}) AND {not_mine} GROUP BY opener"
            opener_articles.update(connection.execute(totals, [*chunk, *mine]).fetchall())
            sample = (
                "SELECT opener, id FROM (SELECT opener, id, ROW_NUMBER() OVER (PARTITION BY opener ORDER BY file, line) AS n"
                f" FROM units WHERE opener IN ({marks}) AND {not_mine}) WHERE n <= ?"
            )
            for opener, unit_id in connection.execute(sample, [*chunk, *mine, cap]):
                sampled.setdefault(opener, []).append(unit_id)
        openers = [opener for opener in openers if opener not in opener_articles]
    by_opener = _lookup(connection, "opener", openers, corpus_ids, own)
    by_opener.update(sampled)
    wanted = sorted({unit_id for ids in (*by_key.values(), *by_fingerprint.values(), *by_opener.values()) for unit_id in ids})
    rows: dict[int, tuple[str, Unit, bool]] = {}
    for chunk in _chunks(wanted):
        query = f"SELECT id, file, start, end, line, col, sketch, opener, exempt, words FROM units WHERE id IN ({','.join('?' * len(chunk))})"
        for unit_id, file_id, start, end, line, column, sketch, opener, exempt, words in connection.execute(query, list(chunk)):
            unit = Unit(start, end, line, column, tuple(array("I", sketch)), (), opener & _MASK64, bool(exempt), words)
            rows[unit_id] = (index.paths_by_id[file_id], unit, file_id in index.exempt_ids)
    return Neighbours(by_key, crowded, by_fingerprint, by_opener, rows, opener_articles)


def _lookup(connection: sqlite3.Connection, column: str, values: Sequence[int], corpus_ids: set[int], own: set[int]) -> dict[int, list[int]]:
    found: defaultdict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(values):
        query = f"SELECT {column}, id, file FROM units WHERE {column} IN ({','.join('?' * len(chunk))})"
        for value, unit_id, file_id in connection.execute(query, list(chunk)):
            if file_id in corpus_ids and file_id not in own:
                found[value].append(unit_id)
    return dict(found)


def similar_elsewhere(near: Neighbours, unit: Unit, threshold: float, settings: IndexSettings) -> list[Match]:
    """Sentences of other articles whose estimated Jaccard similarity with `unit` is at least `threshold`."""
    candidates = set(near.by_fingerprint.get(fingerprint(unit), ()))
    for key in unit.keys:
        candidates.update(near.by_key.get(signed(key), ()))
    found = []
    mine = frozenset(unit.sketch)
    for unit_id in sorted(candidates):
        path, other, exempt_file = near.units[unit_id]
        if not may_reach(mine, other, threshold):  # most candidates stop here
            continue
        score = similarity(unit, other, settings)
        if score >= threshold:
            found.append(Match(path, other.line, other.column, score, exempt_file or other.exempt))
    return found


def openers_elsewhere(near: Neighbours, unit: Unit, settings: IndexSettings) -> list[tuple[Match, Unit]]:
    """Sentences of other articles that open with the same words as `unit`, with their units."""
    if not unit.opener:
        return []
    found = []
    for unit_id in near.by_opener.get(signed(unit.opener), ()):
        path, other, exempt_file = near.units[unit_id]
        score = similarity(unit, other, settings)
        found.append((Match(path, other.line, other.column, score, exempt_file or other.exempt), other))
    return found
