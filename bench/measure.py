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
    # Proportional set size, summed like RSS: a page shared by the pool's forked workers counts
    # once in all, not once per process (summed RSS counts it in each).
    peak_pss_mb: float = 0.0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _tree_memory_kb(root: int, with_pss: bool) -> tuple[int, int]:
    """(RSS, PSS) of the process and all its descendants, in KB (PSS 0 unless `with_pss`:
    smaps_rollup walks the page tables, a third of a core when read every 20 ms)."""
    rss, pss, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
                    break
            if with_pss:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                        break
        except OSError:
            continue
        stack.extend(_children(pid))
    return rss, pss


def measure(command: list[str], cwd: str | Path | None = None, env: dict[str, str] | None = None) -> Measurement:
    # Timed as installed, with the modules' bytecode kept: a machine that sets
    # PYTHONDONTWRITEBYTECODE (ours does) would otherwise time Python compiling claimlint's
    # ~60 modules at every start (0.3-0.5 s of each new process).
    env = {key: value for key, value in (os.environ if env is None else env).items() if key != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = peak_pss = 0
    out_chunks: list[str] = []
    import threading

    reader = threading.Thread(target=lambda: out_chunks.append(process.stdout.read() if process.stdout else ""))
    reader.start()
    samples = 0
    while True:
        rss, pss = _tree_memory_kb(process.pid, with_pss=samples % 25 == 0)  # PSS every 25 samples (0.125 s, then 0.5 s)
        samples += 1
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        # wait4: this process's own peak (getrusage's children peak is the largest of any child
        # this bench ever ran, so a short row inherited an earlier row's peak).
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            break
        time.sleep(0.005 if samples < 200 else 0.02)  # finer at first: a pre-commit run is 0.2 s, timed to its end
    reader.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # A process too short to sample still has its own peak; but a sampled one's ru_maxrss counts
    # the forked image of this bench before the exec (1,080 MB once site-10000's report was read).
    peak = peak or usage.ru_maxrss
    return Measurement(wall, cpu, peak / 1024, process.returncode, "".join(out_chunks), max(peak_pss, 0) / 1024)


def word_count(folder: Path) -> int:
    articles = (p for p in folder.rglob("*") if p.suffix in (".md", ".txt", ".html") and ".claimlint_cache" not in p.parts)
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in articles)


if __name__ == "__main__":  # pragma: no cover - a tool
    import sys

    m = measure(sys.argv[1:])
    print(f"wall {m.wall:.3f}s cpu {m.cpu:.3f}s peak {m.peak_rss_mb:.0f} MB exit {m.returncode}")
    os._exit(0)
