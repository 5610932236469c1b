"""Slow work (export, import, report, backup) off the GUI thread, through one helper.

``runner.run(fn, on_success=..., on_failure=...)`` calls ``fn(progress)`` in a worker thread;
``progress(done, total)`` may be called from it. The callbacks run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
