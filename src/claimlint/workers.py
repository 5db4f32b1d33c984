"""What every pool worker process of claimlint does first: die with the process that started it.

A worker of a ProcessPoolExecutor waits on its queue for ever once its parent is gone: after
`kill -9` of a run, both workers stayed alive (adopted by init), holding the corpus index open.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from multiprocessing.process import BaseProcess

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


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


def stop_all(workers: Sequence[BaseProcess]) -> None:
    """Kill `workers` and wait for them: the pool of an interrupted run, whose results nobody
    reads. ProcessPoolExecutor.shutdown(wait=False) leaves them running to the end of their
    chunk, and Python 3.11 has no public way to stop them."""
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join()
