"""Templates and series: save and apply an agenda, generate meetings from a repeat rule."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError
from pierglass_desktop.domain.models import Meeting
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item, load_agenda
from pierglass_desktop.services.builtin_methods import builtin_template_id, ensure_builtin_library
from pierglass_desktop.services.series import (
    SeriesInput,
    add_meeting,
    cancel_meeting,
    create_series,
    generate_meetings,
    group_series,
    list_meetings,
    move_meeting,
    save_series_plan,
    series_dates,
)
from pierglass_desktop.services.templates import (
    apply_template,
    delete_template,
    list_templates,
    save_agenda_as_template,
)
from planning_helpers import make_group, make_meeting, spring_plan


def test_builtin_theme_template_fills_three_hours_in_the_language_of_the_day(sessions, finnish):
    ensure_builtin_library(sessions)
    meeting = make_meeting(sessions)
    apply_template(sessions, builtin_template_id("theme-meeting"), meeting.id)
    view = load_agenda(sessions, meeting.id)
    assert view.items[0].title == "Kuulumiskierros"
    assert view.timeline.total_minutes == 180 and view.timeline.overrun_minutes == 0
    assert any(i.is_break for i in view.items)


def test_agenda_saved_as_template_and_applied_to_another_meeting(sessions):
    source = make_meeting(sessions)
    add_agenda_item(sessions, source.id, AgendaItemInput("Kierros", 20, materials="Ajastin"))
    add_agenda_item(sessions, source.id, AgendaItemInput("Tauko", 15, is_break=True))
    template = save_agenda_as_template(sessions, source.id, "Oma runko")
    assert (template.item_count, template.total_minutes) == (2, 35)
    assert "Oma runko" in [t.name for t in list_templates(sessions)]

    target = make_meeting(sessions, start=datetime(2027, 1, 14, 9, 0))
    add_agenda_item(sessions, target.id, AgendaItemInput("Jo siellä", 10))
    apply_template(sessions, template.id, target.id)
    assert [i.title for i in load_agenda(sessions, target.id).items] == [
        "Jo siellä",
        "Kierros",
        "Tauko",
    ]
    apply_template(sessions, template.id, target.id, replace=True)
    view = load_agenda(sessions, target.id)
    assert [i.title for i in view.items] == ["Kierros", "Tauko"]
    assert [i.position for i in view.items] == [0, 1]
    delete_template(sessions, template.id)
    assert "Oma runko" not in [t.name for t in list_templates(sessions)]


def test_empty_agenda_or_builtin_template_refused(sessions):
    ensure_builtin_library(sessions)
    meeting = make_meeting(sessions)
    with pytest.raises(ValidationError):
        save_agenda_as_template(sessions, meeting.id, "Tyhjä")
    with pytest.raises(Conflict):
        delete_template(sessions, builtin_template_id("kick-off-meeting"))


def _plan(**kw) -> SeriesInput:
    return spring_plan(**{"skip_dates": (date(2027, 2, 4),), **kw})


def test_series_generates_thursdays_every_four_weeks_skipping_listed_dates(sessions):
    ensure_builtin_library(sessions)
    group = make_group(sessions)
    plan = save_series_plan(
        sessions, group, _plan(template_id=builtin_template_id("theme-meeting"))
    )
    assert plan.dates[:3] == (date(2027, 1, 7), date(2027, 3, 4), date(2027, 4, 1))
    created = generate_meetings(sessions, plan.id)
    assert [m.starts_at for m in created][:2] == [
        datetime(2027, 1, 7, 17),
        datetime(2027, 3, 4, 17),
    ]
    assert [m.number for m in created] == list(range(1, len(created) + 1))
    assert [m.theme for m in created][:4] == [
        "Aloitus",
        "Sote-uudistus ja palvelusetelit",
        "Digitaalinen työ",
        "",
    ]
    assert len(load_agenda(sessions, created[0].id).items) == 7
    assert generate_meetings(sessions, plan.id) == []  # again: nothing new


def test_move_and_cancel_renumber_in_date_order(sessions):
    group = make_group(sessions)
    plan = save_series_plan(sessions, group, _plan(skip_dates=()))
    first, second, third = generate_meetings(sessions, plan.id)[:3]
    extra = add_meeting(sessions, group, datetime(2027, 1, 20, 9, 0), 120, theme="Ylimääräinen")
    assert extra.number == 2
    moved = move_meeting(sessions, first.id, datetime(2027, 2, 10, 17, 0))
    assert moved.number == 3
    cancelled = cancel_meeting(sessions, second.id)
    assert cancelled.status is MeetingStatus.CANCELLED and cancelled.number == 0
    rows = list_meetings(sessions, group)
    assert [(r.theme, r.number) for r in rows[:4]] == [
        ("Ylimääräinen", 1),
        ("Sote-uudistus ja palvelusetelit", 0),
        ("Aloitus", 2),
        ("Digitaalinen työ", 3),
    ]
    with sessions.begin() as s:
        s.get(Meeting, third.id).status = MeetingStatus.HELD
    with pytest.raises(Conflict, match="already been held"):
        cancel_meeting(sessions, third.id)


def test_bad_rule_is_refused_field_by_field(sessions):
    group = make_group(sessions)
    with pytest.raises(ValidationError) as error:
        save_series_plan(sessions, group, _plan(every_weeks=0, until=date(2026, 1, 1)))
    assert set(error.value.fields) == {"every_weeks", "until"}
    assert list_meetings(sessions, group) == []


@given(
    st.dates(date(2026, 1, 1), date(2028, 1, 1)),
    st.integers(0, 400),
    st.integers(1, 8),
    st.integers(0, 6),
    st.sets(st.integers(0, 400), max_size=5),
)
def test_series_dates_follow_the_rule(first, span, weeks, weekday, skip_offsets):
    until = first + timedelta(days=span)
    skips = {first + timedelta(days=o) for o in skip_offsets}
    dates = series_dates(first, until, weeks, weekday, skips)
    assert all(d.weekday() == weekday and first <= d <= until for d in dates)
    assert not set(dates) & skips
    everything = series_dates(first, until, weeks, weekday)
    assert all((b - a).days % (7 * weeks) == 0 for a, b in itertools.pairwise(everything))
    assert set(dates) == set(everything) - skips


def test_series_with_a_vanished_template_creates_nothing(sessions):
    source = make_meeting(sessions)
    add_agenda_item(sessions, source.id, AgendaItemInput("Kierros", 20))
    template = save_agenda_as_template(sessions, source.id, "Poistuva")
    group = make_group(sessions, "Toinen ryhmä")
    plan = save_series_plan(sessions, group, _plan(template_id=template.id))
    delete_template(sessions, template.id)
    with pytest.raises(NotFound):
        generate_meetings(sessions, plan.id)
    assert list_meetings(sessions, group) == []  # the series is generated whole or not at all


def test_generate_in_a_new_series_saves_the_plan_and_its_sessions_together(sessions):
    group = make_group(sessions, "Kolmas ryhmä")
    plan, created = create_series(sessions, group, _plan(), place="Pori")
    assert [p.id for p in group_series(sessions, group)] == [plan.id]
    assert [m.starts_at.date() for m in created] == list(plan.dates)
    assert [m.id for m in list_meetings(sessions, group)] == [m.id for m in created]
    assert {m.series_id for m in created} == {plan.id} and {m.place for m in created} == {"Pori"}


def test_a_refused_generation_leaves_no_saved_plan(sessions):
    source = make_meeting(sessions)
    add_agenda_item(sessions, source.id, AgendaItemInput("Kierros", 20))
    template = save_agenda_as_template(sessions, source.id, "Poistuva")
    group = make_group(sessions, "Toinen ryhmä")
    delete_template(sessions, template.id)  # deleted while the dialog was open
    with pytest.raises(NotFound):
        create_series(sessions, group, _plan(template_id=template.id))
    assert group_series(sessions, group) == []
    assert list_meetings(sessions, group) == []
