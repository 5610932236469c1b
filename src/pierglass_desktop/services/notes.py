"""Session notes and per-member notes, each with a visibility: private, project or group.

Private notes never leave this machine (the exporter filters them); project notes go to the
coordinator; group notes may be shown to the group. Each save is one committed transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.errors import NotFound, ValidationError, check_unchanged
from pierglass_desktop.domain.models import Note, Participant
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.signoff import audit_change, guard_meeting

MAX_NOTE = 20_000


@dataclass(frozen=True)
class NoteRow:
    id: str
    group_id: str
    meeting_id: str | None
    participant_id: str | None
    participant_name: str
    visibility: NoteVisibility
    body: str
    author: str
    updated_at: datetime


@changes(Change.NOTES)
def add_note(
    sessions: sessionmaker[Session],
    meeting_id: str,
    body: str,
    visibility: NoteVisibility = NoteVisibility.PRIVATE,
    *,
    participant_id: str | None = None,
    author: str = "",
) -> NoteRow:
    """A note about the session, or about one member at it (``participant_id``)."""
    body = _checked_body(body)
    visibility = _checked_visibility(visibility)
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        person = _participant(s, participant_id)
        note = Note(
            group_id=meeting.group_id,
            meeting_id=meeting.id,
            participant_id=participant_id,
            visibility=visibility,
            body=body,
            author=author.strip(),
        )
        s.add(note)
        s.flush()
        audit_change(
            s,
            meeting.id,
            entity="note",
            entity_id=note.id,
            before=None,
            after=_snapshot(note),
            actor=author,
        )
        return _row(note, person)


@changes(Change.NOTES)
def update_note(
    sessions: sessionmaker[Session],
    note_id: str,
    body: str,
    visibility: NoteVisibility | None = None,
    actor: str = "",
    *,
    seen_at: datetime | None = None,
) -> NoteRow:
    """Save the edited note; ``seen_at``, the stamp the screen showed, refuses the save when
    someone else changed the note meanwhile (a shared database)."""
    body = _checked_body(body)
    with sessions.begin() as s:
        note = _live_note(s, note_id)
        if note.meeting_id:
            guard_meeting(s, note.meeting_id)
        check_unchanged(note.updated_at, seen_at)
        before = _snapshot(note)
        note.body = body
        if visibility is not None:
            note.visibility = _checked_visibility(visibility)
        s.flush()  # the row handed back carries the new stamp, the next save's ``seen_at``
        if note.meeting_id:
            audit_change(
                s,
                note.meeting_id,
                entity="note",
                entity_id=note.id,
                before=before,
                after=_snapshot(note),
                actor=actor,
            )
        return _row(note, _participant(s, note.participant_id))


@changes(Change.NOTES)
def delete_note(sessions: sessionmaker[Session], note_id: str, actor: str = "") -> None:
    """Tombstone the note so the deletion travels to other copies."""
    with sessions.begin() as s:
        note = _live_note(s, note_id)
        if note.meeting_id:
            guard_meeting(s, note.meeting_id)
            audit_change(
                s,
                note.meeting_id,
                entity="note",
                entity_id=note.id,
                before=_snapshot(note),
                after=None,
                actor=actor,
                action="delete",
            )
        note.deleted_at = utcnow()


def meeting_notes(sessions: sessionmaker[Session], meeting_id: str) -> list[NoteRow]:
    """The session's notes, session notes first, then member notes, oldest first."""
    query = (
        select(Note, Participant)
        .outerjoin(Participant, Participant.id == Note.participant_id)
        .where(Note.meeting_id == meeting_id, Note.deleted_at.is_(None))
        .order_by(Note.participant_id.is_not(None), Note.created_at, Note.id)
    )
    with sessions() as s:
        return [_row(note, person) for note, person in s.execute(query)]


def _checked_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(
            _("The note is empty."), {"body": _("Write something before saving the note.")}
        )
    if len(body) > MAX_NOTE:
        raise ValidationError(
            _("The note is too long."),
            {"body": _("Shorten the note to at most {limit} characters.").format(limit=MAX_NOTE)},
        )
    return body


def _checked_visibility(visibility: Any) -> NoteVisibility:
    try:
        return NoteVisibility(visibility)
    except ValueError:
        raise ValidationError(
            _("Choose who may see the note."),
            {"visibility": _("Choose private, project or group.")},
        ) from None


def _live_note(s: Session, note_id: str) -> Note:
    note = s.get(Note, note_id)
    if note is None or note.deleted_at is not None:
        raise NotFound(_("The note was not found; it may have been deleted."))
    return note


def _participant(s: Session, participant_id: str | None) -> Participant | None:
    if participant_id is None:
        return None
    person = s.get(Participant, participant_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(_("The member was not found; they may have been removed."))
    return person


def _snapshot(note: Note) -> dict[str, Any]:
    return {
        "participant_id": note.participant_id,
        "visibility": str(note.visibility),
        "body": note.body,
    }


def _row(note: Note, person: Participant | None) -> NoteRow:
    return NoteRow(
        id=note.id,
        group_id=note.group_id,
        meeting_id=note.meeting_id,
        participant_id=note.participant_id,
        participant_name=person.full_name if person else "",
        visibility=note.visibility,
        body=note.body,
        author=note.author,
        updated_at=note.updated_at,
    )
