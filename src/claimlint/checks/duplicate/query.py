"""What stands near one document's sentences: in the rest of the corpus, and earlier in the document.

Across articles, `neighbours(index, path, units)` reads, in a few batched lookups, the groups
of copies a document's sentences may belong to or resemble: its own fingerprints, the
groups posted under its LSH band keys (crowded keys, common phrases, left out) and the
groups sharing its openers (a sample, for a site-wide template, with the count of articles).
Each group carries its number of other articles, so a sentence copied 3,000 times costs one
row, and `places` names a few of the copies. Inside one article, `earlier_copies` and
`earlier_openers` do the same with dictionaries over the article's distinct sentences.
Work per sentence is bounded by `max_postings`, whatever the duplication.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from claimlint.checks.duplicate import snapshot
from claimlint.checks.duplicate.copies import ArrayCopies, Copies, ListedCopies
from claimlint.checks.duplicate.sketch import IndexSettings, Unit, fingerprint, may_reach, signed, similarity, similarity_from, whole
from claimlint.checks.duplicate.store import _SQL_VARIABLES, KEY, OPENER, OUTSIDE_CORPUS, CorpusIndex, _chunks, _marks

_MASK64 = 0xFFFFFFFFFFFFFFFF
# Copies fetched to name places: a group in at most max_postings other articles is read whole
# (places named in path order, as for any match); a larger one names the first SAMPLE copies
# by file and line, and its count of articles is the group's.
SAMPLE = 16
_SAMPLES_KEPT = 100_000  # large groups whose sample a process keeps (bounded memory)
# Copies of small groups a process keeps as read (index.places_seen), about 120 bytes each: the
# groups of a site-wide opener are named again for every article that opens the same way.
_PLACES_KEPT = 100_000
# Inside one article every earlier distinct sentence is compared while there are at most this
# many (exact); beyond, only those sharing an LSH band key (bounded, as across articles).
COMPARE_ALL_UP_TO = 200


class Group(NamedTuple):
    """The copies of one sentence in the corpus (the document's own file left out of `others`)."""

    fingerprint: int
    sketch: array[int]  # ascending; an array, not a tuple: the group takes 385 bytes, not 889 (the cache holds many)
    words: int
    opener: int
    exempt: bool  # a copy is meant to repeat (an exempt paragraph, or an exempt file)
    others: int  # other articles holding a copy


@dataclass(frozen=True)
class Match:
    """Another sentence like one of the checked document's."""

    path: str
    line: int
    column: int
    similarity: float
    exempt: bool  # the other sentence is meant to repeat (exempt file or pattern)


@dataclass(frozen=True)
class Neighbours:
    """What the index holds near one document's sentences: the few rows its queries need."""

    # fingerprint -> group, for every candidate with copies elsewhere; with a snapshot of the
    # index, the LSH candidates only once they pass the bound (similar_elsewhere adds them).
    groups: dict[int, Group]
    by_key: Mapping[int, Sequence[int]]  # LSH key -> fingerprints (crowded keys left out)
    by_opener: Mapping[int, Sequence[int]]  # opener -> fingerprints (a sample for a site-wide template)
    # Openers shared by more than max_postings distinct sentences (a site-wide template): the
    # number of other articles with one (near-copies included), counted in the index.
    opener_articles: Mapping[int, int]
    own_groups: frozenset[int] = frozenset()  # the groups with a copy in the document's own file
    own_files: tuple[int, ...] = ()  # the document's own file ids


def _own_ids(index: CorpusIndex, doc_path: str) -> list[int]:
    return sorted(index.ids_by_real_path.get(os.path.realpath(doc_path), set()))


def _scope(index: CorpusIndex, column: str = "file") -> str:
    """The SQL condition keeping rows to the run's corpus (nothing when the database holds only it).

    A correlated lookup of each row's file, not `file IN (SELECT id ...)`: with the IN list SQLite
    seeks a group's copies once per corpus file, and a site-wide opener's copies on site-10000
    took 0.22 s to read instead of 0.24 ms."""
    return "" if index.only_corpus else f" AND EXISTS (SELECT 1 FROM temp.corpus_files AS scope WHERE scope.id = {column})"


# Documents a process queries before it reads the whole index into arrays (snapshot.py): a
# pre-commit batch never does, a whole site's lint workers do early (about 0.2 s each for
# site-1000's 79,000 groups), or their parent before they fork (`take_snapshot`).
SNAPSHOT_FROM = 50


def take_snapshot(index: CorpusIndex, documents: int) -> None:
    """Reads the snapshot now when this process (or each worker forked from it) will query more
    than SNAPSHOT_FROM documents: forked workers then share one copy of its arrays (about 100 MB
    at 10,000 articles) and their first documents use it too."""
    if index.snapshot is None and index.documents_queried + documents > SNAPSHOT_FROM:
        index.snapshot = snapshot.read_snapshot(index.connection(), index.settings, scoped=not index.only_corpus)


def neighbours(index: CorpusIndex, doc_path: str, units: Sequence[Unit]) -> Neighbours:
    """One batch of lookups for all of a document's sentences; the document's own file left out."""
    connection = index.connection()
    index.documents_queried += 1
    take_snapshot(index, 0)
    own = _own_ids(index, doc_path)
    cap = index.settings.max_postings
    keys = sorted({signed(key) for unit in units for key in unit.keys})
    by_key = _postings(index, keys)

    openers = sorted({signed(unit.opener) for unit in units if unit.opener})
    templates = _crowded(index, OPENER, openers)
    by_opener: defaultdict[int, list[int]] = defaultdict(list)
    for chunk in _chunks([opener for opener in openers if opener not in templates]):
        for opener, fp in connection.execute(f"SELECT opener, fingerprint FROM groups WHERE opener != 0 AND opener IN ({_marks(chunk)})", list(chunk)):
            by_opener[opener].append(fp)
    for fps in by_opener.values():  # by fingerprint, whatever order the index gives them in
        fps.sort()
    for opener in templates:  # a site-wide template: a sample of its sentences (first by place), never all
        query = "SELECT fingerprint FROM groups WHERE opener = ? AND opener != 0 ORDER BY first, fingerprint LIMIT ?"
        own_copies = sum(1 for unit in units if signed(unit.opener) == opener)  # this article's own may come first
        if index.only_corpus:
            by_opener[opener] = [fp for (fp,) in connection.execute(query, (opener, cap + own_copies))]
        else:
            by_opener[opener] = list(_template(index, opener)[1][: cap + own_copies])

    # With a snapshot, an LSH candidate is bounded from its arrays first: most never become a Group.
    posted = () if index.snapshot is not None else by_key.values()
    wanted = sorted({fingerprint(unit) for unit in units} | {fp for fps in (*posted, *by_opener.values()) for fp in fps})
    mine = _own_groups(index, own)
    exempt_groups = index.exempt_groups()
    if index.only_corpus or index.snapshot is not None:
        groups = _groups_of(index, wanted, mine, own, exempt_groups)
    else:
        groups = _groups_counted(index, wanted, own, exempt_groups)
    if index.only_corpus:
        # The index counts a template's articles by its groups' openers (a group keeps its first
        # copy's): the document's own article is among them when one of its groups has the opener,
        # whatever its own copy opens with (a copy by sketch may open otherwise).
        own_openers = _openers_of(index, sorted(mine)) if templates and own else set()
        opener_articles = {opener: files - (opener in own_openers) for opener, files in templates.items()}
    else:
        opener_articles = {opener: len(_template(index, opener)[0].difference(own)) for opener in templates}
    for opener in templates:
        by_opener[opener] = [fp for fp in by_opener[opener] if fp in groups][:cap]
    return Neighbours(groups, by_key, dict(by_opener), opener_articles, frozenset(mine), tuple(own))


# LSH keys whose postings a process keeps as read (index.postings_seen): neighbouring documents
# share most of their keys (59% on the realistic site bench). A key's fingerprints are an array,
# not a tuple of ints: about 150 bytes a key (~10 fingerprints) instead of 450, so at most
# ~15 MB a process (a site-10000 lint worker's tuples took 42 MB, tracemalloc).
_POSTINGS_KEPT = 100_000


def _postings(index: CorpusIndex, keys: Sequence[int]) -> dict[int, Sequence[int]]:
    """LSH key -> fingerprints of the groups posted under it, crowded keys left out; each key read
    once per process."""
    seen = index.postings_seen
    missing = [key for key in keys if key not in seen]
    crowded = set(_crowded(index, KEY, missing))
    read: dict[int, list[int]] = {key: [] for key in missing if key not in crowded}
    connection = index.connection()
    for chunk in _chunks(list(read)):
        for key, fp in connection.execute(f"SELECT key, fingerprint FROM keys WHERE key IN ({_marks(chunk)})", list(chunk)):
            read[key].append(fp)
    fresh: dict[int, array[int] | None] = dict.fromkeys(crowded)  # None: crowded, never a candidate list
    fresh.update((key, array("q", fps)) for key, fps in read.items())
    if len(seen) < _POSTINGS_KEPT:
        seen.update(fresh)
    by_key: dict[int, Sequence[int]] = {}
    for key in keys:
        fps = seen[key] if key in seen else fresh[key]
        if fps:
            by_key[key] = fps
    return by_key


# Groups a process keeps as read (index.groups_seen): about 385 bytes each (their sketch an
# array, not a tuple of 16 ints, which took about 890), so at most ~58 MB a process. A site of
# 2,000 articles has 156,622 groups: keeping 150,000, not 50,000, cut its boilerplate
# pass by a fifth. Kept with a snapshot too: decoding each document's groups from its arrays
# instead took 600 documents of site-10000 from 130 to 146 s (their 52 MB saved).
_GROUPS_KEPT = 150_000


def _groups_of(index: CorpusIndex, wanted: Sequence[int], mine: set[int], own: Sequence[int], exempt_groups: frozenset[int]) -> dict[int, Group]:
    """The groups among `wanted` with copies in other articles, when the database holds only this
    corpus (a group's count of articles is its own column) or a snapshot counted them. Each row
    is read and decoded once per process: neighbouring documents share most of their candidates."""
    seen = index.groups_seen
    missing = [fp for fp in wanted if fp not in seen]
    connection = index.connection()
    rows: list[snapshot.GroupRow] = []
    if index.snapshot is not None and missing:
        rows, missing = index.snapshot.groups(missing)
    counted: dict[int, Group] = {}
    if not index.only_corpus:  # added since the snapshot by a concurrent run: counted in SQLite
        counted, missing = _groups_counted(index, missing, own, exempt_groups), []
    for chunk in _chunks(missing):  # not in the snapshot (none taken yet, or added since by a concurrent run)
        rows += connection.execute(f"SELECT fingerprint, sketch, words, opener, exempt, files FROM groups WHERE fingerprint IN ({_marks(chunk)})", list(chunk))
    fetched: dict[int, Group] = {}
    for fp, sketch, words, opener, exempt, files in rows:
        fetched[fp] = Group(fp, array("I", sketch), words, opener & _MASK64, bool(exempt) or fp in exempt_groups, files)
    if len(seen) < _GROUPS_KEPT:
        seen.update(fetched)
    kept, read = seen.get, fetched.get
    # The document's own copy is no other article's: a group of its own counts one article less.
    groups = {fp: group for fp in wanted if (group := kept(fp) or read(fp)) is not None and group.others > (fp in mine)}
    for fp in mine.intersection(groups):
        groups[fp] = groups[fp]._replace(others=groups[fp].others - 1)
    groups.update(counted)  # counted without the document's own files already
    return groups


def _groups_counted(index: CorpusIndex, wanted: Sequence[int], own: Sequence[int], exempt_groups: frozenset[int]) -> dict[int, Group]:
    """The groups among `wanted` with copies in other articles of this corpus, counted in the
    units table (the database also holds files outside it).

    SQLite seeks a group's copies file by file of the list it keeps to, so the count takes the
    shorter list: the corpus's files, or the group's count of articles less those outside the
    corpus (a site checked beside a few files of another folder: 5 seeks a group, not 1,000)."""
    connection = index.connection()
    rows: dict[int, tuple[bytes, int, int, int, int]] = {}
    for chunk in _chunks(wanted):
        query = f"SELECT fingerprint, sketch, words, opener, exempt, files FROM groups WHERE fingerprint IN ({_marks(chunk)})"
        for fp, sketch, words, opener, exempt, files in connection.execute(query, list(chunk)):
            rows[fp] = (sketch, words, opener, exempt, files)
    found = list(rows)
    if index.outside_files < len(index.paths_by_id):
        outside = _files_holding(connection, found, f"file IN (SELECT id FROM files WHERE {OUTSIDE_CORPUS})", [])
        mine = _files_holding(connection, found, f"file IN ({_marks(own)})", own) if own else {}
        counted = {fp: row[4] - outside.get(fp, 0) - mine.get(fp, 0) for fp, row in rows.items()}
    else:
        not_mine = f"file NOT IN ({_marks(own)}) AND " if own else ""
        counted = _files_holding(connection, found, f"{not_mine}file IN (SELECT id FROM temp.corpus_files)", own)
    groups: dict[int, Group] = {}
    for fp, (sketch, words, opener, exempt, _files) in rows.items():
        others = counted.get(fp, 0)
        if others > 0:
            groups[fp] = Group(fp, array("I", sketch), words, opener & _MASK64, bool(exempt) or fp in exempt_groups, others)
    return groups


def _files_holding(connection: sqlite3.Connection, fingerprints: Sequence[int], condition: str, parameters: Sequence[int]) -> dict[int, int]:
    """fingerprint -> how many distinct files meeting `condition` (SQL with `parameters`) hold a copy."""
    counted: dict[int, int] = {}
    for chunk in _chunks(list(fingerprints), _SQL_VARIABLES - len(parameters)):
        query = f"SELECT fingerprint, COUNT(DISTINCT file) FROM units WHERE fingerprint IN ({_marks(chunk)}) AND {condition} GROUP BY fingerprint"
        counted.update(connection.execute(query, [*chunk, *parameters]).fetchall())
    return counted


def _crowded(index: CorpusIndex, kind: int, values: Sequence[int]) -> dict[int, int]:
    """Which of `values` are crowded keys or site-wide openers, with the articles counted for openers."""
    found: dict[int, int] = {}
    for chunk in _chunks(values):
        query = f"SELECT value, files FROM crowded WHERE kind = {kind} AND value IN ({_marks(chunk)})"
        found.update(index.connection().execute(query, list(chunk)).fetchall())
    return found


def _openers_of(index: CorpusIndex, fingerprints: Sequence[int]) -> set[int]:
    """The openers the index keeps for these groups."""
    found: set[int] = set()
    for chunk in _chunks(fingerprints):
        found.update(opener for (opener,) in index.connection().execute(f"SELECT opener FROM groups WHERE opener != 0 AND fingerprint IN ({_marks(chunk)})", list(chunk)))
    return found


def _own_groups(index: CorpusIndex, own: Sequence[int]) -> set[int]:
    if not own:
        return set()
    query = f"SELECT DISTINCT fingerprint FROM units WHERE file IN ({_marks(own)})"
    return {fp for (fp,) in index.connection().execute(query, list(own))}


def _template(index: CorpusIndex, opener: int) -> tuple[frozenset[int], tuple[int, ...]]:
    """A site-wide opener's files in the corpus, and its groups with a copy there by first place
    in it, when the database also holds other files (whose copies must neither count nor come
    first). Read once per process: every article of a templated site asks, and it takes every copy."""
    known = index.templates_seen.get(opener)
    if known is None:
        query = f"SELECT u.fingerprint, u.file, u.line FROM groups g JOIN units u ON u.fingerprint = g.fingerprint WHERE g.opener = ? AND g.opener != 0{_scope(index, 'u.file')}"
        first: dict[int, int] = {}
        files: set[int] = set()
        for fp, file, line in index.connection().execute(query, [opener]):
            place = file * 4294967296 + line  # the groups table's `first`, among the corpus's copies
            first[fp] = min(first.get(fp, place), place)
            files.add(file)
        known = index.templates_seen[opener] = (frozenset(files), tuple(sorted(first, key=lambda fp: (first[fp], fp))))
    return known


# Candidate pairs a process bounds in a Python loop before it turns to numpy (about 0.1 s to
# import): a pre-commit check of one article has a few thousand, a whole site tens of millions.
VECTORIZE_FROM = 200_000


def similar_elsewhere(index: CorpusIndex, near: Neighbours, units: Sequence[Unit], threshold: float) -> list[list[tuple[Group, float]]]:
    """For each unit, the groups of other articles' sentences at least `threshold` alike with it
    (estimated Jaccard), by fingerprint. Every candidate is first bounded (may_reach): in Python
    for a process's first VECTORIZE_FROM pairs, then with numpy, all of a document's at once."""
    settings = index.settings
    groups = near.groups
    owns = [fingerprint(unit) for unit in units]
    candidates = [_candidates(near, unit) for unit in units]
    pairs = sum(map(len, candidates))
    vectorize = index.pairs_compared >= VECTORIZE_FROM
    index.pairs_compared += pairs
    reached = [[own] if own in groups else [] for own in owns]
    if index.snapshot is not None:
        for number, fp in _reached_in_snapshot(index, index.snapshot, near, units, candidates, threshold):
            if fp != owns[number]:
                reached[number].append(fp)
        survivors = sorted({fp for fps in reached for fp in fps}.difference(groups))
        groups.update(_groups_of(index, survivors, set(near.own_groups), near.own_files, index.exempt_groups()))
    elif vectorize:
        table = index.sketch_table
        table.place(set().union(*candidates).intersection(groups), groups)
        rows = [list(map(table.rows.get, fps, itertools.repeat(-1))) for fps in candidates]
        fingerprints = table.fingerprints
        for number, row in table.reachable(units, rows, threshold):
            fp = fingerprints[row]
            if fp != owns[number] and fp in groups:  # the table also holds other documents' groups
                reached[number].append(fp)
    else:
        for unit, own, fps, kept in zip(units, owns, candidates, reached):
            mine = frozenset(unit.sketch)
            size = len(mine)
            # may_reach inlined: this loop runs for every candidate of every sentence, and most stop at the bound.
            for fp in fps:
                group = groups.get(fp)
                if group is None or fp == own:
                    continue
                other = group.sketch
                if len(mine.intersection(other)) >= threshold * (size if size > len(other) else len(other)):
                    kept.append(fp)
    return [_scored(near, unit, own, fps, threshold, settings) for unit, own, fps in zip(units, owns, reached)]


def _reached_in_snapshot(
    index: CorpusIndex, taken: snapshot.Snapshot, near: Neighbours, units: Sequence[Unit], candidates: Sequence[set[int]], threshold: float
) -> list[tuple[int, int]]:
    """(n, fingerprint) for each candidate of units[n] with copies in other articles that may_reach
    keeps: the groups the snapshot holds bounded from its table, all of a document's at once;
    any it does not (added by a concurrent run since) read and bounded one by one."""
    import numpy

    counts = list(map(len, candidates))
    wanted = numpy.fromiter(itertools.chain.from_iterable(candidates), numpy.int64, sum(counts))
    left = numpy.repeat(numpy.arange(len(candidates)), counts)
    hit, places = taken.positions(wanted)
    own = numpy.fromiter(near.own_groups, numpy.int64, len(near.own_groups))
    # As _groups_of: a group counts when it is in more articles than the document's own.
    elsewhere = hit & (taken.articles(places) > numpy.isin(wanted, own))
    found = [(number, taken.fingerprints[row]) for number, row in taken.table.reachable_pairs(units, left[elsewhere], places[elsewhere], threshold)]
    unknown = sorted(set(wanted[~hit].tolist()))
    if unknown:
        extra = _groups_of(index, unknown, set(near.own_groups), near.own_files, index.exempt_groups())
        near.groups.update(extra)
        for number, fp in zip(left[~hit].tolist(), wanted[~hit].tolist()):
            if fp in extra and may_reach(frozenset(units[number].sketch), extra[fp].sketch, threshold):
                found.append((number, fp))
    return found


def _candidates(near: Neighbours, unit: Unit) -> set[int]:
    """The groups posted under the unit's LSH keys."""
    candidates: set[int] = set()
    for key in unit.keys:
        candidates.update(near.by_key.get(signed(key), ()))
    return candidates


def _scored(near: Neighbours, unit: Unit, own: int, reached: Sequence[int], threshold: float, settings: IndexSettings) -> list[tuple[Group, float]]:
    """The groups among `reached` (past the bound) at least `threshold` alike, by fingerprint: the
    unit's own group (a copy) at 1.0."""
    mine, mine_whole = frozenset(unit.sketch), whole(unit, settings)
    found = []
    for fp in sorted(reached):
        group = near.groups[fp]
        score = 1.0 if fp == own else similarity_from(mine, mine_whole, group, settings)
        if score >= threshold:
            found.append((group, score))
    return found


def openers_elsewhere(index: CorpusIndex, near: Neighbours, units: Sequence[Unit]) -> list[list[tuple[Group, float]]]:
    """For each unit, the groups of other articles' sentences that open with the same words, with
    their similarity (in Python for a process's first VECTORIZE_FROM pairs, then with numpy)."""
    settings = index.settings
    groups = near.groups
    openers = [[groups[fp] for fp in near.by_opener.get(signed(unit.opener), ()) if fp in groups] if unit.opener else [] for unit in units]
    vectorize = index.pairs_compared >= VECTORIZE_FROM
    index.pairs_compared += sum(map(len, openers))
    rows = _snapshot_rows(index.snapshot, openers) if index.snapshot is not None else None
    if rows is not None and index.snapshot is not None:
        scores = index.snapshot.table.similarities(units, rows)
    elif vectorize:
        table = index.sketch_table
        table.place({group.fingerprint for found in openers for group in found}, groups)
        scores = table.similarities(units, [[table.rows[group.fingerprint] for group in found] for found in openers])
    else:
        scores = []
        for unit, found in zip(units, openers):
            mine, mine_whole = frozenset(unit.sketch), whole(unit, settings)
            scores.append([similarity_from(mine, mine_whole, group, settings) for group in found])
    owns = (fingerprint(unit) for unit in units)
    return [[(group, 1.0 if group.fingerprint == own else score) for group, score in zip(found, alike)] for found, alike, own in zip(openers, scores, owns)]


def _snapshot_rows(taken: snapshot.Snapshot, found: Sequence[Sequence[Group]]) -> list[list[int]] | None:
    """The snapshot's table rows of each list of groups; None if one is not there (added since)."""
    import numpy

    counts = list(map(len, found))
    hit, places = taken.positions(numpy.fromiter((group.fingerprint for groups in found for group in groups), numpy.int64, sum(counts)))
    if not hit.all():
        return None
    rows, start = [], 0
    flat = places.tolist()
    for count in counts:
        rows.append(flat[start : start + count])
        start += count
    return rows


def places(index: CorpusIndex, doc_path: str, fingerprints: Sequence[int], near: Neighbours) -> Copies:
    """The copies of each group in other articles: all of a group in at most max_postings other
    articles, the first SAMPLE of a larger one (by file and line)."""
    connection = index.connection()
    own = _own_ids(index, doc_path)
    paths = index.paths_by_id
    cap = index.settings.max_postings
    small = sorted(fp for fp in set(fingerprints) if near.groups[fp].others <= cap)
    large = sorted(fp for fp in set(fingerprints) if near.groups[fp].others > cap)
    seen = index.places_seen
    read: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)
    unread = [fp for fp in small if fp not in seen]
    not_mine = frozenset(own)
    cut: tuple[list[int], Any, Any, Any, Any] | None = None  # groups and their copies cut from the snapshot
    if index.snapshot is not None and unread:
        # Cut straight from the snapshot's arrays, not kept: the snapshot is the process's copy.
        kept_files = _file_ranks(index) >= 0
        kept_files[[file_id for file_id in own if file_id < len(kept_files)]] = False
        counts, files, lines, columns, absent = index.snapshot.copies_of(unread, kept_files)
        cut = (unread, counts, files, lines, columns)
        unread = absent  # added since by a concurrent run, or gone
    for chunk in _chunks(unread):
        query = f"SELECT fingerprint, file, line, col FROM units WHERE fingerprint IN ({_marks(chunk)}){_scope(index)} ORDER BY file, line, col"
        for fp, file_id, line, column in connection.execute(query, chunk):
            read[fp].append((file_id, line, column))
    if index.places_kept < _PLACES_KEPT:
        seen.update(read)
        index.places_kept += sum(map(len, read.values()))
    listed: dict[int, list[tuple[int, int, int]]] = {}
    from_snapshot = set(cut[0]).difference(unread) if cut is not None else set()
    for fp in small:
        if fp in from_snapshot:
            continue
        # Every copy but this document's own, in file and line order; a concurrent run (a pre-commit
        # batch) may have added files since the build.
        rows = [(file_id, line, column) for file_id, line, column in seen.get(fp) or read[fp] if file_id not in not_mine and file_id in paths]
        if rows:
            listed[fp] = rows
    for fp in large:
        sample = index.samples.get(fp)
        if sample is None:
            query = f"SELECT file, line, col FROM units WHERE fingerprint = ?{_scope(index)} ORDER BY file, line LIMIT {SAMPLE + 4}"
            sample = connection.execute(query, [fp]).fetchall()
            if len(index.samples) < _SAMPLES_KEPT:
                index.samples[fp] = sample
        listed[fp] = [(file_id, line, column) for file_id, line, column in sample if file_id not in not_mine and file_id in paths][:SAMPLE]
    if cut is None:
        return ListedCopies({fp: [(paths[file_id], line, column) for file_id, line, column in rows] for fp, rows in listed.items()})
    return _with_listed(cut, listed, paths, _file_ranks(index))


def _with_listed(cut: tuple[list[int], Any, Any, Any, Any], listed: Mapping[int, Sequence[tuple[int, int, int]]], paths: Mapping[int, str], ranks: Any) -> ArrayCopies:
    """The copies cut from a snapshot (`cut`: the groups, then their counts, files, lines and
    columns) and those read from SQLite (`listed`: group -> (file id, line, column) rows) as one
    ArrayCopies. A group the snapshot lacks (none cut) and then read is in both: the later wins."""
    import numpy

    fps, counts, files, lines, columns = cut
    rows = [row for fp_rows in listed.values() for row in fp_rows]
    extra = numpy.array(rows, numpy.int32).reshape(len(rows), 3)
    return ArrayCopies(
        [*fps, *listed],
        numpy.concatenate((counts, numpy.fromiter(map(len, listed.values()), numpy.int64, len(listed)))),
        numpy.concatenate((files, extra[:, 0])),
        numpy.concatenate((lines, extra[:, 1])),
        numpy.concatenate((columns, extra[:, 2])),
        paths,
        ranks,
    )


def _file_ranks(index: CorpusIndex) -> Any:
    """numpy: each corpus file id's place in path order (-1: not a corpus file), once per process."""
    if index.file_ranks is None:
        import numpy

        ranks = numpy.full(max(index.paths_by_id, default=-1) + 1, -1, numpy.int64)
        for rank, file_id in enumerate(sorted(index.paths_by_id, key=index.paths_by_id.__getitem__)):
            ranks[file_id] = rank
        index.file_ranks = ranks
    return index.file_ranks


# --- inside one article -----------------------------------------------------------------------


def earlier_copies(units: Sequence[Unit], threshold: float, settings: IndexSettings) -> list[tuple[Unit, float] | None]:
    """For each unit, the most alike earlier sentence of the same article at `threshold` or more
    (the first of the most alike), or None. Exempt sentences neither have nor are copies."""
    first_of: dict[int, Unit] = {}  # fingerprint -> first sentence with it
    distinct: list[tuple[Unit, frozenset[int]]] = []
    by_key: defaultdict[int, list[int]] = defaultdict(list)
    # Sketch value -> positions in `distinct`: sentences sharing no value are 0 alike, so the exact
    # comparison needs only those sharing one (the same pairs, without trying every other).
    by_value: defaultdict[int, list[int]] = defaultdict(list)
    found: list[tuple[Unit, float] | None] = []
    for unit in units:
        if unit.exempt:
            found.append(None)
            continue
        fp = fingerprint(unit)
        if fp in first_of:  # a copy: nothing is more alike than that, and the first one is the earliest
            found.append((first_of[fp], 1.0))
            continue
        if len(distinct) <= COMPARE_ALL_UP_TO:
            candidates: Sequence[int] = sorted({position for value in unit.sketch for position in by_value.get(value, ())}) if threshold > 0 else range(len(distinct))
        else:
            candidates = sorted({position for key in unit.keys for position in by_key.get(key, ())})
        mine, mine_whole = frozenset(unit.sketch), whole(unit, settings)
        best: tuple[Unit, float] | None = None
        for position in candidates:
            other, _ = distinct[position]
            if not may_reach(mine, other.sketch, threshold):
                continue
            score = similarity_from(mine, mine_whole, other, settings)
            if score >= threshold and (best is None or score > best[1]):
                best = (other, score)
        found.append(best)
        first_of[fp] = unit
        for key in unit.keys:
            if len(by_key[key]) < settings.max_postings:  # a common phrase: the first sentences only
                by_key[key].append(len(distinct))
        if len(distinct) < COMPARE_ALL_UP_TO:
            for value in unit.sketch:
                by_value[value].append(len(distinct))
        distinct.append((unit, mine))
    return found


def earlier_openers(units: Sequence[Unit], threshold: float, settings: IndexSettings) -> list[tuple[Unit, float] | None]:
    """For each unit, the first earlier sentence of the same article opening with the same words
    and less than `threshold` alike (a templated opening, not a copy), or None."""
    by_opener: defaultdict[int, list[tuple[int, Unit]]] = defaultdict(list)  # distinct sentences, first copy each
    found: list[tuple[Unit, float] | None] = []
    for unit in units:
        if unit.exempt or not unit.opener:
            found.append(None)
            continue
        fp = fingerprint(unit)
        earlier = by_opener[unit.opener]
        hit: tuple[Unit, float] | None = None
        for other_fp, other in earlier[: settings.max_postings]:
            score = 1.0 if other_fp == fp else similarity(unit, other, settings)
            if score < threshold:
                hit = (other, score)
                break
        found.append(hit)
        if all(other_fp != fp for other_fp, _ in earlier[: settings.max_postings]) and len(earlier) < settings.max_postings:
            earlier.append((fp, unit))
    return found
