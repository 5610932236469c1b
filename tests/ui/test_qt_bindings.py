"""The Qt bindings we run on keep Python's reference counts straight.

PySide6 6.12.0 drops a reference to ``None`` on every Qt call that returns nothing and one to
``True`` on every signal emitted with it; on Python 3.11 the interpreter then aborts after some
ten thousand calls — a run-session screen ticking every second gets there within the hour.
pyproject.toml keeps such a version out; this test fails if one slips back in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 2000  # far below an abort, far above any honest drift


class _Emitter(QObject):
    flag = Signal(bool)


def test_void_qt_calls_and_signals_do_not_drain_singleton_references(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    received: list[bool] = []
    emitter.flag.connect(received.append)

    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for number in range(CALLS):
        label.setText(str(number % 10))
        label.setEnabled(True)
        emitter.flag.emit(True)
    none_drift = none_before - sys.getrefcount(None)
    true_drift = true_before - sys.getrefcount(True) + len(received)

    assert len(received) == CALLS
    # Immortal objects (Python 3.12+) report a fixed huge count, so the drift is 0 there too.
    assert none_drift < CALLS // 10, f"None lost {none_drift} references in {CALLS} calls"
    assert true_drift < CALLS // 10, f"True lost {true_drift} references in {CALLS} calls"
