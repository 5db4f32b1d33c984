"""Writing files: never half-written, never over the wrong thing, with the permissions a user expects.

`write_atomic` writes a temporary file beside the target and renames it: an interrupted
run leaves the old file. `write_output` is for what a user names (`-o`, `--write-baseline`):
it writes through a symlink to its target, straight into a FIFO, a character device or one
of this process's own descriptors (`/dev/stdout`), and refuses anything else that is not a
regular file, so a report never turns a device, a link or a pipe into a plain file.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

# /dev/stdout -> /proc/self/fd/1: a name for one of our own descriptors, written to as it is.
_OWN_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/self/fd|proc/thread-self/fd|proc/(\d+)/fd)/(\d+)")
_MAX_LINKS = 40  # the kernel's own limit on a symlink chain


class OutputError(Exception):
    """A report path that cannot or must not be written; str() is the one line the user sees."""


Data = str | bytes | Iterable[str]  # what is written: whole, or a report's pieces as they are made


def _encoded(data: Data) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
        return
    for piece in (data,) if isinstance(data, str) else data:
        yield piece.encode("utf-8")


class AtomicFile:
    """A file written in pieces beside `path` and renamed over it by `commit()`; until then, and
    after `discard()`, `path` is as it was.

    A new file gets the permissions the umask gives (0644 under umask 022); an existing one
    keeps its mode (and owner, where allowed): a report a web server or CI reads stays readable.
    """

    def __init__(self, path: str | Path) -> None:
        self.target = Path(path)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        try:
            existing: os.stat_result | None = os.stat(self.target)
        except OSError:
            existing = None
        handle, self.temporary = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        self.stream = os.fdopen(handle, "wb")
        try:
            if existing is not None and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(self.stream.fileno(), existing.st_uid, existing.st_gid)
                except OSError:
                    pass  # not ours to give away: the mode is still kept
            os.fchmod(self.stream.fileno(), stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask())
        except BaseException:
            self.discard()
            raise

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        self.stream.close()
        os.replace(self.temporary, self.target)

    def discard(self) -> None:
        self.stream.close()
        try:
            os.unlink(self.temporary)
        except OSError:
            pass


def write_atomic(path: str | Path, data: Data) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` (AtomicFile)."""
    written = AtomicFile(path)
    try:
        for piece in _encoded(data):
            written.write(piece)
        written.commit()
    except BaseException:
        written.discard()
        raise


def write_output(path: str, data: Data) -> None:
    """Write a report or baseline to the path a user gave; OutputError (one line) if it cannot be.

    - a regular file, or a new one: atomically; through a symlink, beside the link's target;
    - a FIFO or character device (`/dev/null`, a terminal): written into, never replaced;
    - `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: this process's descriptor N, as it is;
    - a folder, socket or block device: refused.
    """
    try:
        descriptor = _own_descriptor(path)
        if descriptor is not None:
            for piece in _encoded(data):
                _write_all(descriptor, piece)
            return
        try:
            status: os.stat_result | None = os.stat(path)  # follows symlinks: the target decides
        except FileNotFoundError:
            status = None  # a new file, or a dangling link whose target is created
        if status is None or stat.S_ISREG(status.st_mode):
            write_atomic(os.path.realpath(path), data)
        elif stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            with open(path, "wb") as stream:
                for piece in _encoded(data):
                    stream.write(piece)
        elif stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{path}: is a folder; give a file name")
        else:
            raise OutputError(f"{path}: not a regular file, FIFO or character device; refusing to write to it")
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None


def _own_descriptor(path: str) -> int | None:
    """N if `path`, or a symlink on the way to its target, names this process's descriptor N."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        named = _OWN_DESCRIPTOR.fullmatch(current)
        if named is not None and named.group(1) in (None, str(os.getpid())):
            return int(named.group(2))
        try:
            link = os.readlink(current)
        except OSError:
            return None  # not a symlink (or not there): an ordinary path
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return None


def _write_all(descriptor: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(descriptor, view) :]


def _umask() -> int:
    """The process umask, read without changing it where Linux says it (os.umask can only set)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
