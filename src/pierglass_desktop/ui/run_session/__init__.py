"""The run-session screen. ``open_run_session(context, meeting_id)`` shows it full screen.

This module keeps the open screens, one per meeting, and forgets each when Qt deletes it
(``WA_DeleteOnClose``), so no page holds a Python reference to a deleted window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

_open: dict[str, object] = {}  # meeting id -> its open RunSessionWindow


def open_run_session(
    context, meeting_id: str, *, clock: Callable[[], float] = time.time, full_screen=True
):
    """Show the meeting's screen; a meeting already open is brought to the front instead."""
    from PySide6.QtCore import Qt

    from pierglass_desktop.ui.run_session.window import RunSessionWindow

    window = _open.get(meeting_id)
    if window is None:
        window = RunSessionWindow(context, meeting_id, clock)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open[meeting_id] = window
        window.closed.connect(lambda: _forget(meeting_id, window))
    if full_screen:
        window.showFullScreen()
    else:
        window.show()
    window.raise_()
    window.activateWindow()
    return window


def open_windows() -> list:
    """The run-session screens open now (for the main window's quit and for tests)."""
    return list(_open.values())


def close_open_windows() -> bool:
    """Quitting: close every run-session screen, each asking if its meeting runs. False when
    the tutor kept one open, so the program stays."""
    return all(window.close() for window in open_windows())


def _forget(meeting_id: str, window) -> None:
    if _open.get(meeting_id) is window:
        del _open[meeting_id]
