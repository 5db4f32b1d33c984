from __future__ import annotations

import io

from claimlint.progress import MIN_FILES, progress_line, terminal_progress


def test_progress_line_shows_count_rate_and_time_left() -> None:
    assert progress_line(50, 200, 2.0) == "[######..................] 50/200 files  25 files/s  0:06 left"
    assert progress_line(200, 200, 4.0).startswith("[########################] 200/200 files  50 files/s  0:00 left")


def test_terminal_progress_redraws_one_line_and_ends_it() -> None:
    stream = io.StringIO()
    ticks = iter([0.0, 1.0, 2.0, 3.0])
    update = terminal_progress(stream, clock=lambda: next(ticks))
    update(10, MIN_FILES * 2)
    update(MIN_FILES * 2, MIN_FILES * 2)
    out = stream.getvalue()
    assert out.count("\r") == 2 and out.endswith(" left\n")


def test_short_runs_draw_nothing() -> None:
    stream = io.StringIO()
    update = terminal_progress(stream, clock=lambda: 0.0)
    update(1, 3)
    update(3, 3)
    assert stream.getvalue() == ""
