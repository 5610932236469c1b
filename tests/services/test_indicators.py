"""The project's indicators counted on a small database built by hand."""

from datetime import date, datetime

import pytest

from pierglass_desktop.domain.enums import (
    AttendanceStatus,
    CompanySize,
    ConsentScope,
    EducationBand,
    FollowUp,
    Gender,
    LabourStatus,
    MeetingStatus,
)
from pierglass_desktop.domain.meetings import Attendance, Commitment, Meeting
from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.services.indicators import NOT_KNOWN, indicators

BACKGROUND = {
    "gender": Gender.FEMALE,
    "birth_year": 1970,
    "labour_status": LabourStatus.EMPLOYED,
    "education": EducationBand.ISCED_5_8,
    "consent_scope": ConsentScope.REPORTING,
}


@pytest.fixture
def project(database):
    """Two groups. Ella is in both; Sami is a sole entrepreneur; Maija and Matti share one
    micro company; Kalle's company size is not recorded; Nina told nothing of her background
    and left group A early."""
    with database.sessions.begin() as s:
        a = Group(name="A", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
        b = Group(name="B", start_date=date(2026, 1, 1), end_date=date(2026, 12, 31))
        s.add_all([a, b])
        people = {
            "ella": Participant(first_name="Ella", last_name="E", **BACKGROUND),
            "sami": Participant(
                first_name="Sami",
                last_name="S",
                business_id="1234567-1",
                company_size=CompanySize.SOLE,
                **BACKGROUND,
            ),
            "maija": Participant(
                first_name="Maija",
                last_name="M",
                business_id="7654321-2",
                company_size=CompanySize.MICRO,
                **BACKGROUND,
            ),
            "matti": Participant(
                first_name="Matti",
                last_name="M",
                business_id="7654321-2",
                company_size=CompanySize.MICRO,
                **(BACKGROUND | {"birth_year": 2000}),
            ),
            "kalle": Participant(
                first_name="Kalle", last_name="K", business_id="1111111-1", **BACKGROUND
            ),
            "nina": Participant(first_name="Nina", last_name="N"),
        }
        s.add_all(people.values())
        s.flush()
        ids = {k: p.id for k, p in people.items()}
        joined = date(2026, 1, 10)
        for key in ("ella", "sami", "maija", "nina"):
            left = date(2026, 3, 1) if key == "nina" else None
            s.add(
                Membership(group_id=a.id, participant_id=ids[key], joined_on=joined, left_on=left)
            )
        for key in ("ella", "matti", "kalle"):
            s.add(Membership(group_id=b.id, participant_id=ids[key], joined_on=joined))
        meeting = Meeting(
            group_id=a.id,
            number=1,
            starts_at=datetime(2026, 2, 1, 17),
            planned_minutes=180,
            status=MeetingStatus.HELD,
        )
        s.add(meeting)
        s.flush()
        for key, status in (("ella", AttendanceStatus.PRESENT), ("sami", AttendanceStatus.ABSENT)):
            s.add(
                Attendance(
                    meeting_id=meeting.id,
                    participant_id=ids[key],
                    status=status,
                    minutes_attended=180 if status == AttendanceStatus.PRESENT else None,
                )
            )
        s.add(
            Commitment(
                meeting_id=meeting.id, participant_id=ids["ella"], text="x", follow_up=FollowUp.DONE
            )
        )
        s.add(
            Commitment(
                meeting_id=meeting.id,
                participant_id=ids["sami"],
                text="y",
                follow_up=FollowUp.NOT_DONE,
            )
        )
        ids["group_a"], ids["group_b"] = a.id, b.id
    return ids


def test_a_person_in_two_groups_counts_once(database, project):
    found = indicators(database.sessions)
    assert set(found.groups) == {project["group_a"], project["group_b"]}
    assert len(found.participants) == 6
    assert found.participants.count(project["ella"]) == 1


def test_sole_entrepreneur_is_self_employed_not_an_enterprise(database, project):
    found = indicators(database.sessions)
    assert found.self_employed == (project["sami"],)
    assert found.enterprises == {"7654321-2": tuple(sorted((project["maija"], project["matti"])))}
    assert found.enterprise_count == 1
    assert found.enterprise_size_unknown == {"1111111-1": (project["kalle"],)}


def test_missing_background_is_counted_as_not_known(database, project):
    found = indicators(database.sessions)
    assert found.by_gender[NOT_KNOWN] == (project["nina"],)
    assert found.by_age[NOT_KNOWN] == (project["nina"],)
    assert found.by_age["18_29"] == (project["matti"],)  # 2026 - 2000 = 26
    assert len(found.by_age["55_plus"]) == 4  # 2026 - 1970 = 56
    for breakdown in (found.by_gender, found.by_age, found.by_labour_status, found.by_education):
        assert sum(len(ids) for ids in breakdown.values()) == 6
    nina = next(m for m in found.missing if m.participant_id == project["nina"])
    assert set(nina.start) == {"gender", "birth_year", "labour_status", "education", "consent"}
    assert nina.end == ("who5_end",)  # she left and gave no end answers


def test_member_who_left_early_is_a_drop_out_and_counts_in_her_period(database, project):
    found = indicators(database.sessions)
    assert found.dropped_out == (project["nina"],)
    later = indicators(database.sessions, start=date(2026, 4, 1))
    assert project["nina"] not in later.participants
    assert later.dropped_out == ()


def test_meetings_hours_attendance_and_commitments(database, project):
    found = indicators(database.sessions)
    assert len(found.meetings_held) == 1
    assert found.participant_hours == 3
    assert found.possible == 4  # Ella, Sami, Maija, Nina were members on 1 February
    assert found.attended == (project["ella"],)
    assert found.attendance_rate == 0.25
    assert len(found.commitments) == 2 and len(found.followed_through) == 1
    before = indicators(database.sessions, end=date(2026, 1, 31))
    assert before.meetings_held == () and before.participant_minutes == 0


def test_wellbeing_change_in_a_period_starts_from_answers_given_before_it(database, project):
    from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
    from pierglass_desktop.services.answers import save_group_answers

    ella = project["ella"]
    for phase, value, day in (
        (AssessmentPhase.START, 2, date(2026, 1, 10)),
        (AssessmentPhase.END, 4, date(2026, 11, 1)),
    ):
        save_group_answers(
            database.sessions,
            project["group_a"],
            "who5",
            phase,
            day,
            FillMode.TOGETHER,
            {ella: {f"q{n}": value for n in range(1, 6)}},
        )
    found = indicators(database.sessions, start=date(2026, 6, 1), end=date(2026, 12, 31))
    assert found.wellbeing.change.participant_ids == (ella,)
    assert found.wellbeing.change.value == 40.0  # 40 -> 80
    assert found.wellbeing.change.shareable is None  # one person: never leaves the laptop
    before = indicators(database.sessions, end=date(2026, 6, 1))
    assert before.wellbeing.change.count == 0  # the end answers came after this period
