#!/usr/bin/env python3
"""The two README commands: `python3 .ci/dev.py demo` and `python3 .ci/dev.py test`.

Both create .venv on first use (re-installing when pyproject.toml changes), so a
fresh clone needs nothing but Python 3.10+. `test` also installs the system
packages the real-part tests use (Chromium for the HTML report) when it can, and the
pinned LanguageTool from Maven Central (.ci/languagetool.py; the grammar tests start it
on loopback and stop it; without Maven Central they are skipped with the reason, said
here in one line). `demo` installs the Hunspell dictionaries GRM102 reads (small Debian
packages: without them the demo flags medical words as misspelt), and uses that LanguageTool
when `test` has installed it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".claimlint-installed"
# Debian packages the tests drive for real: (command or file that shows it is there, package names).
SYSTEM_PACKAGES: list[tuple[str, list[str]]] = [
    ("chromium", ["chromium", "chromium-driver"]),  # the HTML report test (tests/reporters/test_html_browser.py)
    # GRM102's dictionaries (found at run time in /usr/share/hunspell; tests/checks/test_spelling.py).
    ("/usr/share/hunspell/en_US.dic", ["hunspell-en-us"]),
    ("/usr/share/hunspell/en_GB.dic", ["hunspell-en-gb"]),
    ("/usr/share/hunspell/en_med_glut.dic", ["hunspell-en-med"]),
]
SPELLING_PACKAGES = [entry for entry in SYSTEM_PACKAGES if entry[0].startswith("/usr/share/hunspell/")]


def run(*command: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(part) for part in command), flush=True)
    return subprocess.run([str(part) for part in command], cwd=ROOT, check=check).returncode


def ensure_venv() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not (STAMP.exists() and STAMP.read_text() == wanted and (BIN / "claimlint").exists()):
        install(wanted)
    # The editable install leaves claimlint's own modules uncompiled, as pip's regular install
    # does not: where PYTHONDONTWRITEBYTECODE is set (CI machines often set it), every new
    # process compiled them again, a fifth of a one-article run (0.46 s against 0.36 s, bench/NOTES.md).
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", str(ROOT / "src" / "claimlint")], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def install(wanted: str) -> None:
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.write_text(wanted)


def present(thing: str) -> bool:
    """A command on PATH, or (an absolute path) a file a package installs."""
    return Path(thing).is_file() if thing.startswith("/") else shutil.which(thing) is not None


def ensure_system_packages(wanted: list[tuple[str, list[str]]] = SYSTEM_PACKAGES, why: str = "to run the tests that need them; they are skipped otherwise") -> None:
    missing = [package for thing, packages in wanted if not present(thing) for package in packages]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=False, env=env)
    else:
        print(f"note: install {' '.join(missing)} {why}", flush=True)


def languagetool_script() -> ModuleType:
    sys.path.insert(0, str(ROOT / ".ci"))
    import languagetool  # .ci/languagetool.py: standard library only

    return languagetool


def ensure_languagetool() -> None:
    """Install the pinned LanguageTool the grammar tests run; one line when it cannot be had."""
    problem = languagetool_script().install()
    if problem:
        print(f"note: {problem}; the grammar tests are skipped with this reason", flush=True)


def demo() -> int:
    ensure_venv()
    ensure_system_packages(SPELLING_PACKAGES, "for GRM102's medical word lists; the demo uses a smaller bundled one")
    script = languagetool_script()
    server = None
    if script.unavailable_reason() is None:  # installed by `test`: the demo shows grammar too
        print(f"starting the LanguageTool {script.VERSION} in .languagetool/ (up to a minute)", flush=True)
        try:
            server = script.start()
        except RuntimeError as error:
            print(f"note: {error}; the demo runs without grammar", flush=True)
    env = {**os.environ, "CLAIMLINT_LANGUAGETOOL_URL": server.url} if server else None
    try:
        print("+", BIN / "claimlint", "check", "seeds/", flush=True)
        code = subprocess.run([str(BIN / "claimlint"), "check", "seeds/"], cwd=ROOT, check=False, env=env).returncode
    finally:
        if server:
            server.stop()
    if code == 1:
        print("(exit status 1: the seeds have findings at error level, as a linter should say)")
        return 0
    return code


def test(extra: list[str]) -> int:
    ensure_venv()
    ensure_system_packages()
    ensure_languagetool()
    return run(BIN / "python", "-m", "pytest", *extra, check=False)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test"):
        print(__doc__)
        return 2
    return demo() if sys.argv[1] == "demo" else test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
