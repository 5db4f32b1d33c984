"""Reference lists and citation entries: titles there are no claims ("Exercise reduces knee pain. J Pain. 2019").

A block is a reference when it sits under a heading such as "References" or "Sources" (until
the next heading), or when it has the shape of a citation entry: an author list first, and a
year with volume, pages, DOI or PMID.
"""

from __future__ import annotations

import regex

from claimlint.document import Document
from claimlint.patterns import lazy_regex

_REFERENCE_HEADING = lazy_regex(
    r"\s*(?:\d+\.?\s*)?(?:references?|sources?|bibliography|citations?|works\s+cited|literature(?:\s+cited)?|further\s+reading|notes)\s*:?\s*",
    regex.IGNORECASE,
)
_AUTHORS = lazy_regex(
    r"\s*(?:\[?\d{1,3}[\].)]?\s+)?[\p{Lu}][\p{L}'-]+,?\s(?:\p{Lu}\.?\s?){1,3}(?:,|\.|\s(?:et\s+al|and|&))"
)
_BIBLIOGRAPHIC = lazy_regex(r"(?:19|20)\d\d[a-z]?\s*[;).,:]|\bdoi\s*:|\bPMID\b|\d+\s*\(\d+\)\s*:\s*\d+|\b\d+\s*:\s*\d+\s*[-\u2013]\s*\d+", regex.IGNORECASE)


def reference_blocks(doc: Document) -> frozenset[int]:
    """Start offsets of the blocks that are reference-list entries; computed once per document."""
    return doc.derived("reference-blocks", lambda: _reference_blocks(doc))


def _reference_blocks(doc: Document) -> frozenset[int]:
    text = doc.text
    found: set[int] = set()
    for block, heading, _ in doc.sections():
        under_heading = heading is not None and _REFERENCE_HEADING.fullmatch(text, heading.start, heading.end) is not None
        if under_heading or (_AUTHORS.match(text, block.start, block.end) and _BIBLIOGRAPHIC.search(text, block.start, block.end)):
            found.add(block.start)
    return frozenset(found)
