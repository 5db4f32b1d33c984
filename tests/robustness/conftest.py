"""Helpers for the robustness suite: run the real CLI in a folder, make rule files."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimlint.cli import main

# Grammar needs a LanguageTool server, which tests do not have; its notice is noise here.
QUIET_RULES = ("--ignore", "GRM")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Outcome:
    """`claimlint check ARGS` in-process, as (exit status, stdout, stderr)."""
    code = main(["check", "--no-cache", *QUIET_RULES, *args])
    captured = capsys.readouterr()
    return Outcome(int(code), captured.out, captured.err)


def spawn(cwd: Path, *args: str, extra_env: dict[str, str] | None = None, **options: object) -> subprocess.Popen[str]:
    """A real `claimlint` process (python -m claimlint), for signals and concurrency."""
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "claimlint", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def pattern_rule(
    code: str, name: str, tokens: list[str], *, message: str = "'{match}' flagged", nonword: bool = False, example: str | None = None
) -> str:
    """The YAML of one `pattern` rule; its fail example is its first plain-word token (a user's
    rule must flag its own fail example, or it does not load)."""
    quoted = ", ".join("'" + token.replace("'", "''") + "'" for token in tokens)
    if example is None:
        example = next((token for token in tokens if token.isalnum()), "x")
    return (
        f"code: {code}\nname: {name}\ntype: pattern\ncategory: claim\nseverity: error\n"
        f"message: \"{message}\"\nrationale: A test rule.\ntokens: [{quoted}]\nnonword: {str(nonword).lower()}\n"
        f"examples:\n  fail: ['{example}']\n"
    )


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
