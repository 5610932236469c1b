"""Table models of the run-session screen, each over immutable rows from the services.

Editable models never save by themselves: the panel hands them a ``save`` callable (a service
call) that returns the saved row or raises; a failure is passed to ``on_error`` and the cell
keeps its saved value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.domain.rules import ATTENDED
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.i18n.formatting import format_time
from pierglass_desktop.services.attendance import AttendanceRow
from pierglass_desktop.services.commitments import CommitmentRow
from pierglass_desktop.services.notes import NoteRow
from pierglass_desktop.services.running import AgendaRow
from pierglass_desktop.ui.models.table import RowsModel
from pierglass_desktop.ui.run_session.labels import AMBER, status_label

Index = QModelIndex | QPersistentModelIndex
ROLE_ID = Qt.ItemDataRole.UserRole + 1  # the record or participant id of a row


class _RowsModel(RowsModel):
    """Rows of frozen dataclasses under translated headers (the shared base)."""

    def __init__(self, rows: Sequence = (), parent=None):
        super().__init__(parent)
        self._rows = tuple(rows)

    def rows(self) -> list:
        return list(self._rows)

    def _replace(self, row: int, value) -> None:
        self.replace_row(row, value)


class AgendaModel(_RowsModel):
    HEADERS = (N_("Agenda item"), N_("Planned time"), N_("Actual time"))

    def __init__(self, rows: Sequence[AgendaRow] = (), parent=None):
        super().__init__(rows, parent)
        self.current = 0

    def set_current(self, row: int) -> None:
        old, self.current = self.current, row
        for changed in {old, row}:
            if 0 <= changed < len(self._rows):
                self.dataChanged.emit(self.index(changed, 0), self.index(changed, 2))

    def set_actual(self, row: int, minutes: int) -> None:
        if 0 <= row < len(self._rows):
            self._replace(row, replace(self._rows[row], actual_minutes=minutes))

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: AgendaRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return item.title
            if index.column() == 1:
                return _("{minutes} min").format(minutes=item.planned_minutes)
            if item.actual_minutes is not None:
                return _("{minutes} min").format(minutes=item.actual_minutes)
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return item.title  # the column elides a long title
        if role == Qt.ItemDataRole.FontRole and index.row() == self.current:
            font = QFont()
            font.setBold(True)
            return font
        over = item.actual_minutes is not None and item.actual_minutes > item.planned_minutes
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and over:
            return QBrush(QColor(AMBER))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROLE_ID:
            return item.id
        return None


class AttendanceModel(_RowsModel):
    HEADERS = (N_("Member"), N_("Company"), N_("Status"), N_("Arrived"), N_("Left"), N_("Minutes"))

    def update(self, saved: AttendanceRow) -> None:
        for row, current in enumerate(self._rows):
            if current.participant_id == saved.participant_id:
                self._replace(row, saved)
                return
        self.append_row(saved)

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: AttendanceRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == ROLE_ID:
            return item.participant_id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            if item.status is None:
                return QBrush(QColor("#6b7780"))
            if item.status not in ATTENDED:
                return QBrush(QColor(AMBER))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: AttendanceRow, column: int) -> str:
        if column == 0:
            return item.name
        if column == 1:
            return item.company
        if column == 2:
            return status_label(item.status)
        if column == 3:
            return format_time(item.arrived_at)
        if column == 4:
            return format_time(item.left_at)
        return "" if item.minutes_attended is None else str(item.minutes_attended)


class NotesModel(_RowsModel):
    HEADERS = (N_("Visibility"), N_("About"), N_("Note"))

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        note: NoteRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return vocabulary.short_label(note.visibility)
            if index.column() == 1:
                return note.participant_name or _("The session")
            return note.body.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return note.body
        if role == ROLE_ID:
            return note.id
        return None


class _SavingRowsModel(_RowsModel):
    """Rows whose columns from ``EDITABLE_FROM`` on are edited in place and saved at once;
    a refusal goes to ``on_error`` as its sentence and the row stays as it was."""

    EDITABLE_FROM = 1

    def __init__(
        self,
        save: Callable[..., CommitmentRow] | None = None,
        on_error: Callable[[str], None] | None = None,
        parent=None,
    ):
        super().__init__((), parent)
        self._save = save
        self._on_error = on_error or (lambda message: None)

    def flags(self, index: Index):
        flags = super().flags(index)
        if index.isValid() and index.column() >= self.EDITABLE_FROM and self._save:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _editable(self, index: Index, role) -> bool:
        return (
            index.isValid()
            and index.column() >= self.EDITABLE_FROM
            and role == Qt.ItemDataRole.EditRole
            and self._save is not None
        )

    def _store(self, row: int, *args, shown: Callable[[CommitmentRow], object]) -> bool:
        try:
            saved = self._save(*args)
        except PierglassError as error:
            self._on_error(str(error))
            return False
        self._replace(row, shown(saved))
        return True


class CommitmentModel(_SavingRowsModel):
    """One row per member: the commitment they make for next time, typed in place."""

    HEADERS = (N_("Member"), N_("Commitment for next time"))

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        participant_id, name, text = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name if index.column() == 0 else text
        if role == ROLE_ID:
            return participant_id
        return None

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not self._editable(index, role):
            return False
        participant_id, name, text = self._rows[index.row()]
        if str(value).strip() == text:
            return False
        return self._store(
            index.row(),
            participant_id,
            str(value),
            shown=lambda saved: (participant_id, name, saved.text),
        )


class FollowUpModel(_SavingRowsModel):
    """Last time's commitments; the follow-up and the comment are edited in place."""

    HEADERS = (N_("Member"), N_("Commitment"), N_("Follow-up"), N_("Comment"))
    EDITABLE_FROM = 2

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item: CommitmentRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.name, item.text, vocabulary.label(item.follow_up), item.follow_up_comment)[
                index.column()
            ]
        if role == Qt.ItemDataRole.EditRole:
            if index.column() == 2:
                return item.follow_up.value if item.follow_up else ""
            return (item.name, item.text, None, item.follow_up_comment)[index.column()]
        if role == ROLE_ID:
            return item.id
        return None

    def setData(self, index: Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not self._editable(index, role):
            return False
        item: CommitmentRow = self._rows[index.row()]
        if index.column() == 2:
            follow_up, comment = (value or None), item.follow_up_comment
        else:
            follow_up, comment = item.follow_up, str(value)
        return self._store(index.row(), item, follow_up, comment, shown=lambda saved: saved)
