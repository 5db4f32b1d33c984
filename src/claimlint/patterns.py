"""The only place user regexes are compiled and run.

User patterns use the `regex` module: lookbehind works, and every search runs under
a timeout so a catastrophically backtracking pattern cannot hang a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import regex

DEFAULT_TIMEOUT = 0.5  # seconds per search of one document by one pattern

Pattern = Any  # regex.Pattern[str]; the regex package ships no precise stubs
Match = Any


class PatternTimeout(Exception):
    """A user pattern ran past its time limit."""


class PatternError(ValueError):
    """A user pattern does not compile."""


def phrase_to_regex(token: str) -> str:
    """A rule token: a regex in which a plain space matches any run of white space."""
    return token.replace(" ", r"\s+")


def compile_pattern(source: str, *, ignore_case: bool = True, word_boundaries: bool = True) -> Pattern:
    """Compile one user pattern (or an alternation of tokens), failing with a readable reason."""
    body = f"(?:{source})"
    if word_boundaries:
        # Lookarounds, not \b, so tokens that start or end with punctuation ("#1", "100%") still match.
        body = rf"(?<![\w]){body}(?![\w])"
    flags = regex.IGNORECASE if ignore_case else 0
    try:
        return regex.compile(body, flags)
    except regex.error as error:
        raise PatternError(f"bad regex {source!r}: {error}") from None


def alternation(tokens: Iterable[str], group_prefix: str | None = None) -> str:
    """Join tokens into one alternation; named groups (g0, g1...) tell which token matched."""
    parts = [phrase_to_regex(token) for token in tokens]
    if group_prefix is None:
        return "|".join(f"(?:{part})" for part in parts)
    return "|".join(f"(?P<{group_prefix}{index}>{part})" for index, part in enumerate(parts))


def finditer(pattern: Pattern, text: str, start: int = 0, end: int | None = None, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Match]:
    """All matches in text[start:end]; raises PatternTimeout past `timeout` seconds."""
    try:
        yield from pattern.finditer(text, start, len(text) if end is None else end, timeout=timeout)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def search(pattern: Pattern, text: str, start: int = 0, end: int | None = None, timeout: float = DEFAULT_TIMEOUT) -> Match | None:
    try:
        return pattern.search(text, start, len(text) if end is None else end, timeout=timeout)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None
