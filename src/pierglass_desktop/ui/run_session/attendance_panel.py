"""Attendance at the table: one key or click cycles a member's status, "everyone present",
arrival and leaving times, and a newcomer added on the spot. Every mark is saved at once."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.domain.fields import PARTICIPANT
from pierglass_desktop.domain.rules import ATTENDED
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_time
from pierglass_desktop.services import attendance
from pierglass_desktop.ui.run_session.labels import ERROR, status_label
from pierglass_desktop.ui.run_session.models import AttendanceModel
from pierglass_desktop.ui.widgets.field_editors import line_edit

# Digits mark a status directly; Space or Enter cycles.
STATUS_KEYS = {
    Qt.Key.Key_1: AttendanceStatus.PRESENT,
    Qt.Key.Key_2: AttendanceStatus.LATE,
    Qt.Key.Key_3: AttendanceStatus.LEFT_EARLY,
    Qt.Key.Key_4: AttendanceStatus.EXCUSED,
    Qt.Key.Key_5: AttendanceStatus.ABSENT,
}
_TIME = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*$")


def parse_time(text: str) -> time | None:
    """17.25 or 17:25 → 17:25; empty → None; anything else raises ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(text)
    return time(int(match[1]), int(match[2]))


def _status_for_times(
    current: AttendanceStatus | None, arrived: time | None, left: time | None
) -> AttendanceStatus:
    """Times say how the member attended: an arrival makes them late, only a leaving time
    makes them leave early; without times the status stays."""
    if arrived:
        return AttendanceStatus.LATE
    if left:
        return AttendanceStatus.LEFT_EARLY
    return current if current in ATTENDED else AttendanceStatus.PRESENT


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(f"color: {ERROR};")
    label.setWordWrap(True)
    label.hide()
    return label


class AttendancePanel(QWidget):
    error = Signal(str)
    saved = Signal(str)
    members_changed = Signal()

    def __init__(self, sessions, meeting_id: str, roster, parent=None):
        super().__init__(parent)
        self._sessions = sessions
        self._meeting_id = meeting_id
        self.model = AttendanceModel(roster, self)
        self._build()

    def _build(self) -> None:
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.view.clicked.connect(self._on_clicked)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        hint = QLabel(
            _("Space: next status · 1 present · 2 late · 3 left early · 4 excused · 5 absent")
        )
        hint.setEnabled(False)  # drawn muted, in the panel's own (possibly large) font
        self.everyone_button = QPushButton(_("Everyone present"))
        self.everyone_button.setToolTip(_("Mark everyone not yet marked present (Ctrl+E)"))
        self.everyone_button.clicked.connect(self._on_everyone_present)
        self.newcomer_button = QPushButton(_("Newcomer…"))
        self.newcomer_button.setToolTip(_("Add a person who came for the first time (Ctrl+N)"))
        self.newcomer_button.clicked.connect(self.show_newcomer_form)
        # Compact rows: a group of 13-15 fits the screen of a 1366 x 768 laptop.
        rows = self.view.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # The times share the buttons' row, so the list gets the height.
        buttons = QHBoxLayout()
        buttons.addWidget(self.everyone_button)
        buttons.addWidget(self.newcomer_button)
        buttons.addStretch(1)
        buttons.addWidget(self._times_box())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(self._newcomer_box())

    def _times_box(self) -> QWidget:
        box = QWidget()
        box.setToolTip(_("Arrival and leaving of the selected member"))
        self.arrived_edit = QLineEdit(placeholderText=_("e.g. 17:25"))
        self.left_edit = QLineEdit(placeholderText=_("e.g. 19:40"))
        self.arrived_error, self.left_error = _error_label(), _error_label()
        self.times_button = QPushButton(_("Save times"))
        self.times_button.clicked.connect(self._on_save_times)
        for edit in (self.arrived_edit, self.left_edit):
            edit.returnPressed.connect(self._on_save_times)
        for edit in (self.arrived_edit, self.left_edit):
            edit.setMaximumWidth(110)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Arrived")))
        row.addWidget(self.arrived_edit)
        row.addWidget(self.arrived_error)
        row.addSpacing(16)
        row.addWidget(QLabel(_("Left")))
        row.addWidget(self.left_edit)
        row.addWidget(self.left_error)
        row.addSpacing(16)
        row.addWidget(self.times_button)
        return box

    def _newcomer_box(self) -> QGroupBox:
        self.newcomer_box = QGroupBox(_("Newcomer: a member from today, marked present"))
        self.first_edit = line_edit(PARTICIPANT["first_name"])
        self.last_edit = line_edit(PARTICIPANT["last_name"])
        self.company_edit = line_edit(PARTICIPANT["company_name"])
        self.first_error = _error_label()
        self.add_button = QPushButton(_("Add newcomer"))
        self.add_button.clicked.connect(self._on_add_newcomer)
        for edit in (self.first_edit, self.last_edit, self.company_edit):
            edit.returnPressed.connect(self._on_add_newcomer)
        form = QFormLayout(self.newcomer_box)
        first = self._with_error(self.first_edit, self.first_error)
        form.addRow(PARTICIPANT["first_name"].caption(), first)
        form.addRow(PARTICIPANT["last_name"].caption(), self.last_edit)
        form.addRow(PARTICIPANT["company_name"].caption(), self.company_edit)
        form.addRow("", self.add_button)
        self.newcomer_box.hide()
        return self.newcomer_box

    @staticmethod
    def _with_error(edit: QLineEdit, error: QLabel) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(error, 2)
        return holder

    # --- keyboard and clicks ---------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.cycle_selected()
                return True
            if key in STATUS_KEYS:
                self.mark_selected(STATUS_KEYS[key])
                return True
        return super().eventFilter(watched, event)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == 2:  # a click on the status cycles it
            self.cycle_selected()

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self._selected()
        self.arrived_edit.setText(format_time(row.arrived_at) if row else "")
        self.left_edit.setText(format_time(row.left_at) if row else "")
        for label in (self.arrived_error, self.left_error):
            label.hide()

    def _selected(self):
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # --- actions ---------------------------------------------------------------------------

    def cycle_selected(self) -> None:
        row = self._selected()
        if row is not None:
            self._apply(
                lambda: attendance.cycle_status(
                    self._sessions, self._meeting_id, row.participant_id
                )
            )

    def mark_selected(self, status: AttendanceStatus) -> None:
        row = self._selected()
        if row is not None:
            self._apply(
                lambda: attendance.mark(
                    self._sessions,
                    self._meeting_id,
                    row.participant_id,
                    status,
                    arrived_at=row.arrived_at,
                    left_at=row.left_at,
                )
            )

    def _on_everyone_present(self) -> None:
        try:
            rows = attendance.everyone_present(self._sessions, self._meeting_id)
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self._reload(rows)
        self.saved.emit(_("Everyone not marked yet is now present."))

    def _on_save_times(self) -> None:
        row = self._selected()
        if row is None:
            self.error.emit(_("Choose a member in the list first."))
            return
        try:
            arrived = self._time_from(self.arrived_edit, self.arrived_error)
            left = self._time_from(self.left_edit, self.left_error)
        except ValueError:
            return
        status = _status_for_times(row.status, arrived, left)
        self._apply(
            lambda: attendance.mark(
                self._sessions,
                self._meeting_id,
                row.participant_id,
                status,
                arrived_at=arrived,
                left_at=left,
            )
        )

    def _time_from(self, edit: QLineEdit, error: QLabel) -> time | None:
        try:
            value = parse_time(edit.text())
        except ValueError:
            error.setText(_("Write the time as 17.25."))
            error.show()
            raise
        error.hide()
        return value

    def _apply(self, action) -> None:
        try:
            saved = action()
        except ValidationError as error:
            message = error.fields.get("left_at")
            if message:
                self.left_error.setText(message)
                self.left_error.show()
            self.error.emit(str(error))
            return
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self.left_error.hide()
        self.model.update(saved)
        self.saved.emit(
            _("{name}: {status}").format(name=saved.name, status=status_label(saved.status))
        )

    def show_newcomer_form(self) -> None:
        self.newcomer_box.show()
        self.first_edit.setFocus()

    def _on_add_newcomer(self) -> None:
        try:
            saved = attendance.add_newcomer(
                self._sessions,
                self._meeting_id,
                self.first_edit.text(),
                self.last_edit.text(),
                self.company_edit.text(),
            )
        except ValidationError as error:
            self.first_error.setText(error.fields.get("first_name", ""))
            self.first_error.setVisible("first_name" in error.fields)
            self.error.emit(str(error))
            return
        except PierglassError as error:
            self.error.emit(str(error))
            return
        for edit in (self.first_edit, self.last_edit, self.company_edit):
            edit.clear()
        self.first_error.hide()
        self.newcomer_box.hide()
        self.model.update(saved)
        self.members_changed.emit()
        self.saved.emit(_("{name} joined the group and is marked present.").format(name=saved.name))

    def _reload(self, rows) -> None:
        self.model.set_rows(rows)

    def show_screen(self, screen) -> None:
        self._reload(screen.roster)

    def members(self) -> list[tuple[str, str]]:
        return [(row.participant_id, row.name) for row in self.model.rows()]
