"""What a group's report, its certificates and its workbook show, read in one read transaction.

Attendance and hours come from the register (``services.register``), so membership periods
decide who was expected at each meeting: nobody counts absent before joining or after leaving.
Only notes marked for the group appear; private and project notes never leave this module.
WHO-5 is compared as group means (health data: no person's score is printed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.assessment import AssessmentResponse, Instrument
from pierglass_desktop.domain.enums import AssessmentPhase, ConsentScope, FollowUp, NoteVisibility
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import (
    Commitment,
    Group,
    Meeting,
    MeetingFeedback,
    Note,
    Participant,
)
from pierglass_desktop.domain.rules import ATTENDED, reported_name
from pierglass_desktop.domain.scoring import SMALLEST_REPORTED_GROUP, WHO5
from pierglass_desktop.i18n import _
from pierglass_desktop.services.membership import group_tutor_names
from pierglass_desktop.services.register import (
    AttendanceFigures,
    Register,
    RegisterCell,
    RegisterMember,
    attendance_register,
)


@dataclass(frozen=True)
class Scope:
    """Which part of a group's life a document covers (None: from the start / until now)."""

    group_id: str
    participant_id: str | None = None
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ReportMeeting:
    id: str
    number: int
    starts_at: datetime
    theme: str
    minutes: int
    expected: int  # members whose period covers the day
    attended: int  # of those, present, late or left early


@dataclass(frozen=True)
class ReportMember(AttendanceFigures):
    participant_id: str
    name: str
    company: str
    possible: int  # held meetings inside the membership period (and the scope)
    attended: int
    minutes: int
    cells: tuple[RegisterCell, ...]  # one per report meeting
    coded: bool = False  # shown by pseudonym code: no consent to share the name


@dataclass(frozen=True)
class CommitmentLine:
    meeting_number: int
    day: date
    member: str
    text: str
    follow_up: FollowUp | None
    comment: str


@dataclass(frozen=True)
class FeedbackLine:
    meeting_number: int
    day: date
    slips: int
    usefulness: float | None
    atmosphere: float | None


@dataclass(frozen=True)
class GroupNote:
    day: date
    meeting_number: int | None
    body: str


@dataclass(frozen=True)
class Wellbeing:
    """WHO-5 (0–100): each person's start answer against their latest, as group means."""

    people: int  # people with both answers
    start_mean: float | None
    latest_mean: float | None
    better: int  # up by 10 points or more (a meaningful change)
    worse: int  # down by 10 or more


@dataclass(frozen=True)
class GroupReport:
    group_id: str
    group: str
    description: str
    location: str
    tutors: tuple[str, ...]  # the lead first
    scope: Scope
    meetings: tuple[ReportMeeting, ...]
    members: tuple[ReportMember, ...]
    commitments: tuple[CommitmentLine, ...]
    feedback: tuple[FeedbackLine, ...]
    notes: tuple[GroupNote, ...]
    wellbeing: Wellbeing

    @property
    def first_day(self) -> date | None:
        return self.meetings[0].starts_at.date() if self.meetings else None

    @property
    def last_day(self) -> date | None:
        return self.meetings[-1].starts_at.date() if self.meetings else None

    @property
    def hours_held(self) -> float:
        return sum(m.minutes for m in self.meetings) / 60

    def follow_through(self) -> dict[FollowUp | None, int]:
        """How many commitments ended each way (None: not yet reviewed), in a fixed order."""
        counts = Counter(c.follow_up for c in self.commitments)
        return {value: counts.get(value, 0) for value in (*FollowUp, None)}


def group_report_data(
    sessions: sessionmaker[Session], scope: Scope, *, names_by_consent: bool = True
) -> GroupReport:
    """The group's report data within ``scope``, read in one transaction.

    The report leaves the laptop, so a member appears by name (and company) only with consent
    to share it, and by their pseudonym code otherwise; ``names_by_consent=False`` is for what
    is handed to the person themselves (their certificate).
    """
    _check_scope(scope)
    with sessions() as s:
        group = s.get(Group, scope.group_id)
        if group is None or group.deleted_at is not None:
            raise NotFound(_("That group is no longer in the database. Refresh the list."))
        # The register reads through this same session, so everything is one snapshot.
        register = attendance_register(same_session(s), scope.group_id)
        meetings, members = _attendance(register, scope, names_by_consent)
        numbers = {m.id: m.number for m in meetings}
        return GroupReport(
            group_id=group.id,
            group=group.name,
            description=group.description,
            location=group.location,
            tutors=group_tutor_names(s, group.id),
            scope=scope,
            meetings=meetings,
            members=members,
            commitments=_commitments(s, numbers, names_by_consent),
            feedback=_feedback(s, meetings),
            notes=_group_notes(s, scope, numbers),
            wellbeing=_wellbeing(s, scope),
        )


def same_session(s: Session) -> sessionmaker[Session]:
    """A stand-in session factory that hands out the open session ``s``: the register then
    reads in this transaction, so a report is one snapshot."""
    return cast("sessionmaker[Session]", lambda: nullcontext(s))


def _check_scope(scope: Scope) -> None:
    if scope.start and scope.end and scope.end < scope.start:
        raise ValidationError(_("The end date is before the start date. Choose the dates again."))


def _attendance(
    register: Register, scope: Scope, names_by_consent: bool
) -> tuple[tuple[ReportMeeting, ...], tuple[ReportMember, ...]]:
    keep = [i for i, m in enumerate(register.meetings) if scope.covers(m.starts_at.date())]
    rows = [tuple(row[i] for i in keep) for row in register.cells]
    meetings = tuple(
        ReportMeeting(
            id=m.id,
            number=m.number,
            starts_at=m.starts_at,
            theme=m.theme,
            minutes=m.minutes,
            expected=sum(1 for row in rows if row[k].in_period),
            attended=sum(1 for row in rows if row[k].in_period and row[k].status in ATTENDED),
        )
        for k, m in enumerate(register.meetings[i] for i in keep)
    )
    members = tuple(
        _member(person, row, names_by_consent)
        for person, row in zip(register.members, rows, strict=True)
        if any(cell.in_period or cell.status for cell in row) or not keep
    )
    return meetings, members


def _member(
    person: RegisterMember, row: tuple[RegisterCell, ...], names_by_consent: bool
) -> ReportMember:
    inside = [cell for cell in row if cell.in_period]
    named = person.shares_name or not names_by_consent
    return ReportMember(
        participant_id=person.participant_id,
        name=person.name if named else person.pseudonym,
        company=person.company if named else "",
        possible=len(inside),
        attended=sum(1 for cell in inside if cell.status in ATTENDED),
        # As the register counts them: minutes wherever a mark exists (a guest visit too).
        minutes=sum(cell.minutes or 0 for cell in row if cell.status in ATTENDED),
        cells=row,
        coded=not named,
    )


def _commitments(
    s: Session, numbers: dict[str, int], names_by_consent: bool
) -> tuple[CommitmentLine, ...]:
    if not numbers:
        return ()
    query = (
        select(
            Meeting.number,
            Meeting.starts_at,
            Participant.first_name,
            Participant.last_name,
            Participant.pseudonym,
            Participant.consent_scope,
            Commitment.text,
            Commitment.follow_up,
            Commitment.follow_up_comment,
        )
        .join(Meeting, Meeting.id == Commitment.meeting_id)
        .join(Participant, Participant.id == Commitment.participant_id)
        .where(
            Commitment.meeting_id.in_(list(numbers)),
            Commitment.deleted_at.is_(None),
            Participant.deleted_at.is_(None),
        )
        .order_by(Meeting.starts_at, Participant.last_name, Participant.first_name)
    )

    def member(first: str, last: str, code: str, consent: ConsentScope | None) -> str:
        full = f"{first} {last}".strip()
        return reported_name(full, code, consent) if names_by_consent else full

    return tuple(
        CommitmentLine(
            number, starts.date(), member(first, last, code, consent), text, follow, comment
        )
        for number, starts, first, last, code, consent, text, follow, comment in s.execute(query)
    )


def _feedback(s: Session, meetings: tuple[ReportMeeting, ...]) -> tuple[FeedbackLine, ...]:
    if not meetings:
        return ()
    query = select(
        MeetingFeedback.meeting_id, MeetingFeedback.usefulness, MeetingFeedback.atmosphere
    ).where(
        MeetingFeedback.meeting_id.in_([m.id for m in meetings]),
        MeetingFeedback.deleted_at.is_(None),
    )
    slips: dict[str, list[tuple[int | None, int | None]]] = {}
    for meeting_id, usefulness, atmosphere in s.execute(query):
        slips.setdefault(meeting_id, []).append((usefulness, atmosphere))
    return tuple(
        FeedbackLine(
            m.number,
            m.starts_at.date(),
            len(slips[m.id]),
            mean(u for u, _a in slips[m.id]),
            mean(a for _u, a in slips[m.id]),
        )
        for m in meetings
        if m.id in slips
    )


def mean(values: Iterable[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None


def _group_notes(s: Session, scope: Scope, numbers: dict[str, int]) -> tuple[GroupNote, ...]:
    """Notes marked for the group: about a meeting in the report, or the group as a whole."""
    query = (
        select(Note.body, Note.meeting_id, Note.created_at, Meeting.starts_at)
        .outerjoin(Meeting, Meeting.id == Note.meeting_id)
        .where(
            Note.group_id == scope.group_id,
            Note.visibility == NoteVisibility.GROUP,
            Note.deleted_at.is_(None),
        )
        .order_by(Meeting.starts_at, Note.created_at)
    )
    notes = []
    for body, meeting_id, created, starts in s.execute(query):
        if meeting_id is not None and meeting_id not in numbers:
            continue  # a planned or cancelled meeting, or one outside the dates chosen
        day = starts.date() if starts else created.date()
        if meeting_id is None and not scope.covers(day):
            continue
        if body.strip():
            number = numbers.get(meeting_id) if meeting_id is not None else None
            notes.append(GroupNote(day, number, body))
    return tuple(notes)


def _wellbeing(s: Session, scope: Scope) -> Wellbeing:
    query = (
        select(
            AssessmentResponse.participant_id,
            AssessmentResponse.phase,
            AssessmentResponse.answered_on,
            AssessmentResponse.score,
        )
        .join(Instrument, Instrument.id == AssessmentResponse.instrument_id)
        .join(Participant, Participant.id == AssessmentResponse.participant_id)
        .where(
            Instrument.code == WHO5,
            AssessmentResponse.group_id == scope.group_id,
            AssessmentResponse.deleted_at.is_(None),
            AssessmentResponse.score.is_not(None),
            Participant.deleted_at.is_(None),
        )
        .order_by(AssessmentResponse.answered_on, AssessmentResponse.created_at)
    )
    answers: dict[str, list[tuple[AssessmentPhase, int]]] = {}
    for pid, phase, day, score in s.execute(query):
        if score is not None and (scope.end is None or day <= scope.end):
            answers.setdefault(pid, []).append((phase, score))
    pairs = []
    for given in answers.values():
        starts = [score for phase, score in given if phase == AssessmentPhase.START]
        if starts and len(given) > 1 and given[-1][0] != AssessmentPhase.START:
            pairs.append((starts[0], given[-1][1]))
    if len(pairs) < SMALLEST_REPORTED_GROUP:
        # The report leaves the laptop: with so few answers a figure would point at a person.
        return Wellbeing(people=len(pairs), start_mean=None, latest_mean=None, better=0, worse=0)
    return Wellbeing(
        people=len(pairs),
        start_mean=mean(a for a, _b in pairs),
        latest_mean=mean(b for _a, b in pairs),
        better=sum(1 for a, b in pairs if b - a >= 10),
        worse=sum(1 for a, b in pairs if a - b >= 10),
    )


@dataclass(frozen=True)
class MemberChoice:
    id: str
    name: str


def group_members(sessions: sessionmaker[Session], group_id: str) -> list[MemberChoice]:
    """Everyone who has been a member of the group, by last and first name (for pickers)."""
    from pierglass_desktop.services.membership import latest_periods

    with sessions() as s:
        ids = list(latest_periods(s, group_id))
        query = (
            select(Participant.id, Participant.first_name, Participant.last_name)
            .where(Participant.id.in_(ids), Participant.deleted_at.is_(None))
            .order_by(Participant.last_name, Participant.first_name)
        )
        return [MemberChoice(pid, f"{f} {la}".strip()) for pid, f, la in s.execute(query)]


# ---------------------------------------------------------------- certificates


@dataclass(frozen=True)
class Certificate:
    name: str
    company: str
    group: str
    tutor: str  # the lead tutor
    meetings: tuple[tuple[date, str, int], ...]  # (day, theme, minutes attended)
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(theme for _d, theme, _m in self.meetings if theme.strip()))


def certificates_data(sessions: sessionmaker[Session], scope: Scope) -> tuple[Certificate, ...]:
    """One certificate per member who attended (or for the one member asked for)."""
    report = group_report_data(sessions, scope, names_by_consent=False)
    members = report.members
    if scope.participant_id:
        members = tuple(m for m in members if m.participant_id == scope.participant_id)
        if not members:
            raise NotFound(_("That person is not a member of this group. Refresh the list."))
    made = tuple(_certificate(report, member) for member in members)
    made = tuple(c for c in made if c.meetings)
    if not made:
        raise ValidationError(
            _("No one has attended a held session in this period, so there is nothing to certify.")
        )
    return made


def _certificate(report: GroupReport, member: ReportMember) -> Certificate:
    attended = tuple(
        (meeting.starts_at.date(), meeting.theme, cell.minutes or 0)
        for meeting, cell in zip(report.meetings, member.cells, strict=True)
        if cell.status in ATTENDED
    )
    return Certificate(
        name=member.name,
        company=member.company,
        group=report.group,
        tutor=report.tutors[0] if report.tutors else "",
        meetings=attended,
        minutes=member.minutes,
    )


__all__ = [
    "Certificate",
    "CommitmentLine",
    "FeedbackLine",
    "GroupNote",
    "GroupReport",
    "MemberChoice",
    "ReportMeeting",
    "ReportMember",
    "Scope",
    "Wellbeing",
    "certificates_data",
    "group_members",
    "group_report_data",
    "mean",
]
