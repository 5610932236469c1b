"""Small pieces the planning screens share: error messages, field errors, colours, labels."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import MeetingStatus, MethodCategory
from pierglass_desktop.i18n import current_language

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
