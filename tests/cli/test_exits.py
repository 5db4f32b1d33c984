"""Arguments and config errors a CI owner meets: the right line, no guessing at option names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from claimlint.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--ignore", "GRM", *argv])
    out, err = capsys.readouterr()
    return int(code), out, err


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ('[tool.claimlint]\nfail_onn = "warning"\n', 2, "fail_onn"),
        ('[project]\nname = "site"\n\n[tool.claimlint]\nselect = ["CLM"]\n  "excludd" = ["drafts"]\n', 6, "excludd"),
        ('[tool.claimlint]\nselect = ["CLM"]\n\n[tool.claimlint.settingz]\nx = 1\n', 4, "settingz"),
    ],
)
def test_an_unknown_key_in_pyproject_is_reported_at_its_line(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, key: str
) -> None:
    # Before: every pyproject.toml error said line 1.
    (in_tmp / "pyproject.toml").write_text(text, encoding="utf-8")
    (in_tmp / "a.md").write_text("Fine.\n", encoding="utf-8")
    code, out, err = run(capsys, "a.md")
    assert (code, out) == (2, "")
    assert err.startswith(f"claimlint: {in_tmp / 'pyproject.toml'}:{line}: unknown key '{key}'")


def test_an_option_is_never_guessed_from_a_prefix(in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: `--stdin articles/x.md` was taken as `--stdin-filename articles/x.md`.
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"This tea cures arthritis.\n")))
    with pytest.raises(SystemExit) as stopped:
        main(["check", "-", "--stdin", "articles/x.md"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --stdin articles/x.md" in capsys.readouterr().err
