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
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_spans_index_the_given_range_only() -> None:
    text = "Skip this. Keep one. Keep two."
    start = text.index("Keep")
    assert [text[a:b] for a, b in sentences.split(text, start, len(text))] == ["Keep one.", "Keep two."]
