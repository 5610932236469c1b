"""Reading files ahead of the work that consumes them, in their order.

An import reads each file whole (zip checks, python-calamine, decoding) and then merges it
into the database; each half takes about as long as the other, and both are mostly Python.
On threads they would take turns on the interpreter lock, and every row the merge writes to
SQLite would wait for it again. So when the process may fork safely, the files are read in child
processes that run beside the merge on the other cores, and only the read values come back.

A fork copies one thread and the memory of all, so it is safe only while the process has a
single thread: a command-line run is, a window (Qt starts threads of its own) is not. There, on
systems without fork, and whenever the child cannot be started, files are read on threads,
which still lets python-calamine parse one file while another is checked.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# progress(items done, items in all)
Progress = Callable[[int, int], None]

THREADS = 2  # python-calamine's parse of one file beside another's checks; more only queue
CHILDREN = 3  # at most; a child per core keeps pace with the merge, which is about as long


def read_ahead(
    read: Callable[[Item], Result],
    items: Sequence[Item],
    progress: Progress | None = None,
    *,
    processes: bool | None = None,
) -> Iterator[Result]:
    """``read(item)`` for every item, yielded in order while later items are being read.

    ``read`` must be a module-level function (a child process is handed it by name).
    ``processes`` forces child processes (True) or threads (False); by default children are used
    when forking is safe. At most a few results wait unconsumed, so memory stays bounded."""
    use_processes = _fork_is_safe() if processes is None else processes
    done = 0
    if use_processes and len(items) > 1:
        try:
            children = max(1, min(CHILDREN, os.cpu_count() or 1, len(items)))
            with _children(children) as pool:
                for result in _in_order(pool, read, items, ahead=children + 1):
                    done += 1
                    _report(progress, done, len(items))
                    yield result
            return
        except BrokenProcessPool:
            pass  # a child was stopped (out of memory, killed): read the rest here
    workers = max(1, min(THREADS, os.cpu_count() or 1, len(items) - done))
    with ThreadPoolExecutor(workers, thread_name_prefix="read-ahead") as pool:
        for result in _in_order(pool, read, items[done:], ahead=workers):
            done += 1
            _report(progress, done, len(items))
            yield result


def _in_order(
    executor: Executor, read: Callable[[Item], Result], items: Sequence[Item], ahead: int
) -> Iterator[Result]:
    pending: deque[Future[Result]] = deque()
    queued = iter(items)
    try:
        for _ in range(len(items)):
            for item in islice(queued, ahead + 1 - len(pending)):
                pending.append(executor.submit(read, item))
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _children(count: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(count, mp_context=context, initializer=_child_started)


def _child_started() -> None:
    """A child leaves what it inherited alone: no collection ever finalises a copy of the
    parent's objects (a database connection would say goodbye to the server for it), and the
    child ends without running the parent's exit handlers (multiprocessing sees to that).

    It lives for one import, and what it reads is freed by reference counts, so it runs
    without the cyclic collector (``collector``)."""
    gc.freeze()
    gc.disable()


def _fork_is_safe() -> bool:
    """True on a system with fork when this process runs one thread, counting the threads
    that C++ libraries start, which ``threading`` does not see."""
    if sys.platform != "linux":  # macOS forks, but its system libraries do not survive it
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False
