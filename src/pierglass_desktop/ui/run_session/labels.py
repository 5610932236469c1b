"""Words and colours the meeting screens share (status names, follow-up names, the amber)."""

from __future__ import annotations

from pierglass_desktop.domain.enums import AttendanceStatus, FollowUp, NoteVisibility
from pierglass_desktop.i18n import N_, _

STATUS = {
    AttendanceStatus.PRESENT: N_("Present"),
    AttendanceStatus.LATE: N_("Late"),
    AttendanceStatus.LEFT_EARLY: N_("Left early"),
    AttendanceStatus.EXCUSED: N_("Excused"),
    AttendanceStatus.ABSENT: N_("Absent"),
}
FOLLOW_UP = {
    FollowUp.DONE: N_("Done"),
    FollowUp.PARTLY: N_("Partly"),
    FollowUp.NOT_DONE: N_("Not done"),
    FollowUp.DROPPED: N_("Dropped"),
}
VISIBILITY = {
    NoteVisibility.PRIVATE: N_("Private (this computer only)"),
    NoteVisibility.PROJECT: N_("Project (goes to the coordinator)"),
    NoteVisibility.GROUP: N_("Group (may be shown to the group)"),
}
VISIBILITY_SHORT = {
    NoteVisibility.PRIVATE: N_("Private"),
    NoteVisibility.PROJECT: N_("Project"),
    NoteVisibility.GROUP: N_("Group"),
}

AMBER = "#a35a00"
AMBER_BACKGROUND = "#fff1d6"
ERROR = "#a31515"


def status_label(status: AttendanceStatus | None) -> str:
    return _(STATUS[status]) if status else _("Not marked")


def follow_up_label(value: FollowUp | None) -> str:
    return _(FOLLOW_UP[value]) if value else ""


def clock_text(seconds: float) -> str:
    """12:05 for time left, +03:10 once over-run."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"
