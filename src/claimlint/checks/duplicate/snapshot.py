"""The corpus index read whole into flat arrays, for a process that lints a whole site.

A lint process asks the index, for every document, for the groups its sentences may belong to
or resemble and for the copies of the groups it names. Past what a process keeps of them
(query._GROUPS_KEPT groups, _PLACES_KEPT copies), on a site of 10,000 distinct articles (about
790,000 groups) nearly every lookup was a SQLite query: in a py-spy sample of a lint worker
there, reading group rows and copies took 30% of the samples in those functions' own code.
A snapshot holds every group (fingerprint, words, opener, exempt, articles, and its sketch as a
row of one table, `SketchTable.of_all`) and every copy (fingerprint, file, line, column) in
arrays sorted by fingerprint, about 100 bytes a group and 20 a copy. It answers both lookups
with one binary search (numpy) per document, and its table bounds a document's candidates
before any is decoded into a `Group`. When the database also holds files outside the run's
corpus (a cache folder shared by runs over other folders), the snapshot keeps the corpus's
copies only and counts each group's articles among them (0 for a group of other files
alone), so it answers as an index of this corpus alone would. Anything a concurrent run
added after the snapshot is still read from SQLite (`missing`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimlint.checks.duplicate.copies import ranges
from claimlint.checks.duplicate.sketch import IndexSettings, SketchTable

GroupRow = tuple[int, bytes, int, int, int, int]  # fingerprint, sketch, words, opener, exempt, files: the groups table's columns


@dataclass(frozen=True)
class Snapshot:
    """Every group and every copy of the index when it was read, in fingerprint order."""

    fingerprints: array[int]  # ascending, one per group
    words: array[int]
    openers: array[int]
    exempt: bytes
    files: array[int]
    copy_fingerprints: array[int]  # ascending, one per copy; a group's copies by file, line, column
    copy_files: array[int]
    copy_lines: array[int]
    copy_columns: array[int]
    table: SketchTable  # every group's sketch, row i for group i: the bound of a document's candidates at once, and the rows' sketches

    def positions(self, wanted: Any) -> tuple[Any, Any]:
        """For a numpy array of fingerprints: whether each is a group here, and its position (0 if not)."""
        numpy = _numpy()
        values = numpy.frombuffer(self.fingerprints, numpy.int64)
        places = numpy.searchsorted(values, wanted)
        places[places == len(values)] = 0
        hit = values[places] == wanted if len(values) else numpy.zeros(len(wanted), bool)
        return hit, places

    def articles(self, places: Any) -> Any:
        """The number of articles holding a copy of the groups at `places` (numpy)."""
        numpy = _numpy()
        return numpy.frombuffer(self.files, numpy.int32)[places]

    def groups(self, wanted: Sequence[int]) -> tuple[list[GroupRow], list[int]]:
        """The rows of the groups among `wanted` (as the groups table gives them) and the
        fingerprints it does not hold."""
        numpy = _numpy()
        hit, at = self.positions(numpy.fromiter(wanted, numpy.int64, len(wanted)))
        found = [place for place, inside in zip(at.tolist(), hit.tolist()) if inside]
        missing = [fp for fp, inside in zip(wanted, hit.tolist()) if not inside]
        words, openers, exempt, files = self.words, self.openers, self.exempt, self.files
        sketches = self.table.sketches_of(found)
        rows = [(self.fingerprints[place], sketch, words[place], openers[place], exempt[place], files[place]) for place, sketch in zip(found, sketches)]
        return rows, missing

    def copies_of(self, wanted: Sequence[int], kept_files: Any) -> tuple[Any, Any, Any, Any, list[int]]:
        """For the groups `wanted`, in that order: how many copies of each are in a file that
        `kept_files` (a numpy bool array by file id) keeps, and those copies' files, lines and
        columns (numpy arrays, group after group, each group's by file, line and column); and
        the groups among `wanted` it holds no copy of at all. Cut from the arrays in one pass: a
        site of 10,000 articles names thousands of copies per document."""
        numpy = _numpy()
        keys = numpy.frombuffer(self.copy_fingerprints, numpy.int64)
        asked = numpy.fromiter(wanted, numpy.int64, len(wanted))
        starts = numpy.searchsorted(keys, asked, "left")
        lengths = numpy.searchsorted(keys, asked, "right") - starts
        at = ranges(starts, lengths)
        files = numpy.frombuffer(self.copy_files, numpy.int32)[at]
        inside = files < len(kept_files)
        inside[inside] = kept_files[files[inside]]
        at, files = at[inside], files[inside]
        counts = numpy.bincount(numpy.repeat(numpy.arange(len(asked)), lengths)[inside], minlength=len(asked))
        lines = numpy.frombuffer(self.copy_lines, numpy.int32)[at]
        columns = numpy.frombuffer(self.copy_columns, numpy.int32)[at]
        return counts, files, lines, columns, asked[lengths == 0].tolist()


def _numpy() -> Any:
    import numpy  # here, not at the top: about 0.1 s to import, and a pre-commit check never takes a snapshot

    return numpy


# For a database that holds other files too: the corpus's copies (its file ids are the
# connection's temp.corpus_files, store.CorpusIndex.connection), and every group with its
# articles counted among them.
_IN_CORPUS = " WHERE file IN (SELECT id FROM temp.corpus_files)"
_SCOPED_GROUPS = f"""
SELECT g.fingerprint, g.sketch, g.words, g.opener, g.exempt, COALESCE(c.files, 0) FROM groups g
LEFT JOIN (SELECT fingerprint, COUNT(DISTINCT file) AS files FROM units{_IN_CORPUS} GROUP BY fingerprint) c
ON c.fingerprint = g.fingerprint ORDER BY g.fingerprint
"""


def read_snapshot(connection: sqlite3.Connection, settings: IndexSettings, scoped: bool = False) -> Snapshot:
    """Every group and every copy the index holds, in fingerprint order; `scoped`: the copies in
    the corpus's files only, and each group's articles counted among them."""
    fingerprints, ends, words, openers, files = array("q"), array("q"), array("i"), array("q"), array("i")
    sketches = bytearray()
    exempt = bytearray()
    query = _SCOPED_GROUPS if scoped else "SELECT fingerprint, sketch, words, opener, exempt, files FROM groups ORDER BY fingerprint"
    for fp, sketch, count, opener, meant, articles in connection.execute(query):
        fingerprints.append(fp)
        sketches += sketch
        ends.append(len(sketches))
        words.append(count)
        openers.append(opener)
        exempt.append(1 if meant else 0)
        files.append(articles)
    copy_fingerprints, copy_files, copy_lines, copy_columns = array("q"), array("i"), array("i"), array("i")
    _extend(
        connection.execute(f"SELECT fingerprint, file, line, col FROM units{_IN_CORPUS if scoped else ''} ORDER BY fingerprint, file, line, col"),
        (copy_fingerprints, copy_files, copy_lines, copy_columns),
    )
    table = SketchTable.of_all(settings, fingerprints, sketches, ends, words)  # read in place, not copied: 48 MB at 10,000 articles
    return Snapshot(fingerprints, words, openers, bytes(exempt), files, copy_fingerprints, copy_files, copy_lines, copy_columns, table)


def _extend(rows: Iterable[tuple[int, ...]], columns: tuple[array[int], ...]) -> None:
    appends = [column.append for column in columns]
    for row in rows:
        for append, value in zip(appends, row):
            append(value)
