"""Work off the GUI thread answers on the GUI thread, and no worker ever owns a Qt object."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from pierglass_desktop.ui import tasks
from pierglass_desktop.ui.tasks import BackgroundRead, TaskRunner


def qt_objects_of_jobs() -> list[QObject]:
    """Qt objects made by ``tasks`` other than runners and the relay: one per job, if any."""
    return [
        o
        for o in gc.get_objects()
        if isinstance(o, QObject)
        and type(o).__module__ == tasks.__name__
        and not isinstance(o, TaskRunner)
        and o is not tasks._relay
    ]


def test_reads_and_jobs_share_one_relay_so_a_worker_never_frees_a_qt_object(qtbot):
    """A Qt object released last by a worker is destroyed in that thread, where Qt's
    destructor can wait for Python's lock while holding its own: the window froze once."""
    may_end = threading.Event()
    answers: list = []
    reads = [
        BackgroundRead(lambda n=n: may_end.wait(10) and n, answers.append, answers.append)
        for n in range(5)
    ]
    reads[0].abandon()
    runner = TaskRunner()
    runner.run(lambda progress: (progress(1, 2), may_end.wait(10) and "saved")[1], answers.append)
    assert qt_objects_of_jobs() == [] and tasks._relay is not None  # workers hold the relay
    may_end.set()
    qtbot.waitUntil(lambda: len(answers) == 5, timeout=10000)
    assert sorted(answers, key=str) == [1, 2, 3, 4, "saved"]  # the abandoned read is not heard
    assert runner.wait()


def test_a_failed_read_reaches_its_failure_callback_with_the_error(qtbot):
    failures: list[Exception] = []

    def broken():
        raise ValueError("no such table")

    BackgroundRead(broken, lambda _r: failures.append(AssertionError()), failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert isinstance(failures[0], ValueError) and str(failures[0]) == "no such table"
