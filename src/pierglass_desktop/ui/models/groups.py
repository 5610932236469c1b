"""Columns of the group list and of a group's members and tutors."""

from __future__ import annotations

from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.groups import GroupRow
from pierglass_desktop.services.members import MemberRow
from pierglass_desktop.services.tutors import GroupTutorRow
from pierglass_desktop.ui.models.labels import show_date
from pierglass_desktop.ui.models.table import Column, RowTableModel


def _status(row: GroupRow) -> str:
    if row.archived:
        return _("{status}, archived").format(status=label(row.status))
    return label(row.status)


GROUP_COLUMNS = (
    Column(N_("Name"), lambda r: r.name),
    Column(N_("Location"), lambda r: r.location),
    Column(N_("Status"), _status),
    Column(N_("Members"), lambda r: str(r.member_count), lambda r: r.member_count, numeric=True),
    Column(N_("Tutors"), lambda r: r.tutor_names),
    Column(N_("Starts"), lambda r: show_date(r.start_date), lambda r: r.start_date),
)

MEMBER_COLUMNS = (
    Column(N_("Name"), lambda m: m.name),
    Column(N_("Company"), lambda m: m.company),
    Column(N_("Joined"), lambda m: show_date(m.joined_on), lambda m: m.joined_on),
    Column(N_("Left"), lambda m: show_date(m.left_on), lambda m: m.left_on),
)

TUTOR_COLUMNS = (
    Column(N_("Name"), lambda t: t.name),
    Column(N_("Role"), lambda t: label(t.role)),
)


def group_model(parent=None) -> RowTableModel:
    """Rows: GroupRow."""
    return RowTableModel(GROUP_COLUMNS, parent)


def member_model(parent=None) -> RowTableModel:
    """Rows: MemberRow."""
    return RowTableModel(MEMBER_COLUMNS, parent)


def group_tutor_model(parent=None) -> RowTableModel:
    """Rows: GroupTutorRow."""
    return RowTableModel(TUTOR_COLUMNS, parent)


__all__ = [
    "GroupRow",
    "GroupTutorRow",
    "MemberRow",
    "group_model",
    "group_tutor_model",
    "member_model",
]
