"""Participant hours for ESF+ reporting: per person and group, from the attendance register.

The register (``services.register``) is the one home of hours: minutes attended wherever a
mark says present, late or left early. This module only lays its totals out per person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import NotFound
from pierglass_desktop.domain.models import Group
from pierglass_desktop.domain.rules import ATTENDED
from pierglass_desktop.i18n import _
from pierglass_desktop.services.register import attendance_registers


@dataclass(frozen=True)
class HoursRow:
    person: str
    pseudonym: str
    group: str
    meetings: int  # held meetings attended
    minutes: int
    first: date | None  # first and last meeting attended
    last: date | None

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class HoursReport:
    groups: tuple[str, ...]  # names, by name
    rows: tuple[HoursRow, ...]  # by group, then the register's order (last, first name)

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rows)


def hours_data(sessions: sessionmaker[Session], group_id: str | None = None) -> HoursReport:
    """One group's members, or every live group's (archived ones too: they were reported)."""
    from pierglass_desktop.services.group_report import same_session

    with sessions() as s:
        groups = _groups(s, group_id)
        registers = attendance_registers(same_session(s), list(groups))
    rows = []
    for gid, name in groups.items():
        register = registers[gid]
        for member, cells in zip(register.members, register.cells, strict=True):
            days = [
                meeting.starts_at.date()
                for meeting, cell in zip(register.meetings, cells, strict=True)
                if cell.status in ATTENDED
            ]
            rows.append(
                HoursRow(
                    # Named only with consent to share; the code always identifies the row.
                    person=member.name if member.shares_name else "",
                    pseudonym=member.pseudonym,
                    group=name,
                    meetings=len(days),
                    minutes=member.minutes,
                    first=min(days, default=None),
                    last=max(days, default=None),
                )
            )
    return HoursReport(tuple(groups.values()), tuple(rows))


def _groups(s: Session, group_id: str | None) -> dict[str, str]:
    query = select(Group.id, Group.name).where(Group.deleted_at.is_(None))
    if group_id is not None:
        query = query.where(Group.id == group_id)
    found = dict(s.execute(query.order_by(Group.name, Group.id)).all())
    if group_id is not None and not found:
        raise NotFound(_("That group is no longer in the database. Refresh the list."))
    return found
