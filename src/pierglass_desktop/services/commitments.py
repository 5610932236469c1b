"""The learning loop: what each member will try before next time, and how it went.

A member has one commitment per meeting (saving again replaces the text). At the next meeting the
previous meeting's commitments come back for follow-up: done, partly, not done or dropped, with a
comment. The follow-up belongs to the meeting where it is reviewed, so that meeting's lock applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import FollowUp, MeetingStatus
from pierglass_desktop.domain.errors import (
    NotFound,
    ValidationError,
    changed_meanwhile,
    check_unchanged,
)
from pierglass_desktop.domain.models import Commitment, Meeting, Participant
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.signoff import audit_change, guard_meeting, live_meeting

MAX_TEXT = 2_000

# ``seen_at`` of a cell that showed no commitment: saving it must not replace one a colleague
# made meanwhile. (None, as elsewhere, means the caller showed nothing and checks nothing.)
NOTHING_SHOWN: Final = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    meeting_id: str
    meeting_number: int
    participant_id: str
    name: str
    text: str
    follow_up: FollowUp | None
    follow_up_comment: str
    reviewed_at_meeting_id: str | None
    updated_at: datetime | None = None  # the stamp the table shows: the next save's ``seen_at``


@changes(Change.COMMITMENTS)
def save_commitment(
    sessions: sessionmaker[Session],
    meeting_id: str,
    participant_id: str,
    text: str,
    actor: str = "",
    *,
    seen_at: datetime | None = None,
) -> CommitmentRow:
    """The member's commitment made at this meeting (replacing an earlier text of the same).

    ``seen_at`` is the stamp of the commitment the cell showed, or ``NOTHING_SHOWN`` for an
    empty cell: a save over what someone else typed meanwhile is refused.
    """
    text = _checked_text(text)
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        person = _person(s, participant_id)
        record = _existing(s, meeting_id, participant_id)
        _check_shown(record, seen_at)
        before = _snapshot(record) if record else None
        if record is None:
            record = Commitment(meeting_id=meeting_id, participant_id=participant_id, text=text)
            s.add(record)
            s.flush()
        record.text = text
        s.flush()  # the row handed back carries the new stamp
        audit_change(
            s,
            meeting_id,
            entity="commitment",
            entity_id=record.id,
            before=before,
            after=_snapshot(record),
            actor=actor,
        )
        return _row(record, meeting, person)


@changes(Change.COMMITMENTS)
def delete_commitment(sessions: sessionmaker[Session], commitment_id: str, actor: str = "") -> None:
    with sessions.begin() as s:
        record = _live(s, commitment_id)
        guard_meeting(s, record.meeting_id)
        audit_change(
            s,
            record.meeting_id,
            entity="commitment",
            entity_id=record.id,
            before=_snapshot(record),
            after=None,
            actor=actor,
            action="delete",
        )
        record.deleted_at = utcnow()


def meeting_commitments(sessions: sessionmaker[Session], meeting_id: str) -> list[CommitmentRow]:
    """Commitments made at this meeting, by member name."""
    with sessions() as s:
        meeting = live_meeting(s, meeting_id)
        return _commitments_of(s, meeting)


def follow_ups_for(sessions: sessionmaker[Session], meeting_id: str) -> list[CommitmentRow]:
    """The previous meeting's commitments, to be followed up at this one."""
    with sessions() as s:
        meeting = live_meeting(s, meeting_id)
        previous = previous_meeting(s, meeting)
        return _commitments_of(s, previous) if previous else []


@changes(Change.COMMITMENTS)
def record_follow_up(
    sessions: sessionmaker[Session],
    commitment_id: str,
    follow_up: FollowUp | None,
    comment: str = "",
    *,
    at_meeting_id: str,
    actor: str = "",
    seen_at: datetime | None = None,
) -> CommitmentRow:
    """How the commitment went, reviewed at ``at_meeting_id`` (None clears the review);
    ``seen_at`` refuses it when someone else changed the commitment after the row was shown."""
    outcome = _checked_follow_up(follow_up)
    comment = (comment or "").strip()
    if len(comment) > MAX_TEXT:
        raise ValidationError(
            _("The comment is too long."),
            {"comment": _("Shorten this to at most {limit} characters.").format(limit=MAX_TEXT)},
        )
    with sessions.begin() as s:
        guard_meeting(s, at_meeting_id)
        record = _live(s, commitment_id)
        check_unchanged(record.updated_at, seen_at)
        before = _snapshot(record)
        record.follow_up = outcome
        record.follow_up_comment = comment
        record.reviewed_at_meeting_id = at_meeting_id if outcome else None
        s.flush()  # the row handed back carries the new stamp
        audit_change(
            s,
            at_meeting_id,
            entity="commitment",
            entity_id=record.id,
            before=before,
            after=_snapshot(record),
            actor=actor,
            action="follow_up",
        )
        meeting = s.get_one(Meeting, record.meeting_id)
        return _row(record, meeting, s.get_one(Participant, record.participant_id))


def previous_meeting(s: Session, meeting: Meeting) -> Meeting | None:
    """The group's latest meeting before this one that was not cancelled."""
    query = (
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.starts_at < meeting.starts_at,
            Meeting.status != MeetingStatus.CANCELLED,
            Meeting.deleted_at.is_(None),
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    return s.scalar(query)


def _commitments_of(s: Session, meeting: Meeting) -> list[CommitmentRow]:
    query = (
        select(Commitment, Participant)
        .join(Participant, Participant.id == Commitment.participant_id)
        .where(Commitment.meeting_id == meeting.id, Commitment.deleted_at.is_(None))
        .order_by(Participant.last_name, Participant.first_name, Commitment.created_at)
    )
    return [_row(record, meeting, person) for record, person in s.execute(query)]


def _existing(s: Session, meeting_id: str, participant_id: str) -> Commitment | None:
    query = select(Commitment).where(
        Commitment.meeting_id == meeting_id,
        Commitment.participant_id == participant_id,
        Commitment.deleted_at.is_(None),
    )
    return s.scalars(query).first()


def _check_shown(record: Commitment | None, seen_at: datetime | None) -> None:
    """The cell showed ``seen_at``'s commitment, or none (``NOTHING_SHOWN``); a commitment
    made, changed or removed since then is someone else's, and the save is refused."""
    if seen_at is None:
        return
    if record is None:
        if seen_at != NOTHING_SHOWN:
            raise changed_meanwhile()
        return
    check_unchanged(record.updated_at, seen_at)


def _live(s: Session, commitment_id: str) -> Commitment:
    record = s.get(Commitment, commitment_id)
    if record is None or record.deleted_at is not None:
        raise NotFound(_("The commitment was not found; it may have been deleted."))
    return record


def _person(s: Session, participant_id: str) -> Participant:
    person = s.get(Participant, participant_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(_("The member was not found; they may have been removed."))
    return person


def _checked_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            _("The commitment is empty."),
            {"text": _("Write what the member will try before the next session.")},
        )
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("The commitment is too long."),
            {"text": _("Shorten this to at most {limit} characters.").format(limit=MAX_TEXT)},
        )
    return text


def _checked_follow_up(value: Any) -> FollowUp | None:
    if value is None:
        return None
    try:
        return FollowUp(value)
    except ValueError:
        raise ValidationError(
            _("Choose how the commitment went."),
            {"follow_up": _("Choose done, partly, not done or dropped.")},
        ) from None


def _snapshot(record: Commitment) -> dict[str, Any]:
    return {
        "participant_id": record.participant_id,
        "text": record.text,
        "follow_up": str(record.follow_up) if record.follow_up else None,
        "follow_up_comment": record.follow_up_comment,
    }


def _row(record: Commitment, meeting: Meeting, person: Participant) -> CommitmentRow:
    return CommitmentRow(
        id=record.id,
        meeting_id=record.meeting_id,
        meeting_number=meeting.number,
        participant_id=record.participant_id,
        name=person.full_name,
        text=record.text,
        follow_up=record.follow_up,
        follow_up_comment=record.follow_up_comment,
        reviewed_at_meeting_id=record.reviewed_at_meeting_id,
        updated_at=record.updated_at,
    )
