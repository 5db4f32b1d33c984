from __future__ import annotations

import pytest

from claimlint import sentences


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences.split(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith operates. He is careful.", ["Dr. Smith operates.", "He is careful."]),
        ("Use ice, e.g. a cold pack. Then rest.", ["Use ice, e.g. a cold pack.", "Then rest."]),
        ("Surgery vs. therapy is a choice. Ask.", ["Surgery vs. therapy is a choice.", "Ask."]),
        ("The dose is 2.5 mg. Take it daily.", ["The dose is 2.5 mg.", "Take it daily."]),
        ("Take vitamin D. It helps bones.", ["Take vitamin D.", "It helps bones."]),
        ("John F. Kennedy spoke. Then left.", ["John F. Kennedy spoke.", "Then left."]),
        ("Is it safe? Yes! It is.", ["Is it safe?", "Yes!", "It is."]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("No end here", ["No end here"]),
        ("  spaced.   Out.  ", ["spaced.", "Out."]),
        # The word before the full stop decides, however long the sentence before it.
        ("A. Smith wrote the long and careful review of all the trials. It held.", ["A. Smith wrote the long and careful review of all the trials.", "It held."]),
        ("Rest as shown (see fig. 2 and the notes on page 4, approx. 3 weeks). Then walk.", ["Rest as shown (see fig. 2 and the notes on page 4, approx. 3 weeks).", "Then walk."]),
        ("Take vitamins A, C and D. They help.", ["Take vitamins A, C and D.", "They help."]),
        ("Ask your doctor (Dr. Lee) first. Then book.", ["Ask your doctor (Dr. Lee) first.", "Then book."]),
        ("Call us (e.g. Monday) today.\u00a0 Or write.", ["Call us (e.g. Monday) today.", "Or write."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_spans_index_the_given_range_only() -> None:
    text = "Skip this. Keep one. Keep two."
    start = text.index("Keep")
    assert [text[a:b] for a, b in sentences.split(text, start, len(text))] == ["Keep one.", "Keep two."]
