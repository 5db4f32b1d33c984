"""Prose extraction per format: what is prose, what is not, and the map back to the source."""

from __future__ import annotations

from claimlint.document import Document
from claimlint.markup import BlockKind
from tests.conftest import source_of
from claimlint.document import parse_document


def _doc(text: str, name: str) -> Document:
    return parse_document(source_of(text, name))


def _blocks(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, doc.text[b.start : b.end]) for b in doc.blocks]


def test_markdown_blocks_and_what_is_left_out() -> None:
    doc = _doc(
        "---\ntitle: Knee care\nauthor: Ann\n---\n# Heading\n\nSome *text* with `code` and [a link](http://x.org).\n\n"
        "```\nfenced\n```\n\n- item one\n- item two\n\n> quoted\n",
        "a.md",
    )
    assert _blocks(doc) == [
        ("heading", "Knee care"),
        ("heading", "Heading"),
        ("paragraph", "Some text with  and a link."),
        ("list", "item one"),
        ("list", "item two"),
        ("quote", "quoted"),
    ]


def test_markdown_setext_heading_and_unclosed_fence() -> None:
    doc = _doc("Title\n=====\n\nBody text.\n\n```\nnever closed\n", "a.md")
    assert _blocks(doc) == [("heading", "Title"), ("paragraph", "Body text.")]


def test_markdown_without_closing_front_matter_is_body() -> None:
    doc = _doc("---\ntitle: x\n\nText here.\n", "a.md")
    assert ("paragraph", "Text here.") in _blocks(doc)


def test_html_entities_decoded_and_mapped_to_the_entity() -> None:
    doc = _doc("<p>It&rsquo;s &lt;b&gt; caf&eacute;</p>", "a.html")
    assert doc.text.strip() == "It’s <b> café"
    start = doc.text.index("’")
    assert doc.source_excerpt(start, start + 1) == "&rsquo;"
    start = doc.text.index("café")
    assert doc.source_excerpt(start, start + 4) == "caf&eacute;"


def test_html_leaves_out_script_style_comments_attributes_and_code() -> None:
    doc = _doc(
        '<html><head><title>T</title><style>p{}</style><script>x()</script></head>'
        '<body><p title="attr">Visible <code>code()</code> text<!-- hidden --></p></body></html>',
        "a.html",
    )
    assert _blocks(doc) == [("heading", "T"), ("paragraph", "Visible  text")]


def test_html_block_kinds() -> None:
    doc = _doc("<h2>Head</h2><ul><li>One</li></ul><blockquote>Q</blockquote><table><tr><td>Cell</td></tr></table>", "a.htm")
    assert [b.kind for b in doc.blocks] == [BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_CELL]


def test_plain_text_title_list_and_urls() -> None:
    doc = _doc("Short Title\n\nA paragraph\nover two lines, see https://x.org/a.\n\n- a list item\n", "a.txt")
    assert _blocks(doc) == [
        ("heading", "Short Title"),
        ("paragraph", "A paragraph\nover two lines, see ."),
        ("list", "a list item"),
    ]


def test_sentences_never_cross_blocks() -> None:
    doc = _doc("# Head\n\nOne. Two.\n\n- Three\n", "a.md")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["Head", "One.", "Two.", "Three"]


def test_plain_text_with_one_paragraph_a_line_and_no_blank_lines() -> None:
    long_one = "Surgery has changed a lot in recent years, and this sentence is long enough to be a whole paragraph."
    long_two = "Another paragraph follows on the very next line, with no blank line between them, as exported text does."
    doc = _doc(f"Spine Surgery for Pain\n{long_one}\n{long_two}\n", "a.txt")
    assert _blocks(doc) == [("heading", "Spine Surgery for Pain"), ("paragraph", long_one), ("paragraph", long_two)]


def test_plain_text_hard_wrapped_paragraph_stays_one_paragraph() -> None:
    doc = _doc("This paragraph is wrapped\nat a short width, so its lines\nbelong together.\n", "a.txt")
    assert _blocks(doc) == [("paragraph", "This paragraph is wrapped\nat a short width, so its lines\nbelong together.")]


# Invisible characters never hide a claim, and positions stay exact (issue 11, item 9).
def _cure_findings(text: str, name: str) -> list[tuple[int, int, int, str]]:
    from tests.conftest import lint_text

    return [(f.line, f.column, f.end_column, f.excerpt) for f in lint_text(text, name, select=["CLM101"])]


def test_zero_width_space_and_soft_hyphen_inside_a_word_are_left_out_of_the_prose() -> None:
    for name in ("a.txt", "a.md", "a.html"):
        text = "<p>The tea cu\u200bres gout. The balm cu\u00adres acne.</p>\n" if name.endswith(".html") else "The tea cu\u200bres gout. The balm cu\u00adres acne.\n"
        offset = 3 if name.endswith(".html") else 0
        assert _cure_findings(text, name) == [
            (1, 9 + offset, 15 + offset, "cu\u200bres"),
            (1, 31 + offset, 37 + offset, "cu\u00adres"),
        ], name


def test_no_break_space_reads_as_a_space() -> None:
    doc = _doc("Clinically\u00a0proven formula.\n", "a.txt")
    assert doc.text.startswith("Clinically proven")
    assert doc.source_excerpt(0, len("Clinically proven")) == "Clinically\u00a0proven"


def test_entities_for_invisible_characters_are_what_the_reader_sees() -> None:
    doc = _doc("<p>It cu&shy;res&nbsp;acne.</p>\n", "a.html")
    assert doc.text.strip() == "It cures acne."
    assert _cure_findings("<p>It cu&shy;res&nbsp;acne.</p>\n", "a.html") == [(1, 7, 17, "cu&shy;res")]


def test_yaml_block_scalars_in_front_matter_are_prose() -> None:
    text = "---\ntitle: >-\n  Knee Pain\n  Cured Fast\ndescription: |\n  This tea cures gout.\n  Read on.\nauthor: Ann\n---\n\nBody.\n"
    doc = _doc(text, "a.md")
    assert _blocks(doc)[:2] == [("heading", "Knee Pain\nCured Fast"), ("paragraph", "This tea cures gout.\nRead on.")]
    assert _cure_findings(text, "a.md") == [(4, 3, 8, "Cured"), (6, 12, 17, "cures")]


def test_toml_front_matter_is_front_matter() -> None:
    text = '+++\ntitle = "This tea cures gout"\npage-type = "reporting"\ndraft = true\n+++\n\nBody text.\n'
    doc = _doc(text, "a.md")
    assert _blocks(doc) == [("heading", "This tea cures gout"), ("paragraph", "Body text.")]
    assert doc.front_matter == {"page-type": "reporting"}
    assert _cure_findings(text, "a.md") == [(2, 19, 24, "cures")]
