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
        ([r"\d+ percent"], tuple("0123456789")),  # \d: ASCII digits (a text with others is searched plainly)
        ([r"[a-z]+ percent"], None),  # a character class too large to list
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


@pytest.mark.parametrize(
    ("source", "required"),
    [
        (r"(?<![\w])(?:a\s+miracle\s+cure)(?![\w])", (("miracle",), ("cure",))),
        (r"guarant(?:ee|eed|ees)|promise[sd]?", (("guarantee", "promise"),)),  # "guaranteed" holds "guarantee"
        (r"\bpatients?(?:'s)?\s+(?:say|said)", (("patient",), ("said", "say"))),
        (r"(?:very )?BEST", (("best",),)),  # case-folded
        (r"\d+\s+percent", (("percent",),)),
        (r"(?:an?|the)\s+(?:\w+\s+)?cure", (("cure",),)),  # "a", "the": too short to tell anything
        (r"(?:cure){e<=1}", ()),  # fuzzy matching: `regex` syntax that Python's parser reads as text
        (r"[[:alpha:]]+ly", ()),  # a POSIX class: Python's parser warns
        (r"cure|.*", ()),  # a branch that needs no text at all
    ],
)
def test_required_literals_are_what_every_match_contains(source: str, required: patterns.Required) -> None:
    assert patterns.required_literals(source) == required


def test_a_token_whose_words_are_not_in_the_document_is_never_compiled_or_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = patterns._compiled.__wrapped__
    monkeypatch.setattr(patterns, "_compiled", lambda source, flags: compiled.append(source) or real(source, flags))
    pattern = patterns.compile_tokens(["a miracle cure", "heals?"], vetted=patterns.Vetted({}))
    text = patterns.SearchText("This tea heals a cold, a miracle of sorts.")
    assert [m.group() for m in patterns.finditer_ranges(pattern, text, [(0, len(text.text))])] == ["heals"]
    assert not any("miracle" in source for source in compiled)  # "cure" is not in the text: "a miracle" is no candidate
    text = patterns.SearchText("This tea heals a cold, a miracle cure.")
    assert [m.group() for m in patterns.finditer_ranges(pattern, text, [(0, len(text.text))])] == ["heals", "a miracle cure"]


@pytest.mark.parametrize(
    "text",
    [
        "We GUARANTEE RESULTS and A Miracle Cure.",  # case
        "We guaranteed results, a miracle\ncure.",  # inflection, a line break for the space
        "We guarantees results; ſo a miracle cure.",  # a long s: folds to "s", as `regex` matches it
        "We guarantee results: İt is a miracle cure.",  # dotted capital I: folds to two characters, searched plainly
        "We guarantee µg results, a miracle cure.",  # a micro sign: folds to mu
        "We guarantee results in cm²a miracle cure.",  # "²": a word character for `re`, not for `regex`
        "We guarantee results, a miracle cure, cafe\u0301.",  # a combining mark: the reverse
    ],
)
def test_prefilters_find_the_plain_matches_across_case_inflection_and_folding(text: str) -> None:
    pattern = patterns.compile_tokens(["guarantee[sd]? (?:µg )?results", "a miracle cure", "ſo"])
    plain = [m.span() for m in pattern.compiled.finditer(text)]
    assert len(plain) >= 2
    assert [m.span() for m in patterns.finditer(pattern, patterns.SearchText(text))] == plain
    assert [m.span() for m in patterns.finditer_ranges(pattern, patterns.SearchText(text), [(0, len(text))])] == plain


def test_a_prefiltered_rule_finds_its_claim_through_invisible_characters_at_exact_columns(tmp_path: Path) -> None:
    from claimlint.rulefile import load_rule_file
    from tests.conftest import lint_text

    rule = tmp_path / "miracle.yaml"
    rule.write_text(
        "code: CLM199\nname: miracle-test\ntype: pattern\ncategory: claim\nseverity: error\n"
        "message: \"'{match}' is a miracle claim.\"\nrationale: A test rule.\ntokens: ['a miracle cure', 'guarantee[sd]? results']\n"
        "examples:\n  fail: ['It is a miracle cure.']\n  pass: ['It is a cure.']\n",
        encoding="utf-8",
    )
    text = "Our tea is A Mira\u00adcle\u200b Cure.\nWe guaran\u00adteed\u00a0results.\n"
    found = [(f.line, f.column, f.end_column, f.excerpt) for f in lint_text(text, specs=load_rule_file(rule))]
    assert found == [(1, 12, 28, "A Mira\u00adcle\u200b Cure"), (2, 4, 23, "guaran\u00adteed\u00a0results")]


def test_whitespace_prefixes_hold_every_character_regex_calls_white_space() -> None:
    # SearchText.spaced makes each str.isspace() character a space, which \s in a prefix stands for.
    import sys

    import regex

    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    assert all(char.isspace() for char in regex.findall(r"\s", every))
    assert patterns.compile_tokens(["in vitro", "a miracle"]).prefixes == ("a ", "in ")  # "a" is a word, not "about"


def test_digit_prefixes_hold_only_where_every_digit_is_ascii() -> None:
    pattern = patterns.compile_tokens([r"\d+ percent (?:less|fewer) \w+", "cures?"])
    for text in ["Up to 90 percent less pain.", "Up to \u0669\u0660 percent less pain, it cures."]:  # Arabic-Indic 90
        plain = [m.span() for m in pattern.compiled.finditer(text)]
        assert plain and [m.span() for m in patterns.finditer(pattern, patterns.SearchText(text))] == plain
    assert not patterns.SearchText("\u0669\u0660 percent").indexable


@pytest.mark.parametrize("signals", ["_COMMERCE", "_REPORTING"])
def test_page_type_signals_split_at_their_branches_count_what_the_whole_regex_counts(signals: str) -> None:
    import regex

    from claimlint import pagetype

    source, flags = getattr(pagetype, signals)
    split = pagetype._signals(source, flags)
    assert len(split.alternatives) > 10 and split.rest is not None  # split, with branches found only by search
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "fixtures").rglob("*.md"))]
    texts.append(
        "ORDER NOW and save 20%! Only $49.99 per bottle, free shipping, money-back guarantee. Call us today.\n"
        "By Ana Ruiz\n\nLONDON (Reuters) - The study found, researchers said, that 12 trials...\n"
        '"It works," she said. Smith said the review authors found moderate-certainty evidence in 1,200 participants.'
    )
    whole = regex.compile(source, flags)
    counted = 0
    for text in texts:
        expected = [m.span() for m in whole.finditer(text)]
        assert [m.span() for m in patterns.finditer(split, patterns.SearchText(text), timeout=None)] == expected
        counted += len(expected)
    assert counted >= 5  # the texts do hold signals to count


@pytest.mark.parametrize(
    ("token", "long"),
    [
        (r"the\s+best", ("the best",)),
        (r"the\s\sbest", ("the best",)),  # two white-space characters read as one space, as the text is
        (r"the\s+(?:\w+\s+)?most", ("the ", "the most")),  # "the " is closed: what follows it is not known
        (r"(?:very|so)\s+(?:safe|good)", ("so good", "so safe", "very good", "very safe")),
        (r"a\s*b\s+cd", ("a b cd", "ab cd")),
        (r"guarantee[sd]?\s+results", ("guarantee re", "guaranteed", "guarantees")),
        (r"\w+\s+best", None),
    ],
)
def test_long_prefixes_read_each_run_of_white_space_as_one_space(token: str, long: tuple[str, ...] | None) -> None:
    assert patterns._long_prefixes(patterns._bounded(f"(?:{token})")) == long


@pytest.mark.parametrize(
    "text",
    [
        "It is the best. It is THE\tBEST! The\n\n   best cure, the\u00a0best one.",
        "the" + " " * 40 + "best, and the" + "\n" * 30 + "most effective cure",  # runs longer than a head
        "so  safe, very\u2003good, the most effective, the very most effective, a b cd, ab\ncd and the bes",
    ],
)
def test_long_prefixes_keep_every_match_across_white_space_runs(text: str) -> None:
    pattern = patterns.compile_tokens(["the best", r"the (?:\w+ )?most effective", "(?:very|so) (?:safe|good)", r"a\s*b cd", "zebra"])
    assert pattern.alternatives and any(len(text) > 4 for alternative in pattern.alternatives for text in alternative.long_prefixes or ())
    plain = [m.span() for m in pattern.compiled.finditer(text)]
    assert len(plain) >= 2
    assert [m.span() for m in patterns.finditer(pattern, patterns.SearchText(text))] == plain
    assert [m.span() for m in patterns.finditer_ranges(pattern, patterns.SearchText(text), [(0, len(text))])] == plain


def test_a_long_head_reads_past_runs_of_white_space() -> None:
    searched = patterns.SearchText("The" + " \n\t " * 20 + "Most  effective  cure")
    assert searched.long_head(0) == "the most eff"
    assert searched.long_head(len(searched.text) - 4) == "cure"


def test_a_literal_of_letters_is_found_among_the_texts_distinct_runs_of_letters() -> None:
    searched = patterns.SearchText("Cures; x_y 12ab NAÏVE well-being. Cures again, x_y!")
    assert searched.foldable
    for literal, present in [("cures", True), ("ab", True), ("naïve", True), ("ell", True), ("xy", False), ("x_y", True),
                             ("wellbeing", False), ("well-being", True), ("cures again", True), ("2a", True), ("curesx", False)]:
        assert searched.holds(((literal,),)) is present, literal
        assert (literal in searched.folded) is present, literal


def test_required_literals_may_allow_larger_sets() -> None:
    source = "(?:" + "|".join(f"w{index:02d}x" for index in range(20)) + ")"
    assert patterns.required_literals(source) == ()  # 20 texts: more than a set of 16 tells
    assert patterns.required_literals(source, limit=32) == (tuple(f"w{index:02d}x" for index in range(20)),)


def test_a_regex_searched_branch_by_branch_finds_what_the_whole_regex_finds() -> None:
    import regex

    from claimlint.checks.claim import hedging

    whole = regex.compile(hedging._SOURCE._source, hedging._SOURCE._flags)
    sentences = [
        "Tea cures colds [3], a 2021 study found, according to the CDC (Smith et al., 2020).",
        "Doctors said it works; researchers at Oxford agree.",  # two branches could start at "researchers"
        "The trial of 400 adults showed less pain.1,2 The review found nothing.",
        "Our study of 40 patients found it works, our data show.",
        "It works wonders, they say, says the American Heart Association.",
        "Nothing cited here at all.",
        "A review published in 2019 by the World Health Organisation, high-quality evidence.",
        # Literals are tested in the folded text before a branch is searched: upper case, and a
        # text whose folding is not character by character ("ß"), which searches every branch.
        "ACCORDING TO THE NIH, RESEARCHERS SAID a 2020 STUDY found it; the cdc did not.",
        "Die Straße: according to data from a 2018 trial of 90 people, 1,2 it helps.",
    ]
    tries = 0
    for sentence in sentences:
        for position in range(len(sentence) + 1):
            expected = whole.search(sentence, position)
            found = hedging._SOURCE.search(sentence, position)
            assert (found.span(), found.group()) == (expected.span(), expected.group()) if expected else found is None, (sentence, position)
            tries += expected is not None
    assert tries > 200



def test_compile_all_leaves_nothing_to_compile_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    # What the resident process does before forking: a child then compiles nothing that the rules
    # or claimlint's own module-level regexes need.
    import types

    from claimlint import engine
    from claimlint.config import Config

    checks = engine.load_rules(Config())
    module = types.ModuleType("own_regexes")
    module.LAZY = patterns.lazy_regex(r"\bzz(?:y|z)top\b")  # type: ignore[attr-defined]
    module.BRANCHES = patterns.BranchSearch(r"qq1|qq2")  # type: ignore[attr-defined]
    patterns.compile_all(checks, [module])
    compiles: list[str] = []
    real_compile = patterns.regex.compile
    monkeypatch.setattr(patterns.regex, "compile", lambda source, flags=0: compiles.append(source) or real_compile(source, flags))
    used = 0
    for pattern in patterns.patterns_in(checks):
        for source in (pattern.source, *(alternative.source for alternative in pattern.alternatives)):
            patterns._compiled(source, pattern.flags)
            used += 1
    assert module.LAZY.search("a zzztop b") and module.BRANCHES.search("x qq2").group() == "qq2"  # type: ignore[attr-defined]
    assert used > 100 and compiles == []


@pytest.mark.parametrize(
    ("text", "literal", "starts"),
    [
        ("The pain, the cure; then THE end.", "the ", [0, 10, 25]),  # cannot overlap itself: summed from split pieces
        ("aaaa", "aa", [0, 1, 2]),  # overlaps itself: every start, as str.find finds them
        ("abababa", "aba", [0, 2, 4]),
        ("no such words", "cure", []),
        ("cure", "cure", [0]),
    ],
)
def test_every_start_of_a_literal_is_found_overlapping_or_not(text: str, literal: str, starts: list[int]) -> None:
    searched = patterns.SearchText(text)
    assert searched._find_all(literal) == starts
    # reach reads them: the last start from which the literal still ends before `end`
    assert searched.reach(((literal,),), len(text)) == (starts[-1] if starts else -1)
