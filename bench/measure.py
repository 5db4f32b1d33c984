"""Run a command and measure it: wall and CPU seconds, and peak RSS of its whole process tree.

Peak RSS is sampled from /proc every 20 ms over the process and all its descendants
(a process pool's workers count), so it is the figure a CI machine's memory sees.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    stdout: str


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _tree_rss_kb(root: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
        stack.extend(_children(pid))
    return total


def measure(command: list[str], cwd: str | Path | None = None, env: dict[str, str] | None = None) -> Measurement:
    # Timed as installed, with the modules' bytecode kept: a machine that sets
    # PYTHONDONTWRITEBYTECODE (ours does) would otherwise time Python compiling claimlint's
    # ~60 modules at every start (0.3-0.5 s of each new process).
    env = {key: value for key, value in (os.environ if env is None else env).items() if key != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    out_chunks: list[str] = []
    import threading

    reader = threading.Thread(target=lambda: out_chunks.append(process.stdout.read() if process.stdout else ""))
    reader.start()
    while process.poll() is None:
        peak = max(peak, _tree_rss_kb(process.pid))
        time.sleep(0.02)
    reader.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(peak, after.ru_maxrss)  # a process too short to sample still has its own peak
    return Measurement(wall, cpu, peak / 1024, process.returncode, "".join(out_chunks))


def word_count(folder: Path) -> int:
    articles = (p for p in folder.rglob("*") if p.suffix in (".md", ".txt", ".html") and ".claimlint_cache" not in p.parts)
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in articles)


if __name__ == "__main__":  # pragma: no cover - a tool
    import sys

    m = measure(sys.argv[1:])
    print(f"wall {m.wall:.3f}s cpu {m.cpu:.3f}s peak {m.peak_rss_mb:.0f} MB exit {m.returncode}")
    os._exit(0)
