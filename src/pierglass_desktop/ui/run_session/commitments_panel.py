"""The commitments round: last time's commitments followed up, then each member's promise
for next time, typed in place as they speak. Each edit is saved when the cell is left."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import FollowUp
from pierglass_desktop.i18n import _
from pierglass_desktop.services import commitments
from pierglass_desktop.ui.run_session.models import CommitmentModel, FollowUpModel


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
        self._made = {c.participant_id: c.text for c in made}  # this meeting's, by member
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
        made = self._made
        self.commitment_model.set_rows([(pid, name, made.get(pid, "")) for pid, name in members])
        if not self.follow_up_model.rowCount():
            self.follow_up_title.setText(_("<b>Last time's commitments</b>: none to review."))

    def _save_commitment(self, participant_id: str, text: str):
        saved = commitments.save_commitment(self._sessions, self._meeting_id, participant_id, text)
        self._made[participant_id] = saved.text
        self.saved.emit(_("Commitment of {name} saved.").format(name=saved.name))
        return saved

    def show_screen(self, screen, members: list[tuple[str, str]]) -> None:
        self._made = {c.participant_id: c.text for c in screen.commitments}
        self.follow_up_model.set_rows(screen.follow_ups)
        self.set_members(members)

    def _save_follow_up(self, item, follow_up, comment: str):
        saved = commitments.record_follow_up(
            self._sessions, item.id, follow_up, comment, at_meeting_id=self._meeting_id
        )
        self.saved.emit(_("Follow-up of {name} saved.").format(name=saved.name))
        return saved
