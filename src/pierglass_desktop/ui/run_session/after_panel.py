"""After the session: the anonymous feedback slips, the signed sheet's photo, and sign-off."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.domain.fields import MEETING_FEEDBACK
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.i18n.formatting import format_datetime, format_number
from pierglass_desktop.services import evidence, feedback, materials, signoff
from pierglass_desktop.ui.run_session.labels import ERROR
from pierglass_desktop.ui.run_session.questions import sign_off_question
from pierglass_desktop.ui.widgets import files
from pierglass_desktop.ui.widgets.author import ensure_author_name
from pierglass_desktop.ui.widgets.messages import confirm


def _rating_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("No answer"), None)
    for value in range(1, 6):
        combo.addItem(str(value), value)
    return combo


class AfterPanel(QWidget):
    error = Signal(str)
    saved = Signal(str)
    lock_changed = Signal(bool)

    def __init__(
        self,
        sessions,
        meeting_id: str,
        header,
        today: Callable[[], date] = date.today,
        parent=None,
        context=None,
    ):
        super().__init__(parent)
        self._sessions = sessions
        self._context = context  # for the tutor's name the sign-off records
        self._meeting_id = meeting_id
        self._header = header  # the meeting's number and day, for the sign-off question
        self._today = today
        self._build()

    def _build(self) -> None:
        self.usefulness_combo = _rating_combo()
        self.atmosphere_combo = _rating_combo()
        self.comment_edit = QLineEdit()
        self.slip_error = QLabel()
        self.slip_error.setStyleSheet(f"color: {ERROR};")
        self.slip_error.hide()
        self.add_slip_button = QPushButton(_("Add slip"))
        self.add_slip_button.clicked.connect(self.add_slip)
        self.comment_edit.returnPressed.connect(self.add_slip)
        self.summary = QLabel()
        slips = QGroupBox(_("Anonymous feedback slips (1 = poor, 5 = excellent)"))
        form = QFormLayout(slips)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.comment_edit.setMinimumWidth(420)
        form.addRow(MEETING_FEEDBACK["usefulness"].caption(), self.usefulness_combo)
        form.addRow(MEETING_FEEDBACK["atmosphere"].caption(), self.atmosphere_combo)
        form.addRow(MEETING_FEEDBACK["comment"].caption(), self.comment_edit)
        form.addRow("", self.slip_error)
        form.addRow("", self.add_slip_button)
        form.addRow("", self.summary)

        self.evidence_label = QLabel()
        self.evidence_label.setWordWrap(True)
        # Each kept file is a link: a click opens it with the computer's own viewer.
        self.evidence_label.setTextFormat(Qt.TextFormat.RichText)
        self.evidence_label.linkActivated.connect(self.open_evidence)
        self._evidence: dict[str, tuple[str, str]] = {}  # link id -> (file name, material id)
        self.attach_button = QPushButton(_("Attach photo or scan…"))
        self.attach_button.clicked.connect(self._on_choose_evidence)
        sheet = QGroupBox(_("Signed sign-in sheet"))
        sheet_row = QHBoxLayout(sheet)
        sheet_row.addWidget(self.evidence_label, 1)
        sheet_row.addWidget(self.attach_button)

        self.lock_label = QLabel()
        self.lock_label.setWordWrap(True)
        self.sign_off_button = QPushButton(_("Sign off and lock"))
        self.sign_off_button.clicked.connect(self.sign_off)
        self.reason_edit = QLineEdit(placeholderText=_("Why must it be corrected?"))
        self.reason_error = QLabel()
        self.reason_error.setStyleSheet(f"color: {ERROR};")
        self.reason_error.hide()
        self.unlock_button = QPushButton(_("Unlock for correction"))
        self.unlock_button.clicked.connect(self.unlock)
        lock = QGroupBox(_("Sign-off"))
        lock_layout = QVBoxLayout(lock)
        lock_layout.addWidget(self.lock_label)
        row = QHBoxLayout()
        row.addWidget(self.sign_off_button)
        row.addWidget(self.reason_edit, 1)
        row.addWidget(self.unlock_button)
        lock_layout.addLayout(row)
        lock_layout.addWidget(self.reason_error)

        layout = QVBoxLayout(self)
        layout.addWidget(slips)
        layout.addWidget(sheet)
        layout.addWidget(lock)
        layout.addStretch(1)

    # --- feedback --------------------------------------------------------------------------

    def add_slip(self) -> None:
        try:
            feedback.add_feedback(
                self._sessions,
                self._meeting_id,
                self.usefulness_combo.currentData(),
                self.atmosphere_combo.currentData(),
                self.comment_edit.text(),
            )
        except ValidationError as error:
            self.slip_error.setText(" ".join(error.fields.values()) or str(error))
            self.slip_error.show()
            self.error.emit(str(error))
            return
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self.slip_error.hide()
        for combo in (self.usefulness_combo, self.atmosphere_combo):
            combo.setCurrentIndex(0)
        self.comment_edit.clear()
        self.usefulness_combo.setFocus()
        self._show_summary()
        self.saved.emit(_("Feedback slip saved."))

    def show_screen(self, screen) -> None:
        """Fill the panel from the screen's one read."""
        self._header = screen.header
        self._show_summary(screen.feedback)
        self._show_evidence(screen.evidence)
        self._show_lock(screen.lock)

    def _show_summary(self, summary=None) -> None:
        summary = summary or feedback.feedback_summary(self._sessions, self._meeting_id)
        text = ngettext("{count} slip", "{count} slips", summary.slips).format(count=summary.slips)
        if summary.usefulness is not None or summary.atmosphere is not None:
            text += " · " + _("usefulness {u}, atmosphere {a} on average").format(
                u=_mean(summary.usefulness), a=_mean(summary.atmosphere)
            )
        self.summary.setText(text)

    # --- evidence --------------------------------------------------------------------------

    def _on_choose_evidence(self) -> None:
        path = files.choose_open_path(
            self,
            files.ATTACHMENTS,
            _("Photo or scan of the signed sheet"),
            _("Photos and scans (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.webp *.pdf)"),
        )
        if path is not None:
            self.attach(path)

    def attach(self, path: Path) -> None:
        try:
            kept = evidence.attach_signin_evidence(self._sessions, self._meeting_id, path)
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self._show_evidence()
        self.saved.emit(_("{name} is kept with the session.").format(name=kept.filename))

    def _show_evidence(self, kept=None) -> None:
        if kept is None:
            kept = evidence.signin_evidence(self._sessions, self._meeting_id)
        self._evidence = {row.link_id: (row.filename, row.material_id) for row in kept}
        links = (
            f'<a href="{row.link_id}">{html.escape(row.filename)}</a>' for row in kept
        )  # the file name is the tutor's text: escaped, never markup
        self.evidence_label.setText(
            ", ".join(links) if kept else html.escape(_("Nothing attached yet."))
        )

    def open_evidence(self, link_id: str) -> None:
        """Open a kept photo or scan in a private temporary copy."""
        name, material_id = self._evidence[link_id]
        try:
            content = materials.material_bytes(self._sessions, material_id)
        except PierglassError as error:
            self.error.emit(str(error))
            return
        files.open_stored_file(name, content)

    # --- sign-off --------------------------------------------------------------------------

    def sign_off(self) -> None:
        # A session not held yet is refused by the service in its own sentence; no question.
        if self._header.held:
            if not self._confirm_sign_off():
                return
            # The sign-off records who signed: ask for the name the first time, as packs do.
            if self._context is not None and ensure_author_name(self, self._context) is None:
                return
        try:
            signoff.sign_off(self._sessions, self._meeting_id)
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self._show_lock()
        self.saved.emit(_("The session is signed off and locked."))

    def _confirm_sign_off(self) -> bool:
        header = self._header
        question = sign_off_question(header.number, header.starts_at.date(), self._today())
        return confirm(self, _("Sign off and lock"), question, _("Sign off and lock"))

    def set_header(self, header) -> None:
        self._header = header

    def unlock(self) -> None:
        try:
            signoff.unlock(self._sessions, self._meeting_id, self.reason_edit.text())
        except ValidationError as error:
            self.reason_error.setText(error.fields.get("reason", str(error)))
            self.reason_error.show()
            self.error.emit(str(error))
            return
        except PierglassError as error:
            self.error.emit(str(error))
            return
        self.reason_error.hide()
        self.reason_edit.clear()
        self._show_lock()
        self.saved.emit(_("Unlocked. Every change from now on is written to the audit trail."))

    def _show_lock(self, state=None) -> None:
        state = state or signoff.lock_state(self._sessions, self._meeting_id)
        if state.locked:
            self.lock_label.setText(
                _("Signed off by {who} on {day}. Changes need an unlock with a reason.").format(
                    who=state.locked_by or _("the tutor"),
                    day=format_datetime(state.locked_at),
                )
            )
        else:
            self.lock_label.setText(
                _("Not signed off. Sign off once attendance, notes and feedback are complete.")
            )
        self.sign_off_button.setEnabled(not state.locked)
        self.unlock_button.setEnabled(state.locked)
        self.reason_edit.setEnabled(state.locked)
        self.lock_changed.emit(state.locked)


def _mean(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)
