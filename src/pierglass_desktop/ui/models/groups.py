"""Columns of the group list and of a group's members and tutors."""

from __future__ import annotations

from pierglass_desktop.domain.fields import GROUP, GROUP_TUTOR, MEMBERSHIP, PARTICIPANT, TUTOR
from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.groups import GroupRow
from pierglass_desktop.services.members import MemberRow
from pierglass_desktop.services.tutors import GroupTutorRow
from pierglass_desktop.ui.models.table import Column, RowTableModel
from pierglass_desktop.ui.widgets.dates import show_date


def _status(row: GroupRow) -> str:
    if row.archived:
        return _("{status}, archived").format(status=label(row.status))
    return label(row.status)


GROUP_COLUMNS = (
    Column(GROUP["name"].label, lambda r: r.name),
    Column(GROUP["location"].label, lambda r: r.location),
    Column(GROUP["status"].label, _status),
    Column(N_("Members"), lambda r: str(r.member_count), lambda r: r.member_count, numeric=True),
    Column(N_("Tutors"), lambda r: r.tutor_names),
    Column(GROUP["start_date"].label, lambda r: show_date(r.start_date), lambda r: r.start_date),
)

MEMBER_COLUMNS = (
    Column(N_("Name"), lambda m: m.name),
    Column(PARTICIPANT["company_name"].label, lambda m: m.company),
    Column(MEMBERSHIP["joined_on"].label, lambda m: show_date(m.joined_on), lambda m: m.joined_on),
    Column(MEMBERSHIP["left_on"].label, lambda m: show_date(m.left_on), lambda m: m.left_on),
)

TUTOR_COLUMNS = (
    Column(TUTOR["name"].label, lambda t: t.name),
    Column(GROUP_TUTOR["role"].label, lambda t: label(t.role)),
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
