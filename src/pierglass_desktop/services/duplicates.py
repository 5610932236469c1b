"""Probable duplicate people, and merging two records of one person into one.

The same entrepreneur may come to the coordinator's copy twice: from two groups, or from two
tutors' files. Two live records are a probable duplicate when they share an e-mail address
(case and surrounding spaces ignored), a business ID, or a name (case-folded, spaces collapsed,
accents kept: "Mäki" is not "Maki") with the same birth year.

A merge moves everything that points at one record to the other in one transaction, fills the
kept record's empty fields, tombstones the other and writes an audit entry ``merge`` that
travels in exports, so other copies redirect instead of reviving the merged person.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Row, Select, Table, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import Base, stamp, utcnow
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.meetings import Attendance, Meeting, attendance_id
from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.domain.records import AuditEntry
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.attendance import mark_upsert
from pierglass_desktop.services.changes import PEOPLE_DATA, changes

if TYPE_CHECKING:
    from pierglass_desktop.storage.database import Database

Sessions = sessionmaker[Session]

MERGE_ACTION = "merge"
# A bucket this big is a shared placeholder (office@..., "Test Person"), not one person.
LARGEST_BUCKET = 20


class DuplicateReason(StrEnum):
    EMAIL = "email"
    BUSINESS_ID = "business_id"
    NAME_AND_BIRTH_YEAR = "name_birth_year"


REASON_LABELS = {
    DuplicateReason.EMAIL: N_("Same e-mail address"),
    DuplicateReason.BUSINESS_ID: N_("Same business ID"),
    DuplicateReason.NAME_AND_BIRTH_YEAR: N_("Same name and birth year"),
}


@dataclass(frozen=True)
class PersonSummary:
    """What a coordinator needs to tell two records apart, side by side."""

    id: str
    first_name: str
    last_name: str
    email: str
    phone: str
    company_name: str
    business_id: str
    birth_year: int | None
    municipality: str
    pseudonym: str
    origin: str
    groups: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class DuplicatePair:
    first: PersonSummary
    second: PersonSummary
    reasons: tuple[DuplicateReason, ...]

    @property
    def id(self) -> str:  # table helpers select rows by id
        return f"{self.first.id}/{self.second.id}"


@dataclass(frozen=True)
class DroppedMark:
    """A mark of the merged person at a meeting where the kept person already had one."""

    meeting_id: str
    meeting_number: int
    group_name: str
    status: str


@dataclass(frozen=True)
class MergeResult:
    kept_id: str
    merged_id: str
    moved: dict[str, int] = field(default_factory=dict)  # table -> rows moved
    joined_memberships: int = 0
    dropped_marks: tuple[DroppedMark, ...] = ()
    filled_fields: tuple[str, ...] = ()
    backup_path: Path | None = None  # the copy taken first (None on a server)


# --- finding -------------------------------------------------------------------------------


def normalised_email(email: str) -> str:
    return (email or "").strip().casefold()


def normalised_name(first: str, last: str) -> str:
    """Case-folded, whitespace collapsed; accents are kept on purpose."""
    return " ".join(f"{first or ''} {last or ''}".casefold().split())


def _keys(row: Row[Any]) -> Iterable[tuple[DuplicateReason, object]]:
    email = normalised_email(row.email)
    if email:
        yield DuplicateReason.EMAIL, email
    if (row.business_id or "").strip():
        yield DuplicateReason.BUSINESS_ID, row.business_id.strip()
    name = normalised_name(row.first_name, row.last_name)
    if name and row.birth_year is not None:
        yield DuplicateReason.NAME_AND_BIRTH_YEAR, (name, row.birth_year)


def find_duplicates(sessions: Sessions) -> list[DuplicatePair]:
    """Every pair of live people that look like one person, with every reason that says so."""
    with sessions() as s:
        people = {row.id: row for row in s.execute(_summary_query())}
        buckets: dict[tuple[DuplicateReason, object], list[str]] = {}
        for row in people.values():
            for key in _keys(row):
                buckets.setdefault(key, []).append(row.id)
        reasons: dict[tuple[str, str], set[DuplicateReason]] = {}
        for (reason, _value), ids in buckets.items():
            if len(ids) > LARGEST_BUCKET:
                continue
            for a, b in itertools.combinations(sorted(ids), 2):
                reasons.setdefault((a, b), set()).add(reason)
        groups = _group_names(s, {pid for pair in reasons for pid in pair})
    pairs = [
        DuplicatePair(
            _summary(people[a], groups.get(a, ())),
            _summary(people[b], groups.get(b, ())),
            tuple(r for r in DuplicateReason if r in found),
        )
        for (a, b), found in reasons.items()
    ]
    return sorted(pairs, key=lambda p: (p.first.last_name.casefold(), p.first.first_name, p.id))


def person_summaries(
    sessions: Sessions, keep_id: str, merge_id: str
) -> tuple[PersonSummary, PersonSummary]:
    """The two records a merge would join, as the merge dialog shows them; refused as the
    merge itself would be."""
    with sessions() as s:
        _two_people(s, keep_id, merge_id)
        rows = {
            row.id: row
            for row in s.execute(_summary_query().where(Participant.id.in_([keep_id, merge_id])))
        }
        groups = _group_names(s, set(rows))
    keep, other = (_summary(rows[pid], groups.get(pid, ())) for pid in (keep_id, merge_id))
    return keep, other


def _summary_query() -> Select[*tuple[Any, ...]]:  # the columns _summary reads
    return select(
        Participant.id,
        Participant.first_name,
        Participant.last_name,
        Participant.email,
        Participant.phone,
        Participant.company_name,
        Participant.business_id,
        Participant.birth_year,
        Participant.municipality,
        Participant.pseudonym,
        Participant.origin,
    ).where(Participant.deleted_at.is_(None))


def _summary(row: Row[Any], groups: tuple[str, ...]) -> PersonSummary:
    return PersonSummary(**row._asdict(), groups=groups)


def _group_names(s: Session, ids: set[str]) -> dict[str, tuple[str, ...]]:
    """Participant id -> names of the live groups they were ever a member of."""
    if not ids:
        return {}
    # Every membership read once rather than an IN list: thousands of ids would pass SQLite's
    # limit on bound values, and a project's memberships are a few thousand rows anyway.
    query = (
        select(Membership.participant_id, Group.name)
        .join(Group, Group.id == Membership.group_id)
        .where(Membership.deleted_at.is_(None), Group.deleted_at.is_(None))
        .distinct()
        .order_by(Group.name)
    )
    names: dict[str, list[str]] = {}
    for pid, name in s.execute(query):
        if pid in ids:
            names.setdefault(pid, []).append(name)
    return {pid: tuple(n) for pid, n in names.items()}


# --- merging -------------------------------------------------------------------------------


def participant_references() -> list[tuple[Table, str]]:
    """Every (table, column) holding a participant's id: found from the schema, so a table
    added later is merged too."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == Participant.__tablename__:
                found.append((table, fk.parent.name))
    return found


@changes(*PEOPLE_DATA)
def merge_with_backup(database: Database, keep_id: str, merge_id: str) -> MergeResult:
    """``merge_participants`` after a backup of the file: a merge is not undone by a click."""
    from dataclasses import replace

    from pierglass_desktop.storage.backup import backup_before

    with database.sessions() as s:  # nothing to back up for a merge that cannot run
        _two_people(s, keep_id, merge_id)
    backup = backup_before(database.path, "before-merge")
    result = merge_participants(database.sessions, keep_id, merge_id)
    return replace(result, backup_path=backup)


@changes(*PEOPLE_DATA)
def merge_participants(sessions: Sessions, keep_id: str, merge_id: str) -> MergeResult:
    """Make ``merge_id`` part of ``keep_id``: one transaction, or nothing changes."""
    with sessions.begin() as s:
        keep, other = _two_people(s, keep_id, merge_id)
        moved, joined, dropped = move_records(s, keep_id, merge_id)
        filled = _fill_empty_fields(keep, other)
        other.deleted_at = utcnow()
        s.add(
            AuditEntry(
                action=MERGE_ACTION,
                entity="participant",
                entity_id=merge_id,
                after={"into": keep_id},
            )
        )
    return MergeResult(keep_id, merge_id, moved, joined, dropped, filled)


def move_records(
    s: Session, keep_id: str, merge_id: str
) -> tuple[dict[str, int], int, tuple[DroppedMark, ...]]:
    """Everything live that points at ``merge_id`` made ``keep_id``'s, stamped as changed
    here and now: the merge's move, which an import also replays for a merge made elsewhere.
    Returns the rows moved per table, the memberships joined and the marks dropped."""
    origin = s.info.get("origin", "")
    marks_moved, dropped = _move_attendance(s, keep_id, merge_id, origin)
    joined = _join_memberships(s, keep_id, merge_id, origin)
    moved = _move_references(s, keep_id, merge_id, origin) | {"attendance": marks_moved}
    return moved, joined, dropped


def merged_into(s: Session) -> dict[str, str]:
    """Each merged-away person's id, and the id of the record they were merged into."""
    entries = s.execute(
        select(AuditEntry.entity_id, AuditEntry.after).where(
            AuditEntry.entity == "participant",
            AuditEntry.action == MERGE_ACTION,
            AuditEntry.deleted_at.is_(None),
        )
    )
    into = {}
    for person, after in entries:
        kept = (after or {}).get("into") if isinstance(after, dict) else None
        if isinstance(kept, str) and kept and kept != person:
            into[person] = kept
    return into


def records_of(s: Session, participant_id: str) -> list[str]:
    """The ids of every record that is one person with ``participant_id``: the record all of
    them were merged into first, then the merged-away ones (however the merges chained)."""
    into = merged_into(s)
    whole = kept_record(into, participant_id)
    return [whole, *sorted(p for p in into if p != whole and kept_record(into, p) == whole)]


def kept_record(into: dict[str, str], person: str) -> str:
    """The record a person's merges lead to in the end (a cycle stops where it closes)."""
    seen = set()
    while person in into and person not in seen:
        seen.add(person)
        person = into[person]
    return person


def _two_people(s: Session, keep_id: str, merge_id: str) -> tuple[Participant, Participant]:
    if keep_id == merge_id:
        raise ValidationError(_("Choose two different people to merge."))
    return _live_person(s, keep_id), _live_person(s, merge_id)


def _live_person(s: Session, participant_id: str) -> Participant:
    person = s.get(Participant, participant_id)
    if person is None or person.deleted_at is not None:
        raise NotFound(
            _("One of the two people was not found; they may have been merged or deleted.")
        )
    return person


def _move_attendance(
    s: Session, keep_id: str, merge_id: str, origin: str
) -> tuple[int, tuple[DroppedMark, ...]]:
    """The merged person's marks become the kept person's, under the id derived for them.

    Where both have a mark for one meeting, the kept person's stays and the other is dropped.
    The old rows become tombstones so the change travels; the id cannot simply be rewritten.
    """
    table = cast(Table, Attendance.__table__)
    kept_meetings = set(
        s.scalars(
            select(Attendance.meeting_id).where(
                Attendance.participant_id == keep_id, Attendance.deleted_at.is_(None)
            )
        )
    )
    marks = s.execute(
        select(table, Meeting.number, Group.name.label("group_name"))
        .join(Meeting, Meeting.id == table.c.meeting_id)
        .join(Group, Group.id == Meeting.group_id)
        .where(table.c.participant_id == merge_id, table.c.deleted_at.is_(None))
    ).all()
    dropped = []
    for mark in marks:
        if mark.meeting_id in kept_meetings:
            dropped.append(
                DroppedMark(mark.meeting_id, mark.number, mark.group_name, str(mark.status))
            )
        else:
            s.execute(mark_upsert(s.get_bind().dialect.name), [_moved_mark(mark, keep_id, origin)])
    if marks:
        s.execute(
            update(table)
            .where(table.c.participant_id == merge_id, table.c.deleted_at.is_(None))
            .values(_changed({"deleted_at": utcnow()}, origin))
        )
    return len(marks) - len(dropped), tuple(dropped)


def _changed(values: dict[str, Any], origin: str) -> dict[str, Any]:
    """Values for an UPDATE, stamped by the one rule; ``created_at`` stays as it was."""
    stamped = stamp(values | {"created_at": "kept"}, origin)
    del stamped["created_at"]
    return stamped


def _moved_mark(mark: Row[Any], keep_id: str, origin: str) -> dict[str, Any]:
    values = {
        column: getattr(mark, column)
        for column in ("meeting_id", "status", "arrived_at", "left_at", "minutes_attended")
    }
    values |= {
        "id": attendance_id(mark.meeting_id, keep_id),
        "participant_id": keep_id,
        "remark": mark.remark,
        "deleted_at": None,
    }
    return stamp(values, origin)


def _join_memberships(s: Session, keep_id: str, merge_id: str, origin: str) -> int:
    """A merged membership overlapping the kept person's in the same group joins it."""
    live = Membership.deleted_at.is_(None)
    kept = list(s.scalars(select(Membership).where(Membership.participant_id == keep_id, live)))
    others = s.scalars(select(Membership).where(Membership.participant_id == merge_id, live))
    joined = 0
    for other in list(others):
        match = next((k for k in kept if k.group_id == other.group_id and _overlap(k, other)), None)
        if match is None:
            continue
        match.joined_on = min(match.joined_on, other.joined_on)
        ends = (match.left_on, other.left_on)
        match.left_on = None if None in ends else max(ends)  # type: ignore[type-var]
        other.deleted_at = utcnow()
        joined += 1
    s.flush()
    return joined


def _overlap(a: Membership, b: Membership) -> bool:
    a_ends = a.left_on or date.max
    b_ends = b.left_on or date.max
    return a.joined_on <= b_ends and b.joined_on <= a_ends


def _move_references(s: Session, keep_id: str, merge_id: str, origin: str) -> dict[str, int]:
    """Point every other live row at the kept person, stamped as changed here and now."""
    moved: dict[str, int] = {}
    for table, column in participant_references():
        if table.name == Attendance.__tablename__:
            continue
        condition = table.c[column] == merge_id
        if "deleted_at" in table.c:
            condition = condition & table.c.deleted_at.is_(None)
        values: dict[str, Any] = {column: keep_id}
        if "updated_at" in table.c:
            values = _changed(values, origin)
        result = s.execute(update(table).where(condition).values(values))
        moved[table.name] = moved.get(table.name, 0) + (getattr(result, "rowcount", 0) or 0)
    return moved


# Fields filled from the merged record when the kept one has nothing there.
FILLABLE = (
    "email",
    "phone",
    "municipality",
    "company_name",
    "business_id",
    "company_size",
    "sector",
    "job_title",
    "gender",
    "birth_year",
    "labour_status",
    "education",
    "notes",
)


def _fill_empty_fields(keep: Participant, other: Participant) -> tuple[str, ...]:
    filled = []
    for name in FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
            filled.append(name)
    # Consent is a pair: a scope without its date (or the reverse) would say something false.
    if keep.consent_scope is None and other.consent_scope is not None:
        keep.consent_scope, keep.consent_date = other.consent_scope, other.consent_date
        filled.append("consent_scope")
    return tuple(filled)


def live_references(s: Session, participant_id: str) -> dict[str, int]:
    """Table -> live rows that point at this person (tests and the merge dialog use it)."""
    counts: dict[str, int] = {}
    for table, column in participant_references():
        condition = table.c[column] == participant_id
        if "deleted_at" in table.c:
            condition = condition & table.c.deleted_at.is_(None)
        counts[f"{table.name}.{column}"] = (
            s.scalar(select(func.count()).select_from(table).where(condition)) or 0
        )
    return counts
