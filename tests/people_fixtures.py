"""A small demo project with one person whose data reaches every table that can hold it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pierglass_desktop.domain.meetings import (
    AgendaItem,
    Attendance,
    Commitment,
    MeetingFeedback,
    Note,
)
from pierglass_desktop.domain.people import Participant
from pierglass_desktop.domain.records import AuditEntry

NAME = ("Zyxwvut", "Qwertyson")
EMAIL = "zq.unique@example.fi"
PHONE = "+358 40 987 6543"
BUSINESS_ID = "7654321-2"  # a valid check digit
COMPANY = "Qwertyson Hoiva Tmi"


@dataclass
class Project:
    path: Path
    person_id: str
    other_id: str


def _valid_business_id() -> str:
    from pierglass_desktop.domain.rules import is_valid_business_id

    assert is_valid_business_id(BUSINESS_ID), BUSINESS_ID
    return BUSINESS_ID


@pytest.fixture
def project(tmp_path) -> Project:
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.storage.database import open_database

    path = tmp_path / "project.sqlite3"
    create_demo_database(path, groups=1, seed=3)
    db = open_database(path)
    try:
        with db.sessions.begin() as s:
            # The member with the most attendance marks becomes our distinctive person.
            person_id, _n = s.execute(
                select(Attendance.participant_id, func.count())
                .group_by(Attendance.participant_id)
                .order_by(func.count().desc())
            ).first()
            person = s.get(Participant, person_id)
            person.first_name, person.last_name = NAME
            person.email, person.phone = EMAIL, PHONE
            person.business_id, person.company_name = _valid_business_id(), COMPANY
            other = s.scalars(select(Participant).where(Participant.id != person_id)).first()
            note = s.scalars(select(Note)).first()
            s.add(
                Note(
                    group_id=note.group_id,
                    participant_id=other.id,
                    body=f"Paired with zyxwvut  QWERTYSON today; {other.first_name} led.",
                )
            )
            s.add(Note(group_id=note.group_id, participant_id=person_id, body="Own note."))
            item = s.scalars(select(AgendaItem)).first()
            item.responsible_participant_id = person_id
            item.responsible = f"{NAME[0]} {NAME[1]}"
            # Texts about others that name her in full, in every kind that can.
            another = s.scalars(select(AgendaItem).where(AgendaItem.id != item.id)).first()
            another.purpose = f"Vertaisesimerkki: {NAME[0]} {NAME[1]} kertoo kokemuksestaan."
            s.add(
                Commitment(
                    meeting_id=another.meeting_id,
                    participant_id=other.id,
                    text=f"Soitan {NAME[0]} {NAME[1]} ennen seuraavaa tapaamista.",
                )
            )
            theirs = s.scalars(select(Attendance).where(Attendance.participant_id == other.id))
            theirs.first().remark = f"Tuli yhdessä {NAME[0].upper()} {NAME[1].upper()} kanssa"
            s.add(
                MeetingFeedback(
                    meeting_id=another.meeting_id,
                    usefulness=5,
                    atmosphere=5,
                    comment=f"Kiitos {NAME[0]} {NAME[1]}, hyvä vinkki!",
                )
            )
            mark = s.scalars(
                select(Attendance).where(Attendance.participant_id == person_id)
            ).first()
            s.add(
                AuditEntry(
                    action="change",
                    entity="attendance",
                    entity_id=mark.id,
                    before={"remark": f"{EMAIL} late", "participant_id": person_id},
                    after={"remark": ""},
                )
            )
        return Project(path, person_id, other.id)
    finally:
        db.close(automatic_backup=False)
