#!/usr/bin/env python3
"""The pinned LanguageTool the tests and the demo run: install it from Maven Central, start it, stop it.

    python3 .ci/languagetool.py install   # into .languagetool/lib (gitignored), jars checked
    python3 .ci/languagetool.py serve     # start it on loopback, print its URL, stop on Ctrl-C

`install` asks Maven for what .ci/languagetool/pom.xml names (the HTTP server and the
English module; Maven keeps its download in ~/.m2, so a fresh clone on the same machine
copies instead of downloading), then checks every jar against the SHA-256 list
.ci/languagetool/languagetool.sha256 before moving the folder into place. When Maven
Central cannot be reached it writes the one-line reason to .languagetool/unavailable.txt:
the grammar tests skip with that reason (tests/conftest.py), never pass silently.

`start` runs the server on 127.0.0.1 and a free port with bounded waits: for the port, then
for a first /v2/check (LanguageTool loads its English rules on the first request, tens of
seconds on a busy machine), so a test never waits on a cold server. Standard library only:
.ci/dev.py imports this before the project's venv exists.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POM = ROOT / ".ci" / "languagetool" / "pom.xml"
CHECKSUMS = ROOT / ".ci" / "languagetool" / "languagetool.sha256"
FOLDER = ROOT / ".languagetool"
LIB = FOLDER / "lib"
UNAVAILABLE = FOLDER / "unavailable.txt"
VERSION = "6.8"  # also in pom.xml; a test checks they agree
MAVEN_TIMEOUT = 1200.0  # seconds for a first download (about 100 MB); a cached one copies in ~20 s
START_TIMEOUT = 120.0  # seconds for the server to open its port
WARM_UP_TIMEOUT = 240.0  # seconds for the first check (rule loading), on 2 busy cores
JAVA_OPTIONS = ("-Xms64m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
# A small server for one test run: serial GC suits 2 cores; C1 only made start-up + first check
# 23 s instead of 37 s here (2 busy cores), later checks about as fast.


def expected_checksums() -> dict[str, str]:
    """jar name -> SHA-256, from languagetool.sha256 (`sha256sum` format)."""
    lines = CHECKSUMS.read_text(encoding="utf-8").splitlines()
    return {name.strip(): digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_problem(folder: Path) -> str | None:
    """None if `folder` holds exactly the pinned jars with their checksums, else what is wrong."""
    if not folder.is_dir():
        return f"{folder} does not exist"
    expected = expected_checksums()
    present = {path.name for path in folder.glob("*.jar")}
    if missing := sorted(set(expected) - present):
        return f"missing {', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}"
    if extra := sorted(present - set(expected)):
        return f"unexpected {', '.join(extra[:3])}{' ...' if len(extra) > 3 else ''}"
    for name, digest in expected.items():
        if sha256(folder / name) != digest:
            return f"checksum mismatch for {name}"
    return None


def install() -> str | None:
    """Install the pinned LanguageTool into .languagetool/lib; None when it is there, else why not (one line)."""
    if checksum_problem(LIB) is None:
        UNAVAILABLE.unlink(missing_ok=True)
        return None
    problem = _install()
    FOLDER.mkdir(exist_ok=True)
    if problem is None:
        UNAVAILABLE.unlink(missing_ok=True)
    else:
        UNAVAILABLE.write_text(problem + "\n", encoding="utf-8")
    return problem


def _install() -> str | None:
    what = f"LanguageTool {VERSION} not installed"
    mvn, java = shutil.which("mvn"), shutil.which("java")
    if mvn is None or java is None:
        return f"{what}: {'mvn' if mvn is None else 'java'} is not on PATH (Java 17 and Maven are needed)"
    FOLDER.mkdir(exist_ok=True)
    partial = FOLDER / "lib.partial"
    command = [
        mvn, "-B", "-q", "--strict-checksums", "-f", str(POM), "dependency:copy-dependencies",
        "-DincludeScope=runtime", f"-DoutputDirectory={partial}",
    ]  # fmt: skip
    last_line = ""
    # Offline first: with the jars already in ~/.m2 this needs no network at all.
    for offline in (True, False):
        shutil.rmtree(partial, ignore_errors=True)
        try:
            result = subprocess.run(
                [*command[:1], "-o", *command[1:]] if offline else command,
                capture_output=True, text=True, timeout=MAVEN_TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return f"{what}: Maven did not finish within {MAVEN_TIMEOUT:g} s (is Maven Central reachable?)"
        if result.returncode == 0:
            break
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # Maven colours even with -B
        output = [line for line in plain.splitlines() if line.strip()]
        last_line = next((line for line in output if "ERROR" in line), output[-1] if output else "")
    else:
        return f"{what}: Maven Central could not be reached or did not serve it ({last_line.strip()[:200]})"
    if problem := checksum_problem(partial):
        return f"{what}: the jars Maven fetched do not match .ci/languagetool/languagetool.sha256 ({problem})"
    shutil.rmtree(LIB, ignore_errors=True)
    partial.rename(LIB)
    return None


def unavailable_reason() -> str | None:
    """Why there is no LanguageTool to start (None when it is installed)."""
    if LIB.is_dir() and any(LIB.glob("languagetool-server-*.jar")):
        return None
    if UNAVAILABLE.is_file():
        return UNAVAILABLE.read_text(encoding="utf-8").strip()
    return f"LanguageTool {VERSION} not installed: run python3 .ci/languagetool.py install (python3 .ci/dev.py test does)"


@dataclass
class Server:
    """A LanguageTool HTTP server this script started."""

    process: subprocess.Popen[bytes]
    url: str  # http://127.0.0.1:PORT, without /v2

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check(url: str, text: str, timeout: float) -> dict[str, object]:
    """One /v2/check request (en-US); the parsed answer."""
    data = urllib.parse.urlencode({"language": "en-US", "text": text}).encode("utf-8")
    with urllib.request.urlopen(f"{url}/v2/check", data=data, timeout=timeout) as response:  # noqa: S310 - loopback
        answer = json.loads(response.read().decode("utf-8"))
    if not isinstance(answer, dict):
        raise ValueError("not a JSON object")
    return answer


def start(log: Path | None = None) -> Server:
    """Start the installed server on loopback and wait (bounded) until it has answered a first check.

    Raises RuntimeError with one line when it is not installed, exits, or does not answer in time.
    """
    if reason := unavailable_reason():
        raise RuntimeError(reason)
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not on PATH")
    port = free_port()
    # LanguageTool's HTTPServer listens on localhost only unless given --public.
    command = [java, *JAVA_OPTIONS, "-cp", str(LIB / "*"), "org.languagetool.server.HTTPServer", "--port", str(port)]
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, cwd=FOLDER)  # noqa: S603
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        _wait_until_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server) -> None:
    started = time.monotonic()
    deadline = started + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"LanguageTool {VERSION} exited at start with status {server.process.returncode}")
        try:
            with urllib.request.urlopen(f"{server.url}/v2/languages", timeout=2) as response:  # noqa: S310
                response.read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"LanguageTool {VERSION} did not open its port within {START_TIMEOUT:g} s") from None
            time.sleep(0.25)
    try:
        check(server.url, "He go home.", WARM_UP_TIMEOUT)  # loads the English rules once, here
    except (OSError, ValueError) as error:
        raise RuntimeError(f"LanguageTool {VERSION} did not answer a first check within {WARM_UP_TIMEOUT:g} s ({error})") from None


def main(argv: list[str]) -> int:
    if argv[:1] == ["install"]:
        problem = install()
        print(problem or f"LanguageTool {VERSION} installed in {LIB}", flush=True)
        return 1 if problem else 0
    if argv[:1] == ["serve"]:
        began = time.monotonic()
        try:
            server = start()
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"LanguageTool {VERSION} at {server.url} (ready in {time.monotonic() - began:.1f} s); Ctrl-C stops it", flush=True)
        try:
            server.process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
