"""Erasure (GDPR Art. 17): forget one person for good, in this file and its write-ahead log.

What happens to each table is decided from the schema (docs/architecture.md, "Erasure"):
- rows the person owns (a NOT NULL key to them: memberships, attendance, commitments,
  assessment responses; and notes about them) are deleted, with the rows that belong to those
  (the answers of a response) and the audit entries about any of them;
- rows that only point at them (a nullable key: the agenda item they led) keep their place and
  lose the key, and their texts lose the name;
- texts about others that name the person in full (notes, commitments, programme items,
  attendance remarks, feedback comments: ``access.MENTION_TEXTS``) get the name replaced by
  ``REDACTED``;
- the participant row stays as a tombstone with every personal field blank, so sync can carry
  the erasure, and an ``AuditEntry(action="erase")`` with no personal data says it happened.
Then the write-ahead log is checkpointed (TRUNCATE) and the file vacuumed, with
``secure_delete`` on, so no byte of the person remains in either file. Older backups still hold
the person; the result lists them and ``delete_backups`` removes them on request.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Column, Engine, Table, delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import Base, utcnow
from pierglass_desktop.domain.errors import NotFound, StorageError
from pierglass_desktop.domain.people import (
    KEPT_WHEN_ERASED,
    Participant,
    erased_values,
    known_as,
    still_held,
)
from pierglass_desktop.domain.records import AuditEntry
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.access import (
    MENTION_TEXTS,
    NOTES,
    children_of,
    collect,
    mention_key,
    references_to_participants,
    texts_mentioning,
)
from pierglass_desktop.services.changes import PEOPLE_DATA, changes
from pierglass_desktop.storage import backup as backups
from pierglass_desktop.storage.cipher import PassphraseNeeded, database_errors
from pierglass_desktop.storage.faults import storage_faults
from pierglass_desktop.storage.probe import read_only_connection

if TYPE_CHECKING:
    from pierglass_desktop.storage.database import Database

REDACTED = "[…]"
ERASE = "erase"
# Audit actions about a person that sync honours (exchange/sync_collect.py names the same).
PERSON_ACTIONS = ("merge", ERASE)
# Tables whose rows are about the person even where the key may be empty: deleted, not unlinked.
DELETED_WHEN_ABOUT = {NOTES}


@dataclass(frozen=True)
class HeldBackup:
    path: Path
    made: datetime
    goes_after: int  # how many more backups of its kind before rotation removes it
    reason: str  # its kind: what made it ("auto", "manual", "before-restore", ...)


@dataclass(frozen=True)
class ErasurePlan:
    participant_id: str
    name: str
    counts: dict[str, int]  # section -> rows to delete or de-identify
    backups_holding: tuple[HeldBackup, ...]


@dataclass(frozen=True)
class ErasureResult:
    participant_id: str
    backups_holding: tuple[HeldBackup, ...]


def _person(s: Session, participant_id: str) -> Participant:
    person = s.get(Participant, participant_id)
    if person is None or person.erased:
        raise NotFound(
            _("There is no participant with the id {id}, or they were erased already.").format(
                id=participant_id
            )
        )
    return person


def _whole_person(s: Session, participant_id: str) -> list[Participant]:
    """The person and every record merged into theirs: one human, erased together. Erasing
    only a merged-away record would leave the person in the one they joined, and erasing
    only the kept one would leave their name on the merged-away tombstones."""
    from pierglass_desktop.services.duplicates import records_of

    _person(s, participant_id)
    people = [s.get(Participant, i) for i in records_of(s, participant_id)]
    return [p for p in people if p is not None and not p.erased]


def plan_erasure(database: Database, participant_id: str) -> ErasurePlan:
    """What erasing the person would remove, for the confirmation; writes nothing."""
    counts: dict[str, int] = {}
    with database.sessions() as s:
        people = _whole_person(s, participant_id)
        for person in people:
            for section in collect(s, person).sections:
                if section.rows:
                    counts[section.key] = counts.get(section.key, 0) + len(section.rows)
        name = people[0].known_as
    ids = [p.id for p in people]
    return ErasurePlan(participant_id, name, counts, held_backups(database.path, *ids))


SECTION_WORDS = {
    "participants": lambda n: _("their details (name, contact, company, background)"),
    "memberships": lambda n: ngettext("{n} group membership", "{n} group memberships", n),
    "attendance": lambda n: ngettext("{n} attendance mark", "{n} attendance marks", n),
    "notes": lambda n: ngettext("{n} note about them", "{n} notes about them", n),
    mention_key(NOTES): lambda n: ngettext(
        "their name in {n} other note", "their name in {n} other notes", n
    ),
    mention_key("commitments"): lambda n: ngettext(
        "their name in {n} other member's commitment",
        "their name in {n} other members' commitments",
        n,
    ),
    mention_key("agenda_items"): lambda n: ngettext(
        "their name in {n} other programme item", "their name in {n} other programme items", n
    ),
    mention_key("attendance"): lambda n: ngettext(
        "their name in {n} remark on another's attendance",
        "their name in {n} remarks on others' attendance",
        n,
    ),
    mention_key("meeting_feedback"): lambda n: ngettext(
        "their name in {n} feedback comment", "their name in {n} feedback comments", n
    ),
    "commitments": lambda n: ngettext("{n} commitment", "{n} commitments", n),
    "assessment_responses": lambda n: ngettext("{n} questionnaire", "{n} questionnaires", n),
    "answers": lambda n: ngettext("{n} answer", "{n} answers", n),
    "agenda_items": lambda n: ngettext(
        "their name on {n} programme item", "their name on {n} programme items", n
    ),
    "audit_entries": lambda n: ngettext("{n} audit entry", "{n} audit entries", n),
}


def describe_plan(plan: ErasurePlan) -> list[str]:
    """The confirmation's lines: who, and what will be removed."""
    lines = [_("Erasing {name} removes for good:").format(name=plan.name)]
    for key, count in plan.counts.items():
        words = SECTION_WORDS.get(key)
        text = words(count).format(n=count) if words else f"{key}: {count}"
        lines.append(f"  – {text}")
    lines += describe_backups(plan.backups_holding)
    return lines


def describe_backups(held: tuple[HeldBackup, ...]) -> list[str]:
    if not held:
        return []
    lines = [
        ngettext(
            "{n} older backup still holds the person:",
            "{n} older backups still hold the person:",
            len(held),
        ).format(n=len(held))
    ]
    for item in held:
        when = _rotation(item)
        lines.append(
            "  – "
            + _("{file}, made {made}; {when}").format(
                file=item.path.name,
                made=item.made.strftime("%Y-%m-%d %H:%M"),
                when=when,
            )
        )
    return lines


# What makes another backup of each kind: backups rotate within their own kind only.
_ROTATION_WORDS = {
    "auto": lambda n: ngettext("rotates out in about {n} day", "rotates out in about {n} days", n),
    "manual": lambda n: ngettext(
        "rotates out after {n} more backup made by hand",
        "rotates out after {n} more backups made by hand",
        n,
    ),
    "before-restore": lambda n: ngettext(
        "rotates out after {n} more restore", "rotates out after {n} more restores", n
    ),
    "before-sync-import": lambda n: ngettext(
        "rotates out after {n} more import of project files",
        "rotates out after {n} more imports of project files",
        n,
    ),
    "before-roster-import": lambda n: ngettext(
        "rotates out after {n} more roster import",
        "rotates out after {n} more roster imports",
        n,
    ),
    "before-library-import": lambda n: ngettext(
        "rotates out after {n} more library import",
        "rotates out after {n} more library imports",
        n,
    ),
    "before-merge": lambda n: ngettext(
        "rotates out after {n} more merge", "rotates out after {n} more merges", n
    ),
}


def _rotation(item: HeldBackup) -> str:
    """When rotation removes the backup; one made before a rare step (an upgrade, protecting
    the file) is all but never rotated out."""
    words = _ROTATION_WORDS.get(item.reason)
    if words is None:
        return _("stays until it is deleted")
    return words(item.goes_after).format(n=item.goes_after)


# --- erasing -------------------------------------------------------------------------------


@changes(*PEOPLE_DATA)
def erase_person(database: Database, participant_id: str, *, actor: str = "") -> ErasureResult:
    """Erase the person in one transaction, then leave no trace of them in the file or WAL."""
    with database.sessions.begin() as s:
        people = _whole_person(s, participant_id)
        forget(s, people)
        for person in people:
            s.add(AuditEntry(actor=actor, action=ERASE, entity="participant", entity_id=person.id))
        ids = [p.id for p in people]
    make_clean(database)
    return ErasureResult(participant_id, held_backups(database.path, *ids))


def forget(s: Session, people: list[Participant]) -> None:
    """Delete or de-identify everything about the people and blank their records, leaving
    tombstones: the erasure's work, shared with an import that brings an erasure made
    elsewhere (whose own ``erase`` entry arrives with it)."""
    for person in people:
        _erase_rows(s, person, collect(s, person).ids())
        _redact_mentions(s, person)
    for person in people:  # every name is redacted before any of them is blanked
        _blank(person)
    s.flush()


def _erase_rows(s: Session, person: Participant, ids: dict[str, set[str]]) -> None:
    audit = Base.metadata.tables[AuditEntry.__tablename__]
    # Audit entries about the person's records carry their values in before/after.
    doomed_audit = ids.get(audit.name, set())
    if doomed_audit:
        s.execute(
            delete(audit).where(
                audit.c.id.in_(doomed_audit),
                # Merges and erasures of people hold only ids, and sync needs them to keep
                # a merged-away or erased person from coming back.
                ~((audit.c.entity == "participant") & audit.c.action.in_(PERSON_ACTIONS)),
            )
        )
    for table, column, owned in references_to_participants():
        where = table.c[column] == person.id
        if owned or table.name in DELETED_WHEN_ABOUT:
            own = list(s.scalars(select(table.c.id).where(where)))
            for child, child_column in children_of(table):
                s.execute(delete(child).where(child.c[child_column].in_(own)))
            s.execute(delete(table).where(where))
        else:
            _unlink(s, table, column, person)


def _unlink(s: Session, table: Table, column: str, person: Participant) -> None:
    """Keep the rows, drop the key and the name from their texts."""
    rows = s.execute(select(table).where(table.c[column] == person.id)).mappings().all()
    pattern = name_pattern(person.first_name, person.last_name)
    texts = [c.name for c in table.columns if _is_text(c) and c.name not in KEPT_WHEN_ERASED]
    for row in rows:
        values: dict[str, Any] = {column: None}
        for name in texts:
            if row[name] and pattern and pattern.search(row[name]):
                values[name] = pattern.sub(REDACTED, row[name])
        s.execute(update(table).where(table.c.id == row["id"]).values(values))


def _is_text(column: Column[Any]) -> bool:
    try:
        return column.type.python_type is str and not column.foreign_keys
    except NotImplementedError:
        return False


def name_pattern(first: str, last: str) -> re.Pattern[str] | None:
    """The full name, any case, any spacing between the names."""
    if not first or not last:
        return None
    return re.compile(rf"{re.escape(first)}\s+{re.escape(last)}", re.IGNORECASE)


def _redact_mentions(s: Session, person: Participant) -> None:
    """The full name replaced by ``REDACTED`` in texts about others that name the person,
    through the ORM so each changed row is stamped and the redaction travels."""
    pattern = name_pattern(person.first_name, person.last_name)
    if pattern is None:
        return
    for name, ids in texts_mentioning(s, person).items():
        if not ids:
            continue
        model = _model_of(name)
        for record in s.scalars(select(model).where(model.id.in_(ids))):
            for column in MENTION_TEXTS[name]:
                text = getattr(record, column)
                if text and pattern.search(text):
                    setattr(record, column, pattern.sub(REDACTED, text))


def _model_of(table: str) -> Any:
    return next(m.class_ for m in Base.registry.mappers if m.class_.__tablename__ == table)


def _blank(person: Participant) -> None:
    for name, blank in erased_values().items():
        setattr(person, name, blank)
    person.deleted_at = person.deleted_at or utcnow()


def make_clean(database: Database) -> None:
    """Rewrite the file so freed pages hold nothing and empty the write-ahead log.

    Another reader of the file (a second window, a `pierglass list`) can keep VACUUM or the
    checkpoint from finishing; that is said in one sentence, and running the erasure's
    cleaning again later (erasing an erased person again) finishes it.
    """
    clean_file(database.path, database.engine)


def clean_file(path: Path | None, engine: Engine) -> None:
    """``make_clean`` for a database file at ``path`` (None: a server) reached by ``engine``."""
    if path is None:  # a server database: VACUUM frees the erased rows' space
        from pierglass_desktop.storage.server import vacuum

        vacuum(engine)
        return
    with storage_faults(path), engine.connect() as connection:
        raw = cast(sqlite3.Connection, connection.connection.driver_connection)
        try:
            _optimize_search_index(raw)
            raw.execute("PRAGMA secure_delete=ON")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.execute("VACUUM")
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except database_errors() as error:  # busy: sqlite3's or SQLCipher's OperationalError
            raise StorageError(_UNFINISHED()) from error
    if busy:
        raise StorageError(_UNFINISHED())


def _UNFINISHED() -> str:
    return _(
        "The person was erased, but another program is reading the database, so the file "
        "could not yet be cleaned of every trace. Close the other Pier-glass windows and "
        "erase the person again to finish."
    )


def _optimize_search_index(raw: sqlite3.Connection) -> None:
    """FTS5 keeps deleted words in old index segments until they are merged."""
    from pierglass_desktop.storage.search_index import FTS_TABLE

    found = raw.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (FTS_TABLE,)
    ).fetchone()
    if found:
        raw.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")


# --- retention -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PastRetention:
    participant_id: str
    name: str
    last_group_ended: date


def past_retention(
    sessions: sessionmaker[Session], years: int, today: date | None = None
) -> list[PastRetention]:
    """People whose every group ended more than ``years`` years ago: erasure is due.

    A person in a group without an end date is never listed; nor is anyone without a
    membership (nothing to count from). People deleted from the lists but not erased are
    listed too: their data is still held. A record merged into another is not: the merge moved
    its memberships to the record it joined, which is listed for both, and erased with both.
    """
    from pierglass_desktop.domain.people import Group, Membership
    from pierglass_desktop.services.duplicates import merged_into

    today = today or date.today()
    limit = _years_before(today, years)
    with sessions() as s:
        merged_away = merged_into(s)
        rows = s.execute(
            select(
                Participant.id,
                Participant.first_name,
                Participant.last_name,
                Participant.pseudonym,
                Group.end_date,
            )
            .join(Membership, Membership.participant_id == Participant.id)
            .join(Group, Group.id == Membership.group_id)
            .where(
                still_held(),  # not erased already
                # A deleted person's data is still held: their (deleted) memberships count.
                or_(Membership.deleted_at.is_(None), Participant.deleted_at.is_not(None)),
                Group.deleted_at.is_(None),
            )
        ).all()
    latest: dict[str, tuple[str, date | None]] = {}
    for pid, first, last, pseudonym, ended in rows:
        if pid in merged_away:
            continue
        name, known = latest.get(pid, (known_as(first, last, pseudonym), date.min))
        # A group with no end date counts as ongoing: it keeps the person.
        if known is None or ended is None:
            latest[pid] = (name, None)
        else:
            latest[pid] = (name, max(known, ended))
    due = [
        PastRetention(pid, name, ended)
        for pid, (name, ended) in latest.items()
        if ended is not None and ended < limit
    ]
    return sorted(due, key=lambda p: (p.last_group_ended, p.name))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# --- backups -------------------------------------------------------------------------------


def held_backups(database: Path | None, *participant_ids: str) -> tuple[HeldBackup, ...]:
    """The backups of ``database`` in which any of the person's records is still there,
    oldest first.

    A server database (None) has no backup files of ours: its own backups are the server's.
    """
    if database is None:
        return ()
    found = []
    all_backups = backups.list_backups(database)
    for path in all_backups:
        if not _holds(path, participant_ids):
            continue
        reason = _reason(database, path)
        same = [p for p in all_backups if _reason(database, p) == reason]
        keep = backups.AUTO_KEEP if reason == "auto" else backups.STEP_KEEP
        goes_after = keep - (len(same) - 1 - same.index(path))
        made = datetime.fromtimestamp(path.stat().st_mtime)
        found.append(HeldBackup(path, made, max(1, goes_after), reason))
    return tuple(found)


def is_erased(database: Database, participant_id: str) -> bool:
    """The id is an erased person's tombstone (erasing again only cleans the file again)."""
    with database.sessions() as s:
        person = s.get(Participant, participant_id)
        return person is not None and person.erased


def _reason(database: Path, path: Path) -> str:
    # <stem>-YYYYMMDD-HHMMSS-ffffff-<reason>.sqlite3
    middle = path.name[len(database.stem) + 1 : -len(".sqlite3")]
    return middle.split("-", 3)[3] if middle.count("-") >= 3 else ""


def _holds(path: Path, participant_ids: tuple[str, ...]) -> bool:
    unreadable: tuple[type[Exception], ...] = database_errors()
    try:
        connection = read_only_connection(path)  # an encrypted backup opens with its key
        try:
            marks = ", ".join("?" * len(participant_ids))
            row = connection.execute(
                f"SELECT 1 FROM participants WHERE id IN ({marks}) AND ({_still_held_sql()})",
                participant_ids,
            ).fetchone()
        finally:
            connection.close()
    except PassphraseNeeded:
        return True  # encrypted with a key not known here: it may well hold them
    except unreadable:
        return False  # not a database we can read: nothing we can say about it
    return row is not None


def _still_held_sql() -> str:
    """``still_held`` as SQLite text, for a backup read with plain sqlite3."""
    from sqlalchemy.dialects import sqlite

    return str(
        still_held().compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    )


def delete_backups(held: tuple[HeldBackup, ...]) -> None:
    for item in held:
        with storage_faults(item.path):
            item.path.unlink(missing_ok=True)
