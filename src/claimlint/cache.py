"""A content-addressed on-disk cache, safe under concurrent claimlint processes.

Entries are files named by the hash of (namespace, key), written to a temporary
file and renamed, so readers see a whole entry or none. Anything unreadable or
foreign is treated as a miss and rewritten. Values are JSON, never pickle: a
cache folder someone else wrote cannot run code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from claimlint.fileio import write_atomic

FORMAT = "claimlint-cache-1"


def digest(*parts: str | bytes) -> str:
    """A stable hex key from parts (content hashes, settings)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, namespace: str, key: str) -> Path:
        name = digest(namespace, key)
        return self.directory / namespace / name[:2] / name

    def get(self, namespace: str, key: str) -> Any | None:
        try:
            envelope = json.loads(self._path(namespace, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(envelope, dict) or envelope.get("format") != FORMAT or envelope.get("key") != key:
            return None
        return envelope.get("value")

    def put(self, namespace: str, key: str, value: Any) -> None:
        try:
            write_atomic(self._path(namespace, key), json.dumps({"format": FORMAT, "key": key, "value": value}))
        except OSError:
            pass  # a read-only or full disk costs speed, never a run
