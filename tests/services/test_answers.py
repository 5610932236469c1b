"""A tutor enters a whole group's questionnaire answers at one time point."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from meeting_fixtures import seed_group
from pierglass_desktop.domain.assessment import Answer, AssessmentResponse
from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.people import Group
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


@pytest.mark.sqlite_only  # about the SQLite file itself
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


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(st.one_of(st.none(), st.integers(-3, 9), st.booleans()), min_size=5, max_size=5)
)
@pytest.mark.sqlite_only  # about the SQLite file itself
def test_any_typed_row_is_saved_as_typed_or_refused_whole(database, cells):
    from pierglass_desktop.domain.errors import ValidationError as Refused

    with database.sessions() as s:
        group = s.scalar(select(Group.id))
    if group is None:
        group = seed_group(database.sessions).group_id
    sheet = answer_sheet(database.sessions, group, "who5", AssessmentPhase.MID, DAY)
    person = sheet.rows[0].participant_id
    row = {f"q{n}": value for n, value in enumerate(cells, 1)}
    before = database.path.read_bytes()
    try:
        save_group_answers(
            database.sessions,
            group,
            "who5",
            AssessmentPhase.MID,
            DAY,
            FillMode.TOGETHER,
            {person: row},
        )
    except Refused as refused:
        assert database.path.read_bytes() == before
        assert refused.fields and "Traceback" not in str(refused)
        assert any(isinstance(v, bool) or (v is not None and not 0 <= v <= 5) for v in cells)
        return
    saved = answer_sheet(database.sessions, group, "who5", AssessmentPhase.MID, DAY).rows[0]
    for key, value in row.items():
        if value is not None:
            assert saved.values[key] == value
