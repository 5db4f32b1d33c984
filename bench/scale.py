"""Timings of the robustness scale cases, printed as a table.

    .venv/bin/python bench/scale.py            # all cases
    .venv/bin/python bench/scale.py --quick    # leave out the slow full-pack cases

Each case runs the real `claimlint check` in a fresh temporary folder (no cache unless the
case says so); wall and CPU seconds and the peak RSS of the whole process tree come from
bench/measure.py. The articles are generated here, the same way tests/robustness/test_scale.py
makes them, plus larger and full-pack variants the tests leave out to stay fast.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import measure  # noqa: E402  (bench/ is a folder of scripts, not a package)

CLAIMLINT = [sys.executable, "-m", "claimlint", "check", "-q", "--fail-on", "never"]
PARAGRAPH = (
    "Paragraph {0} says that people in the study slept better and walked more each day. "
    "The team will report again next year, with more detail on sleep and walking.\n\n"
)
TOPICS = ["sleep", "walking", "diet", "stress", "vitamin D", "blood pressure", "knee pain", "asthma", "allergies", "migraine"]


def big_article(folder: Path, megabytes: float) -> None:
    size = int(megabytes * 1024 * 1024)
    parts, total, number = ["Patients should ambulate early.\n\n"], 0, 0
    while total < size:
        parts.append(PARAGRAPH.format(number))
        total += len(parts[-1])
        number += 1
    parts.append("Take an analgesic prior to the appointment.\n")
    (folder / "big.md").write_text("".join(parts), encoding="utf-8")
    (folder / "claimlint.yaml").write_text("max-file-size: 100000000\n", encoding="utf-8")


def small_files(folder: Path, count: int) -> None:
    for number in range(count):
        topic = TOPICS[number % len(TOPICS)]
        path = folder / "docs" / f"{number % 30:02d}" / f"article-{number:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        jargon = " Patients may ambulate the next day." if number % 100 == 0 else ""
        path.write_text(f"# {topic.title()} note {number}\n\nThis note {number} is about {topic}.{jargon} Talk to your doctor about it.\n", encoding="utf-8")


Case = tuple[str, Callable[[Path], None], list[str], bool]  # (label, setup, arguments, slow)

CASES: list[Case] = [
    ("20 MB article, RDB101 only (as tested)", lambda f: big_article(f, 20), ["--no-cache", "--select", "RDB101", "big.md"], False),
    ("20 MB article, CLM + RDB101 + RDB104", lambda f: big_article(f, 20), ["--no-cache", "--select", "CLM,RDB101,RDB104", "big.md"], False),
    ("1 MB article, default pack without GRM101, DUP", lambda f: big_article(f, 1), ["--no-cache", "--ignore", "GRM101,DUP", "big.md"], False),
    ("0.1 MB article, default pack without GRM101", lambda f: big_article(f, 0.1), ["--no-cache", "--ignore", "GRM101", "big.md"], True),
    ("0.2 MB article, default pack without GRM101", lambda f: big_article(f, 0.2), ["--no-cache", "--ignore", "GRM101", "big.md"], True),
    ("3,000 small files, without GRM101, DUP (as tested)", lambda f: small_files(f, 3000), ["--no-cache", "--ignore", "GRM101,DUP", "docs"], False),
    ("3,000 small files, same, --jobs 1", lambda f: small_files(f, 3000), ["--no-cache", "--ignore", "GRM101,DUP", "-j", "1", "docs"], False),
    ("3,000 small files, default pack without GRM101", lambda f: small_files(f, 3000), ["--no-cache", "--ignore", "GRM101", "docs"], True),
]


def run_case(index: int) -> tuple[str, ...]:
    label, setup, arguments, _ = CASES[index]
    with tempfile.TemporaryDirectory(prefix="claimlint-scale-") as folder:
        setup(Path(folder))
        result = measure(CLAIMLINT + arguments, cwd=folder)
    findings = sum(1 for line in result.stdout.splitlines() if line.strip() and not line.startswith("  "))
    return (label, f"{result.wall:.2f}", f"{result.cpu:.2f}", f"{result.peak_rss_mb:.0f}", str(findings), str(result.returncode))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the slow full-pack cases")
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)  # one case, in its own process
    args = parser.parse_args()
    if args.case is not None:
        print(json.dumps(run_case(args.case)))
        return 0
    rows = []
    for index, (label, _, _, slow) in enumerate(CASES):
        if slow and args.quick:
            continue
        # Each case in a fresh process: peak RSS of children is a maximum over a process's life.
        done = subprocess.run([sys.executable, __file__, "--case", str(index)], capture_output=True, text=True, check=True)
        rows.append(tuple(json.loads(done.stdout)))
        print(f"  done: {label}", file=sys.stderr)
    header = ("case", "wall s", "cpu s", "peak MB", "findings", "exit")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
