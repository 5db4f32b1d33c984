"""The corpus index read whole into flat arrays, for a process that lints a whole site.

A lint process asks the index, for every document, for the groups its sentences may belong to
or resemble and for the copies of the groups it names. Past what a process keeps of them
(query._GROUPS_KEPT groups, _PLACES_KEPT copies), on a site of 10,000 distinct articles (about
790,000 groups) nearly every lookup was a SQLite query: reading group rows and copies was
about 30% of a lint worker's samples there. A snapshot holds every group (fingerprint,
sketch, words, opener, exempt, articles) and every copy (fingerprint, file, line, column) in
`array`s sorted by fingerprint, about 90 bytes a group and 20 a copy, and answers both lookups
with one binary search (numpy) per document. It is read only from an index that holds this
corpus alone (`CorpusIndex.only_corpus`), where the rows need no counting again. Anything a
concurrent run added after the snapshot is still read from SQLite (`missing`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimlint.checks.duplicate.sketch import IndexSettings, SketchTable

GroupRow = tuple[int, bytes, int, int, int, int]  # fingerprint, sketch, words, opener, exempt, files: the groups table's columns
Copy = tuple[int, int, int]  # file id, line, column


@dataclass(frozen=True)
class Snapshot:
    fingerprints: array[int]  # ascending, one per group
    sketch_ends: array[int]  # group i's sketch is sketches[sketch_ends[i - 1]:sketch_ends[i]] (bytes of uint32)
    sketches: bytes
    words: array[int]
    openers: array[int]
    exempt: bytes
    files: array[int]
    copy_fingerprints: array[int]  # ascending, one per copy; a group's copies by file, line, column
    copy_files: array[int]
    copy_lines: array[int]
    copy_columns: array[int]
    table: SketchTable  # every group's sketch, row i for group i: the bound of a document's candidates at once

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
        return numpy.frombuffer(self.files, numpy.int64)[places]

    def groups(self, wanted: Sequence[int]) -> tuple[list[GroupRow], list[int]]:
        """The rows of the groups among `wanted` (as the groups table gives them) and the
        fingerprints it does not hold."""
        numpy = _numpy()
        hit, at = self.positions(numpy.fromiter(wanted, numpy.int64, len(wanted)))
        found, places = hit.tolist(), at.tolist()
        ends = self.sketch_ends
        rows: list[GroupRow] = []
        missing: list[int] = []
        sketches, words, openers, exempt, files = self.sketches, self.words, self.openers, self.exempt, self.files
        for fp, hit, place in zip(wanted, found, places):
            if not hit:
                missing.append(fp)
                continue
            rows.append((fp, sketches[ends[place - 1] if place else 0 : ends[place]], words[place], openers[place], exempt[place], files[place]))
        return rows, missing

    def copies(self, wanted: Sequence[int]) -> dict[int, list[Copy]]:
        """Every copy of each group among `wanted` that has one, by file, line and column."""
        numpy = _numpy()
        keys = numpy.frombuffer(self.copy_fingerprints, numpy.int64)
        asked = numpy.fromiter(wanted, numpy.int64, len(wanted))
        starts = numpy.searchsorted(keys, asked, "left").tolist()
        ends = numpy.searchsorted(keys, asked, "right").tolist()
        files, lines, columns = self.copy_files, self.copy_lines, self.copy_columns
        return {fp: list(zip(files[start:end], lines[start:end], columns[start:end])) for fp, start, end in zip(wanted, starts, ends) if start < end}


def _numpy() -> Any:
    import numpy  # here, not at the top: about 0.1 s to import, and a pre-commit check never takes a snapshot

    return numpy


def read_snapshot(connection: sqlite3.Connection, settings: IndexSettings) -> Snapshot:
    """Every group and every copy the index holds, in fingerprint order."""
    fingerprints, ends, words, openers, files = array("q"), array("q"), array("i"), array("q"), array("q")
    sketches = bytearray()
    exempt = bytearray()
    query = "SELECT fingerprint, sketch, words, opener, exempt, files FROM groups ORDER BY fingerprint"
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
        connection.execute("SELECT fingerprint, file, line, col FROM units ORDER BY fingerprint, file, line, col"),
        (copy_fingerprints, copy_files, copy_lines, copy_columns),
    )
    table = SketchTable.of_all(settings, fingerprints, bytes(sketches), ends, words)
    return Snapshot(fingerprints, ends, bytes(sketches), words, openers, bytes(exempt), files, copy_fingerprints, copy_files, copy_lines, copy_columns, table)


def _extend(rows: Iterable[tuple[int, ...]], columns: tuple[array[int], ...]) -> None:
    appends = [column.append for column in columns]
    for row in rows:
        for append, value in zip(appends, row):
            append(value)
