"""A saved series plan is reopened, edited and its sessions regenerated: preview, then apply."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.services.agenda import load_agenda
from pierglass_desktop.services.builtin_methods import builtin_template_id, ensure_builtin_library
from pierglass_desktop.services.running import finish_meeting
from pierglass_desktop.services.series import (
    SeriesInput,
    cancel_meeting,
    delete_series_plan,
    generate_meetings,
    group_series,
    list_meetings,
    save_series_plan,
    update_series_plan,
)
from pierglass_desktop.services.series_regeneration import (
    apply_series_edit,
    preview_regeneration,
    regenerate_meetings,
)
from pierglass_desktop.services.signoff import sign_off
from pierglass_desktop.storage.database import open_database
from planning_helpers import make_group, spring_plan

JANUARY = date(2027, 1, 20)  # the tutor learns of the change after the first session
THEMES = (
    "Aloitus",
    "Sote-uudistus ja palvelusetelit",
    "Digitaalinen työ",
    "Tietosuoja",
    "Hyvinvointi",
)


def _rule(**kw) -> SeriesInput:
    return spring_plan(**{"themes": THEMES, "name": "Kevät 2027", **kw})


def _generated(sessions, **kw):
    group = make_group(sessions)
    plan = save_series_plan(sessions, group, _rule(**kw))
    generate_meetings(sessions, plan.id, place="Pori")
    return group, plan


def _by_day(sessions, group):
    return {m.starts_at.date(): m for m in list_meetings(sessions, group)}


def test_tutor_changes_every_four_weeks_to_three_and_unfit_sessions_are_offered(sessions):
    group, plan = _generated(sessions)
    first = _by_day(sessions, group)[date(2027, 1, 7)]
    finish_meeting(sessions, first.id)
    sign_off(sessions, first.id, actor="Aino")

    edit = _rule(every_weeks=3)
    preview = preview_regeneration(sessions, plan.id, edit, today=JANUARY)
    assert preview.added == (
        date(2027, 1, 28),
        date(2027, 2, 18),
        date(2027, 3, 11),
        date(2027, 4, 22),
        date(2027, 5, 13),
        date(2027, 6, 3),
    )
    unfit = [m.starts_at.date() for m in preview.unfit]
    assert unfit == [date(2027, 2, 4), date(2027, 3, 4), date(2027, 4, 29), date(2027, 5, 27)]
    # 1 April moves from 4th to 5th place in the order, so it takes the 5th theme
    assert [(c.old_theme, c.new_theme) for c in preview.themes] == [("Tietosuoja", "Hyvinvointi")]
    assert len(list_meetings(sessions, group)) == 7  # a preview writes nothing

    result = apply_series_edit(sessions, plan.id, edit, cancel_unfit=True, today=JANUARY)
    assert result.plan.id == plan.id and result.plan.every_weeks == 3
    assert [p.id for p in group_series(sessions, group)] == [plan.id]  # same plan, not a new one
    days = _by_day(sessions, group)
    assert [days[d].theme for d in (date(2027, 1, 28), date(2027, 2, 18))] == list(THEMES[1:3])
    assert all(days[d].place == "Pori" for d in preview.added)
    assert {days[d].status for d in unfit} == {MeetingStatus.CANCELLED}
    assert days[date(2027, 1, 7)].status is MeetingStatus.HELD and days[date(2027, 1, 7)].locked
    planned = [m for m in list_meetings(sessions, group) if m.status is not MeetingStatus.CANCELLED]
    assert [m.number for m in planned] == list(range(1, 10))

    again = preview_regeneration(sessions, plan.id, today=JANUARY)
    assert again.changes_nothing


def test_declined_cancellations_leave_the_unfit_sessions_planned(sessions):
    group, plan = _generated(sessions)
    apply_series_edit(sessions, plan.id, _rule(every_weeks=3), cancel_unfit=False, today=JANUARY)
    days = _by_day(sessions, group)
    assert days[date(2027, 2, 4)].status is MeetingStatus.PLANNED
    assert [
        m.starts_at.date() for m in preview_regeneration(sessions, plan.id, today=JANUARY).unfit
    ][:1] == [date(2027, 2, 4)]


def test_held_and_signed_off_sessions_of_the_plan_are_never_touched(sessions):
    group, plan = _generated(sessions)
    days = _by_day(sessions, group)
    held, signed = days[date(2027, 2, 4)], days[date(2027, 3, 4)]
    finish_meeting(sessions, held.id)
    finish_meeting(sessions, signed.id)
    sign_off(sessions, signed.id)
    before = {m.id: m for m in list_meetings(sessions, group) if m.id in {held.id, signed.id}}

    edit = _rule(every_weeks=3, themes=("Uusi", "Toinen", "Kolmas", "Neljäs"))
    preview = preview_regeneration(sessions, plan.id, edit, today=date(2027, 1, 1))
    touched = {m.id for m in preview.unfit} | {c.meeting_id for c in preview.themes}
    assert not touched & {held.id, signed.id}
    apply_series_edit(sessions, plan.id, edit, cancel_unfit=True, today=date(2027, 1, 1))
    after = {m.id: m for m in list_meetings(sessions, group) if m.id in before}
    for meeting_id, row in before.items():
        assert (after[meeting_id].status, after[meeting_id].theme) == (row.status, row.theme)


def test_a_new_skip_date_offers_that_session_for_cancelling_and_keeps_its_agenda(sessions):
    ensure_builtin_library(sessions)
    group, plan = _generated(sessions, template_id=builtin_template_id("theme-meeting"))
    easter = _by_day(sessions, group)[date(2027, 4, 1)]
    edit = _rule(skip_dates=(date(2027, 4, 1),), template_id=builtin_template_id("theme-meeting"))
    preview = preview_regeneration(sessions, plan.id, edit, today=JANUARY)
    assert [m.id for m in preview.unfit] == [easter.id]
    assert preview.added == ()
    result = apply_series_edit(sessions, plan.id, edit, cancel_unfit=True, today=JANUARY)
    assert [m.id for m in result.cancelled] == [easter.id]
    assert _by_day(sessions, group)[date(2027, 4, 1)].status is MeetingStatus.CANCELLED
    assert len(load_agenda(sessions, easter.id).items) == 7  # cancelled, not deleted


def test_a_theme_changed_by_hand_stays_and_new_sessions_get_the_template(sessions):
    ensure_builtin_library(sessions)
    template = builtin_template_id("theme-meeting")
    group, plan = _generated(sessions)
    april = _by_day(sessions, group)[date(2027, 4, 1)]
    from pierglass_desktop.domain.models import Meeting

    with sessions.begin() as s:
        s.get(Meeting, april.id).theme = "Verottajan vierailu"
    edit = _rule(every_weeks=3, template_id=template)
    result = apply_series_edit(sessions, plan.id, edit, cancel_unfit=False, today=JANUARY)
    assert _by_day(sessions, group)[date(2027, 4, 1)].theme == "Verottajan vierailu"
    assert result.themes_changed == 0
    assert all(len(load_agenda(sessions, m.id).items) == 7 for m in result.added)


def test_regenerating_twice_changes_nothing_the_second_time(sessions):
    group, plan = _generated(sessions)
    update_series_plan(sessions, plan.id, _rule(every_weeks=2))
    first = regenerate_meetings(sessions, plan.id, cancel_unfit=True, today=JANUARY)
    assert first.added
    snapshot = list_meetings(sessions, group)
    second = regenerate_meetings(sessions, plan.id, cancel_unfit=True, today=JANUARY)
    assert (second.added, second.cancelled, second.themes_changed) == ((), (), 0)
    assert list_meetings(sessions, group) == snapshot


def test_update_validates_like_saving_and_leaves_the_plan_as_it_was(sessions):
    group, plan = _generated(sessions)
    with pytest.raises(ValidationError) as raised:
        update_series_plan(sessions, plan.id, _rule(every_weeks=0))
    assert "every_weeks" in raised.value.fields
    with pytest.raises(ValidationError):
        preview_regeneration(sessions, plan.id, _rule(until=date(2026, 1, 1)))
    assert group_series(sessions, group)[0].every_weeks == 4


def test_deleting_a_plan_keeps_its_sessions(sessions):
    group, plan = _generated(sessions)
    delete_series_plan(sessions, plan.id)
    assert group_series(sessions, group) == []
    assert len(list_meetings(sessions, group)) == 7
    with pytest.raises(NotFound):
        update_series_plan(sessions, plan.id, _rule())
    with pytest.raises(NotFound):
        regenerate_meetings(sessions, plan.id, cancel_unfit=True)


# ---------------------------------------------------------------- any rule, any edit

_rules = st.fixed_dictionaries(
    {
        "first_offset": st.integers(0, 60),
        "span": st.integers(0, 300),
        "every_weeks": st.integers(1, 6),
        "weekday": st.integers(0, 6),
        "skips": st.lists(st.integers(0, 300), max_size=4),
        "themes": st.integers(0, 6),
    }
)
_counter = itertools.count()


def _input(rule) -> SeriesInput:
    first = date(2027, 1, 1) + timedelta(days=rule["first_offset"])
    return SeriesInput(
        first_date=first,
        until=first + timedelta(days=rule["span"]),
        every_weeks=rule["every_weeks"],
        weekday=rule["weekday"],
        skip_dates=tuple(first + timedelta(days=d) for d in rule["skips"]),
        themes=tuple(f"Teema {i}" for i in range(rule["themes"])),
    )


@pytest.fixture(scope="module")
def shared_sessions(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("regen") / "regen.sqlite3")
    yield db.sessions
    db.close(automatic_backup=False)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=_rules,
    after=_rules,
    today_offset=st.integers(0, 200),
    fates=st.lists(st.sampled_from(["planned", "held", "signed", "cancelled"]), max_size=12),
    cancel=st.booleans(),
)
def test_regeneration_never_duplicates_never_touches_the_closed_and_settles(
    shared_sessions, before, after, today_offset, fates, cancel
):
    sessions = shared_sessions
    group = make_group(sessions, f"Ryhmä {next(_counter)}")
    plan = save_series_plan(sessions, group, _input(before))
    for meeting, fate in zip(generate_meetings(sessions, plan.id), fates, strict=False):
        if fate in ("held", "signed"):
            finish_meeting(sessions, meeting.id)
        if fate == "signed":
            sign_off(sessions, meeting.id, actor="Aino")
        if fate == "cancelled":
            cancel_meeting(sessions, meeting.id)
    today = date(2027, 1, 1) + timedelta(days=today_offset)
    existing = list_meetings(sessions, group)
    # held, cancelled, signed-off and past sessions are closed to regeneration
    closed = {
        m.id: m
        for m in existing
        if m.status is not MeetingStatus.PLANNED or m.starts_at.date() < today
    }

    apply_series_edit(sessions, plan.id, _input(after), cancel_unfit=cancel, today=today)
    rows = list_meetings(sessions, group)
    days = [m.starts_at.date() for m in rows]
    assert len(days) == len(set(days))
    known = {m.id for m in existing}
    assert all(m.starts_at.date() >= today for m in rows if m.id not in known)
    still = {m.id: m for m in rows if m.id in closed}
    assert {k: (m.status, m.theme, m.starts_at) for k, m in still.items()} == {
        k: (m.status, m.theme, m.starts_at) for k, m in closed.items()
    }
    again = regenerate_meetings(sessions, plan.id, cancel_unfit=cancel, today=today)
    assert (again.added, again.cancelled, again.themes_changed) == ((), (), 0)
    assert list_meetings(sessions, group) == rows
