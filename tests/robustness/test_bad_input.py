"""Bad input: each gets one line naming the file and the problem; the other files are still linted."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint.source import InputProblem, ProblemKind, SourceText, read_source
from tests.robustness.conftest import pattern_rule, run_cli, write

GOOD = "Our miracle tea works.\n"


@pytest.fixture
def project(in_tmp: Path) -> Path:
    """A folder with one rule (TST101 flags 'miracle') and one good article."""
    write(in_tmp / "rules" / "miracle.yaml", pattern_rule("TST101", "miracle", ["miracle"]))
    write(in_tmp / "docs" / "good.md", GOOD)
    return in_tmp


def lint(capsys: pytest.CaptureFixture[str], *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--no-default-rules", "--rules", "rules", *args)


def good_finding_present(out: str) -> bool:
    return "docs/good.md:1:5: error TST101 'miracle' flagged" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"fine\nstill fine\nbad \xff byte\n", "not UTF-8 (invalid byte 0xff at line 3)"),
        (b"one\rtwo\rthree \xc3\x28\r", "not UTF-8 (invalid byte 0xc3 at line 3)"),  # CR-only line endings
        (b"one\r\ntwo \x80\r\n", "not UTF-8 (invalid byte 0x80 at line 2)"),
        (codecs.BOM_UTF8 + b"\xfe", "not UTF-8 (invalid byte 0xfe at line 1)"),
        (b"truncated \xe2\x82", "not UTF-8 (invalid byte 0xe2 at line 1)"),
        (codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le") + b"\x00\xdc", "not UTF-16-LE (invalid byte 0x00 at line 3)"),
    ],
    ids=["lf", "cr-only", "crlf", "bom-then-bad", "truncated", "utf16-lone-surrogate"],
)
def test_undecodable_file_is_one_line_and_exit_3(
    project: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    write(project / "docs" / "bad.md", data)
    outcome = lint(capsys, "docs")
    assert outcome.code == 3
    line = message.rsplit("at line ", 1)[1].rstrip(")")
    assert f"docs/bad.md:{line}:1: error SYS005 {message}" in outcome.out  # the finding sits at the bad byte's line
    assert good_finding_present(outcome.out)
    assert "Traceback" not in outcome.err


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + GOOD.encode(),
        codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"),
        GOOD.replace("\n", "\r\n").encode(),
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be", "crlf"],
)
def test_other_encodings_are_linted_at_the_same_place(project: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    write(project / "docs" / "good.md", data)
    outcome = lint(capsys, "docs")
    assert (outcome.code, outcome.err) == (1, "")
    assert good_finding_present(outcome.out)


@pytest.mark.parametrize(
    ("name", "data", "notice"),
    [
        ("binary.md", b"PK\x03\x04\x00\x00miracle", "binary file (contains NUL bytes), skipped"),
        ("utf32.md", codecs.BOM_UTF32_LE + "miracle".encode("utf-32-le"), "binary file (contains NUL characters), skipped"),
    ],
)
def test_binary_files_are_skipped_with_a_notice(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, notice: str
) -> None:
    write(project / "docs" / name, data)
    outcome = lint(capsys, "docs")
    assert outcome.code == 1  # the good file's finding; a skipped file is not a failure
    assert outcome.err == f"claimlint: docs/{name}: {notice}\n"
    assert good_finding_present(outcome.out) and name not in outcome.out


def test_file_over_the_size_limit_is_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "claimlint.yaml", "max-file-size: 1000\n")
    write(project / "docs" / "huge.md", "miracle " * 200)
    outcome = lint(capsys, "docs")
    assert outcome.code == 1
    assert outcome.err == "claimlint: docs/huge.md: file is 1600 bytes, over the 1000-byte limit, skipped\n"
    assert good_finding_present(outcome.out) and "huge.md" not in outcome.out


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("empty.md", ""),
        ("blank.md", "\n\r\n\r  \t\n"),
        ("only-front-matter.md", "---\ntitle: Nothing else\n---\n"),
        ("unclosed-front-matter.md", "---\ntitle: 'never closed\n: : [\n"),
        ("broken-front-matter.md", "---\n\tbad: [yaml\n---\nBody text.\n"),
        ("unclosed-fence.md", "Text.\n\n```python\nmiracle = 1\n"),
        ("unclosed-comment.md", "Text <!-- never closed\nnothing\n"),
        ("bad.html", "<p>unclosed <b>bold <div <script>miracle"),  # `<script` is an attribute of the div here
        ("unclosed-script.html", "<p>unclosed <b>bold <script>miracle"),
        ("stray.html", "</p></p><<>>&;&#xZZ;&#99999999;<!-- x"),
        ("only-tags.html", "<html><head><title></title></head><body></body></html>"),
        ("control.txt", "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
    ],
)
def test_odd_but_valid_files_never_crash(project: Path, capsys: pytest.CaptureFixture[str], name: str, text: str) -> None:
    write(project / "docs" / name, text)
    outcome = lint(capsys, "docs")
    assert outcome.code == 1 and outcome.err == ""
    assert good_finding_present(outcome.out)
    # Code, scripts, comments and front-matter keys are not prose; the broken div's text is.
    assert (name in outcome.out) == (name == "bad.html")


def test_unclosed_front_matter_is_a_thematic_break_and_the_body_is_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "docs" / "open.md", "---\nOur miracle cure.\n")
    outcome = lint(capsys, "docs/open.md")
    assert outcome.out.splitlines()[0] == "docs/open.md:2:5: error TST101 'miracle' flagged"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_skipped_not_waited_on(project: Path) -> None:
    os.mkfifo(project / "docs" / "pipe.md")
    result = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--no-cache", "--no-default-rules", "--rules", "rules", "docs"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == "claimlint: docs/pipe.md: not a regular file (pipe, socket or device), skipped\n"
    assert "docs/good.md:1:5:" in result.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_named_outright_is_skipped() -> None:
    problem = read_source("/dev/zero")
    assert isinstance(problem, InputProblem) and problem.kind is ProblemKind.SKIPPED
    assert str(problem) == "/dev/zero: not a regular file (pipe, socket or device), skipped"


def test_broken_symlink_is_unreadable_and_exit_3(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "gone.md").symlink_to(project / "nowhere.md")
    outcome = lint(capsys, "docs")
    assert outcome.code == 3
    assert "docs/gone.md:1:1: error SYS005 no such file (broken symlink?)" in outcome.out
    assert good_finding_present(outcome.out)


def test_symlink_loop_is_reported_once_and_not_followed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "loop").symlink_to(project / "docs")
    outcome = lint(capsys, "docs")
    assert outcome.code == 1
    assert outcome.err == "claimlint: docs/loop: symlink loop, skipped\n"
    assert outcome.out.count("good.md") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_permission_denied_and_exit_3(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = write(project / "docs" / "secret.md", "miracle")
    secret.chmod(0)
    try:
        outcome = lint(capsys, "docs")
    finally:
        secret.chmod(0o644)
    assert outcome.code == 3
    assert "docs/secret.md:1:1: error SYS005 permission denied" in outcome.out
    assert good_finding_present(outcome.out)


def test_permission_error_becomes_a_problem_not_an_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as above for runs as root (CI containers), where chmod 0 cannot deny a read.
    path = write(tmp_path / "a.md", "text")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("builtins.open", deny)
    assert read_source(path) == InputProblem(str(path), "permission denied")


def test_a_folder_named_like_an_article_is_walked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "docs" / "folder.md" / "inner.md", "A miracle.")
    outcome = lint(capsys, "docs")
    assert "docs/folder.md/inner.md:1:3: error TST101" in outcome.out and outcome.code == 1


def test_names_with_spaces_and_non_ascii(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "docs" / "ünïcödé — café 😀.md", "Un miracle.")
    write(project / "docs" / "with space.md", "Another miracle.")
    outcome = lint(capsys, "docs")
    assert "docs/ünïcödé — café 😀.md:1:4: error TST101" in outcome.out
    assert "docs/with space.md:1:9: error TST101" in outcome.out


@pytest.mark.parametrize("path", ["missing.md", "missing-folder", "docs/*.nothing"])
def test_a_path_that_does_not_exist_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str], path: str) -> None:
    outcome = lint(capsys, path)
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err.startswith(f"claimlint: {path}: ") and outcome.err.count("\n") == 1


def test_stdin_that_is_not_utf8_is_exit_3(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"ok\n\xff")))
    outcome = lint(capsys, "-", "--stdin-filename", "piped.md")
    assert outcome.code == 3
    assert "piped.md:2:1: error SYS005 not UTF-8 (invalid byte 0xff at line 2)" in outcome.out


def test_read_source_decodes_what_it_can(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", codecs.BOM_UTF16_BE + "héllo 😀\r\n".encode("utf-16-be"))
    source = read_source(path)
    assert isinstance(source, SourceText)
    assert (source.text, source.encoding, source.had_bom) == ("héllo 😀\r\n", "utf-16-be", True)
