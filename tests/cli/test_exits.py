"""Arguments and config errors a CI owner meets: the right line, no guessing at option names."""

from __future__ import annotations

import io
import json
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


@pytest.fixture
def with_nul(in_tmp: Path) -> Path:
    (in_tmp / "docs").mkdir()
    (in_tmp / "docs" / "nul.md").write_bytes(b"This tea cures\x00 arthritis.\n")
    (in_tmp / "docs" / "fine.md").write_text("Fine.\n", encoding="utf-8")
    return in_tmp


def test_a_skipped_file_is_a_notice_by_default(with_nul: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--format", "json", "docs")
    assert code == 0 and json.loads(out)["findings"] == []
    assert err == "claimlint: docs/nul.md: binary file (contains NUL bytes), skipped\n"


@pytest.mark.parametrize("how", ["option", "config"])
def test_fail_on_skipped_makes_a_skipped_file_a_finding_and_exit_3(with_nul: Path, capsys: pytest.CaptureFixture[str], how: str) -> None:
    # Before: the NUL byte made the article "binary, skipped", exit 0, its claim unread.
    if how == "config":
        (with_nul / "claimlint.yaml").write_text("fail-on-skipped: true\n", encoding="utf-8")
    code, out, err = run(capsys, *(["--fail-on-skipped"] if how == "option" else []), "docs")
    assert code == 3
    assert out.splitlines()[0] == "docs/nul.md:1:1: error SYS005 binary file (contains NUL bytes), skipped"
    assert err == "claimlint: docs/nul.md: binary file (contains NUL bytes), skipped\n"
