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
        self.first_name = form.add("first_name", _("First name"), QLineEdit())
        self.last_name = form.add("last_name", _("Last name"), QLineEdit())
        self.email = form.add("email", _("E-mail"), QLineEdit())
        self.phone = form.add("phone", _("Phone"), QLineEdit())
        self.municipality = form.add("municipality", _("Municipality"), QLineEdit())
        return form

    def _company_form(self) -> FieldForm:
        form = self.new_form()
        self.company_name = form.add("company_name", _("Company"), QLineEdit())
        self.business_id = form.add("business_id", _("Business ID"), QLineEdit())
        self.business_id.setPlaceholderText("1234567-8")
        self.company_size = form.add(
            "company_size", _("Size"), enum_combo(CompanySize, _("Not recorded"))
        )
        self.sector = form.add("sector", _("Sector"), QLineEdit())
        self.job_title = form.add("job_title", _("Job title"), QLineEdit())
        return form

    def _consent_form(self) -> FieldForm:
        form = self.new_form()
        self.consent_scope = form.add(
            "consent_scope",
            _("Consent covers"),
            enum_combo(ConsentScope, _("No consent recorded")),
        )
        self.consent_date = form.add(
            "consent_date",
            _("Given on"),
            OptionalDateEdit(),
            hint=_("Keep the signed consent form; this records that it exists."),
        )
        return form

    def _background_form(self) -> FieldForm:
        form = self.new_form()
        self.gender = form.add("gender", _("Gender"), enum_combo(Gender, _("Not recorded")))
        self.birth_year = form.add("birth_year", _("Birth year"), QLineEdit())
        self.birth_year.setValidator(QIntValidator(0, 9999, self.birth_year))
        self.birth_year.setMaxLength(4)
        self.labour_status = form.add(
            "labour_status",
            _("Labour-market status"),
            enum_combo(LabourStatus, _("Not recorded")),
        )
        self.education = form.add(
            "education", _("Education"), enum_combo(EducationBand, _("Not recorded"))
        )
        self.notes = form.add("notes", _("Notes"), QPlainTextEdit())
        self.notes.setFixedHeight(60)
        return form

    def _fill(self, data: ParticipantInput) -> None:
        for name in ("first_name", "last_name", "email", "phone", "municipality"):
            getattr(self, name).setText(getattr(data, name))
        for name in ("company_name", "business_id", "sector", "job_title"):
            getattr(self, name).setText(getattr(data, name))
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
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            municipality=self.municipality.text(),
            company_name=self.company_name.text(),
            business_id=self.business_id.text(),
            company_size=chosen(self.company_size, CompanySize),
            sector=self.sector.text(),
            job_title=self.job_title.text(),
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
        return update_participant(self._sessions, self._row.id, self.values())
