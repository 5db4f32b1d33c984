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
