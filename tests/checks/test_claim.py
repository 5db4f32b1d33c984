"""The `claim` rule type on article snippets: exact rule, line, column, end column and severity."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.spec import RuleFileError
from claimlint.rulefile import load_rule_file
from tests.conftest import lint_text

Expected = list[tuple[str, int, int, int, str]]  # rule, line, column, end_column, severity


def _claims(text: str, filename: str = "article.txt") -> Expected:
    return [(f.rule, f.line, f.column, f.end_column, f.severity.value) for f in lint_text(text, filename, select=["CLM"])]


CASES: list[tuple[str, str, Expected]] = [
    # Hedges govern their own clause.
    ("clause-hedged", "Surgery may reduce pain.", []),
    ("hedge-in-other-clause", "Results may vary, but this implant eliminates pain.", [("CLM101", 1, 36, 51, "error")]),
    ("hedge-in-other-sentence", "Results may vary. This implant eliminates pain.", [("CLM101", 1, 32, 47, "error")]),
    # Strength: strong clears, weak lowers, "may cure" stays a cure claim one level lower.
    ("strong-hedge", "Studies suggest that regular walking lowers blood pressure.", []),
    ("associated-with", "Coffee is associated with a lower risk of liver disease.", []),
    ("some-patients", "For some people, acupuncture eases migraine symptoms.", []),
    ("weak-hedge", "The procedure can reduce pain.", [("CLM105", 1, 19, 30, "warning")]),
    ("often", "Yoga often improves mobility.", [("CLM105", 1, 12, 29, "info")]),
    ("may-cure", "This supplement may cure migraines.", [("CLM101", 1, 21, 25, "warning")]),
    ("unhedged-efficacy", "Yoga improves mobility in people with arthritis.", [("CLM105", 1, 6, 23, "error")]),
    # Non-epistemic "may" is no hedge.
    ("may-eligible", "You may be eligible for a brace that reduces knee pain.", [("CLM105", 1, 38, 55, "error")]),
    ("month-may", "In May the clinic opened a program that reduces stress.", [("CLM105", 1, 41, 55, "error")]),
    ("may-not-be-used", "The cream may not be used on broken skin and relieves itching fast.", []),
    # Negation and safety advice.
    ("no-cure", "There is no cure for Parkinson's disease.", []),
    ("does-not-guarantee", "Surgery does not guarantee results.", []),
    ("no-procedure-risk-free", "No procedure is risk-free.", []),
    ("always-consult", "Always consult your doctor before changing your medication.", []),
    ("never-delay", "Never delay seeking care for chest pain.", []),
    ("no-risk", "This treatment carries no risk.", [("CLM103", 1, 16, 31, "error")]),
    ("no-side-effects", "The tea has no side effects.", [("CLM103", 1, 13, 28, "error")]),
    ("never-fails", "Our method never fails.", [("CLM102", 1, 12, 23, "error")]),
    ("not-only", "It not only reduces pain but also speeds up recovery.", [("CLM105", 1, 13, 25, "error"), ("CLM105", 1, 35, 53, "error")]),
    # Evidence: a source clears a statistic or efficacy claim; the bare figure is flagged.
    ("sourced-statistic", "In a 2021 trial of 400 adults, 62% of patients reported less pain [3].", []),
    ("according-to", "According to the CDC, smoking increases the risk of heart disease.", []),
    ("bare-statistic", "Overall, 62% of patients reported less pain.", [("CLM108", 1, 10, 25, "error")]),
    ("author-year", "Exercise reduces low back pain (Smith et al., 2019).", []),
    # False friends.
    ("curettage", "Curettage removes tissue from the uterus.", []),
    ("secure", "Make sure the brace is secure.", []),
    ("safety", "Patient safety comes first.", []),
    ("unproven", "The treatment is unproven.", []),
    ("best-practice", "Best practice is to change the dressing daily.", []),
    ("breakthrough-pain", "Breakthrough pain can happen between doses.", []),
    ("minimally-invasive", "Minimally invasive surgery uses smaller incisions.", []),
    ("best-candidates", "The best candidates are adults with one herniated disc.", []),
    # Questions are not assertions; a mention is not a claim.
    ("question", "Does coffee lower the risk of liver disease?", []),
    ("mention", "Be wary of products advertised as miracle cures.", []),
    ("quoted-term", 'Products labelled "clinically proven" deserve a second look.', []),
    # Other kinds at their trigger words.
    ("hype", "Robotic surgery has revolutionized spine care.", [("CLM107", 1, 21, 35, "warning")]),
    ("hype-mild", "We offer state-of-the-art care.", [("CLM107", 1, 10, 26, "info")]),
    ("superlative", "We offer the best spine surgery in the region.", [("CLM106", 1, 10, 18, "warning")]),
    ("proof", "Our formula is clinically proven to work.", [("CLM104", 1, 16, 33, "warning")]),
    ("same-day", "Most patients go home the same day.", [("CLM108", 1, 1, 35, "error")]),
    ("testimonial", "One patient told us her pain was gone.", [("CLM109", 1, 1, 20, "warning"), ("CLM109", 1, 21, 38, "warning")]),
    ("urgency", "Act now before it's too late.", [("CLM110", 1, 1, 8, "warning"), ("CLM110", 1, 9, 29, "warning")]),
    ("emergency-not-urgency", "If you have chest pain, don't wait: call 911.", []),
    ("lab-animal", "A study in mice shows that turmeric prevents cancer.", [("CLM105", 1, 37, 52, "error"), ("CLM111", 1, 9, 16, "warning")]),
    ("lab-animal-qualified", "In mice, the compound slowed tumor growth, but it has not been tested in humans.", []),
    ("directive", "Stop taking your statins.", [("CLM112", 1, 1, 25, "warning")]),
    ("directive-with-doctor", "Never stop taking your statins without talking to your doctor.", []),
]


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in CASES], ids=[case[0] for case in CASES])
def test_claim_snippets(text: str, expected: Expected) -> None:
    assert sorted(_claims(text)) == sorted(expected)


def test_markdown_heading_question_is_not_a_claim_but_the_body_is() -> None:
    text = "# Is it 100% safe?\n\nThe laser is **completely safe** for everyone.\n"
    assert _claims(text, "article.md") == [("CLM103", 3, 16, 31, "error")]


def test_heading_claim_is_reported_at_the_trigger_not_the_heading_start() -> None:
    text = "How Yoga Improves Mobility\n\nYoga is a gentle form of exercise.\n"
    assert _claims(text) == [("CLM105", 1, 10, 27, "error")]


def test_message_suggestion_and_lowered_note() -> None:
    [finding] = lint_text("The brace can reduce knee pain.", select=["CLM105"])
    assert finding.excerpt == "reduce knee pain"
    assert finding.suggestion == "may reduce knee pain"
    assert "(lowered: weakly hedged by 'can')" in finding.message
    assert dict(finding.data)["kind"] == "efficacy"


def test_hype_rewrite_is_the_suggestion() -> None:
    [finding] = lint_text("Surgery has revolutionized spine care.", select=["CLM107"])
    assert finding.suggestion == "changed"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("triggers: [cures]\nhedged: sometimes", "hedged must be one of clear, lower, ignore"),
        ("effect_verbs: [reduce]\ncapabilities: always", "capabilities must be one of rule, page"),
    ],
    ids=["hedged", "capabilities"],
)
def test_an_unknown_choice_is_a_rule_file_error_at_its_line(tmp_path: Path, line: str, expected: str) -> None:
    rule = tmp_path / "bad.yaml"
    rule.write_text(
        "code: CLM199\nname: bad-claim\ntype: claim\ncategory: claim\nseverity: warning\nkind: test\n"
        f"message: m\nrationale: r\n{line}\nexamples: {{fail: [x cures y]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as error:
        load_rule_file(rule)
    assert str(error.value).startswith(f"{rule}:10:1: rule CLM199: {expected}")
