"""Dates the way the current language writes them (value names live in domain/vocabulary)."""

from __future__ import annotations

from datetime import date

from pierglass_desktop.i18n import current_language
from pierglass_desktop.i18n.formatting import format_date


def show_date(day: date | None) -> str:
    """28.11.2026 in Finnish; 28 Nov 2026 in English."""
    if day is None:
        return ""
    return format_date(day)


def date_edit_format() -> str:
    """The display format of date fields in the current language."""
    return "d.M.yyyy" if current_language() == "fi" else "d MMM yyyy"
