"""Property tests: random articles never crash the engine, and every finding points at its excerpt.

Text is built from words (ASCII, accented, emoji, CJK), Markdown and HTML markup, entities,
and random line endings, with or without a BOM. The real default rule pack runs, plus a
pattern rule matching common words, so there are findings in and around all of that.
"""

from __future__ import annotations

import codecs
import functools
import tempfile
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint import engine
from claimlint.checks import RunContext
from claimlint.config import Config
from claimlint.finding import Finding
from claimlint.rulefile import load_rule_file
from tests.conftest import default_checks, source_of
from tests.robustness.conftest import pattern_rule

COMMON_WORDS = ["the", "and", "cures", "pain", "café", "naïve", "prior to", "doctors agree", "100%", "a"]


def _specs() -> list:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "words.yaml"
        path.write_text(pattern_rule("TST900", "common-words", [w.replace("%", "\\%") for w in COMMON_WORDS]), encoding="utf-8")
        return default_checks() + load_rule_file(path)


SPECS = _specs()
CONFIG = Config(ignore=("GRM101",))  # needs a LanguageTool server; everything else runs
NAMES = ("a.md", "a.html", "a.txt")


@functools.lru_cache(maxsize=None)
def _prepared(name: str) -> tuple[engine.RuleSet, RunContext]:
    """The rule set prepared once per file name (preparing builds indexes; examples only lint)."""
    context = engine.run_context(CONFIG, (name,), use_cache=False)
    ruleset, _ = engine.prepare_ruleset(engine.build_ruleset(CONFIG, SPECS), context)
    return ruleset, context


def lint(data: bytes, name: str) -> list[Finding]:
    ruleset, context = _prepared(name)
    return engine.lint_source(source_of(data, name), ruleset, context, CONFIG)

WORDS = st.sampled_from(
    COMMON_WORDS
    + ["This", "tea", "eliminates", "arthritis.", "It", "is", "100%", "safe!", "Patients", "walk", "postoperatively", "Dr.", "e.g.", "3.5"]
    + ["über", "ﬁne", "İstanbul", "straße", "日本語", "😀", "👩🏽‍⚕️", "\u200b", "a\u0301", "\t", "  "]
)
MARKUP = st.sampled_from(
    ["**", "*", "_", "__", "`", "```", "~~~", "[", "](http://x.org/a_b)", "![alt](i.png)", "<b>", "</b>", "<p>", "</p>", "<br>",
     "<!--", "-->", "<!-- claimlint: disable-next-line -->", "<script>", "</script>", "&amp;", "&#x1F600;", "&nbsp;", "&bogus;",
     "&#0;", "# ", "## ", "- ", "1. ", "> ", "| ", " | ", "|---|---|", "---", "===", "    ", "\\*", "https://example.org/x.", "<https://a.b>"]
)
LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r"])
PIECES = st.one_of(WORDS, WORDS, WORDS, MARKUP, LINE_ENDINGS, st.text(max_size=3))
FRONT_MATTER = st.sampled_from(["", "---\ntitle: It cures pain\ndescription: 'the best'\n---\n", "---\r\ntitle: a\r\n---\r\n", "---\nbroken: [\n"])


@st.composite
def articles(draw: st.DrawFn) -> tuple[bytes, str, str]:
    """(file bytes, file name, the decoded text every finding must point into)."""
    pieces = draw(st.lists(PIECES, max_size=60))
    text = draw(FRONT_MATTER) + "".join(f"{p} " if draw(st.booleans()) else p for p in pieces)
    name = draw(st.sampled_from(NAMES))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"]))
    if encoding == "utf-8":
        data = text.encode("utf-8", "surrogatepass")
    elif encoding == "utf-8-bom":
        data = codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    else:
        bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
        data = bom + text.encode(encoding, "surrogatepass")
    return data, name, text


_LINES = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def slice_of(text: str, finding: Finding) -> str:
    """The text between (line, column) and (end_line, end_column), counted independently of LineIndex."""
    starts = [m.start() for m in _LINES.finditer(text) if m.group() or m.start() == len(text)]
    starts = list(dict.fromkeys(starts))
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[finding.end_line - 1] + finding.end_column - 1
    return text[start:end]


def _valid(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates cannot be a file's text
        return False
    return "\x00" not in text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_findings_point_at_their_excerpt(article: tuple[bytes, str, str]) -> None:
    data, name, text = article
    if not _valid(text):
        return
    findings = lint(data, name)
    for finding in findings:
        assert not finding.rule.startswith("SYS002"), finding.message  # no rule crashed
        assert 1 <= finding.line <= finding.end_line
        if finding.rule.startswith("SYS") and not finding.excerpt:
            continue
        assert slice_of(text, finding) == finding.excerpt, (finding.rule, finding.line, finding.column, finding.excerpt)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(NAMES))
def test_arbitrary_bytes_never_crash(data: bytes, name: str) -> None:
    from claimlint.source import InputProblem, decode

    source = decode(name, data)
    if isinstance(source, InputProblem):
        assert str(source).startswith(f"{name}: ") and "\n" not in str(source)
        return
    findings = lint(data, name)
    assert not any(f.rule == "SYS002" for f in findings), [f.message for f in findings if f.rule == "SYS002"]


def test_a_hand_made_worst_case_has_findings_at_their_excerpts() -> None:
    # Proof that the property above sees findings: BOM, CRLF, CR, entities, emoji, markup.
    text = "---\r\ntitle: It cures pain\r\n---\r\n# The **cure** 😀\r\rIt &amp; the café cures <b>pain</b>\r\n\r\n> Doctors agree the pain is gone.\n"
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    findings = lint(data, "a.md")
    assert sum(f.rule == "TST900" for f in findings) >= 8
    assert {"CLM101", "CLM104"} <= {f.rule for f in findings}
    for finding in findings:
        if finding.excerpt:
            assert slice_of(text, finding) == finding.excerpt
