"""`check --resident`: a warm resident process runs each command in a fork of itself, with the
caller's folder, environment and streams, and prints exactly what a run in the caller prints.

Real processes throughout: the `claimlint` command as installed (python -m claimlint), the
resident process it starts, its socket in a folder of the test's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimlint import resident

ARTICLE = "# Knee pain\n\nThis supplement cures arthritis, guaranteed.\n\nWe walked to the park.\n"

# The caller reports, after its command, whether it imported the CLI: a command served by the
# resident process never does (the launcher hands it over first).
CALLER = """\
import sys
from claimlint.launcher import main
code = main(sys.argv[1:])
print("served-by-resident" if "claimlint.cli" not in sys.modules else "ran-in-caller", file=sys.stderr)
raise SystemExit(code)
"""


@pytest.fixture
def environment(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The callers' environment: sockets in the test's folder, not in CI (where --resident stays off)."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env.update({resident.FOLDER_VARIABLE: str(tmp_path / "run"), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"})
    yield env
    _stop(env)


def _stop(env: dict[str, str]) -> None:
    """Stop the test's resident process, and make sure it is gone."""
    folder = Path(env[resident.FOLDER_VARIABLE]) / f"claimlint-{os.getuid()}"
    pids = [lock.read_text(encoding="utf-8").strip() for lock in folder.glob("*.lock")] if folder.is_dir() else []
    subprocess.run([sys.executable, "-m", "claimlint", "resident", "--stop"], env=env, capture_output=True, timeout=60)
    for pid in filter(None, pids):
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if Path(f"/proc/{pid}").exists():
            os.kill(int(pid), signal.SIGKILL)


def _call(cwd: Path, env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CALLER, *args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def _socket_of(env: dict[str, str]) -> Path:
    path = resident.socket_path(env)
    assert path is not None
    return Path(path)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 120  # the resident process warms up first (a few seconds)
    while not path.exists():
        assert time.monotonic() < deadline, f"no resident process at {path}"
        time.sleep(0.1)


def _started(site: Path, env: dict[str, str]) -> Path:
    """A resident process for the test, started by a first command (which runs in its caller)."""
    first = _call(site, env, "check", "--resident", "--ignore", "GRM", "a.md")
    assert first.stderr.endswith("ran-in-caller\n"), first.stderr
    path = _socket_of(env)
    _wait_for(path)
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(ARTICLE.replace("Knee", "Hip"), encoding="utf-8")
    return folder


def _without_marker(stderr: str) -> str:
    return stderr.rsplit("served-by-resident\n", 1)[0].rsplit("ran-in-caller\n", 1)[0]


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_a_served_command_prints_what_the_caller_would(site: Path, environment: dict[str, str], output_format: str) -> None:
    _started(site, environment)
    command = ("check", "--no-cache", "--ignore", "GRM", "--format", output_format, ".")
    served = _call(site, environment, *command, "--resident")
    here = _call(site, environment, *command)
    assert served.stderr.endswith("served-by-resident\n") and here.stderr.endswith("ran-in-caller\n")
    assert (served.returncode, served.stdout, _without_marker(served.stderr)) == (here.returncode, here.stdout, _without_marker(here.stderr))
    assert served.returncode == 1 and "sub/b.md" in served.stdout and "CLM101" in served.stdout


def test_a_served_command_runs_in_the_callers_folder_environment_and_streams(site: Path, environment: dict[str, str]) -> None:
    _started(site, environment)
    # Its folder: a relative --output lands beside the caller; its environment: the grammar
    # rule's notice names the caller's LanguageTool address; its standard input: read from '-'.
    env = {**environment, "CLAIMLINT_LANGUAGETOOL_URL": "http://127.0.0.1:9/"}
    served = _call(site / "sub", env, "check", "--resident", "--no-cache", "--output", "report.txt", "-", "--stdin-filename", "typed.md", stdin=ARTICLE)
    here = _call(site / "sub", env, "check", "--no-cache", "--output", "here.txt", "-", "--stdin-filename", "typed.md", stdin=ARTICLE)
    assert served.stderr.endswith("served-by-resident\n"), served.stderr
    assert "127.0.0.1:9" in served.stderr and _without_marker(served.stderr) == _without_marker(here.stderr)
    report = (site / "sub" / "report.txt").read_text(encoding="utf-8")
    assert "typed.md:3:" in report and report == (site / "sub" / "here.txt").read_text(encoding="utf-8")
    assert served.stdout == "" and served.returncode == here.returncode == 1


def _children(pid: int) -> set[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    return {int(child) for child in text.split()}


def _standby_of(pid: int) -> int:
    """The resident process's one child between commands: the standby, forked and waiting."""
    deadline = time.monotonic() + 60
    while len(children := _children(pid)) != 1:
        assert time.monotonic() < deadline, f"resident process {pid} has children {children}, not one standby"
        time.sleep(0.05)
    return children.pop()


def test_each_command_is_served_by_the_standby_forked_before_it(site: Path, environment: dict[str, str]) -> None:
    """Between commands a warmed child waits; a command is run by it (it is gone afterwards), and
    another takes its place; what it prints is the caller's own run's."""
    path = _started(site, environment)
    pid = int(path.with_suffix(".lock").read_text(encoding="utf-8"))
    here = _call(site, environment, "check", "--no-cache", "--ignore", "GRM", "a.md")
    for _ in range(2):
        standby = _standby_of(pid)
        time.sleep(0.5)  # its warm-up (one small check) is done: a command a moment later is its
        served = _call(site, environment, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
        assert served.stderr.endswith("served-by-resident\n") and (served.stdout, served.returncode) == (here.stdout, here.returncode)
        assert not Path(f"/proc/{standby}").exists() or Path(f"/proc/{standby}/stat").read_text().split()[2] == "Z"
        assert _standby_of(pid) != standby


def test_a_dead_standby_costs_nothing_the_command_runs_in_a_child_forked_for_it(site: Path, environment: dict[str, str]) -> None:
    path = _started(site, environment)
    pid = int(path.with_suffix(".lock").read_text(encoding="utf-8"))
    standby = _standby_of(pid)
    os.kill(standby, signal.SIGKILL)
    here = _call(site, environment, "check", "--no-cache", "--ignore", "GRM", "a.md")
    served = _call(site, environment, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert served.stderr.endswith("served-by-resident\n") and (served.stdout, served.returncode) == (here.stdout, here.returncode)
    assert _standby_of(pid) != standby  # reaped, and another forked after the command


def test_usage_errors_come_from_the_served_command_as_from_the_caller(site: Path, environment: dict[str, str]) -> None:
    _started(site, environment)
    served = _call(site, environment, "check", "--resident", "--format", "nope", "a.md")
    here = _call(site, environment, "check", "--format", "nope", "a.md")
    assert served.returncode == here.returncode == 2
    assert "invalid choice: 'nope'" in served.stderr and _without_marker(served.stderr) == _without_marker(here.stderr)


def _long_article(site: Path) -> None:
    """Long enough to be mid-run seconds after it started: 60,000 distinct sentences (about 10 s)."""
    (site / "long.md").write_text("\n\n".join(f"Our supplement number {n} cures arthritis, guaranteed." for n in range(60_000)), encoding="utf-8")


def _wait_for_a_command(path: Path) -> None:
    """Until the resident process at `path` has a child: a command is running."""
    pid = path.with_suffix(".lock").read_text(encoding="utf-8").strip()
    deadline = time.monotonic() + 60
    while not any(task.joinpath("children").read_text().split() for task in Path(f"/proc/{pid}/task").iterdir()):
        assert time.monotonic() < deadline, "no command started in the resident process"
        time.sleep(0.05)
    time.sleep(0.5)  # well into it: past the start-up of the run


def test_while_the_resident_process_is_busy_a_caller_runs_its_command_itself(site: Path, environment: dict[str, str]) -> None:
    path = _started(site, environment)
    _long_article(site)
    busy = subprocess.Popen(
        [sys.executable, "-c", CALLER, "check", "--resident", "--no-cache", "--ignore", "GRM", "--quiet", "long.md"],
        cwd=site, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _wait_for_a_command(path)
    meanwhile = _call(site, environment, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert busy.poll() is None  # still running: the resident process was busy all along
    assert meanwhile.stderr.endswith("ran-in-caller\n") and meanwhile.returncode == 1 and "a.md:3:" in meanwhile.stdout
    out, err = busy.communicate(timeout=300)
    assert err.endswith("served-by-resident\n") and busy.returncode == 1 and out.count(" error CLM101 ") == 60_000


def test_ctrl_c_in_the_caller_interrupts_its_command(site: Path, environment: dict[str, str], tmp_path: Path) -> None:
    path = _started(site, environment)
    _long_article(site)
    _standby_of(int(path.with_suffix(".lock").read_text(encoding="utf-8")))
    time.sleep(0.5)  # the standby runs it (a child forked at the command: the dead-standby test)
    caller = subprocess.Popen(
        [sys.executable, "-c", CALLER, "check", "--resident", "--no-cache", "--ignore", "GRM", "long.md"],
        cwd=site, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    _wait_for_a_command(path)
    caller.send_signal(signal.SIGINT)
    out, err = caller.communicate(timeout=60)
    assert caller.returncode == 130, err
    assert "claimlint: interrupted" in err and "Traceback" not in err and out == ""
    # The resident process outlives it and serves the next command.
    again = _call(site, environment, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert again.stderr.endswith("served-by-resident\n") and again.returncode == 1


def test_a_killed_resident_process_costs_one_command_run_in_its_caller(site: Path, environment: dict[str, str]) -> None:
    path = _started(site, environment)
    pid = int(path.with_suffix(".lock").read_text(encoding="utf-8"))
    os.kill(pid, signal.SIGKILL)
    while Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z":
        time.sleep(0.05)
    assert path.exists()  # its socket is left behind, refusing connections
    after = _call(site, environment, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert after.stderr.endswith("ran-in-caller\n") and after.returncode == 1 and "a.md:3:" in after.stdout
    _wait_for_new_process(path, pid)
    served = _call(site, environment, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert served.stderr.endswith("served-by-resident\n") and served.stdout == after.stdout


def _wait_for_new_process(path: Path, old_pid: int) -> None:
    deadline = time.monotonic() + 120
    while True:
        lock = path.with_suffix(".lock").read_text(encoding="utf-8").strip()
        if lock and int(lock) != old_pid and path.exists() and _accepts(path):
            return
        assert time.monotonic() < deadline, "no new resident process"
        time.sleep(0.1)


def _accepts(path: Path) -> bool:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(str(path)) == 0


def test_stop_ends_the_resident_process(site: Path, environment: dict[str, str]) -> None:
    path = _started(site, environment)
    pid = int(path.with_suffix(".lock").read_text(encoding="utf-8"))
    stopped = subprocess.run([sys.executable, "-m", "claimlint", "resident", "--stop"], env=environment, capture_output=True, text=True, timeout=60)
    assert stopped.returncode == 0 and "stopped the resident process" in stopped.stderr
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not path.exists()
    again = subprocess.run([sys.executable, "-m", "claimlint", "resident", "--stop"], env=environment, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "no resident process was running" in again.stderr


def test_in_ci_or_without_a_private_folder_the_caller_runs_the_command(site: Path, environment: dict[str, str], tmp_path: Path) -> None:
    in_ci = _call(site, {**environment, "CI": "true"}, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert in_ci.stderr.endswith("ran-in-caller\n") and in_ci.returncode == 1
    assert not (tmp_path / "run").exists()  # nothing started, no folder made
    shared = tmp_path / "shared"
    (shared / f"claimlint-{os.getuid()}").mkdir(parents=True)
    (shared / f"claimlint-{os.getuid()}").chmod(0o755)  # others may enter: not used
    env = {**environment, resident.FOLDER_VARIABLE: str(shared)}
    assert resident.socket_path(env) is None
    refused = _call(site, env, "check", "--resident", "--no-cache", "--ignore", "GRM", "a.md")
    assert refused.stderr.endswith("ran-in-caller\n") and refused.returncode == 1 and list((shared / f"claimlint-{os.getuid()}").iterdir()) == []


@pytest.mark.parametrize(
    ("arguments", "asks"),
    [
        (["check", "--resident", "a.md"], True),
        (["--resident"], True),
        (["check", "a.md"], False),
        (["check", "--", "--resident"], False),  # a file named --resident
    ],
)
def test_the_launcher_hands_over_only_resident_commands(arguments: list[str], asks: bool) -> None:
    from claimlint.launcher import asks_resident

    assert asks_resident(arguments) is asks
