#!/usr/bin/env python3
"""Boilerplate index benchmark: index time, checking one changed article, peak memory.

    .venv/bin/python bench/boilerplate_bench.py [--sizes 1000 10000] [--seed 7] [--out bench/out]

For each size, a corpus from bench/generate_corpus.py (same seed: same articles), then, each
in a fresh process so peak memory is its own:
- cold:    build the corpus index with an empty cache folder (every article parsed);
- warm:    build it again, nothing changed (every article's entry read from the cache);
- changed: one article edited, then build the index (one article parsed) and run the
           duplicate rules (DUP101, DUP102) on it; the query alone is timed apart;
- cli:     `claimlint check ONE_ARTICLE` with the boilerplate rules and a corpus glob, as
           pre-commit runs it after one edit (cache warm).
Peak memory is the process's own maximum RSS, plus the largest worker's for a cold build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def phase(name: str, corpus_dir: Path, cache_dir: Path) -> dict[str, float | int]:
    """One measurement, run in its own process; prints a JSON line."""
    from claimlint.checks.duplicate import sketch, store
    from claimlint.cache import Cache

    paths = sorted(str(path) for path in corpus_dir.iterdir() if path.suffix in (".md", ".txt"))
    settings = sketch.IndexSettings()
    cache = Cache(cache_dir)
    result: dict[str, float | int] = {"articles": len(paths)}
    if name == "changed":
        target = Path(paths[len(paths) // 2])
        original = target.read_text(encoding="utf-8")
        target.write_text(original + f"\nThis paragraph was edited at {time.time()} for the benchmark run.\n", encoding="utf-8")
    started = time.perf_counter()
    index = store.build_index(paths, settings, cache)
    result["index_seconds"] = time.perf_counter() - started
    result["sentences"] = index.sentences
    if name == "changed":
        from claimlint.checks import RunContext
        from claimlint.document import parse_document
        from claimlint.rulefile import load_rule_dirs
        from claimlint.source import read_source
        import dataclasses

        target.write_text(original, encoding="utf-8")  # leave the corpus as generated
        rules = load_rule_dirs([ROOT / "rules" / "boilerplate"])
        context = RunContext(corpus=tuple(paths), cache_dir=cache_dir)
        checks = [dataclasses.replace(rule, index=index) for rule in rules]  # the index built above
        source = read_source(str(target))
        doc = parse_document(source)  # type: ignore[arg-type]
        started = time.perf_counter()
        hits = [hit for check in checks for hit in check.run(doc, context)]
        result["query_seconds"] = time.perf_counter() - started
        result["query_sentences"] = len(sketch.units_of(doc, settings))
        result["findings"] = len(hits)
    result["peak_rss_mb"] = _peak_mb(resource.RUSAGE_SELF)
    result["worker_peak_rss_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    return result


def run_phase(name: str, corpus_dir: Path, cache_dir: Path) -> dict[str, float | int]:
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name, str(corpus_dir), str(cache_dir)], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_cli(corpus_dir: Path, cache_dir: Path) -> dict[str, float]:
    config = corpus_dir / "claimlint.yaml"
    config.write_text(f"corpus: ['*.md', '*.txt']\ncache-dir: {cache_dir}\n", encoding="utf-8")
    one = sorted(corpus_dir.glob("*.md"))[len(list(corpus_dir.glob("*.md"))) // 2].name
    command = [str(Path(sys.executable).with_name("claimlint")), "check", one, "--no-default-rules", "--rules", str(ROOT / "rules" / "boilerplate"), "--quiet", "--fail-on", "never"]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, cwd=corpus_dir, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return {"cli_seconds_best_of_3": min(timings)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--phase", nargs=3, metavar=("NAME", "CORPUS", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        name, corpus_dir, cache_dir = args.phase
        print(json.dumps(phase(name, Path(corpus_dir), Path(cache_dir))))
        return 0
    print(f"# boilerplate index benchmark: {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")
    for size in args.sizes:
        corpus_dir = args.out / f"boilerplate-{size}-seed{args.seed}"
        if not corpus_dir.is_dir():
            subprocess.run([sys.executable, str(BENCH / "generate_corpus.py"), str(corpus_dir), "--count", str(size), "--seed", str(args.seed)], check=True)
        cache_dir = args.out / f"boilerplate-{size}-cache"
        shutil.rmtree(cache_dir, ignore_errors=True)
        row: dict[str, object] = {"size": size}
        for name in ("cold", "warm", "changed"):
            row[name] = run_phase(name, corpus_dir, cache_dir)
        row.update(run_cli(corpus_dir, cache_dir))
        print(json.dumps(row))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
