"""The project's indicators for the funder (ESF+) over any period, every figure with its people.

Rules, decided once here:
- A participant is a person (one id), counted once however many groups they were in; they count
  in a period when a live membership of theirs overlaps it.
- An enterprise is a unique Finnish business ID of a participant whose company has staff
  (company size micro, small or medium). A sole entrepreneur (company size "sole") is coached
  as an individual: ESF+ counts them as a participant "employed, including self-employed", never
  as a supported SME. A business ID with no company size recorded is listed apart
  (``enterprise_size_unknown``) so the coordinator can complete it; it is not guessed.
- Background (gender, age band, labour-market status, education band) that is missing counts
  as "not known", never dropped. Age is the age in the year the person first joined a group.
- A drop-out is a member who left (``left_on`` in the period) before their group's end date, or
  from a group with no end date; finishing with the group is not dropping out.
- Commitments followed through: commitments made at meetings in the period whose follow-up is
  done or partly done, of those with a follow-up recorded.
- Hours, meetings held and attendance come from the attendance register (services.register).
- Wellbeing and self-assessment change: the period's participants, from their start answers
  (whenever given, usually before the period) to their latest answers up to the period's end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.assessment import AssessmentResponse, Instrument
from pierglass_desktop.domain.enums import (
    AssessmentPhase,
    CompanySize,
    ConsentScope,
    EducationBand,
    FollowUp,
    Gender,
    LabourStatus,
)
from pierglass_desktop.domain.meetings import Commitment, Meeting
from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.domain.rules import ATTENDED, reported_name
from pierglass_desktop.domain.scoring import SELF_ASSESSMENT, WHO5
from pierglass_desktop.i18n import N_
from pierglass_desktop.services.outcomes import InstrumentOutcome, outcome, scored_responses
from pierglass_desktop.services.register import Register, attendance_registers

NOT_KNOWN = "not_known"
AGE_BANDS = ("under_18", "18_29", "30_54", "55_plus")
AGE_BAND_LABELS = {
    "under_18": N_("Under 18"),
    "18_29": N_("18–29"),
    "30_54": N_("30–54"),
    "55_plus": N_("55 and over"),
    NOT_KNOWN: N_("Not known"),
}
START_FIELDS = {
    "gender": N_("Gender"),
    "birth_year": N_("Year of birth"),
    "labour_status": N_("Labour-market status"),
    "education": N_("Education"),
    "consent": N_("Consent"),
}
END_FIELDS = {"who5_end": N_("WHO-5 at the end")}

Ids = tuple[str, ...]


@dataclass(frozen=True)
class Missing:
    participant_id: str
    name: str  # as a report may print it: the pseudonym code without consent to share
    start: tuple[str, ...]  # keys of START_FIELDS missing
    end: tuple[str, ...]  # keys of END_FIELDS missing (only for those whose membership ended)


@dataclass(frozen=True)
class Indicators:
    start: date | None
    end: date | None
    groups: Ids
    participants: Ids
    self_employed: Ids  # participants counted as "employed, including self-employed"
    enterprises: dict[str, Ids]  # business ID -> participants behind it (micro, small, medium)
    enterprise_size_unknown: dict[str, Ids]  # business IDs whose company size is not recorded
    by_gender: dict[str, Ids]
    by_age: dict[str, Ids]
    by_labour_status: dict[str, Ids]
    by_education: dict[str, Ids]
    meetings_held: Ids  # meeting ids
    participant_minutes: int
    attended: Ids  # (participant ids, one per attended meeting: their count is the numerator)
    possible: int  # member-meetings inside membership periods
    dropped_out: Ids
    commitments: Ids  # commitment ids with a follow-up recorded
    followed_through: Ids  # of those, done or partly done
    wellbeing: InstrumentOutcome | None
    self_assessment: InstrumentOutcome | None
    missing: tuple[Missing, ...] = field(default=())

    @property
    def participant_hours(self) -> float:
        return self.participant_minutes / 60

    @property
    def attendance_rate(self) -> float | None:
        return len(self.attended) / self.possible if self.possible else None

    @property
    def enterprise_count(self) -> int:
        return len(self.enterprises)


def indicators(
    sessions: sessionmaker[Session], start: date | None = None, end: date | None = None
) -> Indicators:
    """Every indicator over all live groups for the period (either end open)."""
    with sessions() as s:
        periods = _memberships(s, start, end)
        group_ids = sorted({g for g, _p, _j, _l, _e in periods})
        people = _participants(s, {p for _g, p, _j, _l, _e in periods})
    registers = attendance_registers(sessions, group_ids)
    with sessions() as s:
        commitments, followed = _commitments(s, group_ids, start, end)
        # Change for the period's participants: their start answers whenever given (often
        # before the period), their latest up to its end.
        scored = [
            r
            for r in scored_responses(s, group_ids, None, end, codes=[WHO5], answers=False)
            if r.participant_id in people
        ]
        names = {p: (n, "") for p, n in _names(people).items()}
        instruments = {i.code: i for i in s.scalars(select(Instrument))}
        who5 = instruments.get(WHO5)
        wellbeing = outcome(who5, scored, names) if who5 else None
        own = instruments.get(SELF_ASSESSMENT)
        rated = [
            r
            for r in scored_responses(s, group_ids, None, end, codes=[SELF_ASSESSMENT])
            if r.participant_id in people
        ]
        self_assessment = outcome(own, rated, names) if own else None
        ended_with_end = _has_end_who5(s, group_ids)
    first_joined = _first_joined(periods)
    meetings, minutes, attended, possible = _attendance(registers, start, end)
    sme, unknown, sole = _enterprises(people)
    return Indicators(
        start=start,
        end=end,
        groups=tuple(group_ids),
        participants=tuple(sorted(people)),
        self_employed=sole,
        enterprises=sme,
        enterprise_size_unknown=unknown,
        by_gender=_breakdown(people, lambda p: p.gender, [g.value for g in Gender]),
        by_age=_breakdown(
            people, lambda p: _age_band(p.birth_year, first_joined[p.id]), list(AGE_BANDS)
        ),
        by_labour_status=_breakdown(
            people, lambda p: p.labour_status, [v.value for v in LabourStatus]
        ),
        by_education=_breakdown(people, lambda p: p.education, [v.value for v in EducationBand]),
        meetings_held=meetings,
        participant_minutes=minutes,
        attended=attended,
        possible=possible,
        dropped_out=_dropped_out(periods, start, end),
        commitments=commitments,
        followed_through=followed,
        wellbeing=wellbeing,
        self_assessment=self_assessment,
        missing=_missing(people, periods, ended_with_end),
    )


Row = tuple[str, str, date, date | None, date | None]  # group, person, joined, left, group end


def _memberships(s: Session, start: date | None, end: date | None) -> list[Row]:
    query = (
        select(
            Membership.group_id,
            Membership.participant_id,
            Membership.joined_on,
            Membership.left_on,
            Group.end_date,
        )
        .join(Group, Group.id == Membership.group_id)
        .join(Participant, Participant.id == Membership.participant_id)
        .where(
            Membership.deleted_at.is_(None),
            Group.deleted_at.is_(None),
            Participant.deleted_at.is_(None),
        )
    )
    if end is not None:
        query = query.where(Membership.joined_on <= end)
    if start is not None:
        query = query.where((Membership.left_on.is_(None)) | (Membership.left_on >= start))
    return [tuple(row) for row in s.execute(query)]  # type: ignore[misc]


class Person(NamedTuple):
    """The columns the indicators read of a participant (whole ORM objects cost 5x more)."""

    id: str
    first_name: str
    last_name: str
    pseudonym: str
    business_id: str
    company_size: CompanySize | None
    gender: Gender | None
    birth_year: int | None
    labour_status: LabourStatus | None
    education: EducationBand | None
    consent_scope: ConsentScope | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _participants(s: Session, ids: set[str]) -> dict[str, Person]:
    p = Participant
    columns = [getattr(p, name) for name in Person._fields]
    found: dict[str, Person] = {}
    listed = sorted(ids)
    for chunk in range(0, len(listed), 900):
        query = select(*columns).where(p.id.in_(listed[chunk : chunk + 900]))
        found.update({row.id: Person(*row) for row in s.connection().execute(query).all()})
    return found


def _names(people: dict[str, Person]) -> dict[str, str]:
    return {pid: p.full_name for pid, p in people.items()}


def _first_joined(periods: list[Row]) -> dict[str, date]:
    first: dict[str, date] = {}
    for _g, pid, joined, _l, _e in periods:
        if pid not in first or joined < first[pid]:
            first[pid] = joined
    return first


def _age_band(birth_year: int | None, joined: date) -> str:
    if birth_year is None:
        return NOT_KNOWN
    age = joined.year - birth_year
    if age < 18:
        return "under_18"
    if age < 30:
        return "18_29"
    if age < 55:
        return "30_54"
    return "55_plus"


def _breakdown(people: dict[str, Person], key: object, values: list[str]) -> dict[str, Ids]:
    found: dict[str, list[str]] = {value: [] for value in [*values, NOT_KNOWN]}
    for pid, person in sorted(people.items()):
        value = key(person)  # type: ignore[operator]
        found[str(value) if value is not None else NOT_KNOWN].append(pid)
    return {value: tuple(ids) for value, ids in found.items()}


def _enterprises(
    people: dict[str, Person],
) -> tuple[dict[str, Ids], dict[str, Ids], Ids]:
    sme: dict[str, list[str]] = defaultdict(list)
    unknown: dict[str, list[str]] = defaultdict(list)
    sole = []
    for pid, person in sorted(people.items()):
        if person.company_size is CompanySize.SOLE:
            sole.append(pid)
        elif person.business_id and person.company_size is not None:
            sme[person.business_id].append(pid)
        elif person.business_id:
            unknown[person.business_id].append(pid)
    return (
        {k: tuple(v) for k, v in sorted(sme.items())},
        {k: tuple(v) for k, v in sorted(unknown.items())},
        tuple(sole),
    )


def _inside(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _attendance(
    registers: dict[str, Register], start: date | None, end: date | None
) -> tuple[Ids, int, Ids, int]:
    meetings: list[str] = []
    minutes = possible = 0
    attended: list[str] = []
    for register in registers.values():
        columns = [
            n for n, m in enumerate(register.meetings) if _inside(m.starts_at.date(), start, end)
        ]
        meetings.extend(register.meetings[n].id for n in columns)
        for member, row in zip(register.members, register.cells, strict=True):
            for n in columns:
                cell = row[n]
                if cell.status in ATTENDED:
                    minutes += cell.minutes or 0
                if cell.in_period:
                    possible += 1
                    if cell.status in ATTENDED:
                        attended.append(member.participant_id)
    return tuple(meetings), minutes, tuple(attended), possible


def _dropped_out(periods: list[Row], start: date | None, end: date | None) -> Ids:
    found = {
        pid
        for _g, pid, _joined, left, group_end in periods
        if left is not None
        and _inside(left, start, end)
        and (group_end is None or left < group_end)
    }
    return tuple(sorted(found))


def _commitments(
    s: Session, group_ids: list[str], start: date | None, end: date | None
) -> tuple[Ids, Ids]:
    done = Commitment.follow_up.in_((FollowUp.DONE, FollowUp.PARTLY))
    query = (
        select(Commitment.id, done)
        .join(Meeting, Meeting.id == Commitment.meeting_id)
        .where(
            Meeting.group_id.in_(group_ids),
            Commitment.deleted_at.is_(None),
            Meeting.deleted_at.is_(None),
            Commitment.follow_up.is_not(None),
        )
        .order_by(Commitment.id)
    )
    # Meetings start at local wall-clock times: a day's bounds compare as datetimes.
    if start is not None:
        query = query.where(Meeting.starts_at >= datetime.combine(start, time.min))
    if end is not None:
        query = query.where(Meeting.starts_at < datetime.combine(end + timedelta(days=1), time.min))
    rows = s.connection().execute(query).all()
    return tuple(r[0] for r in rows), tuple(r[0] for r in rows if r[1])


def _has_end_who5(s: Session, group_ids: Iterable[str]) -> set[str]:
    query = (
        select(AssessmentResponse.participant_id)
        .join(Instrument, Instrument.id == AssessmentResponse.instrument_id)
        .where(
            Instrument.code == WHO5,
            AssessmentResponse.phase.in_((AssessmentPhase.END, AssessmentPhase.FOLLOW_UP)),
            AssessmentResponse.deleted_at.is_(None),
            AssessmentResponse.group_id.in_(list(group_ids)),
        )
    )
    return set(s.scalars(query))


def _missing(
    people: dict[str, Person], periods: list[Row], with_end: set[str]
) -> tuple[Missing, ...]:
    ended = {
        pid
        for _g, pid, _j, left, group_end in periods
        if left is not None or (group_end is not None and group_end <= date.today())
    }
    found = []
    for pid, p in sorted(people.items(), key=lambda item: (item[1].last_name, item[1].first_name)):
        start = tuple(
            key
            for key, value in (
                ("gender", p.gender),
                ("birth_year", p.birth_year),
                ("labour_status", p.labour_status),
                ("education", p.education),
                ("consent", p.consent_scope),
            )
            if value is None
        )
        end = ("who5_end",) if pid in ended and pid not in with_end else ()
        if start or end:
            name = reported_name(p.full_name, p.pseudonym, p.consent_scope)
            found.append(Missing(pid, name, start, end))
    return tuple(found)


def indicators_json(ind: Indicators) -> dict[str, object]:
    """Plain JSON: each figure as its count and the ids behind it (``pierglass report
    indicators --json``). Averages keep the five-answer rule: this leaves the laptop."""

    def ids(values: Iterable[str]) -> dict[str, object]:
        listed = list(values)
        return {"count": len(listed), "ids": listed}

    def breakdown(counts: dict[str, Ids]) -> dict[str, object]:
        return {key: ids(value) for key, value in counts.items()}

    w = ind.wellbeing
    return {
        "period": {
            "from": ind.start.isoformat() if ind.start else None,
            "to": ind.end.isoformat() if ind.end else None,
        },
        "groups": ids(ind.groups),
        "participants": ids(ind.participants),
        "self_employed": ids(ind.self_employed),
        "enterprises": {"count": ind.enterprise_count, "business_ids": ind.enterprises},
        "enterprise_size_unknown": ind.enterprise_size_unknown,
        "gender": breakdown(ind.by_gender),
        "age": breakdown(ind.by_age),
        "labour_status": breakdown(ind.by_labour_status),
        "education": breakdown(ind.by_education),
        "meetings_held": ids(ind.meetings_held),
        "participant_hours": round(ind.participant_hours, 2),
        "attendance_rate": ind.attendance_rate,
        "dropped_out": ids(ind.dropped_out),
        "commitments_followed_up": ids(ind.commitments),
        "commitments_followed_through": ids(ind.followed_through),
        "wellbeing_who5": None
        if w is None
        else {
            "start_average": w.start.shareable,
            "start": ids(w.start.participant_ids),
            "latest_average": w.latest.shareable,
            "latest": ids(w.latest.participant_ids),
            "change_average": w.change.shareable,
            "improved_10_or_more": ids(w.improved),
        },
        "missing_data": [
            {"participant_id": m.participant_id, "start": list(m.start), "end": list(m.end)}
            for m in ind.missing
        ],
    }
