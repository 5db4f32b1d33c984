"""`overrides:` in config: per-path select/ignore, severities, settings and page type, applied in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import overrides
from claimlint.config import ConfigError, load_config
from claimlint.finding import Severity
from claimlint.rulefile import RuleSpec

CONFIG = """\
select: [TST]
severity: {TST002: info}
settings: {duplicate: {min_words: 6, max_postings: 40}}
overrides:
  - files: ["news/**"]
    page-type: reporting
    ignore: [TST002]
  - files: ["news/opinion/*.md", "shop/**"]
    select: [TST001]
    severity: {TST001: warning}
    settings: {duplicate: {min_words: 9}}
"""


def _config(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "claimlint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_apply_in_order_to_matching_paths(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path))
    assert overrides.matching(config, str(tmp_path / "news" / "opinion" / "a.md")) == (0, 1)
    assert overrides.matching(config, "news/today.md") == (0,)
    assert overrides.matching(config, "blog/a.md") == ()

    opinion = overrides.effective(config, "news/opinion/a.md")
    assert opinion.select == ("TST001",) and opinion.ignore == ("TST002",)
    assert opinion.severity == {"TST002": Severity.INFO, "TST001": Severity.WARNING}
    assert opinion.settings["duplicate"] == {"min_words": 9, "max_postings": 40}  # merged key by key
    assert opinion.page_type == "reporting"

    blog = overrides.effective(config, "blog/a.md")
    assert (blog.select, blog.ignore, blog.page_type) == (("TST",), (), "auto")


def test_the_command_lines_select_wins_and_extend_select_adds(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path)).with_overrides(select=("TST002",))
    assert overrides.effective(config, "shop/a.md").select == ("TST002",)
    extended = load_config(_config(tmp_path, "overrides:\n  - files: ['*.md']\n    extend-select: [CLM999]\n"))
    assert overrides.effective(extended, "a.md").select == ("ALL", "CLM999")  # every rule on by default, and this one


def test_where_each_value_came_from(tmp_path: Path) -> None:
    path = _config(tmp_path)
    config = load_config(path)
    _, settings = overrides.apply(config, overrides.matching(config, "news/opinion/a.md"))
    assert [(s.key, s.value, s.origins) for s in settings] == [
        ("select", "TST001", (f"{path}:4 overrides[1]",)),
        ("ignore", "TST002", (f"{path}:4 overrides[0]",)),
        ("severity", "TST002=info, TST001=warning", (f"{path}:2", f"{path}:4 overrides[1]")),
        ("page-type", "reporting", (f"{path}:4 overrides[0]",)),
        ("settings.duplicate", "{min_words: 9, max_postings: 40}", (f"{path}:3", f"{path}:4 overrides[1]")),
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  - files: ['a/*']\n    fils: x\n", "'overrides[0]': unknown key 'fils' (did you mean 'files'?)"),
        ("  - ignore: [TST]\n", "'overrides[0]' needs 'files': the globs of the paths it applies to"),
        ("  - files: ['a/*']\n    page-type: shop\n", "'overrides[0].page-type':"),
        ("  - files: ['a/*']\n    severity: {TST001: loud}\n", "'overrides[0].severity':"),
        ("  - files: []\n", "'overrides[0].files' must name at least one glob"),
        ("  - files: ['a/*']\n    settings: {duplicate: 3}\n", "'overrides[0].settings' must map rule types to mappings"),
        ("  x\n", "'overrides' must be a list of entries"),
    ],
)
def test_a_bad_entry_is_one_line_naming_it(tmp_path: Path, entry: str, message: str) -> None:
    path = _config(tmp_path, "ignore: []\noverrides:\n" + entry)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}:2: ") and message in str(caught.value)


def test_a_profile_reuses_the_runs_prepared_checks_unless_their_settings_change(tmp_path: Path) -> None:
    from claimlint import engine

    text = "overrides:\n  - files: ['news/**']\n    severity: {TST001: info}\n  - files: ['shop/**']\n    settings: {spelling: {words: [Kinetape]}}\n"
    config = load_config(_config(tmp_path, text))
    from tests.conftest import default_checks

    spelling = [check for check in default_checks() if check.spec.code == "GRM102"]
    specs = [spec for spec in _golden_specs() if spec.spec.code in ("TST001", "TST002")] + spelling
    config = config.with_overrides(select=("TST001", "TST002", "GRM102"))
    base, _ = engine.prepare_ruleset(engine.build_ruleset(config, specs), engine.run_context(config, (), use_cache=False))
    context = engine.run_context(config, (), use_cache=False)
    news, _, _, _ = overrides.profile("news/a.md", base, context, config)
    by_code = {check.spec.code: check for check in base.checks}
    assert [check is by_code[check.spec.code] for check in news.checks] == [False, True, True]  # TST001: its severity changed
    assert news.checks[0].spec.severity is Severity.INFO and news.checks[0] == type(by_code["TST001"])(**{**_fields_of(by_code["TST001"]), "spec": news.checks[0].spec})
    shop, _, _, _ = overrides.profile("shop/a.md", base, context, config)
    # The spelling type's settings changed: its check is prepared anew; the pattern checks are the run's.
    assert [check is by_code[check.spec.code] for check in shop.checks] == [True, True, False]
    assert overrides.profile("news/b.md", base, context, config)[0] is news  # once per run for each combination


def _golden_specs() -> list:  # type: ignore[type-arg]
    from claimlint.rulefile import load_rule_dirs
    from tests.conftest import FIXTURES

    return load_rule_dirs([FIXTURES / "rules"])


def _fields_of(check: object) -> dict[str, object]:
    from dataclasses import fields

    return {field.name: getattr(check, field.name) for field in fields(check)}  # type: ignore[arg-type]
