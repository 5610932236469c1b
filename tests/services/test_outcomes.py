"""What the tutor sees of the questionnaires: change per member, gentle attention, averages."""

from datetime import date

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
from pierglass_desktop.domain.scoring import Attention
from pierglass_desktop.services.answers import save_group_answers
from pierglass_desktop.services.outcomes import attention_text, group_outcomes

START, END = AssessmentPhase.START, AssessmentPhase.END


def who5(*values):
    return {f"q{n}": v for n, v in enumerate(values, 1)}


def save(sessions, group_id, phase, day, rows, code="who5"):
    save_group_answers(sessions, group_id, code, phase, day, FillMode.TOGETHER, rows)


def test_member_changes_and_group_averages_by_hand(database):
    seeded = seed_group(database.sessions)
    a, b, c, *_ = seeded.participant_ids
    save(
        database.sessions,
        seeded.group_id,
        START,
        date(2026, 9, 3),
        {
            a: who5(3, 2, 4, 1, 3),  # 13 -> 52
            b: who5(2, 2, 2, 2, 2),  # 10 -> 40
            c: who5(1, 2, 1, 2, 1),  # 7 -> 28
        },
    )
    save(
        database.sessions,
        seeded.group_id,
        END,
        date(2027, 5, 3),
        {
            a: who5(4, 3, 4, 2, 3),  # 16 -> 64: +12, meaningful
            b: who5(2, 2, 3, 2, 2),  # 11 -> 44: +4
        },
    )
    result = group_outcomes(database.sessions, seeded.group_id).instruments["who5"]
    members = {m.participant_id: m for m in result.members}
    assert (members[a].start, members[a].latest, members[a].change) == (52, 64, 12)
    assert members[a].meaningful and not members[b].meaningful
    assert members[b].attention is Attention.LOW  # 44, the latest
    assert members[c].attention is Attention.SCREEN and members[c].change is None
    assert members[a].attention is Attention.NONE
    assert (result.start.value, result.start.count) == (40.0, 3)
    assert (result.latest.value, result.latest.count) == (54.0, 2)
    assert result.change.value == 8.0
    assert result.improved == (a,)
    assert result.start.shareable is None  # three answers never leave the laptop
    assert set(result.start.participant_ids) == {a, b, c}


def test_attention_is_worded_as_a_conversation_never_a_diagnosis():
    for level in (Attention.LOW, Attention.SCREEN):
        assert "Not a diagnosis" in attention_text(level)
    assert "occupational health" in attention_text(Attention.SCREEN)
    assert attention_text(Attention.NONE) == ""


def test_self_assessment_item_means_for_the_radar(database):
    seeded = seed_group(database.sessions)
    a, b, *_ = seeded.participant_ids
    save(
        database.sessions,
        seeded.group_id,
        START,
        date(2026, 9, 3),
        {a: {"digital": 2, "data": 3}, b: {"digital": 3, "data": 3}},
        code="selfassessment",
    )
    result = group_outcomes(database.sessions, seeded.group_id).instruments["selfassessment"]
    assert result.item_start["digital"] == 2.5
    assert result.item_start["networking"] is None
    assert result.members == ()  # half-filled: no score yet
