"""A group's members over time: add a member, end or undo a membership.

Who counts as a member on a given day is decided in services.membership.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.errors import ValidationError, check_unchanged
from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.i18n import _
from pierglass_desktop.services import get_live, live_group, shown_date
from pierglass_desktop.services.changes import Change, changes

Sessions = sessionmaker[Session]


@dataclass(frozen=True)
class MemberRow:
    membership_id: str
    participant_id: str
    name: str
    company: str
    joined_on: date
    left_on: date | None
    updated_at: datetime | None = None  # the stamp a form shows: its save's ``seen_at``

    @property
    def current(self) -> bool:
        """No leaving date yet, so the membership can still be ended."""
        return self.left_on is None


def member_row(m: Membership) -> MemberRow:
    p = m.participant
    return MemberRow(m.id, p.id, p.full_name, p.company_name, m.joined_on, m.left_on, m.updated_at)


@changes(Change.MEMBERSHIPS)
def add_member(
    sessions: Sessions, group_id: str, participant_id: str, joined_on: date
) -> MemberRow:
    """Add a participant to the group from ``joined_on``; a person who left may rejoin later."""
    with sessions.begin() as s:
        group = live_group(s, group_id)
        participant = get_live(
            s, Participant, participant_id, _("The participant was not found; choose again.")
        )
        return member_row(join_group(s, group, participant, joined_on))


def join_group(s: Session, group: Group, participant: Participant, joined_on: date) -> Membership:
    """The membership rule inside the caller's transaction (one member, or a whole roster)."""
    _refuse_overlap(group, participant, joined_on)
    membership = Membership(group=group, participant=participant, joined_on=joined_on)
    s.add(membership)
    s.flush()
    return membership


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


@changes(Change.MEMBERSHIPS)
def end_membership(
    sessions: Sessions, membership_id: str, left_on: date, *, seen_at: datetime | None = None
) -> MemberRow:
    """The member left on ``left_on`` (inclusive); meetings after it are not absences.
    ``seen_at`` refuses it when someone else changed the membership after the form opened."""
    with sessions.begin() as s:
        membership = get_live(
            s, Membership, membership_id, _("The membership was not found; refresh the group.")
        )
        check_unchanged(membership.updated_at, seen_at)
        if left_on < membership.joined_on:
            raise ValidationError(
                _("The leaving date is before the joining date."),
                {"left_on": _("Choose a date on or after the day the member joined.")},
            )
        membership.left_on = left_on
        s.flush()
        return member_row(membership)


@changes(Change.MEMBERSHIPS)
def remove_membership(sessions: Sessions, membership_id: str) -> None:
    """Undo a membership added by mistake (a tombstone; the person stays)."""
    with sessions.begin() as s:
        membership = get_live(
            s, Membership, membership_id, _("The membership was not found; refresh the group.")
        )
        membership.deleted_at = utcnow()


__all__ = [
    "MemberRow",
    "add_member",
    "end_membership",
    "member_row",
    "remove_membership",
]
