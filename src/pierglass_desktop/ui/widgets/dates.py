"""Dates in the UI, one home: Qt ↔ Python conversions, how a date or time is shown, and date
fields with a calendar popup written the way the current language writes dates."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.i18n.formatting import format_date, format_time

# The empty value: QDateEdit cannot be blank, so its minimum date stands for "no date".
_EMPTY = QDate(1900, 1, 1)


def show_date(day: date | None) -> str:
    """28.11.2026 in Finnish; 28 Nov 2026 in English; nothing for no date."""
    return "" if day is None else format_date(day)


def show_time(moment: datetime | time) -> str:
    """The clock time the way the current language writes it (17.00)."""
    return format_time(moment)


def date_edit_format() -> str:
    """The display format of date fields in the current language."""
    return "d.M.yyyy" if current_language() == "fi" else "d MMM yyyy"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def to_qtime(moment: datetime | time) -> QTime:
    return QTime(moment.hour, moment.minute)


def from_qtime(value: QTime) -> time:
    return time(value.hour(), value.minute())


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(to_qdate(moment.date()), to_qtime(moment))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.combine(from_qdate(value.date()), from_qtime(value.time()))


def date_edit(day: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A required date (today unless given)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_edit_format())
    edit.setDate(to_qdate(day or date.today()))
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be left empty: shows “—” until a day is picked; × clears it."""

    changed = Signal()

    def __init__(self, day: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._edit = date_edit(None, self)
        self._edit.setMinimumDate(_EMPTY)
        self._edit.setSpecialValueText("—")
        self._clear = QToolButton(self)
        self._clear.setText("×")
        self._clear.setToolTip(_("Clear the date"))
        self._clear.setAccessibleName(_("Clear the date"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._edit, 1)
        row.addWidget(self._clear)
        self._clear.clicked.connect(self._on_clear)
        self._edit.dateChanged.connect(self._on_date_changed)
        self.set_date(day)

    def date(self) -> date | None:
        value = self._edit.date()
        return None if value == _EMPTY else from_qdate(value)

    def set_date(self, day: date | None) -> None:
        self._edit.setDate(_EMPTY if day is None else to_qdate(day))
        self._on_date_changed()

    def date_edit(self) -> QDateEdit:
        return self._edit

    def _on_clear(self) -> None:
        self.set_date(None)

    def _on_date_changed(self, *_args) -> None:
        empty = self.date() is None
        self._clear.setEnabled(not empty)
        if empty:  # open the calendar on this month, not on 1900
            today = date.today()
            self._edit.calendarWidget().setCurrentPage(today.year, today.month)
        self.changed.emit()
