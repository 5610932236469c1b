"""Python's cyclic garbage collector, run on the GUI thread only while the window is open.

A collection frees whatever cycles it finds, Qt's objects among them (a closed dialog, a page
built anew). Left to itself it runs in whichever thread happens to allocate at the time, and a
Qt object deleted from a thread it does not live in crashes the program: it did, in a test,
when Today's lists finished loading behind a window that had just closed. So while the window
runs, automatic collection is off and a timer on the GUI thread collects instead, by the same
generation thresholds. (Desktop programs with background threads, calibre among them, do the
same.) Threads still free everything that is not in a cycle the moment it is dropped.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Turns automatic collection off, and collects on this (the GUI) thread every half
    second when a generation is over its threshold. ``stop()`` gives collection back."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(INTERVAL_MS)

    def collect_if_due(self) -> int:
        """Collect the oldest generation that is due, as the automatic collector would; the
        number of objects found unreachable."""
        due = [
            generation
            for generation, (count, threshold) in enumerate(
                zip(gc.get_count(), gc.get_threshold(), strict=True)
            )
            if threshold and count > threshold
        ]
        return gc.collect(due[-1]) if due else 0

    def stop(self) -> None:
        """Collect what is due now, here, then give collection back. Cycles left over would
        otherwise be collected by the first allocation after, which may come inside a Qt
        object's destructor (this collector's own, a moment later): a Qt object freed there
        waited for a lock that destructor held, and the program hung."""
        self._timer.stop()
        gc.collect()
        gc.enable()
