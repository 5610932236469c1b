"""Slow work (export, import, report, backup) off the GUI thread, through one helper.

``runner.run(fn, on_success=..., on_failure=...)`` calls ``fn(progress)`` in a worker thread;
``progress(done, total)`` may be called from it. The callbacks run on the GUI thread.
``BackgroundRead`` is for reads that only fill a screen, which closing does not wait for.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from pierglass_desktop.ui import data_layer_imports


class _Relay(QObject):
    """Carries every worker's answers and progress to the GUI thread, by number.

    One object, made on the GUI thread and kept until the program ends. A signal object per
    job, released last by its worker, was destroyed in that thread: Qt's destructor there held
    its connection lock while waiting for Python's, which the GUI thread held while waiting for
    that lock, and the window froze for good (a database switched while the Groups page read).
    Workers hold only a job's number and this object; the callbacks stay on the GUI thread."""

    answered = Signal(int, object, object)  # job, result, error (None when it succeeded)
    progressed = Signal(int, int, int)  # job, done, total


_relay: _Relay | None = None
# A job's callbacks, by its number; touched on the GUI thread only.
_answers: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
_progress: dict[int, Callable[[int, int], None]] = {}
_numbers = itertools.count()


def _relay_on_gui_thread() -> _Relay:
    """The relay, made at the first job (on the GUI thread: jobs are started there)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.answered.connect(_deliver)
        _relay.progressed.connect(_report)
    return _relay


def _expect(on_success: Callable[[Any], None], on_failure: Callable[[Exception], None]) -> int:
    number = next(_numbers)
    _answers[number] = (on_success, on_failure)
    return number


def _deliver(number: int, result: Any, error: Exception | None) -> None:
    _progress.pop(number, None)
    callbacks = _answers.pop(number, None)
    if callbacks is None:  # abandoned
        return
    on_success, on_failure = callbacks
    if error is not None:
        on_failure(error)
    else:
        on_success(result)


def _report(number: int, done: int, total: int) -> None:
    report = _progress.get(number)
    if report is not None:
        report(done, total)


def _work(fn: Callable[..., Any], number: int, relay: _Relay, *args: Any) -> None:
    """In the worker: run ``fn`` and send back its result or its error."""
    try:
        result, error = fn(*args), None
    except Exception as caught:  # handed to the failure callback, which decides what is shown
        result, error = None, caught
    relay.answered.emit(number, result, error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], number: int):
        super().__init__()
        self._fn, self._number, self._relay = fn, number, _relay_on_gui_thread()

    def run(self) -> None:
        number, relay = self._number, self._relay
        _work(
            self._fn, number, relay, lambda done, total: relay.progressed.emit(number, done, total)
        )


class TaskRunner(QObject):
    """Runs one function at a time in a thread pool; keeps jobs alive until they report."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # SQLite has one writer; queue the work in order
        self._live: set[int] = set()

    def run(
        self,
        fn: Callable[[Callable[[int, int], None]], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        def ending(callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
            def end(value: Any) -> None:
                self._live.discard(number)
                if not self._live:
                    self.busy_changed.emit(False)
                if callback:
                    callback(value)

            return end

        number = _expect(ending(on_success), ending(on_failure))
        if on_progress:
            _progress[number] = on_progress
        self._live.add(number)
        self.busy_changed.emit(True)
        self._pool.start(_Job(fn, number))

    def wait(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: block until queued work has finished."""
        return self._pool.waitForDone(msecs)


class BackgroundRead:
    """A read off the GUI thread that closing never waits for (Today's lists, the list pages).

    ``TaskRunner`` queues work that must finish (a backup, an import) and the window waits for
    it before closing. A read only fills a screen: it runs in a thread of its own, and
    ``abandon()`` (a newer read, the page closing) drops its answer; the window closes at once,
    and the thread ends with the process.
    """

    def __init__(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ):
        self._number = _expect(on_success, on_failure)
        threading.Thread(
            target=_work,
            args=(_read, self._number, _relay_on_gui_thread(), fn),
            daemon=True,
        ).start()

    def abandon(self) -> None:
        _answers.pop(self._number, None)


def _read(fn: Callable[[], Any]) -> Any:
    with data_layer_imports():  # the services a page reads through, on first use
        return fn()
