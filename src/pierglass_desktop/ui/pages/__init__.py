"""The navigation's pages, in the order the main window lists them.

Each entry: (key, untranslated label marked with N_, factory taking the AppContext). A page is a
QWidget with a ``refresh()`` slot; it listens to ``context.changes`` for the kinds it shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pierglass_desktop.i18n import N_

PageFactory = Callable[[object], QWidget]


def _today(context) -> QWidget:
    from pierglass_desktop.ui.pages.today import TodayPage

    return TodayPage(context)


def _register(context) -> QWidget:
    from pierglass_desktop.ui.pages.register import RegisterPage

    return RegisterPage(context)


# Meeting branch (issue 4): Today comes first in the design's order; the register sits with the
# sessions. When merging with the ui branch's list, keep these two entries in those places.
PAGES: list[tuple[str, str, PageFactory]] = [
    ("today", N_("Today"), _today),
    ("register", N_("Attendance register"), _register),
]
