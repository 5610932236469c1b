"""What the questionnaires show: each member's change from start to latest, and group averages.

Results are frozen dataclasses carrying the ids of the people behind every figure, so a screen
can open them and a report can count them. The start is the member's "start" answers; the
latest is their latest later time point (middle, end, follow-up). A group average that leaves
the laptop needs at least five answers (``Average.shareable``); the tutor's own screen shows
every average with its count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.assessment import Answer, AssessmentResponse, Instrument
from pierglass_desktop.domain.enums import AssessmentPhase
from pierglass_desktop.domain.people import Group, Participant
from pierglass_desktop.domain.scoring import (
    SELF_ASSESSMENT,
    SMALLEST_REPORTED_GROUP,
    WHO5,
    Attention,
    item_specs,
    mean,
    meaningful_change,
    score,
    who5_attention,
)
from pierglass_desktop.i18n import N_, _

PHASE_ORDER = {phase: n for n, phase in enumerate(AssessmentPhase)}
INSTRUMENTS = (WHO5, SELF_ASSESSMENT)

ATTENTION_TEXT = {
    Attention.LOW: N_(
        "WHO-5 at 50 or below: a prompt for a caring conversation about how things are going. "
        "Not a diagnosis."
    ),
    Attention.SCREEN: N_(
        "WHO-5 at 28 or below: a prompt for a caring conversation and a pointer to occupational "
        "health services. Not a diagnosis."
    ),
}


def attention_text(attention: Attention) -> str:
    return _(ATTENTION_TEXT[attention]) if attention in ATTENTION_TEXT else ""


@dataclass(frozen=True)
class Scored:
    """One member's answers at one time point, scored."""

    group_id: str
    participant_id: str
    code: str
    phase: AssessmentPhase
    answered_on: date
    score: float | None
    values: dict[str, int]


@dataclass(frozen=True)
class Average:
    value: float | None
    participant_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.participant_ids)

    @property
    def shareable(self) -> float | None:
        """The value fit to leave the laptop: none under five answers."""
        return self.value if self.count >= SMALLEST_REPORTED_GROUP else None


@dataclass(frozen=True)
class MemberChange:
    participant_id: str
    name: str
    pseudonym: str
    start: float | None
    latest: float | None
    latest_phase: AssessmentPhase | None
    change: float | None
    meaningful: bool
    attention: Attention  # from the latest score, or the start when there is no later one


@dataclass(frozen=True)
class InstrumentOutcome:
    code: str
    name: dict[str, str]
    items: tuple[tuple[str, dict[str, str]], ...]  # (key, short caption by language)
    members: tuple[MemberChange, ...]
    start: Average
    latest: Average
    change: Average  # over members with both a start and a later score
    improved: tuple[str, ...]  # WHO-5: members whose change is meaningful upwards
    item_start: dict[str, float | None]  # per item, for the radar chart
    item_latest: dict[str, float | None]

    @property
    def attention(self) -> tuple[MemberChange, ...]:
        return tuple(m for m in self.members if m.attention is not Attention.NONE)


@dataclass(frozen=True)
class GroupOutcomes:
    group_id: str
    group_name: str
    instruments: dict[str, InstrumentOutcome]


def group_outcomes(sessions: sessionmaker[Session], group_id: str) -> GroupOutcomes:
    with sessions() as s:
        name = s.scalar(select(Group.name).where(Group.id == group_id)) or ""
        scored = scored_responses(s, [group_id])
        people = _people(s, {r.participant_id for r in scored})
        instruments = _instruments(s)
        return GroupOutcomes(
            group_id,
            name,
            {code: outcome(instruments[code], scored, people) for code in instruments},
        )


def scored_responses(
    s: Session,
    group_ids: Iterable[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    *,
    codes: Iterable[str] | None = None,
    answers: bool = True,
) -> list[Scored]:
    """Every live response of the groups (all groups for None) answered in the period.

    ``codes`` limits the instruments; ``answers=False`` reads WHO-5's stored score instead of
    every answer (the project's figures need no per-item means: a quarter of the reading)."""
    r = AssessmentResponse
    query = (
        select(r.id, r.group_id, r.participant_id, r.phase, r.answered_on, r.score, r.instrument_id)
        .join(Participant, Participant.id == r.participant_id)
        .where(r.deleted_at.is_(None), Participant.deleted_at.is_(None))
    )
    if group_ids is not None:
        query = query.where(r.group_id.in_(list(group_ids)))
    if start is not None:
        query = query.where(r.answered_on >= start)
    if end is not None:
        query = query.where(r.answered_on <= end)
    if codes is not None:
        wanted = select(Instrument.id).where(Instrument.code.in_(list(codes)))
        query = query.where(r.instrument_id.in_(wanted.scalar_subquery()))
    rows = s.execute(query).all()
    # Each instrument's items once: decoding its JSON per response would cost more than the rest.
    instruments = {
        i: (code, item_specs(items))
        for i, code, items in s.execute(select(Instrument.id, Instrument.code, Instrument.items))
    }
    values = _answers(s, [row.id for row in rows]) if answers else {}
    found = []
    for row in rows:
        code, specs = instruments[row.instrument_id]
        given = values.get(row.id, {})
        try:
            points = score(code, specs, given) if given else None
        except ValueError:  # an imported answer off the scale: counted as not scored
            points = None
        if points is None and code == WHO5 and row.score is not None:
            points = float(row.score)  # scored elsewhere, answers not kept
        found.append(
            Scored(
                row.group_id,
                row.participant_id,
                code,
                row.phase,
                row.answered_on,
                points,
                given,
            )
        )
    return found


def outcome(
    instrument: Instrument, scored: list[Scored], people: dict[str, tuple[str, str]]
) -> InstrumentOutcome:
    """One instrument's results over the given responses (a group's, or a whole project's)."""
    everything = [r for r in scored if r.code == instrument.code]
    first, last = _start_and_latest([r for r in everything if r.score is not None])
    # Item means take half-filled answers too: each item counts the people who answered it.
    items_first, items_last = _start_and_latest(everything)
    members = tuple(
        sorted(
            (
                _member(pid, first.get(pid), last.get(pid), instrument.code, people)
                for pid in set(first) | set(last)
            ),
            key=lambda m: (m.name, m.participant_id),
        )
    )
    both = [m for m in members if m.change is not None]
    return InstrumentOutcome(
        instrument.code,
        dict(instrument.name),
        tuple((str(i["key"]), dict(i.get("short") or i["text"])) for i in instrument.items),
        members,
        _average({p: r.score for p, r in first.items()}),
        _average({p: r.score for p, r in last.items()}),
        _average({m.participant_id: m.change for m in both}),
        tuple(m.participant_id for m in both if m.meaningful and (m.change or 0) > 0),
        _item_means(items_first.values(), instrument),
        _item_means(items_last.values(), instrument),
    )


def _start_and_latest(
    scored: list[Scored],
) -> tuple[dict[str, Scored], dict[str, Scored]]:
    """Per person, their start answers and their latest later answers (one group or many:
    a person in two groups is one person, with their earliest start and latest end)."""
    first: dict[str, Scored] = {}
    last: dict[str, Scored] = {}
    for r in sorted(scored, key=lambda r: (PHASE_ORDER[r.phase], r.answered_on)):
        if r.phase is AssessmentPhase.START:
            first.setdefault(r.participant_id, r)
        else:
            last[r.participant_id] = r
    return first, last


def _member(
    pid: str,
    start: Scored | None,
    latest: Scored | None,
    code: str,
    people: dict[str, tuple[str, str]],
) -> MemberChange:
    name, pseudonym = people.get(pid, ("", ""))
    begin = start.score if start else None
    end = latest.score if latest else None
    change = None if begin is None or end is None else round(end - begin, 1)
    current = end if end is not None else begin
    return MemberChange(
        pid,
        name,
        pseudonym,
        begin,
        end,
        latest.phase if latest else None,
        change,
        meaningful_change(code, change),
        who5_attention(current) if code == WHO5 else Attention.NONE,
    )


def _average(values: dict[str, float | None]) -> Average:
    known = {p: v for p, v in values.items() if v is not None}
    return Average(mean(list(known.values())), tuple(sorted(known)))


def _item_means(responses: Iterable[Scored], instrument: Instrument) -> dict[str, float | None]:
    per_item: dict[str, list[float]] = defaultdict(list)
    for r in responses:
        for key, value in r.values.items():
            per_item[key].append(value)
    return {str(i["key"]): mean(per_item.get(str(i["key"]), [])) for i in instrument.items}


def _answers(s: Session, response_ids: list[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for chunk in range(0, len(response_ids), 900):  # SQLite's bound-parameter limit
        query = select(Answer.response_id, Answer.item_key, Answer.value).where(
            Answer.response_id.in_(response_ids[chunk : chunk + 900]), Answer.deleted_at.is_(None)
        )
        for response_id, key, value in s.execute(query):
            found[response_id][key] = value
    return found


def _people(s: Session, ids: set[str]) -> dict[str, tuple[str, str]]:
    found = {}
    query = select(
        Participant.id, Participant.first_name, Participant.last_name, Participant.pseudonym
    )
    for pid, first, last, pseudonym in s.execute(query.where(Participant.id.in_(list(ids)))):
        found[pid] = (f"{first} {last}".strip(), pseudonym)
    return found


def _instruments(s: Session) -> dict[str, Instrument]:
    query = select(Instrument).where(
        Instrument.code.in_(INSTRUMENTS), Instrument.deleted_at.is_(None)
    )
    found = {i.code: i for i in s.scalars(query)}
    return {code: found[code] for code in INSTRUMENTS if code in found}


def people_names(sessions: sessionmaker[Session], ids: Iterable[str]) -> list[tuple[str, str]]:
    """(id, name) of the people behind a figure, by name: what a screen opens a figure into."""
    listed = sorted(set(ids))
    found: dict[str, tuple[str, str]] = {}
    with sessions() as s:
        for chunk in range(0, len(listed), 900):
            found.update(_people(s, set(listed[chunk : chunk + 900])))
    return sorted(((pid, found[pid][0]) for pid in found), key=lambda pair: pair[1])
