"""The `disclaimer` rule type: once per medical article, at the first heading or line 1."""

from __future__ import annotations

from tests.conftest import lint_text

BODY = (
    "Surgery is one treatment for back pain. Your surgeon will explain the treatment and its risks.\n"
    "Most patients recover at home. Tell your doctor about your symptoms.\n"
)
INFORMATIONAL = "This article is for informational purposes only and is not medical advice."
PROFESSIONAL = "Consult a qualified doctor about your own situation."


def _disclaimers(text: str, filename: str = "article.txt") -> list[tuple[str, int, int, int, str]]:
    return [(f.rule, f.line, f.column, f.end_column, f.message) for f in lint_text(text, filename, select=["DSC"])]


def test_missing_disclaimer_is_reported_once_at_the_first_heading() -> None:
    text = "Intro\n\nSome words.\n\nBack surgery explained\n\n" + BODY
    [(rule, line, column, end_column, message)] = _disclaimers("# Back surgery explained\n\n" + BODY + "\n## Recovery\n\n" + BODY, "a.md")
    assert (rule, line, column, end_column) == ("DSC101", 1, 3, 25)
    assert "has no disclaimer" in message and "informational purposes only" in message
    assert _disclaimers(text)[0][1:4] == (1, 1, 6)  # plain text: the first short line is the heading


def test_without_a_heading_the_anchor_is_line_one() -> None:
    text = "Back surgery: what to expect after the operation, and how long it takes.\n" + BODY
    assert [d[:4] for d in _disclaimers(text)] == [("DSC101", 1, 1, 73)]


def test_closing_talk_to_your_doctor_sentence_alone_is_not_a_disclaimer() -> None:
    text = "Back surgery\n\n" + BODY + "\nTalk to your doctor about whether surgery is right for you.\n"
    [(_, _, _, _, message)] = _disclaimers(text)
    assert "has no disclaimer" in message


def test_complete_disclaimer_passes() -> None:
    assert _disclaimers("Back surgery\n\n" + BODY + "\n" + INFORMATIONAL + " " + PROFESSIONAL + "\n") == []


def test_disclaimer_without_professional_advice_is_incomplete() -> None:
    [(rule, line, column, end_column, message)] = _disclaimers("Back surgery\n\n" + BODY + "\n" + INFORMATIONAL + "\n")
    assert (rule, line, column, end_column) == ("DSC101", 1, 1, 13)
    assert "incomplete" in message and "consult a qualified professional" in message


def test_disclaimer_without_informational_statement_is_incomplete() -> None:
    text = "Back surgery\n\n" + BODY + "\nDisclaimer: always talk to your doctor about your own situation.\n"
    [(_, _, _, _, message)] = _disclaimers(text)
    assert "incomplete" in message and "information, not medical advice" in message


def test_gardening_article_gets_nothing() -> None:
    text = (
        "Growing tomatoes\n\nTomatoes need full sun and rich soil. Water them every morning.\n"
        "Watch for plant disease on the leaves, and pick the fruit when it is red.\n"
    )
    assert _disclaimers(text) == []


def test_few_medical_mentions_are_not_a_medical_article() -> None:
    assert _disclaimers("Travel tips\n\nPack light. Bring any medication you need. Enjoy the trip.\n") == []


def _disclaimers_on(text: str, page_type: str) -> list[str]:
    from claimlint.config import Config

    return [f.rule for f in lint_text(text, select=["DSC"], config=Config(page_type=page_type))]


def test_only_advice_and_promotional_pages_are_asked_for_a_disclaimer() -> None:
    text = "Back surgery\n\n" + BODY
    assert _disclaimers_on(text, "advice") == ["DSC101"]
    assert _disclaimers_on(text, "promotional") == ["DSC101"]
    assert _disclaimers_on(text, "reporting") == []


def test_a_news_report_is_not_asked_for_a_disclaimer() -> None:
    text = (
        "Back surgery trial reports results\n\nBy Sam Ortiz\n\nBOSTON (Reuters) - Patients recovered faster after surgery, "
        "researchers said on Tuesday. \"Most patients went home the next day,\" said Dr. Kim, a surgeon at the hospital.\n\n"
        + BODY
    )
    assert _disclaimers(text) == []


# A patient leaflet that hands each decision to the reader's own clinician, five times.
LEAFLET = (
    "Starting your blood thinner\n\n"
    "Your nurse will explain how the tablets work. Take each dose at the time your doctor chose.\n"
    "Ask your pharmacist before you take any other medicine. Tell your care team about any bleeding.\n"
    "Your doctor will check your blood every few weeks, and patients often need a new dose in hospital.\n"
)


def test_a_leaflet_that_defers_to_the_readers_own_clinician_is_not_asked_for_a_disclaimer() -> None:
    assert _disclaimers(LEAFLET) == []
    # Four such sentences are not enough: the page still needs its disclaimer.
    fewer = LEAFLET.replace("Ask your pharmacist before you take any other medicine.", "Avoid other medicines.")
    assert [d[:4] for d in _disclaimers(fewer)] == [("DSC101", 1, 1, 28)]


def test_a_page_that_sells_is_asked_even_when_it_defers_to_the_clinician() -> None:
    selling = LEAFLET + "\nOrder now: one bottle is $39.95, with free shipping and a money-back guarantee.\n"
    assert [d[:4] for d in _disclaimers(selling)] == [("DSC101", 1, 1, 28)]


def test_distrust_of_the_readers_doctor_is_no_deferral() -> None:
    letter = (
        "The truth about blood sugar\n\n"
        "Your doctor won't tell you this. Your doctor doesn't want you to know. Your doctor never mentions diet.\n"
        "Your nurse will not explain it either. Your pharmacist can't say it. Patients deserve the truth about treatment.\n"
    )
    assert [d[:4] for d in _disclaimers(letter)] == [("DSC101", 1, 1, 28)]
