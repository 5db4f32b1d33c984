"""Prose -> sentence spans. Abbreviations, initials and decimals do not end a sentence."""

from __future__ import annotations

from claimlint.patterns import lazy_regex

# A sentence ends at . ! ? (with closing quotes or brackets) before white space and
# what can start a sentence; the candidates are then checked against abbreviations.
_END = lazy_regex(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[\p{Lu}\p{N}])")
# The last word before a position. Searched in reverse ((?r)), from the position back: a
# forward search would try every offset from the sentence start, at every full stop.
_WORD_BEFORE = lazy_regex(r"(?r)(\S+)\s*$")
_ABBREVIATIONS = frozenset(
    """
    dr mr mrs ms prof st jr sr vs etc e.g eg i.e ie approx fig figs vol pp
    a.m p.m u.s u.k dept mt ft inc ltd corp al cf ca resp
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_ALWAYS_ABBREVIATIONS = _ABBREVIATIONS - {"etc"}


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of text[start:end], trimmed of white space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _END.finditer(text, start, end):
        if match.group()[0] == "." and _is_abbreviation(text, sentence_start, match.start()):
            continue
        spans.append((sentence_start, match.end()))
        sentence_start = match.end()
    spans.append((sentence_start, end))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word_match = _WORD_BEFORE.search(text, sentence_start, dot)
    if not word_match:
        return False
    word = word_match.group(1).lstrip("(\"'\u201c\u2018[").lower()
    if len(word) == 1 and word.isalpha():
        # An initial ("John F. Kennedy") follows a capitalised name; "vitamin D." ends a sentence.
        previous = _WORD_BEFORE.search(text, sentence_start, word_match.start())
        previous_word = previous.group(1) if previous and word_match.start() > sentence_start else ""
        return not text[sentence_start:word_match.start()].strip() or previous_word[:1].isupper()
    return word in _ALWAYS_ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
