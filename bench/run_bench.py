#!/usr/bin/env python3
"""The performance table: claimlint's full default pack against proselint, on generated corpora.

    .venv/bin/python bench/run_bench.py [--sizes 1000 10000 50000] [--proselint-sizes 1000]

Corpora come from bench/generate_corpus.py (deterministic, seed 7) under bench/out/.
proselint is installed from PyPI into bench/out/proselint-venv, the benchmark's own
environment. Rows: the single-article cold case (pre-commit), a cold whole-site run per
size (fresh cache folder), and a warm re-run of 2,000 articles with nothing changed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Measurement, measure, word_count  # noqa: E402

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
CLAIMLINT = Path(sys.executable).with_name("claimlint")
SEED = 7


def corpus(size: int) -> Path:
    folder = OUT / f"corpus-{size}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(BENCH / "generate_corpus.py"), str(folder), "--count", str(size), "--seed", str(SEED)], check=True)
        (folder / ".complete").write_text("")
    return folder


def proselint() -> Path:
    env_dir = OUT / "proselint-venv"
    binary = env_dir / "bin" / "proselint"
    if not binary.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "proselint"], check=True)
    return binary


def claimlint(folder: Path, *extra: str) -> Measurement:
    env = {**os.environ, "NO_COLOR": "1"}
    return measure([str(CLAIMLINT), "check", "--quiet", "--fail-on", "never", *extra, "."], cwd=folder, env=env)


def row(label: str, words: int, m: Measurement, note: str = "") -> str:
    rate = words / m.wall if m.wall else 0
    return f"| {label} | {words:,} | {m.wall:.2f} | {m.cpu:.2f} | {m.peak_rss_mb:.0f} | {rate:,.0f} | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--proselint-sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--warm-size", type=int, default=2000)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)

    print(f"claimlint benchmark, {datetime.date.today()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"command: {' '.join([Path(sys.executable).name, 'bench/run_bench.py', *sys.argv[1:]])}\n")
    print("| case | words | wall s | CPU s | peak RSS MB | words/s | note |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")

    # The pre-commit case: a new process for one edited article in a project that has run
    # claimlint before (its .claimlint_cache holds the spelling word list and the corpus index),
    # and no cached result for this edit. Cold with no cache at all is the second row.
    single = OUT / "single"
    shutil.rmtree(single, ignore_errors=True)
    single.mkdir()
    articles = sorted(p for p in corpus(1000).iterdir() if p.suffix in (".md", ".txt"))
    shutil.copy(articles[0], single / articles[0].name)
    shutil.copy(articles[1], single / articles[1].name)
    target = single / articles[0].name
    claimlint(single)  # an earlier run fills the project's cache
    words = len(target.read_text(encoding="utf-8").split())
    runs = []
    for edit in range(5):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAn edit, number {edit}, made before this commit.\n")
        runs.append(measure([str(CLAIMLINT), "check", "--quiet", "--fail-on", "never", target.name], cwd=single, env={**os.environ, "NO_COLOR": "1"}))
    best = min(runs, key=lambda m: m.wall)
    print(row("1 edited article, new process (best of 5)", words, best, "pre-commit case, target <= 0.2 s"), flush=True)
    cold = min((measure([str(CLAIMLINT), "check", "--quiet", "--fail-on", "never", "--no-cache", target.name], cwd=single) for _ in range(3)), key=lambda m: m.wall)
    print(row("1 article, no cache at all (best of 3)", words, cold, ""), flush=True)

    for size in args.sizes:
        folder = corpus(size)
        words = word_count(folder)
        shutil.rmtree(folder / ".claimlint_cache", ignore_errors=True)
        cold = claimlint(folder)
        print(row(f"{size:,} articles, cold", words, cold, f"{cold.stdout.count(chr(10)):,} findings"), flush=True)
        if size in args.proselint_sizes:
            other = measure([str(proselint()), "check", "."], cwd=folder)
            ratio = other.wall / cold.wall
            note = f"claimlint is {ratio:.1f}x faster" if ratio >= 1 else f"proselint is {1 / ratio:.1f}x faster"
            print(row(f"{size:,} articles, proselint", words, other, note), flush=True)

    warm_folder = OUT / f"warm-{args.warm_size}"
    if not warm_folder.exists():
        shutil.copytree(corpus(args.warm_size), warm_folder)
    words = word_count(warm_folder)
    claimlint(warm_folder)  # fills the cache
    warm = claimlint(warm_folder)
    print(row(f"{args.warm_size:,} articles, warm re-run", words, warm, "nothing changed; target < 1 s"), flush=True)


if __name__ == "__main__":
    main()
