"""Tutors: the register of tutors, and who tutors which group in which role.

Tutor names of a group with the lead first come from services.membership.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import TutorRole
from pierglass_desktop.domain.errors import Conflict
from pierglass_desktop.domain.fields import TUTOR
from pierglass_desktop.domain.people import GroupTutor, Tutor
from pierglass_desktop.domain.rules import normalize_email
from pierglass_desktop.i18n import _
from pierglass_desktop.services import clean_text, get_live, live_group, raise_if_errors
from pierglass_desktop.services.changes import Change, changes

Sessions = sessionmaker[Session]


@dataclass(frozen=True)
class GroupTutorRow:
    tutor_id: str
    name: str
    role: TutorRole


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


@changes(Change.TUTORS)
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
        "name": clean_text(name, TUTOR["name"], errors),
        "email": clean_text(email, TUTOR["email"], errors),
        "phone": clean_text(phone, TUTOR["phone"], errors),
        "organisation": clean_text(organisation, TUTOR["organisation"], errors),
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


@changes(Change.TUTORS)
def assign_tutor(
    sessions: Sessions, group_id: str, tutor_id: str, role: TutorRole = TutorRole.LEAD
) -> GroupTutorRow:
    """Make the tutor lead or co-tutor of the group; assigning again changes the role."""
    with sessions.begin() as s:
        live_group(s, group_id)
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


@changes(Change.TUTORS, Change.GROUPS)
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
        live_group(s, group_id)
        tutor = Tutor(**values)
        link = GroupTutor(group_id=group_id, tutor=tutor, role=TutorRole(role))
        s.add_all([tutor, link])
        s.flush()
        return GroupTutorRow(tutor.id, tutor.name, link.role)


@changes(Change.TUTORS)
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
    "GroupTutorRow",
    "TutorRow",
    "assign_new_tutor",
    "assign_tutor",
    "create_tutor",
    "list_tutors",
    "unassign_tutor",
]
