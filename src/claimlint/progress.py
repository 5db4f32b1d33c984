"""The progress line for long runs: files done, rate, time left (drawn by the CLI on stderr)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24
MIN_FILES = 50  # shorter runs finish before a bar helps
REFRESH_SECONDS = 0.1


def progress_line(done: int, total: int, elapsed: float) -> str:
    fraction = done / total if total else 1.0
    filled = int(BAR_WIDTH * fraction)
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate > 0 else 0.0
    minutes, seconds = divmod(int(left + 0.5), 60)
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    return f"[{bar}] {done}/{total} files  {rate:,.0f} files/s  {minutes}:{seconds:02d} left"


def terminal_progress(stream: TextIO, clock: Callable[[], float] = time.monotonic) -> Callable[[int, int], None]:
    """A callback that redraws one line on `stream` (a terminal), at most every REFRESH_SECONDS."""
    started = clock()
    last = [0.0]

    def update(done: int, total: int) -> None:
        now = clock()
        if total < MIN_FILES or (done < total and now - last[0] < REFRESH_SECONDS):
            return
        last[0] = now
        line = progress_line(done, total, now - started)
        stream.write("\r" + line + ("\n" if done >= total else ""))
        stream.flush()

    return update
