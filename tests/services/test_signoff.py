"""Signing a meeting off locks it; corrections need an unlock and leave an audit trail."""

from __future__ import annotations

from datetime import time

import pytest

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus, NoteVisibility
from pierglass_desktop.domain.errors import Conflict, ValidationError
from pierglass_desktop.services import attendance, commitments, feedback, notes, signoff


def test_signed_off_meeting_refuses_changes_until_unlocked_and_audits_them(sessions):
    seeded = seed_group(sessions, meetings=1, held=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    attendance.mark(sessions, meeting, liisa, AttendanceStatus.PRESENT)
    state = signoff.sign_off(sessions, meeting, actor="Aino")
    assert state.locked and state.locked_by == "Aino"
    for change in (
        lambda: attendance.mark(sessions, meeting, liisa, AttendanceStatus.ABSENT),
        lambda: attendance.cycle_status(sessions, meeting, liisa),
        lambda: notes.add_note(sessions, meeting, "late note", NoteVisibility.GROUP),
        lambda: commitments.save_commitment(sessions, meeting, liisa, "x"),
        lambda: feedback.add_feedback(sessions, meeting, 5, 5),
    ):
        with pytest.raises(Conflict):
            change()
    assert attendance.meeting_attendance(sessions, meeting)[1].status == AttendanceStatus.PRESENT

    signoff.unlock(sessions, meeting, "Liisa arrived late after all", actor="Aino")
    attendance.mark(
        sessions, meeting, liisa, AttendanceStatus.LATE, arrived_at=time(17, 30), actor="Aino"
    )
    trail = signoff.audit_trail(sessions, meeting)
    assert [(e.action, e.actor) for e in trail] == [
        ("sign_off", "Aino"),
        ("unlock", "Aino"),
        ("change", "Aino"),
    ]
    change = trail[-1]
    assert change.entity == "attendance"
    assert (change.before["status"], change.after["status"]) == ("present", "late")
    assert change.after["minutes_attended"] == 150
    assert trail[1].reason == "Liisa arrived late after all"


def test_changes_before_sign_off_are_not_audited(sessions):
    seeded = seed_group(sessions, meetings=1, held=1)
    meeting = seeded.meeting_ids[0]
    attendance.everyone_present(sessions, meeting)
    assert signoff.audit_trail(sessions, meeting) == []


def test_planned_meeting_cannot_be_signed_off_and_unlock_needs_a_reason(sessions):
    seeded = seed_group(sessions, meetings=1, held=0)
    with pytest.raises(Conflict):
        signoff.sign_off(sessions, seeded.meeting_ids[0])
    with pytest.raises(ValidationError) as caught:
        signoff.unlock(sessions, seeded.meeting_ids[0], "  ")
    assert "reason" in caught.value.fields
