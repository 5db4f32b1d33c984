"""Rule files are validated at load: each problem is one `FILE:LINE:COL: message` line."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.finding import Category, Severity
from claimlint.spec import RuleFileError
from claimlint.rulefile import load_rule_dirs, load_rule_file

VALID = """\
code: TST101
name: test-rule
type: pattern
category: claim
severity: warning
message: "'{match}' found"
rationale: Because.
tokens: [cures]
examples:
  fail: [It cures.]
  pass: [It helps.]
"""


def _write(tmp_path: Path, text: str, name: str = "rule.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(_write(tmp_path, text))
    return str(caught.value)


def test_valid_rule_loads_with_its_fields(tmp_path: Path) -> None:
    (check,) = load_rule_file(_write(tmp_path, VALID))
    spec = check.spec
    assert (spec.code, spec.name, spec.category, spec.severity) == ("TST101", "test-rule", Category.CLAIM, Severity.WARNING)
    assert spec.options["tokens"] == ("cures",)
    assert spec.examples_fail == ("It cures.",) and spec.examples_pass == ("It helps.",)


def test_several_rules_in_one_file(tmp_path: Path) -> None:
    second = VALID.replace("TST101", "TST102").replace("test-rule", "other-rule")
    text = "- " + VALID.replace("\n", "\n  ").rstrip() + "\n- " + second.replace("\n", "\n  ").rstrip() + "\n"
    assert [c.spec.code for c in load_rule_file(_write(tmp_path, text))] == ["TST101", "TST102"]


def test_unknown_key_names_the_line_and_a_close_match(tmp_path: Path) -> None:
    message = _error(tmp_path, VALID.replace("tokens:", "tokns:"))
    assert message == f"{tmp_path / 'rule.yaml'}:8:1: unknown key 'tokns' for a 'pattern' rule (did you mean 'tokens'?)"


def test_bad_regex_names_the_line(tmp_path: Path) -> None:
    message = _error(tmp_path, VALID.replace("[cures]", "['cur(es']"))
    assert message.startswith(f"{tmp_path / 'rule.yaml'}:8:1: rule TST101: bad regex 'cur(es'")


def test_wrong_type_and_missing_field(tmp_path: Path) -> None:
    assert ":5:1: severity 'fatal' is not one of: error, warning, info" in _error(tmp_path, VALID.replace("warning", "fatal"))
    assert ":1:1: missing required key 'rationale'" in _error(tmp_path, VALID.replace("rationale: Because.\n", ""))
    assert "unknown rule type 'phrase'" in _error(tmp_path, VALID.replace("type: pattern", "type: phrase"))
    assert ":9:1: examples must be a mapping" in _error(tmp_path, VALID.replace("examples:\n  fail: [It cures.]\n  pass: [It helps.]", "examples: [x]"))


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    message = _error(tmp_path, VALID.replace("tokens: [cures]", "tokens: [cures"))
    assert message.startswith(f"{tmp_path / 'rule.yaml'}:9:") and "invalid YAML" in message


def test_yaml_cannot_run_code(tmp_path: Path) -> None:
    message = _error(tmp_path, VALID.replace("rationale: Because.", "rationale: !!python/object/apply:os.system ['echo hacked']"))
    assert "invalid YAML" in message


def test_duplicate_ids_across_folders(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder, VALID)
    with pytest.raises(RuleFileError) as caught:
        load_rule_dirs([tmp_path / "a", tmp_path / "b"])
    assert "rule id 'TST101' is already defined at" in str(caught.value)


def test_missing_rule_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rule_dirs([tmp_path / "nope"])
    assert str(caught.value) == f"{tmp_path / 'nope'}:1:1: rule folder does not exist"


def test_a_rule_id_with_another_categorys_prefix_is_an_error(tmp_path: Path) -> None:
    text = VALID.replace("TST101", "RDB999") if "TST101" in VALID else VALID
    assert "RDB999" in text
    with pytest.raises(RuleFileError, match=r"rule id 'RDB999' has the prefix of readability rules, but category 'claim'"):
        load_rule_file(_write(tmp_path, text.replace("category: style", "category: claim")))


def test_a_repeated_name_across_folders_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _write(tmp_path / "a", VALID)
    (tmp_path / "b" / "rule.yaml").write_text(VALID.replace("TST101", "TST201"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="is already defined at"):
        load_rule_dirs([tmp_path / "a", tmp_path / "b"])


def test_a_fail_example_may_name_its_excerpt_and_must_be_flagged_there(tmp_path: Path) -> None:
    from claimlint import testrules

    rule = VALID.split("examples:")[0] + "examples:\n  fail:\n    - {text: 'It cures it.', excerpt: 'cures'}\n  pass: ['It helps.']\n"
    (check,) = load_rule_file(_write(tmp_path, rule))
    assert check.spec.examples_fail == ("It cures it.",) and check.spec.examples_fail_excerpts == ("cures",)
    with pytest.raises(RuleFileError, match="excerpt 'heals' must be a part of its text"):
        load_rule_file(_write(tmp_path, rule.replace("excerpt: 'cures'", "excerpt: 'heals'")))
    wrong = load_rule_file(_write(tmp_path, rule.replace("excerpt: 'cures'", "excerpt: 'it'")))[0]
    [outcome, _] = testrules.run_examples(wrong)
    assert not outcome.ok and outcome.problem == "fail example is flagged at 'cures', not at 'it'"
