"""Questionnaire answers for a whole group at one time point: the sheet to fill and its save.

One save is one transaction: every cell is checked first and a refused sheet writes nothing.
A member's row with no answers at all is left as it was; a row with some answers is saved and
scored once every item has one (a half-filled WHO-5 has no score yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.assessment import Answer, AssessmentResponse, Instrument
from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
from pierglass_desktop.domain.errors import NotFound, ValidationError, changed_meanwhile
from pierglass_desktop.domain.people import Group, Participant
from pierglass_desktop.domain.scoring import WHO5, ItemSpec, item_specs, score
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.membership import latest_periods, period_covers

Values = Mapping[str, Mapping[str, int | None]]  # participant id -> item key -> value


@dataclass(frozen=True)
class SheetItem:
    key: str
    text: dict[str, str]
    short: dict[str, str]
    minimum: int
    maximum: int


@dataclass(frozen=True)
class SheetRow:
    participant_id: str
    name: str
    pseudonym: str
    values: dict[str, int]  # answers saved so far
    filled_in: FillMode | None


@dataclass(frozen=True)
class AnswerSheet:
    group_id: str
    group_name: str
    instrument_code: str
    instrument_name: dict[str, str]
    phase: AssessmentPhase
    items: tuple[SheetItem, ...]
    rows: tuple[SheetRow, ...]
    # From the shipped file (resources/instruments): for the screen and the printed form.
    instructions: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)  # "0".."5" -> texts
    notice: dict[str, str] = field(default_factory=dict)  # e.g. WHO-5: wording unchanged


def answer_sheet(
    sessions: sessionmaker[Session],
    group_id: str,
    instrument_code: str,
    phase: AssessmentPhase,
    day: date,
) -> AnswerSheet:
    """The group's members on ``day`` (and anyone who already answered at this time point),
    with their saved answers, ready for the entry grid or a printed questionnaire."""
    phase = AssessmentPhase(phase)  # a screen's combo box hands back the plain string
    with sessions() as s:
        group = _group(s, group_id)
        instrument = _instrument(s, instrument_code)
        saved = _saved(s, group_id, instrument.id, phase)
        periods = latest_periods(s, group_id)
        wanted = {pid for pid, p in periods.items() if period_covers(p, day)} | set(saved)
        people = s.scalars(
            select(Participant)
            .where(Participant.id.in_(wanted), Participant.deleted_at.is_(None))
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        ).all()
        rows = tuple(
            SheetRow(
                p.id,
                p.full_name,
                p.pseudonym,
                dict(saved[p.id][1]) if p.id in saved else {},
                saved[p.id][0].filled_in if p.id in saved else None,
            )
            for p in people
        )
        return AnswerSheet(
            group.id,
            group.name,
            instrument.code,
            dict(instrument.name),
            phase,
            _items(instrument.items),
            rows,
            **_shipped(instrument.code),
        )


@changes(Change.ASSESSMENTS)
def save_group_answers(
    sessions: sessionmaker[Session],
    group_id: str,
    instrument_code: str,
    phase: AssessmentPhase,
    answered_on: date,
    filled_in: FillMode,
    values: Values,
    *,
    shown: Mapping[str, Mapping[str, int]] | None = None,
) -> int:
    """Save a whole group's answers at one time point; the number of members saved.

    Raises ValidationError naming every refused cell (``fields``: "<participant>:<item>").
    ``shown`` is each member's saved answers as the grid showed them: when someone else's
    answers for a member being saved have changed since, nothing is saved (Conflict)."""
    phase, filled_in = AssessmentPhase(phase), FillMode(filled_in)
    with sessions.begin() as s:
        _group(s, group_id)
        instrument = _instrument(s, instrument_code)
        specs = item_specs(instrument.items)
        members = set(latest_periods(s, group_id))
        _check(s, specs, members, values)
        saved = _saved(s, group_id, instrument.id, phase)
        if shown is not None:
            _check_unchanged(saved, shown, values)
        count = 0
        for participant_id, row in values.items():
            given = {k: v for k, v in row.items() if v is not None}
            if not given:
                continue
            response = saved[participant_id][0] if participant_id in saved else None
            if response is None:
                response = AssessmentResponse(
                    instrument_id=instrument.id,
                    participant_id=participant_id,
                    group_id=group_id,
                    phase=phase,
                    answered_on=answered_on,
                )
                s.add(response)
                s.flush()
            response.answered_on = answered_on
            response.filled_in = filled_in
            points = score(instrument.code, specs, given)
            # The column holds WHO-5's whole 0-100; a self-assessment mean (3.8) is computed
            # from its answers when read, so nothing is rounded away.
            response.score = (
                round(points) if points is not None and instrument.code == WHO5 else None
            )
            _write_answers(s, response.id, given)
            count += 1
        return count


def _check_unchanged(
    saved: dict[str, tuple[AssessmentResponse, dict[str, int]]],
    shown: Mapping[str, Mapping[str, int]],
    values: Values,
) -> None:
    """The answers themselves are compared, not a stamp: changing an answer writes only its
    Answer row, which leaves the response's stamp as it was."""
    for participant_id, row in values.items():
        if not any(v is not None for v in row.values()):
            continue  # nothing of this member is written
        now = saved[participant_id][1] if participant_id in saved else {}
        if now != dict(shown.get(participant_id, {})):
            raise changed_meanwhile()


def _check(s: Session, specs: tuple[ItemSpec, ...], members: set[str], values: Values) -> None:
    by_key = {spec.key: spec for spec in specs}
    problems: dict[str, str] = {}
    names = _names(s, set(values))
    for participant_id, row in values.items():
        if participant_id not in members:
            problems[f"{participant_id}:"] = _("{name} is not a member of this group.").format(
                name=names.get(participant_id, _("This person"))
            )
            continue
        for key, value in row.items():
            spec = by_key.get(key)
            if value is None:
                continue
            if spec is None:
                problems[f"{participant_id}:{key}"] = _("This questionnaire has no such question.")
            elif isinstance(value, bool) or not isinstance(value, int):
                problems[f"{participant_id}:{key}"] = _(
                    "{name}: an answer must be a whole number from {low} to {high}."
                ).format(name=names[participant_id], low=spec.minimum, high=spec.maximum)
            elif not spec.minimum <= value <= spec.maximum:
                problems[f"{participant_id}:{key}"] = _(
                    "{name}: {value} is outside the scale {low}–{high}."
                ).format(
                    name=names[participant_id], value=value, low=spec.minimum, high=spec.maximum
                )
    if problems:
        first = next(iter(problems.values()))
        more = len(problems) - 1
        message = (
            first if not more else _("{first} (and {count} more)").format(first=first, count=more)
        )
        raise ValidationError(message, problems)


def _write_answers(s: Session, response_id: str, given: Mapping[str, int]) -> None:
    existing = {
        a.item_key: a for a in s.scalars(select(Answer).where(Answer.response_id == response_id))
    }
    for key, value in given.items():
        answer = existing.get(key)
        if answer is None:
            s.add(Answer(response_id=response_id, item_key=key, value=value))
        else:
            answer.value = value
            answer.deleted_at = None


def _saved(
    s: Session, group_id: str, instrument_id: str, phase: AssessmentPhase
) -> dict[str, tuple[AssessmentResponse, dict[str, int]]]:
    responses = s.scalars(
        select(AssessmentResponse).where(
            AssessmentResponse.group_id == group_id,
            AssessmentResponse.instrument_id == instrument_id,
            AssessmentResponse.phase == phase,
            AssessmentResponse.deleted_at.is_(None),
        )
    ).all()
    found: dict[str, tuple[AssessmentResponse, dict[str, int]]] = {
        r.participant_id: (r, {}) for r in responses
    }
    ids = {r.id: r.participant_id for r in responses}
    if ids:
        query = select(Answer.response_id, Answer.item_key, Answer.value).where(
            Answer.response_id.in_(list(ids)), Answer.deleted_at.is_(None)
        )
        for response_id, key, value in s.execute(query):
            found[ids[response_id]][1][key] = value
    return found


def _names(s: Session, ids: set[str]) -> dict[str, str]:
    query = select(Participant.id, Participant.first_name, Participant.last_name).where(
        Participant.id.in_(list(ids))
    )
    return {pid: f"{first} {last}".strip() for pid, first, last in s.execute(query)}


def _items(items: list[dict[str, Any]]) -> tuple[SheetItem, ...]:
    return tuple(
        SheetItem(
            str(i["key"]),
            dict(i["text"]),
            dict(i.get("short") or {}),
            int(i["min"]),
            int(i["max"]),
        )
        for i in items
    )


def _shipped(code: str) -> dict[str, Any]:
    from pierglass_desktop.storage.builtin_instruments import definition

    try:
        entry = definition(code)
    except KeyError:  # an instrument that came from elsewhere: no shipped texts
        return {}
    return {
        "instructions": dict(entry.get("instructions") or {}),
        "anchors": {k: dict(v) for k, v in (entry.get("anchors") or {}).items()},
        "notice": dict(entry.get("notice") or {}),
    }


def _group(s: Session, group_id: str) -> Group:
    group = s.get(Group, group_id)
    if group is None or group.deleted_at is not None:
        raise NotFound(_("This group no longer exists."))
    return group


def _instrument(s: Session, code: str) -> Instrument:
    instrument = s.scalar(
        select(Instrument).where(Instrument.code == code, Instrument.deleted_at.is_(None))
    )
    if instrument is None:
        raise NotFound(_("This questionnaire is not in the database."))
    return instrument
