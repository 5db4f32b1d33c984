from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.config import ConfigError, find_config, load_config
from claimlint.finding import Severity


def test_yaml_config_values_and_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "claimlint.yaml").write_text(
        "select: [CLM, readability]\nignore: RDB101\nfail-on: warning\nseverity: {CLM101: info}\n"
        "rules: [my-rules]\nper-file-ignores:\n  'legacy/*.md': [CLM]\n",
        encoding="utf-8",
    )
    config = load_config(find_config(tmp_path))
    assert config.select == ("CLM", "readability") and config.ignore == ("RDB101",)
    assert config.fail_on is Severity.WARNING and config.severity == {"CLM101": Severity.INFO}
    assert config.rules == (tmp_path.resolve() / "my-rules",)
    assert config.per_file_ignores == (("legacy/*.md", ("CLM",)),)


def test_config_found_from_a_subfolder_upward(tmp_path: Path) -> None:
    (tmp_path / ".claimlint.yaml").write_text("fail-on: never\n", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    found = find_config(tmp_path / "a" / "b")
    assert found == tmp_path / ".claimlint.yaml"
    assert load_config(found).fail_on is None


def test_pyproject_section(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimlint]\nignore = ["RDB"]\nmax-file-size = 1000\n', encoding="utf-8")
    config = load_config(find_config(tmp_path))
    assert config.ignore == ("RDB",) and config.max_file_size == 1000


def test_unknown_key_is_one_line_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "claimlint.yaml"
    path.write_text("select: [CLM]\nfail_onn: error\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:2: unknown key 'fail_onn' (did you mean 'fail-on'?)"


def test_bad_value(tmp_path: Path) -> None:
    path = tmp_path / "claimlint.yaml"
    path.write_text("fail-on: sometimes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"claimlint.yaml:1: 'fail-on' must be one of error, warning, info, never"):
        load_config(path)


def _settings_error(tmp_path: Path, text: str) -> str:
    (tmp_path / "claimlint.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "claimlint.yaml")
    return str(raised.value).replace(str(tmp_path / "claimlint.yaml"), "claimlint.yaml")


def test_a_misspelt_settings_section_is_an_error_with_a_close_match(tmp_path: Path) -> None:
    message = _settings_error(tmp_path, "fail-on: error\nsettings:\n  grammer: {url: 'http://localhost:8081'}\n")
    assert message.startswith("claimlint.yaml:3: 'settings.grammer': no rule type 'grammer' (did you mean 'grammar'?)")


def test_settings_for_a_type_without_settings_are_an_error(tmp_path: Path) -> None:
    message = _settings_error(tmp_path, "settings:\n  claim: {hedged: lower}\n")
    assert message.startswith("claimlint.yaml:2: 'settings.claim': the 'claim' rule type has no settings (types with settings: ")


def test_a_bad_settings_value_names_its_line(tmp_path: Path) -> None:
    message = _settings_error(tmp_path, "settings:\n  grammar:\n    url: http://localhost:8081\n    timeout: yes\n")
    assert message == "claimlint.yaml:4: settings.grammar.timeout must be a number, not True"


def test_settings_become_one_typed_frozen_value_per_type(tmp_path: Path) -> None:
    from dataclasses import FrozenInstanceError

    from claimlint import engine
    from claimlint.checks import grammar, spelling

    (tmp_path / "claimlint.yaml").write_text("settings:\n  grammar: {timeout: 3, words: Kinetape}\n", encoding="utf-8")
    context = engine.run_context(load_config(tmp_path / "claimlint.yaml"), (), use_cache=False)
    typed = context.settings_of(grammar.SETTINGS)
    assert (typed.timeout, typed.words, typed.language) == (3.0, ("Kinetape",), "en-US")
    assert context.settings_of(spelling.SETTINGS) == spelling.SpellingSettings()  # not configured: the defaults
    with pytest.raises(FrozenInstanceError):
        typed.timeout = 1.0  # type: ignore[misc]
