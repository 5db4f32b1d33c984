"""`overrides:` seen from the command line: findings per section of a site, and --show-settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.cli import main
from tests.conftest import FIXTURES

CONFIG = f"""\
default-rules: false
rules: [{FIXTURES / "rules"}]
severity: {{TST002: info}}
overrides:
  - files: ["news/**"]
    ignore: [TST002]
    page-type: reporting
  - files: ["shop/*.md"]
    severity: {{TST001: warning, golden-swap: error}}
"""


@pytest.fixture
def site(in_tmp: Path) -> Path:
    (in_tmp / "claimlint.yaml").write_text(CONFIG, encoding="utf-8")
    for folder in ("news", "shop", "blog"):
        (in_tmp / folder).mkdir()
        (in_tmp / folder / "a.md").write_text("We utilize it. It cures.\n", encoding="utf-8")
    return in_tmp


def test_each_section_gets_its_settings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):  # the second run is served from the cache: its key covers the overrides
        code = main(["check", "--quiet", "news", "shop", "blog"])
        out, err = capsys.readouterr()
        assert (code, err) == (1, "")
        assert out.splitlines() == [
            "blog/a.md:1:4: info TST002 Use 'use' instead of 'utilize'.",
            "blog/a.md:1:19: error TST001 'cures' is a test trigger.",
            "news/a.md:1:19: error TST001 'cures' is a test trigger.",
            "shop/a.md:1:4: error TST002 Use 'use' instead of 'utilize'.",
            "shop/a.md:1:19: warning TST001 'cures' is a test trigger.",
        ]
    config = site / "claimlint.yaml"
    config.write_text(CONFIG.replace("ignore: [TST002]", "ignore: [TST001]"), encoding="utf-8")
    main(["check", "--quiet", "news"])
    assert capsys.readouterr().out == "news/a.md:1:4: info TST002 Use 'use' instead of 'utilize'.\n"


def test_show_settings_says_where_each_value_came_from(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--show-settings", "shop/a.md", "--ignore", "TST002"])
    out, err = capsys.readouterr()
    config = "claimlint.yaml"  # named as found from the working folder
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "settings for shop/a.md",
        f"config: {config}",
        f"overrides applied: {config}:4 overrides[1]",
        "select:    (every rule on by default)  [default]",
        "ignore:    TST002  [command line]",
        f"severity:  TST002=info, TST001=warning, golden-swap=error  [{config}:3; {config}:4 overrides[1]]",
        "page-type: auto  [default]",
        "rules (1): TST001 warning",
    ]
