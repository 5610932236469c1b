"""The run-session screen reads everything it shows in one call and one read transaction."""

from __future__ import annotations

from sqlalchemy import event

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.services import attendance, commitments, notes, running


def test_run_screen_reads_the_meeting_once_in_one_transaction(database, sessions):
    seeded = seed_group(sessions, meetings=2, held=1)
    first, second = seeded.meeting_ids
    liisa, jussi = seeded.participant_ids[:2]
    commitments.save_commitment(sessions, first, jussi, "Describe one service")
    commitments.save_commitment(sessions, second, liisa, "Try e-invoicing")
    attendance.mark(sessions, second, liisa, AttendanceStatus.PRESENT)
    notes.add_note(sessions, second, "Good energy")

    begins: list[str] = []
    statements: list[str] = []
    event.listen(database.engine, "begin", lambda conn: begins.append("begin"))

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        screen = running.run_screen(sessions, second)
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)
    assert len(begins) == 1
    meeting_reads = [q for q in statements if q.lstrip().startswith("SELECT meetings.")]
    assert len(meeting_reads) <= 2  # this meeting, and the one before for the follow-ups

    assert screen.header.number == 2 and screen.header.group_name == "Kotihoidon yrittäjät, Pori"
    assert [row.title for row in screen.agenda][:2] == ["Check-in round", "Peer consultation"]
    assert {row.name: row.status for row in screen.roster}[
        "Liisa Laine"
    ] == AttendanceStatus.PRESENT
    assert [note.body for note in screen.notes] == ["Good energy"]
    assert [c.text for c in screen.commitments] == ["Try e-invoicing"]
    assert [c.text for c in screen.follow_ups] == ["Describe one service"]
    assert not screen.lock.locked and screen.feedback.slips == 0 and screen.evidence == ()
    assert screen.timer == running.TimerState(None, None)
