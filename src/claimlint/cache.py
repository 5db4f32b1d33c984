"""A content-addressed on-disk cache, safe under concurrent claimlint processes.

Entries are files named by the hash of (namespace, key), written to a temporary
file and renamed, so readers see a whole entry or none. Anything unreadable or
foreign is treated as a miss and rewritten. Values are JSON, never pickle: a
cache folder someone else wrote cannot run code.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from claimlint.fileio import write_atomic

FORMAT = "claimlint-cache-1"
DEFAULT_FOLDER = ".claimlint_cache"
# Like pytest's and ruff's cache folders: the folder ignores itself, so `git status` stays
# clean after a run without anyone adding it to the project's .gitignore.
GITIGNORE = "# Created by claimlint: a cache, not for version control.\n*\n"


Trie = TypeVar("Trie")


def user_cache_folder(environ: Mapping[str, str], home: Path) -> Path:
    """Where compact dictionaries are kept when the run has no cache folder (--no-cache)."""
    return Path(environ.get("XDG_CACHE_HOME") or home / ".cache") / "claimlint"


def mapped_trie(cache_file: Path | None, empty: Callable[[], Trie], build: Callable[[], Trie]) -> Trie:
    """A marisa trie mapped from `cache_file` when it holds one (`empty()` maps it), else `build()`
    and written there. The file is replaced by renaming, never rewritten in place, so a mapped
    file never changes under a reader; a damaged one is built again."""
    if cache_file is not None and cache_file.is_file():
        try:
            trie = empty()
            trie.mmap(str(cache_file))  # type: ignore[attr-defined]
            return trie
        except Exception:  # noqa: BLE001 - a damaged cache file: build again
            pass
    trie = build()
    if cache_file is not None:
        try:
            write_atomic(cache_file, trie.tobytes())  # type: ignore[attr-defined]
        except OSError:
            pass  # a read-only cache costs the next run the build, nothing else
    return trie


def digest(*parts: str | bytes) -> str:
    """A stable hex key from parts (content hashes, settings)."""
    hasher = hashlib.sha256()
    for part in parts:
        # surrogateescape: a file name that is not UTF-8 is still a key (its own bytes).
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@functools.lru_cache(maxsize=1)  # one stat of each module per process
def code_fingerprint() -> str:
    """Changes whenever claimlint's own code does, so a cache never outlives the code."""
    from claimlint import __version__

    package = Path(__file__).resolve().parent
    stats = sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns) for p in package.rglob("*.py"))
    return digest(__version__, repr(stats))


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, namespace: str, key: str) -> Path:
        """Where the entry `key` of `namespace` is kept (`put`'s envelope, or a file of the caller's own)."""
        name = digest(namespace, key)
        return self.directory / namespace / name[:2] / name

    def get(self, namespace: str, key: str) -> Any | None:
        try:
            envelope = json.loads(self.path(namespace, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(envelope, dict) or envelope.get("format") != FORMAT or envelope.get("key") != key:
            return None
        return envelope.get("value")

    def ensure_folder(self) -> Path:
        """The cache folder, created if need be with a `.gitignore` of `*` inside.

        The `.gitignore` goes only into a folder claimlint creates or one named like the
        default: a `cache-dir` pointing at an existing folder of the project is left alone.
        OSError if it cannot be created.
        """
        created = not self.directory.is_dir()
        if created:
            self.directory.mkdir(parents=True, exist_ok=True)
        ignore = self.directory / ".gitignore"
        if (created or self.directory.name == DEFAULT_FOLDER) and not ignore.exists():
            write_atomic(ignore, GITIGNORE)
        return self.directory

    def put(self, namespace: str, key: str, value: Any) -> None:
        try:
            self.ensure_folder()
            write_atomic(self.path(namespace, key), json.dumps({"format": FORMAT, "key": key, "value": value}))
        except OSError:
            pass  # a read-only or full disk costs speed, never a run
