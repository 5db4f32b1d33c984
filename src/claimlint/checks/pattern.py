"""`pattern`: words, phrases or regexes to flag (existence), or to swap (substitution).

PASS/FAIL live in each rule's `examples`. Options:
- tokens: regexes to flag; a space in a token matches any white space.
- swap: token -> suggested replacement; the message may use {match} and {suggestion}.
- exceptions: regexes; a match lying inside an exception's match is not reported.
- ignorecase (default true), nonword (default false: tokens match whole words only).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimlint import patterns
from claimlint.checks import Check, Hit, RunContext, compile_option
from claimlint.document import Document
from claimlint.spec import Option, RuleSpec

DESCRIPTION = "Flags words, phrases or regexes, optionally with a replacement for each (Vale's existence and substitution)."
OPTIONS = {
    "tokens": Option("list", (), help="regexes to flag; a space matches any white space"),
    "swap": Option("map", {}, help="regex -> suggested replacement"),
    "exceptions": Option("list", (), help="regexes whose matches are never flagged"),
    "ignorecase": Option("bool", True, help="match regardless of case"),
    "nonword": Option("bool", False, help="match inside words too (no word boundaries)"),
}


@dataclass(frozen=True)
class PatternCheck(Check):
    spec: RuleSpec
    pattern: patterns.Pattern
    exceptions: patterns.Pattern | None
    replacements: tuple[str | None, ...]

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        ranges = doc.block_ranges(self.spec.scope)
        timeout = context.pattern_timeout
        excepted: list[tuple[int, int]] | None = None  # found only once a match needs them
        for match in patterns.finditer_ranges(self.pattern, doc.search_text, ranges, timeout):
            start, end = match.span()
            if start == end:
                continue
            if self.exceptions is not None:
                if excepted is None:
                    excepted = [m.span() for m in patterns.finditer_ranges(self.exceptions, doc.search_text, ranges, timeout)]
                covering = patterns.span_at(excepted, start)
                if covering is not None and end <= covering[1]:
                    continue
            suggestion = self.replacements[int(match.lastgroup[1:])] if match.lastgroup else None
            suggestion = suggestion or self.spec.suggest
            yield Hit(start, end, self.spec.render(match=match.group(), suggestion=suggestion or ""), suggestion)


def build(spec: RuleSpec) -> PatternCheck:
    tokens = list(spec.options["tokens"])
    swap = spec.options["swap"]
    if not tokens and not swap:
        raise spec.error("a pattern rule needs 'tokens' or 'swap'", "type")
    replacements = tuple([None] * len(tokens) + [str(value) for value in swap.values()])
    ignore_case = bool(spec.options["ignorecase"])
    word_boundaries = not spec.options["nonword"]
    pattern = compile_option(spec, "tokens", "swap", ignore_case=ignore_case, word_boundaries=word_boundaries, group_prefix="t")
    exceptions = compile_option(spec, "exceptions", ignore_case=ignore_case, word_boundaries=word_boundaries)
    assert pattern is not None
    return PatternCheck(spec, pattern, exceptions, replacements)
