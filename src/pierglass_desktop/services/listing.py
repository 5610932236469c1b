"""Read-only listings of groups, participants and sessions for the command line and scripts.

Each function reads in one transaction and returns frozen rows; deleted records never appear.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import TutorRole
from pierglass_desktop.domain.errors import NotFound
from pierglass_desktop.domain.models import (
    Group,
    GroupTutor,
    Meeting,
    Membership,
    Participant,
    Tutor,
)
from pierglass_desktop.i18n import _


@dataclass(frozen=True)
class GroupListRow:
    id: str
    name: str
    mode: str
    location: str
    status: str
    start_date: date | None
    end_date: date | None
    archived: bool
    members: int  # current members (joined, not left)
    sessions: int
    tutors: tuple[str, ...]


@dataclass(frozen=True)
class ParticipantListRow:
    id: str
    first_name: str
    last_name: str
    company_name: str
    business_id: str
    municipality: str
    email: str
    groups: tuple[str, ...]  # names of the groups the person belongs to now
    # With a group filter: the membership period in that group.
    joined_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class SessionListRow:
    id: str
    group_id: str
    group_name: str
    number: int
    theme: str
    starts_at: datetime
    planned_minutes: int
    status: str
    place: str


def list_groups(
    sessions: sessionmaker[Session], *, today: date | None = None
) -> list[GroupListRow]:
    """Every group, archived ones too, by name; members counted as of ``today``."""
    today = today or date.today()
    with sessions.begin() as s:
        groups = s.scalars(select(Group).where(Group.deleted_at.is_(None)).order_by(Group.name))
        groups = list(groups)
        members = _current_member_counts(s, today)
        meetings = dict(
            s.execute(
                select(Meeting.group_id, func.count())
                .where(Meeting.deleted_at.is_(None))
                .group_by(Meeting.group_id)
            ).all()
        )
        tutors = _tutor_names(s)
        return [_group_row(g, members.get(g.id, 0), meetings.get(g.id, 0), tutors) for g in groups]


def _group_row(group: Group, members: int, meetings: int, tutors: dict) -> GroupListRow:
    return GroupListRow(
        id=group.id,
        name=group.name,
        mode=group.mode.value,
        location=group.location,
        status=group.status.value,
        start_date=group.start_date,
        end_date=group.end_date,
        archived=group.archived_at is not None,
        members=members,
        sessions=meetings,
        tutors=tuple(tutors.get(group.id, ())),
    )


def _current_member_counts(s: Session, today: date) -> dict[str, int]:
    query = (
        select(Membership.group_id, func.count())
        .join(Participant, Participant.id == Membership.participant_id)
        .where(_current(today), Participant.deleted_at.is_(None))
        .group_by(Membership.group_id)
    )
    return dict(s.execute(query).all())


def _current(today: date):
    """A membership that is not deleted and has not ended before ``today``.

    People signed up for a group that starts later count as its members already.
    """
    return Membership.deleted_at.is_(None) & (
        Membership.left_on.is_(None) | (Membership.left_on >= today)
    )


def _tutor_names(s: Session) -> dict[str, list[str]]:
    """Group id -> tutor names, the lead first."""
    query = (
        select(GroupTutor.group_id, Tutor.name)
        .join(Tutor, Tutor.id == GroupTutor.tutor_id)
        .where(GroupTutor.deleted_at.is_(None), Tutor.deleted_at.is_(None))
        .order_by(
            GroupTutor.group_id, case((GroupTutor.role == TutorRole.LEAD, 0), else_=1), Tutor.name
        )
    )
    names: dict[str, list[str]] = defaultdict(list)
    for group_id, name in s.execute(query):
        names[group_id].append(name)
    return names


def list_participants(
    sessions: sessionmaker[Session], *, group_id: str | None = None, today: date | None = None
) -> list[ParticipantListRow]:
    """Everyone by last and first name; with ``group_id``, that group's members ever.

    ``groups`` names the groups each person belongs to on ``today``.
    """
    today = today or date.today()
    with sessions.begin() as s:
        query = select(Participant).where(Participant.deleted_at.is_(None))
        periods: dict[str, tuple[date, date | None]] = {}
        if group_id is not None:
            _require_group(s, group_id)
            periods = _membership_periods(s, group_id)
            query = query.where(Participant.id.in_(periods))
        people = s.scalars(query.order_by(Participant.last_name, Participant.first_name))
        people = list(people)
        groups = _current_group_names(s, today)
        return [_participant_row(p, groups, periods.get(p.id)) for p in people]


def _participant_row(person: Participant, groups: dict, period) -> ParticipantListRow:
    joined, left = period or (None, None)
    return ParticipantListRow(
        id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        company_name=person.company_name,
        business_id=person.business_id,
        municipality=person.municipality,
        email=person.email,
        groups=tuple(sorted(groups.get(person.id, ()))),
        joined_on=joined,
        left_on=left,
    )


def _membership_periods(s: Session, group_id: str) -> dict[str, tuple[date, date | None]]:
    """Participant id -> (joined, left) of their latest period in the group."""
    query = (
        select(Membership.participant_id, Membership.joined_on, Membership.left_on)
        .where(Membership.group_id == group_id, Membership.deleted_at.is_(None))
        .order_by(Membership.joined_on)
    )
    return {person: (joined, left) for person, joined, left in s.execute(query)}


def _current_group_names(s: Session, today: date) -> dict[str, list[str]]:
    query = (
        select(Membership.participant_id, Group.name)
        .join(Group, Group.id == Membership.group_id)
        .where(_current(today), Group.deleted_at.is_(None))
    )
    names: dict[str, list[str]] = defaultdict(list)
    for person, name in s.execute(query):
        names[person].append(name)
    return names


def list_sessions(
    sessions: sessionmaker[Session], *, group_id: str | None = None
) -> list[SessionListRow]:
    """Sessions (meetings) by time; with ``group_id``, only that group's."""
    with sessions.begin() as s:
        query = (
            select(Meeting, Group.name)
            .join(Group, Group.id == Meeting.group_id)
            .where(Meeting.deleted_at.is_(None), Group.deleted_at.is_(None))
        )
        if group_id is not None:
            _require_group(s, group_id)
            query = query.where(Meeting.group_id == group_id)
        query = query.order_by(Meeting.starts_at, Group.name, Meeting.number)
        return [_session_row(meeting, name) for meeting, name in s.execute(query)]


def _session_row(meeting: Meeting, group_name: str) -> SessionListRow:
    return SessionListRow(
        id=meeting.id,
        group_id=meeting.group_id,
        group_name=group_name,
        number=meeting.number,
        theme=meeting.theme,
        starts_at=meeting.starts_at,
        planned_minutes=meeting.planned_minutes,
        status=meeting.status.value,
        place=meeting.place or meeting.online_link,
    )


def _require_group(s: Session, group_id: str) -> None:
    found = s.scalar(select(Group.id).where(Group.id == group_id, Group.deleted_at.is_(None)))
    if found is None:
        raise NotFound(
            _(
                "There is no group with the id {id}. List the groups with "
                "'pierglass list groups' to see their ids."
            ).format(id=group_id)
        )
