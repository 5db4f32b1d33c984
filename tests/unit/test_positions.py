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


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_code_units_count_utf16_for_emoji_and_every_line_ending(newline: str) -> None:
    text = f"x{newline}😀 cures é{newline}"
    index = LineIndex(text)
    line, column = index.position(text.index("cures"))
    assert (line, column) == (2, 3)  # code points: the emoji is one
    assert index.code_units(line, column) == 3  # UTF-16: the emoji is a surrogate pair
    assert index.code_units(line, column, "utf-8") == 5
    assert index.code_units(line, column, "utf-32") == 2
    end_column = index.position(text.index("é") + 1)[1]
    assert index.code_units(2, end_column) == 10
    assert index.column_of_units(2, 3) == column
    assert index.column_of_units(2, 1) == 1  # inside the surrogate pair: the emoji itself
    assert index.column_of_units(2, 99) == end_column  # past the end: the line's end, before the break
    assert index.line_end(2) == text.index("é") + 1


def test_a_form_feed_or_line_separator_does_not_end_a_line() -> None:
    text = "a\x0cb\u2028c cures"
    index = LineIndex(text)
    assert index.line_count == 1
    assert index.code_units(*index.position(text.index("cures"))) == 6
