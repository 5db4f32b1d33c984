"""Suggestions: a replacement drops into the sentence and leaves it whole; anything else is advice.

Each finding's data says which (`suggestion_kind`). Snippets are our own.
"""

from __future__ import annotations

import pytest

from claimlint.rulefile import load_rule_dirs, default_rules_dir
from tests.conftest import lint_text


def _rewritten(text: str, rules: list[str]) -> list[tuple[str, str]]:
    """(kind, the sentence with every replacement applied) for each finding with a suggestion."""
    results = []
    for finding in lint_text(text, select=rules):
        if finding.suggestion is None:
            continue
        kind = dict(finding.data).get("suggestion_kind")
        assert kind in ("replacement", "advice"), finding
        if kind == "replacement":
            line = text.splitlines()[finding.line - 1]
            line = line[: finding.column - 1] + finding.suggestion + line[finding.end_column - 1 :]
            results.append((kind, line))
        else:
            results.append((kind, finding.suggestion))
    return results


REPLACEMENTS = [
    ("This herbal tea cures arthritis.", ["CLM101"], "This herbal tea may help treat arthritis."),
    ("This implant eliminates nerve pain.", ["CLM101"], "This implant may reduce nerve pain."),
    ("The diet reverses diabetes.", ["CLM101"], "The diet may slow or improve diabetes."),
    ("The procedure is completely safe.", ["CLM103"], "The procedure is generally safe."),
    ("Our laser treatment is painless.", ["CLM103"], "Our laser treatment is usually only mildly painful."),
    ("We offer the best spine surgery in the region.", ["CLM106"], "We offer a good spine surgery in the region."),
    ("Robotic surgery has revolutionized spine care.", ["CLM107"], "Robotic surgery has changed spine care."),
    ("The brace offers permanent relief from sciatica.", ["CLM102"], "The brace offers long-lasting relief for many people from sciatica."),
    ("Yoga improves mobility.", ["CLM105"], "Yoga may improve mobility."),
    ("Smoking causes cancer.", ["CLM105"], "Smoking is linked to cancer."),
]


@pytest.mark.parametrize(("text", "rules", "expected"), REPLACEMENTS, ids=[r[0] for r in REPLACEMENTS])
def test_replacement_leaves_a_whole_sentence(text: str, rules: list[str], expected: str) -> None:
    assert _rewritten(text, rules) == [("replacement", expected)]


def test_advice_is_marked_as_advice() -> None:
    assert _rewritten("Our surgeons guarantee results.", ["CLM102"]) == [
        ("advice", "Say what usually happens, for how many people, and that results vary.")
    ]
    assert _rewritten("It is a miracle cream.", ["CLM107"]) == [("advice", "Remove the word.")]


def _fail_examples() -> list[tuple[str, str]]:
    return [
        (check.spec.code, text)
        for check in load_rule_dirs([default_rules_dir()])
        if check.spec.type == "claim"
        for text in check.spec.examples_fail
    ]


@pytest.mark.parametrize(("code", "text"), _fail_examples())
def test_every_replacement_in_the_rule_examples_keeps_the_sentence_whole(code: str, text: str) -> None:
    """A replacement never leaves template debris, doubled words, a lost capital or a lost full stop."""
    for kind, sentence in _rewritten(text, [code]):
        if kind != "replacement":
            continue
        assert not any(mark in sentence for mark in "{}[]"), sentence
        assert "  " not in sentence and sentence[:1].isupper() == text[:1].isupper(), sentence
        assert sentence.rstrip()[-1:] == text.rstrip()[-1:], sentence
        words = [w.lower().strip(".,!?") for w in sentence.split()]
        assert not any(a == b for a, b in zip(words, words[1:])), sentence
