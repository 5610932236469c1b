"""Groups: list, create, edit, archive, delete; their members over time and their tutors.

Every function is one user action in one transaction and hands back frozen rows, never live
ORM objects. Deleting sets tombstones so the deletion can travel to other copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.assessment import AssessmentResponse
from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import GroupMode, GroupStatus, TutorRole
from pierglass_desktop.domain.errors import Conflict, ValidationError
from pierglass_desktop.domain.meetings import Meeting, Note
from pierglass_desktop.domain.people import Group, GroupTutor, Membership, Participant, Tutor
from pierglass_desktop.domain.rules import normalize_email
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services import (
    casefolded,
    clean_text,
    get_live,
    raise_if_errors,
    shown_date,
)
from pierglass_desktop.services.membership import lead_first_key, member_counts, tutor_names

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
class MemberRow:
    membership_id: str
    participant_id: str
    name: str
    company: str
    joined_on: date
    left_on: date | None

    @property
    def current(self) -> bool:
        """No leaving date yet, so the membership can still be ended."""
        return self.left_on is None


@dataclass(frozen=True)
class GroupTutorRow:
    tutor_id: str
    name: str
    role: TutorRole


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
        return _detail(s, group, today)


def _detail(s: Session, group: Group, today: date | None = None) -> GroupDetail:
    members = tuple(
        sorted(
            (
                _member_row(m)
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


def _group_row(group, member_count: int, tutors: tuple[str, ...], meetings: int = 0) -> GroupRow:
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
    )


def _member_row(m: Membership) -> MemberRow:
    p = m.participant
    return MemberRow(m.id, p.id, p.full_name, p.company_name, m.joined_on, m.left_on)


def _live_group(s: Session, group_id: str) -> Group:
    return get_live(
        s, Group, group_id, _("The group was not found; it may have been deleted meanwhile.")
    )


# --- changing a group ----------------------------------------------------------------------


def validate_group(data: GroupInput) -> GroupInput:
    """The cleaned input, or ValidationError with a message per field."""
    errors: dict[str, str] = {}
    name = clean_text(data.name, "name", 200, errors)
    if not name:
        errors["name"] = _("Give the group a name, for example “Kotihoidon yrittäjät, Pori”.")
    location = clean_text(data.location, "location", 200, errors)
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


def create_group(sessions: Sessions, data: GroupInput) -> GroupRow:
    clean = validate_group(data)
    with sessions.begin() as s:
        group = Group(**_group_values(clean))
        s.add(group)
        s.flush()
        return _group_row(group, 0, ())


def update_group(sessions: Sessions, group_id: str, data: GroupInput) -> GroupRow:
    clean = validate_group(data)
    with sessions.begin() as s:
        group = _live_group(s, group_id)
        for key, value in _group_values(clean).items():
            setattr(group, key, value)
        s.flush()
        return _detail(s, group).group


def _group_values(data: GroupInput) -> dict:
    return {
        "name": data.name,
        "description": data.description,
        "mode": data.mode,
        "location": data.location,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "status": data.status,
    }


def archive_group(sessions: Sessions, group_id: str) -> GroupRow:
    """Hide the group from everyday lists; everything it holds stays for reports."""
    return _set_archived(sessions, group_id, archived=True)


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
        for record in [*group.memberships, *group.tutor_links, group]:
            if record.deleted_at is None:
                record.deleted_at = now


# --- members -------------------------------------------------------------------------------


def add_member(
    sessions: Sessions, group_id: str, participant_id: str, joined_on: date
) -> MemberRow:
    """Add a participant to the group from ``joined_on``; a person who left may rejoin later."""
    with sessions.begin() as s:
        group = _live_group(s, group_id)
        participant = get_live(
            s, Participant, participant_id, _("The participant was not found; choose again.")
        )
        _refuse_overlap(group, participant, joined_on)
        membership = Membership(group=group, participant=participant, joined_on=joined_on)
        s.add(membership)
        s.flush()
        return _member_row(membership)


def _refuse_overlap(group: Group, participant: Participant, joined_on: date) -> None:
    for m in participant.memberships:
        if m.deleted_at is not None or m.group_id != group.id:
            continue
        if m.left_on is None:
            raise ValidationError(
                _("{name} is already a member of this group.").format(name=participant.full_name),
                {"participant": _("Already a member of this group.")},
            )
        if joined_on <= m.left_on:
            raise ValidationError(
                _("{name} was a member until {left}; a new period must start after that.").format(
                    name=participant.full_name, left=shown_date(m.left_on)
                ),
                {"joined_on": _("Choose a date after the earlier membership ended.")},
            )


def end_membership(sessions: Sessions, membership_id: str, left_on: date) -> MemberRow:
    """The member left on ``left_on`` (inclusive); meetings after it are not absences."""
    with sessions.begin() as s:
        membership = get_live(
            s, Membership, membership_id, _("The membership was not found; refresh the group.")
        )
        if left_on < membership.joined_on:
            raise ValidationError(
                _("The leaving date is before the joining date."),
                {"left_on": _("Choose a date on or after the day the member joined.")},
            )
        membership.left_on = left_on
        s.flush()
        return _member_row(membership)


def remove_membership(sessions: Sessions, membership_id: str) -> None:
    """Undo a membership added by mistake (a tombstone; the person stays)."""
    with sessions.begin() as s:
        membership = get_live(
            s, Membership, membership_id, _("The membership was not found; refresh the group.")
        )
        membership.deleted_at = utcnow()


# --- tutors --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TutorRow:
    id: str
    name: str
    email: str
    phone: str
    organisation: str


def list_tutors(sessions: Sessions) -> list[TutorRow]:
    with sessions() as s:
        tutors = s.scalars(select(Tutor).where(Tutor.deleted_at.is_(None))).all()
        rows = [_tutor_row(t) for t in tutors]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.id))


def create_tutor(
    sessions: Sessions, name: str, email: str = "", phone: str = "", organisation: str = ""
) -> TutorRow:
    values = _tutor_values(name, email, phone, organisation)
    with sessions.begin() as s:
        tutor = Tutor(**values)
        s.add(tutor)
        s.flush()
        return _tutor_row(tutor)


def _tutor_values(name: str, email: str, phone: str, organisation: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    values = {
        "name": clean_text(name, "name", 200, errors),
        "email": clean_text(email, "email", 320, errors),
        "phone": clean_text(phone, "phone", 50, errors),
        "organisation": clean_text(organisation, "organisation", 200, errors),
    }
    if not values["name"]:
        errors["name"] = _("Give the tutor's name.")
    if values["email"] and "email" not in errors:
        try:
            values["email"] = normalize_email(values["email"])
        except ValueError:
            errors["email"] = _("This does not look like an e-mail address, e.g. name@example.fi.")
    raise_if_errors(errors)
    return values


def _tutor_row(t: Tutor) -> TutorRow:
    return TutorRow(t.id, t.name, t.email, t.phone, t.organisation)


# --- tutors of a group ---------------------------------------------------------------------


def assign_tutor(
    sessions: Sessions, group_id: str, tutor_id: str, role: TutorRole = TutorRole.LEAD
) -> GroupTutorRow:
    """Make the tutor lead or co-tutor of the group; assigning again changes the role."""
    with sessions.begin() as s:
        _live_group(s, group_id)
        tutor = get_live(s, Tutor, tutor_id, _("The tutor was not found; choose again."))
        link = s.scalar(
            select(GroupTutor).where(
                GroupTutor.group_id == group_id, GroupTutor.tutor_id == tutor_id
            )
        )
        if link is None:  # one row per pair: an unassigned link is revived, not duplicated
            link = GroupTutor(group_id=group_id, tutor_id=tutor_id)
            s.add(link)
        link.role = TutorRole(role)
        link.deleted_at = None
        s.flush()
        return GroupTutorRow(tutor.id, tutor.name, link.role)


def assign_new_tutor(
    sessions: Sessions,
    group_id: str,
    name: str,
    email: str = "",
    role: TutorRole = TutorRole.LEAD,
) -> GroupTutorRow:
    """Create a tutor and assign them to the group, both or neither."""
    values = _tutor_values(name, email, "", "")
    with sessions.begin() as s:
        _live_group(s, group_id)
        tutor = Tutor(**values)
        link = GroupTutor(group_id=group_id, tutor=tutor, role=TutorRole(role))
        s.add_all([tutor, link])
        s.flush()
        return GroupTutorRow(tutor.id, tutor.name, link.role)


def unassign_tutor(sessions: Sessions, group_id: str, tutor_id: str) -> None:
    with sessions.begin() as s:
        link = s.scalar(
            select(GroupTutor).where(
                GroupTutor.group_id == group_id,
                GroupTutor.tutor_id == tutor_id,
                GroupTutor.deleted_at.is_(None),
            )
        )
        if link is None:
            raise Conflict(_("That tutor is not assigned to this group any more."))
        link.deleted_at = utcnow()


__all__ = [
    "DeletionImpact",
    "GroupDetail",
    "GroupInput",
    "GroupRow",
    "GroupTutorRow",
    "MemberRow",
    "TutorRow",
    "add_member",
    "archive_group",
    "assign_new_tutor",
    "assign_tutor",
    "create_group",
    "create_tutor",
    "delete_group",
    "end_membership",
    "get_group",
    "group_deletion_impact",
    "list_groups",
    "list_tutors",
    "remove_membership",
    "unarchive_group",
    "unassign_tutor",
    "update_group",
    "validate_group",
]
