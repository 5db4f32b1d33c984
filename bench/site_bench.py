#!/usr/bin/env python3
"""The site-scale table of issue 16: claimlint's default pack against proselint, case by case.

    .venv/bin/pip install -e .[bench]          # proselint, the yardstick
    .venv/bin/python bench/site_bench.py [--cases copies-3000 shared-1000 ...] [--no-proselint]

Corpora come from bench/site_corpora.py. Every claimlint row is a new process; "cold" means
`--no-cache` (no results cache, a temporary corpus index). Each row gives wall and CPU seconds
(the whole process tree: pool workers count), peak RSS of the tree (and its PSS, where a page
the forked workers share counts once), and words per wall
second. proselint runs on the same files right after, in the same run. Rows:

- CASE cold: the whole default pack; for copies-3000 also `--ignore DUP` (the boilerplate
  pass's own cost is the difference).
- CASE, first run of a cache that holds another folder (site cases): the seeds checked first in
  the same project, then the site with the cache on.
- pre-commit: a site (site-1000 by default) with `corpus:` configured, its cache warm, one article edited, checked
  alone in a new process (median of 5 edits), claimlint's bytecode compiled first; then the same through `check --resident`, its CPU
  the caller's plus the resident process's child's.
- warm re-run: a corpus (site-2000 by default) run twice; the second run, nothing changed, findings printed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Measurement, measure, word_count  # noqa: E402
from site_corpora import OUT, corpus  # noqa: E402

CLAIMLINT = Path(sys.executable).with_name("claimlint")
PROSELINT = Path(sys.executable).with_name("proselint")
CLAIMLINT_PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimlint"
ENV = {**os.environ, "NO_COLOR": "1"}
CASES = ["copies-3000", "shared-1000", "shared-3000", "shared-10000", "one-sentence-500k", "site-1000", "site-10000"]


def claimlint(folder: Path, *extra: str, target: str = ".", env: dict[str, str] = ENV) -> Measurement:
    return measure([str(CLAIMLINT), "check", "--fail-on", "never", *extra, target], cwd=folder, env=env)


def resident_cpu(lock: Path) -> float:
    """CPU seconds of the resident process and its finished children (each command's child)."""
    pid = lock.read_text(encoding="utf-8").strip()
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + cutime + cstime) / os.sysconf("SC_CLK_TCK")


def resident_rows(project: Path, target: Path) -> None:
    """The pre-commit case through `check --resident`: the caller's CPU plus its child's."""
    import time

    folder = OUT / "resident"
    shutil.rmtree(folder, ignore_errors=True)  # no lock or socket of an earlier claimlint
    env = {**ENV, "CLAIMLINT_RESIDENT_DIR": str(folder)}
    claimlint(project, "--quiet", "--resident", target=target.name, env=env)  # starts the resident process
    sockets = folder / f"claimlint-{os.getuid()}"
    deadline = time.monotonic() + 120
    while not list(sockets.glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    lock = next(sockets.glob("*.lock"))
    claimlint(project, "--quiet", "--resident", target=target.name, env=env)
    runs, cpus = [], []
    for edit in range(5):
        # Commits come seconds apart: the resident process's standby child (forked after each
        # command, warm 0.03 s later) is then ready, as it is for a writer's next commit.
        time.sleep(1)
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nA resident edit, number {edit}, made before this commit.\n")
        before = resident_cpu(lock)
        runs.append(claimlint(project, "--quiet", "--resident", target=target.name, env=env))
        cpus.append(runs[-1].cpu + resident_cpu(lock) - before)
    median = sorted(runs, key=lambda m: m.wall)[len(runs) // 2]
    words = len(target.read_text(encoding="utf-8").split())
    caller = statistics.median(m.cpu for m in runs)
    label = "pre-commit, `check --resident`: the same, served by a warm resident process (median of 5)"
    print(row(label, words, median, f"median CPU {statistics.median(cpus):.2f} s (caller {caller:.2f} s + its child); target <= 0.2 s"), flush=True)
    measure([str(CLAIMLINT), "resident", "--stop"], env=env)


def beside_another_folder(name: str, folder: Path) -> Measurement:
    """The site checked for the first time with a cache whose corpus index already holds another
    folder's files (the seeds, checked just before in the same project): the index is not the
    site's alone, so its lookups are scoped to the site."""
    project = OUT / f"beside-{name}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", project / "seeds")
    shutil.copytree(folder, project / name)
    claimlint(project, "--quiet", target="seeds")
    return claimlint(project, "--quiet", target=name)


def row(label: str, words: int, m: Measurement, note: str = "") -> str:
    rate = words / m.wall if m.wall else 0
    return f"| {label} | {words:,} | {m.wall:.2f} | {m.cpu:.2f} | {m.peak_rss_mb:.0f} ({m.peak_pss_mb:.0f}) | {rate:,.0f} | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", nargs="*", default=CASES)
    parser.add_argument("--no-proselint", action="store_true")
    parser.add_argument("--no-precommit", action="store_true")
    parser.add_argument("--precommit-site", default="site-1000", help="the project of the pre-commit row")
    parser.add_argument("--warm-site", default="site-2000", help="the corpus of the warm re-run row")
    args = parser.parse_args()
    print(f"claimlint site benchmark, {datetime.date.today()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"command: {' '.join([Path(sys.executable).name, 'bench/site_bench.py', *sys.argv[1:]])}\n")
    print("| case | words | wall s | CPU s | peak RSS MB (PSS) | words/s | note |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in args.cases:
        folder = corpus(name)
        words = word_count(folder)
        cold = claimlint(folder, "--no-cache", "--quiet")
        print(row(f"{name}, cold", words, cold, f"{cold.stdout.count(chr(10)):,} findings"), flush=True)
        if name.startswith("copies"):
            bare = claimlint(folder, "--no-cache", "--quiet", "--ignore", "DUP")
            print(row(f"{name}, cold, --ignore DUP", words, bare, f"with DUP / without: {cold.wall / bare.wall:.2f} wall, {cold.cpu / bare.cpu:.2f} CPU"), flush=True)
        if name.startswith("site"):
            beside = beside_another_folder(name, folder)
            print(row(f"{name}, first run of a cache that holds another folder", words, beside, f"against cold: {beside.wall / cold.wall:.2f} wall"), flush=True)
        if not args.no_proselint and PROSELINT.exists():
            other = measure([str(PROSELINT), "check", "."], cwd=folder)
            print(row(f"{name}, proselint", words, other, f"claimlint / proselint: {cold.wall / other.wall:.2f} wall, {cold.cpu / other.cpu:.2f} CPU"), flush=True)
    if args.no_precommit:
        return

    # claimlint's modules compiled to bytecode, as a regular install (pre-commit's own) has them:
    # under PYTHONDONTWRITEBYTECODE an editable install's new process compiles them each time.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(CLAIMLINT_PACKAGE)], check=True, stdout=subprocess.DEVNULL)
    project = OUT / "precommit-site"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(corpus(args.precommit_site), project)
    (project / "claimlint.yaml").write_text('corpus: ["*.md", "*.txt"]\n', encoding="utf-8")
    claimlint(project, "--quiet")  # an earlier run fills the project's cache (results, corpus index)
    target = sorted(p for p in project.iterdir() if p.suffix == ".md")[0]
    runs = []
    for edit in range(5):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAn edit, number {edit}, made before this commit.\n")
        runs.append(claimlint(project, "--quiet", target=target.name))
    median = sorted(runs, key=lambda m: m.wall)[len(runs) // 2]
    words = len(target.read_text(encoding="utf-8").split())
    cpu = statistics.median(m.cpu for m in runs)
    print(row(f"pre-commit: 1 edited article of {args.precommit_site}, new process (median of 5)", words, median, f"median CPU {cpu:.2f} s; target <= 0.2 s"), flush=True)
    resident_rows(project, target)

    warm_folder = OUT / f"warm-{args.warm_site}"
    if not warm_folder.exists():
        shutil.copytree(corpus(args.warm_site), warm_folder)
    words = word_count(warm_folder)
    claimlint(warm_folder)  # fills the cache
    warm = claimlint(warm_folder)
    print(row(f"warm re-run: {args.warm_site}, nothing changed, findings printed", words, warm, f"{warm.stdout.count(chr(10)):,} lines printed; target <= 1 s"), flush=True)


if __name__ == "__main__":
    main()
