"""What every pool worker process of claimlint does first: die with the process that started it;
how an interrupted run stops its pool; how a parent reads a pool's results without holding them
all; and how a parent gives back, before it forks its lint workers, the memory a large build freed.

A worker of a ProcessPoolExecutor waits on its queue for ever once its parent is gone: after
`kill -9` of a run, both workers stayed alive (adopted by init), holding the corpus index open.
"""

from __future__ import annotations

import itertools
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import threading
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_MANAGER_TIMEOUT = 10.0  # seconds; it ends within milliseconds of its workers, never a hang if not


def die_with_parent(parent: int) -> None:
    """In a freshly started worker: have the kernel kill it when `parent` dies (Linux prctl), and exit
    at once if that already happened. Elsewhere (no prctl) it is a no-op: the pool's own
    broken-pipe handling is all there is."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop an interrupted run's pool now, its queued work dropped: its results are not read.

    shutdown(wait=False) leaves the workers linting to the end of their chunk (one had
    re-created the temporary corpus index's -shm file while the run removed it) and the pool's
    manager thread running to exit, where CPython 3.11's exit hook for pools wrote to the
    wake-up pipe that thread was closing (an OSError traceback after "claimlint: terminated").
    Python 3.11 has no public way to stop either: the workers are killed, and the manager
    thread, seeing them gone, closes its pipe and ends before the run does."""
    workers = list((pool._processes or {}).values())
    manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)  # typeshed types it wrongly
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join()
    if manager is not None:
        manager.join(timeout=_MANAGER_TIMEOUT)


def map_ahead(pool: Executor, function: Callable[[T], R], items: Iterable[T], chunk: int, ahead: int) -> Iterator[R]:
    """`pool.map(function, items, chunksize=chunk)`'s results in order, with at most `ahead` chunks
    sent and not read back yet. pool.map sends every item at once, so a reader slower than the
    pool ends up holding every result: a 10,000-article index build into an index that already
    held other files (its writes slower, the secondary indexes kept up row by row) had the
    parent at 821 MB, against 307 MB for the same build into an empty index."""
    pending: deque[Future[list[R]]] = deque()
    items = iter(items)
    while batch := list(itertools.islice(items, chunk)):
        pending.append(pool.submit(_apply, function, batch))
        if len(pending) >= ahead:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _apply(function: Callable[[T], R], batch: list[T]) -> list[R]:
    return [function(item) for item in batch]


def give_back_freed_memory() -> None:
    """Collect garbage and hand the C heap's free pages back to the system (glibc's malloc_trim;
    elsewhere only the collection). After a 10,000-article index build the parent held 215 MB
    of which 106 MB came back this way, memory every lint worker forked from it would inherit."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing more to do
        pass
