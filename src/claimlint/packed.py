"""A large run's findings, kept compressed file by file until a reporter reads them.

The parent of a run holds every finding for the report. As objects they take about 740 bytes
each (site-1000: 104,000 findings, 77 MB with equal texts shared), and a 10,000-article site
has 1.29 million. Once a file's findings no longer fit in a run's first `LOOSE`, its and every
later file's are kept as one zlib-compressed pickle of their results-cache rows
(`finding_to_row`), about 135 bytes a finding, decoded again whenever the list is walked (a
few microseconds a finding; a report walks it two or three times). The blobs go to an unnamed
temporary file (`Spill`), so the parent holds a few numbers per file, not about 150 MB at
10,000 articles; they stay in memory when no temporary file can be written. They never leave the run,
so unpickling them runs nothing foreign.
"""

from __future__ import annotations

import bisect
import itertools
import pickle
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, overload

from claimlint.finding import Finding, finding_from_row, finding_to_row

# Findings a run keeps as objects (about 75 MB) before it packs the rest: nearly all of
# site-1000's 104,000, so its report walks few packed ones (about 30 us each per text report).
LOOSE = 100_000


class Spill:
    """Where one run's packed blobs are kept: an unnamed temporary file in the system's temporary
    folder (`TMPDIR`), which the system removes when it is closed, however the run ends. Made at
    the first blob; when it cannot be made or written, the blobs stay in memory."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._end = 0
        self._usable = True

    def keep(self, blob: bytes) -> bytes | Spilled:
        """Where `blob` can be read again: its place in the file, or the blob itself."""
        if not self._usable:
            return blob
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="claimlint-findings-")
            self._file.seek(self._end)
            self._file.write(blob)
        except OSError:  # no temporary folder, or a full one: memory it is
            self._usable = False
            return blob
        place = Spilled(self, self._end, len(blob))
        self._end += len(blob)
        return place

    def read(self, offset: int, length: int) -> bytes:
        assert self._file is not None, "read only what keep() placed in the file"
        self._file.seek(offset)  # a buffered file: what was written before is read back
        return self._file.read(length)


@dataclass(frozen=True)
class Spilled:
    """A blob's place in a run's temporary file."""

    spill: Spill
    offset: int
    length: int

    def read(self) -> bytes:
        return self.spill.read(self.offset, self.length)


@dataclass(frozen=True)
class PackedFile:
    """One file's findings, in report order, compressed."""

    path: str
    count: int
    blob: bytes | Spilled

    def findings(self) -> tuple[Finding, ...]:
        blob = self.blob.read() if isinstance(self.blob, Spilled) else self.blob
        return tuple(finding_from_row(self.path, row) for row in pickle.loads(zlib.decompress(blob)))


def pack(path: str, findings: Sequence[Finding], spill: Spill | None = None) -> PackedFile:
    """`findings` (all of them at `path`, in report order) compressed, kept in `spill` when given."""
    rows = [finding_to_row(finding) for finding in findings]
    blob = zlib.compress(pickle.dumps(rows, pickle.HIGHEST_PROTOCOL), 1)
    return PackedFile(path, len(rows), spill.keep(blob) if spill is not None else blob)


Part = tuple[Finding, ...] | PackedFile


class Findings(Sequence[Finding]):
    """A run's findings in report order: parts of loose findings and packed files, read in turn."""

    def __init__(self, parts: Iterable[Part]) -> None:
        self._parts = tuple(part for part in parts if (part.count if isinstance(part, PackedFile) else len(part)))
        sizes = [part.count if isinstance(part, PackedFile) else len(part) for part in self._parts]
        self._starts = [0, *itertools.accumulate(sizes)]

    def __len__(self) -> int:
        return self._starts[-1]

    def __iter__(self) -> Iterator[Finding]:
        for part in self._parts:
            yield from part.findings() if isinstance(part, PackedFile) else part

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...

    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("finding index out of range")
        number = bisect.bisect_right(self._starts, index) - 1
        part = self._parts[number]
        found = part.findings() if isinstance(part, PackedFile) else part
        return found[index - self._starts[number]]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Findings, tuple, list)):
            return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple of the same findings, so not hashable

    def __repr__(self) -> str:
        return f"Findings({len(self)} in {len(self._parts)} parts)"
