"""Hunspell dictionaries installed on the machine (Debian: hunspell-en-us, hunspell-en-gb, hunspell-en-med) as one word set.

Found offline in the usual folders (`$DICPATH`, Hunspell's own variable, first). spylls
(Hunspell in pure Python) reads the .aff/.dic files and this module expands each stem
with its affix flags into every form (en_US: 79,000 stems -> 174,000 forms; the medical
list uses en_US's affixes), lower-cased: 364,000 words for en_US + en_GB + medical. spylls
needs seconds for that, and a lookup per word through spylls runs at a few thousand words a
second. So the expanded words are kept in a cache file, a marisa-trie (1 MB) keyed by the
dictionaries' paths, sizes and times, which a run maps into memory in well under a
millisecond (a Python set of the same words took 0.2 s of CPU to build from a file).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimlint.cache import mapped_trie

# Where Hunspell and its packagers put dictionaries (Debian/Ubuntu/Fedora, Homebrew, a user's own).
SEARCH_FOLDERS = ("/usr/share/hunspell", "/usr/local/share/hunspell", "/opt/homebrew/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
# Per language: dictionaries to merge, as (dic name, aff name). The medical list ships without
# affix rules of its own; it is written for en_US's.
DICTIONARIES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("en_US", "en_US"), ("en_GB", "en_GB"), ("en_med_glut", "en_US")),
}
REQUIRED = {"en": "en_US"}  # without it the language has no Hunspell dictionary here
FORMAT = "1"  # bump when the expansion changes, so old cache files are not read


@dataclass(frozen=True)
class Found:
    """The dictionary files of one language found on this machine."""

    language: str
    files: tuple[tuple[Path, Path], ...]  # (.dic, .aff)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dic.stem for dic, _ in self.files)

    def key(self) -> str:
        """Changes when a dictionary is updated or another is installed."""
        parts = [FORMAT]
        for dic, aff in self.files:
            for path in (dic, aff):
                stat = path.stat()
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def search_folders(environ: Mapping[str, str]) -> list[Path]:
    extra = [Path(part) for part in environ.get("DICPATH", "").split(os.pathsep) if part]
    return [*extra, *(Path(folder) for folder in SEARCH_FOLDERS)]


def find(language: str, environ: Mapping[str, str]) -> Found | None:
    """The language's dictionaries on this machine, or None when its main one is missing."""
    folders = search_folders(environ)
    files = []
    for dic_name, aff_name in DICTIONARIES.get(language, ()):
        dic = next((folder / f"{dic_name}.dic" for folder in folders if (folder / f"{dic_name}.dic").is_file()), None)
        aff = next((folder / f"{aff_name}.aff" for folder in folders if (folder / f"{aff_name}.aff").is_file()), None)
        if dic is not None and aff is not None:
            files.append((dic, aff))
    found = Found(language, tuple(files))
    return found if REQUIRED.get(language) in found.names else None


def load(found: Found, cache_folder: Path | None) -> Container[str]:
    """Every word form of the dictionaries, lower-cased: mapped from the cache file when it is
    there, else expanded (and cached). Supports `word in words`."""
    import marisa_trie  # a compiled module without type stubs

    cache_file = cache_folder / f"hunspell-{found.language}-{found.key()}.marisa" if cache_folder is not None else None
    trie: Container[str] = mapped_trie(cache_file, marisa_trie.Trie, lambda: marisa_trie.Trie(sorted(expand(found))))
    return trie


def expand(found: Found) -> frozenset[str]:
    """Read the dictionaries with spylls and expand each stem by its affix flags."""
    from spylls.hunspell.readers import read_aff, read_dic  # seconds to read; only on a cache miss
    from spylls.hunspell.readers.file_reader import FileReader

    affixes: dict[Path, Any] = {}
    words: set[str] = set()
    for dic_path, aff_path in found.files:
        if aff_path not in affixes:
            affixes[aff_path] = read_aff(FileReader(str(aff_path)))
        aff, context = affixes[aff_path]
        dic = read_dic(FileReader(str(dic_path), encoding=context.encoding), aff=aff, context=context)
        for word in dic.words:
            if " " in word.stem:  # the medical list's indented header lines, multi-word entries
                continue
            words.update(form.lower() for form in forms(aff, word.stem, word.flags))
    return frozenset(words)


def forms(aff: Any, stem: str, flags: Iterable[str]) -> set[str]:
    """`stem` and what its suffix and prefix flags make of it (with cross products), as Hunspell would accept."""
    flags = tuple(flags)
    result = {stem}
    suffixed = []
    for flag in flags:
        for suffix in aff.SFX.get(flag, ()):
            if stem.endswith(suffix.strip) and suffix.cond_regexp.search(stem):
                form = stem[: len(stem) - len(suffix.strip)] + suffix.add
                result.add(form)
                suffixed.append((form, suffix.crossproduct))
    for flag in flags:
        for prefix in aff.PFX.get(flag, ()):
            if stem.startswith(prefix.strip) and prefix.cond_regexp.search(stem):
                result.add(prefix.add + stem[len(prefix.strip) :])
                if prefix.crossproduct:
                    result.update(prefix.add + form[len(prefix.strip) :] for form, cross in suffixed if cross)
    return result
