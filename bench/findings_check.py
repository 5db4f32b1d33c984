#!/usr/bin/env python3
"""Speed work must not change findings: snapshot them on the generated corpus, compare later.

    .venv/bin/python bench/findings_check.py snapshot bench/out/findings-before.json [--count 300]
    .venv/bin/python bench/findings_check.py compare  bench/out/findings-before.json [--count 300]
    .venv/bin/python bench/findings_check.py snapshot OUT --source /tmp/base   # another checkout's code
    .venv/bin/python bench/findings_check.py snapshot OUT --folder seeds       # any folder instead of the corpus

`--source` runs the claimlint of another checkout (its src/ and rules/, e.g. a `git worktree`
of the commit before the speed work) with this environment's packages.

The corpus is bench/generate_corpus.py's (seed 7). Findings are compared as JSON
(rule, position, severity, message, suggestion, related), sorted; `compare` exits 1 and
prints the first differences when anything changed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CLAIMLINT = Path(sys.executable).with_name("claimlint")


def findings(count: int, source: Path | None = None, folder: Path | None = None) -> list[dict[str, object]]:
    if folder is not None:
        folder = folder.resolve()
    elif not (folder := BENCH / "out" / f"check-corpus-{count}").exists():
        subprocess.run([sys.executable, str(BENCH / "generate_corpus.py"), str(folder), "--count", str(count), "--seed", "7"], check=True)
    env = {**os.environ, "NO_COLOR": "1"}
    command = [str(CLAIMLINT)]
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
        command = [sys.executable, "-m", "claimlint"]
    done = subprocess.run(
        [*command, "check", "--no-cache", "--format", "json", "--fail-on", "never", "."],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"claimlint failed ({done.returncode}): {done.stderr.strip()}")
    rows = json.loads(done.stdout)["findings"]
    return sorted(rows, key=lambda f: json.dumps(f, sort_keys=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("snapshot", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--source", type=Path, help="a checkout whose src/ and rules/ to run instead of this one")
    parser.add_argument("--folder", type=Path, help="check this folder (read only) instead of the generated corpus")
    args = parser.parse_args()
    current = findings(args.count, args.source, args.folder)
    if args.mode == "snapshot":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(current)} findings saved to {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    if before == current:
        print(f"identical: {len(current)} findings")
        return 0
    gone = [f for f in before if f not in current]
    new = [f for f in current if f not in before]
    print(f"CHANGED: {len(before)} before, {len(current)} now; {len(gone)} gone, {len(new)} new")
    by_rule = Counter(str(f["rule"]) for f in gone + new)
    print("  by rule: " + ", ".join(f"{rule} {count}" for rule, count in sorted(by_rule.items())))
    moved = Counter((f["path"], f["line"], f["column"], f["rule"]) for f in gone) != Counter((f["path"], f["line"], f["column"], f["rule"]) for f in new)
    print("  positions and rules: " + ("changed" if moved else "the same (only messages or data differ)"))
    for label, rows in (("gone", gone[:5]), ("new", new[:5])):
        for row in rows:
            print(f"  {label}: {row['path']}:{row['line']}:{row['column']} {row['rule']} {row['message'][:90]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
