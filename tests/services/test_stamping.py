"""Every write path stamps synced rows by the one rule sync relies on: UTC ms and the
installation id."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select, text

from pierglass_desktop.domain import base
from pierglass_desktop.domain.base import stamp, to_stamp
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.domain.meetings import Attendance, Meeting
from pierglass_desktop.domain.people import Group
from pierglass_desktop.services import attendance
from pierglass_desktop.services.groups import GroupInput, create_group, update_group
from pierglass_desktop.services.members import add_member
from pierglass_desktop.services.participants import ParticipantInput, create_participant
from pierglass_desktop.storage.database import open_database

MARK = 777_000  # microseconds only the patched rule produces


@pytest.fixture
def marked_clock(monkeypatch):
    """The rule's clock leaves a mark, so rows stamped around the rule show."""
    real = base.utcnow
    monkeypatch.setattr(base, "utcnow", lambda: real().replace(microsecond=MARK))


@pytest.fixture
def marked_history(monkeypatch):
    """Given moments (history the demo writes) pass the rule's conversion, which marks them."""
    real = base.to_stamp
    monkeypatch.setattr(base, "to_stamp", lambda moment: real(moment).replace(microsecond=MARK))


def test_the_rule_keeps_utc_milliseconds_the_origin_and_the_first_creation_time():
    helsinki = datetime(2026, 11, 30, 19, 5, 1, 123456).astimezone()
    row = stamp({"created_at": None}, "install-1", helsinki)
    assert row["updated_at"] == to_stamp(helsinki)
    assert row["updated_at"].tzinfo == UTC and row["updated_at"].microsecond == 123000
    assert row["origin"] == "install-1" and row["created_at"] == row["updated_at"]
    later = stamp(dict(row), "install-2", helsinki + timedelta(hours=1))
    assert later["created_at"] == row["created_at"] and later["origin"] == "install-2"
    with pytest.raises(ValueError):
        to_stamp(datetime(2026, 11, 30, 19, 5))


def test_an_edit_through_the_orm_is_stamped_by_the_rule(database, marked_clock):
    group = create_group(database.sessions, GroupInput("Pori"))
    update_group(database.sessions, group.id, GroupInput("Pori, syksy"))
    with database.sessions() as s:
        saved = s.get(Group, group.id)
    # The marked moment, or a millisecond after the creation's when both fell in one second.
    assert saved.updated_at.microsecond in (MARK, MARK + 1000)
    assert saved.updated_at > group.updated_at
    assert saved.origin == database.installation_id


def test_an_attendance_mark_written_by_upsert_is_stamped_by_the_rule(database, marked_clock):
    sessions = database.sessions
    group = create_group(sessions, GroupInput("Pori"))
    aino = create_participant(sessions, ParticipantInput("Aino", "Aaltonen"))
    add_member(sessions, group.id, aino.id, date(2026, 9, 1))
    with sessions.begin() as s:
        meeting = Meeting(group_id=group.id, starts_at=datetime.combine(date(2026, 9, 3), time(17)))
        s.add(meeting)
    attendance.mark(sessions, meeting.id, aino.id, AttendanceStatus.PRESENT)
    with sessions() as s:
        mark = s.scalars(select(Attendance)).one()
    assert mark.updated_at.microsecond == MARK
    assert mark.origin == database.installation_id


def test_every_row_of_the_demo_bulk_insert_is_stamped_by_the_rule(tmp_path, marked_history):
    from pierglass_desktop.demo.generator import build_demo
    from pierglass_desktop.storage.builtin_instruments import instrument_id

    db = open_database(tmp_path / "demo.sqlite3")
    try:
        build_demo(db.sessions, groups=1, seed=3, today=date(2026, 11, 28))
        with db.sessions() as s:
            tables = [
                table.name
                for table in base.Base.metadata.sorted_tables
                if "origin" in table.c and s.scalar(text(f"SELECT count(*) FROM {table.name}"))
            ]
            assert "attendance" in tables and "meetings" in tables
            # Built-in questionnaires carry the stamp of their shipped file, not the demo's.
            shipped = {instrument_id("who5"), instrument_id("selfassessment")}
            for name in tables:
                stray = s.scalars(
                    text(
                        f"SELECT id FROM {name} "
                        "WHERE updated_at NOT LIKE '%.777000' OR origin != :origin"
                    ),
                    {"origin": db.installation_id},
                ).all()
                assert set(stray) <= (shipped if name == "instruments" else set()), name
    finally:
        db.close(automatic_backup=False)
