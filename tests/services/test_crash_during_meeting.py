"""A dead battery in the middle of a meeting loses nothing the screen showed as saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.services import attendance, notes
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import open_database

CHILD = textwrap.dedent(
    """
    import sys, time
    from pierglass_desktop.services import attendance, notes
    from pierglass_desktop.storage.database import open_database

    db = open_database(sys.argv[1])
    meeting, people = sys.argv[2], sys.argv[3:]
    for number in range(10_000):
        person = people[number % len(people)]
        row = attendance.cycle_status(db.sessions, meeting, person)
        note = notes.add_note(db.sessions, meeting, f"note {number}")
        print(person, row.status, note.id, flush=True)  # what the screen would show as saved
    time.sleep(60)
    """
)


@pytest.mark.slow
def test_kill_9_mid_meeting_keeps_every_saved_mark_and_note(db_path):
    db = open_database(db_path)
    seeded = seed_group(db.sessions, meetings=1)
    db.close(automatic_backup=False)
    meeting = seeded.meeting_ids[0]
    env = {**os.environ, "PYTHONPATH": str(Path(attendance.__file__).parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), meeting, *seeded.participant_ids],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    shown = [child.stdout.readline().split() for _ in range(40)]
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert check_database(db_path).ok
    db = open_database(db_path)
    try:
        saved_notes = {n.id for n in notes.meeting_notes(db.sessions, meeting)}
        assert {note_id for _p, _s, note_id in shown} <= saved_notes
        marks = {
            r.participant_id: r.status for r in attendance.meeting_attendance(db.sessions, meeting)
        }
        # Marks come just before each note: the child died after n or n + 1 marks.
        n = len(saved_notes)
        people = seeded.participant_ids
        assert marks in (_expected(people, n), _expected(people, n + 1))
    finally:
        db.close(automatic_backup=False)


def _expected(people: list[str], marks_made: int) -> dict[str, AttendanceStatus]:
    cycles = {person: 0 for person in people}
    for number in range(marks_made):
        cycles[people[number % len(people)]] += 1
    return {p: attendance.CYCLE[(c - 1) % len(attendance.CYCLE)] for p, c in cycles.items()}


TIMER_CHILD = textwrap.dedent(
    """
    import sys, time
    from pierglass_desktop.services import running
    from pierglass_desktop.storage.database import open_database

    db = open_database(sys.argv[1])
    meeting, items = sys.argv[2], sys.argv[3:]
    for number in range(1, 10_000):
        # The tutor moves on: the item left keeps its minutes, the next one runs.
        left, now_on = items[(number - 1) % len(items)], items[number % len(items)]
        running.keep_timer(
            db.sessions, meeting, now_on, running_seconds=90.0, now=time.time(),
            kept={left: number % 60},
        )
        print(number, flush=True)  # what the screen would show as saved
    time.sleep(60)
    """
)


@pytest.mark.slow
def test_kill_9_mid_item_reopens_on_the_running_item_with_every_kept_minute(db_path):
    from pierglass_desktop.services import running

    db = open_database(db_path)
    seeded = seed_group(db.sessions, meetings=1)
    db.close(automatic_backup=False)
    meeting = seeded.meeting_ids[0]
    items = seeded.agenda_ids[meeting]
    env = {**os.environ, "PYTHONPATH": str(Path(attendance.__file__).parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", TIMER_CHILD, str(db_path), meeting, *items],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    shown = [int(child.stdout.readline()) for _ in range(30)][-1]
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert check_database(db_path).ok
    db = open_database(db_path)
    try:
        timer = running.meeting_timer(db.sessions, meeting)
        # The child died after the step it showed, or during the next one.
        saved = next(n for n in (shown + 1, shown) if timer.item_id == items[n % len(items)])
        clock = running.AgendaClock(running.meeting_agenda(db.sessions, meeting), timer=timer)
        assert clock.running and clock.index == saved % len(items)
        assert clock.elapsed_seconds() >= 90
        kept = {row.id: row.actual_minutes for row in running.meeting_agenda(db.sessions, meeting)}
        for number in range(saved - len(items) + 2, saved + 1):
            assert kept[items[(number - 1) % len(items)]] == number % 60
    finally:
        db.close(automatic_backup=False)
