"""A bounded fuzz test of the Markdown, HTML and front-matter handling.

Random strings over an alphabet dense in markup characters go through each parser; the
prose map must stay consistent: copied prose equals the source it maps to, every mapped
offset lies in the source, blocks lie inside the prose in order.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.document import Document
from claimlint.markup import Prose, html, markdown, plain
from claimlint.source import Format, SourceText

MARKUP_ALPHABET = "abc XYZ.!?#*_`~[]()<>!/\\-=|:&;'\"\n\r\t0123456789é😀\u00a0"
FRAGMENTS = st.sampled_from(
    ["---\n", "title: ", "description: ", "```", "~~~", "<!--", "-->", "<p>", "</p>", "<script>", "</script>", "<pre>", "<title>",
     "</title>", "<br/>", "&amp;", "&#128512;", "&#xD800;", "&lt;", "[a](b)", "![i](j)", "<http://x>", "http://x.y/z", "\r\n", "    ", "> ", "- ", "1) ", "| a | b |\n|---|---|\n"]
)
SOURCES = st.lists(st.one_of(st.text(MARKUP_ALPHABET, max_size=8), FRAGMENTS), max_size=40).map("".join)
PARSERS = {Format.MARKDOWN: markdown.parse, Format.HTML: html.parse, Format.PLAIN: plain.parse}


def check_prose(source: str, prose: Prose) -> None:
    # Prose need not follow source order (an HTML <title> comes first wherever it stands).
    for index, prose_start in enumerate(prose.prose_starts):
        prose_end = prose.prose_starts[index + 1] if index + 1 < len(prose.prose_starts) else len(prose.text)
        start, end = prose.source_starts[index], prose.source_ends[index]
        assert 0 <= start <= end <= len(source)
        if prose.copied[index]:
            assert prose.text[prose_start:prose_end] == source[start:start + prose_end - prose_start]
    for offset in range(len(prose.text) + 1):
        assert 0 <= prose.source_start(offset) <= len(source)
        assert 0 <= prose.source_end(offset) <= len(source)
    last_end = 0
    for block in prose.blocks:
        assert last_end <= block.start < block.end <= len(prose.text)
        last_end = block.end


@settings(max_examples=300, deadline=None)
@given(SOURCES, st.sampled_from(list(PARSERS)))
def test_parsers_keep_a_consistent_prose_map(source: str, fmt: Format) -> None:
    prose = PARSERS[fmt](source)
    check_prose(source, prose)


@settings(max_examples=200, deadline=None)
@given(SOURCES, st.sampled_from(list(PARSERS)))
def test_every_sentence_locates_inside_the_file(source: str, fmt: Format) -> None:
    doc = Document(SourceText("f", source, fmt, "utf-8", False), PARSERS[fmt](source))
    for sentence in doc.sentences:
        location = doc.locate(sentence.start, sentence.end)
        assert 0 <= location.start <= location.end <= len(source)
        assert doc.line_index.position(location.start) == (location.line, location.column)
        assert doc.line_index.position(location.end) == (location.end_line, location.end_column)


@settings(max_examples=200, deadline=None)
@given(st.text(MARKUP_ALPHABET + "-", max_size=200))
def test_front_matter_in_any_shape(body: str) -> None:
    for source in ("---\n" + body, "---\n" + body + "\n---\n" + body, "\ufeff---\r\n" + body + "\r\n...\r\n"):
        check_prose(source, markdown.parse(source))
