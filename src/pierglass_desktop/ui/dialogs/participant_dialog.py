"""New participant / Edit participant: person, company, consent and ESF+ background."""

from __future__ import annotations

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.enums import (
    CompanySize,
    ConsentScope,
    EducationBand,
    Gender,
    LabourStatus,
)
from pierglass_desktop.domain.fields import PARTICIPANT
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import changes_of
from pierglass_desktop.services.participants import (
    ParticipantInput,
    ParticipantRow,
    create_participant,
    update_participant,
)
from pierglass_desktop.ui.dialogs.base import FormDialog
from pierglass_desktop.ui.widgets.combos import enum_combo, select_data
from pierglass_desktop.ui.widgets.dates import OptionalDateEdit
from pierglass_desktop.ui.widgets.field_editors import add_field, add_line
from pierglass_desktop.ui.widgets.form import FieldForm


def _section(title: str, form: FieldForm) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(form)
    return box


class ParticipantDialog(FormDialog):
    changes = changes_of(create_participant) | changes_of(update_participant)  # type: ignore[operator]

    """Creates (``row`` None) or edits a participant; ``result_row`` is the saved row."""

    def __init__(self, sessions, row: ParticipantRow | None = None, parent: QWidget | None = None):
        title = _("New participant") if row is None else _("Edit participant")
        super().__init__(title, parent)
        self._sessions = sessions
        self._row = row
        self._lines: dict[str, QLineEdit] = {}  # the one-line fields, by key
        left = QVBoxLayout()
        left.addWidget(_section(_("Person"), self._person_form()))
        left.addWidget(_section(_("Company"), self._company_form()))
        right = QVBoxLayout()
        right.addWidget(_section(_("Consent"), self._consent_form()))
        right.addWidget(_section(_("ESF+ background (optional)"), self._background_form()))
        right.addStretch(1)
        body = QWidget(self)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.finish_layout(body)
        if row is not None:
            self._fill(row.to_input())
        if row is not None and row.pseudonym:
            self.setWindowTitle(_("Edit participant {code}").format(code=row.pseudonym))
        self.resize(940, self.sizeHint().height())

    def _person_form(self) -> FieldForm:
        form = self.new_form()
        self.first_name = self._line(form, "first_name")
        self.last_name = self._line(form, "last_name")
        self.email = self._line(form, "email")
        self.phone = self._line(form, "phone")
        self.municipality = self._line(form, "municipality")
        return form

    def _company_form(self) -> FieldForm:
        form = self.new_form()
        self.company_name = self._line(form, "company_name")
        self.business_id = self._line(form, "business_id")
        self.company_size = add_field(
            form, PARTICIPANT["company_size"], enum_combo(CompanySize, _("Not recorded"))
        )
        self.sector = self._line(form, "sector")
        self.job_title = self._line(form, "job_title")
        return form

    def _consent_form(self) -> FieldForm:
        form = self.new_form()
        self.consent_scope = add_field(
            form,
            PARTICIPANT["consent_scope"],
            enum_combo(ConsentScope, _("No consent recorded")),
        )
        self.consent_date = add_field(
            form,
            PARTICIPANT["consent_date"],
            OptionalDateEdit(),
            hint=_("Keep the signed consent form; this records that it exists."),
        )
        return form

    def _background_form(self) -> FieldForm:
        form = self.new_form()
        self.gender = add_field(form, PARTICIPANT["gender"], enum_combo(Gender, _("Not recorded")))
        self.birth_year = add_field(form, PARTICIPANT["birth_year"], QLineEdit())
        self.birth_year.setValidator(QIntValidator(0, 9999, self.birth_year))
        self.birth_year.setMaxLength(4)
        self.labour_status = add_field(
            form, PARTICIPANT["labour_status"], enum_combo(LabourStatus, _("Not recorded"))
        )
        self.education = add_field(
            form, PARTICIPANT["education"], enum_combo(EducationBand, _("Not recorded"))
        )
        self.notes = add_field(form, PARTICIPANT["notes"], QPlainTextEdit())
        self.notes.setFixedHeight(60)
        return form

    def _line(self, form: FieldForm, key: str) -> QLineEdit:
        """A one-line field of the participant, remembered for filling and reading back."""
        editor = add_line(form, PARTICIPANT[key])
        self._lines[key] = editor
        return editor

    def _fill(self, data: ParticipantInput) -> None:
        for name, editor in self._lines.items():
            editor.setText(getattr(data, name))
        for name in ("company_size", "consent_scope", "gender", "labour_status", "education"):
            select_data(getattr(self, name), getattr(data, name))
        self.consent_date.set_date(data.consent_date)
        self.birth_year.setText("" if data.birth_year is None else str(data.birth_year))
        self.notes.setPlainText(data.notes)

    def values(self) -> ParticipantInput:
        def chosen(combo, enum_cls):
            value = combo.currentData()
            return None if value is None else enum_cls(value)

        year = self.birth_year.text().strip()
        return ParticipantInput(
            **{name: editor.text() for name, editor in self._lines.items()},
            company_size=chosen(self.company_size, CompanySize),
            consent_scope=chosen(self.consent_scope, ConsentScope),
            consent_date=self.consent_date.date(),
            gender=chosen(self.gender, Gender),
            birth_year=int(year) if year else None,
            labour_status=chosen(self.labour_status, LabourStatus),
            education=chosen(self.education, EducationBand),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> ParticipantRow:
        if self._row is None:
            return create_participant(self._sessions, self.values())
        return update_participant(
            self._sessions, self._row.id, self.values(), seen_at=self._row.updated_at
        )
