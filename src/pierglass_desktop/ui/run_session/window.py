"""The run-session screen: a laptop on a meeting-room table, full screen, keyboard first.

The agenda timer sits on top; attendance, notes and the commitments round are tabs below
(Ctrl+1, Ctrl+2, Ctrl+3), then "after the session": feedback slips, the signed sheet and
sign-off (Ctrl+4). Every action is saved when it is made; the line at the bottom says what was
saved or what went wrong. "Finish session" keeps the last item's minutes and marks the session
held.

Closing while the meeting runs asks whether to leave it running (everything is saved, the timer
goes on) or finish it; finishing and signing off ask first, and say so when the meeting's day
has not come yet.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _
from pierglass_desktop.services import attendance as attendance_service
from pierglass_desktop.services import running
from pierglass_desktop.services.changes import Change, changes_of
from pierglass_desktop.ui.run_session.after_panel import AfterPanel
from pierglass_desktop.ui.run_session.agenda_panel import AgendaPanel
from pierglass_desktop.ui.run_session.attendance_panel import AttendancePanel
from pierglass_desktop.ui.run_session.commitments_panel import CommitmentsPanel
from pierglass_desktop.ui.run_session.labels import ERROR
from pierglass_desktop.ui.run_session.notes_panel import NotesPanel
from pierglass_desktop.ui.run_session.questions import finish_question, leave_question
from pierglass_desktop.ui.widgets.messages import confirm

LARGE_TEXT_SCALE = 1.45


# A panel saved something: a mark, a note, a commitment, feedback, evidence or a sign-off.
PANEL_CHANGES = frozenset(
    {
        Change.ATTENDANCE,
        Change.NOTES,
        Change.COMMITMENTS,
        Change.FEEDBACK,
        Change.EVIDENCE,
        Change.AGENDA,
        Change.SIGN_OFF,  # the after panel signs off: the Sessions page shows the lock
    }
)


class RunSessionWindow(QWidget):
    """Opens with "Opening the session…" and fills itself from one read made off the GUI
    thread (``running.run_screen``); ``loaded`` says when the panels are there."""

    finished = Signal(str)  # the meeting id, once marked held
    closed = Signal()  # the window has agreed to close
    loaded = Signal()  # the screen's data has arrived and the panels show it

    def __init__(
        self,
        context,
        meeting_id: str,
        clock: Callable[[], float] = time.time,
        parent=None,
        today: Callable[[], date] = date.today,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self._context = context
        self._sessions = context.sessions
        self._clock = clock
        self._today = today
        self.meeting_id = meeting_id
        self.header: running.MeetingHeader | None = None
        self.setWindowTitle(_("Run session"))
        if context.preferences.large_text:
            font = self.font()
            font.setPointSizeF(font.pointSizeF() * LARGE_TEXT_SCALE)
            self.setFont(font)
        self._build_frame()
        self.reload()

    @property
    def ready(self) -> bool:
        return self.header is not None

    def reload(self) -> None:
        """Read the whole screen again, off the GUI thread; the panels follow when it arrives."""
        meeting_id, sessions = self.meeting_id, self._sessions
        me = weakref.ref(self)  # the job must not keep a closed screen alive

        def loaded(screen) -> None:
            window = me()
            if window is not None:
                window._on_loaded(screen)

        def failed(error: Exception) -> None:
            window = me()
            if window is not None:
                window._on_load_failed(error)

        self._context.tasks.run(
            lambda _progress: running.run_screen(sessions, meeting_id),
            on_success=loaded,
            on_failure=failed,
        )

    def _on_loaded(self, screen: running.RunScreen) -> None:
        if not isValid(self):
            return  # closed before the data came
        first = self.header is None
        self.header = screen.header
        if first:
            self._build_panels(screen)
            self._connect()
        else:
            self._show_screen(screen)
        self.loaded.emit()

    def _on_load_failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        if not isinstance(error, PierglassError):
            raise error  # a bug: the error hook logs it and says so
        self.loading.setText(str(error))
        self.show_error(str(error))

    def _title(self) -> str:
        header = self.header
        return _("Session {number}: {theme} · {group}").format(
            number=header.number, theme=header.theme, group=header.group_name
        )

    def _build_frame(self) -> None:
        self.heading = QLabel(_("Opening the session…"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.finish_button = QPushButton(_("Finish session"))
        self.finish_button.setToolTip(_("Keep the times and mark the session held"))
        self.finish_button.clicked.connect(lambda: self.finish())
        self.finish_button.setEnabled(False)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.finish_button)
        top.addWidget(self.close_button)
        self.loading = QLabel(_("Opening the session…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addWidget(self.loading, 1)
        self._layout.addWidget(self.status)

    def _build_panels(self, screen: running.RunScreen) -> None:
        self.setWindowTitle(self._title())
        self.heading.setText(self._title())
        sessions, meeting_id = self._sessions, self.meeting_id
        # Parented at once, so the panels inherit the (large) font before they size labels.
        self.agenda = AgendaPanel(
            sessions, meeting_id, self._clock, screen.agenda, screen.timer, self
        )
        self.attendance = AttendancePanel(sessions, meeting_id, screen.roster, self)
        members = self.attendance.members()
        self.notes = NotesPanel(sessions, meeting_id, members, screen.notes, self)
        self.commitments = CommitmentsPanel(
            sessions, meeting_id, members, screen.commitments, screen.follow_ups, self
        )
        self.after = AfterPanel(
            sessions, meeting_id, screen.header, self._today, self, context=self._context
        )
        self.after.show_screen(screen)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.attendance, _("&Attendance"))
        self.tabs.addTab(self.notes, _("&Notes"))
        self.tabs.addTab(self.commitments, _("C&ommitments"))
        self.tabs.addTab(self.after, _("A&fter the session"))
        self._layout.replaceWidget(self.loading, self.tabs)
        self.loading.hide()
        self._layout.insertWidget(1, self.agenda)
        self._layout.setStretchFactor(self.tabs, 1)
        self.finish_button.setEnabled(True)

    def _show_screen(self, screen: running.RunScreen) -> None:
        """Every panel from a fresh read (the agenda keeps its running clock)."""
        self.attendance.show_screen(screen)
        members = self.attendance.members()
        self.notes.set_members(members)
        self.notes.show_screen(screen)
        self.commitments.show_screen(screen, members)
        self.after.show_screen(screen)

    def _connect(self) -> None:
        for panel in (self.agenda, self.attendance, self.notes, self.commitments, self.after):
            panel.error.connect(self.show_error)
            panel.saved.connect(self.show_saved)
        self.attendance.members_changed.connect(self._on_members_changed)
        shortcuts = {
            "Ctrl+Space": self.agenda._on_start_pause,
            "Ctrl+Right": self.agenda._on_next,
            "Ctrl+Left": self.agenda._on_previous,
            "Ctrl+1": lambda: self._show_tab(0),
            "Ctrl+2": lambda: self._show_tab(1),
            "Ctrl+3": lambda: self._show_tab(2),
            "Ctrl+4": lambda: self._show_tab(3),
            "Ctrl+E": self.attendance._on_everyone_present,
            "Ctrl+N": lambda: (self._show_tab(0), self.attendance.show_newcomer_form()),
            "Ctrl+S": self.notes.save_note,
            "F11": self._toggle_full_screen,
        }
        for keys, slot in shortcuts.items():
            QShortcut(QKeySequence(keys), self, activated=slot)

    def _show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        panel = self.tabs.widget(index)
        view = getattr(panel, "view", None) or getattr(panel, "commitment_view", None)
        if view is not None:
            view.setFocus()
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))

    def _toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _on_members_changed(self) -> None:
        members = self.attendance.members()
        self.notes.set_members(members)
        self.commitments.set_members(members)
        self._context.changes.announce(changes_of(attendance_service.add_newcomer))

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {ERROR};")
        self.status.setText(message)

    def show_saved(self, message: str) -> None:
        self.status.setStyleSheet("color: #2d6a3e;")
        self.status.setText(message)
        self._context.changes.announce(PANEL_CHANGES)

    # --- leaving and finishing -----------------------------------------------------------

    def in_progress(self) -> bool:
        """The meeting has begun here and is not finished: its clock ran or someone is marked."""
        if not self.ready or self.header.held or self.header.locked:
            return False
        timed = self.agenda.clock.running or any(self.agenda.kept_minutes().values())
        return timed or any(row.status is not None for row in self.attendance.model.rows())

    def keyPressEvent(self, event) -> None:
        # Escape never closes the meeting silently: it asks, like the window's close button.
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self.isVisible() and self.in_progress() and not self._leave_or_finish():
            event.ignore()
            return
        if self.ready:
            self.agenda.stop_ticking()
        self.closed.emit()
        super().closeEvent(event)

    def _leave_or_finish(self) -> bool:
        """Ask, then do what the tutor chose; False keeps the window open."""
        choice = self._ask_leave()
        if choice == "leave":
            return self.agenda.keep_running()
        return choice == "finish" and self.finish(asked=True)

    def _ask_leave(self) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(leave_question(self.header.number))
        leave = box.addButton(_("Leave it running"), QMessageBox.ButtonRole.AcceptRole)
        finish = box.addButton(_("Finish session"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)  # a stray Enter after Escape keeps the screen open
        box.setEscapeButton(stay)
        box.exec()
        return {leave: "leave", finish: "finish"}.get(box.clickedButton(), "stay")

    def finish(self, *, asked: bool = False) -> bool:
        """Finish the meeting after a question; ``asked``: the tutor chose it when leaving, so
        only a meeting finished before its day is asked about again."""
        starts_on, today = self.header.starts_at.date(), self._today()
        question = finish_question(self.header.number, starts_on, today)
        if (not asked or starts_on > today) and not confirm(
            self, _("Finish session"), question, _("Finish session")
        ):
            return False
        try:
            running.finish_meeting(
                self._sessions,
                self.meeting_id,
                self.agenda.total_minutes() or None,
                kept=self.agenda.kept_minutes(),
            )
        except PierglassError as error:
            self.show_error(str(error))
            return False
        self.agenda.stop()
        self.header = replace(self.header, held=True)
        self.after.set_header(self.header)
        self.show_saved(_("The session is marked held. You can sign it off after the meeting."))
        self._context.changes.announce(changes_of(running.finish_meeting))
        self.tabs.setCurrentWidget(self.after)
        self.reload()  # the panels follow the file
        self.finished.emit(self.meeting_id)
        return True
