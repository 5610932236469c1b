"""Who belongs to a group on a given day, and who tutors it: the one definition of each.

A person is a member on a day when a live membership of theirs covers that day: joined on or
before it and not left before it (the leaving day still counts). Deleted memberships and
deleted people never count. Every page, report and command asks here instead of writing its
own query, so their counts agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Case, ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from pierglass_desktop.domain.enums import TutorRole
from pierglass_desktop.domain.people import Group, GroupTutor, Membership, Participant, Tutor

Period = tuple[date, date | None]


def covers(day: date | ColumnElement[date]) -> ColumnElement[bool]:
    """SQL: a live membership whose period includes ``day``."""
    return and_(
        Membership.deleted_at.is_(None),
        Membership.joined_on <= day,
        or_(Membership.left_on.is_(None), Membership.left_on >= day),
    )


def period_covers(period: Period, day: date) -> bool:
    """The same rule for a (joined, left) pair already read."""
    joined, left = period
    return joined <= day and (left is None or day <= left)


def member_counts(s: Session, day: date, group_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Group id -> number of live people who are members on ``day``."""
    query = (
        select(Membership.group_id, func.count(func.distinct(Membership.participant_id)))
        .join(Participant, Participant.id == Membership.participant_id)
        .where(covers(day), Participant.deleted_at.is_(None))
        .group_by(Membership.group_id)
    )
    if group_ids is not None:
        query = query.where(Membership.group_id.in_(list(group_ids)))
    return dict(s.execute(query).all())


def members_on(s: Session, group_id: str, day: date) -> list[Participant]:
    """The group's live members on ``day``, once each, by last and first name."""
    query = (
        select(Participant)
        .join(Membership, Membership.participant_id == Participant.id)
        .where(Membership.group_id == group_id, covers(day), Participant.deleted_at.is_(None))
        .distinct()
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    )
    return list(s.scalars(query))


def groups_on(s: Session, day: date) -> dict[str, tuple[tuple[str, str], ...]]:
    """Participant id -> ((group id, group name), ...) of the live groups they belong to on
    ``day``, by group name."""
    query = (
        select(Membership.participant_id, Group.id, Group.name)
        .join(Group, Group.id == Membership.group_id)
        .where(covers(day), Group.deleted_at.is_(None))
        .distinct()
        .order_by(Group.name, Group.id)
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for participant_id, group_id, name in s.execute(query):
        groups.setdefault(participant_id, []).append((group_id, name))
    return {pid: tuple(pairs) for pid, pairs in groups.items()}


def membership_periods(s: Session, group_ids: Iterable[str]) -> dict[str, dict[str, list[Period]]]:
    """Group id -> participant id -> live (joined, left) periods, earliest first."""
    query = (
        select(
            Membership.group_id,
            Membership.participant_id,
            Membership.joined_on,
            Membership.left_on,
        )
        .where(Membership.group_id.in_(list(group_ids)), Membership.deleted_at.is_(None))
        .order_by(Membership.joined_on)
    )
    periods: dict[str, dict[str, list[Period]]] = {}
    for group_id, participant_id, joined, left in s.connection().execute(query).all():
        periods.setdefault(group_id, {}).setdefault(participant_id, []).append((joined, left))
    return periods


def latest_periods(s: Session, group_id: str) -> dict[str, Period]:
    """Participant id -> their latest live period in the group (members ever)."""
    return {
        pid: periods[-1]
        for pid, periods in membership_periods(s, [group_id]).get(group_id, {}).items()
    }


def _lead_first() -> Case[int]:
    return case((GroupTutor.role == TutorRole.LEAD, 0), else_=1)


def tutor_names(s: Session, group_ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Group id -> names of its live tutors, the lead first, then by name."""
    query = (
        select(GroupTutor.group_id, Tutor.name)
        .join(Tutor, Tutor.id == GroupTutor.tutor_id)
        .where(GroupTutor.deleted_at.is_(None), Tutor.deleted_at.is_(None))
        .order_by(GroupTutor.group_id, _lead_first(), Tutor.name)
    )
    if group_ids is not None:
        query = query.where(GroupTutor.group_id.in_(list(group_ids)))
    names: dict[str, list[str]] = {}
    for group_id, name in s.execute(query):
        names.setdefault(group_id, []).append(name)
    return {group_id: tuple(parts) for group_id, parts in names.items()}


def group_tutor_names(s: Session, group_id: str) -> tuple[str, ...]:
    """The group's tutor names, the lead first (for the sign-in sheet and reports)."""
    return tutor_names(s, [group_id]).get(group_id, ())


def lead_first_key(role: TutorRole, name: str) -> tuple[bool, str]:
    """Sort key for tutor rows already read: the lead first, then by name."""
    return (TutorRole(role) != TutorRole.LEAD, name.casefold())


__all__ = [
    "Period",
    "covers",
    "group_tutor_names",
    "groups_on",
    "latest_periods",
    "lead_first_key",
    "member_counts",
    "members_on",
    "membership_periods",
    "period_covers",
    "tutor_names",
]
