"""The only place user regexes are compiled and run.

User patterns use the `regex` module: lookbehind works, and every search runs under
a timeout so a catastrophically backtracking pattern cannot hang a run.

Speed: most text matches no rule, so each pattern gets a *prefilter* when one can be
derived: the set of short literal texts any match must start with. A document's
SearchText indexes where its tokens start, by their first characters, in one pass; each
pattern is then tried only at the few tokens that start with one of its prefixes. The
matches are exactly those of a plain `finditer`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

DEFAULT_TIMEOUT = 0.5  # seconds per search of one document by one pattern

Match = Any  # regex.Match[str]; the regex package ships no precise stubs

_PREFIX_LENGTH = 4  # literal prefixes this long are selective enough
_MAX_PREFIXES = 400  # past this, a literal search gains little over the pattern itself


class PatternTimeout(Exception):
    """A user pattern ran past its time limit."""


class PatternError(ValueError):
    """A user pattern does not compile."""


@dataclass(frozen=True)
class Pattern:
    """A compiled user pattern and, when derivable, the literal texts its matches start with."""

    compiled: Any  # regex.Pattern[str]
    prefixes: tuple[str, ...] | None  # lower case when ignore_case; None: no prefilter
    ignore_case: bool = True
    # A built-in rule's pattern: written and tested with claimlint to take time linear in the
    # text, so its limit grows with the text searched (see `limit`) and a long file is slow,
    # never stopped. A user's pattern keeps the plain limit: it may backtrack.
    linear: bool = False

    @property
    def pattern(self) -> str:
        return str(self.compiled.pattern)

    def limit(self, timeout: float, length: int) -> float:
        """Seconds one search of `length` characters may take."""
        return timeout * max(1.0, length / LINEAR_CHARS_PER_TIMEOUT) if self.linear else timeout


# A linear pattern gets one `timeout` per this many characters searched: the slowest built-in
# trigger (CLM108) took 4.2 s CPU on a 4.8 MB one-line file, one 0.5 s limit per 0.57 MB, so
# this leaves ten times that for a loaded machine.
LINEAR_CHARS_PER_TIMEOUT = 50_000


_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass
class SearchText:
    """Text plus, built on first use, where each token starts, keyed by its first four characters.

    Built once per document and shared by every pattern run on it: one pass over the text
    instead of one per pattern.
    """

    text: str
    _heads: dict[str, list[int]] | None = field(default=None, repr=False)
    _sorted_heads: list[str] = field(default_factory=list, repr=False)
    _candidates: dict[tuple[str, ...], list[int]] = field(default_factory=dict, repr=False)

    @property
    def indexable(self) -> bool:
        """False for the rare text whose lower case differs in length ("İ"): offsets would not line up."""
        return bool(self._index())

    def candidates(self, prefixes: tuple[str, ...], start: int, end: int) -> list[int]:
        """Sorted token starts in [start, end) that begin with any of `prefixes` (merged once per pattern)."""
        merged = self._candidates.get(prefixes)
        if merged is None:
            heads = self._index()
            keys = self._sorted_heads
            found: set[int] = set()
            for prefix in prefixes:
                # Every head that starts with the prefix: a contiguous run of the sorted keys.
                first = bisect.bisect_left(keys, prefix)
                for key in keys[first : bisect.bisect_left(keys, prefix + "\U0010ffff", first)]:
                    found.update(heads[key])
            merged = self._candidates[prefixes] = sorted(found)
        return merged[bisect.bisect_left(merged, start) : bisect.bisect_left(merged, end)]

    def _index(self) -> dict[str, list[int]]:
        if self._heads is None:
            lowered = self.text.lower()
            heads: defaultdict[str, list[int]] = defaultdict(list)
            if len(lowered) == len(self.text):
                for token in _TOKEN.finditer(lowered):
                    position = token.start()
                    heads[lowered[position : position + _PREFIX_LENGTH]].append(position)
            self._heads = dict(heads)
            self._sorted_heads = sorted(self._heads)
        return self._heads


def phrase_to_regex(token: str) -> str:
    """A rule token: a regex in which a plain space matches any run of white space."""
    return token.replace(" ", r"\s+")


def compile_pattern(source: str, *, ignore_case: bool = True, word_boundaries: bool = True, linear: bool = False) -> Pattern:
    """Compile one user pattern (or an alternation of tokens), failing with a readable reason."""
    body = f"(?:{source})"
    if word_boundaries:
        # Lookarounds, not \b, so tokens that start or end with punctuation ("#1", "100%") still match.
        body = rf"(?<![\w]){body}(?![\w])"
    flags = regex.IGNORECASE if ignore_case else 0
    compiled = _compile_guarded(source, body, flags)
    # Only a word-bounded pattern starts where a token starts, which is what SearchText indexes.
    return Pattern(compiled, _prefixes(body, ignore_case) if word_boundaries else None, ignore_case, linear)


def compile_tokens(
    tokens: Sequence[str],
    *,
    ignore_case: bool = True,
    word_boundaries: bool = True,
    group_prefix: str | None = None,
    linear: bool = False,
) -> Pattern:
    """One pattern for a rule's token list; on error, the message names the bad token."""
    try:
        return compile_pattern(alternation(tokens, group_prefix), ignore_case=ignore_case, word_boundaries=word_boundaries, linear=linear)
    except PatternError:
        for token in tokens:  # only now, one at a time, to say which token is wrong
            _compile_guarded(token, phrase_to_regex(token), 0)
        raise


# `regex` unrolls counted repeats: (?:(?:a{100}){100}){100} took 440 MB to compile, one level
# more was killed for memory. Nested counts multiplying past this are refused at load.
MAX_REPEAT_PRODUCT = 100_000
_COUNTED_REPEAT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")


def _compile_guarded(source: str, body: str, flags: int) -> Any:
    """regex.compile, refusing what would exhaust memory or the stack, with a readable reason."""
    source = source if len(source) <= 80 else source[:77] + "..."  # the message stays one short line
    product = _repeat_product(body)
    if product > MAX_REPEAT_PRODUCT:
        raise PatternError(f"bad regex {source!r}: nested counted repeats multiply to {product} (at most {MAX_REPEAT_PRODUCT}); simplify it")
    try:
        return regex.compile(body, flags)
    except regex.error as error:
        raise PatternError(f"bad regex {source!r}: {error}") from None
    except (RecursionError, OverflowError, MemoryError):
        raise PatternError(f"bad regex {source!r}: too deeply nested or too large to compile") from None


def _repeat_product(source: str) -> int:
    """The largest product of nested counted repeats ({m}, {m,n}, {m,}) in a pattern."""
    inside = [1]  # per open group: the largest weight found inside it
    last = 1  # weight of the atom just before `position`
    position = 0
    while position < len(source):
        char = source[position]
        if char == "\\":
            position, last = position + 2, 1
            continue
        if char == "[":  # a character class is one atom; ']' first in it is literal
            position += 1
            position += source.startswith("^", position)
            position += source.startswith("]", position)
            while position < len(source) and source[position] != "]":
                position += 2 if source[position] == "\\" else 1
            position, last = position + 1, 1
            continue
        repeat = _COUNTED_REPEAT.match(source, position) if char == "{" else None
        if repeat and (repeat.group(1) or repeat.group(2)):
            last *= max(int(repeat.group(1) or 0), int(repeat.group(2) or 0), 1)
            inside[-1] = max(inside[-1], last)
            position = repeat.end()
            continue
        if char == "(":
            inside.append(1)
            last = 1
        elif char == ")" and len(inside) > 1:
            last = inside.pop()
            inside[-1] = max(inside[-1], last)
        else:
            last = 1
        position += 1
    return max(inside)


def alternation(tokens: Sequence[str], group_prefix: str | None = None) -> str:
    """Join tokens into one alternation; named groups (g0, g1...) tell which token matched."""
    parts = [phrase_to_regex(token) for token in tokens]
    if group_prefix is None:
        return "|".join(f"(?:{part})" for part in parts)
    return "|".join(f"(?P<{group_prefix}{index}>{part})" for index, part in enumerate(parts))


def finditer(
    pattern: Pattern, text: str | SearchText, start: int = 0, end: int | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[Match]:
    """All matches in text[start:end], exactly as `finditer` gives them; PatternTimeout past `timeout` seconds.

    Given a SearchText, the pattern is tried only where a token starts with one of its prefixes.
    Each call has its own limit: a pattern stopped on one text runs in full on the next.
    """
    plain = text.text if isinstance(text, SearchText) else text
    end = len(plain) if end is None else end
    timeout = pattern.limit(timeout, end - start)
    try:
        if pattern.prefixes is None or not isinstance(text, SearchText) or not pattern.ignore_case or not text.indexable:
            yield from pattern.compiled.finditer(plain, start, end, timeout=timeout)
            return
        candidates = text.candidates(pattern.prefixes, start, end)
        match_at = pattern.compiled.match
        position = start
        for candidate in candidates:
            if candidate < position:
                continue  # inside the previous match
            found = match_at(plain, candidate, end, timeout=timeout)
            if found is not None:
                yield found
                position = max(found.end(), candidate + 1)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def finditer_ranges(
    pattern: Pattern, text: SearchText, ranges: Sequence[tuple[int, int]], timeout: float = DEFAULT_TIMEOUT
) -> Iterator[Match]:
    """Matches within each of the sorted, disjoint `ranges` (blocks), as finditer on each range gives them.

    With a prefilter, the candidates of the whole text are walked once instead of once per range.
    """
    if pattern.prefixes is None or not pattern.ignore_case or not text.indexable or not ranges:
        for start, end in ranges:
            yield from finditer(pattern, text.text, start, end, timeout)
        return
    starts = [start for start, _ in ranges]
    match_at = pattern.compiled.match
    position = 0
    try:
        for candidate in text.candidates(pattern.prefixes, ranges[0][0], ranges[-1][1]):
            if candidate < position:
                continue
            index = bisect.bisect_right(starts, candidate) - 1
            if index < 0 or candidate >= ranges[index][1]:
                continue  # between ranges
            found = match_at(text.text, candidate, ranges[index][1], timeout=pattern.limit(timeout, ranges[index][1] - ranges[index][0]))
            if found is not None:
                yield found
                position = max(found.end(), candidate + 1)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def span_at(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of sorted, disjoint `spans` (one pattern's matches) that contains `offset`."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return None


def search(pattern: Pattern, text: str | SearchText, start: int = 0, end: int | None = None, timeout: float = DEFAULT_TIMEOUT) -> Match | None:
    return next(finditer(pattern, text, start, end, timeout), None)


# Deriving prefilters. A pattern is parsed with the standard library's own parser; what it
# cannot parse (regex-only syntax) or cannot bound (a match may start with any character)
# gets no prefilter and runs as a plain search.

_Item = tuple[str, bool]  # (literal text so far, closed: nothing known may follow)


@functools.lru_cache(maxsize=1024)  # pure: rules are validated at load, then built again for the run
def _prefixes(source: str, ignore_case: bool) -> tuple[str, ...] | None:
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef,unused-ignore]
    try:
        parsed = parser.parse(source, re.IGNORECASE if ignore_case else 0)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    prefixes = _sequence(list(parsed), _constants())
    # A prefix starting with white space would start between tokens, which are not indexed.
    if prefixes is None or any(not text or text[0].isspace() for text, _ in prefixes):
        return None
    return tuple(sorted({text.lower() if ignore_case else text for text, _ in prefixes}))


def _constants() -> Any:
    try:
        from re import _constants as constants  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants  # type: ignore[no-redef,unused-ignore]
    return constants


def _sequence(items: list[Any], c: Any) -> set[_Item] | None:
    """Literal starts of every match of a sequence of parsed items; None when unbounded."""
    results: set[_Item] = {("", False)}
    for op, argument in items:
        if all(closed or len(text) >= _PREFIX_LENGTH for text, closed in results):
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: consumes nothing
        options = _item(op, argument, c)
        if options is None:
            results = {(text, True) for text, _ in results}
            break
        extended: set[_Item] = set()
        for text, closed in results:
            if closed or len(text) >= _PREFIX_LENGTH:
                extended.add((text, closed))
                continue
            for option, option_closed in options:
                joined = (text + option)[:_PREFIX_LENGTH]
                extended.add((joined, option_closed or len(joined) >= _PREFIX_LENGTH))
        if len(extended) > _MAX_PREFIXES:
            return None
        results = extended
    return results


def _item(op: Any, argument: Any, c: Any) -> set[_Item] | None:
    if op is c.LITERAL:
        return {(chr(argument), False)}
    if op is c.IN:
        characters = []
        for kind, value in argument:
            if kind is not c.LITERAL:
                return None
            characters.append(chr(value))
        return {(char, False) for char in characters} if len(characters) <= 12 else None
    if op is c.SUBPATTERN:
        return _sequence(list(argument[-1]), c)
    if op is c.BRANCH:
        union: set[_Item] = set()
        for branch in argument[1]:
            options = _sequence(list(branch), c)
            if options is None:
                return None
            union |= options
        return union
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, body = argument
        options = _sequence(list(body), c)
        if options is None:
            return {("", True)} if low == 0 else None
        repeated = {(text, True) for text, _ in options}  # what follows one repetition is unknown
        return repeated | {("", False)} if low == 0 else repeated
    return None
