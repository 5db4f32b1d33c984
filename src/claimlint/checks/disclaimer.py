"""`disclaimer`: a medical article must say it is information, not advice, and to consult a professional.

Document-level: reported once per article, at its first heading (or its first line).
PASS/FAIL live in each rule's `examples`. Options:
- medical_terms: regexes whose mentions make an article medical.
- min_mentions: how many mentions (default 3) before a disclaimer is required.
- informational: regexes for the statement that the article is information, not advice.
- professional: regexes for the advice to consult a qualified professional.
- disclaimer_markers: regexes marking a sentence as part of a disclaimer ("Disclaimer:",
  "medical advice"); professional advice counts as a disclaimer element only there, so a
  closing "talk to your doctor" sentence alone is no disclaimer.
- suggested_text: the disclaimer to suggest; the message may use {suggestion} and {missing}.
- page_types: the page types (pagetype.py) that need a disclaimer; default promotional and
  advice, so news reports, agency releases and official leaflets (reporting) are not asked.
- own_clinician, min_own_clinician: regexes for the reader's own clinician ("your doctor or
  nurse") and how many sentences (0: never) must name one before a page that does not sell
  counts as a patient leaflet that hands every decision to that clinician ("take it the way
  your doctor told you", "ask your nurse"): such a page says throughout what a disclaimer
  says once, and is not asked for one. Promotional pages always are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from claimlint import pagetype, patterns
from claimlint.checks import Check, Hit, RunContext, compile_option
from claimlint.document import Document
from claimlint.markup import BlockKind
from claimlint.spec import Option, RuleSpec
from claimlint.patterns import lazy_regex

DESCRIPTION = "Requires a disclaimer (information, not advice; consult a professional) in articles with medical content."
MESSAGE_FIELDS = frozenset({'missing', 'suggestion'})  # what `message`/`suggest` may name (rulefile checks at load)
OPTIONS = {
    "medical_terms": Option("list", required=True, help="regexes whose mentions make an article medical"),
    "min_mentions": Option("int", 3, help="mentions of medical terms before a disclaimer is required"),
    "informational": Option("list", required=True, help="regexes for 'this is information, not medical advice'"),
    "professional": Option("list", required=True, help="regexes for 'consult a qualified professional'"),
    "disclaimer_markers": Option("list", (), help="regexes marking a sentence as part of a disclaimer"),
    "suggested_text": Option("str", required=True, help="the disclaimer to suggest"),
    "incomplete_message": Option("str", "", help="message for a disclaimer missing one element; may use {missing}"),
    "page_types": Option("list", ("promotional", "advice"), help="page types that need a disclaimer (promotional, reporting, advice)"),
    "own_clinician": Option("list", (), help="regexes for the reader's own clinician ('your doctor')"),
    "min_own_clinician": Option("int", 0, help="sentences naming the reader's own clinician that make a page that does not sell a patient leaflet (0: off)"),
}


@dataclass(frozen=True)
class DisclaimerCheck(Check):
    spec: RuleSpec
    medical_terms: patterns.Pattern
    min_mentions: int
    informational: patterns.Pattern
    professional: patterns.Pattern
    markers: patterns.Pattern | None
    suggested_text: str
    incomplete_message: str
    page_types: frozenset[pagetype.PageType] = frozenset({pagetype.PageType.PROMOTIONAL, pagetype.PageType.ADVICE})
    own_clinician: patterns.Pattern | None = None
    min_own_clinician: int = 0

    def run(self, doc: Document, context: RunContext) -> Iterator[Hit]:
        text, timeout = doc.text, context.pattern_timeout
        if not doc.blocks or not self._is_medical(doc, timeout):
            return
        page = pagetype.resolve(doc, context.page_type)
        if page.page_type not in self.page_types:
            return
        if not page.promotional and self._defers_to_own_clinician(doc, timeout):
            return
        has_informational = patterns.search(self.informational, doc.search_text, 0, len(text), timeout) is not None
        has_professional = self._has_professional_element(doc, timeout)
        if has_informational and has_professional:
            return
        start, end = _anchor(doc)
        if has_informational or has_professional:
            missing = "the advice to consult a qualified professional" if has_informational else "the statement that it is information, not medical advice"
            template = self.incomplete_message or self.spec.message
            message = self.spec.render(template, missing=missing, suggestion=self.suggested_text)
        else:
            message = self.spec.render(suggestion=self.suggested_text, missing="")
        yield Hit(start, end, message, self.suggested_text, data=(("missing", "one" if has_informational or has_professional else "all"), ("suggestion_kind", "advice")))

    def _is_medical(self, doc: Document, timeout: float) -> bool:
        count = 0
        for _ in patterns.finditer(self.medical_terms, doc.search_text, 0, len(doc.text), timeout):
            count += 1
            if count >= self.min_mentions:
                return True
        return False

    def _defers_to_own_clinician(self, doc: Document, timeout: float) -> bool:
        """At least `min_own_clinician` sentences name the reader's own clinician."""
        if self.own_clinician is None or self.min_own_clinician < 1:
            return False
        sentences: set[int] = set()
        for match in patterns.finditer(self.own_clinician, doc.search_text, 0, len(doc.text), timeout):
            sentence = doc.sentence_at(match.start())
            sentences.add(sentence.start if sentence is not None else match.start())
            if len(sentences) >= self.min_own_clinician:
                return True
        return False

    def _has_professional_element(self, doc: Document, timeout: float) -> bool:
        """Professional advice inside a disclaimer: its paragraph (or the heading over it) holds a
        marker or the informational statement. With no markers configured, anywhere counts."""
        text = doc.text
        for match in patterns.finditer(self.professional, doc.search_text, 0, len(text), timeout):
            if self.markers is None:
                return True
            for start, end in _disclaimer_scope(doc, match.start()):
                if patterns.search(self.markers, doc.search_text, start, end, timeout) or patterns.search(
                    self.informational, doc.search_text, start, end, timeout
                ):
                    return True
        return False


# What a disclaimer paragraph says, whatever the rule's own patterns: readability checks leave
# such paragraphs out of their scores and anchors (they are boilerplate the writer did not choose).
_DISCLAIMER_SHAPE = lazy_regex(
    r"""
    \bdisclaimer\b
    | \bfor\ (?:general\ )?(?:informational|information|educational)\ purposes\b
    | \bnot\ (?:intended|meant|designed)?\ ?(?:to\ be\ |as\ )?(?:a\ )?(?:substitute|replacement)\ for\b
    | \bnot\ (?:intended|meant|designed)\ to\ (?:replace|substitute|diagnose|treat)\b
    | \b(?:is|are|does\ not\ constitute)\ not\ (?:professional\ )?medical\ advice\b | \bnot\ (?:professional\ )?medical\ advice\b
    | \bnot\ been\ evaluated\ by\ the\ (?:FDA|Food\ and\ Drug\ Administration)\b
    """,
    regex.IGNORECASE | regex.VERBOSE,
)


_DISCLAIMER_HEADING = lazy_regex(r"\s*(?:medical\s+)?disclaimers?\s*:?\s*", regex.IGNORECASE)


def disclaimer_blocks(doc: Document) -> frozenset[int]:
    """Start offsets of the paragraphs that are a disclaimer (and of a "Disclaimer" heading's paragraph)."""
    return doc.derived("disclaimer-blocks", lambda: _disclaimer_blocks(doc))


def _disclaimer_blocks(doc: Document) -> frozenset[int]:
    text = doc.text
    found: set[int] = set()
    for block, heading, first in doc.sections():
        after_heading = first and heading is not None and _DISCLAIMER_HEADING.fullmatch(text, heading.start, heading.end) is not None
        if after_heading or _DISCLAIMER_SHAPE.search(text, block.start, block.end):
            found.add(block.start)
    return frozenset(found)


def _disclaimer_scope(doc: Document, offset: int) -> list[tuple[int, int]]:
    """Where a disclaimer around `offset` may say the rest: its block and the heading just before it."""
    blocks = doc.blocks
    index = next((i for i, block in enumerate(blocks) if block.start <= offset < block.end), None)
    if index is None:
        return []
    scope = [(blocks[index].start, blocks[index].end)]
    if index and blocks[index - 1].kind is BlockKind.HEADING:
        scope.append((blocks[index - 1].start, blocks[index - 1].end))
    return scope


def _anchor(doc: Document) -> tuple[int, int]:
    """The first heading, else the first line of the first block, trimmed."""
    text = doc.text
    heading = next(doc.blocks_of(frozenset({BlockKind.HEADING})), None)
    block = heading or doc.blocks[0]
    start, end = block.start, block.end
    if heading is None:
        newline = text.find("\n", start, end)
        end = newline if newline != -1 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def build(spec: RuleSpec) -> DisclaimerCheck:
    required: dict[str, patterns.Pattern] = {}
    for key in ("medical_terms", "informational", "professional"):
        pattern = compile_option(spec, key)
        if pattern is None:
            raise spec.error(f"{key} must list at least one pattern", key)
        required[key] = pattern
    min_mentions = int(spec.options["min_mentions"])
    if min_mentions < 1:
        raise spec.error("min_mentions must be at least 1", "min_mentions")
    min_own_clinician = int(spec.options["min_own_clinician"])
    if min_own_clinician < 0:
        raise spec.error("min_own_clinician must be 0 (off) or more", "min_own_clinician")
    return DisclaimerCheck(
        spec=spec,
        medical_terms=required["medical_terms"],
        min_mentions=min_mentions,
        informational=required["informational"],
        professional=required["professional"],
        markers=compile_option(spec, "disclaimer_markers"),
        suggested_text=str(spec.options["suggested_text"]).strip(),
        incomplete_message=str(spec.options["incomplete_message"]),
        page_types=_page_types(spec),
        own_clinician=compile_option(spec, "own_clinician"),
        min_own_clinician=min_own_clinician,
    )


def _page_types(spec: RuleSpec) -> frozenset[pagetype.PageType]:
    try:
        return frozenset(pagetype.PageType(str(name)) for name in spec.options["page_types"])
    except ValueError:
        choices = ", ".join(p.value for p in pagetype.PageType)
        raise spec.error(f"page_types must list page types ({choices})", "page_types") from None
