"""Page type: inferred from the prose's signals, set by front matter or config; attribution by sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import pagetype
from claimlint.config import Config, ConfigError, load_config
from claimlint.document import parse_document
from claimlint.pagetype import PageType
from tests.conftest import lint_text, source_of

SALES = (
    "Joint Relief Formula\n\nOur formula soothes stiff knees. Order now and get free shipping.\n\n"
    "One bottle is $49.95, three bottles are $119. Every order has a 60-day money-back guarantee.\n"
)
NEWS = (
    "New study on knee pain\n\nBy Jane Marlow\n\nLONDON (Reuters) - A supplement eased knee pain in a trial of 600 adults, "
    "researchers reported in the journal Pain on Monday.\n\n\"The effect was modest,\" said Dr. Ana Ruiz, who led the trial. "
    "Other experts said the findings need to be repeated, according to a statement.\n"
)
ADVICE = "Caring for a sore knee\n\nRest the knee for a day or two. Put ice on it for 20 minutes at a time. Raise it on a pillow.\n"


def _doc(text: str, filename: str = "article.txt"):  # type: ignore[no-untyped-def]
    return parse_document(source_of(text, filename))


@pytest.mark.parametrize(
    ("text", "expected"),
    [(SALES, PageType.PROMOTIONAL), (NEWS, PageType.REPORTING), (ADVICE, PageType.ADVICE)],
    ids=["sales", "news", "advice"],
)
def test_inferred_from_the_prose(text: str, expected: PageType) -> None:
    verdict = pagetype.resolve(_doc(text))
    assert (verdict.page_type, verdict.origin) == (expected, "inferred")


def test_signal_counts_are_kept_for_the_reader() -> None:
    verdict = pagetype.infer(_doc(SALES).text)
    assert verdict.commerce >= 5 and verdict.reporting == 0


def test_a_press_release_is_promotional_though_it_quotes_and_attributes() -> None:
    text = NEWS.replace("By Jane Marlow", "FOR IMMEDIATE RELEASE") + "\nMedia contact: press@example.org\n"
    assert pagetype.resolve(_doc(text)).page_type is PageType.PROMOTIONAL


def test_front_matter_wins_over_config_and_inference() -> None:
    text = "---\ntitle: Knee pain\npage-type: reporting\n---\n\n" + SALES
    verdict = pagetype.resolve(_doc(text, "post.md"), "promotional")
    assert (verdict.page_type, verdict.origin) == (PageType.REPORTING, "front matter")


def test_front_matter_auto_falls_back_to_the_config() -> None:
    text = "---\npage-type: auto\n---\n\n" + ADVICE
    verdict = pagetype.resolve(_doc(text, "post.md"), "promotional")
    assert (verdict.page_type, verdict.origin) == (PageType.PROMOTIONAL, "config")


def test_config_key_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "claimlint.yaml"
    path.write_text("page-type: reporting\n", encoding="utf-8")
    assert load_config(path).page_type == "reporting"
    path.write_text("select: [CLM]\npage-type: advert\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:2: 'page-type': page type must be one of auto, promotional, reporting, advice, not 'advert'"


def test_attribution_in_the_same_or_the_next_sentence() -> None:
    doc = _doc("Acupuncture eases back pain. The review found that, too. Walking helps. Rest is good. Dr. Lee said so.")
    attributed = [pagetype.is_attributed(doc, sentence) for sentence in doc.sentences]
    assert attributed == [True, True, False, True, True]


# The same attributed claim: sourced on a reporting page, adopted on a promotional one.
CLAIM = "Turmeric relieves joint pain, the company's own study found."


def _claims(text: str, page_type: str) -> list[tuple[str, int, int, str]]:
    findings = lint_text(text, select=["CLM105"], config=Config(page_type=page_type))
    return [(f.rule, f.line, f.column, f.severity.value) for f in findings]


def test_attribution_clears_a_claim_on_a_reporting_page_only() -> None:
    assert _claims(CLAIM, "reporting") == []
    assert _claims(CLAIM, "promotional") == [("CLM105", 1, 10, "error")]


def test_severity_follows_the_page_type() -> None:
    text = "This supplement cures arthritis. Yoga improves mobility. Yoga can improve mobility."
    findings = {
        page: [(f.rule, f.column, f.severity.value) for f in lint_text(text, select=["CLM101", "CLM105"], config=Config(page_type=page))]
        for page in ("promotional", "advice", "reporting")
    }
    # "can improve" claims what yoga is able to do: one level below the page's severity.
    assert findings["promotional"] == [("CLM101", 17, "error"), ("CLM105", 39, "error"), ("CLM105", 67, "warning")]
    assert findings["advice"] == findings["promotional"]
    assert findings["reporting"] == [("CLM101", 17, "warning"), ("CLM105", 39, "warning"), ("CLM105", 67, "info")]


def test_page_type_is_in_the_finding_data() -> None:
    (finding,) = lint_text("Yoga improves mobility.", select=["CLM105"], config=Config(page_type="reporting"))
    assert dict(finding.data)["page_type"] == "reporting"


# A debate feature: each expert is introduced in a sentence of their own, then speaks in
# paragraphs that each open with a quotation mark (only the last one closes).
DEBATE = (
    "Should adults take a daily fish-oil pill?\n\n"
    "Two specialists answer the question below.\n\n"
    "The case for\n\n"
    "Dr. Hana Osei is head of preventive cardiology at a university hospital in Leeds.\n\n"
    "\u201cFish oil lowers triglycerides in most people who take it every day for a year.\n\n"
    "\u201cIn my clinic the pill cuts the number of heart scares among my older patients.\u201d\n\n"
    "The case against\n\n"
    "Marta Lind, a nutrition researcher at a public institute in Oslo, has studied fats for 20 years.\n\n"
    "\u201cA plate of oily fish twice a week protects the heart better than any capsule can.\u201d\n"
)
# Endorsements on a sales page: each quote signed on the line below it, no speaker introduced.
ENDORSED = (
    "Back Relief Video\n\n"
    "\u201cThis video ended my sciatica after one evening, I am so grateful to the whole team.\u201d\n\n"
    "-Dr. Paul Ames, Chiropractor\n\n"
    "\u201cThe best hands-on method I have ever seen for chronic pain in all of my practice.\u201d\n\n"
    "-Dr. Ines Grau\n"
)


def test_quoted_speech_of_an_introduced_speaker_is_a_reporting_signal() -> None:
    doc = _doc(DEBATE)
    spans = pagetype.quoted_speech(doc.text)
    assert [doc.text[start:end].split()[:3] for start, end in spans] == [
        ["\u201cFish", "oil", "lowers"], ["\u201cIn", "my", "clinic"], ["\u201cA", "plate", "of"],
    ]
    verdict = pagetype.infer(doc.text)
    assert (verdict.page_type, verdict.reporting) == (PageType.REPORTING, 3)


def test_a_named_speakers_quoted_paragraphs_are_attributed() -> None:
    doc = _doc(DEBATE)
    attributed = {doc.text[s.start:s.end].split()[0] for s in doc.sentences if pagetype.is_attributed(doc, s)}
    assert attributed == {"\u201cFish", "\u201cIn", "\u201cA"}
    assert _claims(DEBATE, "auto") == []
    # The same words with the speakers' introductions gone are the page's own claims.
    bare = DEBATE.replace("Dr. Hana Osei is head", "The head").replace("Marta Lind, a nutrition researcher", "A nutrition researcher")
    assert pagetype.quoted_speech(_doc(bare).text) == ()
    assert _claims(bare, "auto") == [("CLM105", 9, 11, "error"), ("CLM105", 11, 24, "error"), ("CLM105", 17, 36, "error")]


def test_signed_endorsements_are_not_quoted_speech() -> None:
    doc = _doc(ENDORSED)
    assert pagetype.quoted_speech(doc.text) == ()
    assert pagetype.infer(doc.text).reporting == 0


def test_a_promotional_page_adopts_an_introduced_speakers_quote() -> None:
    assert _claims(DEBATE, "promotional") == [("CLM105", 9, 11, "error"), ("CLM105", 11, 24, "error"), ("CLM105", 17, 36, "error")]


# A plain-language review summary in its own voice: its results are the reviewed trials'.
REVIEW = (
    "Splints for wrist pain\n\n"
    "We searched medical databases for trials of wrist splints. We included nine trials with 700 adults. "
    "Night splints eased pain at six weeks. Wearing a splint by day improved grip strength. "
    "We judged the evidence to be of low quality.\n"
)


def test_an_evidence_summary_attributes_its_results_to_the_reviewed_studies() -> None:
    doc = _doc(REVIEW)
    assert pagetype.is_evidence_summary(doc.text)
    assert pagetype.resolve(doc).page_type is PageType.REPORTING
    assert _claims(REVIEW, "auto") == []
    # News about a review reports it in the third person: each claim needs its own source.
    news = REVIEW.replace("We searched", "The authors searched").replace("We included", "They included").replace("We judged", "Experts judged")
    assert not pagetype.is_evidence_summary(_doc(news).text)
    assert _claims(news, "reporting") == [("CLM105", 3, 175, "warning")]


def test_every_sentence_of_a_quotation_belongs_to_the_speaker_named_beside_it() -> None:
    text = (
        "Clinic trial of a sleep app\n\n"
        "\u201cThe app cuts the time it takes to fall asleep. It also lowers evening anxiety. We saw that in every group,\u201d "
        "said Dr. Omar Haddad, who ran the trial. Nurses in the study agreed.\n\n"
        "A second app improves sleep in teenagers.\n"
    )
    doc = _doc(text)
    attributed = [doc.text[s.start:s.end].split()[1] for s in doc.sentences if pagetype.is_attributed(doc, s)]
    assert attributed == ["app", "also", "saw"]
    assert _claims(text, "reporting") == [("CLM105", 5, 14, "warning")]


def test_the_pages_own_spokesperson_introduces_no_quoted_speech() -> None:
    own = DEBATE.replace("Dr. Hana Osei is head of preventive cardiology at a university hospital", "Dr. Hana Osei is head of our cardiology team")
    spans = pagetype.quoted_speech(_doc(own).text)
    assert [_doc(own).text[start:end].split()[0] for start, end in spans] == ["\u201cA"]


def test_quoted_experts_never_outweigh_commerce() -> None:
    quotes = "".join(f"\u201cPoint {n}: the balm softens dry skin on the hands within a week or so.\n\n" for n in range(1, 8))
    advertorial = (
        "The balm everyone is talking about\n\nDr. Rosa Vidal is a dermatologist at a skin clinic in Madrid.\n\n"
        + quotes + "One jar is $24.95, with free shipping. Order now.\n"
    )
    verdict = pagetype.infer(_doc(advertorial).text)
    assert (verdict.page_type, verdict.commerce, verdict.reporting) == (PageType.PROMOTIONAL, 3, 7)


def test_an_advice_page_adopts_an_introduced_speakers_quote() -> None:
    assert _claims(DEBATE, "advice") == [("CLM105", 9, 11, "error"), ("CLM105", 11, 24, "error"), ("CLM105", 17, 36, "error")]


def test_attributed_sentences_are_those_the_attribution_regex_finds_in_each_sentence() -> None:
    """Sentences without any word every attribution has are not searched; the rest are, as before."""
    text = (
        "Sleep helps recovery, the review found. Dr. Ames says rest matters. Kale heals, according to the clinic. "
        "Nurses WROTE about it in 2020. Rest cures colds. Results were published online in a journal. "
        "He said nothing new. Our team treats pain. The authors, in a careful analysis, concluded it works. "
        "Smith reported gains. Show me the data."
    )
    doc = _doc(text)
    assert pagetype._attribution_words()  # the prefilter is in use
    expected = frozenset(
        index for index, s in enumerate(doc.sentences) if pagetype._ATTRIBUTION.search(doc.text, s.start, s.end)
    )
    assert len(expected) >= 6 and len(doc.sentences) - len(expected) >= 2
    assert pagetype._attributed_sentences(doc) == expected
