"""User patterns: compile errors, timeouts, and the prefilter that must never change a match."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import patterns
from claimlint.checks import rule_type
from claimlint.document import parse_document
from claimlint.markup import BlockKind
from tests.conftest import ROOT, default_specs, source_of


@pytest.mark.parametrize(
    ("tokens", "prefixes"),
    [
        (["cures?"], ("cure",)),
        (["(?:very )?best", "#1"], ("#1", "best", "very")),
        (["100% safe"], ("100%",)),
        (["[Ss]afe"], ("safe",)),
        ([".*cure"], None),  # may start anywhere
        ([r"\d+ percent"], None),  # a character class too large to list
        (["(?:a|aa)+b"], ("a", "aa")),
    ],
)
def test_prefixes_are_what_every_match_starts_with(tokens: list[str], prefixes: tuple[str, ...] | None) -> None:
    assert patterns.compile_tokens(tokens).prefixes == prefixes


def test_bad_token_is_named() -> None:
    with pytest.raises(patterns.PatternError, match=r"bad regex 'cur\(es'"):
        patterns.compile_tokens(["fine", "cur(es", "also fine"])


def test_runaway_pattern_times_out() -> None:
    pattern = patterns.compile_tokens(["(?:a|aa)+b"])
    with pytest.raises(patterns.PatternTimeout):
        list(patterns.finditer(pattern, "a" * 60, timeout=0.05))
    with pytest.raises(patterns.PatternTimeout):
        list(patterns.finditer_ranges(pattern, patterns.SearchText("a" * 60), [(0, 60)], timeout=0.05))


def test_text_whose_lower_case_changes_length_still_matches() -> None:
    pattern = patterns.compile_tokens(["cures?"])
    text = patterns.SearchText("İstanbul: this tea CURES colds.")
    assert [m.group() for m in patterns.finditer_ranges(pattern, text, [(0, len(text.text))])] == ["CURES"]


def _shipped_patterns() -> list[tuple[str, patterns.Pattern]]:
    found = []
    for spec in default_specs():
        if spec.type not in ("claim", "pattern", "disclaimer"):
            continue
        check = rule_type(spec.type).build(spec)
        for name, value in vars(check).items():
            if isinstance(value, patterns.Pattern):
                found.append((f"{spec.code}.{name}", value))
    return found


def _corpus() -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "data" / "claims").glob("*.tsv"))]
    return "\n\n".join(texts)


@pytest.mark.parametrize("one_by_one", [0, 10**9], ids=["alternatives joined", "alternatives one by one"])
@pytest.mark.parametrize(("name", "pattern"), _shipped_patterns(), ids=lambda value: value if isinstance(value, str) else "")
def test_prefiltered_search_finds_exactly_the_plain_matches(
    name: str, pattern: patterns.Pattern, one_by_one: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patterns, "_ONE_BY_ONE", one_by_one)
    doc = parse_document(source_of(_corpus(), "corpus.txt"))
    ranges = doc.block_ranges(frozenset(BlockKind))
    plain = [(m.span(), m.lastgroup) for start, end in ranges for m in pattern.compiled.finditer(doc.text, start, end)]
    fast = [(m.span(), m.lastgroup) for m in patterns.finditer_ranges(pattern, doc.search_text, ranges)]
    assert fast == plain
    whole = [(m.span(), m.lastgroup) for m in patterns.finditer(pattern, doc.search_text)]
    assert whole == [(m.span(), m.lastgroup) for m in pattern.compiled.finditer(doc.text)]


def test_a_lazy_regex_compiles_on_first_use_and_acts_as_the_compiled_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import regex

    compiled: list[str] = []
    real = patterns._compiled.__wrapped__
    monkeypatch.setattr(patterns, "_compiled", lambda source, flags: compiled.append(source) or real(source, flags))
    lazy = patterns.lazy_regex(r"\bcures?\b", regex.IGNORECASE)
    assert compiled == []
    text = "It CURES colds; the cure is rest."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in regex.finditer(r"\bcures?\b", text, regex.IGNORECASE)]
    assert lazy.search("no match here") is None
    assert lazy.pattern == r"\bcures?\b"
    assert compiled == [r"\bcures?\b"] * 3  # once per attribute first read (the compile itself is memoized)
