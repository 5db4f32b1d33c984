"""The copies of groups that one document's findings name, and what the findings need of them.

A finding names the articles holding copies: how many, and the first few in report order. On a
site of 10,000 articles one document's sentences share groups with thousands of copies (about
7,700 a document), and building a (path, line, column) tuple for each, then picking each
article's first place in Python, was the largest part of the opener rule there (py-spy: 15% of
a lint worker's samples in naming the copies alone). So the copies come in two forms with the
same answers (tests):

- `ListedCopies`: lists, for a process without a snapshot of the index (a pre-commit batch,
  which must not pay numpy's import for a few sentences);
- `ArrayCopies`: numpy arrays cut from the snapshot's, each article's first place picked by
  one sort, and tuples built only for the places a finding names.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol

NamedCopy = tuple[str, int, int]  # path, line, column


class FirstPlaces(NamedTuple):
    """Each article's first copy among some groups' copies (the lowest line; the last of equal
    lines, in the order of the groups and of their copies), summed up for a finding."""

    leading: list[tuple[str, int, int, float]]  # the first `keep` articles by path: path, line, column, score
    articles: int  # how many articles
    best: float  # the highest score of an article's first copy (0.0: no article)


class Copies(Protocol):
    """The copies of some groups in other articles, each group's by file, line and column."""

    def count(self, fp: int) -> int:
        """How many copies of group `fp` there are here."""
        ...

    def named(self, fp: int) -> Sequence[NamedCopy]:
        """The copies of group `fp`, in order."""
        ...

    def first_per_article(self, fps: Sequence[int], scores: Sequence[float], keep: int) -> FirstPlaces:
        """Each article's first copy among the groups `fps` (in that order; `scores[i]` goes with
        the copies of `fps[i]`): the first `keep` articles by path, the count, the best score."""
        ...


class ListedCopies:
    """Copies as lists of (path, line, column) by group."""

    def __init__(self, by_group: Mapping[int, Sequence[NamedCopy]]) -> None:
        self.by_group = by_group

    def count(self, fp: int) -> int:
        return len(self.by_group.get(fp, ()))

    def named(self, fp: int) -> Sequence[NamedCopy]:
        return self.by_group.get(fp, ())

    def first_per_article(self, fps: Sequence[int], scores: Sequence[float], keep: int) -> FirstPlaces:
        first: dict[str, tuple[int, int, float]] = {}
        for fp, score in zip(fps, scores):
            for path, line, column in self.by_group.get(fp, ()):
                kept = first.get(path)
                if kept is None or line <= kept[0]:
                    first[path] = (line, column, score)
        leading = [(path, *kept) for path, kept in heapq.nsmallest(keep, first.items())]
        return FirstPlaces(leading, len(first), max((score for _, _, score in first.values()), default=0.0))


class ArrayCopies:
    """Copies as numpy arrays: `files`, `lines`, `columns`, group after group (`counts[g]`
    copies of group g, whose fingerprint `position` maps to g); `paths` names a file id and
    `ranks[file id]` is its path's place in path order."""

    def __init__(self, fps: Sequence[int], counts: Any, files: Any, lines: Any, columns: Any, paths: Mapping[int, str], ranks: Any) -> None:
        numpy = _numpy()
        self.position = {fp: group for group, fp in enumerate(fps)}
        self.counts = numpy.asarray(counts, numpy.int64)
        self.starts = numpy.cumsum(self.counts) - self.counts
        self.files, self.lines, self.columns = files, lines, columns
        self.paths, self.ranks = paths, ranks

    def count(self, fp: int) -> int:
        group = self.position.get(fp)
        return 0 if group is None else int(self.counts[group])

    def named(self, fp: int) -> Sequence[NamedCopy]:
        group = self.position.get(fp)
        if group is None:
            return ()
        start = int(self.starts[group])
        end = start + int(self.counts[group])
        paths = self.paths
        return list(zip([paths[file] for file in self.files[start:end].tolist()], self.lines[start:end].tolist(), self.columns[start:end].tolist()))

    def first_per_article(self, fps: Sequence[int], scores: Sequence[float], keep: int) -> FirstPlaces:
        numpy = _numpy()
        chosen = [(self.position[fp], score) for fp, score in zip(fps, scores) if fp in self.position]
        groups = numpy.fromiter((group for group, _ in chosen), numpy.int64, len(chosen))
        lengths = self.counts[groups]
        at = ranges(self.starts[groups], lengths)
        if not len(at):
            return FirstPlaces([], 0, 0.0)
        files, lines = self.files[at], self.lines[at]
        # By file, then line, then the last in order first: each file's run opens with its first place.
        order = numpy.lexsort((-numpy.arange(len(at)), lines, files))
        in_order = files[order]
        first = order[numpy.flatnonzero(numpy.concatenate(([True], in_order[1:] != in_order[:-1])))]
        score_of = numpy.repeat(numpy.fromiter((score for _, score in chosen), numpy.float64, len(chosen)), lengths)
        ranks = self.ranks[files[first]]
        if len(first) > keep:
            ranks_kept = numpy.argpartition(ranks, keep)[:keep]
            lead = first[ranks_kept[numpy.argsort(ranks[ranks_kept])]]
        else:
            lead = first[numpy.argsort(ranks)]
        paths = self.paths
        leading = list(zip([paths[file] for file in files[lead].tolist()], lines[lead].tolist(), self.columns[at[lead]].tolist(), score_of[lead].tolist()))
        return FirstPlaces(leading, len(first), float(score_of[first].max()))


def ranges(starts: Any, lengths: Any) -> Any:
    """The positions starts[i] .. starts[i] + lengths[i] - 1 for each i, one after the other (numpy)."""
    numpy = _numpy()
    offsets = numpy.cumsum(lengths) - lengths
    return numpy.repeat(starts - offsets, lengths) + numpy.arange(int(lengths.sum()))


def _numpy() -> Any:
    import numpy  # here, not at the top: a process without a snapshot never needs it

    return numpy
