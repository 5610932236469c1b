"""Building an agenda: items from the library or free, order, breaks, timing and materials."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import MemberRole, MethodCategory
from pierglass_desktop.domain.errors import Conflict, ValidationError
from pierglass_desktop.domain.models import Meeting
from pierglass_desktop.services.agenda import (
    AgendaItemInput,
    AgendaItemRow,
    add_agenda_item,
    add_break,
    add_method_to_agenda,
    agenda_timeline,
    edit_agenda_item,
    load_agenda,
    materials_checklist,
    move_agenda_item,
    remove_agenda_item,
    set_item_duration,
)
from pierglass_desktop.services.builtin_methods import builtin_method_id, ensure_builtin_library
from planning_helpers import make_meeting


def _times(view) -> list[str]:
    return [f"{t.starts_at:%H:%M}" for t in view.timeline.items]


def test_tutor_builds_agenda_and_start_times_follow_each_change(sessions):
    ensure_builtin_library(sessions)
    meeting = make_meeting(sessions, minutes=120)
    check_in = add_method_to_agenda(sessions, meeting.id, builtin_method_id("check-in-round"))
    consult = add_method_to_agenda(sessions, meeting.id, builtin_method_id("peer-consultation"))
    coffee = add_break(sessions, meeting.id, 15)
    view = load_agenda(sessions, meeting.id)
    assert [i.title for i in view.items] == ["Check-in round", "Peer consultation", "Break"]
    assert _times(view) == ["17:00", "17:20", "18:05"]
    assert check_in.instructions.startswith("1. Give the question")

    move_agenda_item(sessions, coffee.id, 1)  # the coffee break earlier
    view = load_agenda(sessions, meeting.id)
    assert [i.id for i in view.items] == [check_in.id, coffee.id, consult.id]
    assert _times(view) == ["17:00", "17:20", "17:35"]
    assert view.timeline.total_minutes == 80 and view.timeline.overrun_minutes == 0

    set_item_duration(sessions, consult.id, 95)
    view = load_agenda(sessions, meeting.id)
    assert view.timeline.overrun_minutes == 10
    assert [t.past_end for t in view.timeline.items] == [False, False, True]


def test_free_item_with_role_and_removal_keeps_positions_dense(sessions):
    meeting = make_meeting(sessions)
    first = add_agenda_item(
        sessions,
        meeting.id,
        AgendaItemInput("Tervetuloa", 10, member_role=MemberRole.HOST, responsible="Aino"),
    )
    second = add_agenda_item(sessions, meeting.id, AgendaItemInput("Kierros", 20), position=0)
    third = add_agenda_item(sessions, meeting.id, AgendaItemInput("Loppu", 5))
    remove_agenda_item(sessions, second.id)
    items = load_agenda(sessions, meeting.id).items
    assert [(i.id, i.position) for i in items] == [(first.id, 0), (third.id, 1)]
    assert items[0].member_role is MemberRole.HOST and items[0].responsible == "Aino"
    edited = edit_agenda_item(sessions, third.id, AgendaItemInput("Lopetus", 7))
    assert (edited.title, edited.duration_minutes) == ("Lopetus", 7)


def test_bad_item_is_refused_field_by_field_and_nothing_is_written(sessions):
    meeting = make_meeting(sessions)
    with pytest.raises(ValidationError) as error:
        add_agenda_item(sessions, meeting.id, AgendaItemInput("  ", 0))
    assert set(error.value.fields) == {"title", "duration_minutes"}
    assert load_agenda(sessions, meeting.id).items == ()


def test_signed_off_meeting_refuses_agenda_changes(sessions):
    meeting = make_meeting(sessions)
    item = add_agenda_item(sessions, meeting.id, AgendaItemInput("Kierros", 20))
    with sessions.begin() as s:
        s.get(Meeting, meeting.id).locked_at = utcnow()
    with pytest.raises(Conflict, match="signed off"):
        add_break(sessions, meeting.id)
    with pytest.raises(Conflict):
        move_agenda_item(sessions, item.id, 0)


def test_materials_checklist_gathers_every_item_once(sessions):
    ensure_builtin_library(sessions)
    meeting = make_meeting(sessions)
    for key in ("case-clinic", "one-two-four-all", "digital-tool-together"):
        add_method_to_agenda(sessions, meeting.id, builtin_method_id(key))
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Oma", 5, materials="- sticky NOTES\n"))
    checklist = load_agenda(sessions, meeting.id).checklist
    assert checklist.count("Sticky notes") == 1 and "sticky NOTES" not in checklist
    assert "Laptop and display adapter" in checklist and "Timer" in checklist


def test_checklist_splits_lines_and_semicolons_and_drops_bullets():
    assert materials_checklist(["a; b\n• A", "", "c"]) == ["a", "b", "c"]


def _row(minutes: int, index: int) -> AgendaItemRow:
    return AgendaItemRow(
        str(index), index, f"i{index}", minutes, "", "", "", None, False, "", None, None
    )


@given(st.lists(st.integers(1, 240), max_size=40), st.integers(15, 600))
def test_timeline_is_contiguous_and_overrun_is_exact(durations, planned):
    start = datetime(2026, 12, 3, 17, 0)
    timeline = agenda_timeline([_row(m, i) for i, m in enumerate(durations)], start, planned)
    clock = start
    for timed in timeline.items:
        assert timed.starts_at == clock
        clock = timed.ends_at
    assert timeline.total_minutes == sum(durations)
    assert timeline.overrun_minutes == max(0, sum(durations) - planned)
    assert timeline.overrun_minutes == 0 or timeline.items[-1].past_end


def test_break_gets_break_category(sessions):
    meeting = make_meeting(sessions)
    item = add_break(sessions, meeting.id, 20)
    assert item.is_break and item.category is MethodCategory.BREAK and item.title == "Break"
