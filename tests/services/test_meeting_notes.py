"""Session notes and member notes with their visibility."""

from __future__ import annotations

import pytest

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.services import notes


def test_tutor_writes_private_and_group_notes_and_a_member_note(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    notes.add_note(sessions, meeting, "Group dynamics: quiet start.", NoteVisibility.PRIVATE)
    notes.add_note(sessions, meeting, "We agreed on sharing.", NoteVisibility.GROUP)
    notes.add_note(sessions, meeting, "Wants help with vouchers", participant_id=liisa)
    rows = notes.meeting_notes(sessions, meeting)
    assert [(r.visibility, r.participant_name) for r in rows] == [
        (NoteVisibility.PRIVATE, ""),
        (NoteVisibility.GROUP, ""),
        (NoteVisibility.PRIVATE, "Liisa Laine"),
    ]
    assert rows[0].group_id == seeded.group_id


def test_empty_note_and_unknown_visibility_are_refused_at_their_fields(sessions):
    seeded = seed_group(sessions, meetings=1)
    with pytest.raises(ValidationError) as empty:
        notes.add_note(sessions, seeded.meeting_ids[0], "   ")
    assert "body" in empty.value.fields
    with pytest.raises(ValidationError) as odd:
        notes.add_note(sessions, seeded.meeting_ids[0], "x", "everyone")
    assert "visibility" in odd.value.fields
    assert notes.meeting_notes(sessions, seeded.meeting_ids[0]) == []


def test_edited_note_keeps_its_id_and_a_deleted_note_disappears(sessions):
    seeded = seed_group(sessions, meetings=1)
    note = notes.add_note(sessions, seeded.meeting_ids[0], "draft")
    edited = notes.update_note(sessions, note.id, "final", NoteVisibility.PROJECT)
    assert (edited.id, edited.body, edited.visibility) == (note.id, "final", "project")
    notes.delete_note(sessions, note.id)
    assert notes.meeting_notes(sessions, seeded.meeting_ids[0]) == []
    with pytest.raises(NotFound):
        notes.update_note(sessions, note.id, "again")
