#!/usr/bin/env python3
"""The site-scale corpora of issue 16, built deterministically under bench/out/.

    python bench/site_corpora.py NAME [NAME ...]      # prints each corpus folder

Names:
- copies-3000 (copies-2000): 3,000 (2,000) articles, copies of the 5 seeds in turn (syndicated and templated pages).
- shared-1000, shared-3000, shared-10000: tiny articles, each a sentence of its own and one
  sentence shared by all of them.
- one-sentence-500k: one 500 KB article of one sentence repeated, on one line.
- site-200, site-1000, site-2000, site-10000: distinct generated articles (generate_corpus.py, seed 7), each ending
  with the site's shared footer paragraph and its disclaimer.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
SHARED = "Walking for ten minutes after every meal is one of the simplest ways to keep your blood sugar steady."
REPEATED = "Drink a full glass of water before each meal and again before you go to bed tonight. "
FOOTER = (
    "Our editorial team reviews every page of this site once a year and updates it whenever the"
    " national guidelines change. Write to the clinic office if you spot an error on this page."
)
DISCLAIMER = "This page is for informational purposes only and is not a substitute for professional medical advice."


def _copies(folder: Path, count: int) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for number in range(count):
        seed = seeds[number % len(seeds)]
        shutil.copyfile(seed, folder / f"{number:05d}_{seed.name}")


def _shared(folder: Path, count: int) -> None:
    for number in range(count):
        own = f"Reader {number} asked us on day {number % 365} about visiting hours at clinic number {number}."
        (folder / f"{number:05d}.txt").write_text(f"{own} {SHARED}\n", encoding="utf-8")


def _one_sentence(folder: Path, size: int) -> None:
    (folder / "water.txt").write_text(REPEATED * (size // len(REPEATED)) + "\n", encoding="utf-8")


def _site(folder: Path, count: int) -> None:
    subprocess.run([sys.executable, str(BENCH / "generate_corpus.py"), str(folder), "--count", str(count), "--seed", "7"], check=True, stdout=subprocess.DEVNULL)
    for path in sorted(folder.iterdir()):
        if path.suffix in (".md", ".txt"):
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{FOOTER}\n\n{DISCLAIMER}\n")


BUILDERS = {
    "copies-2000": lambda folder: _copies(folder, 2000),
    "copies-3000": lambda folder: _copies(folder, 3000),
    "shared-1000": lambda folder: _shared(folder, 1000),
    "shared-3000": lambda folder: _shared(folder, 3000),
    "shared-10000": lambda folder: _shared(folder, 10000),
    "one-sentence-500k": lambda folder: _one_sentence(folder, 500_000),
    "site-200": lambda folder: _site(folder, 200),
    "site-1000": lambda folder: _site(folder, 1000),
    "site-2000": lambda folder: _site(folder, 2000),
    "site-10000": lambda folder: _site(folder, 10000),
}


def corpus(name: str) -> Path:
    """The folder of corpus `name`, built once (a `.complete` marker says it is whole)."""
    folder = OUT / name
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        BUILDERS[name](folder)
        (folder / ".complete").write_text("")
    return folder


if __name__ == "__main__":
    for name in sys.argv[1:] or list(BUILDERS):
        print(corpus(name))
