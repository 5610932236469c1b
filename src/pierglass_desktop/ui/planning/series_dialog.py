"""Generate a group's sessions from a repeat rule, with a live preview of the dates; reopen a
saved plan, edit it and update its sessions after a preview in words."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
)

from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.domain.fields import MEETING, SERIES_PLAN
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.series import (
    SeriesInput,
    SeriesRow,
    create_series,
    delete_series_plan,
    group_series,
)
from pierglass_desktop.services.series import series_dates as rule_dates
from pierglass_desktop.services.series_regeneration import (
    RegenerationPreview,
    apply_series_edit,
    plan_place,
    preview_regeneration,
)
from pierglass_desktop.services.templates import list_templates
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.planning.common import (
    qt_locale,
)
from pierglass_desktop.ui.widgets.dates import from_qdate, from_qtime, show_date, to_qdate, to_qtime
from pierglass_desktop.ui.widgets.discard import GuardsUnsavedChanges
from pierglass_desktop.ui.widgets.form import FieldErrors

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


class SeriesDialog(GuardsUnsavedChanges, QDialog):
    """New series (``plan`` None): save and generate. A saved plan: edit it, preview what
    changes for its sessions, and apply."""

    def __init__(
        self,
        sessions,
        group_id: str,
        parent=None,
        today: date | None = None,
        plan: SeriesRow | None = None,
    ):
        super().__init__(parent)
        self.sessions = sessions
        self.group_id = group_id
        self.plan = plan
        self.today = today or date.today()
        self.created = []
        self.outcome = None  # the RegenerationResult after editing a saved plan
        self.errors = FieldErrors()
        self.setWindowTitle(_("Edit series plan") if plan else _("Generate a series of sessions"))
        self.resize(520, 680)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form(self.today))
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(_("Save and update sessions…") if plan else _("Generate"))
        buttons.accepted.connect(self._on_save_edit if plan else self._on_generate)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if plan is not None:
            self._fill(plan)
        for signal in (
            self.first.dateChanged,
            self.until.dateChanged,
            self.every.valueChanged,
            self.weekday.currentIndexChanged,
            self.skips.textChanged,
        ):
            signal.connect(self._on_rule_changed)
        self._on_rule_changed()

    def ok_button(self) -> QPushButton:
        return self._ok

    def _form(self, today: date) -> QFormLayout:
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setMaxLength(SERIES_PLAN.limit("name"))
        self.name.setPlaceholderText(_("For example: Spring 2027"))
        self.first = self._date_edit(today)
        self.until = self._date_edit(today + timedelta(days=540))
        self.every = QSpinBox(self)
        every = SERIES_PLAN["every_weeks"]
        self.every.setRange(every.minimum or 1, every.maximum or 1)
        self.every.setValue(4)
        self.weekday = QComboBox(self)
        locale = qt_locale()
        for day in range(7):
            self.weekday.addItem(locale.dayName(day + 1), day)
        self.weekday.setCurrentIndex(3)
        self.start = QTimeEdit(QTime(17, 0), self)
        self.start.setLocale(locale)  # 17.00 in Finnish, not the system's 5:00 PM
        self.minutes = QSpinBox(self)
        self.minutes.setRange(15, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(180)
        self.minutes.setSuffix(_(" min"))
        self.themes = QPlainTextEdit(self)
        self.themes.setPlaceholderText(_("One theme per line, in order"))
        self.themes.setTabChangesFocus(True)
        self.skips = QPlainTextEdit(self)
        self.skips.setPlaceholderText(_("Dates to skip, one per line, e.g. 24.12.2026"))
        self.skips.setTabChangesFocus(True)
        self.place = QLineEdit(self)
        self.place.setMaxLength(MEETING.limit("place"))
        self.template = QComboBox(self)
        self.template.addItem(_("No template (empty agendas)"), None)
        for template in list_templates(self.sessions):
            self.template.addItem(template.name, template.id)
        rows = (
            (_("Plan name"), self.name, None),
            (SERIES_PLAN["first_date"].caption(), self.first, None),
            (SERIES_PLAN["until"].caption(), self.until, "until"),
            (_("Every … weeks"), self.every, "every_weeks"),
            (SERIES_PLAN["weekday"].caption(), self.weekday, "weekday"),
            (SERIES_PLAN["start_time"].caption(), self.start, None),
            (_("Length"), self.minutes, "duration_minutes"),
            (SERIES_PLAN["themes"].caption(), self.themes, None),
            (_("Skip dates"), self.skips, "skip_dates"),
            (MEETING["place"].caption(), self.place, None),
            (_("Agenda template"), self.template, None),
        )
        for label, widget, field in rows:
            form.addRow(label, widget)
            if field:
                form.addRow("", self.errors.label_for(field, self, widget))
        return form

    def _fill(self, plan: SeriesRow) -> None:
        """The form shows the plan as saved."""
        self.name.setText(plan.name)
        for edit, day in ((self.first, plan.first_date), (self.until, plan.until)):
            if day is not None:
                edit.setDate(to_qdate(day))
        self.every.setValue(plan.every_weeks)
        self.weekday.setCurrentIndex(self.weekday.findData(plan.weekday))
        self.start.setTime(to_qtime(plan.start_time))
        self.minutes.setValue(plan.duration_minutes)
        self.themes.setPlainText("\n".join(plan.themes))
        # the form's own date format, which parse_dates reads back in every language
        self.skips.setPlainText("\n".join(f"{d.day}.{d.month}.{d.year}" for d in plan.skip_dates))
        self.place.setText(plan_place(self.sessions, plan.id))
        index = self.template.findData(plan.template_id)
        self.template.setCurrentIndex(max(index, 0))

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(to_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d.M.yyyy")
        return edit

    def series_input(self) -> SeriesInput:
        skips, bad = parse_dates(self.skips.toPlainText())
        if bad:
            message = _("“{text}” is not a date; write dates like 24.12.2026.").format(text=bad[0])
            raise ValidationError(message, fields={"skip_dates": message})
        return SeriesInput(
            first_date=from_qdate(self.first.date()),
            until=from_qdate(self.until.date()),
            every_weeks=self.every.value(),
            weekday=self.weekday.currentData(),
            start_time=from_qtime(self.start.time()),
            duration_minutes=self.minutes.value(),
            themes=tuple(self.themes.toPlainText().splitlines()),
            skip_dates=skips,
            name=self.name.text(),
            template_id=self.template.currentData(),
        )

    def _on_rule_changed(self, *_args) -> None:
        skips, _bad = parse_dates(self.skips.toPlainText())
        dates = rule_dates(
            from_qdate(self.first.date()),
            from_qdate(self.until.date()),
            self.every.value(),
            self.weekday.currentData(),
            skips,
        )
        shown = ", ".join(show_date(d) for d in dates[:8]) + (" …" if len(dates) > 8 else "")
        self.preview.setText(
            ngettext(
                "This makes {count} session: {dates}",
                "This makes {count} sessions: {dates}",
                len(dates),
            ).format(count=len(dates), dates=shown)
        )

    def _on_generate(self) -> None:
        def generate():
            data = self.series_input()
            return create_series(self.sessions, self.group_id, data, place=self.place.text())[1]

        generated, created = self.errors.attempt(self, generate)
        if generated:
            self.created = created
            self.accept()

    def _on_save_edit(self) -> None:
        """Preview what the edit does to the sessions, ask, then save and apply at once."""

        def preview_edit():
            data = self.series_input()  # may refuse a field, so it is tried too
            return data, preview_regeneration(self.sessions, self.plan.id, data, today=self.today)

        previewed, answer = self.errors.attempt(self, preview_edit)
        if not previewed:
            return
        data, preview = answer
        cancel_unfit = ask_to_apply(self, preview)
        if cancel_unfit is None:
            return  # back to the form, nothing saved
        try:
            self.outcome = apply_series_edit(
                self.sessions,
                self.plan.id,
                data,
                cancel_unfit=cancel_unfit,
                today=self.today,
                place=self.place.text(),
                seen_at=self.plan.updated_at,  # a colleague's change meanwhile is refused
            )
        except PierglassError as error:
            ops.refuse(self, error)
            return
        self.created = list(self.outcome.added)
        self.accept()


# ---------------------------------------------------------------- the preview in words


def day_and_date(moment: date) -> str:
    """Thu 14.4.2027 / to 14.4.2027: the weekday helps a tutor recognise the session."""
    weekday = qt_locale().dayName(moment.weekday() + 1, QLocale.FormatType.ShortFormat)
    return _("{weekday} {date}").format(weekday=weekday, date=show_date(moment))


def _listed(days: list[date]) -> str:
    shown = ", ".join(day_and_date(d) for d in days[:6])
    return shown + (" …" if len(days) > 6 else "")


def describe_regeneration(preview: RegenerationPreview) -> str:
    """The preview as sentences, one per kind of change."""
    lines = []
    if preview.added:
        count = len(preview.added)
        lines.append(
            ngettext(
                "{count} new session will be added: {dates}.",
                "{count} new sessions will be added: {dates}.",
                count,
            ).format(count=count, dates=_listed(list(preview.added)))
        )
    if preview.themes:
        count = len(preview.themes)
        lines.append(
            ngettext(
                "{count} planned session takes the theme of its new place in the order.",
                "{count} planned sessions take the theme of their new place in the order.",
                count,
            ).format(count=count)
        )
    if preview.unfit:
        count = len(preview.unfit)
        days = [m.starts_at.date() for m in preview.unfit]
        lines.append(
            ngettext(
                "{count} planned session no longer fits the plan: {dates} — cancel it?",
                "{count} planned sessions no longer fit the plan: {dates} — cancel them?",
                count,
            ).format(count=count, dates=_listed(days))
        )
    if not lines:
        lines.append(_("The sessions already follow the plan; only the plan itself is saved."))
    return "\n\n".join(lines)


def _preview_notes(preview: RegenerationPreview) -> str:
    notes = [
        _(
            "Sessions before {date}, held or cancelled sessions, signed-off sessions and "
            "themes you changed by hand stay as they are."
        ).format(date=show_date(preview.from_date))
    ]
    if preview.unfit:
        notes.append(_("A cancelled session keeps its agenda and can be moved back later."))
    return " ".join(notes)


def ask_to_apply(parent, preview: RegenerationPreview) -> bool | None:
    """The tutor's answer: True to cancel the unfitting sessions, False to keep them, None to
    go back to the form."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Update the sessions"), "", parent=parent)
    box.setObjectName("regeneration_preview")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(describe_regeneration(preview))
    box.setInformativeText(_preview_notes(preview))
    count = len(preview.unfit)
    cancel = keep = None
    if count:
        cancel = box.addButton(
            ngettext("Update and cancel it", "Update and cancel them", count),
            QMessageBox.ButtonRole.AcceptRole,
        )
        keep = box.addButton(
            ngettext("Update, keep it planned", "Update, keep them planned", count),
            QMessageBox.ButtonRole.ApplyRole,
        )
    else:
        keep = box.addButton(_("Update"), QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(_("Back to the plan"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    if clicked is cancel and cancel is not None:
        return True
    return False if clicked is keep else None


# ---------------------------------------------------------------- choosing a saved plan


def plan_label(plan: SeriesRow) -> str:
    weekday = qt_locale().dayName(plan.weekday + 1)
    since = show_date(plan.first_date) if plan.first_date else ""
    rule = ngettext(
        "every week on {weekday} from {date}",
        "every {weeks} weeks on {weekday} from {date}",
        plan.every_weeks,
    ).format(weeks=plan.every_weeks, weekday=weekday, date=since)
    if plan.name:
        return _("{name} ({rule})").format(name=plan.name, rule=rule)
    return _("Series plan, {rule}").format(rule=rule)


class SeriesPlansDialog(QDialog):
    """The group's saved plans: open one to edit it, or delete it (its sessions stay)."""

    def __init__(self, sessions, group_id: str, parent=None, today: date | None = None):
        super().__init__(parent)
        self.sessions = sessions
        self.group_id = group_id
        self.today = today
        self.changed = False
        self.created = []
        self.setWindowTitle(_("Series plans"))
        self.resize(560, 120)
        layout = QVBoxLayout(self)
        self.plans = QComboBox(self)
        self.plans.setObjectName("plans")
        self.empty = QLabel(
            _("This group has no saved series plan yet. Use “Generate series…” to make one."),
            self,
        )
        self.empty.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Plan"), self.plans)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(
            _("Open and edit…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.delete_button = buttons.addButton(
            _("Delete plan…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.open_button.clicked.connect(self._on_open)
        self.delete_button.clicked.connect(self._on_delete)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.setDefault(True)
        self._load()

    def _load(self) -> None:
        self.plans.clear()
        for plan in group_series(self.sessions, self.group_id):
            self.plans.addItem(plan_label(plan), plan)
        has_plans = self.plans.count() > 0
        self.empty.setVisible(not has_plans)
        for widget in (self.plans, self.open_button, self.delete_button):
            widget.setEnabled(has_plans)

    def current_plan(self) -> SeriesRow | None:
        return self.plans.currentData()

    def editor(self, plan: SeriesRow) -> SeriesDialog:
        return SeriesDialog(self.sessions, self.group_id, self, today=self.today, plan=plan)

    def _on_open(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        dialog = self.editor(plan)
        if dialog.exec():
            self.changed = True
            self.created = dialog.created
            self._load()

    def _on_delete(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete plan"),
            _("Delete the plan “{name}”? Its sessions stay as they are.").format(
                name=plan_label(plan)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a plan's name is never read as markup
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_series_plan(self.sessions, plan.id)
        except PierglassError as error:
            ops.refuse(self, error)
            return
        self.changed = True
        self._load()
