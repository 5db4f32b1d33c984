"""The rule-data cache: a rule file checked once is not compiled again, and the cache can never
change what a rule finds (missing, stale, damaged or unwritable, it costs only the compiling)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimlint import patterns, rulefile
from claimlint.cache import Cache
from claimlint.rulefile import load_rule_file
from claimlint.spec import RuleFileError
from tests.conftest import lint_text

# A token list with named groups (the `swap` suggestion says which token matched), a token
# without literal prefixes (tried wherever it may start) and a case-sensitive lookahead.
RULE = """\
code: TST201
name: cache-test
type: pattern
category: claim
severity: warning
message: "'{match}' found"
rationale: Because.
tokens: ['miracle (?:tea|cure)s?', '\\d+ percent (?:proven|guaranteed)', 'cures? (?:all|every)']
swap: {'wonder drug': 'medicine', 'instantly': 'over time'}
examples:
  fail: [This miracle tea works.]
  pass: [This tea is nice.]
"""

ARTICLE = (
    "Our Miracle Teas help. A wonder drug, 100 percent proven, cures all aches instantly.\n\n"
    "Nothing here: miracles, percentages and 12 percent.\n"
)

# What RULE finds in ARTICLE: (line, column, end column, excerpt, suggestion), as the eager
# whole-alternation search found it before patterns were split and compiled lazily.
EXPECTED = [
    (1, 5, 17, "Miracle Teas", None),
    (1, 26, 37, "wonder drug", "medicine"),
    (1, 39, 57, "100 percent proven", None),
    (1, 59, 68, "cures all", None),
    (1, 75, 84, "instantly", "over time"),
]


def _findings(path: Path, cache: Cache | None) -> list[tuple[int, int, int, str, str | None]]:
    checks = load_rule_file(path, cache)
    return [(f.line, f.column, f.end_column, f.excerpt, f.suggestion) for f in lint_text(ARTICLE, specs=checks)]


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every pattern claimlint compiles from now on (the process-wide memo starts empty)."""
    seen: list[str] = []
    real: Callable[[str, int], Any] = patterns._compiled.__wrapped__

    def counting(source: str, flags: int) -> Any:
        seen.append(source)
        return real(source, flags)

    monkeypatch.setattr(patterns, "_compiled", counting)
    return seen


def _rule(tmp_path: Path, text: str = RULE) -> Path:
    path = tmp_path / "rules" / "rule.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_checked_file_is_built_again_without_compiling(tmp_path: Path, compiles: list[str]) -> None:
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    assert _findings(path, None) == EXPECTED
    first = load_rule_file(path, cache)
    assert first[0].spec.vetted is None and compiles  # checked: compiled now
    assert list((tmp_path / "cache" / "rules").rglob("*"))  # and remembered
    compiles.clear()
    again = load_rule_file(path, cache)
    assert again[0].spec.vetted is not None
    assert compiles == []
    assert _findings(path, cache) == EXPECTED


def test_a_checked_file_keeps_its_required_literals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Deriving them parses every token: a fifth of a one-article run before they were kept.
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    fresh = load_rule_file(path, cache)[0].pattern  # type: ignore[attr-defined]
    derived = [alternative.required for alternative in fresh.alternatives]
    assert derived[0] == (("miracle",), ("cure", "tea")) and (("cure",), ("all", "every")) in derived
    derivations: list[str] = []
    monkeypatch.setattr(patterns, "required_literals", lambda source, verbose=False: derivations.append(source) or ())
    again = load_rule_file(path, cache)[0].pattern  # type: ignore[attr-defined]
    assert [alternative.required for alternative in again.alternatives] == derived and derivations == []
    assert _findings(path, cache) == EXPECTED and derivations == []


def test_lazy_alternatives_find_what_the_whole_alternation_finds(tmp_path: Path) -> None:
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    load_rule_file(path, cache)
    (check,) = load_rule_file(path, cache)
    pattern = check.pattern  # type: ignore[attr-defined]
    assert len(pattern.alternatives) == 5 and pattern.rest is None  # split; "\\d+ percent" starts with a digit prefix
    text = patterns.SearchText(ARTICLE)
    split = [(m.span(), m.lastgroup) for m in patterns.finditer(pattern, text)]
    assert split == [(m.span(), m.lastgroup) for m in pattern.compiled.finditer(ARTICLE)]
    assert [group for _, group in split] == ["t0", "t3", "t1", "t2", "t4"]


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    load_rule_file(path, cache)
    _rule(tmp_path, RULE.replace("'cures? (?:all|every)'", "'cur(es'"))
    with pytest.raises(RuleFileError, match=r"rule\.yaml:8:1: rule TST201: bad regex 'cur\(es'"):
        load_rule_file(path, cache)
    _rule(tmp_path, RULE.replace("(?:all|every)", "(?:every)"))
    checks = load_rule_file(path, cache)
    assert checks[0].spec.vetted is None
    assert _findings(path, cache) == [row for row in EXPECTED if row[3] != "cures all"]


def test_a_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    load_rule_file(path, cache)
    entries = [entry for entry in (tmp_path / "cache" / "rules").rglob("*") if entry.is_file()]
    for damaged in ("{not json", '{"format": "claimlint-cache-1", "key": "x", "value": 1}'):
        for entry in entries:
            entry.write_text(damaged, encoding="utf-8")
        # As a new process: this one built the file from the entry the round before rewrote.
        rulefile._vetted_build.cache_clear()
        assert load_rule_file(path, cache)[0].spec.vetted is None
        assert _findings(path, cache) == EXPECTED


def test_a_wrong_shaped_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    for wrong in ({"prefixes": {"i:x": [3]}}, {"prefixes": {}, "required": {"x": [["a", 3]]}}, {"prefixes": {}, "required": {"x": [[]]}}):
        monkeypatch.setattr(Cache, "get", lambda self, namespace, key, wrong=wrong: wrong)
        assert load_rule_file(path, cache)[0].spec.vetted is None
        assert _findings(path, cache) == EXPECTED


def test_an_unwritable_cache_costs_only_the_compiling(tmp_path: Path) -> None:
    path = _rule(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    cache = Cache(blocker / "cache")
    assert load_rule_file(path, cache)[0].spec.vetted is None
    assert load_rule_file(path, cache)[0].spec.vetted is None
    assert _findings(path, cache) == EXPECTED


def test_a_process_builds_each_rule_file_once(tmp_path: Path) -> None:
    # The language server and the resident process's children load the same files again.
    path, cache = _rule(tmp_path), Cache(tmp_path / "cache")
    first = load_rule_file(path, cache)  # checked and stored in the cache
    second, third = load_rule_file(path, cache), load_rule_file(path, cache)  # vetted by the cache: built once
    assert second[0] is third[0] and second[0] is not first[0]
    _rule(tmp_path, RULE.replace("(?:all|every)", "(?:every)"))
    changed = load_rule_file(path, cache)
    assert changed[0] is not third[0] and _findings(path, cache) == [row for row in EXPECTED if row[3] != "cures all"]
