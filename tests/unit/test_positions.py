from __future__ import annotations

import pytest

from claimlint.positions import LineIndex


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_starts_a_new_line(newline: str) -> None:
    text = f"ab{newline}cd{newline}{newline}e"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(text.index("c")) == (2, 1)
    assert index.position(text.index("e")) == (4, 1)
    assert index.position(len(text)) == (4, 2)


def test_mixed_endings_and_non_ascii_columns_count_code_points() -> None:
    text = "a\r\n😀b\rc\nd"
    index = LineIndex(text)
    assert index.position(text.index("b")) == (2, 2)
    assert index.position(text.index("c")) == (3, 1)
    assert index.position(text.index("d")) == (4, 1)
    assert index.offset(2, 2) == text.index("b")


def test_offset_outside_text_is_rejected() -> None:
    with pytest.raises(ValueError):
        LineIndex("abc").position(4)
