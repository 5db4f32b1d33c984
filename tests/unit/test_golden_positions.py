"""Golden articles: every finding at the exact line and column of the original file.

Each fixture `tests/fixtures/articles/<case>.<ext>` has `<case>.expected.yaml` listing
rule, line, column, end_line, end_column and excerpt, checked by hand. The cases cover
CRLF + BOM, CR-only endings, Markdown with front matter, code, links, lists, quotes and
tables, HTML with entities, a title, script, style, comments and attributes, emoji and tabs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimlint.rulefile import load_rule_file
from tests.conftest import FIXTURES, lint_text

ARTICLES = sorted(p for p in (FIXTURES / "articles").iterdir() if not p.name.endswith(".expected.yaml"))
SPECS = load_rule_file(FIXTURES / "rules" / "golden.yaml")


def _decoded_lines(path: Path) -> list[str]:
    """The file's lines split independently of claimlint: CRLF, CR or LF."""
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_findings_match_golden_positions(article: Path) -> None:
    expected = yaml.safe_load(article.with_name(article.stem + ".expected.yaml").read_text(encoding="utf-8"))
    findings = lint_text(article.read_bytes(), article.name, specs=SPECS)
    actual = [[f.rule, f.line, f.column, f.end_line, f.end_column, f.excerpt] for f in findings]
    assert actual == expected


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_excerpt_is_the_text_at_the_reported_position(article: Path) -> None:
    lines = _decoded_lines(article)
    findings = lint_text(article.read_bytes(), article.name, specs=SPECS)
    assert findings
    for f in findings:
        assert f.line == f.end_line
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.excerpt


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_findings_carry_their_source_offsets(article: Path) -> None:
    """offset/end_offset index the decoded file (BOM excluded): the excerpt, and the line and column."""
    text = article.read_bytes().decode("utf-8-sig")
    findings = lint_text(article.read_bytes(), article.name, specs=SPECS)
    for f in findings:
        assert text[f.offset : f.end_offset] == f.excerpt
        before = text[: f.offset]
        line = 1 + len(before.replace("\r\n", "\n").replace("\r", "\n").split("\n")) - 1
        column = f.offset - max(before.rfind("\n"), before.rfind("\r"))
        assert (line, column) == (f.line, f.column), f


def test_cached_findings_keep_their_offsets(tmp_path: Path) -> None:
    from claimlint import engine, runner
    from claimlint.cache import Cache
    from claimlint.config import Config

    article = tmp_path / "a.md"
    article.write_text("# Title\n\nThis cures it. We utilize it.\n", encoding="utf-8")
    config = Config(root=tmp_path)
    ruleset = engine.build_ruleset(config, SPECS)
    context = engine.run_context(config, [str(article)], use_cache=False)
    cache = Cache(tmp_path / "cache")
    first = runner.run([str(article)], ruleset, context, config, jobs=1, cache=cache).findings
    again = runner.run([str(article)], ruleset, context, config, jobs=1, cache=cache).findings
    assert first and [(f.offset, f.end_offset) for f in again] == [(f.offset, f.end_offset) for f in first]
    assert all(f.offset > 0 for f in again)
