"""The JSON and SARIF reports are written piece by piece, and read exactly as json.dumps writes them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.reporters import indented_json

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.integers(min_value=0, max_value=5))
def test_the_text_is_json_dumps_indented_by_two_at_any_depth(value: object, whole_from: int) -> None:
    assert indented_json(value, whole_from) == json.dumps(value, indent=2, ensure_ascii=False)


def test_keys_that_json_turns_into_text_and_tuples_as_lists() -> None:
    value = {"findings": [{1: "a", None: (1, 2)}, ("x", {"é\n": []})], "empty": {}}
    for whole_from in range(5):
        assert indented_json(value, whole_from) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_list_given_as_an_iterator_is_read_one_item_at_a_time_into_the_same_text() -> None:
    findings = [{"rule": "DUP101", "related": [{"line": 3}]}, {"rule": "CLM100", "related": []}]
    for listed in (findings, []):
        expected = json.dumps({"findings": listed, "files": 2}, indent=2, ensure_ascii=False)
        assert indented_json({"findings": iter(listed), "files": 2}, whole_from=2) == expected
