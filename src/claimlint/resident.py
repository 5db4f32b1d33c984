"""A resident claimlint: one warm process that runs each `check --resident` in a fork of itself.

Pre-commit starts a new claimlint for every commit, and most of a one-article run is warming
up: importing, compiling the rule pack's patterns, reading textstat's dictionaries (about 0.9 s
of a 1 s run). The resident process pays that once and then serves each command in a child of
its own, forked and warmed up before the command comes (a standby; a child is forked at the
command when the standby is not ready yet). The child takes the caller's folder, environment,
umask and standard streams (passed over a Unix socket as file descriptors, so terminals, pipes
and redirections are the caller's own) and runs the command exactly as `cli.main` would in the
caller's process; nothing of one command outlives its child. The caller waits for the child's
exit code and exits with it.

Safe by construction:
- The socket lives in a folder only this user can enter (checked on each use), its name carries
  a fingerprint of claimlint's code and Python, so an upgraded claimlint never talks to an old
  resident process; a peer of another user is refused.
- Anything that goes wrong before the child starts (no resident process yet, a stale socket, a
  refused folder) makes the caller run the command itself, unchanged: nothing was written yet.
  The first call starts the resident process in the background and runs its own command here.
- Ctrl-C in the caller interrupts the child (which cleans up and exits 130, as in process);
  a caller that vanishes interrupts its child too.
- It stops on its own after IDLE_SECONDS without a command, and on `claimlint resident --stop`.

This module imports only the standard library at the top: the caller's side must stay light.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

# Not `typing.TYPE_CHECKING`: the caller's side imports neither typing nor pathlib (their import
# took a fifth of a resident command's own time); mypy treats any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

IDLE_SECONDS = 15 * 60
FOLDER_VARIABLE = "CLAIMLINT_RESIDENT_DIR"  # where the socket folder goes (default: XDG_RUNTIME_DIR, else the temp folder)
_MAX_REQUEST = 4 * 1024 * 1024  # the command, folder and environment (marshal), in bytes
_READY, _STARTED, _EXIT = b"ready\n", b"started\n", b"exit "
# A resident process busy with another command (it takes one at a time) does not greet a new
# caller within this: the caller then runs its command itself rather than queue behind it.
_BUSY_SECONDS = 0.5
_INTERRUPT, _STOP = b"interrupt\n", b"stop\n"


def wanted(environ: Mapping[str, str]) -> bool:
    """Whether `--resident` may use a resident process here: never in CI, where each run is
    the only one and a process left behind could hold the job open."""
    return not environ.get("CI")


def socket_path(environ: Mapping[str, str]) -> str | None:
    """This claimlint's socket, in a folder only this user can use; None when no such folder can be had."""
    import stat

    base = environ.get(FOLDER_VARIABLE) or environ.get("XDG_RUNTIME_DIR") or environ.get("TMPDIR") or "/tmp"
    folder = os.path.join(base, f"claimlint-{os.getuid()}")
    try:
        os.makedirs(base, exist_ok=True)
        if not os.path.lexists(folder):
            os.mkdir(folder, 0o700)
        status = os.lstat(folder)
    except OSError:
        return None
    private = status.st_uid == os.getuid() and status.st_mode & 0o077 == 0
    if not (private and stat.S_ISDIR(status.st_mode)):  # lstat: a symlink is not a folder here
        return None
    return os.path.join(folder, f"{_code_fingerprint()}.sock")


def _code_fingerprint() -> str:
    """Python and claimlint's modules (path, size, time): a changed install gets its own resident process."""
    package = os.path.dirname(os.path.realpath(__file__))
    parts = [sys.executable, sys.version]
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    data = "\n".join(parts).encode("utf-8", "surrogateescape")
    # Which resident process to talk to, not a secret or a guard (the folder's permissions are):
    # zlib's checksums import in no time, hashlib's took 5-13 ms.
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


# ---- the caller's side ----
# `_socket`, the C module under `socket`: importing `socket` (its enums) took 12-40 ms, a
# tenth of the whole budget of a resident command.


def run_remote(argv: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """Run `claimlint argv` in a child of the resident process; its exit code, or None when the
    caller must run the command itself (nothing has been written then)."""
    connection, path = _connect(environ)
    if connection is None:
        if path is not None:
            start(path, environ)
        return None
    try:
        try:
            # Nothing is sent before the greeting: a caller that gave up waiting leaves no
            # command behind to be run a second time.
            connection.settimeout(_BUSY_SECONDS)
            if _read_line(connection) != _READY:
                return None
            connection.settimeout(None)
            _send_request(connection, _request(argv, environ))
            if _read_line(connection) != _STARTED:
                return None
        except OSError:  # TimeoutError among them
            return None
        return _await_exit(connection)
    finally:
        connection.close()


def _connect(environ: Mapping[str, str]) -> tuple[Any, str | None]:
    """A connection to this claimlint's resident process (None when none answers) and its
    socket's path (None without a private folder)."""
    import _socket

    path = socket_path(environ)
    if path is None:
        return None, None
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.connect(path)
    except OSError:
        connection.close()
        return None, path
    return connection, path


def _request(argv: Sequence[str], environ: Mapping[str, str]) -> dict[str, Any]:
    umask = os.umask(0o022)
    os.umask(umask)
    streams = {name: (stream.encoding, stream.errors) for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))}
    return {"argv": list(argv), "cwd": os.getcwd(), "env": dict(environ), "umask": umask, "streams": streams}


def _send_request(connection: Any, request: Mapping[str, Any]) -> None:
    """The caller's standard streams as descriptors (SCM_RIGHTS), then the request. marshal:
    both ends are the same Python and claimlint (the socket's name says so), and the peer is
    this user (the folder's permissions; the resident side checks its credentials)."""
    import _socket
    import array

    body = marshal.dumps(dict(request))
    descriptors = array.array("i", [0, 1, 2]).tobytes()
    connection.sendmsg([len(body).to_bytes(4, "big")], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptors)])
    connection.sendall(body)


def _await_exit(connection: Any) -> int:
    """The child's exit code; Ctrl-C here is passed on to the child, which reports it and exits 130."""
    while True:
        try:
            line = _read_line(connection)
        except KeyboardInterrupt:
            try:
                connection.sendall(_INTERRUPT)
            except OSError:
                return 130
            continue
        if line.startswith(_EXIT):
            return int(line[len(_EXIT):])
        print("claimlint: the resident process stopped before the command finished; run it again without --resident", file=sys.stderr)
        return 70  # EX_SOFTWARE: the command's own outcome is unknown


def _read_line(connection: Any) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(64)
        if not chunk:
            return data
        data += chunk
    return data


def start(path: str, environ: Mapping[str, str]) -> None:
    """Start the resident process in the background, in its own session, for the next command."""
    import subprocess

    try:
        subprocess.Popen(
            [sys.executable, "-m", "claimlint.resident", path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd="/", env=dict(environ), start_new_session=True, close_fds=True,
        )
    except OSError:
        pass  # no resident process: every command runs in its caller, as without --resident


def stop(environ: Mapping[str, str]) -> bool:
    """Ask this claimlint's resident process to stop; whether one was running."""
    connection, _ = _connect(environ)
    if connection is None:
        return False
    try:
        connection.sendall(_STOP)
        while connection.recv(64):  # its greeting, then the end: it closes once it takes no more commands
            pass
    except OSError:
        return False
    finally:
        connection.close()
    return True


# ---- the resident side ----


def serve(socket_file: str) -> int:
    """Warm up, then take commands on `socket_file` until idle or told to stop. One resident
    process per socket: a second one finds the lock taken and leaves."""
    import fcntl
    import gc
    import shutil
    import socket
    import tempfile
    from pathlib import Path

    path = Path(socket_file)

    lock = open(path.with_suffix(".lock"), "a")  # noqa: SIM115 - held for the process's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0
    lock.truncate(0)
    lock.write(f"{os.getpid()}\n")  # who holds it, for `ps` and the benchmark
    lock.flush()
    # The warm-up article's folder, for the process's life: its cache keeps what a check builds
    # once (the spelling word list, the rule data), so each standby's warm-up is a plain check.
    warm_folder = tempfile.mkdtemp(prefix="claimlint-warm-")
    try:
        warm_up(warm_folder)
    except Exception:  # noqa: BLE001 - colder children, not none: each command still runs whole in its own
        pass
    gc.collect()
    gc.freeze()  # the warm objects out of the collector's sight: a child's collections neither walk nor copy them
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    standby: _Standby | None = None
    try:
        path.unlink(missing_ok=True)  # a socket left by a resident process that was killed
        listener.bind(str(path))
        os.chmod(path, 0o600)
        listener.listen(16)
        listener.settimeout(IDLE_SECONDS)
        while True:
            standby = standby or _fork_standby((listener, lock), warm_folder)
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                return 0
            with connection:
                connection.settimeout(10)  # a caller that connects and says nothing does not hold the others up
                if not _same_user(connection):
                    continue
                try:
                    connection.sendall(_READY)
                except OSError:
                    continue
                going_on, standby = _take_command(connection, (listener, lock), standby)
                if not going_on:
                    return 0
    finally:
        path.unlink(missing_ok=True)
        listener.close()
        if standby is not None:
            standby.dismiss()
        shutil.rmtree(warm_folder, ignore_errors=True)


def _same_user(connection: Any) -> bool:
    import socket
    import struct

    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


class _Standby:
    """A child forked ahead of the next command, between commits: forking a resident process of
    100 MB is then off the command's path. It checks the warm-up article once (0.03 s), says it
    is ready, and waits on `channel` for one command.
    Measured: one edited article of a 1,000-article site in 0.18-0.19 s against 0.21 s for a child
    forked at the command (bench/NOTES.md). It exits when the resident process closes the
    channel or dies."""

    def __init__(self, pid: int, channel: Any) -> None:
        self.pid = pid
        self.channel = channel
        self.warm = False
        self.gone = False

    def ready(self) -> bool:
        """Whether its warm-up is done (it said so on the channel): a standby still warming up is
        not used, so a command never waits for it. `gone` when it died."""
        import select

        if not self.warm and select.select([self.channel], [], [], 0)[0]:
            said = self.channel.recv(len(_READY))
            self.warm, self.gone = said == _READY, said != _READY
        return self.warm

    def take(self, header: bytes, body: bytes, fds: Sequence[int]) -> bool:
        import socket

        try:
            socket.send_fds(self.channel, [header], list(fds))
            self.channel.sendall(body)
        except OSError:
            return False
        self.channel.close()
        return True

    def dismiss(self) -> None:
        """Not needed (it was late, or the resident process stops): closing its channel ends it."""
        import signal

        self.channel.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _fork_standby(resident_files: Sequence[Any], warm_folder: str) -> _Standby | None:
    """`resident_files`: the listening socket and the lock, which no child may keep open (a child
    holding the lock after the resident process died would keep a new one from starting)."""
    import socket

    try:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        for resident_file in (*resident_files, ours):
            resident_file.close()
        _stand_by(theirs, warm_folder)  # never returns
    theirs.close()
    return _Standby(pid, ours)


def _stand_by(channel: Any, warm_folder: str) -> None:
    """The standby child: warm up, say so, wait for one command and run it."""
    try:
        # Its own line in the article: a results-cache hit would replay the report and touch nothing.
        check_warm_up_article(warm_folder, ("text",), f"Standby {os.getpid()} checked this line.")
        channel.sendall(_READY)
        received = _read_request(channel)
    except BaseException:  # noqa: BLE001 - dismissed or broken: the resident process forks another
        os._exit(0)
    if received is None:
        os._exit(0)
    channel.close()
    _run_child(*received)  # never returns


def _read_request(connection: Any) -> tuple[dict[str, Any], list[int]] | None:
    """A request as _send_request sent it, with the caller's three descriptors; None for a
    malformed one (its descriptors closed)."""
    header, body, fds = _read_message(connection)
    try:
        if len(fds) == 3 and body is not None:
            return marshal.loads(body), fds
    except (ValueError, EOFError, TypeError):
        pass
    for fd in fds:
        os.close(fd)
    return None


def _read_message(connection: Any) -> tuple[bytes, bytes | None, list[int]]:
    """The header (a 4-byte length, or `stop`), the body it announces (None when cut short or too
    long) and the descriptors that came with it."""
    import socket

    try:
        header, fds, _, _ = socket.recv_fds(connection, 64, 3)
    except OSError:
        return b"", None, []
    if len(header) < 4 or header.startswith(_STOP.strip()):
        return header, None, fds
    size = int.from_bytes(header[:4], "big")
    body = header[4:]
    while len(body) < size <= _MAX_REQUEST:
        try:
            chunk = connection.recv(min(65536, size - len(body)))
        except OSError:
            chunk = b""
        if not chunk:
            return header, None, fds
        body += chunk
    return header[:4], (body if len(body) == size else None), fds


def _take_command(connection: Any, resident_files: Sequence[Any], standby: _Standby | None) -> tuple[bool, _Standby | None]:
    """Run one command, in the standby child when it is ready (else in a child forked now), and
    report its exit code. Returns whether to go on (False when told to stop) and the standby
    still unused (None once it ran the command or died)."""
    header, body, fds = _read_message(connection)
    if header.startswith(_STOP.strip()):
        for fd in fds:
            os.close(fd)
        return False, standby
    try:
        if len(fds) != 3 or body is None:
            return True, standby
        request = marshal.loads(body)  # malformed: nothing is run
        if standby is not None and standby.ready() and standby.take(header, body, fds):
            child, standby = standby.pid, None
        else:
            if standby is not None and (standby.gone or standby.warm):  # dead, or its hand-over failed
                standby.dismiss()
                standby = None
            child = os.fork()
            if child == 0:
                for resident_file in (*resident_files, connection, *([standby.channel] if standby else [])):
                    resident_file.close()
                _run_child(request, fds)  # never returns
    except (OSError, ValueError, EOFError, TypeError):
        return True, standby
    finally:
        for fd in fds:
            os.close(fd)
    try:
        connection.sendall(_STARTED)
    except OSError:
        pass  # the caller went away: _watch interrupts the child
    _watch(connection, child)
    return True, standby


def _watch(connection: Any, child: int) -> None:
    """Wait for the child; pass the caller's Ctrl-C on, and interrupt the child if the caller goes away."""
    import selectors
    import signal

    watcher = os.pidfd_open(child)
    with selectors.DefaultSelector() as selector:
        selector.register(watcher, selectors.EVENT_READ)
        selector.register(connection, selectors.EVENT_READ)
        caller_here = True
        while True:
            ready = [key.fileobj for key, _ in selector.select()]
            if watcher in ready:
                break
            data = connection.recv(64) if caller_here else b""
            if not data or _INTERRUPT.strip() in data:
                os.kill(child, signal.SIGINT)
            if not data and caller_here:
                selector.unregister(connection)
                caller_here = False
    os.close(watcher)
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    try:
        connection.sendall(_EXIT + str(code if code >= 0 else 128 - code).encode() + b"\n")
    except OSError:
        pass


def _run_child(request: Mapping[str, Any], fds: Sequence[int]) -> None:
    """Become the caller's command: its streams, folder, environment and umask; then exit with its code."""
    import signal

    code = 70
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)  # received as 3 and up (the resident process's own 0-2 are /dev/null)
        _reopen_streams(request["streams"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(request["umask"])
        os.chdir(request["cwd"])
        from claimlint import cli

        code = cli.main(request["argv"])
    except SystemExit as exit:  # argparse's usage errors and --help, as Python would exit
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if exit.code is not None and not isinstance(exit.code, int):
            print(exit.code, file=sys.stderr)
    except BaseException as error:  # noqa: BLE001 - the caller gets a line and a code, never a hung socket
        print(f"claimlint: the resident process could not run the command: {error}", file=sys.stderr)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _reopen_streams(encodings: Mapping[str, Sequence[str]]) -> None:
    """Standard streams on the caller's descriptors, with the caller's encodings and Python's buffering."""
    import io

    def text(fd: int, mode: str, name: str, line_buffering: bool) -> io.TextIOWrapper:
        raw = io.FileIO(fd, mode, closefd=False)
        buffered: Any = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
        encoding, errors = encodings[name]
        return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, line_buffering=line_buffering)

    sys.stdin = text(0, "r", "stdin", False)
    sys.stdout = text(1, "w", "stdout", os.isatty(1))
    sys.stderr = text(2, "w", "stderr", True)


def warm_up(folder: str) -> None:
    """Load what every command needs, once: the modules, the default rule pack with its patterns
    compiled, the dictionaries; by checking a short article of each kind of claim."""
    from claimlint import cli, engine, patterns
    from claimlint.config import Config

    check_warm_up_article(folder, cli.FORMATS)  # each reporter's modules imported
    claimlint_modules = [module for name, module in sys.modules.items() if name.startswith("claimlint.")]
    patterns.compile_all(engine.load_rules(Config()), claimlint_modules)


def check_warm_up_article(folder: str, formats: Sequence[str], extra_line: str = "") -> None:
    """Check the warm-up article (and `extra_line`) in `folder`, once per output format; output to
    the resident process's standard streams (/dev/null)."""
    from pathlib import Path

    from claimlint import cli

    article = Path(folder) / "warm-up.md"
    article.write_text(_WARM_UP_ARTICLE + (f"\n{extra_line}\n" if extra_line else ""), encoding="utf-8")
    os.chdir(folder)
    try:
        for output_format in formats:
            cli.main(["check", "--quiet", "--jobs", "1", "--fail-on", "never", "--ignore", "GRM101", "--format", output_format, article.name])
    finally:
        os.chdir("/")


# Our own text, one sentence of each kind the claim, readability and disclaimer rules look at,
# and a word no dictionary knows (the spelling rule then loads its dictionaries too).
_WARM_UP_ARTICLE = """\
---
title: Warm-up article
---
# A new treatment

Our clinic's therapy cures back pain and is guaranteed to work, with no side effects at all.
It is proven by science, the best treatment available, and it has revolutionized care.
Regular walking reduces the risk of heart disease, and 9 out of 10 patients go home the same day.
"It helped me get my life back," said one patient. Book now: only a few places are left!
Studies suggest that the supplement may lower blood pressure in some adults, and glimmerwort tea may not.

This article is for information only and is not a substitute for professional medical advice.
"""


if __name__ == "__main__":
    raise SystemExit(serve(sys.argv[1]))
