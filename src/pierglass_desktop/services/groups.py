"""Groups: list, create, edit, archive, delete, and a group with its members and tutors.

Adding and ending memberships is services.members; tutors and their assignments are
services.tutors; who counts as a member on a day is services.membership.

Every function is one user action in one transaction and hands back frozen rows, never live
ORM objects. Deleting sets tombstones so the deletion can travel to other copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from pierglass_desktop.domain.assessment import AssessmentResponse
from pierglass_desktop.domain.base import Synced, utcnow
from pierglass_desktop.domain.enums import GroupMode, GroupStatus
from pierglass_desktop.domain.errors import Conflict, check_unchanged
from pierglass_desktop.domain.fields import GROUP
from pierglass_desktop.domain.meetings import Meeting, Note
from pierglass_desktop.domain.people import Group, GroupTutor, Membership
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services import (
    casefolded,
    clean_text,
    live_group,
    raise_if_errors,
)
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.members import MemberRow, member_row
from pierglass_desktop.services.membership import lead_first_key, member_counts, tutor_names
from pierglass_desktop.services.tutors import GroupTutorRow

Sessions = sessionmaker[Session]


@dataclass(frozen=True)
class GroupInput:
    """What the group form edits."""

    name: str
    description: str = ""
    mode: GroupMode = GroupMode.FACE_TO_FACE
    location: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: GroupStatus = GroupStatus.PLANNED


@dataclass(frozen=True)
class GroupRow:
    id: str
    name: str
    description: str
    mode: GroupMode
    location: str
    start_date: date | None
    end_date: date | None
    status: GroupStatus
    archived: bool
    member_count: int  # members today (services.membership.covers)
    tutor_names: str  # lead first, comma separated
    tutors: tuple[str, ...] = ()  # the same names, lead first
    session_count: int = 0  # live sessions, cancelled ones included
    updated_at: datetime | None = None  # as read: an edit made from this row checks it

    def to_input(self) -> GroupInput:
        return GroupInput(
            self.name,
            self.description,
            self.mode,
            self.location,
            self.start_date,
            self.end_date,
            self.status,
        )


@dataclass(frozen=True)
class GroupDetail:
    group: GroupRow
    members: tuple[MemberRow, ...]  # by name, then by joining date
    tutors: tuple[GroupTutorRow, ...]  # lead first


# --- reading -------------------------------------------------------------------------------


def list_groups(
    sessions: Sessions,
    *,
    search: str = "",
    status: GroupStatus | None = None,
    include_archived: bool = False,
    today: date | None = None,
) -> list[GroupRow]:
    """Groups sorted by name; ``search`` matches name, location and description.

    The one group listing: the Groups page and ``pierglass list groups`` both read it.
    """
    today = today or date.today()
    needle = search.strip().casefold()
    query = select(*_GROUP_COLUMNS).where(Group.deleted_at.is_(None))
    if status is not None:
        query = query.where(Group.status == status)
    if not include_archived:
        query = query.where(Group.archived_at.is_(None))
    with sessions() as s:
        groups = [
            g
            for g in s.execute(query)
            if not needle or needle in casefolded(g.name, g.location, g.description)
        ]
        counts = member_counts(s, today)
        tutors = tutor_names(s)
        meetings = _session_counts(s)
    rows = [
        _group_row(g, counts.get(g.id, 0), tutors.get(g.id, ()), meetings.get(g.id, 0))
        for g in groups
    ]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.id))


# Plain columns, not ORM objects: a coordinator's file holds many groups.
_GROUP_COLUMNS = (
    Group.id,
    Group.name,
    Group.description,
    Group.mode,
    Group.location,
    Group.start_date,
    Group.end_date,
    Group.status,
    Group.archived_at,
    Group.updated_at,
)


def _session_counts(s: Session, group_id: str | None = None) -> dict[str, int]:
    query = (
        select(Meeting.group_id, func.count())
        .where(Meeting.deleted_at.is_(None))
        .group_by(Meeting.group_id)
    )
    if group_id is not None:
        query = query.where(Meeting.group_id == group_id)
    return dict(s.execute(query).all())


def get_group(sessions: Sessions, group_id: str, today: date | None = None) -> GroupDetail:
    with sessions() as s:
        group = _live_group(s, group_id)
        _load_people(s, group_id)
        return _detail(s, group, today)


def _load_people(s: Session, group_id: str) -> None:
    """The group's members and tutors with their people, in a few statements, not one each."""
    s.execute(
        select(Group)
        .where(Group.id == group_id)
        .options(
            selectinload(Group.memberships).joinedload(Membership.participant),
            selectinload(Group.tutor_links).joinedload(GroupTutor.tutor),
        )
    ).all()


def _detail(s: Session, group: Group, today: date | None = None) -> GroupDetail:
    members = tuple(
        sorted(
            (
                member_row(m)
                for m in group.memberships
                if m.deleted_at is None and m.participant.deleted_at is None
            ),
            key=lambda m: (m.name.casefold(), m.joined_on),
        )
    )
    tutors = tuple(
        sorted(
            (
                GroupTutorRow(link.tutor_id, link.tutor.name, link.role)
                for link in group.tutor_links
                if link.deleted_at is None and link.tutor.deleted_at is None
            ),
            key=lambda t: lead_first_key(t.role, t.name),
        )
    )
    count = member_counts(s, today or date.today(), [group.id]).get(group.id, 0)
    names = tutor_names(s, [group.id]).get(group.id, ())
    meetings = _session_counts(s, group.id).get(group.id, 0)
    return GroupDetail(_group_row(group, count, names, meetings), members, tutors)


def _group_row(
    group: Group | Row[*tuple[Any, ...]],
    member_count: int,
    tutors: tuple[str, ...],
    meetings: int = 0,
) -> GroupRow:
    """A row from a Group or a result row with the same column names."""
    return GroupRow(
        id=group.id,
        name=group.name,
        description=group.description,
        mode=group.mode,
        location=group.location,
        start_date=group.start_date,
        end_date=group.end_date,
        status=group.status,
        archived=group.archived_at is not None,
        member_count=member_count,
        tutor_names=", ".join(tutors),
        tutors=tutors,
        session_count=meetings,
        updated_at=getattr(group, "updated_at", None),
    )


def _live_group(s: Session, group_id: str) -> Group:
    return live_group(s, group_id)


# --- changing a group ----------------------------------------------------------------------


def validate_group(data: GroupInput) -> GroupInput:
    """The cleaned input, or ValidationError with a message per field."""
    errors: dict[str, str] = {}
    name = clean_text(data.name, GROUP["name"], errors)
    if not name:
        errors["name"] = _("Give the group a name, for example “Kotihoidon yrittäjät, Pori”.")
    location = clean_text(data.location, GROUP["location"], errors)
    if data.start_date and data.end_date and data.end_date < data.start_date:
        errors["end_date"] = _("The group cannot end before it starts. Check the dates.")
    raise_if_errors(errors)
    return GroupInput(
        name,
        data.description.strip(),
        GroupMode(data.mode),
        location,
        data.start_date,
        data.end_date,
        GroupStatus(data.status),
    )


@changes(Change.GROUPS)
def create_group(sessions: Sessions, data: GroupInput) -> GroupRow:
    clean = validate_group(data)
    with sessions.begin() as s:
        group = Group(**_group_values(clean))
        s.add(group)
        s.flush()
        return _group_row(group, 0, ())


@changes(Change.GROUPS)
def update_group(
    sessions: Sessions, group_id: str, data: GroupInput, *, seen_at: datetime | None = None
) -> GroupRow:
    """Save the form; ``seen_at`` refuses it when someone else changed the group meanwhile."""
    clean = validate_group(data)
    with sessions.begin() as s:
        group = _live_group(s, group_id)
        check_unchanged(group.updated_at, seen_at)
        for key, value in _group_values(clean).items():
            setattr(group, key, value)
        s.flush()
        return _detail(s, group).group


def _group_values(data: GroupInput) -> dict[str, Any]:
    return {
        "name": data.name,
        "description": data.description,
        "mode": data.mode,
        "location": data.location,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "status": data.status,
    }


@changes(Change.GROUPS)
def archive_group(sessions: Sessions, group_id: str) -> GroupRow:
    """Hide the group from everyday lists; everything it holds stays for reports."""
    return _set_archived(sessions, group_id, archived=True)


@changes(Change.GROUPS)
def unarchive_group(sessions: Sessions, group_id: str) -> GroupRow:
    return _set_archived(sessions, group_id, archived=False)


def _set_archived(sessions: Sessions, group_id: str, *, archived: bool) -> GroupRow:
    with sessions.begin() as s:
        group = _live_group(s, group_id)
        if archived and group.archived_at is None:
            group.archived_at = utcnow()
        elif not archived:
            group.archived_at = None
        s.flush()
        return _detail(s, group).group


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting a group would take with it, for the confirmation question."""

    group_name: str
    memberships: int
    tutor_links: int
    history: int  # sessions, notes and assessments: while any exist the group is not deleted


def group_deletion_impact(sessions: Sessions, group_id: str) -> DeletionImpact:
    with sessions() as s:
        group = _live_group(s, group_id)
        return _impact(s, group)


def _impact(s: Session, group: Group) -> DeletionImpact:
    live_members = [m for m in group.memberships if m.deleted_at is None]
    live_links = [t for t in group.tutor_links if t.deleted_at is None]
    history = sum(
        s.scalar(
            select(func.count())
            .select_from(model)
            .where(model.group_id == group.id, model.deleted_at.is_(None))
        )
        or 0
        for model in (Meeting, Note, AssessmentResponse)
    )
    return DeletionImpact(group.name, len(live_members), len(live_links), history)


@changes(Change.GROUPS, Change.MEMBERSHIPS, Change.MEETINGS)
def delete_group(sessions: Sessions, group_id: str) -> None:
    """Tombstone the group with its memberships and tutor links; the people are kept.

    A group with sessions, notes or assessments is refused: those are records the project
    reports on, so such a group is archived instead.
    """
    with sessions.begin() as s:
        group = _live_group(s, group_id)
        impact = _impact(s, group)
        if impact.history:
            raise Conflict(
                ngettext(
                    "“{name}” has {count} session or other record. Archive the group to keep "
                    "its history, or delete that record first.",
                    "“{name}” has {count} sessions and other records. Archive the group to "
                    "keep its history, or delete those records first.",
                    impact.history,
                ).format(name=group.name, count=impact.history)
            )
        now = utcnow()
        records: list[Synced] = [*group.memberships, *group.tutor_links, group]
        for record in records:
            if record.deleted_at is None:
                record.deleted_at = now


__all__ = [
    "DeletionImpact",
    "GroupDetail",
    "GroupInput",
    "GroupRow",
    "archive_group",
    "create_group",
    "delete_group",
    "get_group",
    "group_deletion_impact",
    "list_groups",
    "unarchive_group",
    "update_group",
    "validate_group",
]
