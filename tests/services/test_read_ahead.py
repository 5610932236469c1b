"""Files read ahead of the merge: in order, whether read by child processes or on threads; a
child that dies leaves its files to this process; a consumer that stops early leaves nothing
running; and children are used only where forking is safe."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading

import pytest

from pierglass_desktop.collector import collector_paused
from pierglass_desktop.services import read_ahead as ahead

PARENT = os.getpid()


def where_read(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def dies_in_a_child(item: int) -> tuple[int, int]:
    if item == 3 and os.getpid() != PARENT:
        os._exit(1)  # as a child killed for memory would end
    return item * item, os.getpid()


def refuses_five(item: int) -> int:
    if item == 5:
        raise ValueError("five is refused")
    return item


@pytest.mark.parametrize("processes", [True, False])
def test_results_come_in_order_with_progress(processes):
    progress: list[tuple[int, int]] = []
    results = list(
        ahead.read_ahead(
            where_read, list(range(12)), lambda d, t: progress.append((d, t)), processes=processes
        )
    )
    assert [square for square, _pid in results] == [n * n for n in range(12)]
    assert progress == [(n, 12) for n in range(1, 13)]
    readers = {pid for _square, pid in results}
    if processes:
        assert PARENT not in readers  # read by children beside this process
    else:
        assert readers == {PARENT}


def test_a_child_that_dies_leaves_the_rest_to_this_process():
    results = list(ahead.read_ahead(dies_in_a_child, list(range(8)), processes=True))
    assert [square for square, _pid in results] == [n * n for n in range(8)]
    assert results[3][1] == PARENT  # read again here after its child died


@pytest.mark.parametrize("processes", [True, False])
def test_an_error_in_reading_reaches_the_consumer_in_its_place(processes):
    got: list[int] = []
    with pytest.raises(ValueError, match="five is refused"):
        for value in ahead.read_ahead(refuses_five, list(range(9)), processes=processes):
            got.append(value)
    assert got == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("processes", [True, False])
def test_stopping_early_leaves_no_reader_behind(processes):
    before = threading.active_count()
    reading = ahead.read_ahead(where_read, list(range(50)), processes=processes)
    assert next(reading)[0] == 0
    reading.close()
    assert threading.active_count() == before
    if processes:
        import multiprocessing

        assert multiprocessing.active_children() == []


def test_children_only_when_this_process_runs_one_thread():
    if sys.platform != "linux":
        assert ahead._fork_is_safe() is False
        return
    alone = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pierglass_desktop.services.read_ahead import _fork_is_safe; "
            "print(_fork_is_safe())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert alone.stdout.strip() == "True"
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert ahead._fork_is_safe() is False
    finally:
        stop.set()
        waiting.join()


def test_the_collector_pause_ends_with_the_outermost_and_after_an_error():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause did not end the outer one
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()
