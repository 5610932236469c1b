"""While the window runs, cycles are collected on the GUI thread only: a Qt object freed by a
collection in another thread crashes the program."""

from __future__ import annotations

import gc
import threading

import pytest

from pierglass_desktop.ui.collector import GuiThreadCollector


@pytest.fixture
def gui_thread_collection():
    """These tests start and stop the collector themselves, from automatic collection."""
    yield


class _Cycle:
    freed_in: list[str] = []

    def __init__(self):
        self.me = self

    def __del__(self):
        _Cycle.freed_in.append(threading.current_thread().name)


_kept: list[list] = []


def _garbage_from_a_worker() -> None:
    for _ in range(20):
        _Cycle()
    # Enough new containers kept that the automatic collector would have run in this thread.
    _kept.extend([] for _ in range(3 * gc.get_threshold()[0]))


def test_cycles_made_by_a_worker_thread_are_freed_on_the_gui_thread(qtbot):
    _Cycle.freed_in.clear()
    gc.collect()
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=_garbage_from_a_worker, name="worker")
        worker.start()
        worker.join()
        assert _Cycle.freed_in == []  # nothing was collected in the worker
        qtbot.waitUntil(lambda: len(_Cycle.freed_in) == 20, timeout=3000)
        assert set(_Cycle.freed_in) == {threading.main_thread().name}
    finally:
        collector.stop()
        _kept.clear()
    assert gc.isenabled()


def test_nothing_is_collected_before_a_generation_is_due(qtbot):
    collector = GuiThreadCollector()
    try:
        gc.collect()
        assert collector.collect_if_due() == 0
    finally:
        collector.stop()


def test_stopping_collects_what_is_left_before_collection_is_automatic_again(qtbot):
    """Cycles of Qt objects left to the automatic collector were freed inside the next Qt
    object's destructor (the collector's own), which then waited on itself: the suite hung."""
    from PySide6.QtCore import QObject

    freed = []
    collector = GuiThreadCollector()
    try:
        holder = QObject()
        holder.me = holder  # a cycle through a Qt object's wrapper
        holder.destroyed.connect(lambda: freed.append("holder"))
        del holder
        assert freed == []  # the timer has not run: the cycle waits
    finally:
        collector.stop()
    assert freed == ["holder"]  # collected by stop(), before automatic collection is back
    assert gc.isenabled()
