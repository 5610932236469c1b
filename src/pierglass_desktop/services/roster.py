"""Bringing a registration list into a group: guess the columns, preview, apply.

A row becomes a person through ``services.participants`` (the one place people are validated
and created) and a member through ``services.members``. The preview writes nothing; applying
backs the database up and then adds everyone in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.fields import PARTICIPANT
from pierglass_desktop.domain.people import Membership, Participant
from pierglass_desktop.domain.records import ImportRecord
from pierglass_desktop.exchange.roster import RosterTable
from pierglass_desktop.i18n import _
from pierglass_desktop.services import live_group
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.members import join_group
from pierglass_desktop.services.participants import (
    ParticipantInput,
    add_participant,
    validate_participant,
)

if TYPE_CHECKING:
    from pierglass_desktop.storage.database import Database

Sessions = sessionmaker[Session]

# The participant fields a roster may fill, plus "name" for one column holding the full name.
TARGETS = (
    "first_name",
    "last_name",
    "name",
    "email",
    "phone",
    "municipality",
    "company_name",
    "business_id",
    "sector",
    "job_title",
)
# Header words (case, accents, spaces and punctuation ignored) for each target.
ALIASES = {
    "first_name": ("etunimi", "etunimet", "firstname", "givenname", "forename", "first"),
    "last_name": ("sukunimi", "lastname", "surname", "familyname", "last"),
    "name": ("nimi", "name", "fullname", "kokonimi", "osallistuja", "participant"),
    "email": ("sahkoposti", "sahkopostiosoite", "email", "emailaddress", "mail", "sposti"),
    "phone": ("puhelin", "puhelinnumero", "puh", "matkapuhelin", "phone", "mobile", "tel"),
    "municipality": ("kunta", "kotikunta", "paikkakunta", "municipality", "city", "town"),
    "company_name": ("yritys", "yrityksennimi", "yrityksen nimi", "company", "companyname"),
    "business_id": ("ytunnus", "yritystunnus", "businessid", "vatnumber", "alvtunnus", "vat"),
    "sector": ("toimiala", "ala", "sector", "industry"),
    "job_title": ("ammatti", "ammattinimike", "titteli", "tehtava", "jobtitle", "title", "role"),
}
MAPPINGS_FILE = "roster-mappings.json"


def target_caption(target: str) -> str:
    """The word a tutor sees for a target field (the participant form's captions)."""
    if target == "name":
        return _("Full name")
    return PARTICIPANT[target].caption()


def _word(text: str) -> str:
    """A header caption reduced to letters and digits: "Sähkö-posti " -> "sahkoposti"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


_BY_WORD = {_word(alias): target for target, words in ALIASES.items() for alias in words}


def guess_mapping(header: tuple[str, ...]) -> dict[int, str]:
    """column index -> target, for the columns whose caption we recognise (each target once)."""
    mapping: dict[int, str] = {}
    for index, caption in enumerate(header):
        target = _BY_WORD.get(_word(caption))
        if target and target not in mapping.values():
            mapping[index] = target
    return mapping


# --- remembered mappings -------------------------------------------------------------------


def header_key(header: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(_word(c) for c in header).encode()).hexdigest()[:16]


def remembered_mapping(folder: Path, header: tuple[str, ...]) -> dict[int, str] | None:
    """The mapping chosen last time for this set of headings, if any (and still sensible)."""
    try:
        saved = json.loads((folder / MAPPINGS_FILE).read_text(encoding="utf-8"))
        mapping = {int(k): v for k, v in saved.get(header_key(header), {}).items()}
    except (OSError, ValueError, AttributeError):
        return None  # none saved, or a damaged file: guess again
    if not mapping or any(t not in TARGETS or i >= len(header) for i, t in mapping.items()):
        return None
    return mapping


def remember_mapping(folder: Path, header: tuple[str, ...], mapping: dict[int, str]) -> None:
    path = folder / MAPPINGS_FILE
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(saved, dict):
            saved = {}
    except (OSError, ValueError):
        saved = {}
    saved[header_key(header)] = {str(k): v for k, v in sorted(mapping.items())}
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(saved, indent=1, sort_keys=True), encoding="utf-8")
    partial.replace(path)


def load_mapping_file(path: Path, header: tuple[str, ...]) -> dict[int, str]:
    """A mapping given as JSON: {"Heading in the file": "first_name", ...}."""
    try:
        given = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ValidationError(
            _("The mapping file {name} could not be read as JSON.").format(name=Path(path).name)
        ) from None
    if not isinstance(given, dict):
        raise ValidationError(
            _('The mapping file must map headings to fields, e.g. {{"Etunimi": "first_name"}}.')
        )
    positions = {_word(caption): i for i, caption in enumerate(header)}
    mapping = {}
    for caption, target in given.items():
        if target not in TARGETS:
            raise ValidationError(
                _("“{target}” is not a field a roster can fill; use one of: {fields}.").format(
                    target=target, fields=", ".join(TARGETS)
                )
            )
        if _word(str(caption)) not in positions:
            raise ValidationError(
                _("The file has no column headed “{caption}”.").format(caption=caption)
            )
        mapping[positions[_word(str(caption))]] = target
    return mapping


# --- preview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str


@dataclass(frozen=True)
class RosterPerson:
    row: int
    data: ParticipantInput
    participant_id: str | None = None  # an existing person this row matched
    matched_by: str = ""  # "email", "business_id" or "name"
    already_member: bool = False


@dataclass(frozen=True)
class RosterPreview:
    new: tuple[RosterPerson, ...] = ()
    matched: tuple[RosterPerson, ...] = ()
    errors: tuple[RowError, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return len(self.new) + sum(1 for p in self.matched if not p.already_member)


def check_mapping(mapping: dict[int, str]) -> None:
    targets = list(mapping.values())
    duplicates = {t for t in targets if targets.count(t) > 1}
    if duplicates:
        raise ValidationError(
            _("Two columns are set to “{field}”; choose one.").format(
                field=target_caption(sorted(duplicates)[0])
            )
        )
    has_name = "name" in targets or "first_name" in targets
    if not has_name:
        raise ValidationError(_("Choose the column that holds the first name (or the full name)."))


def row_input(cells: tuple[str, ...], mapping: dict[int, str]) -> ParticipantInput:
    values = {t: (cells[i] if i < len(cells) else "") for i, t in mapping.items()}
    full = values.pop("name", "").strip()
    if full and not values.get("first_name") and not values.get("last_name"):
        first, _space, last = full.rpartition(" ")
        values["first_name"], values["last_name"] = (first, last) if first else (last, "")
    return ParticipantInput(
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
        email=values.get("email", ""),
        phone=values.get("phone", ""),
        municipality=values.get("municipality", ""),
        company_name=values.get("company_name", ""),
        business_id=values.get("business_id", ""),
        sector=values.get("sector", ""),
        job_title=values.get("job_title", ""),
    )


def preview_roster(
    sessions: Sessions, table: RosterTable, mapping: dict[int, str], group_id: str
) -> RosterPreview:
    """Who is new, who is already known (and how we knew), and which rows cannot be taken."""
    check_mapping(mapping)
    with sessions() as s:
        live_group(s, group_id)
        return _classify(s, table, mapping, group_id)


class _Known:
    """Existing live people by e-mail, business ID and name, read once."""

    def __init__(self, s: Session, group_id: str):
        rows = s.execute(
            select(
                Participant.id,
                Participant.email,
                Participant.business_id,
                Participant.first_name,
                Participant.last_name,
            ).where(Participant.deleted_at.is_(None), Participant.first_name != "")
        )
        self.email: dict[str, str] = {}
        self.business: dict[str, list[str]] = {}
        self.name: dict[str, list[str]] = {}
        for pid, email, business_id, first, last in rows:
            if email:
                self.email.setdefault(email.casefold(), pid)
            if business_id:
                self.business.setdefault(business_id, []).append(pid)
            self.name.setdefault(_name_key(first, last), []).append(pid)
        self.members = set(
            s.scalars(
                select(Membership.participant_id).where(
                    Membership.group_id == group_id,
                    Membership.deleted_at.is_(None),
                    Membership.left_on.is_(None),
                )
            )
        )

    def match(self, data: ParticipantInput) -> tuple[str | None, str]:
        if data.email and data.email.casefold() in self.email:
            return self.email[data.email.casefold()], "email"
        for key, index in (("business_id", self.business), ("name", self.name)):
            value = (
                data.business_id
                if key == "business_id"
                else _name_key(data.first_name, data.last_name)
            )
            found = index.get(value, []) if value else []
            if len(found) == 1:  # two people share it: not a match we can trust
                return found[0], key
        return None, ""


def _name_key(first: str, last: str) -> str:
    return f"{_word(first)} {_word(last)}"


def _classify(
    s: Session, table: RosterTable, mapping: dict[int, str], group_id: str
) -> RosterPreview:
    known = _Known(s, group_id)
    new: list[RosterPerson] = []
    matched: list[RosterPerson] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        try:
            data = validate_participant(row_input(cells, mapping))
        except ValidationError as error:
            errors.append(RowError(number, _reasons(error)))
            continue
        twin = _twin(data, seen, number)
        if twin is not None:
            errors.append(
                RowError(number, _("The same person is on row {row} already.").format(row=twin))
            )
            continue
        pid, how = known.match(data)
        person = RosterPerson(number, data, pid, how, pid in known.members)
        (matched if pid else new).append(person)
    return RosterPreview(
        tuple(new),
        tuple(matched),
        tuple(errors),
        {"rows": len(table.rows), "new": len(new), "matched": len(matched), "errors": len(errors)},
    )


def _twin(data: ParticipantInput, seen: dict[str, int], number: int) -> int | None:
    keys = [f"e:{data.email.casefold()}"] if data.email else []
    keys.append(f"n:{_name_key(data.first_name, data.last_name)}/{data.business_id}")
    for key in keys:
        if key in seen:
            return seen[key]
    for key in keys:
        seen[key] = number
    return None


def _reasons(error: ValidationError) -> str:
    """The row's problems as one line: each field's caption and what is wrong with it."""
    if not error.fields:
        return str(error)
    return " ".join(
        f"{target_caption(name) if name in TARGETS else name}: {message}"
        for name, message in error.fields.items()
    )


# --- apply ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterResult:
    created: int
    joined: int
    skipped_errors: int
    backup_path: Path | None


@changes(Change.PARTICIPANTS, Change.MEMBERSHIPS, Change.GROUPS, Change.IMPORTS)
def apply_roster(
    database: Database, table: RosterTable, mapping: dict[int, str], group_id: str, joined_on: date
) -> RosterResult:
    """Back up, then add the new people and make everyone a member, in one transaction.

    Rows with errors are left out (the preview listed them). Nothing is written when the list
    brings nothing new.
    """
    from pierglass_desktop.storage.backup import backup_before

    preview = preview_roster(database.sessions, table, mapping, group_id)
    if not preview.changes:
        return RosterResult(0, 0, len(preview.errors), None)
    backup = backup_before(database.path, "before-roster-import")
    created = joined = 0
    with database.sessions.begin() as s:
        group = live_group(s, group_id)
        for person in preview.new + preview.matched:
            if person.already_member:
                continue
            if person.participant_id is None:
                participant = add_participant(s, person.data)
                created += 1
            else:
                participant = s.get_one(Participant, person.participant_id)
            join_group(s, group, participant, joined_on)
            joined += 1
        s.add(
            ImportRecord(
                kind="roster",
                filename=table.name,
                sha256=_table_hash(table),
                counts={"created": created, "joined": joined, "errors": len(preview.errors)},
                backup_path=str(backup),
            )
        )
    return RosterResult(created, joined, len(preview.errors), backup)


def _table_hash(table: RosterTable) -> str:
    digest = hashlib.sha256()
    for _number, cells in table.rows:
        digest.update("\x1f".join(cells).encode() + b"\x1e")
    return digest.hexdigest()
