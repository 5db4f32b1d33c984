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
from claimlint.checks import Hit, RunContext
from claimlint.document import Document
from claimlint.rulefile import Option, RuleSpec

DESCRIPTION = "Flags words, phrases or regexes, optionally with a replacement for each (Vale's existence and substitution)."
OPTIONS = {
    "tokens": Option("list", (), help="regexes to flag; a space matches any white space"),
    "swap": Option("map", {}, help="regex -> suggested replacement"),
    "exceptions": Option("list", (), help="regexes whose matches are never flagged"),
    "ignorecase": Option("bool", True, help="match regardless of case"),
    "nonword": Option("bool", False, help="match inside words too (no word boundaries)"),
}


@dataclass(frozen=True)
class PatternCheck:
    spec: RuleSpec
    pattern: patterns.Pattern
    exceptions: patterns.Pattern | None
    replacements: tuple[str | None, ...]

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        text = doc.text
        for block in doc.blocks_of(self.spec.scope):
            excepted = []
            if self.exceptions is not None:
                excepted = [m.span() for m in patterns.finditer(self.exceptions, text, block.start, block.end, context.pattern_timeout)]
            for match in patterns.finditer(self.pattern, text, block.start, block.end, context.pattern_timeout):
                start, end = match.span()
                if start == end or any(a <= start and end <= b for a, b in excepted):
                    continue
                suggestion = self.replacements[int(match.lastgroup[1:])] if match.lastgroup else None
                suggestion = suggestion or self.spec.suggest
                yield Hit(start, end, self.spec.render(match=match.group(), suggestion=suggestion or ""), suggestion)


def build(spec: RuleSpec) -> PatternCheck:
    tokens = list(spec.options["tokens"])
    swap = spec.options["swap"]
    if not tokens and not swap:
        raise spec.error("a pattern rule needs 'tokens' or 'swap'", "type")
    sources = tokens + list(swap)
    replacements = tuple([None] * len(tokens) + [str(value) for value in swap.values()])
    ignore_case = bool(spec.options["ignorecase"])
    word_boundaries = not spec.options["nonword"]
    for token in sources:  # one at a time first, so an error names the bad token
        try:
            patterns.compile_pattern(patterns.phrase_to_regex(token), ignore_case=ignore_case)
        except patterns.PatternError as error:
            raise spec.error(str(error), "swap" if token in swap else "tokens") from None
    exceptions = None
    if spec.options["exceptions"]:
        try:
            exceptions = patterns.compile_pattern(
                patterns.alternation(spec.options["exceptions"]), ignore_case=ignore_case, word_boundaries=word_boundaries
            )
        except patterns.PatternError as error:
            raise spec.error(str(error), "exceptions") from None
    pattern = patterns.compile_pattern(
        patterns.alternation(sources, group_prefix="t"), ignore_case=ignore_case, word_boundaries=word_boundaries
    )
    return PatternCheck(spec, pattern, exceptions, replacements)
