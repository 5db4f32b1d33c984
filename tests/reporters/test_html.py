"""The HTML report as text: self-contained, everything escaped, highlights at exact spans."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from claimlint.finding import RunResult
from claimlint.finding import Finding
from claimlint.reporters import ReportSettings, renderer
from claimlint.spec import RuleSpec
from tests.reporters.conftest import lint, write_articles
from tests.reporters.parse import html_dom

HOSTILE = {
    "hostile.md": (
        "# Cures <script>window.__pwned = 1</script>\n\n"
        'A miracle <img src=x onerror="window.__pwned = 2"> cure.\n\n'
        "</textarea><textarea>this tea cures</textarea> & &amp; done.\n"
    ),
}


def _report(result: RunResult, sources: dict[str, str]) -> str:
    return renderer("html")(result, ReportSettings(sources=sources))


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def test_every_line_shows_as_written_and_each_highlight_is_the_excerpt(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, sources = linted
    dom = html_dom(_report(result, sources))
    anchors = {path: anchor for anchor, path in dom.article_paths.items()}
    for path, text in sources.items():
        assert dom.lines[anchors[path]] == _lines(text)
    for index, finding in enumerate(result.findings):
        pieces = dom.marked[str(index)]
        assert {(anchor, line) for anchor, line, _ in pieces} == {(anchors[finding.path], finding.line)}
        assert "".join(text for _, _, text in pieces) == finding.excerpt


def test_multi_line_and_zero_width_findings(specs: list[RuleSpec]) -> None:
    text = "One line\r\nand the\rnext.\n"
    spec = next(s for s in specs if s.code == "CLM901")
    spanning = Finding("two.txt", 1, 5, 3, 5, spec.code, spec.name, spec.category, spec.severity, "spans lines", "line\r\nand the\rnext", offset=4, end_offset=22)
    pin = replace(spanning, line=2, column=4, end_line=2, end_column=4, excerpt="", message="an insertion point", offset=13, end_offset=13)
    result = RunResult((spanning, pin), (), ("two.txt",), (spec,))
    html = _report(result, {"two.txt": text})
    by_line: dict[int, str] = {}
    for _, line, piece in html_dom(html).marked["0"]:
        by_line[line] = by_line.get(line, "") + piece
    assert by_line == {1: "line", 2: "and the", 3: "next"}
    assert '<mark class="hl cat-claim sev-error pin" data-f="1" id="m1"' in html
    assert html_dom(html).lines["a0"] == ["One line", "and the", "next.", ""]


def test_article_markup_and_file_names_are_escaped(in_tmp: Path, specs: list[RuleSpec]) -> None:
    odd = 'we"ird\n<b>name.md'
    articles = {**HOSTILE, odd: HOSTILE["hostile.md"]}
    paths = write_articles(in_tmp, articles)
    result = lint([Path(p).name for p in paths], specs)
    sources = {name: text for name, text in articles.items()}
    html = _report(result, sources)
    assert len(result.findings) == 8
    assert html.count("<script") == 1  # the report's own
    assert "<img" not in html and "<textarea" not in html.lower() and "<b>name" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    dom = html_dom(html)
    assert dom.scripts == 1
    assert set(dom.article_paths.values()) == {"hostile.md", odd}
    for anchor in dom.article_paths:
        assert dom.lines[anchor] == _lines(HOSTILE["hostile.md"])


def test_self_contained_no_requests_and_a_strict_policy(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, sources = linted
    html = _report(result, sources)
    assert not re.search(r"""(?i)\b(?:src|href|action|xlink:href)\s*=\s*["']?(?!["'#])""", html)
    assert not re.search(r"(?i)url\(|@import|https?://", html.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    assert re.search(r"default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'", html)


def test_overview_grades_clusters_and_related_links(synthetic: RunResult) -> None:
    html = renderer("html")(synthetic, ReportSettings(sources={"a.md": "Same text here.\nLong\n", "b.md": "x\ny\nSame text here.\n"}))
    assert "Readability against the target: flesch_kincaid_grade" in html
    assert "<td>12.5 / 8</td>" in html
    assert "target 8</text>" in html
    assert "Largest boilerplate clusters" in html and "2 articles: Same text</title>" in html
    assert '<a href="#a1-L3">b.md:3:1</a> (the other copy)' in html
    assert "<b>Similarity:</b> 97%" in html


def test_degrades_without_readability_or_boilerplate_data(linted: tuple[RunResult, dict[str, str]]) -> None:
    result, sources = linted
    html = _report(result, sources)
    assert "No readability scores in this run." in html
    assert "No boilerplate findings in this run." in html
    assert "<td>\u2014</td>" in html


def test_missing_text_still_lists_findings(synthetic: RunResult) -> None:
    dom = html_dom(renderer("html")(synthetic, ReportSettings()))
    assert len(dom.items) == 4 and dom.marked == {}
