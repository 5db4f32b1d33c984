"""The seeds are clinic marketing: with the default settings `claimlint check seeds/` fails (exit 1)."""

from __future__ import annotations

import pytest

from claimlint.cli import main
from tests.conftest import ROOT


def test_check_seeds_fails_with_default_settings(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["check", "seeds/", "--no-cache", "--select", "CLM,DSC", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert " error CLM105 " in out and " error CLM108 " in out
