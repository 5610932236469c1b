"""Right of access (GDPR Art. 15): everything held about one person, read in one transaction.

What refers to a person is found from the schema, not from a list kept by hand: every table
with a foreign key to ``participants`` is read, and so are the rows that belong to those rows
when the person owns them (the answers of their assessment responses). A table added later is
therefore never left out. Texts about others that name the person in full (notes, commitments,
programme items, attendance remarks and feedback comments: ``MENTION_TEXTS``), and the audit
entries about any of these records, come too. Every row keeps its stamps: where it came
from (``origin``) and when it changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Table, Text, cast, or_, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import Base
from pierglass_desktop.domain.errors import NotFound
from pierglass_desktop.domain.meetings import Note
from pierglass_desktop.domain.people import Participant
from pierglass_desktop.domain.records import AuditEntry
from pierglass_desktop.i18n import _

Sessions = sessionmaker[Session]
PARTICIPANTS = "participants"


@dataclass(frozen=True)
class Section:
    """One kind of record about the person: a table's rows, or the notes naming them."""

    key: str  # stable: the table's name, or "<table>_mentioning" for others' texts naming them
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]  # every value as text, as the workbook shows it


@dataclass(frozen=True)
class PersonData:
    participant_id: str
    name: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def ids(self) -> dict[str, set[str]]:
        """table -> ids of its rows in the export (for checks and for erasure)."""
        found: dict[str, set[str]] = {}
        for section in self.sections:
            table = MENTION_TABLES.get(section.key, section.key)
            found.setdefault(table, set()).update(r["id"] for r in section.rows if "id" in r)
        return found


NOTES = Note.__tablename__
# The free texts of a group's life where a tutor may write a member's full name: table -> columns.
MENTION_TEXTS: dict[str, tuple[str, ...]] = {
    NOTES: ("body",),
    "commitments": ("text", "follow_up_comment"),
    "agenda_items": ("title", "purpose", "instructions", "responsible"),
    "attendance": ("remark",),
    "meeting_feedback": ("comment",),
}


def mention_key(table: str) -> str:
    """The section of a table's rows about others that name the person."""
    return f"{table}_mentioning"


MENTIONS = mention_key(NOTES)
MENTION_TABLES = {mention_key(table): table for table in MENTION_TEXTS}


def references_to_participants() -> list[tuple[Table, str, bool]]:
    """(table, column, owned) for every foreign key to ``participants``; owned = NOT NULL."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == PARTICIPANTS and table.name != PARTICIPANTS:
                found.append((table, fk.parent.name, not fk.parent.nullable))
    return found


def children_of(parent: Table) -> list[tuple[Table, str]]:
    """Tables whose rows belong to a row of ``parent`` (a foreign key to it)."""
    return [
        (table, fk.parent.name)
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table is parent and not fk.parent.nullable
    ]


def person_data(sessions: Sessions, participant_id: str) -> PersonData:
    """Everything held about the participant, tombstoned rows included (they are still held)."""
    with sessions() as s:
        person = s.get(Participant, participant_id)
        if person is None or person.erased:
            raise NotFound(
                _(
                    "There is no participant with the id {id}. List them with "
                    "'pierglass list participants --json' to see their ids."
                ).format(id=participant_id)
            )
        return collect(s, person)


def collect(s: Session, person: Participant) -> PersonData:
    participants = Base.metadata.tables[PARTICIPANTS]
    sections = [_section(s, participants, participants.c.id == person.id)]
    for table, column, owned in references_to_participants():
        section = _section(s, table, table.c[column] == person.id)
        sections.append(section)
        if owned and section.rows:
            owned_ids = [r["id"] for r in section.rows]
            for child, child_column in children_of(table):
                sections.append(_section(s, child, child.c[child_column].in_(owned_ids)))
    sections.extend(_mentions(s, person))
    ids = {i for section in sections for row in section.rows for i in [row.get("id")] if i}
    sections.append(_audit(s, person.id, ids))
    return PersonData(person.id, person.known_as, tuple(_merged(sections)))


def _merged(sections: list[Section]) -> list[Section]:
    """One section per key (two foreign keys into one table give one sheet), empty ones kept."""
    merged: dict[str, Section] = {}
    for section in sections:
        if section.key in merged:
            old = merged[section.key]
            seen = {r.get("id") for r in old.rows}
            rows = old.rows + tuple(r for r in section.rows if r.get("id") not in seen)
            merged[section.key] = Section(old.key, old.columns, rows)
        else:
            merged[section.key] = section
    return list(merged.values())


def _section(
    s: Session, table: Table, where: ColumnElement[bool], key: str | None = None
) -> Section:
    columns = tuple(c.name for c in table.columns)
    rows = s.execute(select(table).where(where).order_by(*_order(table))).mappings()
    return Section(key or table.name, columns, tuple(_texts(row) for row in rows))


def _order(table: Table) -> list[Any]:
    return [table.c[name] for name in ("created_at", "id") if name in table.c]


def mentions_name(body: str, first: str, last: str) -> bool:
    name = f"{first} {last}".strip().casefold()
    return bool(first and last) and name in " ".join(body.split()).casefold()


def texts_mentioning(s: Session, person: Participant) -> dict[str, list[str]]:
    """Table -> the ids of rows about others whose texts name the person, oldest first.

    Matched in Python, case-folded: SQL's LIKE folds only ASCII letters in SQLite and none in
    PostgreSQL, so "ÄIJÄLÄ" (or "QWERTYSON" on a server) would slip past it. Rows of the
    person's own (a key to them) are in their own sections and left out here."""
    found: dict[str, list[str]] = {table: [] for table in MENTION_TEXTS}
    if not (person.first_name and person.last_name):
        return found
    own = _keys_to_participants()
    for name, columns in MENTION_TEXTS.items():
        table = Base.metadata.tables[name]
        others = [or_(table.c[k].is_(None), table.c[k] != person.id) for k in own.get(name, ())]
        rows = s.execute(
            select(table.c.id, *(table.c[c] for c in columns))
            .where(*others)
            .order_by(*_order(table))
            .execution_options(yield_per=2000)
        )
        found[name] = [
            row[0]
            for row in rows
            if any(
                text and mentions_name(text, person.first_name, person.last_name)
                for text in row[1:]
            )
        ]
    return found


def _keys_to_participants() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for table, column, _owned in references_to_participants():
        keys.setdefault(table.name, []).append(column)
    return keys


def _mentions(s: Session, person: Participant) -> list[Section]:
    sections = []
    for name, ids in texts_mentioning(s, person).items():
        table = Base.metadata.tables[name]
        found = []
        if ids:
            rows = s.execute(select(table).where(table.c.id.in_(ids))).mappings()
            by_id = {row["id"]: _texts(row) for row in rows}
            found = [by_id[i] for i in ids]
        columns = tuple(c.name for c in table.columns)
        sections.append(Section(mention_key(name), columns, tuple(found)))
    return sections


def _audit(s: Session, participant_id: str, ids: set[str]) -> Section:
    audit = Base.metadata.tables[AuditEntry.__tablename__]
    where = or_(
        audit.c.entity_id.in_(sorted(ids | {participant_id})),
        cast(audit.c.before, Text).contains(participant_id),
        cast(audit.c.after, Text).contains(participant_id),
    )
    return _section(s, audit, where)


def _texts(row: RowMapping) -> dict[str, str]:
    return {key: as_text(value) for key, value in row.items()}


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bytes):
        return _("({count} bytes of a file)").format(count=len(value))
    return str(value)
