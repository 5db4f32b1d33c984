"""The boilerplate index on disk: SQLite, one database per index settings, refreshed file by file.

Copies of one sentence are one *group*, keyed by the fingerprint of their sketch: the group
holds the sketch, the LSH band keys and the opener once, with the number of copies and of
articles holding one; `units` holds only where each copy stands (file, line, column). So
3,000 copies of a footer are one group with 3,000 postings, and a query about one of them
reads the group and a few of its places, never the 3,000 copies. Band keys are posted per
group, so a key is *crowded* (a common phrase, skipped by queries) when more than
`max_postings` distinct sentences share it, however often each is copied; an opener shared
by more than `max_postings` distinct sentences is a site-wide template, counted here. The
counts are brought up to date after every refresh for the groups it touched (all of them,
in a few set-wise statements, when the index is new).

A run stats every corpus file and re-reads only those whose size or mtime changed (and
re-indexes only those whose content changed). SQLite's locking makes concurrent claimlint
processes safe; a damaged database is deleted and rebuilt. Without a cache folder
(--no-cache) the database is a temporary file, removed when the index is.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import sqlite3
import tempfile
import weakref
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimlint.cache import Cache
from claimlint.checks.duplicate.sketch import IndexSettings, SketchTable, Unit, fingerprint, signed, units_of
from claimlint.discovery import real_path
from claimlint.document import parse_document
from claimlint.source import SourceText, decode, read_bytes
from claimlint.workers import die_with_parent, give_back_freed_memory, map_ahead

if TYPE_CHECKING:
    from claimlint.checks.duplicate.query import Group
    from claimlint.checks.duplicate.snapshot import Snapshot

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime INTEGER, hash TEXT);
CREATE TABLE IF NOT EXISTS units (file INTEGER NOT NULL, line INTEGER, col INTEGER, fingerprint INTEGER NOT NULL, exempt INTEGER);
CREATE TABLE IF NOT EXISTS groups (
    fingerprint INTEGER PRIMARY KEY, sketch BLOB, words INTEGER, opener INTEGER,
    exempt INTEGER DEFAULT 0, copies INTEGER DEFAULT 0, files INTEGER DEFAULT 0, first INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS keys (key INTEGER NOT NULL, fingerprint INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS crowded (kind INTEGER NOT NULL, value INTEGER NOT NULL, groups INTEGER, files INTEGER, PRIMARY KEY (kind, value)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS units_file ON units (file);
CREATE INDEX IF NOT EXISTS units_group ON units (fingerprint, file, line);
CREATE INDEX IF NOT EXISTS groups_opener ON groups (opener, first) WHERE opener != 0;  -- used only by queries that say `opener != 0` too
CREATE INDEX IF NOT EXISTS keys_key ON keys (key);
CREATE INDEX IF NOT EXISTS keys_group ON keys (fingerprint);
"""
_DROP_INDEXES = "DROP INDEX IF EXISTS units_file; DROP INDEX IF EXISTS units_group; DROP INDEX IF EXISTS groups_opener; DROP INDEX IF EXISTS keys_key; DROP INDEX IF EXISTS keys_group;"
KEY, OPENER = 0, 1  # kinds of crowded values
_SQL_VARIABLES = 900  # below SQLite's smallest limit on ? parameters in one statement
# Below this many articles to (re)index, worker processes cost more than they save.
PARALLEL_FROM = 200
_FILES_PER_TRANSACTION = 100  # short write locks: concurrent runs take turns instead of waiting out a whole build


# The files of the database outside the run's corpus, as a condition on files.id (with the
# connection's temp.corpus_files): files a concurrent run added since are outside too.
OUTSIDE_CORPUS = "id NOT IN (SELECT id FROM temp.corpus_files)"


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
        real_folders: dict[str, str] = {}
        for path, file_id in self.file_ids.items():
            self.ids_by_real_path[real_path(path, real_folders)].add(file_id)
        self._exempt_groups: frozenset[int] | None = None
        # The first copies of large groups, read once per process: every copy's document names the same few.
        self.samples: dict[int, list[tuple[int, int, int]]] = {}
        # Every copy (file id, line, column) of groups in at most max_postings articles, read once
        # per process while there are fewer than query._PLACES_KEPT.
        self.places_seen: dict[int, list[tuple[int, int, int]]] = {}
        self.places_kept = 0
        self.file_ranks: Any = None  # numpy, query._file_ranks: each corpus file id's place in path order
        # Groups as any article but their own sees them, read once per process when the database
        # holds this corpus alone: documents ask for mostly the same groups (query.neighbours).
        self.groups_seen: dict[int, Group] = {}
        # LSH key -> the groups posted under it (None: a crowded key), read once per process (query.neighbours).
        self.postings_seen: dict[int, array[int] | None] = {}
        # Site-wide opener -> the corpus's files holding it and its groups by first place in the
        # corpus, read once per process when the database also holds other files (query._template).
        self.templates_seen: dict[int, tuple[frozenset[int], tuple[int, ...]]] = {}
        # Candidate pairs this process has compared (query.similar_elsewhere, openers_elsewhere):
        # past a whole site's first few articles, numpy compares them, not a Python loop.
        self.pairs_compared = 0
        self.sketch_table = SketchTable(self.settings)
        # Documents this process has queried; past query.SNAPSHOT_FROM of them, the whole index
        # read into arrays (snapshot.py) answers the lookups of groups and copies.
        self.documents_queried = 0
        self.snapshot: Snapshot | None = None
        self.outside_files = 0  # files of the database outside this corpus (set by connection())

    def connection(self) -> sqlite3.Connection:
        """One connection per process: a pool's workers open their own after the fork.

        When the database also holds files outside this corpus, the connection gets a temporary
        table of the corpus's file ids, so queries can keep to it."""
        pid = os.getpid()
        if pid not in self._connections:
            self._connections.clear()
            self._connections[pid] = _connect(self.database, cache_mb=_QUERY_CACHE_MB)
        connection = self._connections[pid]
        if not self.only_corpus and getattr(self, "_scoped", None) != pid:
            connection.execute("CREATE TEMP TABLE IF NOT EXISTS corpus_files (id INTEGER PRIMARY KEY)")
            connection.execute("DELETE FROM temp.corpus_files")
            connection.executemany("INSERT OR IGNORE INTO temp.corpus_files VALUES (?)", [(i,) for i in self.paths_by_id])
            self.outside_files = int(connection.execute(f"SELECT COUNT(*) FROM files WHERE {OUTSIDE_CORPUS}").fetchone()[0])
            self._scoped = pid
        return connection

    def exempt_groups(self) -> frozenset[int]:
        """The fingerprints of the sentences of exempt files (text meant to repeat)."""
        if self._exempt_groups is None:
            ids = sorted(self.exempt_ids)
            found: set[int] = set()
            for chunk in _chunks(ids):
                query = f"SELECT DISTINCT fingerprint FROM units WHERE file IN ({_marks(chunk)})"
                found.update(row[0] for row in self.connection().execute(query, list(chunk)))
            self._exempt_groups = frozenset(found)
        return self._exempt_groups

    @property
    def sentences(self) -> int:
        ids = list(self.file_ids.values())
        return sum(_count(self.connection(), "SELECT COUNT(*) FROM units WHERE file IN ({})", chunk) for chunk in _chunks(ids))


# Page cache of a connection: the one that builds keeps bulk inserts in memory; one that only
# queries (each lint worker's) reads few pages per article, and the file's pages are in the
# operating system's cache anyway. At 64 MB each, two workers and the parent held 190 MB of
# pages on a 10,000-article site.
_BUILD_CACHE_MB, _QUERY_CACHE_MB = 64, 8


def _connect(database: str, cache_mb: int = _BUILD_CACHE_MB) -> sqlite3.Connection:
    connection = sqlite3.connect(database, timeout=60, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 60000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")  # negative: KiB
    return connection


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: Sequence[Any], size: int = _SQL_VARIABLES) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _count(connection: sqlite3.Connection, query: str, values: Sequence[Any]) -> int:
    return int(connection.execute(query.format(_marks(values)), list(values)).fetchone()[0])


def _stored_path(path: str, real_folders: dict[str, str] | None = None) -> str:
    """The real path as SQLite can store it: a name that is not UTF-8 has its bytes escaped
    (SQLite text must be UTF-8; the raw name made the whole boilerplate check sit out).
    `real_folders`: folders resolved for earlier paths (discovery.real_path)."""
    real = os.path.realpath(path) if real_folders is None else real_path(path, real_folders)
    return os.fsencode(real).decode("utf-8", "backslashreplace")


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
        cache.ensure_folder()
        path = _database_path(settings, cache)
        path.parent.mkdir(parents=True, exist_ok=True)
        database = str(path)
    for attempt in range(2):
        with _taking_turns(database if cache is not None else None):
            try:
                connection = _connect(database)
                connection.executescript(_SCHEMA + _INDEXES)
                return database, connection, cleanup
            except sqlite3.OperationalError:
                raise  # locked, read-only, full: the file is not damaged, and another run may be using it
            except sqlite3.DatabaseError:
                if attempt or cache is None:
                    raise
                for suffix in ("", "-wal", "-shm"):  # damaged or foreign: start again
                    with contextlib.suppress(OSError):
                        os.unlink(database + suffix)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def _taking_turns(database: str | None) -> Iterator[None]:
    """Runs opening the same cache index (pre-commit batches) create it, and judge it damaged,
    one at a time: a run that deleted a file another was still creating cost that run its
    index ("disk I/O error")."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        fcntl = None  # type: ignore[assignment]
    if database is None or fcntl is None:
        yield
        return
    with open(database + ".lock", "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _analyze(job: tuple[str, str, IndexSettings]) -> tuple[Unit, ...] | None:
    """One article's units (what a worker process sends back), read again here: a whole site's
    bytes held for the workers (99 MB for 10,000 articles) stayed in the parent's memory, and
    in every lint worker forked from it. None when the file changed since it was hashed or
    cannot be read now: it is left out of this run's index, and looked at again by the next run."""
    path, content_hash, settings = job
    data = read_bytes(path)
    if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != content_hash:
        return None
    source = decode(path, data)
    if not isinstance(source, SourceText):
        return ()
    return units_of(parse_document(source), settings, token_index=False)  # the index's document is parsed for its units alone


def build_index(paths: Iterable[str], settings: IndexSettings, cache: Cache | None = None, workers: int | None = None) -> CorpusIndex:
    """Bring the index up to date with the articles at `paths` (and the settings' exempt files).

    Unreadable files are left out. Files whose size and mtime are unchanged are not read;
    changed ones are re-indexed only if their content changed; many at once are parsed in
    worker processes.
    """
    database, connection, cleanup = _open(settings, cache)
    try:
        # Files are keyed by real path: "a.md", "./a.md" and "/site/a.md" are one article.
        known = {path: (file_id, size, mtime, digest) for file_id, path, size, mtime, digest in connection.execute("SELECT id, path, size, mtime, hash FROM files")}
        wanted = list(dict.fromkeys([*paths, *settings.exempt_files]))
        file_ids: dict[str, int] = {}
        stale: list[tuple[str, str, int, int]] = []  # path, content hash, size, mtime
        touched: list[tuple[int, int, int]] = []  # same content, new stat: (size, mtime, id)
        real_folders: dict[str, str] = {}
        for path in wanted:
            try:
                status = os.stat(path)
            except OSError:
                continue
            row = known.get(_stored_path(path, real_folders))
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
            stale.append((path, content_hash, status.st_size, status.st_mtime_ns))

        workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
        jobs = [(path, content_hash, settings) for path, content_hash, *_ in stale]
        # A new or mostly rewritten index recounts every group at the end; otherwise only the touched ones.
        recount_all = not known or len(stale) > len(known) // 2
        affected: set[int] | None = None if recount_all else set()
        pooled = workers > 1 and len(jobs) >= PARALLEL_FROM
        with contextlib.ExitStack() as stack:
            if pooled:
                from concurrent.futures import ProcessPoolExecutor

                pool = ProcessPoolExecutor(workers, initializer=die_with_parent, initargs=(os.getpid(),))
                # On Ctrl-C (or any error) the queued files are dropped, not analysed to the end first:
                # a plain `with pool` waited for all of them before the run could exit.
                stack.push(lambda kind, *_: pool.shutdown(wait=kind is None, cancel_futures=kind is not None))
                analyzed: Iterable[tuple[Unit, ...] | None] = map_ahead(pool, _analyze, jobs, chunk=16, ahead=4 * workers)
            else:
                analyzed = map(_analyze, jobs)
            # Filling an empty index: the secondary indexes are built once at the end, not row by row.
            fresh = not known and len(stale) >= PARALLEL_FROM
            if fresh:
                connection.executescript(_DROP_INDEXES)
            try:
                _write(connection, touched, zip(stale, analyzed), file_ids, affected)
            finally:
                if fresh:
                    connection.executescript(_INDEXES)
        if stale:
            _recount(connection, settings, affected)
        exempt_ids = frozenset(file_ids[path] for path in settings.exempt_files if path in file_ids)
        indexed = int(connection.execute("SELECT COUNT(*) FROM files").fetchone()[0])
        only_corpus = indexed == len(set(file_ids.values()))
        # The builder's page cache (_BUILD_CACHE_MB, full after a large build) would stay in this
        # process and in every lint worker forked from it: queries open their own connection.
        connection.close()
        index = CorpusIndex(settings, database, file_ids, exempt_ids, only_corpus, _cleanup=cleanup)
        if cleanup is not None:
            weakref.finalize(index, cleanup)  # from here the index's owner removes a temporary one
    except BaseException:
        # Interrupted or failed before the index had an owner: a temporary one is not left in /tmp
        # (removing it twice, if the signal lands just after the finalizer, does no harm).
        connection.close()
        if cleanup is not None:
            cleanup()
        raise
    if pooled:  # a large build: what it freed goes back before the lint workers are forked
        # After the index has an owner: when it came before, a SIGTERM landing in this
        # collection left the temporary index's folder behind.
        give_back_freed_memory()
    return index


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, committed or rolled back whole. The rollback runs only while a
    transaction is open and never replaces the error that caused it: a Ctrl-C that lands as
    SQLite ends the transaction itself must still reach the user as an interrupt."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise


def _write(
    connection: sqlite3.Connection,
    touched: Sequence[tuple[int, int, int]],
    analyzed: Iterable[tuple[tuple[str, str, int, int], tuple[Unit, ...] | None]],
    file_ids: dict[str, int],
    affected: set[int] | None,
) -> None:
    """Store analyzed files as they arrive (a cold build never holds them all in memory); a file
    that changed while it was analyzed (units None) is left out."""
    batch: list[tuple[tuple[str, str, int, int], tuple[Unit, ...]]] = []

    def flush() -> None:
        with _transaction(connection):
            for (path, content_hash, size, mtime), units in batch:
                file_ids[path] = _store(connection, path, content_hash, size, mtime, units, affected)
        batch.clear()

    if touched:
        connection.executemany("UPDATE files SET size = ?, mtime = ? WHERE id = ?", touched)
    for stat, units in analyzed:
        if units is None:
            continue
        batch.append((stat, units))
        if len(batch) >= _FILES_PER_TRANSACTION:
            flush()
    if batch:
        flush()


def _store(
    connection: sqlite3.Connection, path: str, content_hash: str, size: int, mtime: int, units: Sequence[Unit], affected: set[int] | None
) -> int:
    """One article's rows: where each sentence stands, and the groups (with their keys) not yet known."""
    path = _stored_path(path)
    row = connection.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
    if row is None:
        file_id = int(connection.execute("INSERT INTO files (path, size, mtime, hash) VALUES (?, ?, ?, ?)", (path, size, mtime, content_hash)).lastrowid or 0)
    else:
        file_id = int(row[0])
        connection.execute("UPDATE files SET size = ?, mtime = ?, hash = ? WHERE id = ?", (size, mtime, content_hash, file_id))
        if affected is not None:
            affected.update(fp for (fp,) in connection.execute("SELECT fingerprint FROM units WHERE file = ?", (file_id,)))
        connection.execute("DELETE FROM units WHERE file = ?", (file_id,))
    by_fingerprint = {fingerprint(unit): unit for unit in reversed(units)}  # the first copy describes the group
    connection.executemany(
        "INSERT INTO units (file, line, col, fingerprint, exempt) VALUES (?, ?, ?, ?, ?)",
        [(file_id, u.line, u.column, fingerprint(u), int(u.exempt)) for u in units],
    )
    fingerprints = list(by_fingerprint)
    known: set[int] = set()
    for chunk in _chunks(fingerprints):
        known.update(fp for (fp,) in connection.execute(f"SELECT fingerprint FROM groups WHERE fingerprint IN ({_marks(chunk)})", list(chunk)))
    new = [(fp, by_fingerprint[fp]) for fp in fingerprints if fp not in known]
    connection.executemany(
        "INSERT INTO groups (fingerprint, sketch, words, opener) VALUES (?, ?, ?, ?)",
        [(fp, array("I", u.sketch).tobytes(), u.words, signed(u.opener)) for fp, u in new],
    )
    connection.executemany("INSERT INTO keys (key, fingerprint) VALUES (?, ?)", [(signed(key), fp) for fp, u in new for key in u.keys])
    if affected is not None:
        affected.update(fingerprints)
    return file_id


def _recount(connection: sqlite3.Connection, settings: IndexSettings, affected: set[int] | None) -> None:
    """Copies, articles and exemption of the groups touched (None: all), groups left without copies
    dropped, and the crowded keys and openers among those the touched groups have."""
    cap = settings.max_postings
    with _transaction(connection):
        if affected is None:
            for statement in (
                "UPDATE groups SET copies = c.copies, files = c.files, exempt = c.exempt, first = c.first FROM (SELECT fingerprint, COUNT(*) AS copies,"
                " COUNT(DISTINCT file) AS files, MAX(exempt) AS exempt, MIN(file * 4294967296 + line) AS first FROM units GROUP BY fingerprint) AS c WHERE c.fingerprint = groups.fingerprint",
                "DELETE FROM keys WHERE fingerprint NOT IN (SELECT fingerprint FROM units)",
                "DELETE FROM groups WHERE fingerprint NOT IN (SELECT fingerprint FROM units)",
                "DELETE FROM crowded",
            ):
                connection.execute(statement)
            connection.execute(f"INSERT INTO crowded SELECT {KEY}, key, COUNT(*), 0 FROM keys GROUP BY key HAVING COUNT(*) > ?", (cap,))
            connection.execute(f"INSERT INTO crowded SELECT {OPENER}, opener, COUNT(*), 0 FROM groups WHERE opener != 0 GROUP BY opener HAVING COUNT(*) > ?", (cap,))
            _count_template_articles(connection, None)
        else:
            touched = sorted(affected)
            keys: set[int] = set()
            openers: set[int] = set()
            for chunk in _chunks(touched):
                marks = _marks(chunk)
                keys.update(k for (k,) in connection.execute(f"SELECT key FROM keys WHERE fingerprint IN ({marks})", list(chunk)))
                openers.update(o for (o,) in connection.execute(f"SELECT opener FROM groups WHERE opener != 0 AND fingerprint IN ({marks})", list(chunk)))
                connection.execute(
                    "UPDATE groups SET copies = c.copies, files = c.files, exempt = c.exempt, first = c.first FROM (SELECT fingerprint, COUNT(*) AS copies,"
                    f" COUNT(DISTINCT file) AS files, MAX(exempt) AS exempt, MIN(file * 4294967296 + line) AS first FROM units WHERE fingerprint IN ({marks})"
                    " GROUP BY fingerprint) AS c"
                    " WHERE c.fingerprint = groups.fingerprint",
                    list(chunk),
                )
                gone = f"fingerprint IN ({marks}) AND fingerprint NOT IN (SELECT fingerprint FROM units WHERE fingerprint IN ({marks}))"
                connection.execute(f"DELETE FROM keys WHERE {gone}", [*chunk, *chunk])
                connection.execute(f"DELETE FROM groups WHERE {gone}", [*chunk, *chunk])
            for kind, values, query in (
                (KEY, keys, "SELECT {kind}, key, COUNT(*), 0 FROM keys WHERE key IN ({marks}) GROUP BY key HAVING COUNT(*) > ?"),
                (OPENER, openers, "SELECT {kind}, opener, COUNT(*), 0 FROM groups WHERE opener != 0 AND opener IN ({marks}) GROUP BY opener HAVING COUNT(*) > ?"),
            ):
                for chunk in _chunks(sorted(values)):
                    marks = _marks(chunk)
                    connection.execute(f"DELETE FROM crowded WHERE kind = {kind} AND value IN ({marks})", list(chunk))
                    connection.execute("INSERT INTO crowded " + query.format(kind=kind, marks=marks), [*chunk, cap])
            _count_template_articles(connection, sorted(openers))


def _count_template_articles(connection: sqlite3.Connection, openers: Sequence[int] | None) -> None:
    """How many articles have a sentence opening with each site-wide template (None: all of them)."""
    count = (
        "UPDATE crowded SET files = (SELECT COUNT(DISTINCT u.file) FROM groups g JOIN units u ON u.fingerprint = g.fingerprint"
        f" WHERE g.opener = crowded.value AND g.opener != 0) WHERE kind = {OPENER}"
    )
    if openers is None:
        connection.execute(count)
        return
    for chunk in _chunks(openers):
        connection.execute(count + f" AND value IN ({_marks(chunk)})", list(chunk))
