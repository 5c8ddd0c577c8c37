"""Running one pure function over many items in worker processes, results in the order given.

:func:`ordered_map` is how a command spreads independent pieces of work (one form per bidang)
over the CPUs: a :class:`~concurrent.futures.ProcessPoolExecutor` whose workers get what every
item shares once, from an initializer (with ``fork``, without pickling it), and items in chunks.
It yields the results in the order of the items, whatever the number of processes, so the
output of a run does not depend on it.

* An error raised for an item is raised again in the caller, as the same exception (ours carry
  their Bahasa Indonesia message); the items not yet started are dropped.
* A worker ignores Ctrl+C (SIGINT): the caller gets it, drops the items not yet started and
  waits for the workers to finish the ones they hold, so nothing is left half-written.
* A worker ends as soon as its parent is gone (:func:`watch_parent`), however the parent ended.
* A worker that dies (killed, out of memory) ends the run with the error the caller gave.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from kinerja_xl.errors import KinerjaError

T = TypeVar("T")
R = TypeVar("R")

#: How often a worker looks for its parent (seconds).
WATCH_INTERVAL = 0.25
#: Items per task sent to a worker (fewer round trips; small enough to keep results flowing).
MAX_CHUNK = 16
#: Tasks per worker at least: the last ones are short, so no worker waits long for another at the end.
TASKS_PER_WORKER = 32


def watch_parent(parent: int, interval: float = WATCH_INTERVAL) -> None:
    """Start a daemon thread that ends this process when ``parent`` is no longer its parent.

    Chosen over ``prctl(PR_SET_PDEATHSIG)``: that is Linux only, fires when the *thread* that
    forked the worker ends (not the process), and must be re-checked against a parent that died
    before it was set. Polling ``getppid()`` (an orphan is re-parented) works on every POSIX
    system, needs no ctypes, and costs a wake-up every ``interval`` seconds.
    """
    if os.getppid() != parent:  # the parent died before we got here
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="kinerja-xl-watch-parent", daemon=True).start()


def _start_worker(parent: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interruption stops
    watch_parent(parent)
    # what the worker inherited (the catalog) stays: the collector need not scan it again and
    # again (nor copy its pages from the parent by marking them)
    gc.freeze()
    initializer(*initargs)


def available_cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's when it is pinned to some)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_count(jobs: int | None, items: int, min_per_worker: int = 1) -> int:
    """How many processes ``jobs`` (``None``: one per CPU) gives ``items`` items, at least
    ``min_per_worker`` each; 1 means: in this process."""
    wanted = jobs or available_cpus()
    return max(1, min(wanted, items // max(1, min_per_worker)))


def ordered_map(function: Callable[[T], R], items: Sequence[T], *, workers: int,
                initializer: Callable[..., None], initargs: tuple[Any, ...], broken: KinerjaError) -> Iterator[R]:
    """``function(item)`` for every item in ``workers`` processes (at least 2), yielding in item order.

    ``initializer(*initargs)`` runs once in each worker, before its first item; ``function`` and
    the items are pickled. ``broken``: the error raised when a worker dies.
    """
    # imported only for a run in several processes
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(MAX_CHUNK, len(items) // (workers * TASKS_PER_WORKER)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))
    try:
        yield from pool.map(function, items, chunksize=chunk)
    except BrokenProcessPool as exc:
        raise broken from exc
    finally:
        # on an error or an interruption, drop the items not yet started; wait for the others
        pool.shutdown(wait=True, cancel_futures=True)
