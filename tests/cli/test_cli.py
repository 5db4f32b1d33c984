"""The command line: (exit status, stdout, stderr) for each case, as a user sees them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint.cli import main
from tests.conftest import FIXTURES, ROOT

GOLDEN_RULES = str(FIXTURES / "rules")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-default-rules", "--rules", GOLDEN_RULES, "--no-cache", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _article(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path.relative_to(folder))


def test_text_output_sorted_with_summary_and_exit_1(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "b.md", "We utilize it.\n")
    _article(in_tmp, "a.txt", "Fine.\nIt cures.\n")
    code, out, err = run(capsys, ".")
    assert code == 1 and err == ""
    assert out == (
        "a.txt:2:4: error TST001 'cures' is a test trigger.\n"
        "b.md:1:4: warning TST002 Use 'use' instead of 'utilize'.\n"
        "  suggestion: use\n"
        "\n"
        "Found 2 findings (1 error, 1 warning, 0 info) in 2 of 2 files.\n"
    )


def test_fail_on_and_quiet(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "b.md", "We utilize it.\n")
    assert run(capsys, "b.md")[0] == 0
    code, out, _ = run(capsys, "b.md", "--fail-on", "warning", "--quiet")
    assert code == 1 and out == "b.md:1:4: warning TST002 Use 'use' instead of 'utilize'.\n"
    assert run(capsys, "b.md", "--fail-on", "never", "--select", "TST002")[0] == 0


def test_clean_file(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "ok.md", "Nothing risky.\n")
    assert run(capsys, "ok.md") == (0, "No findings in 1 file.\n", "")


def test_json_document(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "a.md", "It cures.\n")
    code, out, _ = run(capsys, "a.md", "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["schema_version"] == 1 and document["files"] == 1
    (finding,) = document["findings"]
    assert finding == {
        "path": "a.md", "line": 1, "column": 4, "end_line": 1, "end_column": 9, "rule": "TST001",
        "name": "golden-claim-words", "category": "claim", "severity": "error",
        "message": "'cures' is a test trigger.", "excerpt": "cures", "suggestion": None, "related": [],
    }


def test_output_file_and_statistics(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "a.md", "It cures. It cures. We utilize it.\n")
    code, out, _ = run(capsys, "a.md", "--output", "report.txt", "--statistics")
    assert code == 1 and out == ""
    report = (in_tmp / "report.txt").read_text(encoding="utf-8")
    assert "     2  TST001  golden-claim-words\n     1  TST002  golden-swap\n" in report


def test_standard_input_with_a_file_name(in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("<p>It <b>cures</b>.</p>".encode())))
    code, out, _ = run(capsys, "-", "--stdin-filename", "page.html", "--quiet")
    assert (code, out) == (1, "page.html:1:10: error TST001 'cures' is a test trigger.\n")


def test_missing_path_is_exit_2_one_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "nope.md") == (2, "", "claimlint: nope.md: no such file or directory\n")


def test_broken_rule_file_is_exit_2_one_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "rules").mkdir()
    (in_tmp / "rules" / "bad.yaml").write_text("code: TST900\nname: bad\ntype: pattern\ntokns: [x]\n", encoding="utf-8")
    _article(in_tmp, "a.md", "x\n")
    code = main(["check", "--no-default-rules", "--rules", "rules", "a.md"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == "claimlint: rules/bad.yaml:1:1: missing required key 'category'\n"


def test_unknown_config_key_is_exit_2_one_line(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "claimlint.yaml").write_text("fail-on: error\nignor: [CLM]\n", encoding="utf-8")
    _article(in_tmp, "a.md", "x\n")
    code, out, err = run(capsys, "a.md")
    assert (code, out) == (2, "")
    assert err == f"claimlint: {in_tmp / 'claimlint.yaml'}:2: unknown key 'ignor' (did you mean 'ignore'?)\n"


def test_undecodable_file_is_exit_3_and_the_rest_is_linted(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "bad.txt").write_bytes(b"ok\nbroken \xff byte\n")
    _article(in_tmp, "good.txt", "It cures.\n")
    code, out, _ = run(capsys, ".", "--quiet")
    assert code == 3
    assert out == (
        "bad.txt:2:1: error SYS005 not UTF-8 (invalid byte 0xff at line 2)\n"
        "good.txt:1:4: error TST001 'cures' is a test trigger.\n"
    )


def test_rules_and_explain(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--no-default-rules", "--rules", GOLDEN_RULES]) == 0
    out = capsys.readouterr().out
    assert "TST001  golden-claim-words" in out and "TST002  golden-swap" in out
    assert main(["explain", "--no-default-rules", "--rules", GOLDEN_RULES, "golden-swap"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("TST002 golden-swap (style, warning)") and "Flagged:\n  - We utilize it." in out
    assert main(["explain", "--no-default-rules", "NOPE"]) == 2
    assert "unknown rule 'NOPE'" in capsys.readouterr().err


def test_default_command_is_check(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "a.md", "It cures.\n")
    assert main(["--no-default-rules", "--rules", GOLDEN_RULES, "a.md", "-q"]) == 1
    assert capsys.readouterr().out == "a.md:1:4: error TST001 'cures' is a test trigger.\n"


def test_color_only_when_asked_or_on_a_terminal(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _article(in_tmp, "a.md", "It cures.\n")
    assert "\033[" not in run(capsys, "a.md")[1]
    assert "\033[31merror" in run(capsys, "a.md", "--color", "always")[1]


def test_console_script_runs_with_network_blocked(tmp_path: Path) -> None:
    """The installed entry point, in a fresh process whose sockets all raise."""
    (tmp_path / "a.md").write_text("It cures.\n", encoding="utf-8")
    shim = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network blocked by test')\n"
        "socket.socket.connect = refuse; socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from claimlint.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", shim, "check", "--no-cache", "--quiet", "--fail-on", "never", str(tmp_path / "a.md")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "claimlint", "--version"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("claimlint ")
