"""The coordinator's view of the whole project: every group, its tutors, where it came from.

A coordinator's copy may hold 1,400 groups and 14,000 people, so everything here is a handful
of grouped column queries, never ORM objects. A group's origin is the installation that last
changed it (a tutor's laptop, for imported groups); its last import is the newest file
imported from that installation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import GroupStatus, MeetingStatus
from pierglass_desktop.domain.meetings import Attendance, Meeting
from pierglass_desktop.domain.people import Group, Participant
from pierglass_desktop.domain.records import SYNC_KIND, ImportRecord
from pierglass_desktop.domain.rules import ATTENDED
from pierglass_desktop.services.membership import member_counts, tutor_names

Sessions = sessionmaker[Session]


@dataclass(frozen=True)
class LastImport:
    filename: str
    imported_at: datetime
    exported_at: datetime | None


@dataclass(frozen=True)
class ProjectGroupRow:
    id: str
    name: str
    status: GroupStatus
    tutors: tuple[str, ...]
    origin: str  # installation id that last changed the group
    here: bool  # the origin is this installation
    last_import: LastImport | None
    members: int
    meetings_held: int
    participant_minutes: int  # minutes attended, summed over members and held meetings

    @property
    def tutor_names(self) -> str:
        return ", ".join(self.tutors)

    @property
    def participant_hours(self) -> float:
        return self.participant_minutes / 60


def project_groups(sessions: Sessions, today: date | None = None) -> list[ProjectGroupRow]:
    """Every live group (archived ones too: the funder counts them), by tutor then name."""
    with sessions() as s:
        groups = s.execute(
            select(Group.id, Group.name, Group.status, Group.origin).where(
                Group.deleted_at.is_(None)
            )
        ).all()
        here = s.info.get("origin", "")  # this installation's id
        members = member_counts(s, today or date.today())
        tutors = tutor_names(s)
        held = _held_counts(s)
        minutes = _attended_minutes(s)
        imports = _last_imports(s)
    rows = [
        ProjectGroupRow(
            id=g.id,
            name=g.name,
            status=g.status,
            tutors=tutors.get(g.id, ()),
            origin=g.origin,
            here=g.origin == here,
            last_import=imports.get(g.origin),
            members=members.get(g.id, 0),
            meetings_held=held.get(g.id, 0),
            participant_minutes=minutes.get(g.id, 0),
        )
        for g in groups
    ]
    return sorted(rows, key=lambda r: (r.tutor_names.casefold(), r.name.casefold(), r.id))


def _held_counts(s: Session) -> dict[str, int]:
    query = (
        select(Meeting.group_id, func.count())
        .where(Meeting.deleted_at.is_(None), Meeting.status == MeetingStatus.HELD)
        .group_by(Meeting.group_id)
    )
    return dict(s.execute(query).all())


def _attended_minutes(s: Session) -> dict[str, int]:
    query = (
        select(Meeting.group_id, func.coalesce(func.sum(Attendance.minutes_attended), 0))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(
            Meeting.deleted_at.is_(None),
            Meeting.status == MeetingStatus.HELD,
            Attendance.deleted_at.is_(None),
            Participant.deleted_at.is_(None),
            Attendance.status.in_(list(ATTENDED)),
        )
        .group_by(Meeting.group_id)
    )
    return {group_id: int(total or 0) for group_id, total in s.execute(query)}


def _last_imports(s: Session) -> dict[str, LastImport]:
    """Origin installation -> the newest sync file imported from it."""
    newest = (
        select(ImportRecord.source_origin, func.max(ImportRecord.imported_at).label("at"))
        .where(ImportRecord.kind == SYNC_KIND)
        .group_by(ImportRecord.source_origin)
        .subquery()
    )
    query = select(
        ImportRecord.source_origin,
        ImportRecord.filename,
        ImportRecord.imported_at,
        ImportRecord.exported_at,
    ).join(
        newest,
        (newest.c.source_origin == ImportRecord.source_origin)
        & (newest.c.at == ImportRecord.imported_at),
    )
    return {
        origin: LastImport(filename, imported, exported)
        for origin, filename, imported, exported in s.execute(query)
    }
