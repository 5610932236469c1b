"""A group's series plan and its meetings: generate by a repeat rule, move, cancel, list.

Meeting numbers follow date order among the meetings that are not cancelled; a cancelled
meeting has number 0 (shown as no number), so "meeting 7" is always the seventh one held or
planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import cast

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError, check_unchanged
from pierglass_desktop.domain.fields import MEETING, SERIES_PLAN
from pierglass_desktop.domain.models import Group, Meeting, SeriesPlan
from pierglass_desktop.i18n import _
from pierglass_desktop.services import in_range
from pierglass_desktop.services.agenda import MeetingRow, meeting_row
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.signoff import guard_meeting

MAX_MEETINGS = 60  # a series longer than five years of weekly meetings is a typo
MAX_MINUTES = 12 * 60


@dataclass(frozen=True)
class SeriesInput:
    first_date: date
    until: date
    every_weeks: int = 4
    weekday: int = 3  # Monday = 0
    start_time: time = time(17, 0)
    duration_minutes: int = 180
    themes: tuple[str, ...] = ()
    skip_dates: tuple[date, ...] = ()
    name: str = ""
    template_id: str | None = None
    place: str = ""


@dataclass(frozen=True)
class SeriesRow:
    id: str
    group_id: str
    name: str
    themes: tuple[str, ...]
    every_weeks: int
    weekday: int
    start_time: time
    duration_minutes: int
    first_date: date | None
    until: date | None
    skip_dates: tuple[date, ...]
    template_id: str | None
    dates: tuple[date, ...] = field(default=())
    updated_at: datetime | None = None  # the stamp the plan's form shows: its ``seen_at``


# ---------------------------------------------------------------- the rule


def series_dates(
    first_date: date,
    until: date,
    every_weeks: int,
    weekday: int,
    skip_dates: Iterable[date] = (),
) -> list[date]:
    """Every N weeks on ``weekday``, from the first such day on or after ``first_date`` up to
    ``until``; skipped dates drop out without shifting the rhythm."""
    skip = set(skip_dates)
    day = first_date + timedelta(days=(weekday - first_date.weekday()) % 7)
    dates: list[date] = []
    while day <= until and len(dates) < MAX_MEETINGS:
        if day not in skip:
            dates.append(day)
        day += timedelta(weeks=every_weeks)
    return dates


def _validated(data: SeriesInput) -> None:
    errors: dict[str, str] = {}
    weeks = SERIES_PLAN["every_weeks"]
    if not in_range(data.every_weeks, weeks):
        errors["every_weeks"] = _("Repeat every {low} to {high} weeks.").format(
            low=weeks.minimum, high=weeks.maximum
        )
    if not in_range(data.weekday, SERIES_PLAN["weekday"]):
        errors["weekday"] = _("Choose a weekday.")
    if data.until < data.first_date:
        errors["until"] = _("The end date is before the first date.")
    elif (data.until - data.first_date).days > 366 * 5:
        errors["until"] = _("A series can last at most five years.")
    if not 15 <= data.duration_minutes <= MAX_MINUTES:
        errors["duration_minutes"] = _("A session lasts between 15 minutes and 12 hours.")
    if errors:
        raise ValidationError(_("Check the marked fields."), fields=errors)


def _series_row(plan: SeriesPlan) -> SeriesRow:
    skips = tuple(sorted(date.fromisoformat(d) for d in plan.skip_dates or ()))
    dates: tuple[date, ...] = ()
    if plan.first_date and plan.until:
        dates = tuple(
            series_dates(plan.first_date, plan.until, plan.every_weeks, plan.weekday, skips)
        )
    return SeriesRow(
        id=plan.id,
        group_id=plan.group_id,
        name=plan.name,
        themes=tuple(plan.themes or ()),
        every_weeks=plan.every_weeks,
        weekday=plan.weekday,
        start_time=plan.start_time,
        duration_minutes=plan.duration_minutes,
        first_date=plan.first_date,
        until=plan.until,
        skip_dates=skips,
        template_id=plan.template_id,
        dates=dates,
        updated_at=plan.updated_at,
    )


# ---------------------------------------------------------------- series plans


def _live_group(s: Session, group_id: str) -> Group:
    group = s.get(Group, group_id)
    if group is None or group.deleted_at is not None:
        raise NotFound(_("That group no longer exists. Refresh the list."))
    return group


@changes(Change.MEETINGS)
def save_series_plan(
    sessions: sessionmaker[Session], group_id: str, data: SeriesInput, series_id: str | None = None
) -> SeriesRow:
    """Create the group's series plan, or change the one given."""
    _validated(data)
    with sessions.begin() as s:
        _live_group(s, group_id)
        if series_id:
            plan = live_plan(s, series_id)
        else:
            plan = SeriesPlan(group_id=group_id)
            s.add(plan)
        write_plan(plan, data)
        s.flush()
        return _series_row(plan)


@changes(Change.MEETINGS)
def update_series_plan(
    sessions: sessionmaker[Session],
    plan_id: str,
    data: SeriesInput,
    *,
    seen_at: datetime | None = None,
) -> SeriesRow:
    """Change a saved plan in place (its sessions are updated by regenerating); ``seen_at``
    refuses it when someone else changed the plan after the form was filled."""
    _validated(data)
    with sessions.begin() as s:
        plan = live_plan(s, plan_id)
        check_unchanged(plan.updated_at, seen_at)
        _live_group(s, plan.group_id)
        write_plan(plan, data)
        s.flush()
        return _series_row(plan)


@changes(Change.MEETINGS)
def delete_series_plan(sessions: sessionmaker[Session], plan_id: str) -> None:
    """Tombstone the plan; the sessions it generated stay as they are."""
    with sessions.begin() as s:
        live_plan(s, plan_id).deleted_at = utcnow()


def series_plan(sessions: sessionmaker[Session], plan_id: str) -> SeriesRow:
    with sessions() as s:
        return _series_row(live_plan(s, plan_id))


def live_plan(s: Session, plan_id: str) -> SeriesPlan:
    plan = s.get(SeriesPlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise NotFound(_("That series plan no longer exists. Refresh the list."))
    return plan


def write_plan(plan: SeriesPlan, data: SeriesInput) -> None:
    plan.name = data.name.strip()[: SERIES_PLAN.limit("name")]
    plan.themes = [t.strip() for t in data.themes if t.strip()]
    plan.every_weeks = data.every_weeks
    plan.weekday = data.weekday
    plan.start_time = data.start_time
    plan.duration_minutes = data.duration_minutes
    plan.first_date = data.first_date
    plan.until = data.until
    plan.skip_dates = sorted({d.isoformat() for d in data.skip_dates})
    plan.template_id = data.template_id


def group_series(sessions: sessionmaker[Session], group_id: str) -> list[SeriesRow]:
    query = (
        select(SeriesPlan)
        .where(SeriesPlan.group_id == group_id, SeriesPlan.deleted_at.is_(None))
        .order_by(SeriesPlan.created_at)
    )
    with sessions() as s:
        return [_series_row(p) for p in s.scalars(query)]


@changes(Change.MEETINGS)
def generate_meetings(
    sessions: sessionmaker[Session], series_id: str, *, place: str = ""
) -> list[MeetingRow]:
    """Planned meetings for every date of the rule that has none yet; themes in order.

    Running it again after extending the plan adds only the new dates. The series' template, if
    any, becomes each new meeting's agenda.
    """
    with sessions.begin() as s:
        return _generate_in(s, live_plan(s, series_id), place)


@changes(Change.MEETINGS)
def create_series(
    sessions: sessionmaker[Session], group_id: str, data: SeriesInput, *, place: str = ""
) -> tuple[SeriesRow, list[MeetingRow]]:
    """ "Generate" in a new series' dialog: save the plan and make its meetings, both or neither.

    A refused generation (a template deleted meanwhile, say) leaves no saved plan behind.
    """
    _validated(data)
    with sessions.begin() as s:
        _live_group(s, group_id)
        plan = SeriesPlan(group_id=group_id)
        s.add(plan)
        write_plan(plan, data)
        s.flush()
        return _series_row(plan), _generate_in(s, plan, place)


def _generate_in(s: Session, plan: SeriesPlan, place: str) -> list[MeetingRow]:
    """The plan's missing meetings, made in the caller's transaction, in date order."""
    row = _series_row(plan)
    taken = series_meeting_dates(s, plan.id)
    created = [
        new_meeting(s, plan, day, theme_at(row, day), place)
        for day in row.dates
        if day not in taken
    ]
    s.flush()
    renumber(s, plan.group_id)
    if row.template_id:
        apply_template_to(s, row.template_id, created)
    s.flush()
    name = _group_name(s, plan.group_id)
    return [meeting_row(m, name) for m in sorted(created, key=lambda m: m.starts_at)]


def theme_at(row: SeriesRow, day: date) -> str | None:
    """The theme the plan gives the session on ``day`` (themes in date order); None if the
    day is not one of the plan's dates."""
    if day not in row.dates:
        return None
    index = row.dates.index(day)
    return row.themes[index] if index < len(row.themes) else ""


def new_meeting(s: Session, plan: SeriesPlan, day: date, theme: str | None, place: str) -> Meeting:
    """A planned meeting of the plan on ``day``, added to the caller's transaction."""
    meeting = Meeting(
        group_id=plan.group_id,
        series_id=plan.id,
        theme=theme or "",
        starts_at=datetime.combine(day, plan.start_time),
        planned_minutes=plan.duration_minutes,
        place=place,
        status=MeetingStatus.PLANNED,
    )
    s.add(meeting)
    return meeting


def series_meeting_dates(s: Session, series_id: str) -> set[date]:
    query = select(Meeting.starts_at).where(
        Meeting.series_id == series_id, Meeting.deleted_at.is_(None)
    )
    return {starts.date() for starts in s.scalars(query)}


def apply_template_to(s: Session, template_id: str, meetings: Sequence[Meeting]) -> None:
    """In the same transaction: a series is generated whole or not at all."""
    from pierglass_desktop.services.templates import apply_template_in

    for meeting in meetings:
        apply_template_in(s, template_id, meeting.id)


# ---------------------------------------------------------------- single meetings


@changes(Change.MEETINGS)
def add_meeting(
    sessions: sessionmaker[Session],
    group_id: str,
    starts_at: datetime,
    planned_minutes: int = 180,
    theme: str = "",
    place: str = "",
) -> MeetingRow:
    if not 15 <= planned_minutes <= MAX_MINUTES:
        message = _("A session lasts between 15 minutes and 12 hours.")
        raise ValidationError(message, fields={"planned_minutes": message})
    with sessions.begin() as s:
        group = _live_group(s, group_id)
        meeting = Meeting(
            group_id=group.id,
            starts_at=starts_at.replace(second=0, microsecond=0),
            planned_minutes=planned_minutes,
            theme=theme.strip()[: MEETING.limit("theme")],
            place=place.strip()[: MEETING.limit("place")],
        )
        s.add(meeting)
        s.flush()
        renumber(s, group.id)
        return meeting_row(meeting, group.name)


@changes(Change.MEETINGS)
def move_meeting(
    sessions: sessionmaker[Session],
    meeting_id: str,
    starts_at: datetime,
    *,
    seen_at: datetime | None = None,
) -> MeetingRow:
    """A new date and time for one meeting; numbers follow the new date order. ``seen_at``
    refuses the move when someone else changed the meeting after the list showed it."""
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        check_unchanged(meeting.updated_at, seen_at)
        if meeting.status is MeetingStatus.HELD:
            raise Conflict(
                _("Session {number} has already been held.").format(number=meeting.number)
            )
        meeting.starts_at = starts_at.replace(second=0, microsecond=0)
        if meeting.status is MeetingStatus.CANCELLED:
            meeting.status = MeetingStatus.PLANNED  # moving a cancelled meeting revives it
        s.flush()
        renumber(s, meeting.group_id)
        return meeting_row(meeting, _group_name(s, meeting.group_id))


@changes(Change.MEETINGS)
def cancel_meeting(sessions: sessionmaker[Session], meeting_id: str) -> MeetingRow:
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        if meeting.status is MeetingStatus.HELD:
            raise Conflict(
                _("Session {number} has already been held, so it cannot be cancelled.").format(
                    number=meeting.number
                )
            )
        meeting.status = MeetingStatus.CANCELLED
        s.flush()
        renumber(s, meeting.group_id)
        return meeting_row(meeting, _group_name(s, meeting.group_id))


def group_choices(sessions: sessionmaker[Session]) -> list[tuple[str, str]]:
    """(id, name) of the groups a tutor plans for: not deleted, not archived; by name."""
    query = select(Group.id, Group.name).where(
        Group.deleted_at.is_(None), Group.archived_at.is_(None)
    )
    with sessions() as s:
        return sorted(((r.id, r.name) for r in s.execute(query)), key=lambda r: r[1].casefold())


def list_meetings(sessions: sessionmaker[Session], group_id: str | None = None) -> list[MeetingRow]:
    """Meetings in date order with their status: one group's, or every live group's.

    The one meeting listing: the Sessions page and ``pierglass list sessions`` both read it.
    """
    with sessions() as s:
        return list(meeting_rows(s, group_id))


def meeting_rows(s: Session, group_id: str | None = None) -> Iterator[MeetingRow]:
    """The same rows one at a time while ``s`` stays open (``pierglass list`` writes them as
    they come). An unknown group is refused before the first row."""
    # Plain columns, not ORM objects: a coordinator's file holds thousands of sessions.
    query = (
        select(*_MEETING_COLUMNS, Group.name.label("group_name"))
        .join(Group, Group.id == Meeting.group_id)
        .where(Meeting.deleted_at.is_(None), Group.deleted_at.is_(None))
        .order_by(Meeting.starts_at, Group.name, Meeting.created_at, Meeting.number)
    )
    if group_id is not None:
        _require_group(s, group_id)
        query = query.where(Meeting.group_id == group_id)
    result = s.connection().execute(query, execution_options={"yield_per": 1000})
    # Rows carry Meeting's column names, which is all meeting_row reads.
    return (meeting_row(cast(Meeting, row), row.group_name) for row in result)


_MEETING_COLUMNS = (
    Meeting.id,
    Meeting.group_id,
    Meeting.number,
    Meeting.theme,
    Meeting.starts_at,
    Meeting.planned_minutes,
    Meeting.place,
    Meeting.online_link,
    Meeting.status,
    Meeting.locked_at,
    Meeting.series_id,
    Meeting.updated_at,
)


def _require_group(s: Session, group_id: str) -> None:
    found = s.scalar(select(Group.id).where(Group.id == group_id, Group.deleted_at.is_(None)))
    if found is None:
        raise NotFound(
            _(
                "There is no group with the id {id}. List the groups with "
                "'pierglass list groups' to see their ids."
            ).format(id=group_id)
        )


def _group_name(s: Session, group_id: str) -> str:
    return s.scalar(select(Group.name).where(Group.id == group_id)) or ""


def live_meetings(s: Session, *conditions: ColumnElement[bool]) -> list[Meeting]:
    """The meetings that match ``conditions`` and are not deleted, in date order."""
    query = (
        select(Meeting)
        .where(*conditions, Meeting.deleted_at.is_(None))
        .order_by(Meeting.starts_at, Meeting.created_at)
    )
    return list(s.scalars(query))


def _group_meetings(s: Session, group_id: str) -> list[Meeting]:
    return live_meetings(s, Meeting.group_id == group_id)


def renumber(s: Session, group_id: str) -> None:
    number = 0
    for meeting in _group_meetings(s, group_id):
        if meeting.status is MeetingStatus.CANCELLED:
            wanted = 0
        else:
            number += 1
            wanted = number
        if meeting.number != wanted:
            meeting.number = wanted
    s.flush()  # rows built after this carry the stamps a later save compares (``seen_at``)
