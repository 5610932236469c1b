"""The Today page: search, the next sessions, commitments due for review, members at risk.

Every row opens its record: a session (or a note or commitment of one) opens the run-session
screen; everything is also announced through ``open_requested(kind, id)`` so the main window
can take a person to their page, and a member at risk through ``register_member_requested``
to the group's register with that member's row chosen.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.i18n import N_, _, ngettext
from pierglass_desktop.i18n.formatting import format_datetime
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.models.table import Column, RowTableModel
from pierglass_desktop.ui.run_session.labels import AMBER
from pierglass_desktop.ui.tasks import BackgroundRead
from pierglass_desktop.ui.widgets import messages

Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 200


# Today lists sessions, who is at risk (attendance), open commitments and the people.
KINDS = {
    Change.MEETINGS,
    Change.ATTENDANCE,
    Change.COMMITMENTS,
    Change.GROUPS,
    Change.PARTICIPANTS,
    Change.MEMBERSHIPS,
    Change.SIGN_OFF,
}


class _ListModel(RowTableModel):
    """Today's lists: the shared row model, columns given as (header, text of a row)."""

    def __init__(self, columns, parent=None):
        super().__init__([Column(title, show) for title, show in columns], parent)

    def rows_of(self) -> list:
        return list(self.rows())


def upcoming_model(parent=None) -> _ListModel:
    return _ListModel(
        [
            (N_("When"), lambda m: _when(m.starts_at)),
            (N_("Group"), lambda m: m.group_name),
            (
                N_("Session"),
                lambda m: _("{number}: {theme}").format(number=m.number, theme=m.theme),
            ),
            (N_("Place"), lambda m: m.place),
        ],
        parent,
    )


def due_model(parent=None) -> _ListModel:
    return _ListModel(
        [
            (N_("Member"), lambda c: c.name),
            (N_("Commitment"), lambda c: c.text),
            (
                N_("Made at"),
                lambda c: _("{group}, session {number}").format(
                    group=c.group_name, number=c.meeting_number
                ),
            ),
        ],
        parent,
    )


def risk_model(parent=None) -> _ListModel:
    return _ListModel(
        [
            (N_("Member"), lambda r: r.name),
            (
                N_("Recent sessions"),
                lambda r: ngettext(
                    "missed {missed} of the last {window} session",
                    "missed {missed} of the last {window} sessions",
                    r.window,
                ).format(missed=r.missed, window=r.window),
            ),
            # Last: a long group name may be cut short, the reason for the warning may not.
            (N_("Group"), lambda r: r.group_name),
        ],
        parent,
    )


def results_model(parent=None) -> _ListModel:
    return _ListModel(
        [
            (N_("Kind"), lambda r: vocabulary.label(r.kind)),
            (N_("Title"), lambda r: r.title),
            (N_("Found"), lambda r: r.snippet),
        ],
        parent,
    )


def _overview(sessions, now: datetime, threshold: float, window: int):
    # Imported here, on the loading thread: the services bring the data model (~0.2 s), which
    # the window need not wait for before it shows.
    from pierglass_desktop.services import today

    return today.today_overview(sessions, now, threshold=threshold, window=window)


def _when(moment: datetime) -> str:
    return format_datetime(moment)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Fit the first rows only (a coordinator's list has a thousand), and let no long text
    # (a commitment, a group name) squeeze the columns after it.
    header.setResizeContentsPrecision(100)
    header.setMaximumSectionSize(280)
    # The last column takes what is left and elides, rather than push out a scroll bar.
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    return view


class TodayPage(QWidget):
    open_requested = Signal(str, str)  # kind ("meeting", "participant"), id
    register_member_requested = Signal(str, str)  # group id, the member to point out
    loaded = Signal()  # the lists were filled (they load in the background)

    def __init__(self, context, parent=None, *, now=datetime.now):
        super().__init__(parent)
        self._context = context
        self._now = now
        self.upcoming = upcoming_model(self)
        self.due = due_model(self)
        self.at_risk = risk_model(self)
        self.results = results_model(self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search)
        self._read: BackgroundRead | None = None
        self._build()
        context.changes.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.search_edit = QLineEdit(
            placeholderText=_("Search notes, commitments, sessions and people")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._on_search)
        self.results_view = _table(self.results)
        self.results_view.hide()
        self.upcoming_view = _table(self.upcoming)
        self.due_view = _table(self.due)
        self.risk_view = _table(self.at_risk)
        # Titled from the start; the counts arrive with the lists.
        self.risk_title = self._title(
            _("Members at risk of dropping out ({count})").format(count="…")
        )
        self.due_title = self._title(_("Commitments to review ({count})").format(count="…"))
        for view, slot in (
            (self.results_view, self._on_result),
            (self.upcoming_view, self._on_upcoming),
            (self.due_view, self._on_due),
            (self.risk_view, self._on_risk),
        ):
            view.activated.connect(slot)
        grid = QGridLayout()
        grid.addWidget(self._title(_("Next sessions")), 0, 0, 1, 2)
        grid.addWidget(self.upcoming_view, 1, 0, 1, 2)
        grid.addWidget(self.due_title, 2, 0)
        grid.addWidget(self.risk_title, 2, 1)
        grid.addWidget(self.due_view, 3, 0)
        grid.addWidget(self.risk_view, 3, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results_view, 1)
        layout.addLayout(grid, 2)

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        return label

    def refresh(self) -> None:
        """Reload the three lists off the GUI thread: a coordinator's file holds every group."""
        prefs = self._context.preferences
        sessions, now = self._context.sessions, self._now()
        threshold, window = prefs.low_attendance_threshold, prefs.low_attendance_window
        if self._read is not None:
            self._read.abandon()  # a newer read answers instead
        # Not on the shared task queue: closing the window never waits for these lists.
        self._read = BackgroundRead(
            lambda: _overview(sessions, now, threshold, window),
            on_success=self._show_overview,
            on_failure=self._show_failure,
        )

    def closeEvent(self, event) -> None:
        self.abandon_loading()
        super().closeEvent(event)

    def abandon_loading(self) -> None:
        """Drop the lists still loading (the window closes, or the database changes)."""
        if self._read is not None:
            self._read.abandon()
            self._read = None

    def _show_overview(self, overview) -> None:
        if not isValid(self):  # the window was rebuilt while the lists were loading
            return
        self._read = None
        self.upcoming.set_rows(overview.upcoming)
        self.due.set_rows(overview.due)
        self.at_risk.set_rows(overview.at_risk)
        self.due_title.setText(_("Commitments to review ({count})").format(count=len(overview.due)))
        self.risk_title.setText(
            _("Members at risk of dropping out ({count})").format(count=len(overview.at_risk))
        )
        self.risk_title.setStyleSheet(f"color: {AMBER};" if overview.at_risk else "")
        self.loaded.emit()

    def _show_failure(self, error: Exception) -> None:
        if isValid(self):
            messages.show_error(self, _("Today"), error)

    def _on_changed(self, kinds: frozenset[Change]) -> None:
        if kinds & KINDS:
            self.refresh()

    def _on_search(self) -> None:
        text = self.search_edit.text()
        from pierglass_desktop.services import search

        found = search.search(self._context.sessions, text) if text.strip() else []
        self.results.set_rows(found)
        self.results_view.setVisible(bool(text.strip()))

    # --- opening records -------------------------------------------------------------------

    def _on_upcoming(self, index: QModelIndex) -> None:
        self.open_meeting(self.upcoming.row_at(index.row()).id)

    def _on_due(self, index: QModelIndex) -> None:
        # A commitment is reviewed at the group's next session.
        due = self.due.row_at(index.row())
        following = next((m for m in self.upcoming.rows_of() if m.group_id == due.group_id), None)
        self.open_meeting(following.id if following else due.meeting_id)

    def _on_risk(self, index: QModelIndex) -> None:
        row = self.at_risk.row_at(index.row())
        # The register shows the pattern of missed meetings that put the member at risk.
        self.register_member_requested.emit(row.group_id, row.participant_id)

    def _on_result(self, index: QModelIndex) -> None:
        result = self.results.row_at(index.row())
        if result.kind == "participant":
            self.open_requested.emit("participant", result.id)
        elif result.meeting_id:
            self.open_meeting(result.meeting_id)

    def open_meeting(self, meeting_id: str) -> None:
        from pierglass_desktop.ui.run_session import open_run_session

        self.open_requested.emit("meeting", meeting_id)
        open_run_session(self._context, meeting_id)  # the screen keeps itself while open
