#!/usr/bin/env python3
"""Where a document's linting time goes, rule by rule (CPU time, one core, no pool, no cache).

    .venv/bin/python bench/generate_corpus.py /tmp/c200 --count 200 --seed 7
    .venv/bin/python bench/profile_local.py /tmp/c200 [--ignore DUP] [--profile 25]

Parses every article first (timed apart), then runs each prepared check over all of them
and prints its CPU seconds and its share; the total is the per-document work of a run
without the corpus step, as words per CPU second. `--profile N` adds cProfile's N top
entries (by internal time) for the whole pass. CPU time, because the machine is shared.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from claimlint import engine
from claimlint.checks.metric import word_count
from claimlint.config import Config
from claimlint.document import Document, parse_document
from claimlint.source import SourceText, read_source


def parse_all(paths: list[str]) -> list[Document]:
    documents = []
    for path in paths:
        source = read_source(path, 100_000_000)
        if isinstance(source, SourceText):
            documents.append(parse_document(source))
    return documents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ignore", default="DUP", help="comma-separated rule codes or prefixes to leave out (default DUP)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also print cProfile's N top entries")
    args = parser.parse_args()

    config = Config().with_overrides(ignore=tuple(filter(None, args.ignore.split(","))))
    paths = sorted(str(path) for path in args.folder.iterdir() if path.is_file())
    context = engine.run_context(config, paths, use_cache=False)
    ruleset, _ = engine.prepare_ruleset(engine.build_ruleset(config, engine.load_rules(config)), context)

    started = time.process_time()
    documents = parse_all(paths)
    parse_seconds = time.process_time() - started
    started = time.process_time()
    for document in documents:
        document.sentences  # noqa: B018 - split once per document, cached on it
    sentence_seconds = time.process_time() - started
    words = sum(word_count(document.text) for document in documents)

    profiler = cProfile.Profile(time.process_time) if args.profile else None
    seconds: dict[str, float] = {}
    for check in ruleset.checks:
        if profiler:
            profiler.enable()
        started = time.process_time()
        for document in documents:
            for _ in check.run(document, context):
                pass
        seconds[check.spec.code] = time.process_time() - started
        if profiler:
            profiler.disable()

    total = parse_seconds + sentence_seconds + sum(seconds.values())
    print(f"{len(documents)} documents, {words:,} words; {total:.2f} s CPU = {words / total:,.0f} words/s (findings not mapped or sorted)")
    print("(the first rule of a type also pays what its type loads once: the dictionary, the pattern index)")
    for label, spent in sorted([("parse", parse_seconds), ("sentences", sentence_seconds), *seconds.items()], key=lambda item: -item[1]):
        print(f"  {label:<10} {spent:6.2f} s  {100 * spent / total:4.1f}%")
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
