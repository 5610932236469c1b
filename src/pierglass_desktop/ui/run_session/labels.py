"""Words and colours the meeting screens share (the amber, the error red, the clock)."""

from __future__ import annotations

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.i18n import _

AMBER = "#a35a00"
AMBER_BACKGROUND = "#fff1d6"
ERROR = "#a31515"


def status_label(status: AttendanceStatus | None) -> str:
    return vocabulary.label(status) if status else _("Not marked")


def clock_text(seconds: float) -> str:
    """12:05 for time left, +03:10 once over-run."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"
