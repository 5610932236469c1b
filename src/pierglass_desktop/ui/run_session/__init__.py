"""The run-session screen. ``open_run_session(context, meeting_id)`` shows it full screen."""

from __future__ import annotations

import time
from collections.abc import Callable


def open_run_session(
    context, meeting_id: str, *, clock: Callable[[], float] = time.monotonic, full_screen=True
):
    from PySide6.QtCore import Qt

    from pierglass_desktop.ui.run_session.window import RunSessionWindow

    window = RunSessionWindow(context, meeting_id, clock)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if full_screen:
        window.showFullScreen()
    else:
        window.show()
    return window
