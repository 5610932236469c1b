"""The attendance register: a group's members × held sessions, editable, honouring membership
periods (before joining or after leaving is blank, never "absent"), with each member's
attendance rate and hours. Members at risk of dropping out are shown in amber."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.domain.rules import ATTENDED
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.i18n.formatting import format_number, format_percent
from pierglass_desktop.services import at_risk as at_risk_service
from pierglass_desktop.services import attendance
from pierglass_desktop.services import register as register_service
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.register import Register
from pierglass_desktop.ui.run_session.labels import AMBER, ERROR, status_label
from pierglass_desktop.ui.widgets.mark_grid import MarkGridView

Index = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = (N_("Member"), N_("Rate"), N_("Hours"))
NAME_WIDTH_LIMIT = 320  # px; beyond it a long name is elided rather than crowd out the sessions
OUTSIDE = QColor("#e9edef")  # not a member then
UNMARKED = "·"
DISPLAY = Qt.ItemDataRole.DisplayRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
# The register shows members, their marks and the group's sessions.
KINDS = {
    Change.ATTENDANCE,
    Change.GROUPS,
    Change.PARTICIPANTS,
    Change.MEMBERSHIPS,
    Change.MEETINGS,
}
TOOLTIP = Qt.ItemDataRole.ToolTipRole


class RegisterModel(QAbstractTableModel):
    """Rows: members. Columns: name, rate, hours, then one per held session."""

    first_mark_column = len(FIXED_COLUMNS)  # MarkGridView draws the session columns itself

    def __init__(self, parent=None):
        super().__init__(parent)
        self.register = Register("", (), (), ())
        self.at_risk: set[str] = set()
        self._outside = QBrush(OUTSIDE)
        self._colours = {s: QBrush(QColor(vocabulary.colour(s))) for s in AttendanceStatus}
        # What each cell shows, per role, worked out once per load (see data()).
        self._text: list[list[str]] = []
        self._foreground: list[list[QBrush | None]] = []
        self._background: list[list[QBrush | None]] = []
        self._alignment: list[int | None] = []
        self._headers: list[str] = [_(name) for name in FIXED_COLUMNS]
        self._header_tips: list[str | None] = [None] * len(FIXED_COLUMNS)
        self._blank: list[list[bool]] = []
        self._selectable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_register(self, register: Register, at_risk: set[str]) -> None:
        self.beginResetModel()
        self.register, self.at_risk = register, at_risk
        self._text = [
            [*self._member_text(member), *(self._cell_text(c) for c in row)]
            for member, row in zip(register.members, register.cells, strict=True)
        ]
        amber = QBrush(QColor(AMBER))
        self._foreground = [
            [
                amber if member.participant_id in at_risk else None,
                None,
                None,
                *(self._colours.get(c.status) for c in row),
            ]
            for member, row in zip(register.members, register.cells, strict=True)
        ]
        self._background = [
            [None, None, None, *(None if c.in_period else self._outside for c in row)]
            for row in register.cells
        ]
        self._blank = [
            [not c.in_period and c.status is None for c in row] for row in register.cells
        ]
        self._headers = [_(name) for name in FIXED_COLUMNS] + [
            f"{m.number}\n{m.starts_at:%d.%m.}" for m in register.meetings
        ]
        self._header_tips = [None] * len(FIXED_COLUMNS) + [
            _("Session {number}: {theme}, {day}").format(
                number=m.number, theme=m.theme, day=f"{m.starts_at:%d.%m.%Y}"
            )
            for m in register.meetings
        ]
        centre = int(Qt.AlignmentFlag.AlignCenter)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._alignment = [None, right, right, *([centre] * len(register.meetings))]
        self.endResetModel()

    @staticmethod
    def _member_text(member) -> tuple[str, str, str]:
        rate = "–" if member.rate is None else format_percent(member.rate)
        return member.name, rate, format_number(member.hours, 1)

    @staticmethod
    def _cell_text(cell) -> str:
        if cell.status is not None:
            return vocabulary.symbol(cell.status)
        return UNMARKED if cell.in_period else ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.register.members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self.register.meetings)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        # Asked for every section and several roles on each paint: answered from lists.
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == DISPLAY:
            return self._headers[section]
        if role == TOOLTIP:
            return self._header_tips[section]
        return None

    def meeting_at(self, column: int):
        index = column - len(FIXED_COLUMNS)
        return self.register.meetings[index] if index >= 0 else None

    def flags(self, index: Index):
        if index.row() < 0:
            return Qt.ItemFlag.NoItemFlags
        column = index.column() - len(FIXED_COLUMNS)
        if column >= 0 and self._blank[index.row()][column]:
            return Qt.ItemFlag.NoItemFlags  # outside the membership: nothing to mark
        return self._selectable

    def data(self, index: Index, role=Qt.ItemDataRole.DisplayRole):
        # Called for every visible cell and role on each paint: answers come from tables
        # prepared in set_register, so the common path is two list lookups.
        if index.row() < 0:
            return None
        if role == DISPLAY:
            return self._text[index.row()][index.column()]
        if role == FOREGROUND:
            return self._foreground[index.row()][index.column()]
        if role == BACKGROUND:
            return self._background[index.row()][index.column()]
        if role == ALIGNMENT:
            return self._alignment[index.column()]
        if role == TOOLTIP and index.isValid():
            return self._tooltip(index.row(), index.column())
        return None

    def cell_look(self, row: int, column: int):
        """Text, foreground and background of one cell, for MarkGridView's own painting."""
        return self._text[row][column], self._foreground[row][column], self._background[row][column]

    def _tooltip(self, row: int, column: int) -> str | None:
        if column == 0:
            return self._member_tip(self.register.members[row])
        if column < len(FIXED_COLUMNS):
            return None
        return self._cell_tip(self.register.cells[row][column - len(FIXED_COLUMNS)])

    @staticmethod
    def _cell_tip(cell) -> str:
        if not cell.in_period and cell.status is None:
            return _("Not a member at the time")
        if cell.status in ATTENDED:
            return _("{status}, {minutes} min").format(
                status=status_label(cell.status), minutes=cell.minutes or 0
            )
        return status_label(cell.status)

    def _member_tip(self, member) -> str:
        tip = (
            member.name
            + "\n"
            + _("{attended} of {possible} sessions while a member").format(
                attended=member.attended, possible=member.possible
            )
        )
        if member.participant_id in self.at_risk:
            tip += "\n" + _("At risk of dropping out: missed recent sessions.")
        return tip


class RegisterPage(QWidget):
    """Choose a group; Space or a double-click on a cell steps its status (saved at once)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self._context = context
        self.model = RegisterModel(self)
        self._build()
        context.changes.changed.connect(self._on_changed)
        self.refresh()
        self.view.show_latest()

    def _build(self) -> None:
        self.group_combo = QComboBox()
        self.group_combo.currentIndexChanged.connect(self._on_group_chosen)
        self.view = MarkGridView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(44)
        # Fixed row heights: the view never asks every row for its size.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.doubleClicked.connect(self._on_cycle)
        self.view.installEventFilter(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        legend = QLabel(
            _(
                "✓ present · ◐ late · ◑ left early · ○ excused · ✗ absent · "
                "· not marked · grey: not a member then. Space or double-click changes a mark."
            )
        )
        legend.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Group")))
        top.addWidget(self.group_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        chosen = self.group_combo.currentData()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in register_service.register_groups(self._context.sessions):
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(chosen), 0))
        self.group_combo.blockSignals(False)
        self._load()

    def show_group(self, group_id: str, participant_id: str | None = None) -> None:
        """Show the group's register; with ``participant_id``, that member's row is chosen."""
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group_id), 0))
        members = [m.participant_id for m in self.model.register.members]
        if participant_id in members:
            row = members.index(participant_id)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))

    def _on_group_chosen(self, _index: int) -> None:
        self._load()
        self.view.show_latest()  # the latest sessions are the ones a tutor looks at

    def _on_changed(self, kinds: frozenset[Change]) -> None:
        if kinds & KINDS:
            self.refresh()

    def _load(self) -> None:
        group_id = self.group_combo.currentData()
        if group_id is None:
            self.model.set_register(Register("", (), (), ()), set())
            return
        register = register_service.attendance_register(self._context.sessions, group_id)
        prefs = self._context.preferences
        risky = at_risk_service.members_at_risk(
            register, prefs.low_attendance_threshold, prefs.low_attendance_window
        )
        self.model.set_register(register, {r.participant_id for r in risky})
        self._fit_member_columns()

    def _fit_member_columns(self) -> None:
        """Name, rate and hours fit their longest text; a very long name is elided (its
        tooltip gives it whole) rather than crowd out the sessions."""
        metrics, model = self.view.fontMetrics(), self.model
        for column, (least, most) in enumerate(((160, NAME_WIDTH_LIMIT), (0, 200), (0, 200))):
            texts = [model.headerData(column, Qt.Orientation.Horizontal)]
            texts += [model.index(row, column).data() for row in range(model.rowCount())]
            longest = max(metrics.horizontalAdvance(text) for text in texts)
            self.view.setColumnWidth(column, min(max(least, longest + 16), most))

    def eventFilter(self, watched, event) -> bool:
        is_key = watched is self.view and event.type() == QEvent.Type.KeyPress
        if is_key and event.key() == Qt.Key.Key_Space:
            self._on_cycle(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _on_cycle(self, index: QModelIndex) -> None:
        meeting = self.model.meeting_at(index.column()) if index.isValid() else None
        if meeting is None or not (self.model.flags(index) & Qt.ItemFlag.ItemIsEnabled):
            return
        member = self.model.register.members[index.row()]
        try:
            saved = attendance.cycle_status(
                self._context.sessions, meeting.id, member.participant_id
            )
        except PierglassError as error:
            self.message.setStyleSheet(f"color: {ERROR};")
            self.message.setText(str(error))
            return
        self.message.setStyleSheet("")
        self.message.setText(
            _("{name}, session {number}: {status}").format(
                name=saved.name, number=meeting.number, status=status_label(saved.status)
            )
        )
        self._load()
        self.view.setCurrentIndex(self.model.index(index.row(), index.column()))
