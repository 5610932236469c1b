"""Signing a held meeting off, unlocking it, and the audit trail of changes made after sign-off.

A signed-off meeting is locked: every service that changes its attendance, notes, commitments,
feedback or agenda calls ``guard_meeting`` first, which refuses while it is locked. Once a meeting
has ever been signed off, each later change (after an explicit unlock) is written to AuditEntry
with who, when, what, before and after, so the funder's auditor sees the trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError
from pierglass_desktop.domain.models import AuditEntry, Meeting
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes

SIGN_OFF = "sign_off"
UNLOCK = "unlock"


@dataclass(frozen=True)
class AuditRow:
    id: str
    when: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


@dataclass(frozen=True)
class LockState:
    meeting_id: str
    locked: bool
    locked_at: datetime | None
    locked_by: str


def live_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFound(_("The session was not found; it may have been deleted."))
    return meeting


def guard_meeting(session: Session, meeting_id: str) -> Meeting:
    """The meeting, if it may be changed now; Conflict while it is signed off."""
    meeting = live_meeting(session, meeting_id)
    if meeting.locked_at is not None:
        raise Conflict(
            _(
                "Session {number} is signed off and locked. "
                "Unlock it first if something must be corrected."
            ).format(number=meeting.number)
        )
    return meeting


def was_signed_off(session: Session, meeting_id: str) -> bool:
    found = session.scalar(
        select(AuditEntry.id)
        .where(AuditEntry.entity_id == meeting_id, AuditEntry.action == SIGN_OFF)
        .limit(1)
    )
    return found is not None


def audit_change(
    session: Session,
    meeting_id: str,
    *,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor: str = "",
    action: str = "change",
) -> None:
    """Record a change to a meeting's data if the meeting was ever signed off."""
    if before == after or not was_signed_off(session, meeting_id):
        return
    session.add(
        AuditEntry(
            actor=_actor(actor),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=_with_meeting(before, meeting_id),
            after=_with_meeting(after, meeting_id),
        )
    )


@changes(Change.SIGN_OFF, Change.MEETINGS)
def sign_off(sessions: sessionmaker[Session], meeting_id: str, actor: str = "") -> LockState:
    """Lock a held meeting. Planned or cancelled meetings cannot be signed off."""
    with sessions.begin() as s:
        meeting = live_meeting(s, meeting_id)
        if meeting.status != MeetingStatus.HELD:
            raise Conflict(
                _(
                    "Only a held session can be signed off. Mark session {number} held first."
                ).format(number=meeting.number)
            )
        if meeting.locked_at is not None:
            return _lock_state(meeting)
        who = _actor(actor)
        meeting.locked_at = utcnow()
        meeting.locked_by = who
        s.add(AuditEntry(actor=who, action=SIGN_OFF, entity="meeting", entity_id=meeting.id))
        return _lock_state(meeting)


@changes(Change.SIGN_OFF, Change.MEETINGS)
def unlock(
    sessions: sessionmaker[Session], meeting_id: str, reason: str, actor: str = ""
) -> LockState:
    """Open a signed-off meeting for correction; the reason goes to the audit trail."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why the signed-off session is unlocked."),
            {"reason": _("Write the reason for the correction.")},
        )
    with sessions.begin() as s:
        meeting = live_meeting(s, meeting_id)
        if meeting.locked_at is None:
            return _lock_state(meeting)
        before = {"locked_at": meeting.locked_at.isoformat(), "locked_by": meeting.locked_by}
        meeting.locked_at = None
        s.add(
            AuditEntry(
                actor=_actor(actor),
                action=UNLOCK,
                entity="meeting",
                entity_id=meeting.id,
                before=before,
                after={"locked_at": None},
                reason=reason,
            )
        )
        return _lock_state(meeting)


def lock_state(sessions: sessionmaker[Session], meeting_id: str) -> LockState:
    with sessions() as s:
        return _lock_state(live_meeting(s, meeting_id))


def audit_trail(sessions: sessionmaker[Session], meeting_id: str) -> list[AuditRow]:
    """Sign-off, unlocks and every audited change of the meeting's data, oldest first."""
    in_meeting = AuditEntry.after["meeting_id"].as_string() == meeting_id
    was_in_meeting = AuditEntry.before["meeting_id"].as_string() == meeting_id
    query = (
        select(AuditEntry)
        .where(or_(AuditEntry.entity_id == meeting_id, in_meeting, was_in_meeting))
        .where(AuditEntry.deleted_at.is_(None))
        .order_by(AuditEntry.created_at, AuditEntry.id)
    )
    with sessions() as s:
        return [_audit_row(entry) for entry in s.scalars(query)]


def _audit_row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.id,
        when=entry.created_at,
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        before=entry.before,
        after=entry.after,
        reason=entry.reason,
    )


def _lock_state(meeting: Meeting) -> LockState:
    return LockState(
        meeting_id=meeting.id,
        locked=meeting.locked_at is not None,
        locked_at=meeting.locked_at,
        locked_by=meeting.locked_by,
    )


def _with_meeting(values: dict[str, Any] | None, meeting_id: str) -> dict[str, Any] | None:
    # Keeping the meeting id in the snapshot lets the trail be listed per meeting.
    if values is None:
        return None
    return {**values, "meeting_id": meeting_id}


def _actor(actor: str) -> str:
    if actor:
        return actor
    from pierglass_desktop.preferences import load_preferences

    return load_preferences().tutor_name
