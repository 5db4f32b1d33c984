"""`length`: sentences with too many words, paragraphs with too many sentences.

Options: count (words | sentences), max (the most allowed), unit (sentence | paragraph).
`count: words` with `unit: sentence` flags each long sentence; `count: sentences` with
`unit: paragraph` flags each long paragraph (anchored at the first sentence past the limit,
the place to split). The message may use {count} and {max}; Hit.data has `metric`,
`value`, `target` like the textstat metrics.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimlint.checks import Check, Hit, RunContext
from claimlint.checks.metric import word_count
from claimlint.document import Document, Sentence
from claimlint.markup import Block, BlockKind
from claimlint.spec import Option, RuleSpec

DESCRIPTION = "Flags sentences over a word count and paragraphs over a sentence count."
OPTIONS = {
    "count": Option("str", "words", help="what is counted: words (per sentence or paragraph) or sentences (per paragraph)"),
    "max": Option("int", required=True, help="the most allowed; more is reported"),
    "unit": Option("str", "sentence", help="sentence or paragraph"),
}
_ALLOWED = {("words", "sentence"), ("words", "paragraph"), ("sentences", "paragraph")}


@dataclass(frozen=True)
class LengthCheck(Check):
    spec: RuleSpec
    count: str
    most: int
    unit: str

    @property
    def metric(self) -> str:
        return f"{self.count}_per_{self.unit}"

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        text = doc.text
        if self.unit == "sentence":
            for sentence in doc.sentences:
                if sentence.block.kind in self.spec.scope and sentence.block.kind is not BlockKind.HEADING:
                    words = word_count(text[sentence.start:sentence.end])
                    if words > self.most:
                        yield self._hit(sentence.start, sentence.end, words)
            return
        sentences_of: dict[Block, list[Sentence]] = {}  # grouped once, not one scan of all sentences per block
        if self.count == "sentences":
            for sentence in doc.sentences:
                sentences_of.setdefault(sentence.block, []).append(sentence)
        for block in doc.blocks_of(self.spec.scope):
            if block.kind is BlockKind.HEADING:
                continue
            if self.count == "words":
                words = word_count(text[block.start:block.end])
                if words > self.most:
                    yield self._hit(block.start, block.end, words)
                continue
            sentences = sentences_of.get(block, [])
            if len(sentences) > self.most:
                first_over = sentences[self.most]
                yield self._hit(first_over.start, first_over.end, len(sentences))

    def _hit(self, start: int, end: int, value: int) -> Hit:
        message = self.spec.render(count=value, max=self.most)
        return Hit(start, end, message, data=(("metric", self.metric), ("value", value), ("target", self.most)))


def build(spec: RuleSpec) -> LengthCheck:
    count, unit, most = spec.options["count"], spec.options["unit"], spec.options["max"]
    if (count, unit) not in _ALLOWED:
        raise spec.error(f"count {count!r} per {unit!r} is not supported; use words per sentence or paragraph, or sentences per paragraph", "count")
    if most < 1:
        raise spec.error("max must be at least 1", "max")
    return LengthCheck(spec, count, most, unit)
