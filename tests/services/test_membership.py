"""One definition of "member on a day" and of the lead tutor, whoever asks."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest

from pierglass_desktop.cli import main
from pierglass_desktop.domain.enums import TutorRole
from pierglass_desktop.domain.meetings import Meeting
from pierglass_desktop.reports.signin import write_signin_sheet
from pierglass_desktop.services import groups as group_service
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.services.members import add_member, end_membership, remove_membership
from pierglass_desktop.services.membership import group_tutor_names, members_on
from pierglass_desktop.services.participants import ParticipantInput, create_participant
from pierglass_desktop.services.tutors import assign_new_tutor
from pierglass_desktop.storage.database import open_database

TODAY = date.today()
LONG_AGO = TODAY - timedelta(days=60)


def _person(sessions, first: str, last: str) -> str:
    return create_participant(sessions, ParticipantInput(first, last)).id


@pytest.fixture
def project(db_path):
    """A group with a steady member, two late joiners, two leavers and a deleted membership;
    a co-tutor whose name sorts before the lead's, and a session today."""
    db = open_database(db_path)
    sessions = db.sessions
    group = create_group(sessions, GroupInput("Kotihoidon yrittäjät, Pori"))
    steady = _person(sessions, "Aino", "Aaltonen")
    add_member(sessions, group.id, steady, LONG_AGO)
    late = _person(sessions, "Jussi", "Mäkelä")  # joins tomorrow: not yet a member
    add_member(sessions, group.id, late, TODAY + timedelta(days=1))
    later = _person(sessions, "Mikko", "Koski")  # signed up for next month
    add_member(sessions, group.id, later, TODAY + timedelta(days=30))
    gone = _person(sessions, "Liisa", "Laine")  # left yesterday
    gone_row = add_member(sessions, group.id, gone, LONG_AGO)
    end_membership(sessions, gone_row.membership_id, TODAY - timedelta(days=1))
    last_day = _person(sessions, "Pekka", "Ojala")  # leaves today: still here today
    last_row = add_member(sessions, group.id, last_day, LONG_AGO)
    end_membership(sessions, last_row.membership_id, TODAY)
    mistake = _person(sessions, "Sari", "Niemi")  # added by mistake and removed
    remove_membership(sessions, add_member(sessions, group.id, mistake, LONG_AGO).membership_id)
    assign_new_tutor(sessions, group.id, "Aaro Co", role=TutorRole.CO_TUTOR)
    assign_new_tutor(sessions, group.id, "Veera Lead", role=TutorRole.LEAD)
    with sessions.begin() as s:
        meeting = Meeting(group_id=group.id, starts_at=datetime.combine(TODAY, time(17)))
        s.add(meeting)
        s.flush()
        meeting_id = meeting.id
    with sessions() as s:
        expected = {p.full_name for p in members_on(s, group.id, TODAY)}
        tutors = group_tutor_names(s, group.id)
    yield db, group.id, meeting_id, expected, tutors
    db.close(automatic_backup=False)


def test_groups_page_list_command_and_sign_in_sheet_agree_on_members_and_lead(
    project, db_path, capsysbinary
):
    from PySide6.QtCore import Qt

    from pierglass_desktop.ui.models.groups import group_model

    db, _group_id, meeting_id, expected, tutors = project
    assert expected == {"Aino Aaltonen", "Pekka Ojala"}
    assert tutors == ("Veera Lead", "Aaro Co")

    model = group_model()
    model.set_rows(group_service.list_groups(db.sessions))
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    members_column, tutors_column = headers.index("Members"), headers.index("Tutors")
    assert model.index(0, members_column).data() == "2"
    assert model.index(0, tutors_column).data() == "Veera Lead, Aaro Co"

    from pypdf import PdfReader

    printed = write_signin_sheet(db.sessions, db_path.with_name("signin.pdf"), meeting_id)
    text = " ".join(page.extract_text() for page in PdfReader(printed).pages)
    assert all(name in text for name in expected)
    assert not any(name in text for name in ("Jussi", "Mikko", "Liisa", "Sari"))
    assert text.index("Veera Lead") < text.index("Aaro Co")

    db.close(automatic_backup=False)
    assert main(["list", "groups", "--database", str(db_path), "--json"]) == 0
    (listed,) = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert listed["members"] == 2
    assert listed["tutors"] == ["Veera Lead", "Aaro Co"]
