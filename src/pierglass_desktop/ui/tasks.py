"""Slow work (export, import, report, backup) off the GUI thread, through one helper.

``runner.run(fn, on_success=..., on_failure=...)`` calls ``fn(progress)`` in a worker thread;
``progress(done, total)`` may be called from it. The callbacks run on the GUI thread.
``BackgroundRead`` is for reads that only fill a screen, which closing does not wait for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from pierglass_desktop.ui import data_layer_imports


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], signals: _Signals):
        super().__init__()
        self._fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progressed.emit)
        except Exception as error:  # handed to on_failure, which decides what a person sees
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs one function at a time in a thread pool; keeps jobs alive until they report."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # SQLite has one writer; queue the work in order
        self._live: set[_Signals] = set()

    def run(
        self,
        fn: Callable[[Callable[[int, int], None]], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        signals = _Signals()
        self._live.add(signals)
        if on_progress:
            signals.progressed.connect(on_progress)

        def finish(callback, value) -> None:
            self._live.discard(signals)
            if not self._live:
                self.busy_changed.emit(False)
            if callback:
                callback(value)

        signals.succeeded.connect(lambda result: finish(on_success, result))
        signals.failed.connect(lambda error: finish(on_failure, error))
        self.busy_changed.emit(True)
        self._pool.start(_Job(fn, signals))

    def wait(self, msecs: int = 30000) -> bool:
        """For tests and shutdown: block until queued work has finished."""
        return self._pool.waitForDone(msecs)


class _ReadSignals(QObject):
    finished = Signal(object, object)  # the result, or None and the error


class BackgroundRead:
    """A read off the GUI thread that closing never waits for (Today's lists).

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
        self._on_success, self._on_failure = on_success, on_failure
        self._abandoned = False
        self._signals = _ReadSignals()  # lives on the GUI thread: its slot runs there
        self._signals.finished.connect(self._finish)
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True)
        self._thread.start()

    def abandon(self) -> None:
        self._abandoned = True

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            with data_layer_imports():  # the services a page reads through, on first use
                result, error = fn(), None
        except Exception as caught:  # handed to on_failure unless abandoned
            result, error = None, caught
        if not self._abandoned:
            self._signals.finished.emit(result, error)

    def _finish(self, result: Any, error: Exception | None) -> None:
        if self._abandoned:
            return
        if error is not None:
            self._on_failure(error)
        else:
            self._on_success(result)
