"""Claim kinds beyond marker phrases, and commerce that is no health claim: snippet in, exact findings out.

Snippets are written for these tests in the style of sales, clinic and news pages.
Expected: (rule, line, column, end_column, severity) on an advice page (no page signals).
"""

from __future__ import annotations

import pytest

from claimlint.config import Config
from tests.conftest import lint_text

Expected = list[tuple[str, int, int, int, str]]

MY_RULES = ["CLM101", "CLM102", "CLM103", "CLM104", "CLM106", "CLM107", "CLM108", "CLM109", "CLM110", "CLM112"]


def _claims(text: str, page_type: str = "auto") -> Expected:
    findings = lint_text(text, select=MY_RULES, config=Config(page_type=page_type))
    return [(f.rule, f.line, f.column, f.end_column, f.severity.value) for f in findings]


CASES: list[tuple[str, str, Expected]] = [
    # Commerce is not a health claim (item 5).
    ("money-back", "Every bottle comes with a 100% money-back guarantee.", []),
    ("refund-risk-free", "Try it risk-free for 90 days or get a full refund.", []),
    ("natural-ingredients", "Made from 100% natural ingredients.", []),
    ("order-button", "Click here to order now.", []),
    ("best-value", "Six jars: best value.", []),
    ("quality-guarantee", "We test every batch to guarantee the highest level of purity.", []),
    ("warranty", "Dr. Ames guarantees all her night guards.", []),
    # Scarcity and urgency.
    ("supplies-last", "Get the starter pack while supplies last.", [("CLM110", 1, 22, 41, "warning")]),
    ("few-left", "Only 3 bottles left!", [("CLM110", 1, 1, 20, "warning")]),
    ("claim-yours", "Claim yours today.", [("CLM110", 1, 1, 18, "warning")]),
    # Testimonials in the first person, without a marker phrase.
    ("lost-pounds", "I dropped 18 pounds in five weeks.", [("CLM109", 1, 1, 20, "warning")]),
    ("helped-me", "These drops helped me sleep again.", [("CLM109", 1, 13, 28, "warning")]),
    ("pain-history", "After four sessions her shoulder pain was history.", [("CLM109", 1, 1, 42, "warning")]),
    ("no-longer-suffer", "I no longer suffer from hay fever.", [("CLM109", 1, 1, 34, "warning")]),
    ("got-pregnant", "We finally got pregnant at 41.", [("CLM109", 1, 1, 24, "warning")]),
    # Future certainty.
    ("weight-will-drop", "Your weight will drop week after week.", [("CLM102", 1, 1, 22, "error")]),
    ("you-will-see", "You will see results within days.", [("CLM102", 1, 1, 21, "error")]),
    ("as-little-as", "Feel the difference in as little as 3 days.", [("CLM102", 1, 21, 43, "error")]),
    # Proof boosters and vague sources.
    ("validated-by", "The serum is validated by dermatologists.", [("CLM104", 1, 14, 41, "warning")]),
    ("science-confirmed", "Modern science has confirmed it.", [("CLM104", 1, 1, 29, "warning")]),
    ("vague-study", "According to a Swiss study, the tea melts belly fat.", [("CLM104", 1, 1, 27, "warning")]),
    ("studies-have-found", "Studies have found that the root works.", [("CLM104", 1, 1, 19, "warning")]),
    # Safety.
    ("non-toxic", "The gel is non-toxic.", [("CLM103", 1, 12, 21, "error")]),
    ("pregnancy", "The tonic is safe during pregnancy.", [("CLM103", 1, 14, 35, "error")]),
    ("contraindications", "There are no contraindications.", [("CLM103", 1, 11, 31, "error")]),
    # Anti-medicine.
    ("without-drugs", "Beat migraines without drugs or surgery.", [("CLM112", 1, 16, 40, "warning")]),
    ("cover-up", "Painkillers only mask the symptoms.", [("CLM112", 1, 1, 35, "warning")]),
    # Cure shapes.
    ("reverse", "Our plan reverses infertility for good.", [("CLM101", 1, 10, 39, "error")]),
    ("reversed", "Gum disease can be reversed in a month.", [("CLM101", 1, 17, 28, "warning")]),
    # Superlative false friends.
    ("numbering", "Review #1: a mother from Ohio.", []),
    ("guideline-range", "An LDL level under 100 mg/dL is best.", []),
    ("number-one-killer", "Stroke is the No. 1 cause of disability.", []),
    ("only-treatment", "It is the only treatment that regrows hair.", [("CLM106", 1, 7, 25, "warning")]),
    # Hype.
    ("wonders", "The balm does wonders for cracked heels.", [("CLM107", 1, 10, 22, "warning")]),
    ("product-name", "Follow the Sleep Miracle plan for a week.", []),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_claim_kinds(text: str, expected: Expected) -> None:
    assert _claims(text) == expected


def test_a_quoted_testimonial_is_sourced_on_a_reporting_page_only() -> None:
    text = "\"I lost 30 pounds on it,\" said Maria Lopez, a nurse in Ohio."
    assert _claims(text, "reporting") == []
    assert _claims(text, "promotional") == [("CLM109", 1, 2, 31, "warning")]


def test_reporting_page_caps_a_cure_at_warning() -> None:
    assert _claims("The herb cures gout.", "reporting") == [("CLM101", 1, 10, 15, "warning")]


MORE: list[tuple[str, str, Expected]] = [
    ("kept-off", "I've kept every pound off since spring.", [("CLM109", 1, 6, 26, "warning")]),
    ("went-from", "It took me a year to go from 210 lbs to 160 lbs.", [("CLM109", 1, 22, 48, "warning")]),
    ("no-longer-takes", "He no longer takes insulin.", [("CLM109", 1, 1, 27, "warning")]),
    ("selective-kill", "The beam kills only the cancer cells.", [("CLM103", 1, 10, 37, "error")]),
    ("all-participants", "All participants in our trial reported relief.", [("CLM108", 1, 1, 46, "error")]),
    ("safer-approach", "A Safer Approach to Back Pain", [("CLM106", 1, 1, 17, "warning")]),
    ("reverse-four-words", "Reverse Both Male and Female Infertility", [("CLM101", 1, 1, 41, "error")]),
    ("cure-purpose", "Researchers are working to cure the disease.", []),
    ("gratitude", "Many thanks to the whole team for your kindness.", []),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in MORE], ids=[c[0] for c in MORE])
def test_more_claim_shapes(text: str, expected: Expected) -> None:
    assert _claims(text) == expected


FALSE_FRIENDS: list[tuple[str, str, Expected]] = [
    ("year-denominator", "She was 1 in 2013 to finish the course.", []),
    ("nine-in-ten", "9 in 10 adults see results in a week.", [("CLM108", 1, 1, 15, "error")]),
    ("ownership-share", "The panel bought a 25% share in the company.", []),
    ("ownership-of", "The founders own 60% of the shares.", []),
    # Statistical rankings and counts are no promotion; "the single treatment that" still is.
    ("best-predictor", "Waist size was the best predictor of later diabetes.", []),
    ("greatest-risk", "Older smokers are at greatest risk of a fall.", []),
    ("a-single", "The gel is applied as a single treatment for warts.", []),
    ("the-single", "This is the single treatment that ends hair loss.", [("CLM106", 1, 9, 29, "warning")]),
    ("best-in-region", "Our cream is the best in the region.", [("CLM106", 1, 14, 22, "warning")]),
    # An absence a study observed is no safety promise; an absence asserted is.
    ("no-risk-observed", "No risk of kidney damage in the treated group was found.", []),
    ("no-risk-asserted", "There is no risk of kidney damage.", [("CLM103", 1, 1, 17, "error")]),
    # Preserved food is not a cured patient.
    ("cured-meats", "Avoid cured meats and salty snacks.", []),
    # A comparison group told by what it lacks does not advise going without.
    ("those-without", "Pain scores were lower in the group on the brace than in those without medication.", []),
    ("without-drugs", "Lower your blood pressure without drugs or surgery.", [("CLM112", 1, 27, 51, "warning")]),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in FALSE_FRIENDS], ids=[c[0] for c in FALSE_FRIENDS])
def test_false_friends(text: str, expected: Expected) -> None:
    assert _claims(text) == expected


def test_titles_in_a_reference_list_are_no_claims() -> None:
    text = (
        "Knee care\n\nTurmeric cures arthritis.\n\nReferences\n\n"
        "1. Smith J, Lee K. Turmeric cures arthritis in older adults. J Pain. 2019;12(3):45-52.\n"
    )
    assert _claims(text) == [("CLM101", 3, 10, 15, "error")]
    entry = "Turmeric cures gout.\n\nJones AB, Smith C. Turmeric cures gout: a trial. BMJ. 2020;368:m1.\n"
    assert _claims(entry) == [("CLM101", 1, 10, 15, "error")]


def test_promotional_bullets_and_imperatives_are_claims() -> None:
    text = "# Gut Cleanse\n\n- Eliminates candida overgrowth\n- Get rid of stubborn belly fat\n"
    findings = [(f.rule, f.line, f.column, f.end_column) for f in lint_text(text, "a.md", select=["CLM101"])]
    assert findings == [("CLM101", 3, 3, 32), ("CLM101", 4, 3, 32)]


def test_a_research_programme_to_eliminate_a_disease_is_no_cure_claim() -> None:
    assert _claims("He led a research program to eliminate arterial plaque.") == []
