"""Small pieces the planning screens share: error messages, field errors, colours, labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import MeetingStatus, MethodCategory
from pierglass_desktop.domain.errors import PierglassError, ValidationError
from pierglass_desktop.i18n import N_, _, current_language
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.widgets.form import ErrorLine

WARNING_STYLE = "color: #a84300; font-weight: bold;"
OVERRUN_COLOUR = QColor("#a84300")
BREAK_BACKGROUND = QColor("#eef2f3")
STATUS_LABELS = {
    MeetingStatus.PLANNED: N_("Planned"),
    MeetingStatus.HELD: N_("Held"),
    MeetingStatus.CANCELLED: N_("Cancelled"),
}
STATUS_COLOURS = {
    MeetingStatus.PLANNED: QColor("#1f5f7a"),
    MeetingStatus.HELD: QColor("#2f8f5b"),
    MeetingStatus.CANCELLED: QColor("#9aa5ab"),
}


def category_colour(category: MethodCategory | None) -> QColor | None:
    return QColor(vocabulary.colour(category)) if category else None


def status_label(status: MeetingStatus) -> str:
    return _(STATUS_LABELS[status])


def qt_locale() -> QLocale:
    return QLocale("fi_FI" if current_language() == "fi" else "en_GB")


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
                ops.refuse(parent, error)
            return False, None
        except PierglassError as error:
            ops.refuse(parent, error)
            return False, None
        self.clear()
        return True, result

    def text(self, field: str) -> str:
        return self._labels[field].message()
