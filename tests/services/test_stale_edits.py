"""Two tutors on one shared database: a save made from what a screen showed before the other's
change is refused in a sentence, and nothing of the other's change is lost.

Each story: I read the record (my screen), a colleague saves a change to it, then I save from
my screen; my save is refused and the record, its audit trail and its neighbours are exactly as
the colleague left them. Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import FollowUp
from pierglass_desktop.domain.errors import Conflict
from pierglass_desktop.services import agenda, commitments, notes, series, templates
from pierglass_desktop.services.agenda import AgendaItemInput
from pierglass_desktop.services.series_regeneration import apply_series_edit
from pierglass_desktop.services.signoff import audit_trail
from planning_helpers import make_group, make_meeting, spring_plan

REFUSED = "Someone else changed or removed this record"


# ---------------------------------------------------------------- notes


def test_a_note_edited_on_a_stale_screen_cannot_overwrite_a_colleagues_correction(sessions):
    meeting = seed_group(sessions, meetings=1).meeting_ids[0]
    made = notes.add_note(sessions, meeting, "Liisa kertoi uudesta asiakkaasta.")
    mine = notes.meeting_notes(sessions, meeting)[0]
    theirs = notes.update_note(
        sessions, made.id, "Liisa kertoi kahdesta uudesta asiakkaasta.", seen_at=mine.updated_at
    )
    trail = audit_trail(sessions, meeting)
    with pytest.raises(Conflict, match=REFUSED):
        notes.update_note(sessions, made.id, "Minun versioni", seen_at=mine.updated_at)
    assert notes.meeting_notes(sessions, meeting) == [theirs]
    assert audit_trail(sessions, meeting) == trail


def test_a_note_saved_twice_from_the_same_screen_uses_the_stamp_its_first_save_returned(
    sessions,
):
    meeting = seed_group(sessions, meetings=1).meeting_ids[0]
    made = notes.add_note(sessions, meeting, "Alku")
    first = notes.update_note(sessions, made.id, "Toinen", seen_at=made.updated_at)
    second = notes.update_note(sessions, made.id, "Kolmas", seen_at=first.updated_at)
    assert notes.meeting_notes(sessions, meeting) == [second]


def test_a_note_removed_by_a_colleague_is_not_brought_back_by_a_stale_save(sessions):
    meeting = seed_group(sessions, meetings=1).meeting_ids[0]
    made = notes.add_note(sessions, meeting, "Alku")
    notes.delete_note(sessions, made.id)
    with pytest.raises(Exception, match="not found"):
        notes.update_note(sessions, made.id, "Minun", seen_at=made.updated_at)
    assert notes.meeting_notes(sessions, meeting) == []


# ---------------------------------------------------------------- agenda items


def _item(title: str, minutes: int = 15) -> AgendaItemInput:
    return AgendaItemInput(title, minutes, purpose="Kuulumiset")


def test_an_agenda_item_saved_from_a_stale_editor_cannot_overwrite_a_colleagues_edit(sessions):
    meeting = make_meeting(sessions)
    made = agenda.add_agenda_item(sessions, meeting.id, _item("Kuulumiskierros"))
    mine = agenda.load_agenda(sessions, meeting.id).items[0]
    agenda.edit_agenda_item(
        sessions, made.id, _item("Kuulumiskierros pareittain", 20), seen_at=mine.updated_at
    )
    theirs = agenda.load_agenda(sessions, meeting.id)
    with pytest.raises(Conflict, match=REFUSED):
        agenda.edit_agenda_item(sessions, made.id, _item("Minun otsikko"), seen_at=mine.updated_at)
    assert agenda.load_agenda(sessions, meeting.id) == theirs


def test_a_duration_typed_in_a_stale_agenda_table_cannot_overwrite_a_colleagues_edit(sessions):
    meeting = make_meeting(sessions)
    made = agenda.add_agenda_item(sessions, meeting.id, _item("Vertaiskonsultaatio", 45))
    shown = agenda.load_agenda(sessions, meeting.id).items[0]  # my table shows 45 min
    agenda.edit_agenda_item(
        sessions, made.id, _item("Vertaiskonsultaatio: Jussin verkkokauppa", 45)
    )  # a colleague renames it
    theirs = agenda.load_agenda(sessions, meeting.id)
    with pytest.raises(Conflict, match=REFUSED):
        agenda.set_item_duration(sessions, made.id, 60, seen_at=shown.updated_at)
    assert agenda.load_agenda(sessions, meeting.id) == theirs
    # From a fresh table the same change is saved, keeping the colleague's title.
    fresh = theirs.items[0]
    saved = agenda.set_item_duration(sessions, made.id, 60, seen_at=fresh.updated_at)
    assert (saved.title, saved.duration_minutes) == (fresh.title, 60)


# ---------------------------------------------------------------- commitments


def test_a_commitment_typed_over_a_stale_cell_cannot_overwrite_a_colleagues_text(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    shown = commitments.save_commitment(sessions, meeting, liisa, "Soita kahdelle asiakkaalle")
    theirs = commitments.save_commitment(
        sessions, meeting, liisa, "Soita kolmelle asiakkaalle", seen_at=shown.updated_at
    )
    trail = audit_trail(sessions, meeting)
    with pytest.raises(Conflict, match=REFUSED):
        commitments.save_commitment(sessions, meeting, liisa, "Minun", seen_at=shown.updated_at)
    assert commitments.meeting_commitments(sessions, meeting) == [theirs]
    assert audit_trail(sessions, meeting) == trail


def test_a_commitment_typed_into_an_empty_cell_cannot_replace_one_a_colleague_made(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    # My cell was empty when the table was filled; meanwhile a colleague types Liisa's.
    theirs = commitments.save_commitment(sessions, meeting, liisa, "Kokeile e-laskua")
    with pytest.raises(Conflict, match=REFUSED):
        commitments.save_commitment(
            sessions, meeting, liisa, "Minun", seen_at=commitments.NOTHING_SHOWN
        )
    assert commitments.meeting_commitments(sessions, meeting) == [theirs]


def test_a_commitment_typed_into_an_empty_cell_is_saved_when_nobody_made_one(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    made = commitments.save_commitment(
        sessions, meeting, liisa, "Kokeile e-laskua", seen_at=commitments.NOTHING_SHOWN
    )
    again = commitments.save_commitment(
        sessions, meeting, liisa, "Kokeile e-laskua kahdesti", seen_at=made.updated_at
    )
    assert commitments.meeting_commitments(sessions, meeting) == [again]


def test_a_follow_up_chosen_in_a_stale_row_cannot_overwrite_a_colleagues_review(sessions):
    seeded = seed_group(sessions, meetings=2, held=1)
    first, second = seeded.meeting_ids
    liisa = seeded.participant_ids[0]
    made = commitments.save_commitment(sessions, first, liisa, "Kokeile e-laskua")
    shown = commitments.follow_ups_for(sessions, second)[0]
    commitments.record_follow_up(
        sessions, made.id, FollowUp.DONE, "Kaikki laskut", at_meeting_id=second
    )
    theirs = commitments.follow_ups_for(sessions, second)
    with pytest.raises(Conflict, match=REFUSED):
        commitments.record_follow_up(
            sessions,
            made.id,
            FollowUp.NOT_DONE,
            "",
            at_meeting_id=second,
            seen_at=shown.updated_at,
        )
    assert commitments.follow_ups_for(sessions, second) == theirs


# ---------------------------------------------------------------- series plans


def test_a_series_plan_edited_on_a_stale_form_cannot_overwrite_a_colleagues_plan(sessions):
    group = make_group(sessions)
    plan = series.save_series_plan(sessions, group, spring_plan(name="Kevät"))
    series.update_series_plan(
        sessions, plan.id, spring_plan(name="Kevät 2027"), seen_at=plan.updated_at
    )
    theirs = series.series_plan(sessions, plan.id)
    with pytest.raises(Conflict, match=REFUSED):
        series.update_series_plan(
            sessions, plan.id, spring_plan(name="Minun", every_weeks=2), seen_at=plan.updated_at
        )
    assert series.series_plan(sessions, plan.id) == theirs


def test_a_series_edit_applied_from_a_stale_form_changes_neither_plan_nor_sessions(sessions):
    group = make_group(sessions)
    plan = series.create_series(sessions, group, spring_plan(name="Kevät"))
    shown = series.group_series(sessions, group)[0]
    series.update_series_plan(sessions, shown.id, spring_plan(name="Kevät, Pori"))
    plan_before = series.series_plan(sessions, shown.id)
    meetings_before = series.list_meetings(sessions, group)
    with pytest.raises(Conflict, match=REFUSED):
        apply_series_edit(
            sessions,
            shown.id,
            spring_plan(name="Minun", every_weeks=2),
            cancel_unfit=True,
            today=date(2026, 12, 1),
            seen_at=shown.updated_at,
        )
    assert series.series_plan(sessions, shown.id) == plan_before
    assert series.list_meetings(sessions, group) == meetings_before
    assert plan  # the series was made


# ---------------------------------------------------------------- templates


def test_a_template_renamed_on_a_stale_list_cannot_overwrite_a_colleagues_name(sessions):
    meeting = make_meeting(sessions)
    agenda.add_agenda_item(sessions, meeting.id, _item("Kuulumiskierros"))
    made = templates.save_agenda_as_template(sessions, meeting.id, "Teemailta")
    templates.rename_template(sessions, made.id, "Teemailta, pitkä", seen_at=made.updated_at)
    theirs = templates.list_templates(sessions)
    with pytest.raises(Conflict, match=REFUSED):
        templates.rename_template(sessions, made.id, "Minun", seen_at=made.updated_at)
    assert templates.list_templates(sessions) == theirs


# ---------------------------------------------------------------- a meeting's date and time


def test_a_session_moved_from_a_stale_list_cannot_overwrite_a_colleagues_move(sessions):
    meeting = make_meeting(sessions, start=datetime(2030, 12, 3, 17, 0))
    series.move_meeting(
        sessions, meeting.id, datetime(2030, 12, 10, 17, 0), seen_at=meeting.updated_at
    )
    theirs = series.list_meetings(sessions, meeting.group_id)
    with pytest.raises(Conflict, match=REFUSED):
        series.move_meeting(
            sessions, meeting.id, datetime(2030, 12, 4, 9, 0), seen_at=meeting.updated_at
        )
    assert series.list_meetings(sessions, meeting.group_id) == theirs


# ---------------------------------------------------------------- a membership's end


def test_a_membership_ended_on_a_stale_form_keeps_the_date_a_colleague_gave(sessions):
    from pierglass_desktop.services.groups import GroupInput, create_group, get_group
    from pierglass_desktop.services.members import add_member, end_membership
    from pierglass_desktop.services.participants import ParticipantInput, create_participant

    group = create_group(sessions, GroupInput("Kotihoidon yrittäjät, Pori"))
    aino = create_participant(sessions, ParticipantInput("Aino", "Virtanen"))
    shown = add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    end_membership(sessions, shown.membership_id, date(2025, 12, 31), seen_at=shown.updated_at)
    theirs = get_group(sessions, group.id).members
    with pytest.raises(Conflict, match=REFUSED):
        end_membership(sessions, shown.membership_id, date(2026, 1, 31), seen_at=shown.updated_at)
    assert get_group(sessions, group.id).members == theirs


# ---------------------------------------------------------------- a group's questionnaire answers


def test_answers_entered_on_a_stale_sheet_cannot_overwrite_a_colleagues_answers(sessions):
    from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
    from pierglass_desktop.services.answers import answer_sheet, save_group_answers

    seeded = seed_group(sessions)
    liisa, jussi = seeded.participant_ids[:2]
    day, start = date(2026, 9, 3), AssessmentPhase.START

    def sheet():
        return answer_sheet(sessions, seeded.group_id, "who5", start, day)

    def save(values, shown):
        return save_group_answers(
            sessions, seeded.group_id, "who5", start, day, FillMode.TOGETHER, values, shown=shown
        )

    mine = sheet()  # my grid opens, empty
    shown = {row.participant_id: row.values for row in mine.rows}
    theirs = {"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 1}
    save({liisa: theirs}, shown)  # a colleague's grid, opened at the same time, saves first
    after_theirs = sheet()
    with pytest.raises(Conflict, match=REFUSED):
        save({liisa: {"q1": 5, "q2": 5, "q3": 5, "q4": 5, "q5": 5}, jussi: theirs}, shown)
    assert sheet() == after_theirs
    # From the sheet as it is now, the same grid saves.
    fresh = {row.participant_id: row.values for row in after_theirs.rows}
    assert save({liisa: theirs, jussi: theirs}, fresh) == 2
