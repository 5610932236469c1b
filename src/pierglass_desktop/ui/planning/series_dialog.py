"""Generate a group's sessions from a repeat rule, with a live preview of the dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.series import SeriesInput, generate_meetings, save_series_plan
from pierglass_desktop.services.series import series_dates as rule_dates
from pierglass_desktop.services.templates import list_templates
from pierglass_desktop.ui.planning.common import (
    FieldErrors,
    qt_locale,
    short_date,
    show_error,
    to_date,
    to_time,
)

_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def parse_dates(text: str) -> tuple[tuple[date, ...], list[str]]:
    """Dates one per line (28.11.2026 or 2026-11-28); returns the dates and the lines not
    understood."""
    dates, bad = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _DATE.match(line)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                dates.append(date(year, month, day))
            else:
                dates.append(date.fromisoformat(line.strip()))
        except ValueError:
            bad.append(line.strip())
    return tuple(dates), bad


class SeriesDialog(QDialog):
    def __init__(self, sessions, group_id: str, parent=None, today: date | None = None):
        super().__init__(parent)
        self.sessions = sessions
        self.group_id = group_id
        self.created = []
        self.errors = FieldErrors()
        self.setWindowTitle(_("Generate a series of sessions"))
        self.resize(520, 640)
        today = today or date.today()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.first = self._date_edit(today)
        self.until = self._date_edit(today + timedelta(days=540))
        self.every = QSpinBox(self)
        self.every.setRange(1, 52)
        self.every.setValue(4)
        self.weekday = QComboBox(self)
        locale = qt_locale()
        for day in range(7):
            self.weekday.addItem(locale.dayName(day + 1), day)
        self.weekday.setCurrentIndex(3)
        self.start = QTimeEdit(QTime(17, 0), self)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(180)
        self.minutes.setSuffix(_(" min"))
        self.themes = QPlainTextEdit(self)
        self.themes.setPlaceholderText(_("One theme per line, in order"))
        self.skips = QPlainTextEdit(self)
        self.skips.setPlaceholderText(_("Dates to skip, one per line, e.g. 24.12.2026"))
        self.place = QLineEdit(self)
        self.template = QComboBox(self)
        self.template.addItem(_("No template (empty agendas)"), None)
        for template in list_templates(sessions):
            self.template.addItem(template.name, template.id)
        rows = (
            (_("First date"), self.first, None),
            (_("Until"), self.until, "until"),
            (_("Every … weeks"), self.every, "every_weeks"),
            (_("Weekday"), self.weekday, "weekday"),
            (_("Starts at"), self.start, None),
            (_("Length"), self.minutes, "duration_minutes"),
            (_("Themes"), self.themes, None),
            (_("Skip dates"), self.skips, "skip_dates"),
            (_("Place"), self.place, None),
            (_("Agenda template"), self.template, None),
        )
        for label, widget, field in rows:
            form.addRow(label, widget)
            if field:
                form.addRow("", self.errors.label_for(field, self))
        layout.addLayout(form)
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Generate"))
        buttons.accepted.connect(self._on_generate)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for signal in (
            self.first.dateChanged,
            self.until.dateChanged,
            self.every.valueChanged,
            self.weekday.currentIndexChanged,
            self.skips.textChanged,
        ):
            signal.connect(self._on_rule_changed)
        self._on_rule_changed()

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d.M.yyyy")
        return edit

    def series_input(self) -> SeriesInput:
        skips, bad = parse_dates(self.skips.toPlainText())
        if bad:
            message = _("“{text}” is not a date; write dates like 24.12.2026.").format(text=bad[0])
            raise ValidationError(message, fields={"skip_dates": message})
        return SeriesInput(
            first_date=to_date(self.first.date()),
            until=to_date(self.until.date()),
            every_weeks=self.every.value(),
            weekday=self.weekday.currentData(),
            start_time=to_time(self.start.time()),
            duration_minutes=self.minutes.value(),
            themes=tuple(self.themes.toPlainText().splitlines()),
            skip_dates=skips,
            template_id=self.template.currentData(),
        )

    def _on_rule_changed(self, *_args) -> None:
        skips, _bad = parse_dates(self.skips.toPlainText())
        dates = rule_dates(
            to_date(self.first.date()),
            to_date(self.until.date()),
            self.every.value(),
            self.weekday.currentData(),
            skips,
        )
        shown = ", ".join(short_date(d) for d in dates[:8]) + (" …" if len(dates) > 8 else "")
        self.preview.setText(
            ngettext(
                "This makes {count} session: {dates}",
                "This makes {count} sessions: {dates}",
                len(dates),
            ).format(count=len(dates), dates=shown)
        )

    def _on_generate(self) -> None:
        try:
            plan = save_series_plan(self.sessions, self.group_id, self.series_input())
            self.created = generate_meetings(self.sessions, plan.id, place=self.place.text())
        except ValidationError as error:
            if not self.errors.show(error):
                show_error(self, error)
            return
        except PierglassError as error:
            show_error(self, error)
            return
        self.accept()
