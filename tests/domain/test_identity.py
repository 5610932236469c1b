"""Sync identity: ids never collide, attendance ids are the same on every machine."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from pierglass_desktop.domain.base import PIERGLASS_NAMESPACE, derived_id
from pierglass_desktop.domain.models import (
    Attendance,
    Group,
    Meeting,
    Participant,
    attendance_id,
)


def test_attendance_id_is_derived_from_meeting_and_person():
    assert attendance_id("m1", "p1") == attendance_id("m1", "p1")
    assert attendance_id("m1", "p1") != attendance_id("m1", "p2")
    assert Attendance(meeting_id="m1", participant_id="p1", status="present").id == (
        attendance_id("m1", "p1")
    )


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_derived_ids_are_the_standard_name_based_uuids(parts):
    # Ids already written by every installation must stay the same: uuid5 of the joined parts.
    expected = uuid.uuid5(PIERGLASS_NAMESPACE, "/".join(parts))
    assert derived_id(*parts) == str(expected)
    assert uuid.UUID(derived_id(*parts)).version == 5


def test_one_mark_per_person_per_meeting(database):
    from datetime import datetime

    with database.sessions.begin() as session:
        group = Group(name="Hyvinvointialan pienyritykset")
        person = Participant(first_name="Liisa", last_name="Mäkelä")
        session.add_all([group, person])
        session.flush()
        meeting = Meeting(group_id=group.id, starts_at=datetime(2026, 12, 3, 17, 0))
        session.add(meeting)
        session.flush()
        session.add(Attendance(meeting_id=meeting.id, participant_id=person.id, status="present"))
    with pytest.raises(IntegrityError), database.sessions.begin() as session:
        duplicate = Attendance(
            meeting_id=meeting.id, participant_id=person.id, status="late", id="other-id"
        )
        session.add(duplicate)


def test_membership_covers_its_period_only():
    from pierglass_desktop.domain.models import Membership

    member = Membership(joined_on=date(2026, 3, 1), left_on=date(2026, 9, 30))
    assert not member.covers(date(2026, 2, 28))
    assert member.covers(date(2026, 3, 1))
    assert member.covers(date(2026, 9, 30))
    assert not member.covers(date(2026, 10, 1))
