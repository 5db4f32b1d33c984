"""The only place user regexes are compiled and run.

User patterns use the `regex` module: lookbehind works, and every search runs under
a timeout so a catastrophically backtracking pattern cannot hang a run.

Speed: most text matches no rule, so each pattern gets a *prefilter* when one can be
derived: the set of short literal texts any match must start with. A document's
SearchText indexes where its tokens start, by their first characters, in one pass; each
pattern is then tried only at the few tokens that start with one of its prefixes. The
matches are exactly those of a plain `finditer`.

Compiling is lazy: `regex`'s compiler is pure Python, and a rule's trigger list compiled as
one alternation cost tens of milliseconds. A token list is kept as its alternatives, each
compiled the first time a document has a candidate for it; at a candidate the alternatives
whose prefixes fit are tried in their order, and the first to match is the match, as the
alternation's `match` gives it (an alternation tries its branches in order, each with the
word-boundary lookarounds that follow it). A rule file validated before (`Vetted`, from the
rule-data cache) is not compiled at load at all.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

DEFAULT_TIMEOUT = 0.5  # seconds per search of one document by one pattern

Match = Any  # regex.Match[str]; the regex package ships no precise stubs

_PREFIX_LENGTH = 4  # literal prefixes this long are selective enough
# At a candidate, a token is tried only if one of its *long* prefixes starts the text there, read
# with every run of white space as one space: "the best" for `the\s+best`, where the index's key
# is "the " (a short word and a space made a fifth of all claim candidates on claims-dev).
_LONG_PREFIX_LENGTH = 12
_MAX_PREFIXES = 400  # past this, a literal search gains little over the pattern itself


class LazyRegex:
    """A regex of claimlint's own, compiled on first use instead of at import.

    `regex`'s compiler is pure Python: the claim pack's modules spent about 0.15 s per process
    compiling theirs at import, which a run whose files all hit the results cache never needs.
    Any attribute (`search`, `finditer`, `pattern`...) is the compiled pattern's, kept once read.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(_compiled(self._source, self._flags), name)
        self.__dict__[name] = value  # read from the instance from now on, without this call
        return value


def lazy_regex(source: str, flags: int = 0) -> Any:
    """`regex.compile(source, flags)`, done when the pattern is first used."""
    return LazyRegex(source, flags)


class BranchSearch:
    """One of claimlint's own regexes searched as its top-level branches, each compiled alone (on
    first use): `search` gives the whole regex's match. The whole regex's leftmost match starts where
    the earliest branch match starts, and at one start the alternation takes the first branch in order
    that matches there, as that branch's own search does. `regex` searched the 12 branches of the claim
    rules' source regex (hedging._SOURCE) one at a time in 0.4 of the time it took as one alternation:
    alone, a branch is skipped fast to where its first characters occur."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    @functools.cached_property
    def branches(self) -> tuple[Any, ...]:
        return tuple(_compiled(branch, self._flags) for branch in _top_level_branches(self._source, bool(self._flags & regex.VERBOSE)))

    @functools.cached_property
    def _needs(self) -> tuple[tuple[str, ...], tuple[tuple[frozenset[str], ...], ...]]:
        """Every literal some branch requires, and each branch's required sets (required_literals):
        a branch with a set none of whose texts occur cannot match, and is not searched."""
        verbose = bool(self._flags & regex.VERBOSE)
        required = [required_literals(branch, verbose) for branch in _top_level_branches(self._source, verbose)]
        literals = tuple(sorted({option for sets in required for options in sets for option in options}))
        return literals, tuple(tuple(frozenset(options) for options in sets) for sets in required)

    def search(self, text: str, position: int = 0) -> Match | None:
        best: Match | None = None
        literals, needs = self._needs
        # Which literals occur, tested once in the folded text, costs a fraction of the search
        # calls it saves: most of the claim pack's sentences hold none of most branches' literals.
        if text.isascii() or all(_text_safe(char) for char in set(_NON_ASCII.findall(text))):
            folded = text.casefold()
            present = frozenset(literal for literal in literals if literal in folded)
            searched = [branch for branch, sets in zip(self.branches, needs) if all(not present.isdisjoint(options) for options in sets)]
        else:
            searched = list(self.branches)
        for branch in searched:
            found = branch.search(text, position)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best


class PatternTimeout(Exception):
    """A user pattern ran past its time limit."""


class PatternError(ValueError):
    """A user pattern does not compile."""


Prefixes = tuple[str, ...] | None  # lower case when ignore_case; None: no prefilter


@dataclass(frozen=True)
class Alternative:
    """One token of a token list, as its own word-bounded pattern (compiled on first use)."""

    source: str
    prefixes: Prefixes  # None: may start at any token, looked for with `Pattern.rest`
    verbose: bool = False  # written with regex.VERBOSE (split_alternation)
    known_required: Required | None = None  # from the rule-data cache (Vetted); None: derived on first use
    known_long: tuple[Prefixes] | None = None  # (long prefixes,) from the rule-data cache; None: derived on first use

    @functools.cached_property
    def required(self) -> Required:
        return self.known_required if self.known_required is not None else required_literals(self.source, self.verbose)

    @functools.cached_property
    def long_prefixes(self) -> Prefixes:
        """Case-folded texts, white-space runs as one space, that every match starts with, up to
        _LONG_PREFIX_LENGTH long (None: none known beyond `prefixes`)."""
        if self.known_long is not None:
            return self.known_long[0]
        return _long_prefixes(self.source, self.verbose) if self.prefixes is not None else None

    @functools.cached_property
    def long_check(self) -> tuple[str, ...] | None:
        """The long prefixes, when one tells more than the short prefixes do."""
        longs = self.long_prefixes
        return longs if longs is not None and any(len(text) > _PREFIX_LENGTH for text in longs) else None


@dataclass(frozen=True)
class Pattern:
    """A user pattern, compiled on first use, and, when derivable, the literal texts its matches start with."""

    source: str  # the whole regex, as `compiled` compiles it
    prefixes: Prefixes  # of the whole pattern or, split, of the alternatives that have prefixes
    ignore_case: bool = True
    # A built-in rule's pattern: written and tested with claimlint to take time linear in the
    # text, so its limit grows with the text searched (see `limit`) and a long file is slow,
    # never stopped. A user's pattern keeps the plain limit: it may backtrack.
    linear: bool = False
    # A token list split into its tokens, in order (see the module's docstring); empty: the
    # whole pattern is tried. `rest` joins the alternatives without prefixes, to find where one
    # of them may match.
    alternatives: tuple[Alternative, ...] = ()
    rest: str | None = None
    other_flags: int = 0  # beyond IGNORECASE: claimlint's own regexes (split_alternation)
    known_required: Required | None = None  # from the rule-data cache (Vetted); None: derived on first use

    @functools.cached_property
    def flags(self) -> int:
        # A plain int: `regex`'s flags are an enum whose `|` cost more than the match calls it served.
        return int(regex.IGNORECASE if self.ignore_case else 0) | int(self.other_flags)

    @property
    def compiled(self) -> Any:  # regex.Pattern[str]
        return _compiled(self.source, self.flags)

    @property
    def pattern(self) -> str:
        return self.source

    def limit(self, timeout: float | None, length: int) -> float | None:
        """Seconds one search of `length` characters may take (None: no limit)."""
        if timeout is None:
            return None
        return timeout * max(1.0, length / LINEAR_CHARS_PER_TIMEOUT) if self.linear else timeout

    @functools.cached_property
    def required(self) -> Required:
        """Of the whole pattern (a split one's tokens have their own: `live_in`)."""
        if self.known_required is not None:
            return self.known_required
        return required_literals(self.source, bool(self.other_flags & regex.VERBOSE))

    def live_in(self, text: SearchText) -> Live:
        """The alternatives that can match in `text`: those whose required literals all occur in it."""
        key = (self.source, self.flags)
        live = text.live.get(key)
        if live is None:
            found: defaultdict[str, list[int]] = defaultdict(list)
            unprefixed = []
            for index, alternative in enumerate(self.alternatives):
                if not text.holds(alternative.required):
                    continue
                if alternative.prefixes is None:
                    unprefixed.append(index)
                for prefix in alternative.prefixes or ():
                    found[prefix].append(index)
            by_prefix = {prefix: tuple(indexes) for prefix, indexes in found.items()}
            live = text.live[key] = Live(tuple(sorted(by_prefix)), by_prefix, frozenset(unprefixed), {})
        return live

    def _match_at(self, searched: SearchText, head: str, position: int, end: int, timeout: float | None, unprefixed: bool, live: Live) -> Match | None:
        """The whole alternation's `match` at `position`: the first alternative, in order, that matches.

        Only live alternatives (`live_in`) with a prefix that `head` (the case-folded text at
        `position`) starts with can match there, and, when `unprefixed`, those without prefixes;
        of those, only the ones whose required literals occur in [position, end). Several viable
        ones are tried as the alternation of all that fit the head (compiled once per such set; the
        others cannot match, so the first match is the same).
        """
        entry = live.fitting.get((head, unprefixed))
        if entry is None:
            by_prefix = live.by_prefix
            fitting: set[int] = set(live.unprefixed) if unprefixed else set()
            for length in range(1, len(head) + 1):
                fitting.update(by_prefix.get(head[:length], ()))
            entry = live.fitting[(head, unprefixed)] = self._fitting_entry(tuple(sorted(fitting)))
        key, checks = entry
        if not key:
            return None
        alternatives = self.alternatives
        # Only an alternative whose long prefix starts the text here (if it has one) and whose
        # required literals all occur between here and `end` can match here.
        # Whether they do is one comparison with the last start from which they all still do (`reach`),
        # found once per alternative and block: a block meets the same alternatives at many candidates.
        reaches = live.reaches
        long_head = searched.long_head(position) if checks else ""
        viable = []
        for index, longs in zip(key, checks) if checks else zip(key, _NO_CHECKS * len(key)):
            if longs is not None and not long_head.startswith(longs):
                continue
            reach = reaches.get((index, end))
            if reach is None:
                reach = reaches[(index, end)] = searched.reach(alternatives[index].required, end)
            if position <= reach:
                viable.append(index)
        text = searched.text
        if not viable:
            return None
        if len(viable) == 1:
            return _compiled(alternatives[viable[0]].source, self.flags).match(text, position, end, timeout=timeout)
        tried = self._tried
        tried[0] += 1
        if tried[0] <= _ONE_BY_ONE:
            flags = self.flags
            for index in viable:
                found = _compiled(self.alternatives[index].source, flags).match(text, position, end, timeout=timeout)
                if found is not None:
                    return found
            return None
        # The fitting alternatives as one alternation, in their order: one `match` call (each
        # costs the timeout's set-up) gives the first of them that matches, as trying them in turn would.
        source = self._subsets.get(key)
        if source is None:
            source = self._subsets[key] = "|".join(f"(?:{self.alternatives[index].source})" for index in key) if len(key) > 1 else self.alternatives[key[0]].source
        return _compiled(source, self.flags).match(text, position, end, timeout=timeout)

    def _fitting_entry(self, key: tuple[int, ...]) -> Fitting:
        """The fitting alternatives and, for each, the long prefixes to check at a candidate (None:
        nothing beyond the short prefix that made it fit); no checks at all when none has any."""
        alternatives = self.alternatives
        checks = tuple(alternatives[index].long_check for index in key)
        return key, (checks if any(check is not None for check in checks) else ())

    @functools.cached_property
    def _subsets(self) -> dict[tuple[int, ...], str]:
        """Fitting alternatives (by index) -> their alternation, built once per set."""
        return {}

    @functools.cached_property
    def _tried(self) -> list[int]:
        """How many candidates this pattern has been tried at in this process (see _ONE_BY_ONE)."""
        return [0]


# The alternatives that fit a head (by index) and each one's long prefixes to check, or () when none has any.
Fitting = tuple[tuple[int, ...], tuple[tuple[str, ...] | None, ...]]
_NO_CHECKS: tuple[None] = (None,)


@dataclass(frozen=True)
class Live:
    """A split pattern's alternatives that can match in one document, by prefix (see Pattern.live_in)."""

    prefixes: tuple[str, ...]
    by_prefix: dict[str, tuple[int, ...]]
    unprefixed: frozenset[int]
    fitting: dict[tuple[str, bool], Fitting]  # (head, at a `rest` match) -> the alternatives to try, filled as met
    reaches: dict[tuple[int, int], int] = field(default_factory=dict)  # (alternative, block end) -> SearchText.reach, filled as met


# A pattern's first candidates in a process try the fitting alternatives one at a time (each
# compiled once: what one article needs); past this many, each set of fitting alternatives is
# compiled as one alternation (one call per candidate: what a large run needs).
_ONE_BY_ONE = 2_000


@functools.lru_cache(maxsize=None)  # pure; a pattern is compiled once per process, when first needed
def _compiled(source: str, flags: int) -> Any:
    # regex.error here (not at load) only for a pattern vetted by a damaged rule-data cache:
    # the engine makes it a SYS002 finding, as for any crashing rule.
    return regex.compile(source, flags)


@dataclass(frozen=True)
class Vetted:
    """A rule file's patterns as an earlier load compiled and checked them (the rule-data cache,
    keyed by the file's content and claimlint's code): each pattern body's prefixes. A vetted
    build compiles nothing; `learn` collects the same table from freshly built patterns."""

    prefixes: Mapping[str, Prefixes]
    # Each rule pattern's (or token's) required literals: deriving them parses every token, a
    # fifth of a one-article run's time; an entry missing here is derived on first use.
    required: Mapping[str, Required] = field(default_factory=dict)

    def prefixes_of(self, body: str, ignore_case: bool) -> Prefixes:
        key = _fact_key(body, ignore_case)
        return self.prefixes[key] if key in self.prefixes else _prefixes(body, ignore_case)

    def required_of(self, body: str) -> Required | None:
        return self.required.get(body)

    def long_of(self, body: str) -> tuple[Prefixes] | None:
        key = _LONG_KEY + body
        return (self.prefixes[key],) if key in self.prefixes else None


def _fact_key(body: str, ignore_case: bool) -> str:
    return ("i:" if ignore_case else "c:") + body


_LONG_KEY = "l:"  # a split token's long prefixes, in Vetted.prefixes (ignoring case: only then are they used)


def learn(values: object) -> Vetted:
    """The prefixes and required literals of every Pattern in `values` (checks, walked through
    their fields): what a later build from the rule-data cache is given."""
    prefixes: dict[str, Prefixes] = {}
    required: dict[str, Required] = {}
    for pattern in patterns_in(values):
        if not pattern.alternatives:  # a split pattern's prefixes are its alternatives', not the whole's
            prefixes[_fact_key(pattern.source, pattern.ignore_case)] = pattern.prefixes
            required[pattern.source] = pattern.required
        for alternative in pattern.alternatives:
            prefixes[_fact_key(alternative.source, pattern.ignore_case)] = alternative.prefixes
            required[alternative.source] = alternative.required
            prefixes[_LONG_KEY + alternative.source] = alternative.long_prefixes
    return Vetted(prefixes, required)


def patterns_in(values: object) -> Iterator[Pattern]:
    """Every Pattern in `values` (checks, walked through their fields), each once."""
    stack = [values]
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, Pattern):
            yield value
        elif isinstance(value, (tuple, list, set, frozenset)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif hasattr(value, "__dataclass_fields__"):
            stack.extend(getattr(value, name) for name in value.__dataclass_fields__)


def compile_all(values: object, modules: Iterable[object] = ()) -> None:
    """Compile now what would be compiled on first use: every Pattern in `values`, whole and each
    alternative, and the LazyRegex and BranchSearch constants of `modules`. For a process that
    forks a child per command (the resident process): each child then finds them compiled."""
    for pattern in patterns_in(values):
        for source in (pattern.source, *(alternative.source for alternative in pattern.alternatives)):
            _compiled(source, pattern.flags)
        for alternative in pattern.alternatives:
            alternative.long_check  # noqa: B018 - derived on first read (a parse), kept on the alternative
        if pattern.rest is not None:
            _compiled(pattern.rest, pattern.flags)
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, LazyRegex):
                value.pattern  # noqa: B018 - reading any attribute compiles it
            elif isinstance(value, BranchSearch):
                value.search("")  # compiles its branches and derives their literals


# A linear pattern gets one `timeout` per this many characters searched: the slowest built-in
# trigger (CLM108) took 4.2 s CPU on a 4.8 MB one-line file, one 0.5 s limit per 0.57 MB, so
# this leaves ten times that for a loaded machine.
LINEAR_CHARS_PER_TIMEOUT = 50_000


_TOKEN = re.compile(r"\w+|[^\w\s]")
# White space other than the space itself (`re`'s \s is str.isspace, which holds every character
# `regex`'s \s matches: tests/unit/test_patterns.py).
_OTHER_WHITESPACE = re.compile(r"[^\S ]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACE_RUN = re.compile(r"  +")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _cases(char: str) -> tuple[str, ...] | None:
    """The characters `regex` matches `char` with when ignoring case; None if it cannot say."""
    try:
        from regex import _regex  # the case table `regex` matches by (no public way to read it)

        get_all_cases: Any = getattr(_regex, "get_all_cases")
        return tuple(chr(code) for code in get_all_cases(regex.IGNORECASE, ord(char)))
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - another regex release
        return None


@functools.lru_cache(maxsize=4096)  # pure: one answer per character
def _text_safe(char: str) -> bool:
    """A character of a text whose case folding is one character, that of each of its case variants."""
    folded = char.casefold()
    cases = _cases(char)
    # Not a digit either: prefixes read \d as 0-9, and `regex`'s \d matches every decimal digit.
    # And a word character for `regex` exactly when for `re` (which finds the token starts): "²" is
    # one for `re` only, so "cm²cures" holds no token start where `regex` sees a word start.
    word = re.match(r"\w", char) is not None
    return (
        len(folded) == 1
        and regex.match(r"\d", char) is None
        and word == (regex.match(r"\w", char) is not None) == (re.match(r"\w", folded) is not None)
        and cases is not None
        and all(case.casefold() == folded for case in cases)
    )


@functools.lru_cache(maxsize=4096)  # pure: one answer per character
def _pattern_safe(char: str) -> bool:
    """A literal character of a pattern whose every case variant in a `foldable` text folds as it does."""
    cases = _cases(char)
    if cases is None:
        return char.isascii()
    folded = char.casefold()
    return all(case.casefold() == folded or not (case.isascii() or _text_safe(case)) for case in cases)


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
    _present: dict[str, bool] = field(default_factory=dict, repr=False)
    _occurrences: dict[str, list[int]] = field(default_factory=dict, repr=False)
    live: dict[tuple[str, int], Live] = field(default_factory=dict, repr=False)  # by pattern (Pattern.live_in)

    def holds(self, required: Required) -> bool:
        """Whether one text of each set of `required` (required_literals) occurs in the text (or may: see `foldable`)."""
        if not required or not self.foldable:
            return True
        present = self._present
        for options in required:
            for option in options:
                found = present.get(option)
                if found is None:
                    # A literal of letters only lies inside one run of letters: searched among the text's distinct
                    # runs (on claims-dev about half the text; a site's repeated page far less), not the whole text.
                    found = present[option] = option in (self._letter_runs if option.isalpha() else self.folded)
                if found:
                    break
            else:
                return False
        return True

    def holds_within(self, required: Required, start: int, end: int) -> bool:
        """Whether one text of each set of `required` occurs inside [start, end) (a foldable text only)."""
        for options in required:
            for option in options:
                found = self._occurrences.get(option)
                if found is None:
                    found = self._occurrences[option] = self._find_all(option)
                index = bisect.bisect_left(found, start)
                if index < len(found) and found[index] + len(option) <= end:
                    break
            else:
                return False
        return True

    def reach(self, required: Required, end: int) -> int:
        """The last start from which one text of each set of `required` occurs before `end` (-1: from
        none): holds_within(required, start, end) is `start <= reach(required, end)` (a foldable text only)."""
        reach = len(self.text)
        for options in required:
            last = -1
            for option in options:
                found = self._occurrences.get(option)
                if found is None:
                    found = self._occurrences[option] = self._find_all(option)
                index = bisect.bisect_right(found, end - len(option)) - 1
                if index >= 0 and found[index] > last:
                    last = found[index]
            reach = min(reach, last)
            if reach < 0:
                return -1
        return reach

    def _find_all(self, option: str) -> list[int]:
        """Where `option` starts in the folded text (overlapping occurrences too)."""
        folded, found = self.folded, []
        if not any(option.startswith(option[-length:]) for length in range(1, len(option))):
            # No two occurrences can overlap: the starts follow from the pieces `split` leaves,
            # summed in C (a literal like "the " occurs thousands of times in an article).
            size = len(option)
            pieces = folded.split(option)
            return list(itertools.accumulate(map(size.__add__, map(len, pieces[:-1])), initial=-size))[1:]
        position = folded.find(option)
        while position >= 0:
            found.append(position)
            position = folded.find(option, position + 1)
        return found

    @functools.cached_property
    def foldable(self) -> bool:
        """Whether case folding tells where `regex` may match ignoring case: every character
        folds to one character, as all its case variants do (not so: "İ", "ı", "ß")."""
        return self.text.isascii() or all(_text_safe(char) for char in set(_NON_ASCII.findall(self.text)))

    @functools.cached_property
    def folded(self) -> str:
        return self.text.casefold()

    @functools.cached_property
    def _letter_runs(self) -> str:
        """The folded text's distinct maximal runs of word characters that are not digits or "_" (every
        letter is one), joined by NUL: a text of letters occurs in it exactly where it occurs in `folded`."""
        return "\0".join(set(_LETTER_RUN.findall(self.folded)))

    @property
    def indexable(self) -> bool:
        """False for the rare text that is not `foldable` (or is empty)."""
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

    def long_head(self, position: int) -> str:
        """The `spaced` text at `position`, each run of spaces as one, _LONG_PREFIX_LENGTH long (or to the text's end)."""
        spaced = self.spaced
        head = spaced[position : position + _LONG_PREFIX_LENGTH]
        if "  " not in head:
            return head  # nothing to collapse within it (a run starting at its last character collapses to that one)
        window = _LONG_PREFIX_LENGTH * 2
        while True:
            head = _SPACE_RUN.sub(" ", spaced[position : position + window])
            if len(head) >= _LONG_PREFIX_LENGTH or position + window >= len(spaced):
                return head[:_LONG_PREFIX_LENGTH]
            window *= 2

    @functools.cached_property
    def spaced(self) -> str:
        """The text case-folded, every white-space character a space: what prefixes are read against
        ("" when the text is not `foldable`: then patterns run as plain searches)."""
        return _OTHER_WHITESPACE.sub(" ", self.folded) if self.foldable else ""

    def _index(self) -> dict[str, list[int]]:
        if self._heads is None:
            spaced = self.spaced
            heads: defaultdict[str, list[int]] = defaultdict(list)
            if len(spaced) == len(self.text):  # a foldable text folds character by character
                for token in _TOKEN.finditer(spaced):
                    position = token.start()
                    heads[spaced[position : position + _PREFIX_LENGTH]].append(position)
            self._heads = dict(heads)
            self._sorted_heads = sorted(self._heads)
        return self._heads


def phrase_to_regex(token: str) -> str:
    """A rule token: a regex in which a plain space matches any run of white space."""
    return token.replace(" ", r"\s+")


def _bounded(body: str) -> str:
    # Lookarounds, not \b, so tokens that start or end with punctuation ("#1", "100%") still match.
    return rf"(?<![\w]){body}(?![\w])"


def compile_pattern(
    source: str, *, ignore_case: bool = True, word_boundaries: bool = True, linear: bool = False, vetted: Vetted | None = None
) -> Pattern:
    """One user pattern (or an alternation of tokens), checked now unless `vetted`, compiled on first use."""
    body = f"(?:{source})"
    if word_boundaries:
        body = _bounded(body)
    if vetted is None:
        _check(source, body, regex.IGNORECASE if ignore_case else 0)
    # Only a word-bounded pattern starts where a token starts, which is what SearchText indexes.
    return Pattern(body, _prefixes_of(body, ignore_case, vetted) if word_boundaries else None, ignore_case, linear, known_required=_required_of(body, vetted))


def compile_tokens(
    tokens: Sequence[str],
    *,
    ignore_case: bool = True,
    word_boundaries: bool = True,
    group_prefix: str | None = None,
    linear: bool = False,
    vetted: Vetted | None = None,
) -> Pattern:
    """One pattern for a rule's token list; on error, the message names the bad token."""
    source = alternation(tokens, group_prefix)
    body = _bounded(f"(?:{source})") if word_boundaries else f"(?:{source})"
    if vetted is None:
        try:
            _check(source, body, regex.IGNORECASE if ignore_case else 0)  # as a whole, as it runs unsplit
        except PatternError:
            for token in tokens:  # only now, one at a time, to say which token is wrong
                _check(token, phrase_to_regex(token), 0)
            raise
    if word_boundaries and ignore_case and _separable(tokens):
        alternatives = []
        for part in alternation_parts(tokens, group_prefix):
            alternative = _bounded(f"(?:{part})")
            alternatives.append(
                Alternative(alternative, _prefixes_of(alternative, ignore_case, vetted), known_required=_required_of(alternative, vetted),
                            known_long=vetted.long_of(alternative) if vetted is not None else None)
            )
        prefixed = {prefix for alternative in alternatives for prefix in alternative.prefixes or ()}
        if prefixed:  # else no token has prefixes: the whole alternation, searched as one
            unprefixed = [alternative.source for alternative in alternatives if alternative.prefixes is None]
            rest = "|".join(f"(?:{source})" for source in unprefixed) if unprefixed else None
            return Pattern(body, tuple(sorted(prefixed)), ignore_case, linear, tuple(alternatives), rest)
    return Pattern(body, _prefixes_of(body, ignore_case, vetted) if word_boundaries else None, ignore_case, linear, known_required=_required_of(body, vetted))


def split_alternation(source: str, flags: int) -> Pattern:
    """One of claimlint's own regexes (`regex` flags), split at its top-level `|` like a token list.

    Searched with `finditer` on a SearchText it gives exactly the whole regex's matches, found
    only at tokens that fit a branch's prefixes and in documents holding its required literals.
    A branch whose matches may start inside a token (no word boundary before a letter) or
    anywhere gets no prefixes and is searched as `rest`.
    """
    ignore_case = bool(flags & regex.IGNORECASE)
    verbose = bool(flags & regex.VERBOSE)
    other_flags = flags & ~regex.IGNORECASE
    branches = _top_level_branches(source, verbose)
    alternatives = []
    for branch in branches:
        body = f"(?:{branch}\n)" if verbose else f"(?:{branch})"  # a verbose branch's comment ends at its line
        prefixes = _prefixes(body, ignore_case, verbose)
        if prefixes is not None and not _starts_at_token(body, verbose) and any(prefix[0].isalnum() or prefix[0] == "_" for prefix in prefixes):
            prefixes = None
        alternatives.append(Alternative(body, prefixes, verbose))
    prefixed = {prefix for alternative in alternatives for prefix in alternative.prefixes or ()}
    unprefixed = [alternative.source for alternative in alternatives if alternative.prefixes is None]
    if len(branches) < 2 or not prefixed or not ignore_case:
        return Pattern(source, None, ignore_case, other_flags=other_flags)
    rest = "|".join(unprefixed) if unprefixed else None
    return Pattern(source, tuple(sorted(prefixed)), ignore_case, False, tuple(alternatives), rest, other_flags)


def _top_level_branches(source: str, verbose: bool) -> list[str]:
    """`source` cut at each `|` outside groups, character classes, escapes (and comments, if verbose)."""
    branches, depth, start, position = [], 0, 0, 0
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            position += 1
            position += source.startswith("^", position)
            position += source.startswith("]", position)
            while position < len(source) and source[position] != "]":
                position += 2 if source[position] == "\\" else 1
        elif verbose and char == "#":
            newline = source.find("\n", position)
            position = len(source) if newline < 0 else newline
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(source[start:position])
            start = position + 1
        position += 1
    branches.append(source[start:])
    return branches


def _starts_at_token(body: str, verbose: bool) -> bool:
    """Whether every match starts where SearchText sees a token start: after a word boundary, \\b or (?<!\\w), or after white space."""
    c = _constants()
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef,unused-ignore]
    try:
        items = list(parser.parse(body, re.VERBOSE if verbose else 0))
    except (re.error, OverflowError, RecursionError, ValueError):
        return False

    def bounded(items: list[Any]) -> bool:
        for op, argument in items:
            if op is c.AT:
                if argument is c.AT_BOUNDARY:
                    return True
                continue
            if op is c.ASSERT_NOT and argument[0] == -1:
                if list(argument[1]) == [(c.IN, [(c.CATEGORY, c.CATEGORY_WORD)])]:
                    return True
                continue
            if op is c.ASSERT and argument[0] == -1:
                behind = list(argument[1])
                return bool(behind) and behind[-1] == (c.IN, [(c.CATEGORY, c.CATEGORY_SPACE)])
            if op is c.SUBPATTERN:
                return bounded(list(argument[-1]))
            if op is c.BRANCH:
                return all(bounded(list(branch)) for branch in argument[1])
            return False
        return False

    return bounded(items)


def _prefixes_of(body: str, ignore_case: bool, vetted: Vetted | None) -> Prefixes:
    return vetted.prefixes_of(body, ignore_case) if vetted is not None else _prefixes(body, ignore_case)


def _required_of(body: str, vetted: Vetted | None) -> Required | None:
    return vetted.required_of(body) if vetted is not None else None


# What a token may contain for it to behave alone as it does inside the alternation: no
# back-reference, conditional or recursion (group numbers shift when split), no inline global
# flag like (?i) (`regex` applies one anywhere to the whole pattern); scoped ones, (?-i:...), are fine.
_NOT_SEPARABLE = lazy_regex(r"\\[1-9gk]|\(\?(?:P=|P>|\(|&|R\)|[+-]?\d|[a-zA-Z^]*(?:-[a-zA-Z]*)?\))")


def _separable(tokens: Sequence[str]) -> bool:
    return len(tokens) > 1 and not any(_NOT_SEPARABLE.search(token) for token in tokens)


# `regex` unrolls counted repeats: (?:(?:a{100}){100}){100} took 440 MB to compile, one level
# more was killed for memory. Nested counts multiplying past this are refused at load.
MAX_REPEAT_PRODUCT = 100_000
_COUNTED_REPEAT = lazy_regex(r"\{(\d*)(?:,(\d*))?\}")


def _check(source: str, body: str, flags: int) -> None:
    """regex.compile (the result kept for first use), refusing what would exhaust memory or the stack, with a readable reason."""
    source = source if len(source) <= 80 else source[:77] + "..."  # the message stays one short line
    product = _repeat_product(body)
    if product > MAX_REPEAT_PRODUCT:
        raise PatternError(f"bad regex {source!r}: nested counted repeats multiply to {product} (at most {MAX_REPEAT_PRODUCT}); simplify it")
    try:
        _compiled(body, flags)
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


def alternation_parts(tokens: Sequence[str], group_prefix: str | None = None) -> list[str]:
    """Each token as one branch of `alternation`: a named group (g0, g1...) tells which token matched."""
    parts = [phrase_to_regex(token) for token in tokens]
    if group_prefix is None:
        return [f"(?:{part})" for part in parts]
    return [f"(?P<{group_prefix}{index}>{part})" for index, part in enumerate(parts)]


def alternation(tokens: Sequence[str], group_prefix: str | None = None) -> str:
    """Join tokens into one alternation; named groups (g0, g1...) tell which token matched."""
    return "|".join(alternation_parts(tokens, group_prefix))


def finditer(
    pattern: Pattern, text: str | SearchText, start: int = 0, end: int | None = None, timeout: float | None = DEFAULT_TIMEOUT
) -> Iterator[Match]:
    """All matches in text[start:end], exactly as `finditer` gives them; PatternTimeout past `timeout` seconds.

    Given a SearchText, the pattern is tried only where a token starts with one of its prefixes.
    Each call has its own limit: a pattern stopped on one text runs in full on the next.
    """
    plain = text.text if isinstance(text, SearchText) else text
    end = len(plain) if end is None else end
    timeout = pattern.limit(timeout, end - start)
    if isinstance(text, SearchText) and not pattern.alternatives and not text.holds(pattern.required):
        return  # a literal every match contains is not in the text
    try:
        if pattern.prefixes is None or not isinstance(text, SearchText) or not pattern.ignore_case or not text.indexable:
            yield from pattern.compiled.finditer(plain, start, end, timeout=timeout)
        elif pattern.alternatives:
            yield from _split_scan(pattern, text, start, end, timeout, pattern.live_in(text))
        else:
            match_at = pattern.compiled.match
            position = start
            for candidate in text.candidates(pattern.prefixes, start, end):
                if candidate < position:
                    continue  # inside the previous match
                found = match_at(plain, candidate, end, timeout=timeout)
                if found is not None:
                    yield found
                    position = max(found.end(), candidate + 1)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def _split_scan(pattern: Pattern, text: SearchText, start: int, end: int, timeout: float | None, live: Live) -> Iterator[Match]:
    """finditer of a split pattern in [start, end): at each candidate, its alternatives in order.

    Candidates are the token starts that fit an alternative's prefixes and, when some
    alternatives have none, the leftmost place from which `rest` (those alternatives joined)
    matches: no alternative without prefixes can match before it.
    """
    plain, spaced = text.text, text.spaced
    candidates = text.candidates(live.prefixes, start, end) if live.prefixes else []
    rest = _compiled(pattern.rest, pattern.flags) if pattern.rest is not None and live.unprefixed else None
    if not candidates and rest is None:
        return
    next_rest = -1  # where `rest` next matches at or after `position` (end: nowhere); -1: not searched
    index, position = 0, start
    while True:
        while index < len(candidates) and candidates[index] < position:
            index += 1
        candidate = candidates[index] if index < len(candidates) else end
        at = candidate
        if rest is not None:
            if next_rest < position:
                found_rest = rest.search(plain, position, end, timeout=timeout)
                next_rest = found_rest.start() if found_rest is not None else end
            at = min(candidate, next_rest)
        if at >= end:
            return
        head = spaced[at : at + _PREFIX_LENGTH] if at == candidate else ""
        found = pattern._match_at(text, head, at, end, timeout, rest is not None and at == next_rest, live)
        if found is not None:
            yield found
            position = max(found.end(), at + 1)
        else:
            position = at + 1


def _split_scan_ranges(
    pattern: Pattern, text: SearchText, ranges: Sequence[tuple[int, int]], timeout: float | None, live: Live
) -> Iterator[Match]:
    """_split_scan over each range, for a split pattern whose live alternatives all have prefixes:
    one walk over the candidates of all the ranges (a rule meets hundreds of blocks per document)."""
    if not live.prefixes:
        return
    spaced = text.spaced
    starts = [start for start, _ in ranges]
    position = 0
    for candidate in text.candidates(live.prefixes, ranges[0][0], ranges[-1][1]):
        if candidate < position:
            continue  # inside the previous match
        index = bisect.bisect_right(starts, candidate) - 1
        if index < 0 or candidate >= ranges[index][1]:
            continue  # between ranges
        start, end = ranges[index]
        found = pattern._match_at(text, spaced[candidate : candidate + _PREFIX_LENGTH], candidate, end, pattern.limit(timeout, end - start), False, live)
        if found is not None:
            yield found
            position = max(found.end(), candidate + 1)


def finditer_ranges(
    pattern: Pattern, text: SearchText, ranges: Sequence[tuple[int, int]], timeout: float = DEFAULT_TIMEOUT
) -> Iterator[Match]:
    """Matches within each of the sorted, disjoint `ranges` (blocks), as finditer on each range gives them.

    With a prefilter, the candidates of the whole text are walked once instead of once per range.
    """
    if not pattern.alternatives and not text.holds(pattern.required):
        return  # a literal every match contains is not in the text
    if pattern.prefixes is None or not pattern.ignore_case or not text.indexable or not ranges:
        for start, end in ranges:
            yield from finditer(pattern, text.text, start, end, timeout)
        return
    if pattern.alternatives:
        live = pattern.live_in(text)  # once for all the ranges
        if not live.prefixes and not live.unprefixed:
            return
        try:
            if pattern.rest is not None and live.unprefixed:
                for start, end in ranges:
                    yield from _split_scan(pattern, text, start, end, pattern.limit(timeout, end - start), live)
            else:
                yield from _split_scan_ranges(pattern, text, ranges, timeout, live)
        except TimeoutError:
            raise PatternTimeout(pattern.pattern) from None
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
    """The first match `finditer` gives, or None."""
    if isinstance(text, SearchText):
        return next(finditer(pattern, text, start, end, timeout), None)
    # A plain string (a trigger's own words, for its rewrites): one call, without finditer's generator.
    end = len(text) if end is None else end
    try:
        return pattern.compiled.search(text, start, end, timeout=pattern.limit(timeout, end - start))
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


# Deriving prefilters. A pattern is parsed with the standard library's own parser; what it
# cannot parse (regex-only syntax) or cannot bound (a match may start with any character)
# gets no prefilter and runs as a plain search.

_Item = tuple[str, bool]  # (literal text so far, closed: nothing known may follow)


@functools.lru_cache(maxsize=1024)  # pure: rules are validated at load, then built again for the run
def _prefixes(source: str, ignore_case: bool, verbose: bool = False) -> tuple[str, ...] | None:
    return _derived_prefixes(source, ignore_case, verbose, _PREFIX_LENGTH, collapse=False)


@functools.lru_cache(maxsize=4096)  # pure
def _long_prefixes(source: str, verbose: bool = False) -> tuple[str, ...] | None:
    """Prefixes up to _LONG_PREFIX_LENGTH long, ignoring case, each run of white space one space
    (as SearchText.long_head reads the text); None when not derivable."""
    return _derived_prefixes(source, True, verbose, _LONG_PREFIX_LENGTH, collapse=True)


@functools.lru_cache(maxsize=1024)  # pure: the short and the long prefixes of a token read one parse
def _parsed(source: str, flags: int) -> tuple[Any, ...] | None:
    """Python's own parse of `source` (never changed by its readers); None when it cannot parse it."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef,unused-ignore]
    try:
        return tuple(parser.parse(source, flags))
    except (re.error, OverflowError, RecursionError, ValueError):
        return None


def _derived_prefixes(source: str, ignore_case: bool, verbose: bool, length: int, collapse: bool) -> tuple[str, ...] | None:
    # Long prefixes ignore case; so do the short ones of every token they are derived for (split lists).
    parsed = _parsed(source, (re.IGNORECASE if ignore_case else 0) | (re.VERBOSE if verbose else 0))
    if parsed is None:
        return None
    prefixes = _sequence(list(parsed), _constants(), length, collapse)
    # A prefix starting with white space would start between tokens, which are not indexed.
    if prefixes is None or any(not text or text[0].isspace() for text, _ in prefixes):
        return None
    if ignore_case and not all(_pattern_safe(char) for text, _ in prefixes for char in text):
        return None
    return tuple(sorted({text.casefold()[:length] if ignore_case else text for text, _ in prefixes}))


def _constants() -> Any:
    try:
        from re import _constants as constants  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants  # type: ignore[no-redef,unused-ignore]
    return constants


def _sequence(items: list[Any], c: Any, length: int = _PREFIX_LENGTH, collapse: bool = False) -> set[_Item] | None:
    """Literal starts of every match of a sequence of parsed items, `length` long at most; None
    when unbounded. `collapse`: as read with each run of white space as one space."""
    results: set[_Item] = {("", False)}
    for op, argument in items:
        if all(closed or len(text) >= length for text, closed in results):
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: consumes nothing
        options = _item(op, argument, c, length, collapse)
        if options is None:
            results = {(text, True) for text, _ in results}
            break
        extended: set[_Item] = set()
        for text, closed in results:
            if closed or len(text) >= length:
                extended.add((text, closed))
                continue
            for option, option_closed in options:
                joined = text + option
                if collapse and "  " in joined:
                    joined = _SPACE_RUN.sub(" ", joined)
                joined = joined[:length]
                extended.add((joined, option_closed or len(joined) >= length))
        if len(extended) > _MAX_PREFIXES:
            return None
        results = extended
    return results


def _item(op: Any, argument: Any, c: Any, length: int = _PREFIX_LENGTH, collapse: bool = False) -> set[_Item] | None:
    if op is c.LITERAL:
        return {(_spaced_char(chr(argument)), False)}
    if op is c.IN:
        characters = []
        for kind, value in argument:
            if kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                characters.append(" ")  # \s: one white-space character, a space in SearchText.spaced
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                characters.extend("0123456789")  # \d: a foldable text has no other digits (_text_safe)
            elif kind is c.LITERAL:
                characters.append(_spaced_char(chr(value)))
            else:
                return None
        return {(char, False) for char in set(characters)} if len(set(characters)) <= 12 else None
    if op is c.SUBPATTERN:
        return _sequence(list(argument[-1]), c, length, collapse)
    if op is c.BRANCH:
        union: set[_Item] = set()
        for branch in argument[1]:
            options = _sequence(list(branch), c, length, collapse)
            if options is None:
                return None
            union |= options
        return union
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, _, body = argument
        options = _sequence(list(body), c, length, collapse)
        if options is None:
            return {("", True)} if low == 0 else None
        if collapse and options == {(" ", False)}:
            return {(" ", False)} if low > 0 else {(" ", False), ("", False)}  # a run of white space reads as one space
        repeated = {(text, True) for text, _ in options}  # what follows one repetition is unknown
        return repeated | {("", False)} if low == 0 else repeated
    return None


def _spaced_char(char: str) -> str:
    """A literal character as SearchText.spaced has it: any white space is a space."""
    return " " if char.isspace() else char


# Required literals: texts any match must contain, found from the same parse. A document in
# which one of them does not occur (casefolded: `regex` matches case-insensitively by case
# folding, and casefolding the text and the literal keeps every such match) cannot match, so
# the pattern (or one token of a split list) is not tried on it at all.

Required = tuple[tuple[str, ...], ...]  # each tuple: one of its texts occurs in every match
_MAX_LITERALS = 16  # texts in one set: past this, testing them costs more than it saves
_MIN_LITERAL = 2  # single characters are in nearly every document; "#1" and "no" tell something


@functools.lru_cache(maxsize=4096)  # pure: the same tokens are built again for each run
def required_literals(source: str, verbose: bool = False, limit: int = _MAX_LITERALS) -> Required:
    """Sets of casefolded texts: every match of `source` contains at least one text of each set.

    `limit`: the most texts one set may have (more tell less and cost more to test).
    Empty when nothing is known: syntax Python's parser does not share with `regex` (a
    warning, an error, or braces it reads as text, like fuzzy `{e<=1}`) tells nothing.
    """
    import warnings

    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef,unused-ignore]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set", "set difference": `regex` reads those otherwise
            parsed = parser.parse(source, re.VERBOSE if verbose else 0)
    except (re.error, OverflowError, RecursionError, ValueError, Warning):
        return ()
    try:
        exact, required = _literal_parts(list(parsed), _constants(), limit)
    except _Unknown:
        return ()
    if exact is not None:
        required = [*required, exact]
    useful = set()
    for options in required:
        if not all(_pattern_safe(char) for text in options for char in text):
            continue
        folded = {text.casefold() for text in options}
        # A text that holds another of the set adds nothing: where it occurs, so does the other.
        kept = tuple(sorted(text for text in folded if not any(other != text and other in text for other in folded)))
        if len(kept) <= limit and min(len(text) for text in kept) >= _MIN_LITERAL:
            useful.add(kept)
    return tuple(sorted(useful, key=lambda options: (-min(len(text) for text in options), options)))


class _Unknown(Exception):
    """The parse holds something whose matches cannot be bounded safely (see required_literals)."""


_Literals = frozenset[str]


def _literal_parts(items: list[Any], c: Any, limit: int = _MAX_LITERALS) -> tuple[_Literals | None, list[_Literals]]:
    """(the texts the whole sequence matches, when it matches only those; sets of texts it contains)."""
    required: list[_Literals] = []
    run: _Literals | None = frozenset({""})  # texts of the literal run being read
    whole = True  # the sequence so far matches only `run`
    for op, argument in items:
        exact, inner = _literal_item(op, argument, c, limit)
        required.extend(inner)
        if exact is not None and run is not None and len(run) * len(exact) <= limit:
            run = frozenset(head + tail for head in run for tail in exact)
            continue
        if run is not None and "" not in run:
            required.append(run)
        if exact is None:
            whole = False
            run = frozenset({""})
        else:  # too many combinations: this item starts a new run
            whole = False
            run = exact
    if whole:
        return run, required
    if run is not None and "" not in run:
        required.append(run)
    return None, required


def _literal_item(op: Any, argument: Any, c: Any, limit: int = _MAX_LITERALS) -> tuple[_Literals | None, list[_Literals]]:
    if op is c.LITERAL:
        if chr(argument) in "{}":
            raise _Unknown  # `regex` may read it as syntax (fuzzy matching) where Python reads text
        return frozenset({chr(argument)}), []
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset({""}), []  # zero-width: consumes nothing
    if op is c.IN:
        if all(kind is c.LITERAL for kind, _ in argument) and len(argument) <= limit:
            if any(chr(value) in "{}" for _, value in argument):
                raise _Unknown
            return frozenset(chr(value) for _, value in argument), []
        return None, []
    if op is c.SUBPATTERN:
        return _literal_parts(list(argument[-1]), c, limit)
    if op is c.BRANCH:
        branches = [_literal_parts(list(branch), c, limit) for branch in argument[1]]
        if all(exact is not None for exact, _ in branches):
            union = frozenset(text for exact, _ in branches for text in exact or ())
            if len(union) <= limit:
                return union, []
        # Each branch contributes its most telling set; a branch with none leaves nothing required.
        picked: set[str] = set()
        for exact, inner in branches:
            options = [*inner, exact] if exact is not None and "" not in exact else list(inner)
            if not options:
                return None, []
            picked |= max(options, key=lambda texts: (min(len(text) for text in texts), -len(texts)))
        return None, [frozenset(picked)] if len(picked) <= limit else []
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, body = argument
        exact, inner = _literal_parts(list(body), c, limit)
        if low == 0:
            if high == 1 and exact is not None:
                return exact | {""}, []
            return None, []
        if exact is not None and low == high == 1:
            return exact, inner
        return None, [*inner, *([exact] if exact is not None and "" not in exact else [])]
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _literal_parts(list(argument), c, limit)
    return None, []  # any character, a class, a back-reference: text not known
