"""Scale: a 20 MB article and 3,000 small files in one run finish with exact results.

No timing asserts here (bench/scale.py prints the figures); a quadratic step would show as
a run that does not finish. The boilerplate (DUP) rules are left out of these runs: their
in-article comparison grows with the square of the sentences (see docs/robustness.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.conftest import run_cli, write

pytestmark = pytest.mark.slow

PARAGRAPH = (
    "Paragraph {0} says that people in the study slept better and walked more each day. "
    "The team will report again next year, with more detail on sleep and walking.\n\n"
)


def big_article(size: int) -> tuple[str, int]:
    """About `size` characters of plain prose, one jargon word first and two at the very end."""
    parts = ["Patients should ambulate early.\n\n"]
    total, number = 0, 0
    while total < size:
        parts.append(PARAGRAPH.format(number))
        total += len(parts[-1])
        number += 1
    parts.append("Take an analgesic prior to the appointment.\n")
    text = "".join(parts)
    return text, text.count("\n")  # the number of the last line


def test_a_20_mb_article(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, last_line = big_article(20 * 1024 * 1024)
    write(in_tmp / "claimlint.yaml", "max-file-size: 30000000\n")
    write(in_tmp / "big.md", text)
    outcome = run_cli(capsys, "--select", "RDB101", "-q", "big.md")
    assert outcome.err == ""
    assert [line.split(" info ")[0] for line in outcome.out.splitlines()] == [
        "big.md:1:17:",
        f"big.md:{last_line}:9:",
        f"big.md:{last_line}:19:",
    ]


def test_a_20_mb_article_is_skipped_under_the_default_limit(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, _ = big_article(20 * 1024 * 1024)
    write(in_tmp / "big.md", text)
    outcome = run_cli(capsys, "--select", "RDB101", "big.md")
    assert outcome.code == 0
    assert outcome.err == f"claimlint: big.md: file is {len(text.encode())} bytes, over the 10485760-byte limit, skipped\n"


def test_3000_small_files_in_one_run(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    topics = ["sleep", "walking", "diet", "stress", "vitamin D", "blood pressure", "knee pain", "asthma", "allergies", "migraine"]
    for number in range(3000):
        topic = topics[number % len(topics)]
        jargon = " Patients may ambulate the next day." if number % 100 == 0 else ""
        write(
            in_tmp / "docs" / f"{number % 30:02d}" / f"article-{number:04d}.md",
            f"# {topic.title()} note {number}\n\nThis note {number} is about {topic}.{jargon} Talk to your doctor about it.\n",
        )
    outcome = run_cli(capsys, "--ignore", "DUP", "--fail-on", "never", "docs")
    flagged = [line for line in outcome.out.splitlines() if " RDB101 " in line]
    assert len(flagged) == 30 and all(":3:" in line and "'ambulate'" in line for line in flagged)
    assert outcome.out.rstrip().endswith("of 3000 files.") and outcome.code == 0
