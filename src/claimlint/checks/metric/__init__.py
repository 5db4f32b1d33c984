"""`metric`: a textstat readability score per document, section or paragraph, against targets.

textstat sees prose only: the text of the blocks in the rule's scope, joined by blank lines.
A finding names the metric, the value and the target, and is anchored at the piece that
drives the score: the hardest paragraph of the unit (or its hardest sentence when the unit
is one paragraph); the next hardest pieces are listed in the message and in `related`.
Hit.data carries `metric`, `value`, `target`, `unit` and `drivers` (lines).

Options: metric, unit (document | section | paragraph), info / warning / error (the target
for each severity), min_words (shorter units are not scored: grades of a few words are
noise), anchors (how many hardest pieces to name), lang.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from claimlint.cache import user_cache_folder
from claimlint.checks import Check, Hit, RunContext
from claimlint.document import Document
from claimlint.finding import RelatedLocation, Severity
from claimlint.markup import Block, BlockKind
from claimlint.spec import Option, RuleSpec

DESCRIPTION = "Scores readability with textstat (Flesch-Kincaid, SMOG, Gunning fog...) per document, section or paragraph."


@dataclass(frozen=True)
class Metric:
    label: str  # as the editor reads it: "Flesch-Kincaid grade"
    harder_when_higher: bool
    takes_lang: bool = True

    def beyond(self, value: float, target: float) -> bool:
        return value > target if self.harder_when_higher else value < target

    def target_text(self, target: float) -> str:
        return f"{target:g} or {'below' if self.harder_when_higher else 'above'}"


METRICS: dict[str, Metric] = {
    "flesch_kincaid_grade": Metric("Flesch-Kincaid grade", True),
    "flesch_reading_ease": Metric("Flesch reading ease", False),
    "smog_index": Metric("SMOG grade", True),
    "gunning_fog": Metric("Gunning fog index", True),
    "coleman_liau_index": Metric("Coleman-Liau index", True, takes_lang=False),
    "dale_chall_readability_score": Metric("Dale-Chall score", True),
}
MESSAGE_FIELDS = frozenset({'subject', 'metric', 'value', 'target', 'drivers'})  # what `message`/`suggest` may name (rulefile checks at load)
OPTIONS = {
    "metric": Option("str", required=True, help="textstat metric: " + ", ".join(METRICS)),
    "unit": Option("str", "document", help="what is scored: document, section (heading to heading) or paragraph"),
    "info": Option("any", None, help="target for an info finding (a grade: above it is reported; reading ease: below it)"),
    "warning": Option("any", None, help="target for a warning finding"),
    "error": Option("any", None, help="target for an error finding"),
    "min_words": Option("int", 30, help="units with fewer words are not scored"),
    "anchors": Option("int", 3, help="how many of the hardest paragraphs or sentences to name"),
    "lang": Option("str", "en_US", help="textstat language (only English has the offline syllable dictionary)"),
}
UNITS = ("document", "section", "paragraph")
_SUBJECT = {"document": "This article", "section": "This section", "paragraph": "This paragraph"}
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*")
_MIN_PIECE_WORDS = 8  # a heading-like fragment is never "the hardest sentence"


def word_count(text: str) -> int:
    return len(_WORD.findall(text))  # one C-level pass; a Python loop over matches cost more than the regex


def prose_of(doc: Document, blocks: Sequence[Block]) -> str:
    """What textstat is fed: the prose of the blocks, separated by blank lines as in doc.text."""
    return "\n\n".join(doc.text[block.start:block.end] for block in blocks)


def units_of(blocks: Sequence[Block], unit: str, all_blocks: Sequence[Block]) -> list[list[Block]]:
    """The groups of in-scope blocks scored together."""
    if unit == "document":
        return [list(blocks)] if blocks else []
    if unit == "paragraph":
        return [[block] for block in blocks]
    in_scope = set(blocks)
    sections: list[list[Block]] = [[]]
    for block in all_blocks:  # a heading starts a section
        if block.kind is BlockKind.HEADING:
            sections.append([])
        elif block in in_scope:
            sections[-1].append(block)
    return [section for section in sections if section]


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    value: float


@dataclass(frozen=True)
class MetricCheck(Check):
    spec: RuleSpec
    metric_name: str
    metric: Metric
    unit: str
    targets: tuple[tuple[Severity, float], ...]  # most severe first
    min_words: int
    anchors: int
    lang: str
    # Where the compact syllable dictionaries are kept (syllables.py), bound by prepare.
    syllable_folder: Path | None = None

    def prepare(self, context: RunContext) -> MetricCheck:
        """Once per run: where textstat's dictionaries are kept in compact form (the cache folder)."""
        import os

        folder = context.cache_dir / "syllables" if context.cache_dir is not None else user_cache_folder(os.environ, Path.home())
        return replace(self, syllable_folder=folder)

    def score(self) -> Callable[[str], float]:
        from claimlint.checks.metric.syllables import readability_metrics  # textstat loads only when a metric rule runs

        function = getattr(readability_metrics(self.syllable_folder), self.metric_name)
        if self.metric.takes_lang:
            return lambda text: float(function(text, self.lang))
        return lambda text: float(function(text))

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        from claimlint.checks.disclaimer import disclaimer_blocks

        skipped = disclaimer_blocks(doc)  # a disclaimer is boilerplate: not scored, never an anchor
        blocks = [block for block in doc.blocks if block.kind in self.spec.scope and block.kind is not BlockKind.HEADING and block.start not in skipped]
        # Counted once per block: a unit's words are its blocks' sum (no word spans the blank line between two).
        words = {block: word_count(doc.text[block.start:block.end]) for block in blocks}
        score: Callable[[str], float] | None = None
        for group in units_of(blocks, self.unit, doc.blocks):
            if sum(words[block] for block in group) < self.min_words:
                continue
            text = prose_of(doc, group)
            score = score or self.score()
            value = score(text)
            crossed = next(((severity, target) for severity, target in self.targets if self.metric.beyond(value, target)), None)
            if crossed is None:
                continue
            yield self._hit(doc, group, words, value, *crossed, score)

    def _pieces(self, doc: Document, group: Sequence[Block], words: Mapping[Block, int], score: Callable[[str], float]) -> tuple[str, list[Piece]]:
        """The unit's paragraphs, or its sentences when it is one paragraph, with their scores."""
        if len(group) > 1:
            spans = [(block.start, block.end, words[block]) for block in group]
            kind = "paragraphs"
        else:
            spans = [(s.start, s.end, word_count(doc.text[s.start:s.end])) for s in doc.sentences if group[0].start <= s.start < group[0].end]
            kind = "sentences"
        pieces = [Piece(start, end, score(doc.text[start:end])) for start, end, count in spans if count >= _MIN_PIECE_WORDS]
        if not pieces:
            pieces = [Piece(group[0].start, group[-1].end, score(prose_of(doc, group)))]
        return kind, pieces

    def _hit(
        self, doc: Document, group: Sequence[Block], words: Mapping[Block, int], value: float, severity: Severity, target: float, score: Callable[[str], float]
    ) -> Hit:
        kind, pieces = self._pieces(doc, group, words, score)
        hardest_first = sorted(pieces, key=lambda piece: (-piece.value if self.metric.harder_when_higher else piece.value, piece.start))
        drivers = [piece for piece in hardest_first if self.metric.beyond(piece.value, target)][: self.anchors] or hardest_first[:1]
        lines = [doc.locate(piece.start, piece.end).line for piece in drivers]
        named = ", ".join(f"line {line} ({piece.value:.1f})" for line, piece in zip(lines, drivers))
        message = self.spec.render(
            subject=_SUBJECT[self.unit],
            metric=self.metric.label,
            value=f"{value:.1f}",
            target=self.metric.target_text(target),
            drivers=f"hardest {kind}: {named}",
        )
        related = tuple(
            RelatedLocation(doc.path, line, doc.locate(piece.start, piece.end).column, f"{self.metric.label} {piece.value:.1f}")
            for line, piece in zip(lines[1:], drivers[1:])
        )
        data = (
            ("metric", self.metric_name),
            ("value", value),
            ("target", target),
            ("unit", self.unit),
            ("drivers", lines),
        )
        return Hit(drivers[0].start, drivers[0].end, message, severity=severity, related=related, data=data)


def build(spec: RuleSpec) -> MetricCheck:
    name = spec.options["metric"]
    if name not in METRICS:
        raise spec.error(f"unknown metric {name!r}; use one of {', '.join(METRICS)}", "metric")
    unit = spec.options["unit"]
    if unit not in UNITS:
        raise spec.error(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}", "unit")
    targets = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        target = spec.options[severity.value]
        if target is None:
            continue
        if isinstance(target, bool) or not isinstance(target, (int, float)):
            raise spec.error(f"{severity.value} must be a number (the target for that severity)", severity.value)
        targets.append((severity, float(target)))
    if not targets:
        raise spec.error("a metric rule needs at least one target: info, warning or error", "metric")
    for key in ("min_words", "anchors"):
        if spec.options[key] < (0 if key == "min_words" else 1):
            raise spec.error(f"{key} is too small", key)
    if not spec.options["lang"].lower().startswith("en"):
        raise spec.error("only English ('en_US', 'en_GB') has an offline syllable dictionary", "lang")
    return MetricCheck(spec, name, METRICS[name], unit, tuple(targets), spec.options["min_words"], spec.options["anchors"], spec.options["lang"])
