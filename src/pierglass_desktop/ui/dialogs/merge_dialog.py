"""Merging two records of one person: both side by side, the coordinator picks the one to keep."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.duplicates import DuplicatePair, PersonSummary

DIFFERENT_STYLE = "background: #fff3cd;"
# What tells two records apart, in the order a person reads them.
FIELDS = (
    (N_("Name"), lambda p: p.full_name),
    (N_("E-mail"), lambda p: p.email),
    (N_("Phone"), lambda p: p.phone),
    (N_("Company"), lambda p: p.company_name),
    (N_("Business ID"), lambda p: p.business_id),
    (N_("Birth year"), lambda p: "" if p.birth_year is None else str(p.birth_year)),
    (N_("Municipality"), lambda p: p.municipality),
    (N_("Groups"), lambda p: ", ".join(p.groups)),
    (N_("Code"), lambda p: p.pseudonym),
)


class MergeDialog(QDialog):
    """Accepted with ``keep_id``/``merge_id`` set; the caller runs the merge."""

    def __init__(self, pair: DuplicatePair, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Merge two records"))
        self._pair = pair
        self.keep_first = QRadioButton(_("Keep this record"), self)
        self.keep_second = QRadioButton(_("Keep this record"), self)
        self.keep_first.setChecked(True)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("These two records look like the same person. Choose the record to keep."), self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._grid())
        layout.addWidget(self._consequences())
        self._buttons = QDialogButtonBox(self)
        self.merge_button = self._buttons.addButton(
            _("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(640)

    def _grid(self) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        grid.setHorizontalSpacing(24)
        grid.addWidget(self.keep_first, 0, 1)
        grid.addWidget(self.keep_second, 0, 2)
        first, second = self._pair.first, self._pair.second
        for row, (title, show) in enumerate(FIELDS, start=1):
            name = QLabel(_(title), frame)
            name.setStyleSheet("font-weight: 600;")
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            differ = show(first) != show(second)
            for column, person in ((1, first), (2, second)):
                value = self._value(show(person), frame)
                if differ:  # where the two records disagree is what the choice is about
                    value.setStyleSheet(DIFFERENT_STYLE)
                grid.addWidget(value, row, column)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        return frame

    @staticmethod
    def _value(text: str, parent: QWidget) -> QLabel:
        value = QLabel(text or "—", parent)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return value

    def _consequences(self) -> QLabel:
        text = QLabel(
            _(
                "The other record's memberships, attendance, commitments, notes and answers "
                "move to the kept one, and the kept record's empty fields are filled from it. "
                "Where both have a mark for the same meeting, the kept record's mark stays. "
                "The merge reaches the other copies of the project with your next export and "
                "cannot be undone."
            ),
            self,
        )
        text.setWordWrap(True)
        return text

    @property
    def kept(self) -> PersonSummary:
        return self._pair.first if self.keep_first.isChecked() else self._pair.second

    @property
    def merged(self) -> PersonSummary:
        return self._pair.second if self.keep_first.isChecked() else self._pair.first
