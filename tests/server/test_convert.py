"""Findings -> LSP diagnostics and edits, without a client: exact ranges and edits on real snippets."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from claimlint.server import convert
from claimlint.server.project import Linted, Project, lint_buffer, load_project
from tests.conftest import FIXTURES

DISCLAIMER_RULE = """\
code: TST301
name: needs-disclaimer
type: disclaimer
category: disclaimer
severity: warning
message: "No disclaimer: add \\"{suggestion}\\""
rationale: Test rule.
medical_terms: [surgery, doctor]
min_mentions: 2
informational: ["not medical advice"]
professional: ["ask your doctor"]
suggested_text: "This is not medical advice; ask your doctor."
examples:
  fail: ["Surgery. Your doctor. Surgery again."]
  pass: ["Surgery and a doctor. This is not medical advice; ask your doctor."]
"""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "golden.yaml").write_text((FIXTURES / "rules" / "golden.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (rules / "disclaimer.yaml").write_text(DISCLAIMER_RULE, encoding="utf-8")
    # page-type advice: the disclaimer rule asks every page here
    (tmp_path / "claimlint.yaml").write_text("default-rules: false\nrules: [rules]\npage-type: advice\n", encoding="utf-8")
    return load_project(tmp_path)


def _lint(project: Project, name: str, text: str) -> Linted:
    return lint_buffer(project, str(project.folder / name), text)


def _apply(text: str, edit: types.TextEdit) -> str:
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: edit.range.start.line]) + edit.range.start.character
    return text[:start] + edit.new_text + text[start:]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_ranges_count_utf16_units_on_every_line_ending(project: Project, newline: str) -> None:
    text = f"Intro 👩‍⚕️ line.{newline}The 🍵 tea cures 😀 and cures.{newline}"
    linted = _lint(project, "a.txt", text)
    ranges = [(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in convert.diagnostics(linted, {}, convert.Presentation())]
    assert ranges == [("TST001", 1, 11, 16), ("TST001", 1, 24, 29)]
    utf8 = [(d.range.start.character, d.range.end.character) for d in convert.diagnostics(linted, {}, convert.Presentation(encoding="utf-8"))]
    assert utf8 == [(13, 18), (28, 33)]


def test_disable_comment_goes_above_the_line_indented_like_it(project: Project) -> None:
    text = "# Title\r\n\r\n- first\r\n  it cures colds\r\n"
    linted = _lint(project, "a.md", text)
    finding = next(f for f in linted.findings if f.rule == "TST001")
    edit = convert.disable_next_line_edit(linted.document, finding)
    fixed = _apply(text, edit)
    assert fixed == "# Title\r\n\r\n- first\r\n  <!-- claimlint: disable-next-line TST001 -->\r\n  it cures colds\r\n"
    assert [f.rule for f in _lint(project, "a.md", fixed).findings] == []


def test_disclaimer_goes_before_the_end_of_an_html_body(project: Project) -> None:
    text = "<html><body>\n<h1>Knees</h1>\n<p>Surgery helps. Ask a doctor.</p>\n</body></html>\n"
    linted = _lint(project, "a.html", text)
    assert [f.rule for f in linted.findings] == ["TST301"]
    edit = convert.disclaimer_edit(linted.document, "This is not medical advice; ask your doctor & nurse.", "utf-16")
    fixed = _apply(text, edit)
    assert fixed.endswith("<p>This is not medical advice; ask your doctor &amp; nurse.</p>\n</body></html>\n")
    assert _lint(project, "a.html", fixed).findings == ()


@pytest.mark.parametrize(("text", "lead"), [("Surgery. A doctor.", "\n\n"), ("Surgery. A doctor.\n", "\n"), ("Surgery. A doctor.\n\n", "")])
def test_disclaimer_is_a_paragraph_of_its_own(project: Project, text: str, lead: str) -> None:
    linted = _lint(project, "a.md", text)
    edit = convert.disclaimer_edit(linted.document, "This is not medical advice; ask your doctor.", "utf-16")
    assert edit.new_text == f"{lead}This is not medical advice; ask your doctor.\n"
    assert _lint(project, "a.md", _apply(text, edit)).findings == ()


def test_code_actions_only_for_findings_in_the_range(project: Project) -> None:
    text = "It cures.\nWe utilize it.\n"
    linted = _lint(project, "a.txt", text)
    one_line = types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=2))
    actions = convert.code_actions(linted, "file:///a.txt", one_line, {}, convert.Presentation())
    assert [a.title for a in actions] == []  # TST002 at 1:3-1:10 is outside 1:0-1:2
    over = types.Range(start=types.Position(line=1, character=4), end=types.Position(line=1, character=4))
    actions = convert.code_actions(linted, "file:///a.txt", over, {}, convert.Presentation())
    assert [a.title for a in actions] == ["Disable TST002 (golden-swap) for this line"]


def test_hover_explains_the_finding_under_the_cursor(project: Project) -> None:
    linted = _lint(project, "a.txt", "It cures.\n")
    specs = convert.rule_specs(project.ruleset.known)
    hover = convert.hover(linted, specs, types.Position(line=0, character=5), convert.Presentation(docs_url="https://docs.invalid/{code}"))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == (
        "**TST001** `golden-claim-words` (error): 'cures' is a test trigger.\n\n"
        "**Why:** Test rule for exact positions.\n\n"
        "[TST001 golden-claim-words](https://docs.invalid/TST001)"
    )
    assert hover.range == types.Range(start=types.Position(line=0, character=3), end=types.Position(line=0, character=8))
    assert convert.hover(linted, specs, types.Position(line=0, character=1), convert.Presentation()) is None


def test_buffers_get_their_paths_overrides(tmp_path: Path, project: Project) -> None:
    config = tmp_path / "claimlint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "overrides:\n  - files: ['drafts/**']\n    ignore: [TST001]\n", encoding="utf-8")
    reloaded = load_project(tmp_path)
    assert [f.rule for f in _lint(reloaded, "drafts/a.txt", "It cures.\n").findings] == []
    assert [f.rule for f in _lint(reloaded, "posts/a.txt", "It cures.\n").findings] == ["TST001"]


def test_an_unused_suppression_explains_itself(project: Project) -> None:
    linted = _lint(project, "a.md", "<!-- claimlint: disable-next-line TST001 -->\nAll fine.\n")
    specs = convert.rule_specs(project.ruleset.known)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in convert.diagnostics(linted, specs, convert.Presentation())] == [("SYS003", 0, 0)]
    hover = convert.hover(linted, specs, types.Position(line=0, character=10), convert.Presentation())
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("**SYS003** `unused-suppression` (warning): suppression of TST001 suppresses nothing; remove it\n\n**Why:** ")


def test_an_unused_suppression_can_be_removed(project: Project) -> None:
    text = "Intro.\r\n  <!-- claimlint: disable-next-line TST001 -->\r\nAll fine. 😀 <!-- claimlint: disable-line TST002 --> ok\r\n"
    linted = _lint(project, "a.md", text)
    everything = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=3, character=0))
    actions = [a for a in convert.code_actions(linted, "file:///a.md", everything, {}, convert.Presentation()) if a.title.startswith("Remove")]
    assert len(actions) == 2 and all(a.edit and a.edit.changes for a in actions)
    edits = [a.edit.changes["file:///a.md"][0] for a in actions if a.edit and a.edit.changes]
    # Alone on its line: the line goes, break included. Beside text: only the comment goes (UTF-16: the emoji is 2).
    assert [(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character) for e in edits] == [(1, 0, 2, 0), (2, 13, 2, 52)]


def test_a_corpus_refresh_keeps_the_rules_and_their_overrides(tmp_path: Path, project: Project) -> None:
    import shutil

    from claimlint.server.project import refresh_corpus
    from tests.conftest import ROOT

    shutil.copy(ROOT / "rules" / "boilerplate" / "duplicated-passage.yaml", tmp_path / "rules")  # a corpus check to refresh
    config = tmp_path / "claimlint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "overrides:\n  - files: ['drafts/**']\n    severity: {TST001: info}\n", encoding="utf-8")
    refreshed = refresh_corpus(load_project(tmp_path))
    assert [(f.rule, f.severity.value) for f in _lint(refreshed, "drafts/a.txt", "It cures.\n").findings] == [("TST001", "info")]
    assert [(f.rule, f.severity.value) for f in _lint(refreshed, "a.txt", "It cures.\n").findings] == [("TST001", "error")]
