"""`claimlint test-rules`: every rule's examples run; each failure names the rule file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.cli import main

RULE = """\
code: TST101
name: cure-word
type: pattern
category: claim
severity: error
message: "'{match}' is a cure word."
rationale: A test rule.
tokens: [cures?]
examples:
  fail:
    - "It cures colds."
    - "It helps colds."
  pass:
    - "It soothes colds."
    - "No tea cures colds."
"""


def test_shipped_pack_passes_its_own_examples(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["test-rules"])
    out, err = capsys.readouterr()
    assert code == 0, out
    assert " 0 failed" in out.splitlines()[0] and err == ""


def test_each_failing_example_is_named_by_file_and_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "mine").mkdir()
    (in_tmp / "mine" / "cure-word.yaml").write_text(RULE, encoding="utf-8")
    code = main(["test-rules", "mine"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "mine/cure-word.yaml:12: TST101 cure-word: fail example is not flagged: 'It helps colds.'",
        "mine/cure-word.yaml:15: TST101 cure-word: pass example is flagged: 'cures' at 1:8: 'No tea cures colds.'",
        "1 rule, 4 examples: 2 passed, 2 failed, 0 skipped",
    ]


def test_a_bad_rule_folder_is_a_usage_error(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "mine").mkdir()
    (in_tmp / "mine" / "bad.yaml").write_text(RULE.replace("tokens:", "tokns:"), encoding="utf-8")
    code = main(["test-rules", "mine"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("claimlint: mine/bad.yaml:8:1: unknown key 'tokns'")
