"""The commitments round: last time's commitments followed up, then each member's promise
for next time, typed in place as they speak. Each edit is saved when the cell is left."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import FollowUp
from pierglass_desktop.domain.errors import Conflict
from pierglass_desktop.i18n import _
from pierglass_desktop.services import commitments
from pierglass_desktop.ui.run_session.models import ROLE_ID, CommitmentModel, FollowUpModel


class FollowUpDelegate(QStyledItemDelegate):
    """A drop-down of done / partly / not done / dropped for the follow-up column."""

    def createEditor(self, parent, option, index):
        if index.column() != 2:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItem(_("Not reviewed"), "")
        for value in FollowUp:
            combo.addItem(vocabulary.label(value), value.value)
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class CommitmentsPanel(QWidget):
    error = Signal(str)
    saved = Signal(str)

    def __init__(
        self,
        sessions,
        meeting_id: str,
        members: list[tuple[str, str]],
        made,
        follow_ups,
        parent=None,
    ):
        super().__init__(parent)
        self._sessions = sessions
        self._meeting_id = meeting_id
        # This meeting's commitments as shown, by member: their stamps are each save's seen_at.
        self._made = {c.participant_id: c for c in made}
        self._members = list(members)
        self.follow_up_model = FollowUpModel(self._save_follow_up, self.error.emit, self)
        self.commitment_model = CommitmentModel(self._save_commitment, self.error.emit, self)
        self._build()
        self.follow_up_model.set_rows(follow_ups)
        self.set_members(members)

    def _build(self) -> None:
        self.follow_up_view = _table(self.follow_up_model)
        self.follow_up_view.setItemDelegate(FollowUpDelegate(self.follow_up_view))
        self.commitment_view = _table(self.commitment_model)
        self.follow_up_title = QLabel(_("<b>Last time's commitments</b>: how did it go?"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.follow_up_title)
        layout.addWidget(self.follow_up_view, 1)
        layout.addWidget(QLabel(_("<b>Commitments for next time</b>: type as each member speaks")))
        layout.addWidget(self.commitment_view, 2)

    def set_members(self, members: list[tuple[str, str]]) -> None:
        self._members = list(members)
        made = {pid: row.text for pid, row in self._made.items()}
        self.commitment_model.set_rows([(pid, name, made.get(pid, "")) for pid, name in members])
        if not self.follow_up_model.rowCount():
            self.follow_up_title.setText(_("<b>Last time's commitments</b>: none to review."))

    def _save_commitment(self, participant_id: str, text: str):
        shown = self._made.get(participant_id)
        try:
            saved = commitments.save_commitment(
                self._sessions,
                self._meeting_id,
                participant_id,
                text,
                seen_at=shown.updated_at if shown else commitments.NOTHING_SHOWN,
            )
        except Conflict as error:
            # The model says the sentence and puts the cell back; then theirs is shown and what
            # was typed comes back in the cell's editor (Enter saves it over theirs, Esc not).
            said = str(error)
            QTimer.singleShot(0, lambda: self._show_theirs(participant_id, 1, text, said))
            raise
        self._made[participant_id] = saved
        self.saved.emit(_("Commitment of {name} saved.").format(name=saved.name))
        return saved

    def show_screen(self, screen, members: list[tuple[str, str]]) -> None:
        self._made = {c.participant_id: c for c in screen.commitments}
        self.follow_up_model.set_rows(screen.follow_ups)
        self.set_members(members)

    def _save_follow_up(self, item, follow_up, comment: str):
        try:
            saved = commitments.record_follow_up(
                self._sessions,
                item.id,
                follow_up,
                comment,
                at_meeting_id=self._meeting_id,
                seen_at=item.updated_at,
            )
        except Conflict as error:
            typed = comment if comment != item.follow_up_comment else None
            said = str(error)
            QTimer.singleShot(0, lambda: self._show_theirs(item.id, 3, typed, said))
            raise
        self.saved.emit(_("Follow-up of {name} saved.").format(name=saved.name))
        return saved

    def _show_theirs(self, row_id: str, column: int, typed: str | None, said: str) -> None:
        """After a refused save (``said``): both tables as they are now, and what was typed
        (if it was text) back in the refused cell's editor, so nothing typed is lost; the
        status line then quotes the text the editor covers."""
        self._made = {
            c.participant_id: c
            for c in commitments.meeting_commitments(self._sessions, self._meeting_id)
        }
        self.set_members(self._members)
        self.follow_up_model.set_rows(commitments.follow_ups_for(self._sessions, self._meeting_id))
        if typed is None:
            return
        view = self.commitment_view if column == 1 else self.follow_up_view
        model = view.model()
        found = model.match(model.index(0, 0), ROLE_ID, row_id, 1, Qt.MatchFlag.MatchExactly)
        if not found:
            return
        index = model.index(found[0].row(), column)
        view.setCurrentIndex(index)
        view.edit(index)
        # The editor just opened (a closed one may linger until it is deleted).
        for editor in view.viewport().findChildren(QLineEdit):
            if editor.isVisible():
                editor.setText(typed)
        theirs = str(model.index(found[0].row(), column).data(Qt.ItemDataRole.EditRole) or "")
        if theirs:
            hint = _(
                "Saved meanwhile: “{text}”. Enter saves what you typed in its place; "
                "Esc keeps theirs."
            ).format(text=theirs)
            self.error.emit(f"{said} {hint}")
