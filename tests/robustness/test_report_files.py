"""Where `-o` and `--write-baseline` write: through links, into pipes and devices, never over them;
with the permissions a user expects; a path that cannot take a report is one line and exit 2."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.conftest import run_cli, write

WRITERS = ["-o", "--write-baseline"]


@pytest.fixture
def project(in_tmp: Path) -> Path:
    write(in_tmp / "a.md", "This tea cures arthritis.\n")
    return in_tmp


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def lint(capsys: pytest.CaptureFixture[str], option: str, target: str, *more: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, "--format", "json", option, target, "a.md", *more)


def written(path: Path, option: str) -> None:
    """The file holds a whole report (or baseline) of a.md."""
    document = json.loads(path.read_text(encoding="utf-8"))
    assert ("entries" if option == "--write-baseline" else "findings") in document


def char_device(path: Path, minor: int) -> Path:
    """A character device of our own (1,3 is /dev/null, 1,7 is /dev/full): never the system's."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("creating device nodes needs CAP_MKNOD")
    return path


@pytest.mark.parametrize("option", WRITERS)
def test_a_symlink_is_written_through_to_its_target(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    # Before: the link was replaced by a regular file and its target left as it was.
    target = write(project / "reports" / "target.json", "old\n")
    (project / "link.json").symlink_to("reports/target.json")
    outcome = lint(capsys, option, "link.json")
    assert outcome.code in (0, 1) and "Traceback" not in outcome.err
    assert (project / "link.json").is_symlink() and os.readlink(project / "link.json") == "reports/target.json"
    written(target, option)
    assert sorted(p.name for p in (project / "reports").iterdir()) == ["target.json"]  # no temporary left


@pytest.mark.parametrize("option", WRITERS)
def test_a_dangling_symlink_creates_its_target(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    (project / "link.json").symlink_to("made.json")
    lint(capsys, option, "link.json")
    assert (project / "link.json").is_symlink()
    written(project / "made.json", option)


@pytest.mark.parametrize("option", WRITERS)
def test_a_fifo_is_written_into_and_stays_a_fifo(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    # Before: the FIFO was replaced by a regular file and its reader got nothing.
    fifo = project / "fifo.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)  # before the fix it waited forever
    reader.start()
    outcome = lint(capsys, option, "fifo.json")
    reader.join(timeout=60)
    assert outcome.code in (0, 1) and "Traceback" not in outcome.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert ("entries" if option == "--write-baseline" else "findings") in json.loads(received[0])


@pytest.mark.parametrize("option", WRITERS)
def test_a_character_device_is_written_into_not_replaced(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    # Before: as root, `-o /dev/null` made /dev/null a regular file holding the report.
    device = char_device(project / "null", 3)
    outcome = lint(capsys, option, "null")
    assert outcome.code in (0, 1) and "Traceback" not in outcome.err
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.major(os.lstat(device).st_rdev) == 1


@pytest.mark.parametrize("option", WRITERS)
def test_a_link_to_dev_stdout_writes_to_standard_output(project: Path, option: str) -> None:
    # /dev/stdout -> /proc/self/fd/1: our own descriptor, written as it is (before: the link was
    # replaced; `-o /dev/stdout` itself turned the system's link into a 0600 file).
    (project / "out.json").symlink_to("/dev/stdout")
    done = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--no-cache", "--ignore", "GRM", "--format", "json", option, "out.json", "a.md"],
        cwd=project, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    assert ("entries" if option == "--write-baseline" else "findings") in json.loads(done.stdout)
    assert (project / "out.json").is_symlink() and os.readlink(project / "out.json") == "/dev/stdout"


@pytest.mark.parametrize("option", WRITERS)
def test_dash_writes_to_standard_output(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    outcome = lint(capsys, option, "-")
    assert ("entries" if option == "--write-baseline" else "findings") in json.loads(outcome.out)
    assert not (project / "-").exists()


@pytest.mark.parametrize("option", WRITERS)
def test_a_socket_is_refused_in_one_line(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock")
        outcome = lint(capsys, option, "sock")
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err.endswith("claimlint: sock: not a regular file, FIFO or character device; refusing to write to it\n")
    assert stat.S_ISSOCK(os.lstat(project / "sock").st_mode)


# Item 3: permissions.


@pytest.mark.parametrize("option", WRITERS)
@pytest.mark.parametrize(("mask", "mode"), [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_a_new_report_follows_the_umask(
    project: Path, capsys: pytest.CaptureFixture[str], umask: None, option: str, mask: int, mode: int
) -> None:
    # Before: 0600 whatever the umask, so a CI artifact or web server could not read it.
    os.umask(mask)
    lint(capsys, option, "out/report.json")
    assert stat.S_IMODE(os.stat(project / "out" / "report.json").st_mode) == mode


@pytest.mark.parametrize("option", WRITERS)
def test_an_existing_report_keeps_its_mode(project: Path, capsys: pytest.CaptureFixture[str], umask: None, option: str) -> None:
    # Before: an existing 0664 report was reset to 0600.
    report = write(project / "report.json", "old\n")
    report.chmod(0o664)
    os.umask(0o077)
    lint(capsys, option, "report.json")
    written(report, option)
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o664


# Item 5: a path that cannot take a report.


@pytest.mark.parametrize("option", WRITERS)
def test_a_folder_is_one_line_and_exit_2(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    # Before: IsADirectoryError traceback and exit 1, which CI reads as "findings".
    (project / "out").mkdir()
    outcome = lint(capsys, option, "out")
    assert (outcome.code, outcome.out, outcome.err) == (2, "", "claimlint: out: is a folder; give a file name\n")
    assert list((project / "out").iterdir()) == []


@pytest.mark.parametrize("option", WRITERS)
def test_a_full_device_is_one_line_and_exit_2(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    char_device(project / "full", 7)
    outcome = lint(capsys, option, "full")
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err.endswith("claimlint: full: cannot write: No space left on device\n")


def _small_files() -> None:
    """In the child: files may not grow past 64 bytes, and the write fails (EFBIG) instead of killing."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))


@pytest.mark.parametrize("option", WRITERS)
def test_a_write_that_fails_half_way_is_one_line_exit_2_and_keeps_the_old_file(project: Path, option: str) -> None:
    # Before: OSError traceback, exit 1.
    report = write(project / "report.json", "old report\n")
    done = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--no-cache", "--ignore", "GRM,DUP", "--format", "json", option, "report.json", "a.md"],
        cwd=project, capture_output=True, text=True, timeout=120, preexec_fn=_small_files,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.endswith("claimlint: report.json: cannot write: File too large\n") and done.stderr.count("\n") == 1
    assert report.read_text() == "old report\n"
    assert sorted(p.name for p in project.iterdir()) == ["a.md", "report.json"]
