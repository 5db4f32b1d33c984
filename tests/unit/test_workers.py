"""Pool helpers: results read in order without the pool running ahead of its reader."""

from __future__ import annotations

from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, Callable

from claimlint.workers import map_ahead


class CountingExecutor(Executor):
    """Runs each submitted call at once, and counts the calls."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_results_come_in_order_from_a_process_pool() -> None:
    items = [-number for number in range(100)]
    with ProcessPoolExecutor(2) as pool:
        assert list(map_ahead(pool, abs, items, chunk=3, ahead=4)) == list(range(100))


def test_the_pool_is_never_more_than_ahead_chunks_past_its_reader() -> None:
    pool = CountingExecutor()
    read = 0
    for _ in map_ahead(pool, abs, range(100), chunk=5, ahead=3):
        read += 1
        assert pool.submitted <= -(-read // 5) + 3  # the chunks read from, and 3 more at most
    assert read == 100 and pool.submitted == 20
