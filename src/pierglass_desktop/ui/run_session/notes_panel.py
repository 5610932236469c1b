"""Notes during and after the session: about the session or one member, with a visibility."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.i18n import _
from pierglass_desktop.services import notes
from pierglass_desktop.ui.run_session.labels import ERROR
from pierglass_desktop.ui.run_session.models import NotesModel


class NotesPanel(QWidget):
    error = Signal(str)
    saved = Signal(str)

    def __init__(
        self, sessions, meeting_id: str, members: list[tuple[str, str]], rows, parent=None
    ):
        super().__init__(parent)
        self._sessions = sessions
        self._meeting_id = meeting_id
        self.model = NotesModel(rows, self)
        self._build()
        self.set_members(members)

    def _build(self) -> None:
        self.about_combo = QComboBox()
        self.visibility_combo = QComboBox()
        for visibility in NoteVisibility:
            self.visibility_combo.addItem(vocabulary.label(visibility), visibility.value)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setPlaceholderText(_("Write the note here; Ctrl+S saves it."))
        self.body_edit.setMinimumHeight(90)
        self.body_error = QLabel()
        self.body_error.setStyleSheet(f"color: {ERROR};")
        self.body_error.hide()
        self.save_button = QPushButton(_("Save note"))
        self.save_button.setToolTip(_("Save the note (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_note)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        form = QFormLayout()
        form.addRow(_("About"), self.about_combo)
        form.addRow(_("Who may see it"), self.visibility_combo)
        form.addRow(_("Note"), self.body_edit)
        form.addRow("", self.body_error)
        form.addRow("", self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)

    def set_members(self, members: list[tuple[str, str]]) -> None:
        chosen = self.about_combo.currentData()
        self.about_combo.clear()
        self.about_combo.addItem(_("The session"), None)
        for participant_id, name in members:
            self.about_combo.addItem(name, participant_id)
        found = self.about_combo.findData(chosen)
        self.about_combo.setCurrentIndex(max(found, 0))

    def save_note(self) -> None:
        try:
            saved = notes.add_note(
                self._sessions,
                self._meeting_id,
                self.body_edit.toPlainText(),
                NoteVisibility(self.visibility_combo.currentData()),
                participant_id=self.about_combo.currentData(),
            )
        except ValidationError as error:
            self.body_error.setText(error.fields.get("body", str(error)))
            self.body_error.show()
            self.error.emit(str(error))
            return
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self.body_error.hide()
        self.body_edit.clear()
        self.model.set_rows([*self.model.rows(), saved])
        self.saved.emit(_("Note saved."))

    def show_screen(self, screen) -> None:
        self.model.set_rows(screen.notes)
