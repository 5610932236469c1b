"""Marking attendance at one meeting: marks, minutes attended, "everyone present", newcomers.

How minutes are counted (``minutes_attended``) lives here; what counts as attended
(``ATTENDED``) and a meeting's length are rules of ``domain.rules``, which the register, the
at-risk rule, hours and indicators read without this module's own imports.

Each mark is its own transaction, committed before the function returns, so a mark the screen
shows as saved survives a dead battery. Times are the local wall-clock times of the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import BindParameter, Select, Table, bindparam, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from sqlalchemy.sql.dml import Insert

from pierglass_desktop.domain.base import stamp
from pierglass_desktop.domain.enums import AttendanceStatus, MeetingStatus
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import (
    Attendance,
    AuditEntry,
    Meeting,
    Membership,
    Participant,
    attendance_id,
)
from pierglass_desktop.domain.rules import ATTENDED, meeting_length
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_date, format_time
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.membership import (
    covers,
    members_on,
)
from pierglass_desktop.services.participants import (
    ParticipantInput,
    add_participant,
    validate_participant,
)
from pierglass_desktop.services.signoff import (
    SIGN_OFF,
    audit_change,
    guard_meeting,
    live_meeting,
)

# The order one click or key steps through; an unmarked member starts at "present".
CYCLE = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.LEFT_EARLY,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


@dataclass(frozen=True)
class AttendanceRow:
    meeting_id: str
    participant_id: str
    name: str
    company: str
    status: AttendanceStatus | None  # None: not marked yet
    arrived_at: time | None
    left_at: time | None
    minutes_attended: int | None
    remark: str


def meeting_window(meeting: Meeting | MarkContext) -> tuple[datetime, datetime]:
    """Start and end of the meeting (its length by ``meeting_length``)."""
    length = meeting_length(meeting.actual_minutes, meeting.planned_minutes)
    return meeting.starts_at, meeting.starts_at + timedelta(minutes=length)


def minutes_attended(
    meeting: Meeting | MarkContext,
    status: AttendanceStatus,
    arrived: time | None,
    left: time | None,
) -> int:
    """Minutes between arrival and leaving, clamped to the meeting; 0 when not there."""
    if status not in ATTENDED:
        return 0
    start, end = meeting_window(meeting)
    begin = max(start, _on_meeting_day(meeting, arrived) if arrived else start)
    finish = min(end, _on_meeting_day(meeting, left) if left else end)
    return max(0, int((finish - begin).total_seconds() // 60))


# No ``seen_at`` check on marks (unlike the forms in docs/architecture.md "Concurrency"): a
# mark is one click as a person walks in, the newest mark is the truth, and every change is
# in the meeting's audit trail with its before and after, so a co-tutor's mark is never lost
# unseen. Refusing a click because someone else clicked first would only slow the door.
@changes(Change.ATTENDANCE)
def mark(
    sessions: sessionmaker[Session],
    meeting_id: str,
    participant_id: str,
    status: AttendanceStatus,
    *,
    arrived_at: time | None = None,
    left_at: time | None = None,
    remark: str | None = None,
    actor: str = "",
) -> AttendanceRow:
    """Mark one member; arrival and leaving give the minutes attended. Saved at once."""
    status = AttendanceStatus(status)
    if status not in ATTENDED:
        arrived_at = left_at = None
    _check_times(arrived_at, left_at)
    with sessions.begin() as s:
        context = load_mark_context(s, meeting_id, participant_id)
        mark = Mark(status, arrived_at, left_at, _remark(remark, context.current))
        return save_mark(s, context, mark, actor)


@changes(Change.ATTENDANCE)
def cycle_status(
    sessions: sessionmaker[Session], meeting_id: str, participant_id: str, actor: str = ""
) -> AttendanceRow:
    """One click or key: the member's next status (unmarked → present → late → …)."""
    with sessions.begin() as s:
        context = load_mark_context(s, meeting_id, participant_id)
        current = context.current
        status = _next_status(current.status if current else None)
        kept = current if status in ATTENDED else None  # a mark's times survive a re-mark
        arrived = kept.arrived_at if kept else None
        left = kept.left_at if kept else None
        if arrived and left and left < arrived:
            arrived = left = None
        mark = Mark(status, arrived, left, current.remark if current else "")
        return save_mark(s, context, mark, actor)


@changes(Change.ATTENDANCE)
def everyone_present(
    sessions: sessionmaker[Session], meeting_id: str, actor: str = ""
) -> list[AttendanceRow]:
    """Mark every member not marked yet as present; existing marks (the exceptions) stay."""
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        marks = _marks(s, meeting_id)
        for participant in members_on(s, meeting.group_id, meeting.starts_at.date()):
            if participant.id not in marks:
                context = load_mark_context(s, meeting_id, participant.id)
                save_mark(s, context, Mark(AttendanceStatus.PRESENT, None, None, ""), actor)
    return meeting_attendance(sessions, meeting_id)


@changes(Change.PARTICIPANTS, Change.MEMBERSHIPS, Change.ATTENDANCE)
def add_newcomer(
    sessions: sessionmaker[Session],
    meeting_id: str,
    first_name: str,
    last_name: str = "",
    company_name: str = "",
    email: str = "",
    actor: str = "",
) -> AttendanceRow:
    """A person who turned up: a new participant, a member from the meeting's day, present.

    The person is made by the participants service's rules (checked fields, a pseudonym code)
    in the same transaction as the membership and the mark.
    """
    data = ParticipantInput(
        first_name=first_name or "",
        last_name=last_name or "",
        company_name=company_name or "",
        email=email or "",
    )
    validate_participant(data, last_name_required=False)  # refuse before taking the write lock
    with sessions.begin() as s:
        meeting = guard_meeting(s, meeting_id)
        person = add_participant(s, data, last_name_required=False)
        s.add(
            Membership(
                group_id=meeting.group_id,
                participant_id=person.id,
                joined_on=meeting.starts_at.date(),
            )
        )
        s.flush()
        context = load_mark_context(s, meeting_id, person.id)
        return save_mark(s, context, Mark(AttendanceStatus.PRESENT, None, None, ""), actor)


def meeting_attendance(sessions: sessionmaker[Session], meeting_id: str) -> list[AttendanceRow]:
    """Everyone who belongs at the meeting (members on its day, plus anyone marked), by name."""
    with sessions() as s:
        meeting = live_meeting(s, meeting_id)
        marks = _marks(s, meeting_id)
        people = {p.id: p for p in members_on(s, meeting.group_id, meeting.starts_at.date())}
        missing = set(marks) - set(people)
        if missing:
            query = select(Participant).where(Participant.id.in_(missing))
            people.update({p.id: p for p in s.scalars(query)})
        ordered = sorted(
            people.values(), key=lambda p: (p.last_name.casefold(), p.first_name.casefold())
        )
        return [_row(meeting_id, p, marks.get(p.id)) for p in ordered]


# --- inside one transaction -------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    status: AttendanceStatus
    arrived_at: time | None
    left_at: time | None
    remark: str


@dataclass(frozen=True)
class MarkContext:
    """Everything one mark needs to know, read in one query (the hot path of the screen)."""

    meeting_id: str
    participant_id: str
    number: int
    starts_at: datetime
    planned_minutes: int
    actual_minutes: int | None
    name: str
    company: str
    signed_off: bool
    current: Mark | None  # the live mark, if any
    current_minutes: int | None


def load_mark_context(s: Session, meeting_id: str, participant_id: str) -> MarkContext:
    """The meeting (unlocked), the person and their current mark; refuses non-members."""
    params = {
        "meeting_id": meeting_id,
        "participant_id": participant_id,
        "attendance_id": attendance_id(meeting_id, participant_id),
    }
    row = s.connection().execute(_context_query(), params).one_or_none()
    if row is None:
        raise NotFound(_("The session was not found; it may have been deleted."))
    if row.locked_at is not None:
        guard_meeting(s, meeting_id)  # raises the locked-meeting sentence
    if row.meeting_status == MeetingStatus.CANCELLED:
        raise ValidationError(
            _("Session {number} was cancelled, so it has no attendance to mark.").format(
                number=row.number
            )
        )
    if row.first_name is None or row.p_deleted is not None:
        raise ValidationError(_("This person is not in the register any more."))
    live = row.status is not None and row.a_deleted is None
    if not row.is_member and not live:  # a mark made earlier stays correctable
        day = row.starts_at.date()
        raise ValidationError(
            _("{name} is not a member of the group on {day}. Add the membership first.").format(
                name=f"{row.first_name} {row.last_name}".strip(), day=format_date(day)
            )
        )
    current = Mark(row.status, row.arrived_at, row.left_at, row.remark or "") if live else None
    return MarkContext(
        meeting_id=meeting_id,
        participant_id=participant_id,
        number=row.number,
        starts_at=row.starts_at,
        planned_minutes=row.planned_minutes,
        actual_minutes=row.actual_minutes,
        name=f"{row.first_name} {row.last_name}".strip(),
        company=row.company_name,
        signed_off=bool(row.signed_off),
        current=current,
        current_minutes=row.minutes_attended if live else None,
    )


def save_mark(s: Session, context: MarkContext, mark: Mark, actor: str = "") -> AttendanceRow:
    """Write the mark with one upsert, stamped like the ORM would; audited after sign-off."""
    minutes = minutes_attended(context, mark.status, mark.arrived_at, mark.left_at)
    row = AttendanceRow(
        context.meeting_id,
        context.participant_id,
        context.name,
        context.company,
        mark.status,
        mark.arrived_at,
        mark.left_at,
        minutes,
        mark.remark,
    )
    if mark == context.current and minutes == context.current_minutes:
        return row  # nothing changed: no write, no audit entry
    connection = s.connection()
    connection.execute(mark_upsert(connection.dialect.name), _upsert_values(s, row))
    if context.signed_off:
        before = _snapshot(context.current, context.current_minutes, context.participant_id)
        after = _snapshot(mark, minutes, context.participant_id)
        record_id = attendance_id(context.meeting_id, context.participant_id)
        audit_change(
            s,
            context.meeting_id,
            entity="attendance",
            entity_id=record_id,
            before=before,
            after=after,
            actor=actor,
        )
    return row


@cache
def _context_query() -> Select[*tuple[Any, ...]]:
    # Built once with bound parameters: building the statement costs more than running it.
    meeting_id: BindParameter[str] = bindparam("meeting_id")
    participant_id: BindParameter[str] = bindparam("participant_id")
    day = func.date(Meeting.starts_at)
    is_member = (
        exists()
        .where(
            Membership.group_id == Meeting.group_id,
            Membership.participant_id == participant_id,
            covers(day),
        )
        .label("is_member")
    )
    signed_off = (
        exists()
        .where(AuditEntry.entity_id == Meeting.id, AuditEntry.action == SIGN_OFF)
        .label("signed_off")
    )
    return (
        select(
            Meeting.number,
            Meeting.starts_at,
            Meeting.planned_minutes,
            Meeting.actual_minutes,
            Meeting.locked_at,
            Meeting.status.label("meeting_status"),
            Participant.first_name,
            Participant.last_name,
            Participant.company_name,
            Participant.deleted_at.label("p_deleted"),
            Attendance.status,
            Attendance.arrived_at,
            Attendance.left_at,
            Attendance.minutes_attended,
            Attendance.remark,
            Attendance.deleted_at.label("a_deleted"),
            is_member,
            signed_off,
        )
        .select_from(Meeting)
        .outerjoin(Participant, Participant.id == participant_id)
        .outerjoin(Attendance, Attendance.id == bindparam("attendance_id"))
        .where(Meeting.id == meeting_id, Meeting.deleted_at.is_(None))
    )


UPSERT_KEYS = (
    "meeting_id",
    "participant_id",
    "status",
    "arrived_at",
    "left_at",
    "minutes_attended",
    "remark",
    "updated_at",
    "origin",
    "deleted_at",
)


@cache
def mark_upsert(dialect_name: str = "sqlite") -> Insert:
    """Insert a mark, or replace the one with the same (derived) id: one per person and meeting."""
    from pierglass_desktop.storage.dialect import upsert

    return upsert(dialect_name, cast(Table, Attendance.__table__), UPSERT_KEYS)


def _upsert_values(s: Session, row: AttendanceRow) -> dict[str, Any]:
    values = {
        "id": attendance_id(row.meeting_id, row.participant_id),
        "meeting_id": row.meeting_id,
        "participant_id": row.participant_id,
        "status": row.status,
        "arrived_at": row.arrived_at,
        "left_at": row.left_at,
        "minutes_attended": row.minutes_attended,
        "remark": row.remark,
        "deleted_at": None,
    }
    return stamp(values, s.info.get("origin", ""))  # created_at stays on conflict: not in set_


def _marks(s: Session, meeting_id: str) -> dict[str, Attendance]:
    query = select(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.deleted_at.is_(None)
    )
    return {a.participant_id: a for a in s.scalars(query)}


# --- small pure helpers ------------------------------------------------------------------------


def _check_times(arrived: time | None, left: time | None) -> None:
    if arrived and left and left < arrived:
        raise ValidationError(
            _("The leaving time is before the arrival time."),
            {
                "left_at": _("Leaving must be at or after arrival ({arrived}).").format(
                    arrived=format_time(arrived)
                )
            },
        )


def _next_status(current: AttendanceStatus | None) -> AttendanceStatus:
    if current is None:
        return CYCLE[0]
    return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]


def _on_meeting_day(meeting: Meeting | MarkContext, moment: time) -> datetime:
    return datetime.combine(meeting.starts_at.date(), moment)


def _live(record: Attendance | None) -> bool:
    return record is not None and record.deleted_at is None


def _snapshot(mark: Mark | None, minutes: int | None, participant_id: str) -> dict[str, Any] | None:
    if mark is None:
        return None
    return {
        "participant_id": participant_id,
        "status": str(mark.status),
        "arrived_at": mark.arrived_at.isoformat() if mark.arrived_at else None,
        "left_at": mark.left_at.isoformat() if mark.left_at else None,
        "minutes_attended": minutes,
        "remark": mark.remark,
    }


def _remark(remark: str | None, current: Mark | None) -> str:
    if remark is not None:
        return remark.strip()
    return current.remark if current else ""


def _row(meeting_id: str, person: Participant, record: Attendance | None) -> AttendanceRow:
    marked = record if _live(record) else None
    return AttendanceRow(
        meeting_id=meeting_id,
        participant_id=person.id,
        name=person.full_name,
        company=person.company_name,
        status=marked.status if marked else None,
        arrived_at=marked.arrived_at if marked else None,
        left_at=marked.left_at if marked else None,
        minutes_attended=marked.minutes_attended if marked else None,
        remark=marked.remark if marked else "",
    )
