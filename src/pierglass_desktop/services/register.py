"""The attendance register of a group: its held meetings × its members, with rates and hours.

Membership periods decide which cells count: before joining or after leaving is blank, never
"absent" (services.membership). Minutes attended come from the marks (services.attendance).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import AttendanceStatus, MeetingStatus
from pierglass_desktop.domain.meetings import Attendance, Meeting
from pierglass_desktop.domain.people import Group, Participant
from pierglass_desktop.domain.rules import ATTENDED, meeting_length, shares_name
from pierglass_desktop.services.membership import Period, membership_periods, period_covers

Mark = tuple[AttendanceStatus, int | None]  # a mark's status and minutes attended


@dataclass(frozen=True)
class RegisterMeeting:
    id: str
    number: int
    starts_at: datetime
    theme: str
    minutes: int
    locked: bool


class RegisterCell(NamedTuple):  # a tuple: a register makes thousands of them
    in_period: bool  # False: before joining or after leaving, shown blank, never "absent"
    status: AttendanceStatus | None
    minutes: int | None


class AttendanceFigures:
    """The one rule for a person's attendance rate and hours, for every row that has the counts.

    ``possible`` counts the held meetings inside the membership period, so no one is absent
    before joining or after leaving.
    """

    possible: int
    attended: int
    minutes: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.possible if self.possible else None

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclass(frozen=True)
class RegisterMember(AttendanceFigures):
    participant_id: str
    name: str
    company: str
    pseudonym: str
    shares_name: bool  # consent to name them in what leaves the laptop (domain.rules)
    possible: int  # held meetings inside the membership period
    attended: int
    minutes: int


@dataclass(frozen=True)
class Register:
    group_id: str
    meetings: tuple[RegisterMeeting, ...]
    members: tuple[RegisterMember, ...]
    cells: tuple[tuple[RegisterCell, ...], ...]  # one row per member, one cell per meeting


def attendance_register(sessions: sessionmaker[Session], group_id: str) -> Register:
    """The group's held meetings × members, honouring membership periods, with rates and hours."""
    return attendance_registers(sessions, [group_id])[group_id]


def attendance_registers(
    sessions: sessionmaker[Session], group_ids: list[str]
) -> dict[str, Register]:
    """Several groups' registers at once: four queries, however many groups (the Today page)."""
    group_ids = list(group_ids)
    with sessions() as s:
        meetings = held_meetings(s, group_ids)
        periods = membership_periods(s, group_ids)
        people = register_people(s, {pid for members in periods.values() for pid in members})
        marks = _register_marks(s, group_ids)
    order = {pid: position for position, pid in enumerate(people)}
    return {
        group_id: _build_register(
            group_id,
            meetings.get(group_id, []),
            periods.get(group_id, {}),
            {
                pid: people[pid]
                for pid in sorted(
                    (pid for pid in periods.get(group_id, {}) if pid in people),
                    key=order.__getitem__,
                )
            },
            marks,
        )
        for group_id in group_ids
    }


def _build_register(
    group_id: str,
    meetings: list[RegisterMeeting],
    periods: dict[str, list[Period]],
    people: dict[str, RegisterPerson],
    marks: dict[str, dict[str, Mark]],
) -> Register:
    days = [meeting.starts_at.date() for meeting in meetings]
    meeting_marks = [marks.get(meeting.id, _NO_MARKS) for meeting in meetings]
    members, cells = [], []
    for participant_id, person in people.items():
        inside = _inside_periods(periods[participant_id], days)
        row = tuple(
            _cell(inside[i], by_person.get(participant_id))
            for i, by_person in enumerate(meeting_marks)
        )
        members.append(_member_totals(participant_id, person, row))
        cells.append(row)
    return Register(
        group_id=group_id,
        meetings=tuple(meetings),
        members=tuple(members),
        cells=tuple(cells),
    )


_NO_MARKS: dict[str, Mark] = {}


def held_in(group_ids: list[str]) -> tuple[ColumnElement[bool], ...]:
    """SQL: a live meeting of one of these groups that was held."""
    return (
        Meeting.group_id.in_(group_ids),
        Meeting.status == MeetingStatus.HELD,
        Meeting.deleted_at.is_(None),
    )


def held_meetings(s: Session, group_ids: list[str]) -> dict[str, list[RegisterMeeting]]:
    # Plain columns, not Meeting objects: a project's registers read thousands of meetings.
    m = Meeting
    query = (
        select(
            m.group_id,
            m.id,
            m.number,
            m.starts_at,
            m.theme,
            m.planned_minutes,
            m.actual_minutes,
            m.locked_at,
        )
        .where(*held_in(group_ids))
        .order_by(m.starts_at, m.number)
    )
    by_group: dict[str, list[RegisterMeeting]] = {}
    rows = s.connection().execute(query).all()  # Core, fetched at once: ORM rows cost 2x
    for group_id, meeting_id, number, starts, theme, planned, actual, locked in rows:
        meeting = _register_meeting(meeting_id, number, starts, theme, planned, actual, locked)
        by_group.setdefault(group_id, []).append(meeting)
    return by_group


def held_meeting_days(s: Session, group_ids: list[str]) -> dict[str, list[tuple[str, date]]]:
    """Group id -> (id, day) of each of its held meetings, in register order: all that judging
    members at risk asks of them (Today judges every active group's members: the registers'
    other columns took half the time of its read)."""
    m = Meeting
    query = select(m.group_id, m.id, m.starts_at).where(*held_in(group_ids))
    by_group: dict[str, list[tuple[str, date]]] = {}
    for group_id, meeting_id, starts in s.connection().execute(
        query.order_by(m.starts_at, m.number)
    ):
        by_group.setdefault(group_id, []).append((meeting_id, starts.date()))
    return by_group


class RegisterPerson(NamedTuple):
    name: str
    company: str
    pseudonym: str
    shares_name: bool


def register_people(s: Session, participant_ids: set[str]) -> dict[str, RegisterPerson]:
    """Each live participant, in register order (last name, first name)."""
    if not participant_ids:
        return {}
    p = Participant
    query = (
        select(p.id, p.first_name, p.last_name, p.company_name, p.pseudonym, p.consent_scope)
        .where(p.id.in_(list(participant_ids)), p.deleted_at.is_(None))
        .order_by(p.last_name, p.first_name)
    )
    return {
        pid: RegisterPerson(f"{first} {last}".strip(), company, code, shares_name(consent))
        for pid, first, last, company, code, consent in s.connection().execute(query).all()
    }


def _register_marks(s: Session, group_ids: list[str]) -> dict[str, dict[str, Mark]]:
    """Meeting id -> participant id -> mark."""
    # Read on the Core connection: ORM row handling was half of a register's time.
    query = (
        select(
            Attendance.meeting_id,
            Attendance.participant_id,
            Attendance.status,
            Attendance.minutes_attended,
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*held_in(group_ids), Attendance.deleted_at.is_(None))
    )
    found: dict[str, dict[str, Mark]] = defaultdict(dict)
    for meeting_id, participant_id, status, minutes in s.connection().execute(query).all():
        found[meeting_id][participant_id] = (status, minutes)
    return found


def _inside_periods(periods: list[Period], days: list[date]) -> list[bool]:
    return [any(period_covers(period, day) for period in periods) for day in days]


_OUTSIDE_BLANK = RegisterCell(in_period=False, status=None, minutes=None)
_INSIDE_BLANK = RegisterCell(in_period=True, status=None, minutes=None)


def _cell(inside: bool, mark: Mark | None) -> RegisterCell:
    if mark is None:
        return _INSIDE_BLANK if inside else _OUTSIDE_BLANK
    return RegisterCell(in_period=inside, status=mark[0], minutes=mark[1])


def _member_totals(
    participant_id: str, person: RegisterPerson, row: tuple[RegisterCell, ...]
) -> RegisterMember:
    inside = [cell for cell in row if cell.in_period]
    return RegisterMember(
        participant_id=participant_id,
        name=person.name,
        company=person.company,
        pseudonym=person.pseudonym,
        shares_name=person.shares_name,
        possible=len(inside),
        attended=sum(1 for cell in inside if cell.status in ATTENDED),
        # Minutes count wherever a mark exists, e.g. a guest visit before joining.
        minutes=sum(cell.minutes or 0 for cell in row if cell.status in ATTENDED),
    )


def _register_meeting(
    meeting_id: str,
    number: int,
    starts_at: datetime,
    theme: str,
    planned_minutes: int,
    actual_minutes: int | None,
    locked_at: datetime | None,
) -> RegisterMeeting:
    return RegisterMeeting(
        id=meeting_id,
        number=number,
        starts_at=starts_at,
        theme=theme,
        minutes=meeting_length(actual_minutes, planned_minutes),
        locked=locked_at is not None,
    )


@dataclass(frozen=True)
class GroupChoice:
    id: str
    name: str


def register_groups(sessions: sessionmaker[Session]) -> list[GroupChoice]:
    """Groups whose register can be shown: not deleted or archived, by name."""
    query = (
        select(Group.id, Group.name)
        .where(Group.deleted_at.is_(None), Group.archived_at.is_(None))
        .order_by(Group.name)
    )
    with sessions() as s:
        return [GroupChoice(group_id, name) for group_id, name in s.execute(query)]
