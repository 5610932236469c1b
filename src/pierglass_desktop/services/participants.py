"""Participants: the people in the groups, with their company, consent and ESF+ background.

Validation collects a message per field so the form can show each one under its own field.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import (
    CompanySize,
    ConsentScope,
    EducationBand,
    Gender,
    LabourStatus,
)
from pierglass_desktop.domain.errors import NotFound, check_unchanged
from pierglass_desktop.domain.fields import PARTICIPANT, TEXT_KINDS, FieldSpec
from pierglass_desktop.domain.people import Group, Participant
from pierglass_desktop.domain.rules import normalize_business_id, normalize_email
from pierglass_desktop.i18n import _
from pierglass_desktop.services import casefolded, clean_text, get_live, raise_if_errors
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.consent import consent_of, record_consent
from pierglass_desktop.services.membership import Period, groups_on, latest_periods

Sessions = sessionmaker[Session]

OLDEST_AGE = 100
YOUNGEST_AGE = 15
# No 0/O, 1/I/L or U: the code is read aloud and copied by hand.
PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PSEUDONYM_LENGTH = 5


@dataclass(frozen=True)
class ParticipantInput:
    """What the participant form edits; every field but the names may be left empty."""

    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    municipality: str = ""
    company_name: str = ""
    business_id: str = ""
    company_size: CompanySize | None = None
    sector: str = ""
    job_title: str = ""
    consent_scope: ConsentScope | None = None
    consent_date: date | None = None
    gender: Gender | None = None
    birth_year: int | None = None
    labour_status: LabourStatus | None = None
    education: EducationBand | None = None
    notes: str = ""


@dataclass(frozen=True)
class ParticipantRow(ParticipantInput):
    id: str = ""
    pseudonym: str = ""
    groups: tuple[str, ...] = ()  # names of the groups the person is in now
    group_ids: tuple[str, ...] = ()  # the same groups' ids
    # Listed for one group: the person's latest membership period in it.
    joined_on: date | None = None
    left_on: date | None = None
    updated_at: datetime | None = None  # as read: an edit made from this row checks it

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def to_input(self) -> ParticipantInput:
        return ParticipantInput(**{f.name: getattr(self, f.name) for f in fields(ParticipantInput)})


# --- validation ----------------------------------------------------------------------------


def _typed_texts() -> list[FieldSpec]:
    """The free-text fields of the form (the business ID has its own check)."""
    typed = {f.name for f in fields(ParticipantInput)}
    return [spec for spec in PARTICIPANT if spec.kind in TEXT_KINDS and spec.key in typed]


def validate_participant(
    data: ParticipantInput, today: date | None = None, *, last_name_required: bool = True
) -> ParticipantInput:
    """The cleaned input, or ValidationError whose ``fields`` say what is wrong where.

    A newcomer at the door may give a first name only (``last_name_required=False``).
    """
    today = today or date.today()
    errors: dict[str, str] = {}
    texts: dict[str, Any] = {  # the text fields by name, for replace()
        spec.key: clean_text(getattr(data, spec.key), spec, errors) for spec in _typed_texts()
    }
    if not texts["first_name"]:
        errors["first_name"] = _("Give the first name.")
    if not texts["last_name"] and last_name_required:
        errors["last_name"] = _("Give the last name.")
    if texts["email"] and "email" not in errors:
        texts["email"] = _checked_email(texts["email"], errors)
    business_id = _checked_business_id(data.business_id, errors)
    _check_birth_year(data.birth_year, today, errors)
    _check_consent(data.consent_scope, data.consent_date, today, errors)
    raise_if_errors(errors)
    return replace(data, **texts, business_id=business_id)


def _checked_email(email: str, errors: dict[str, str]) -> str:
    try:
        return normalize_email(email)
    except ValueError:
        errors["email"] = _(
            "This does not look like an e-mail address. Check for a missing @ or a typo, "
            "e.g. name@example.fi."
        )
        return email


def _checked_business_id(text: str, errors: dict[str, str]) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return normalize_business_id(text)
    except ValueError as error:
        if str(error) == "checksum":
            errors["business_id"] = _(
                "The check digit (the number after the hyphen) does not match. Check the "
                "business ID against the company's papers or the YTJ register."
            )
        else:
            errors["business_id"] = _(
                "A business ID is seven digits, a hyphen and a check digit, e.g. 2345678-0."
            )
        return text


def _check_birth_year(year: int | None, today: date, errors: dict[str, str]) -> None:
    if year is None:
        return
    first, last = today.year - OLDEST_AGE, today.year - YOUNGEST_AGE
    if not first <= year <= last:
        errors["birth_year"] = _("Give a birth year between {first} and {last}.").format(
            first=first, last=last
        )


def _check_consent(
    scope: ConsentScope | None, day: date | None, today: date, errors: dict[str, str]
) -> None:
    if scope is not None and day is None:
        errors["consent_date"] = _("Give the date the consent was given.")
    elif scope is None and day is not None:
        errors["consent_scope"] = _("Choose what the consent covers, or clear the date.")
    if day is not None and day > today:
        errors["consent_date"] = _("The consent date cannot be in the future.")


# --- reading -------------------------------------------------------------------------------


def list_participants(
    sessions: Sessions,
    *,
    search: str = "",
    group_id: str | None = None,
    today: date | None = None,
) -> list[ParticipantRow]:
    """People sorted by last and first name; the one participant listing (pages and CLI).

    ``search`` matches name, company, business ID and e-mail. ``group_id`` keeps the group's
    members ever, each with their latest period there. ``groups`` are those of ``today``.
    """
    needle = search.strip().casefold()
    with sessions() as s:
        periods = None
        if group_id is not None:
            _require_group(s, group_id)
            periods = latest_periods(s, group_id)
        groups = groups_on(s, today or date.today())
        # Plain columns, not ORM objects: several times faster for a project's thousands.
        columns = [getattr(Participant, f.name) for f in fields(ParticipantInput)]
        query = select(*columns, Participant.id, Participant.pseudonym).where(
            Participant.deleted_at.is_(None)
        )
        if periods is not None:
            query = query.where(Participant.id.in_(list(periods)))
        rows = [_row(p, groups.get(p.id, ()), (periods or {}).get(p.id)) for p in s.execute(query)]
    return _sorted([r for r in rows if not needle or needle in _haystack(r)])


def _require_group(s: Session, group_id: str) -> None:
    found = s.scalar(select(Group.id).where(Group.id == group_id, Group.deleted_at.is_(None)))
    if found is None:
        raise NotFound(
            _(
                "There is no group with the id {id}. List the groups with "
                "'pierglass list groups' to see their ids."
            ).format(id=group_id)
        )


def _haystack(row: ParticipantRow) -> str:
    return casefolded(
        row.full_name,
        row.company_name,
        row.business_id,
        row.business_id.replace("-", ""),
        row.email,
        row.pseudonym,
    )


def _sorted(rows: list[ParticipantRow]) -> list[ParticipantRow]:
    return sorted(rows, key=lambda r: (r.last_name.casefold(), r.first_name.casefold(), r.id))


def _current_groups(s: Session) -> dict[str, tuple[tuple[str, str], ...]]:
    """participant id -> ((group id, group name), ...) of the groups they are in today."""
    return groups_on(s, date.today())


def get_participant(sessions: Sessions, participant_id: str) -> ParticipantRow:
    with sessions() as s:
        participant = _live(s, participant_id)
        return _row(participant, _current_groups(s).get(participant_id, ()))


def _live(s: Session, participant_id: str) -> Participant:
    return get_live(
        s,
        Participant,
        participant_id,
        _("The participant was not found; they may have been deleted meanwhile."),
    )


def _row(
    p: Participant | Row[*tuple[Any, ...]],
    groups: tuple[tuple[str, str], ...],
    period: Period | None = None,
) -> ParticipantRow:
    """A row from a Participant or a result row with the same column names."""
    values = {f.name: getattr(p, f.name) for f in fields(ParticipantInput)}
    joined, left = period or (None, None)
    return ParticipantRow(
        joined_on=joined,
        left_on=left,
        updated_at=getattr(p, "updated_at", None),
        **values,
        id=p.id,
        pseudonym=p.pseudonym,
        groups=tuple(name for _gid, name in groups),
        group_ids=tuple(gid for gid, _name in groups),
    )


# --- changing ------------------------------------------------------------------------------


@changes(Change.PARTICIPANTS)
def create_participant(
    sessions: Sessions, data: ParticipantInput, today: date | None = None
) -> ParticipantRow:
    """A new participant with a fresh pseudonym code for pseudonymised exports."""
    clean = validate_participant(data, today)
    with sessions.begin() as s:
        return _row(add_participant(s, clean, today), ())


def add_participant(
    s: Session,
    data: ParticipantInput,
    today: date | None = None,
    *,
    last_name_required: bool = True,
) -> Participant:
    """The one way a participant comes to be, inside the caller's transaction: validated and
    given a pseudonym code (sync and pseudonymised exports rely on every person having one)."""
    clean = validate_participant(data, today, last_name_required=last_name_required)
    participant = Participant(**_values(clean), pseudonym=_new_pseudonym(s))
    s.add(participant)
    s.flush()
    record_consent(s, participant.id, (None, None), consent_of(clean))
    return participant


@changes(Change.PARTICIPANTS)
def update_participant(
    sessions: Sessions,
    participant_id: str,
    data: ParticipantInput,
    today: date | None = None,
    *,
    seen_at: datetime | None = None,
) -> ParticipantRow:
    """Save the form; ``seen_at``, the stamp the form was filled from, refuses the save when
    someone else changed the person meanwhile (another coordinator on a shared database)."""
    clean = validate_participant(data, today)
    with sessions.begin() as s:
        participant = _live(s, participant_id)
        check_unchanged(participant.updated_at, seen_at)
        record_consent(s, participant.id, consent_of(participant), consent_of(clean))
        for key, value in _values(clean).items():
            setattr(participant, key, value)
        s.flush()
        return _row(participant, _current_groups(s).get(participant_id, ()))


@changes(Change.PARTICIPANTS, Change.MEMBERSHIPS, Change.ATTENDANCE)
def delete_participant(sessions: Sessions, participant_id: str) -> None:
    """Tombstone the participant and their memberships (erasure of every trace is GDPR's job)."""
    with sessions.begin() as s:
        participant = _live(s, participant_id)
        now = utcnow()
        for membership in participant.memberships:
            if membership.deleted_at is None:
                membership.deleted_at = now
        participant.deleted_at = now


def _values(data: ParticipantInput) -> dict[str, Any]:
    return {f.name: getattr(data, f.name) for f in fields(ParticipantInput)}


def _new_pseudonym(s: Session) -> str:
    """A code like P-7K3Q9 that no other participant (deleted ones included) has."""
    taken = set(s.scalars(select(Participant.pseudonym)))
    while True:
        code = "P-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _i in range(PSEUDONYM_LENGTH))
        if code not in taken:
            return code
