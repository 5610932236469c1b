"""Date fields with a calendar popup, written the way the current language writes dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

from pierglass_desktop.i18n import _
from pierglass_desktop.ui.models.labels import date_edit_format

# The empty value: QDateEdit cannot be blank, so its minimum date stands for "no date".
_EMPTY = QDate(1900, 1, 1)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


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
