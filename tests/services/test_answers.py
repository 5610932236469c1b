"""A tutor enters a whole group's questionnaire answers at one time point."""

from datetime import date

import pytest
from sqlalchemy import select

from meeting_fixtures import seed_group
from pierglass_desktop.domain.assessment import Answer, AssessmentResponse
from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.services.answers import answer_sheet, save_group_answers

DAY = date(2026, 9, 3)


def test_tutor_saves_a_groups_who5_answers_and_scores_appear(database):
    seeded = seed_group(database.sessions)
    first, second, *_ = seeded.participant_ids
    values = {
        first: {"q1": 3, "q2": 2, "q3": 4, "q4": 1, "q5": 3},  # raw 13 -> 52
        second: {"q1": 5, "q2": 5, "q3": None, "q4": 5, "q5": 5},  # half done: no score yet
    }
    saved = save_group_answers(
        database.sessions,
        seeded.group_id,
        "who5",
        AssessmentPhase.START,
        DAY,
        FillMode.TOGETHER,
        values,
    )
    assert saved == 2
    with database.sessions() as s:
        scores = dict(
            s.execute(select(AssessmentResponse.participant_id, AssessmentResponse.score)).all()
        )
        modes = set(s.scalars(select(AssessmentResponse.filled_in)))
    assert scores == {first: 52, second: None}
    assert modes == {FillMode.TOGETHER}
    sheet = answer_sheet(database.sessions, seeded.group_id, "who5", AssessmentPhase.START, DAY)
    rows = {r.participant_id: r for r in sheet.rows}
    assert len(rows) == len(seeded.participant_ids)
    assert rows[first].values == values[first]
    assert rows[second].values == {"q1": 5, "q2": 5, "q4": 5, "q5": 5}


def test_correcting_an_answer_updates_the_same_response(database):
    seeded = seed_group(database.sessions)
    person = seeded.participant_ids[0]
    for q3 in (4, 0):
        save_group_answers(
            database.sessions,
            seeded.group_id,
            "who5",
            AssessmentPhase.START,
            DAY,
            FillMode.MEMBER,
            {person: {"q1": 3, "q2": 2, "q3": q3, "q4": 1, "q5": 3}},
        )
    with database.sessions() as s:
        responses = s.scalars(select(AssessmentResponse)).all()
        answers = s.scalar(select(Answer.value).where(Answer.item_key == "q3"))
    assert [r.score for r in responses] == [36]
    assert answers == 0


def test_a_value_off_the_scale_refuses_the_whole_sheet_and_names_the_cell(database):
    seeded = seed_group(database.sessions)
    good, bad, *_ = seeded.participant_ids
    before = database.path.read_bytes()
    with pytest.raises(ValidationError) as raised:
        save_group_answers(
            database.sessions,
            seeded.group_id,
            "selfassessment",
            AssessmentPhase.START,
            DAY,
            FillMode.TUTOR,
            {good: {"digital": 3}, bad: {"digital": 7}},
        )
    assert "outside the scale 1–5" in str(raised.value)
    assert list(raised.value.fields) == [f"{bad}:digital"]
    assert database.path.read_bytes() == before


def test_someone_outside_the_group_is_refused(database):
    seeded = seed_group(database.sessions)
    other = seed_group(database.sessions, name="Toinen ryhmä")
    with pytest.raises(ValidationError, match="not a member of this group"):
        save_group_answers(
            database.sessions,
            seeded.group_id,
            "who5",
            AssessmentPhase.END,
            DAY,
            FillMode.TOGETHER,
            {other.participant_ids[0]: {"q1": 3}},
        )
