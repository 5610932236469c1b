"""The Sessions page: a group's sessions as a list and a month calendar coloured by status,
generating a series or reopening a saved plan, moving or cancelling a session in one action,
and the agenda builder."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.i18n import _
from pierglass_desktop.services import series as series_service
from pierglass_desktop.services.agenda import MeetingRow
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.planning.agenda_builder import AgendaBuilder
from pierglass_desktop.ui.planning.calendar import StatusCalendar
from pierglass_desktop.ui.planning.meeting_model import MeetingTableModel
from pierglass_desktop.ui.planning.series_dialog import SeriesDialog, SeriesPlansDialog
from pierglass_desktop.ui.planning.small_dialogs import WhenDialog
from pierglass_desktop.ui.widgets.buttons import button_row, more_button
from pierglass_desktop.ui.widgets.tables import table_view

LIST_MIN_WIDTH = 360  # px: number, date, time and a theme; the agenda builder needs the rest


class SessionsPage(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.sessions = context.sessions
        self.group = QComboBox(self)
        # A long group name must not push the buttons past a 1280-pixel screen.
        self.group.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.group.setMinimumContentsLength(18)
        self.model = MeetingTableModel(self)
        self.table = self._make_table()
        self.calendar = StatusCalendar(self)
        self.calendar.meeting_clicked.connect(self.select_meeting)
        self.builder = AgendaBuilder(context, self)
        self.builder.changed.connect(self._on_agenda_changed)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Group"), self))
        top.addWidget(self.group, 1)
        top.addLayout(self._buttons())
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.calendar)
        left.setMinimumWidth(LIST_MIN_WIDTH)
        split.addWidget(left)
        split.addWidget(self.builder)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        layout.addWidget(split, 1)
        self.group.currentIndexChanged.connect(self._on_group_changed)
        context.changes.changed.connect(self._on_changes)
        self.refresh()

    def _make_table(self) -> QTableView:
        table = table_view(self, self.model, stretch=3, sortable=False)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    def _buttons(self) -> QHBoxLayout:
        self.buttons: dict[str, QPushButton] = {}
        actions = (
            ("new", _("New session…"), self._on_new),
            ("series", _("Generate series…"), self._on_series),
            ("move", _("Move…"), self._on_move),
            ("run", _("Run session…"), self._on_run),
        )
        row = button_row(self, actions, self.buttons, stretch=False)
        # Rarer steps, and cancelling (hard to click by mistake here), under "More".
        self.more_actions: dict[str, QAction] = {}
        rarer = (
            ("plans", _("Series plans…"), self._on_plans),
            ("cancel", _("Cancel session…"), self._on_cancel),
        )
        row.addWidget(more_button(self, rarer, self.more_actions))
        return row

    # ------------------------------------------------------------ showing

    def refresh(self, *_args) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        for group_id, name in series_service.group_choices(self.sessions):
            self.group.addItem(name, group_id)
        index = self.group.findData(current)
        self.group.setCurrentIndex(index if index >= 0 else 0)
        self.group.blockSignals(False)
        self._load_meetings()

    def _on_changes(self, kinds: frozenset[Change]) -> None:
        if kinds & {Change.GROUPS, Change.MEETINGS, Change.SIGN_OFF}:
            self.refresh()

    def _on_group_changed(self, *_args) -> None:
        self._load_meetings()

    def group_id(self) -> str | None:
        return self.group.currentData()

    def _load_meetings(self, select: str | None = None) -> None:
        selected = select or self.selected_meeting_id()
        group_id = self.group_id()
        rows = series_service.list_meetings(self.sessions, group_id) if group_id else []
        self.model.set_rows(rows)
        self.calendar.set_meetings(self.model.rows())
        for name in ("new", "series"):
            self.buttons[name].setEnabled(group_id is not None)
        self.more_actions["plans"].setEnabled(group_id is not None)
        if not self.select_meeting(selected):
            self._select_next_planned()

    def _select_next_planned(self) -> None:
        rows = self.model.rows()
        upcoming = [r for r in rows if r.starts_at >= datetime.now() and r.number]
        chosen = upcoming[0] if upcoming else (rows[-1] if rows else None)
        if chosen is None or not self.select_meeting(chosen.id):
            self.builder.show_meeting(None)
            self._enable_meeting_buttons(False)

    def select_meeting(self, meeting_id: str | None) -> bool:
        row = self.model.row_of(meeting_id) if meeting_id else -1
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def selected_meeting_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _on_current_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.builder.show_meeting(row.id if row else None)
        self._enable_meeting_buttons(row is not None)
        if row is not None:
            self.calendar.show_meeting(row)

    def _enable_meeting_buttons(self, enabled: bool) -> None:
        for name in ("move", "run"):
            self.buttons[name].setEnabled(enabled)
        self.more_actions["cancel"].setEnabled(enabled)

    def _on_run(self) -> None:
        """The meeting itself: the run-session screen, full screen, for the chosen session."""
        from pierglass_desktop.ui.run_session import open_run_session

        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return
        open_run_session(self.context, meeting_id)  # the screen keeps itself while open

    def _on_agenda_changed(self) -> None:
        pass  # the list shows no agenda figures; nothing to redraw

    # ------------------------------------------------------------ actions

    def _changed(self, meeting_id: str | None) -> None:
        """A dialog wrote sessions itself: reload, select, and tell the other pages."""
        self._load_meetings(select=meeting_id)
        self.context.changes.announce({Change.MEETINGS})

    def _act(self, call, *args, **kwargs) -> str | None:
        """One service call through ``ops`` (it announces the change); the id it returned."""
        ok, result = ops.run(self.context, self, call, *args, **kwargs)
        return getattr(result, "id", None) if ok else None

    def _on_new(self) -> None:
        group_id = self.group_id()
        start = datetime.now().replace(hour=17, minute=0, second=0, microsecond=0)
        dialog = WhenDialog(_("New session"), start + timedelta(days=7), new=True, parent=self)
        if group_id and dialog.exec():
            meeting_id = self._act(
                series_service.add_meeting,
                self.sessions,
                group_id,
                dialog.starts_at(),
                dialog.minutes.value(),
                theme=dialog.theme.text(),
            )
            if meeting_id:
                self._load_meetings(select=meeting_id)

    def _on_series(self) -> None:
        group_id = self.group_id()
        if not group_id:
            return
        dialog = SeriesDialog(self.sessions, group_id, self)
        if dialog.exec():
            self._changed(dialog.created[0].id if dialog.created else None)

    def _on_plans(self) -> None:
        """Reopen a saved plan: edit the rule or themes and update its sessions."""
        group_id = self.group_id()
        if not group_id:
            return
        dialog = SeriesPlansDialog(self.sessions, group_id, self)
        dialog.exec()
        if dialog.changed:
            self._changed(dialog.created[0].id if dialog.created else None)

    def _on_move(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        dialog = WhenDialog(_("Move session"), row.starts_at, parent=self)
        while dialog.exec():
            if self.move(row.id, dialog.starts_at(), seen_at=row.updated_at):
                return
            fresh = self._row(row.id)
            if fresh is None or fresh.updated_at == row.updated_at:
                return  # refused for another reason, already said
            # A colleague changed the session meanwhile: the list now shows theirs, and the
            # dialog opens again with what was typed, to be saved knowingly or cancelled.
            row = fresh

    def _row(self, meeting_id: str) -> MeetingRow | None:
        found = self.model.row_of(meeting_id)
        return self.model.row_at(found) if found >= 0 else None

    def move(
        self, meeting_id: str, starts_at: datetime, *, seen_at: datetime | None = None
    ) -> bool:
        """Move the session; ``seen_at`` is the stamp of the row the move started from."""
        moved = self._act(
            series_service.move_meeting, self.sessions, meeting_id, starts_at, seen_at=seen_at
        )
        self._load_meetings(select=meeting_id)  # after a refusal too: the list shows theirs
        return moved is not None

    def _on_cancel(self) -> None:
        meeting_id = self.selected_meeting_id()
        if not meeting_id:
            return
        answer = QMessageBox.question(
            self, _("Cancel session"), _("Cancel the selected session? Its agenda is kept.")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.cancel(meeting_id)

    def cancel(self, meeting_id: str) -> None:
        if self._act(series_service.cancel_meeting, self.sessions, meeting_id):
            self._load_meetings(select=meeting_id)
