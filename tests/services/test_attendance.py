"""Marking attendance at a meeting: statuses, times, minutes, newcomers, the register."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from meeting_fixtures import seed_group, set_membership, set_status
from pierglass_desktop.domain.enums import AttendanceStatus, MeetingStatus
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.models import Attendance, Meeting, Membership, Participant
from pierglass_desktop.services import at_risk, attendance
from pierglass_desktop.services import register as register_service

P = AttendanceStatus


def test_tutor_marks_late_arrival_and_hours_drop(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    row = attendance.mark(sessions, meeting, liisa, P.LATE, arrived_at=time(17, 25))
    assert row.status == P.LATE
    assert row.minutes_attended == 180 - 25


def test_present_without_times_counts_the_whole_meeting(sessions):
    seeded = seed_group(sessions, meetings=1)
    row = attendance.mark(sessions, seeded.meeting_ids[0], seeded.participant_ids[0], P.PRESENT)
    assert row.minutes_attended == 180


def test_times_outside_the_meeting_are_clamped(sessions):
    seeded = seed_group(sessions, meetings=1)
    row = attendance.mark(
        sessions,
        seeded.meeting_ids[0],
        seeded.participant_ids[0],
        P.LEFT_EARLY,
        arrived_at=time(16, 30),
        left_at=time(21, 0),
    )
    assert row.minutes_attended == 180


def test_leaving_before_arriving_is_refused_at_the_leaving_field(sessions):
    seeded = seed_group(sessions, meetings=1)
    with pytest.raises(ValidationError) as caught:
        attendance.mark(
            sessions,
            seeded.meeting_ids[0],
            seeded.participant_ids[0],
            P.LATE,
            arrived_at=time(18, 0),
            left_at=time(17, 30),
        )
    assert set(caught.value.fields) == {"left_at"}
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Attendance)) == 0


def test_excused_and_absent_attend_no_minutes_and_drop_times(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, jussi = seeded.meeting_ids[0], seeded.participant_ids[1]
    attendance.mark(sessions, meeting, jussi, P.LATE, arrived_at=time(17, 30))
    row = attendance.mark(sessions, meeting, jussi, P.EXCUSED)
    assert (row.minutes_attended, row.arrived_at, row.left_at) == (0, None, None)


def test_one_key_cycles_through_every_status_and_back(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, mikko = seeded.meeting_ids[0], seeded.participant_ids[2]
    seen = [attendance.cycle_status(sessions, meeting, mikko).status for _ in range(6)]
    assert seen == [P.PRESENT, P.LATE, P.LEFT_EARLY, P.EXCUSED, P.ABSENT, P.PRESENT]


def test_everyone_present_keeps_the_exceptions_already_marked(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting = seeded.meeting_ids[0]
    attendance.mark(sessions, meeting, seeded.participant_ids[1], P.EXCUSED)
    rows = attendance.everyone_present(sessions, meeting)
    statuses = {r.participant_id: r.status for r in rows}
    assert statuses[seeded.participant_ids[1]] == P.EXCUSED
    assert [statuses[p] for p in seeded.participant_ids if p != seeded.participant_ids[1]] == [
        P.PRESENT
    ] * 3


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_a_mark_is_committed_before_the_function_returns(sessions, db_path):
    seeded = seed_group(sessions, meetings=1)
    attendance.mark(sessions, seeded.meeting_ids[0], seeded.participant_ids[0], P.PRESENT)
    # Another connection (as after a crash and restart) already sees it.
    with sqlite3.connect(db_path) as other:
        assert other.execute("SELECT status FROM attendance").fetchall() == [("present",)]


def test_newcomer_becomes_participant_and_member_from_the_meetings_day(sessions):
    seeded = seed_group(sessions, meetings=2)
    meeting = seeded.meeting_ids[1]
    row = attendance.add_newcomer(sessions, meeting, " Sanna ", "Virta", "Virran Hoiva")
    assert (row.name, row.company, row.status) == ("Sanna Virta", "Virran Hoiva", P.PRESENT)
    with sessions() as s:
        membership = s.scalars(
            select(Membership).where(Membership.participant_id == row.participant_id)
        ).one()
        assert membership.joined_on == s.get(Meeting, meeting).starts_at.date()
    names = [r.name for r in attendance.meeting_attendance(sessions, meeting)]
    assert "Sanna Virta" in names


def test_newcomer_gets_a_pseudonym_code_like_everyone_else(sessions):
    seeded = seed_group(sessions, meetings=1)
    row = attendance.add_newcomer(sessions, seeded.meeting_ids[0], "Sanna")
    with sessions() as s:
        person = s.get(Participant, row.participant_id)
    assert re.fullmatch(r"P-[2-9A-Z]{5}", person.pseudonym)
    assert person.last_name == ""  # a first name is enough at the door


def test_newcomer_with_a_mistyped_email_is_refused_under_the_field(db_path, sessions):
    seeded = seed_group(sessions, meetings=1)
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    before = [f.read_bytes() if f.exists() else None for f in files]
    with pytest.raises(ValidationError) as caught:
        attendance.add_newcomer(
            sessions, seeded.meeting_ids[0], "Sanna", "Virta", email="sanna.virta@@example"
        )
    assert "email" in caught.value.fields and "@" in caught.value.fields["email"]
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 4
    assert [f.read_bytes() if f.exists() else None for f in files] == before


def test_newcomer_without_a_first_name_is_refused_and_nothing_is_created(sessions):
    seeded = seed_group(sessions, meetings=1)
    with pytest.raises(ValidationError) as caught:
        attendance.add_newcomer(sessions, seeded.meeting_ids[0], "  ", "Virta")
    assert "first_name" in caught.value.fields
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 4


def test_someone_outside_the_group_cannot_be_marked(sessions):
    seeded = seed_group(sessions, meetings=1)
    other = seed_group(sessions, meetings=1, name="Other")
    with pytest.raises(ValidationError):
        attendance.mark(sessions, seeded.meeting_ids[0], other.participant_ids[0], P.PRESENT)


def test_register_is_blank_before_joining_and_after_leaving(sessions):
    seeded = seed_group(sessions, meetings=4, held=4)
    liisa, jussi = seeded.participant_ids[:2]
    # Liisa joins at meeting 2; Jussi leaves after meeting 2.
    set_membership(sessions, seeded.group_id, liisa, date(2026, 10, 1))
    set_membership(sessions, seeded.group_id, jussi, date(2026, 9, 3), date(2026, 10, 1))
    for meeting in seeded.meeting_ids[1:]:
        attendance.mark(sessions, meeting, liisa, P.PRESENT)
    attendance.mark(sessions, seeded.meeting_ids[0], jussi, P.PRESENT)
    register = register_service.attendance_register(sessions, seeded.group_id)
    rows = {
        m.participant_id: (m, cells)
        for m, cells in zip(register.members, register.cells, strict=True)
    }
    liisa_member, liisa_cells = rows[liisa]
    assert [c.in_period for c in liisa_cells] == [False, True, True, True]
    assert (liisa_member.possible, liisa_member.attended, liisa_member.rate) == (3, 3, 1.0)
    assert liisa_member.hours == 9.0
    jussi_member, jussi_cells = rows[jussi]
    assert [c.in_period for c in jussi_cells] == [True, True, False, False]
    assert (jussi_member.possible, jussi_member.attended, jussi_member.rate) == (2, 1, 0.5)


def test_register_counts_only_held_meetings(sessions):
    seeded = seed_group(sessions, meetings=3, held=2)
    set_status(sessions, seeded.meeting_ids[1], MeetingStatus.CANCELLED)
    register = register_service.attendance_register(sessions, seeded.group_id)
    assert [m.id for m in register.meetings] == [seeded.meeting_ids[0]]
    assert register.members[0].possible == 1


def test_member_who_missed_the_last_three_is_at_risk_but_a_newcomer_is_not(sessions):
    seeded = seed_group(sessions, meetings=4, held=4)
    liisa, jussi, mikko, sanna = seeded.participant_ids
    set_membership(sessions, seeded.group_id, sanna, date(2026, 11, 26))  # joined at the last
    for meeting in seeded.meeting_ids:
        attendance.mark(sessions, meeting, liisa, P.PRESENT)
    attendance.mark(sessions, seeded.meeting_ids[0], mikko, P.PRESENT)  # then missed three
    set_membership(sessions, seeded.group_id, jussi, date(2026, 9, 3), date(2026, 10, 1))
    register = register_service.attendance_register(sessions, seeded.group_id)
    risky = at_risk.members_at_risk(register, threshold=0.5, window=3)
    assert [(r.participant_id, r.missed) for r in risky] == [(mikko, 3)]


@settings(max_examples=60, deadline=None)
@given(
    arrive=st.one_of(st.none(), st.times()),
    leave=st.one_of(st.none(), st.times()),
    status=st.sampled_from(list(P)),
)
def test_minutes_stay_within_the_meeting_for_any_times(arrive, leave, status):
    from datetime import datetime

    meeting = Meeting(group_id="g", starts_at=datetime(2026, 9, 3, 17, 0), planned_minutes=180)
    minutes = attendance.minutes_attended(meeting, status, arrive, leave)
    assert 0 <= minutes <= 180
    if status in (P.EXCUSED, P.ABSENT):
        assert minutes == 0


def test_a_cancelled_session_takes_no_attendance(sessions):
    seeded = seed_group(sessions, meetings=1)
    set_status(sessions, seeded.meeting_ids[0], MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError) as caught:
        attendance.mark(sessions, seeded.meeting_ids[0], seeded.participant_ids[0], P.PRESENT)
    assert "cancelled" in str(caught.value)


def test_registers_built_together_keep_each_group_to_itself(sessions):
    from datetime import datetime

    from pierglass_desktop.services.attendance import everyone_present
    from pierglass_desktop.services.register import attendance_registers

    pori = seed_group(sessions, meetings=2, held=2)
    vaasa = seed_group(
        sessions,
        meetings=3,
        held=3,
        name="Jalkahoitajat, Vaasa",
        members=(("Aila", "Aho", "Aho Oy"), ("Ben", "Berg", "Berg Ab")),
        first=datetime(2026, 8, 6, 17, 0),
    )
    everyone_present(sessions, pori.meeting_ids[0])
    everyone_present(sessions, vaasa.meeting_ids[2])

    registers = attendance_registers(sessions, [pori.group_id, vaasa.group_id])

    assert {m.participant_id for m in registers[pori.group_id].members} == set(pori.participant_ids)
    assert {m.participant_id for m in registers[vaasa.group_id].members} == set(
        vaasa.participant_ids
    )
    assert [m.id for m in registers[vaasa.group_id].meetings] == vaasa.meeting_ids
    assert [m.id for m in registers[pori.group_id].meetings] == pori.meeting_ids
    assert [m.attended for m in registers[vaasa.group_id].members] == [1, 1]
    assert all(m.attended == 1 for m in registers[pori.group_id].members)
    # The same figures as one group's register on its own.
    assert registers[vaasa.group_id] == register_service.attendance_register(
        sessions, vaasa.group_id
    )
