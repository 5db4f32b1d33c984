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
from pathlib import Path

# /dev/stdout -> /proc/self/fd/1: a name for one of our own descriptors, written to as it is.
_OWN_DESCRIPTOR = re.compile(r"/(?:dev/fd|proc/self/fd|proc/thread-self/fd|proc/(\d+)/fd)/(\d+)")
_MAX_LINKS = 40  # the kernel's own limit on a symlink chain


class OutputError(Exception):
    """A report path that cannot or must not be written; str() is the one line the user sees."""


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    A new file gets the permissions the umask gives (0644 under umask 022); an existing one
    keeps its mode (and owner, where allowed): a report a web server or CI reads stays readable.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        existing: os.stat_result | None = os.stat(target)
    except OSError:
        existing = None
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if existing is not None and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(stream.fileno(), existing.st_uid, existing.st_gid)
                except OSError:
                    pass  # not ours to give away: the mode is still kept
            os.fchmod(stream.fileno(), stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask())
            stream.write(payload)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_output(path: str, data: str | bytes) -> None:
    """Write a report or baseline to the path a user gave; OutputError (one line) if it cannot be.

    - a regular file, or a new one: atomically; through a symlink, beside the link's target;
    - a FIFO or character device (`/dev/null`, a terminal): written into, never replaced;
    - `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: this process's descriptor N, as it is;
    - a folder, socket or block device: refused.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        descriptor = _own_descriptor(path)
        if descriptor is not None:
            _write_all(descriptor, payload)
            return
        try:
            status: os.stat_result | None = os.stat(path)  # follows symlinks: the target decides
        except FileNotFoundError:
            status = None  # a new file, or a dangling link whose target is created
        if status is None or stat.S_ISREG(status.st_mode):
            write_atomic(os.path.realpath(path), payload)
        elif stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
            with open(path, "wb") as stream:
                stream.write(payload)
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
