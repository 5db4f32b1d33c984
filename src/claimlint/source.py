"""Bytes on disk -> decoded text, or a one-line reason it could not be read."""

from __future__ import annotations

import codecs
import enum
import os
import stat
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class Format(str, enum.Enum):
    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"


_FORMAT_BY_SUFFIX = {
    ".txt": Format.PLAIN,
    ".text": Format.PLAIN,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".mdx": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
}

ARTICLE_SUFFIXES = frozenset(_FORMAT_BY_SUFFIX)


def format_for(path: str) -> Format:
    return _FORMAT_BY_SUFFIX.get(os.path.splitext(path)[1].lower(), Format.PLAIN)


@dataclass(frozen=True, slots=True)
class SourceText:
    path: str
    text: str  # decoded, BOM removed; line endings as in the file
    format: Format
    encoding: str
    had_bom: bool


class ProblemKind(str, enum.Enum):
    UNREADABLE = "unreadable"  # the file could not be read or decoded: exit 3
    SKIPPED = "skipped"  # deliberately not linted (binary, too large): a notice only


@dataclass(frozen=True, slots=True)
class InputProblem:
    path: str
    message: str
    kind: ProblemKind = ProblemKind.UNREADABLE
    line: int = 1  # where decoding failed, for the SYS005 finding

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def decode(path: str, data: bytes, fmt: Format | None = None) -> SourceText | InputProblem:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; else say where it breaks."""
    fmt = fmt or format_for(path)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                return _undecodable(path, data, error, len(bom), encoding)
            if "\x00" in text:  # e.g. UTF-32, whose BOM starts like UTF-16's
                return InputProblem(path, "binary file (contains NUL characters), skipped", ProblemKind.SKIPPED)
            return SourceText(path, text, fmt, encoding, True)
    if b"\x00" in data:
        return InputProblem(path, "binary file (contains NUL bytes), skipped", ProblemKind.SKIPPED)
    try:
        return SourceText(path, data.decode("utf-8"), fmt, "utf-8", False)
    except UnicodeDecodeError as error:
        return _undecodable(path, data, error, 0, "utf-8")


def _undecodable(path: str, data: bytes, error: UnicodeDecodeError, skipped: int, encoding: str) -> InputProblem:
    position = error.start + skipped
    # Count lines in the decoded text before the bad byte, so CR-only files and UTF-16 count right.
    before = data[skipped:position].decode(encoding, errors="replace")
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    label = "UTF-8" if encoding == "utf-8" else encoding.upper()
    return InputProblem(path, f"not {label} (invalid byte 0x{data[position]:02x} at line {line})", line=line)


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | InputProblem:
    """A file's bytes; never raises for a bad file, returns the reason instead."""
    name = str(path)
    try:
        status = os.stat(name)
        if stat.S_ISDIR(status.st_mode):
            return InputProblem(name, "is a directory")
        if not stat.S_ISREG(status.st_mode):  # a FIFO or device would block or never end
            return InputProblem(name, "not a regular file (pipe, socket or device), skipped", ProblemKind.SKIPPED)
        size = status.st_size
        if size > max_bytes:
            return InputProblem(name, f"file is {size} bytes, over the {max_bytes}-byte limit, skipped", ProblemKind.SKIPPED)
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)  # bounded: the file may grow after stat
        if len(data) > max_bytes:
            return InputProblem(name, f"file grew past the {max_bytes}-byte limit while read, skipped", ProblemKind.SKIPPED)
        return data
    except IsADirectoryError:
        return InputProblem(name, "is a directory")
    except PermissionError:
        return InputProblem(name, "permission denied")
    except FileNotFoundError:
        return InputProblem(name, "no such file (broken symlink?)")
    except OSError as error:
        return InputProblem(name, error.strerror or str(error))


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText | InputProblem:
    """Read and decode one article; never raises for a bad file, returns the reason instead."""
    data = read_bytes(path, max_bytes)
    return data if isinstance(data, InputProblem) else decode(str(path), data)
