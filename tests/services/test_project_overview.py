"""Pekka sees every group of the project with its tutor, where it came from and its numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update
from tests.meeting_fixtures import seed_group

from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.domain.models import Attendance, Group, ImportRecord, Participant
from pierglass_desktop.services.project_overview import project_groups

LAPTOP = "7d1c2a50-0000-4000-8000-000000000001"


def test_coordinator_sees_groups_with_origin_last_import_and_hours(sessions):
    own = seed_group(sessions, meetings=3, held=0, name="Own group")
    imported = seed_group(sessions, meetings=3, held=2, name="Aino's group")
    with sessions.begin() as s:
        s.info["keep_stamps"] = True  # as an importer would: the tutor's stamps stay
        s.execute(update(Group).where(Group.id == imported.group_id).values(origin=LAPTOP))
        for meeting, status, minutes in (
            (imported.meeting_ids[0], AttendanceStatus.PRESENT, 180),
            (imported.meeting_ids[1], AttendanceStatus.LATE, 150),
            (imported.meeting_ids[1], AttendanceStatus.ABSENT, 0),
        ):
            person = imported.participant_ids[0 if status != AttendanceStatus.ABSENT else 1]
            s.add(
                Attendance(
                    meeting_id=meeting,
                    participant_id=person,
                    status=status,
                    minutes_attended=minutes,
                )
            )
        # A mark at a planned meeting does not count as hours yet.
        s.add(
            Attendance(
                meeting_id=imported.meeting_ids[2],
                participant_id=imported.participant_ids[2],
                status=AttendanceStatus.PRESENT,
                minutes_attended=180,
            )
        )
        for name, day in (("aino-october.xlsx", 1), ("aino-november.xlsx", 28)):
            s.add(
                ImportRecord(
                    kind="sync",
                    filename=name,
                    sha256=name,
                    source_origin=LAPTOP,
                    imported_at=datetime(2026, 11, day, 9, 0, tzinfo=UTC),
                )
            )
        s.get(Participant, own.participant_ids[0]).deleted_at = datetime.now(UTC)

    rows = {r.name: r for r in project_groups(sessions, today=date(2026, 10, 1))}

    aino = rows["Aino's group"]
    assert aino.tutors == ("Aino Aaltonen",)
    assert (aino.origin, aino.here) == (LAPTOP, False)
    assert aino.last_import.filename == "aino-november.xlsx"
    assert (aino.members, aino.meetings_held) == (4, 2)
    assert aino.participant_minutes == 330
    mine = rows["Own group"]
    assert mine.here and mine.last_import is None
    assert (mine.members, mine.meetings_held, mine.participant_minutes) == (3, 0, 0)
