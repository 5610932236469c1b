"""Bring a series plan's sessions in line with its (edited) rule: preview first, then apply.

What regenerating may do, and nothing else:
- add a planned session for every date of the rule, from today on, that has no session of the
  plan yet (a cancelled one counts: cancelling is the tutor's decision and stays);
- list the plan's planned, never signed-off sessions from today on whose dates no longer fit
  the rule, and cancel them only when the tutor agrees (never delete: agendas survive);
- give a planned session the theme of its place in the new order, but only when its theme is
  still the one the plan as saved gives it, i.e. the tutor has not changed it by hand.
Held, cancelled, signed-off and past sessions are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.errors import Conflict, check_unchanged
from pierglass_desktop.domain.models import Meeting, SeriesPlan
from pierglass_desktop.services.agenda import MeetingRow, meeting_row
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.series import (
    SeriesInput,
    SeriesRow,
    _group_name,
    _series_row,
    _validated,
    apply_template_to,
    list_meetings,
    live_meetings,
    live_plan,
    new_meeting,
    renumber,
    series_meeting_dates,
    theme_at,
    write_plan,
)
from pierglass_desktop.services.signoff import guard_meeting, was_signed_off


@dataclass(frozen=True)
class ThemeChange:
    meeting_id: str
    starts_at: datetime
    old_theme: str
    new_theme: str


@dataclass(frozen=True)
class RegenerationPreview:
    plan_id: str
    from_date: date  # sessions before this day are left as they are
    added: tuple[date, ...]
    unfit: tuple[MeetingRow, ...]  # planned sessions off the rule: cancelled only if agreed
    themes: tuple[ThemeChange, ...]

    @property
    def changes_nothing(self) -> bool:
        return not (self.added or self.unfit or self.themes)


@dataclass(frozen=True)
class RegenerationResult:
    plan: SeriesRow
    added: tuple[MeetingRow, ...]
    cancelled: tuple[MeetingRow, ...]
    themes_changed: int


def preview_regeneration(
    sessions: sessionmaker[Session],
    plan_id: str,
    data: SeriesInput | None = None,
    *,
    today: date | None = None,
) -> RegenerationPreview:
    """What regenerating would do, for the plan as saved or as edited into ``data``; writes
    nothing."""
    if data is not None:
        _validated(data)
    today = today or date.today()
    with sessions() as s:
        plan = live_plan(s, plan_id)
        old = _series_row(plan)
        new = _edited_row(s, plan, data) if data is not None else old
        return _preview(s, plan, old, new, today)


@changes(Change.MEETINGS, Change.AGENDA)
def regenerate_meetings(
    sessions: sessionmaker[Session],
    plan_id: str,
    *,
    cancel_unfit: bool,
    today: date | None = None,
    place: str | None = None,
) -> RegenerationResult:
    """Apply the preview of the plan as saved; ``cancel_unfit`` is the tutor's answer."""
    return _apply(sessions, plan_id, None, cancel_unfit, today or date.today(), place)


@changes(Change.MEETINGS, Change.AGENDA)
def apply_series_edit(
    sessions: sessionmaker[Session],
    plan_id: str,
    data: SeriesInput,
    *,
    cancel_unfit: bool,
    today: date | None = None,
    place: str | None = None,
    seen_at: datetime | None = None,
) -> RegenerationResult:
    """Save the edited plan and update its sessions, in one transaction: the saved plan's
    themes are still known here, which is how a hand-changed theme is recognised. ``seen_at``
    refuses it all when someone else changed the plan after the form was filled."""
    _validated(data)
    return _apply(sessions, plan_id, data, cancel_unfit, today or date.today(), place, seen_at)


def plan_place(sessions: sessionmaker[Session], plan_id: str) -> str:
    """Where the plan's sessions meet: the place of its latest session (the plan keeps none)."""
    with sessions() as s:
        return _latest_place(s, plan_id)


# ---------------------------------------------------------------- inside a transaction


def _apply(
    sessions: sessionmaker[Session],
    plan_id: str,
    data: SeriesInput | None,
    cancel_unfit: bool,
    today: date,
    place: str | None,
    seen_at: datetime | None = None,
) -> RegenerationResult:
    with sessions.begin() as s:
        plan = live_plan(s, plan_id)
        check_unchanged(plan.updated_at, seen_at)
        old = _series_row(plan)
        if data is not None:
            write_plan(plan, data)
            s.flush()
        new = _series_row(plan)
        preview = _preview(s, plan, old, new, today)
        if place is None:
            place = _latest_place(s, plan.id)
        created = [new_meeting(s, plan, day, theme_at(new, day), place) for day in preview.added]
        for change in preview.themes:
            guard_meeting(s, change.meeting_id).theme = change.new_theme
        cancelled_ids = [m.id for m in preview.unfit] if cancel_unfit else []
        for meeting_id in cancelled_ids:
            guard_meeting(s, meeting_id).status = MeetingStatus.CANCELLED
        s.flush()
        renumber(s, plan.group_id)
        if new.template_id:
            apply_template_to(s, new.template_id, created)
        added_ids = {m.id for m in created}
    rows = list_meetings(sessions, new.group_id)
    return RegenerationResult(
        plan=new,
        added=tuple(r for r in rows if r.id in added_ids),
        cancelled=tuple(r for r in rows if r.id in cancelled_ids),
        themes_changed=len(preview.themes),
    )


def _preview(
    s: Session, plan: SeriesPlan, old: SeriesRow, new: SeriesRow, today: date
) -> RegenerationPreview:
    taken = series_meeting_dates(s, plan.id)
    fits = set(new.dates)
    open_ = [m for m in _plan_meetings(s, plan.id) if _may_change(s, m, today)]
    unfit = [m for m in open_ if m.starts_at.date() not in fits]
    themes = [change for m in open_ if (change := _theme_change(m, old, new)) is not None]
    group_name = _group_name(s, plan.group_id)
    return RegenerationPreview(
        plan_id=plan.id,
        from_date=today,
        added=tuple(d for d in new.dates if d >= today and d not in taken),
        unfit=tuple(meeting_row(m, group_name) for m in unfit),
        themes=tuple(themes),
    )


def _theme_change(meeting: Meeting, old: SeriesRow, new: SeriesRow) -> ThemeChange | None:
    day = meeting.starts_at.date()
    wanted = theme_at(new, day)
    # Only a theme that is still what the saved plan gave this day follows the new order.
    if wanted is None or meeting.theme != theme_at(old, day) or meeting.theme == wanted:
        return None
    return ThemeChange(meeting.id, meeting.starts_at, meeting.theme, wanted)


def _may_change(s: Session, meeting: Meeting, today: date) -> bool:
    """Planned, from today on, and never signed off (the sign-off guard has the last word)."""
    if meeting.status is not MeetingStatus.PLANNED or meeting.starts_at.date() < today:
        return False
    if was_signed_off(s, meeting.id):
        return False
    try:
        guard_meeting(s, meeting.id)
    except Conflict:
        return False  # locked: regeneration leaves it alone rather than failing the whole plan
    return True


def _plan_meetings(s: Session, plan_id: str) -> list[Meeting]:
    return live_meetings(s, Meeting.series_id == plan_id)


def _latest_place(s: Session, plan_id: str) -> str:
    meetings = _plan_meetings(s, plan_id)
    return meetings[-1].place if meetings else ""


def _edited_row(s: Session, plan: SeriesPlan, data: SeriesInput) -> SeriesRow:
    """The plan's row as if ``data`` were saved, without keeping the change."""
    draft = SeriesPlan(id=plan.id, group_id=plan.group_id)
    write_plan(draft, data)
    return _series_row(draft)
