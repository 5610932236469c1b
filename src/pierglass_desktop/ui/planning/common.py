"""Small pieces the planning screens share: error messages, field errors, colours, labels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import TypeVar

from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox, QWidget

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import MeetingStatus, MethodCategory
from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.i18n.formatting import format_date, format_time
from pierglass_desktop.ui.widgets.form import ErrorLine

WARNING_STYLE = "color: #a84300; font-weight: bold;"
OVERRUN_COLOUR = QColor("#a84300")
BREAK_BACKGROUND = QColor("#eef2f3")


def category_colour(category: MethodCategory | None) -> QColor | None:
    return QColor(vocabulary.colour(category)) if category else None


def status_colour(status: MeetingStatus) -> QColor:
    return QColor(vocabulary.colour(status))


def status_label(status: MeetingStatus) -> str:
    return vocabulary.label(status)


def qt_locale() -> QLocale:
    return QLocale("fi_FI" if current_language() == "fi" else "en_GB")


def short_date(day: date) -> str:
    return format_date(day)


def clock(moment: datetime | time) -> str:
    return format_time(moment)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def show_error(parent: QWidget | None, error: PierglassError) -> None:
    """A service's sentence in a message box (plain text: names are never read as markup)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Pier-glass"), str(error), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


T = TypeVar("T")


class FieldErrors:
    """Error lines placed under form fields; a ValidationError fills the ones it names.

    The lines are the shared ``ErrorLine``: cleared as soon as their field is edited.
    """

    def __init__(self):
        self._labels: dict[str, ErrorLine] = {}

    def label_for(self, field: str, parent: QWidget, *editors: QWidget) -> ErrorLine:
        """The error line for ``field``; editing any of ``editors`` clears it."""
        line = ErrorLine(field, parent)
        line.watch(*editors)
        self._labels[field] = line
        return line

    def clear(self) -> None:
        for line in self._labels.values():
            line.show_message("")

    def show(self, error: ValidationError) -> bool:
        """True if at least one field took a message."""
        for field, line in self._labels.items():
            line.show_message(error.fields.get(field, ""))
        return any(field in self._labels for field in error.fields)

    def attempt(self, parent: QWidget, action: Callable[[], T]) -> tuple[bool, T | None]:
        """Run a service call: a refusal goes under the fields it names, else in a message box.

        Returns (True, result), or (False, None) after the user has been told why.
        """
        try:
            result = action()
        except ValidationError as error:
            if not self.show(error):
                show_error(parent, error)
            return False, None
        except PierglassError as error:
            show_error(parent, error)
            return False, None
        self.clear()
        return True, result

    def text(self, field: str) -> str:
        return self._labels[field].message()
