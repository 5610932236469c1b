"""The main window's *Print* menu, one entry per printable of ``reports.printables``.

A session's documents (agenda, script, sign-in sheet) print the session chosen on the Sessions
page; with none chosen there, the person picks one from a list, the next session first. Method cards
open the card choice dialog. Each document is written in the background, as elsewhere.
"""

from __future__ import annotations

import weakref
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _
from pierglass_desktop.reports.printables import PRINTABLES, Needs, Printable, PrintRequest
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.widgets import files


def install_print_menu(window: QMainWindow) -> QMenu:
    """Add the *Print* menu to ``window``'s menu bar (rebuilt with the window's menus)."""
    menu = window.menuBar().addMenu(_("&Print"))
    menu.setObjectName("print_menu")
    # A weak reference: the actions belong to the window, and a cycle through them would leave
    # the window to Python's garbage collector instead of being freed when Qt is done with it.
    owner = weakref.ref(window)
    for printable in PRINTABLES.values():
        action = menu.addAction(_(printable.label) + "…")
        action.setObjectName(f"print_{printable.name}")
        action.triggered.connect(lambda _checked=False, p=printable: _start(owner(), p))
    return menu


def _start(window, printable: Printable) -> None:
    if window is None:
        return
    request = _ask_request(window, printable)
    if request is None:
        return
    title = _(printable.label)
    suggested = _(printable.default_file) + ".pdf"
    path = files.choose_save_path(window, files.DOCUMENTS, title, suggested, files.pdf_filter())
    if path is not None:
        print_in_background(window, printable, path, request)


def _ask_request(window, printable: Printable) -> PrintRequest | None:
    if printable.needs is Needs.METHODS:
        from pierglass_desktop.ui.dialogs.card_choice import CardChoiceDialog

        dialog = CardChoiceDialog(window.context.sessions, parent=window)
        return dialog.request() if dialog.exec() == CardChoiceDialog.DialogCode.Accepted else None
    meeting_id = chosen_session(window) or _ask_session(window, printable)
    return PrintRequest(session_id=meeting_id) if meeting_id else None


def _ask_session(window, printable: Printable) -> str | None:
    """No session chosen on the Sessions page: offer every session, the next one first."""
    from datetime import datetime

    from pierglass_desktop.i18n.formatting import format_date
    from pierglass_desktop.services.series import list_meetings

    rows = list_meetings(window.context.sessions)
    if not rows:
        QMessageBox.information(
            window, _(printable.label), _("There are no sessions yet. Plan one first.")
        )
        return None
    now = datetime.now()
    upcoming = [r for r in rows if r.starts_at >= now]
    rows = upcoming + [r for r in reversed(rows) if r.starts_at < now]
    labels = [
        _("{group} · session {number} · {day}").format(
            group=r.group_name, number=r.number, day=format_date(r.starts_at.date())
        )
        for r in rows
    ]
    label, ok = QInputDialog.getItem(
        window, _(printable.label), _("Which session?"), labels, 0, False
    )
    return rows[labels.index(label)].id if ok and label in labels else None


def chosen_session(window) -> str | None:
    """The session selected on the Sessions page, if that page is open and has one."""
    page = getattr(window, "_pages", {}).get("sessions")
    return page.selected_meeting_id() if page is not None else None


def print_in_background(window, printable: Printable, output: Path, request: PrintRequest):
    from pierglass_desktop.reports.printables import print_document

    sessions = window.context.sessions
    window.context.tasks.run(
        lambda _progress: print_document(printable.name, sessions, output, request),
        on_success=lambda path: files.show_saved(window, _(printable.label), Path(path)),
        on_failure=lambda error: (
            ops.refuse(window, error) if isinstance(error, PierglassError) else _raise(error)
        ),
    )


def _raise(error: Exception) -> None:
    raise error
