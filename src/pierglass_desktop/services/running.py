"""Running the agenda: a timer per item, and the actual minutes kept beside the planned ones.

``AgendaClock`` is plain Python over a clock function (``time.monotonic`` by default), so tests
pass a fake clock and the run-session screen only has to tick a display.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import AgendaItem, Meeting
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.signoff import audit_change, guard_meeting, live_meeting

if TYPE_CHECKING:
    from pierglass_desktop.services.attendance import AttendanceRow
    from pierglass_desktop.services.commitments import CommitmentRow
    from pierglass_desktop.services.evidence import EvidenceRow
    from pierglass_desktop.services.feedback import FeedbackSummary
    from pierglass_desktop.services.notes import NoteRow
    from pierglass_desktop.services.signoff import LockState

MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class AgendaRow:
    id: str
    position: int
    title: str
    planned_minutes: int
    actual_minutes: int | None
    is_break: bool
    instructions: str


def meeting_agenda(sessions: sessionmaker[Session], meeting_id: str) -> list[AgendaRow]:
    query = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted_at.is_(None))
        .order_by(AgendaItem.position, AgendaItem.created_at)
    )
    with sessions() as s:
        live_meeting(s, meeting_id)
        return [_row(item) for item in s.scalars(query)]


# No ``seen_at`` check on the timer's writes: the minutes come from the running clock of the
# one screen running the meeting, not from a value a person read and typed over, and each
# kept minute is in the audit trail.
@changes(Change.AGENDA)
def record_actual_minutes(
    sessions: sessionmaker[Session], item_id: str, minutes: int, actor: str = ""
) -> AgendaRow:
    """Keep how long the item really took. Saved at once."""
    _check_minutes(minutes)
    with sessions.begin() as s:
        item = s.get(AgendaItem, item_id)
        if item is None or item.deleted_at is not None:
            raise NotFound(_("The agenda item was not found; it may have been removed."))
        guard_meeting(s, item.meeting_id)
        return _row(_keep_minutes(s, item, minutes, actor))


@dataclass(frozen=True)
class TimerState:
    """Where the meeting's timer is: the item on now, and while it runs, the moment (seconds
    of the wall clock) its clock would have started had it never paused."""

    item_id: str | None
    running_since: float | None


def meeting_timer(sessions: sessionmaker[Session], meeting_id: str) -> TimerState:
    with sessions() as s:
        return timer_state(live_meeting(s, meeting_id))


def timer_state(meeting: Meeting) -> TimerState:
    since = meeting.timer_started_at
    return TimerState(meeting.timer_item_id, since.timestamp() if since else None)


@changes(Change.MEETINGS)
def keep_timer(
    sessions: sessionmaker[Session],
    meeting_id: str,
    item_id: str | None,
    *,
    running_seconds: float | None,
    now: float,
    kept: Mapping[str, int] | None = None,
    actor: str = "",
) -> list[AgendaRow]:
    """One timer action (start, pause, next item) saved at once: the minutes of the items it
    kept, the item on now, and how long that item has run if its clock runs. A dead battery
    then loses nothing: the screen reopens on this item, its clock still counting."""
    for minutes in (kept or {}).values():
        _check_minutes(minutes)
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        rows = _keep_all(s, meeting_id, kept or {}, actor)
        meeting.timer_item_id = item_id
        meeting.timer_started_at = (
            None if running_seconds is None else _utc(now - max(running_seconds, 0.0))
        )
        return rows


@changes(Change.MEETINGS, Change.AGENDA)
def finish_meeting(
    sessions: sessionmaker[Session],
    meeting_id: str,
    actual_minutes: int | None = None,
    *,
    kept: Mapping[str, int] | None = None,
    actor: str = "",
) -> None:
    """Mark the meeting held, keeping the items' minutes and its real length when known."""
    for minutes in (kept or {}).values():
        _check_minutes(minutes)
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        _keep_all(s, meeting_id, kept or {}, actor)
        meeting.status = MeetingStatus.HELD
        meeting.timer_started_at = None  # the clock stops with the meeting
        if actual_minutes is not None and 0 < actual_minutes <= MAX_MINUTES:
            meeting.actual_minutes = int(actual_minutes)


def _keep_all(s: Session, meeting_id: str, kept: Mapping[str, int], actor: str) -> list[AgendaRow]:
    rows = []
    for item_id, minutes in kept.items():
        item = s.get(AgendaItem, item_id)
        if item is None or item.deleted_at is not None or item.meeting_id != meeting_id:
            raise NotFound(_("The agenda item was not found; it may have been removed."))
        rows.append(_row(_keep_minutes(s, item, minutes, actor)))
    return rows


def _keep_minutes(s: Session, item: AgendaItem, minutes: int, actor: str) -> AgendaItem:
    before = {"actual_minutes": item.actual_minutes}
    item.actual_minutes = int(minutes)
    audit_change(
        s,
        item.meeting_id,
        entity="agenda_item",
        entity_id=item.id,
        before=before,
        after={"actual_minutes": item.actual_minutes},
        actor=actor,
    )
    return item


def _check_minutes(minutes: int) -> None:
    if isinstance(minutes, bool) or not 0 <= int(minutes) <= MAX_MINUTES:
        raise ValidationError(
            _("The minutes do not make sense."),
            {"actual_minutes": _("Give minutes from 0 to {most}.").format(most=MAX_MINUTES)},
        )


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class AgendaClock:
    """Which item is on, how long it has run, and how long each item took in total.

    Time spent on an item accumulates: going back to an item continues its clock. The clock
    is the wall clock in seconds (``time.time``), so a kept ``TimerState`` resumes after a
    restart: the items start from their kept minutes and the running item keeps counting.
    """

    def __init__(
        self,
        items: Sequence[AgendaRow],
        clock: Callable[[], float] = time.time,
        timer: TimerState | None = None,
    ):
        self.items = list(items)
        self._clock = clock
        self._spent = [(item.actual_minutes or 0) * 60.0 for item in self.items]
        self._index = 0
        self._since: float | None = None  # when the current item's clock last started
        if timer is not None:
            self._resume(timer)

    def _resume(self, timer: TimerState) -> None:
        ids = [item.id for item in self.items]
        if timer.item_id not in ids:
            return  # no timer kept, or its item was removed: start at the top
        self._index = ids.index(timer.item_id)
        if timer.running_since is not None:
            self._spent[self._index] = 0.0
            self._since = timer.running_since

    def now(self) -> float:
        return self._clock()

    @property
    def index(self) -> int:
        return self._index

    @property
    def current(self) -> AgendaRow | None:
        return self.items[self._index] if self.items else None

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        if self._since is None and self.items:
            self._since = self._clock()

    def pause(self) -> None:
        if self._since is not None:
            self._spent[self._index] += self._clock() - self._since
            self._since = None

    def elapsed_seconds(self, index: int | None = None) -> float:
        index = self._index if index is None else index
        since = self._since if index == self._index else None
        extra = self._clock() - since if since is not None else 0.0
        return self._spent[index] + extra

    def remaining_seconds(self) -> float:
        """Seconds left of the current item's plan; negative once it over-runs."""
        if not self.current:
            return 0.0
        return self.current.planned_minutes * 60 - self.elapsed_seconds()

    def over_run(self) -> bool:
        return self.current is not None and self.remaining_seconds() < 0

    def minutes(self, index: int) -> int:
        """Whole minutes spent on an item, rounded to the nearest minute."""
        return int(self.elapsed_seconds(index) / 60 + 0.5)

    def go_to(self, index: int) -> tuple[AgendaRow, int] | None:
        """Move to another item; returns the item left and its minutes so far (to save)."""
        if not self.items or not 0 <= index < len(self.items) or index == self._index:
            return None
        was_running = self.running
        self.pause()
        left = (self.items[self._index], self.minutes(self._index))
        self._index = index
        if was_running:
            self.start()
        return left

    def next(self) -> tuple[AgendaRow, int] | None:
        return self.go_to(self._index + 1)

    def previous(self) -> tuple[AgendaRow, int] | None:
        return self.go_to(self._index - 1)


def _row(item: AgendaItem) -> AgendaRow:
    return AgendaRow(
        id=item.id,
        position=item.position,
        title=item.title,
        planned_minutes=item.duration_minutes,
        actual_minutes=item.actual_minutes,
        is_break=item.is_break,
        instructions=item.instructions,
    )


@dataclass(frozen=True)
class MeetingHeader:
    """What the run-session screen says about the meeting itself."""

    id: str
    number: int
    theme: str
    group_name: str
    starts_at: datetime  # local wall-clock time
    held: bool
    locked: bool


def _header(s: Session, meeting: Meeting) -> MeetingHeader:
    from pierglass_desktop.domain.models import Group

    group = s.get(Group, meeting.group_id)
    return MeetingHeader(
        id=meeting.id,
        number=meeting.number,
        theme=meeting.theme,
        group_name=group.name if group else "",
        starts_at=meeting.starts_at,
        held=meeting.status == MeetingStatus.HELD,
        locked=meeting.locked_at is not None,
    )


# --- the whole screen in one read ------------------------------------------------------------


@dataclass(frozen=True)
class RunScreen:
    """Everything the run-session screen shows, read in one transaction."""

    header: MeetingHeader
    agenda: tuple[AgendaRow, ...]
    timer: TimerState
    roster: tuple[AttendanceRow, ...]  # the members on the day and anyone marked, by name
    notes: tuple[NoteRow, ...]
    commitments: tuple[CommitmentRow, ...]  # made at this meeting
    follow_ups: tuple[CommitmentRow, ...]  # made at the meeting before, to review now
    lock: LockState
    feedback: FeedbackSummary
    evidence: tuple[EvidenceRow, ...]  # of the signed sheet


class _OneSession:
    """A sessionmaker stand-in handing out one open session without closing it, so the
    services' own read functions run inside one transaction and see one state of the file."""

    def __init__(self, session: Session):
        self._session = session

    def __call__(self) -> AbstractContextManager[Session]:
        return nullcontext(self._session)


@changes()
def run_screen(sessions: sessionmaker[Session], meeting_id: str) -> RunScreen:
    from pierglass_desktop.services import attendance, commitments, evidence, feedback, notes
    from pierglass_desktop.services.signoff import lock_state

    with sessions() as s, s.begin():
        # The read functions only open ``with sessions() as s``, which the stand-in serves.
        one = cast("sessionmaker[Session]", _OneSession(s))
        meeting = live_meeting(s, meeting_id)
        return RunScreen(
            header=_header(s, meeting),
            agenda=tuple(meeting_agenda(one, meeting_id)),
            timer=timer_state(meeting),
            roster=tuple(attendance.meeting_attendance(one, meeting_id)),
            notes=tuple(notes.meeting_notes(one, meeting_id)),
            commitments=tuple(commitments.meeting_commitments(one, meeting_id)),
            follow_ups=tuple(commitments.follow_ups_for(one, meeting_id)),
            lock=lock_state(one, meeting_id),
            feedback=feedback.feedback_summary(one, meeting_id),
            evidence=tuple(evidence.signin_evidence(one, meeting_id)),
        )
