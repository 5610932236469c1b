"""Merging checked sync files into a database, record by record, in SQLAlchemy Core.

One ``MergeRun`` works inside one transaction: the preview runs it and rolls back, the import
runs it again and commits, so what the preview said is what the import does. Files are merged
one after another; each sees what the ones before it brought.

The rules (docs/architecture.md, "Sync"):
- a record is matched by id, or by its natural key (an attendance mark by meeting and person,
  an answer by response and question, a tutor link by group and tutor, an instrument by code);
- incoming stamps are kept (``created_at``, ``updated_at``, ``origin``, ``deleted_at``);
- a conflict is a record whose values differ, changed on both sides: there since the last
  whole export imported from the file's installation (theirs ``updated_at`` is after that
  file's ``exported_at``), and here in a version the file's installation had not seen (mine
  was last changed by another installation, after the newest whole export of that one the
  file's installation had imported, which the file's ``seen`` sheet says; ``Horizon``);
- a conflict decided for the older version stamps the chosen one anew, as changed here: the
  decision is a change of this installation's and travels as the newer;
- otherwise the newer ``updated_at`` wins (a tie goes to the larger origin id, so the order
  files are imported in never matters); tombstones are records like any other, so deletions win
  when newer;
- a merged-away or erased participant never comes back: references to a merged id are
  redirected to the kept person, rows about an erased person are left out, and their own rows
  stay tombstones (an erased one with its personal fields empty) whatever the stamps say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.meetings import attendance_id
from pierglass_desktop.domain.models import AuditEntry, ImportRecord, Participant
from pierglass_desktop.domain.people import erased_values, is_erased_record
from pierglass_desktop.domain.records import SYNC_KIND
from pierglass_desktop.exchange.sync_collect import ERASE_ACTION, MERGE_ACTION, PERSON_ACTIONS
from pierglass_desktop.exchange.sync_format import (
    BY_TABLE,
    ENTITIES,
    PERSONAL_FIELDS,
    PSEUDONYMISED,
    STAMPS,
    Seen,
    SyncEntity,
    scope_groups,
    seen_as_json,
    seen_until,
)
from pierglass_desktop.exchange.sync_read import MAX_ERRORS, RowError, SyncFile
from pierglass_desktop.exchange.workbook import ROW_KEY
from pierglass_desktop.i18n import _

CHUNK = 500
_STAMPS_ONLY = "stamps"
_MINE_ANEW = "mine anew"
_THEIRS_ANEW = "theirs anew"
_LABEL_KEYS = ("name", "title", "theme", "text", "body", "code", "item_key", "action")


class Resolution(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    NEWER = "newer"


@dataclass(frozen=True)
class FieldDiff:
    key: str
    label: str
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class ConflictItem:
    """A record changed here and there since the last import from the file's installation."""

    key: str  # "sheet/id": what ``per_conflict`` is keyed by
    sheet: str
    record_id: str
    label: str
    fields: tuple[FieldDiff, ...]
    mine_updated_at: datetime
    mine_origin: str
    theirs_updated_at: datetime
    theirs_origin: str


@dataclass
class Tally:
    new: Counter[str]
    updated: Counter[str]
    unchanged: Counter[str]
    conflicts: Counter[str]
    skipped: Counter[str]

    @classmethod
    def empty(cls) -> Tally:
        return cls(Counter(), Counter(), Counter(), Counter(), Counter())

    def as_counts(self) -> dict[str, int]:
        counts = {}
        for name in ("new", "updated", "unchanged", "conflicts", "skipped"):
            for sheet, number in getattr(self, name).items():
                counts[f"{sheet}_{name}"] = number
        return counts


@dataclass
class FileOutcome:
    tally: Tally
    conflicts: list[ConflictItem]
    errors: list[RowError]
    forgotten: list[str] = field(default_factory=list)  # erased by the file, whole here before


Decide = Callable[[ConflictItem], Resolution | None]


class MergeRun:
    """Merges files into the database reached through ``connection`` (one transaction)."""

    def __init__(self, connection: Connection, decide: Decide | None = None, origin: str = ""):
        self.c = connection
        self.decide = decide or (lambda _conflict: None)
        self.origin = origin  # this installation's: what it changes itself is stamped so
        self.now = utcnow()
        self.merged: dict[str, str] = {}  # merged-away participant -> kept one
        self.erased: set[str] = set()
        self.person_stamps: dict[str, tuple[datetime, str]] = {}
        self._read_person_actions(self._db_person_actions())
        # Tables empty when the run began (a coordinator's first import): a record can only be
        # there if this run wrote it, so lookups ask only about ids and keys it wrote.
        self.written: dict[str, set] = {
            table.name: set() for table in _all_tables() if self._empty(table)
        }

    @property
    def empty_at_start(self) -> list[str]:
        """The tables that were empty when the run began."""
        return list(self.written)

    def _empty(self, table: Any) -> bool:
        return self.c.execute(select(table.c.id).limit(1)).first() is None

    def _could_exist(self, table_name: str, wanted: Iterable) -> list:
        """The ids (or natural keys) of ``wanted`` that may be in the table: all of them,
        unless the table was empty when the run began and this run wrote none of them."""
        written = self.written.get(table_name)
        if written is None:
            return list(wanted)
        return list(written.intersection(wanted))

    def _wrote(self, table: Any, entity: SyncEntity | None, rows: list[dict]) -> None:
        written = self.written.get(table.name)
        if written is None or not rows:
            return
        written.update(map(itemgetter("id"), rows))
        keys = entity.natural_key if entity is not None else ()
        if keys:
            written.update(zip(*(map(itemgetter(k), rows) for k in keys), strict=True))

    # ---------------------------------------------------------------- people merged or erased

    def _db_person_actions(self) -> list[dict]:
        table = AuditEntry.__table__
        query = select(table).where(
            table.c.entity == "participant",
            table.c.action.in_(PERSON_ACTIONS),
            table.c.deleted_at.is_(None),
        )
        return [dict(r) for r in self.c.execute(query).mappings()]

    def _read_person_actions(self, entries: Iterable[dict]) -> None:
        for entry in entries:
            if entry["entity"] != "participant" or entry["deleted_at"] is not None:
                continue
            person = entry["entity_id"]
            if entry["action"] == MERGE_ACTION:
                into = (entry.get("after") or {}).get("into")
                if isinstance(into, str) and into and into != person:
                    self.merged[person] = into.lower()
            elif entry["action"] == ERASE_ACTION:
                self.erased.add(person)
            else:
                continue
            stamp = (entry["updated_at"], entry["origin"] or "")
            self.person_stamps[person] = max(stamp, self.person_stamps.get(person, stamp))

    def kept(self, person: str) -> str:
        from pierglass_desktop.services.duplicates import kept_record

        return kept_record(self.merged, person)

    def gone(self, person: str) -> bool:
        return person in self.merged or person in self.erased

    # ---------------------------------------------------------------- one file

    def merge_file(self, sync: SyncFile) -> FileOutcome:
        """Merge one checked file; when it has errors nothing of it is written."""
        known = (dict(self.merged), set(self.erased), dict(self.person_stamps))
        self._read_person_actions(sync.records["audit_entries"])
        outcome = FileOutcome(Tally.empty(), [], [])
        savepoint = self.c.begin_nested()  # undone if the file is refused after all
        outcome.forgotten.extend(self._enforce_people(outcome.tally))
        idmap: dict[str, dict[str, str]] = {}
        planned = {e.sheet: self._prepare(e, sync, idmap) for e in ENTITIES}
        outcome.errors.extend(self._check_references(sync, planned))
        horizon = Horizon(*self._since(sync.origin), sync.seen(), sync.origin, _GroupOf(planned))
        if not outcome.errors:
            try:
                for entity in ENTITIES:
                    self._merge_entity(entity, planned[entity.sheet], horizon, outcome)
                self._replay_merges(outcome.tally)
            except IntegrityError:
                # Rows the checks let through that still contradict each other or this
                # database (a record twice under two ids, say): the file is refused.
                outcome.errors.append(
                    RowError(
                        "", None, "", _("its records contradict each other or this database"), ""
                    )
                )
        if outcome.errors:
            savepoint.rollback()
            self.merged, self.erased, self.person_stamps = known
            outcome.tally = Tally.empty()
            outcome.conflicts.clear()
            outcome.forgotten.clear()
            return outcome
        savepoint.commit()
        return outcome

    def record_import(self, sync: SyncFile, outcome: FileOutcome, backup: str) -> None:
        self.c.execute(
            insert(ImportRecord.__table__),
            {
                "id": _new_id(),
                "imported_at": utcnow(),
                "kind": SYNC_KIND,
                "filename": str(sync.path),
                "sha256": sync.sha256,
                "source_origin": sync.origin,
                "format_version": sync.meta.format_version,
                "exported_at": sync.exported_at,
                "counts": outcome.tally.as_counts(),
                "backup_path": backup,
                "scope": sync.scope,
                "seen": None if (seen := sync.seen()) is None else seen_as_json(seen),
            },
        )

    def _since(self, origin: str) -> tuple[datetime | None, dict[str, datetime]]:
        """The export time of the newest whole export imported from ``origin``, and per group
        that of the newest export of chosen groups that carried it (one of chosen groups says
        nothing of the others)."""
        table = ImportRecord.__table__
        whole: datetime | None = None
        by_group: dict[str, datetime] = {}
        imports = self.c.execute(
            select(table.c.scope, table.c.exported_at).where(
                table.c.kind == SYNC_KIND,
                table.c.source_origin == origin,
                table.c.exported_at.is_not(None),
            )
        )
        for scope, exported_at in imports:
            groups = scope_groups(scope)
            if groups is None:
                whole = exported_at if whole is None else max(whole, exported_at)
            for group in groups or ():
                by_group[group] = max(exported_at, by_group.get(group, exported_at))
        return whole, by_group

    # ---------------------------------------------------------------- preparing rows

    def _prepare(self, entity: SyncEntity, sync: SyncFile, idmap) -> list[dict]:
        """The file's rows with references redirected and ids matched by natural key.

        The file's records are copied (a preview and its import share them)."""
        rows = list(map(dict.copy, sync.records[entity.sheet]))
        specs = self._redirecting(entity, idmap)
        for row in rows:
            row[PSEUDONYMISED] = bool(row.get(PSEUDONYMISED))
            if row["created_at"] is None:
                row["created_at"] = row["updated_at"]
            if specs and not self._redirect(specs, row, idmap):
                row["_skip"] = True
        if entity.natural_key:
            self._match_natural(entity, rows, idmap)
        return rows

    def _redirecting(self, entity: SyncEntity, idmap) -> list:
        """The references that may need pointing elsewhere (in their order): to people when
        some were merged or erased, to another table when its records were renamed."""
        people = bool(self.merged or self.erased)
        return [
            spec
            for spec in entity.references()
            if (people if spec.target == "participants" else idmap.get(spec.target or ""))
        ]

    def _redirect(self, specs: list, values: dict, idmap) -> bool:
        """Point references at merged or renamed records; False for a row about an erased one."""
        for spec in specs:
            value = values[spec.key]
            if value is None:
                continue
            if spec.target == "participants":
                if value in self.erased:
                    return False
                if values["deleted_at"] is None:
                    # A live row about a merged-away person is the kept person's now. A
                    # tombstone stays the old record's deletion: the merge left it so.
                    values[spec.key] = self.kept(value)
            else:
                values[spec.key] = idmap[spec.target].get(value, value)
        return True

    def _match_natural(self, entity: SyncEntity, rows: list[dict], idmap) -> None:
        table = entity.table
        columns = [table.c[k] for k in entity.natural_key]
        row_keys = list(zip(*(map(itemgetter(k), rows) for k in entity.natural_key), strict=True))
        keys = self._could_exist(table.name, set(row_keys))
        local: dict[tuple, str] = {}
        for chunk in _chunks(sorted(keys, key=str), CHUNK):
            first = entity.natural_key[0]
            wanted = {k[0] for k in chunk}
            query = select(table.c.id, *columns).where(table.c[first].in_(wanted))
            for found in self.c.execute(query):
                local[tuple(found[1:])] = found[0]
        mapping = idmap.setdefault(table.name, {})
        first: dict[tuple, str] = {}  # two rows of the file with one natural key are one record
        for row, key in zip(rows, row_keys, strict=True):
            new = local.get(key) or first.get(key)
            if new is None and entity.sheet == "attendance":
                new = attendance_id(row["meeting_id"], row["participant_id"])
            first.setdefault(key, new or row["id"])
            if new is not None and new != row["id"]:
                mapping[row["id"]] = new
                row["id"] = new

    def _check_references(self, sync: SyncFile, planned: dict[str, list[dict]]) -> list[RowError]:
        """Every reference must reach a record of the file or of this database. A row about a
        record left out (an erased person's, and so on down) is left out too."""
        in_file = {e.table.name: set(map(_ID, planned[e.sheet])) for e in ENTITIES}
        left_out: dict[str, set[str]] = {}
        errors: list[RowError] = []
        for entity in ENTITIES:
            rows = planned[entity.sheet]
            for spec in entity.references():
                target = spec.target or ""
                wanted = _targets(rows, spec.key)
                known = self._existing(target, wanted)
                unresolved = wanted - known
                if not unresolved:
                    continue  # every reference reaches a record here
                if spec.key in entity.soft_references or target not in BY_TABLE:
                    for row in (r for r in rows if not r.get("_skip") and r[spec.key]):
                        if row[spec.key] not in known:
                            row[spec.key] = None  # a library method this database lacks
                    continue
                gone = left_out.get(target, set())
                if unresolved <= in_file.get(target, set()) and not unresolved & gone:
                    continue  # the usual case: the others reach records of the file
                for row in (r for r in rows if not r.get("_skip") and r[spec.key]):
                    value = row[spec.key]
                    if value in known:
                        continue
                    if value in gone:
                        row["_skip"] = True
                    elif value not in in_file.get(target, set()) and len(errors) < MAX_ERRORS:
                        errors.append(
                            RowError(
                                entity.sheet,
                                row[ROW_KEY],
                                spec.key,
                                _("it points at a record that is neither in the file nor here"),
                                value,
                            )
                        )
            if any(map(_SKIP, rows)):
                left_out[entity.table.name] = {r["id"] for r in rows if r.get("_skip")}
        return errors

    def _existing(self, table_name: str, ids: set[str]) -> set[str]:
        ids = self._could_exist(table_name, ids)
        if not ids:
            return set()
        table = _table(table_name)
        found: set[str] = set()
        for chunk in _chunks(sorted(ids), CHUNK):
            found.update(self.c.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        return found

    # ---------------------------------------------------------------- people never come back

    def _enforce_people(self, tally: Tally) -> list[str]:
        """Every merged-away or erased participant here is a tombstone; of an erased one
        nothing else is left: her personal fields are emptied and the rows about her go.
        Returns the people erased elsewhere who were whole here until now."""
        table = Participant.__table__
        forgotten = self._forget_erased_here()
        tally.updated["participants"] += len(forgotten)
        gone = sorted(set(self.merged) | self.erased)
        for chunk in _chunks(gone, CHUNK):
            for row in self.c.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                changes = self._gone_values(row)
                if changes:
                    self.c.execute(update(table).where(table.c.id == row["id"]).values(**changes))
                    tally.updated["participants"] += 1
        erased = sorted(self.erased)
        for chunk in _chunks(erased, CHUNK):
            self._forget_rows_about(chunk, tally)
        return forgotten

    def _forget_erased_here(self) -> list[str]:
        """People erased elsewhere who are still whole here are forgotten as the erasure
        forgot them there: notes naming them redacted, the audit entries about their records
        deleted, and so on. The rows the file brings for them are left out already."""
        from pierglass_desktop.services.erasure import forget

        table = Participant.__table__
        named = {
            row["id"]: (row["updated_at"], row["deleted_at"])
            for chunk in _chunks(sorted(self.erased), CHUNK)
            for row in self.c.execute(select(table).where(table.c.id.in_(chunk))).mappings()
            if not is_erased_record(row)  # a pseudonymised one's code and background count too
        }
        if not named:
            return []

        with self._session() as s:
            forget(s, [s.get_one(Participant, person) for person in named])
            s.commit()
        for person, (updated_at, deleted_at) in named.items():
            # The tombstone carries the erasure's stamps, as one made by the file would.
            moment, origin = self.person_stamps[person]
            self.c.execute(
                update(table)
                .where(table.c.id == person)
                .values(
                    updated_at=max(moment, updated_at),
                    origin=origin,
                    deleted_at=deleted_at or moment,
                )
            )
        return sorted(named)

    def _replay_merges(self, tally: Tally) -> None:
        """Rows of this database still about a person merged away elsewhere (made here since
        the merge's installation last heard from us) move to the kept person, as the merge
        moved its own. Where the kept person is not here, the rows stay where they are."""
        from pierglass_desktop.services.duplicates import move_records, participant_references

        if not self.merged:
            return
        people = sorted(self.merged)
        pointed_at: set[str] = set()
        for table, column in participant_references():
            live = table.c.deleted_at.is_(None) if "deleted_at" in table.c else True
            for chunk in _chunks(people, CHUNK):
                query = select(table.c[column]).where(table.c[column].in_(chunk), live)
                pointed_at.update(self.c.execute(query.distinct()).scalars())
        if not pointed_at:
            return
        kept = {person: self.kept(person) for person in sorted(pointed_at)}
        people_table = Participant.__table__
        here = set(
            self.c.execute(
                select(people_table.c.id).where(
                    people_table.c.id.in_(set(kept.values())), people_table.c.deleted_at.is_(None)
                )
            ).scalars()
        )
        with self._session() as s:
            for person, into in kept.items():
                if into not in here:
                    continue
                moved, _joined, dropped = move_records(s, into, person)
                for table_name, count in moved.items():
                    entity = BY_TABLE.get(table_name)
                    if entity is not None and count:
                        tally.updated[entity.sheet] += count
                if dropped:
                    tally.updated["attendance"] += len(dropped)
            s.commit()

    def _session(self) -> Any:
        """An ORM session inside this import's transaction, undone with it, stamping what
        it changes as this installation's."""
        from pierglass_desktop.storage.engine import session_factory

        sessions = session_factory(self.c.engine, self.origin)
        return sessions(bind=self.c, join_transaction_mode="create_savepoint")

    def _forget_rows_about(self, people: list[str], tally: Tally) -> None:
        """Delete what is recorded about erased people (as the erasure did on the laptop)."""
        from pierglass_desktop.domain.models import (
            AgendaItem,
            Answer,
            AssessmentResponse,
            Attendance,
            Commitment,
            Membership,
            Note,
        )

        responses = select(AssessmentResponse.id).where(
            AssessmentResponse.participant_id.in_(people)
        )
        for statement in (
            delete(Answer.__table__).where(Answer.__table__.c.response_id.in_(responses)),
            delete(AssessmentResponse.__table__).where(
                AssessmentResponse.__table__.c.participant_id.in_(people)
            ),
            *(
                delete(model.__table__).where(model.__table__.c.participant_id.in_(people))
                for model in (Attendance, Commitment, Membership, Note)
            ),
        ):
            self.c.execute(statement)
        items = AgendaItem.__table__
        self.c.execute(
            update(items)
            .where(items.c.responsible_participant_id.in_(people))
            .values(responsible_participant_id=None)
        )

    def _gone_values(self, row: Any) -> dict[str, Any]:
        person = row["id"]
        changes: dict[str, Any] = {}
        if person in self.erased:
            changes = {k: blank for k, blank in erased_values().items() if row[k] != blank}
        if row["deleted_at"] is None:
            moment, origin = self.person_stamps.get(person, (row["updated_at"], row["origin"]))
            changes["deleted_at"] = moment
        if changes:
            moment, origin = self.person_stamps.get(person, (row["updated_at"], row["origin"]))
            changes["updated_at"] = max(moment, row["updated_at"])
            changes["origin"] = origin
        return changes

    # ---------------------------------------------------------------- one sheet

    def _merge_entity(self, entity, rows: list[dict], horizon, outcome: FileOutcome) -> None:
        table = entity.table
        tally = outcome.tally
        skipped = list(map(_SKIP, rows))
        if any(skipped):
            tally.skipped[entity.sheet] += sum(map(bool, skipped))
            rows = [r for r, skip in zip(rows, skipped, strict=True) if not skip]
        rows = _newest_per_id(rows, tally, entity.sheet)
        local = self._local_rows(table, list(map(itemgetter("id"), rows)))
        inserts: list[dict] = []
        updates: list[dict] = []
        if not local and not (entity.sheet == "participants" and (self.merged or self.erased)):
            inserts, rows = rows, []  # nothing of it here yet: every row is new
            tally.new[entity.sheet] += len(inserts)
        for row in rows:
            mine = local.get(row["id"])
            if entity.sheet == "participants" and self.gone(row["id"]):
                row = self._as_gone(row, mine)
                if row is None:
                    tally.unchanged[entity.sheet] += 1
                    continue
            if mine is None:
                inserts.append(row)
                tally.new[entity.sheet] += 1
                continue
            verdict = self._compare(entity, mine, row, horizon, outcome)
            if verdict == _STAMPS_ONLY:
                updates.append(self._stored(entity, row, mine))
                tally.unchanged[entity.sheet] += 1
            elif verdict == _MINE_ANEW:
                updates.append({"id": mine["id"], **self._decided_here()})
                tally.unchanged[entity.sheet] += 1
            elif verdict:
                stored = self._stored(entity, row, mine)
                if verdict == _THEIRS_ANEW:
                    stored |= self._decided_here()
                updates.append(stored)
                tally.updated[entity.sheet] += 1
            elif verdict is not None:
                tally.unchanged[entity.sheet] += 1
        if inserts:
            _insert_rows(self.c, table, [*STAMPS, *entity.value_keys], inserts)
        self._wrote(table, entity, inserts)
        self._wrote(table, entity, updates)
        _update_rows(self.c, table, updates)

    def _as_gone(self, row: dict, mine: Any) -> dict | None:
        """An incoming row of a merged-away or erased person, as the tombstone it must stay."""
        if mine is not None and mine["deleted_at"] is not None:
            return None  # already a tombstone here: never revived
        row = dict(row)
        moment, _origin = self.person_stamps.get(row["id"], (row["updated_at"], row["origin"]))
        row["deleted_at"] = row["deleted_at"] or moment
        if row["id"] in self.erased:
            row.update((k, blank) for k, blank in erased_values().items() if k in row)
        return row

    def _local_rows(self, table, ids: list[str]) -> dict[str, Any]:
        found = {}
        for chunk in _chunks(self._could_exist(table.name, ids), CHUNK):
            for row in self.c.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                found[row["id"]] = row
        return found

    def _stored(self, entity: SyncEntity, row: dict, mine: Any) -> dict[str, Any]:
        keys = [*STAMPS, *entity.value_keys]
        if mine is not None and row.get(PSEUDONYMISED):
            keys = [k for k in keys if k not in PERSONAL_FIELDS]  # keep the name known here
        return {k: row[k] for k in keys}

    def _decided_here(self) -> dict[str, Any]:
        """The stamps of a version chosen here in a conflict: a change made here and now."""
        return {"updated_at": self.now, "origin": self.origin}

    def _compare(self, entity, mine, theirs: dict, horizon, outcome: FileOutcome) -> Any:
        """True: take theirs; False: keep mine; None: an unresolved conflict (nothing written);
        ``_STAMPS_ONLY``: the same content with newer stamps; ``_MINE_ANEW``, ``_THEIRS_ANEW``:
        the older version chosen in a conflict, to be stamped anew."""
        keys = [k for k in entity.value_keys if not _personal(entity, theirs, k)]
        differing = [k for k in (*keys, "deleted_at") if not _same(mine[k], theirs[k])]
        theirs_newer = (theirs["updated_at"], theirs["origin"]) > (
            mine["updated_at"],
            mine["origin"] or "",
        )
        if not differing:
            # The same content: the newest stamps are kept, so the order of files never matters.
            return _STAMPS_ONLY if theirs_newer else False
        group = horizon.groups.of(entity.sheet, theirs)
        if not (horizon.changed_there(theirs, group) and horizon.changed_here(mine, theirs, group)):
            return theirs_newer
        conflict = _conflict(entity, mine, theirs, differing)
        choice = self.decide(conflict)
        if choice is None:
            outcome.conflicts.append(conflict)
            outcome.tally.conflicts[entity.sheet] += 1
            return None
        if choice is Resolution.MINE:
            return _MINE_ANEW if theirs_newer else False
        if choice is Resolution.THEIRS:
            return True if theirs_newer else _THEIRS_ANEW
        return theirs_newer


@dataclass(frozen=True)
class Horizon:
    """What the file's installation and this one knew of each other's changes.

    ``since``: the export time of the newest whole export imported here from the file's
    installation (None: none yet); ``since_by_group``: per group, that of the newest export
    of chosen groups that carried it, when later. ``seen``: what the file's installation had
    imported of others, whole or per group, from the file (None: a version-1 file, which does
    not say; then a change here counts as unseen when made after ``since``, the old rule).
    ``groups`` tells which group a record of the file belongs to."""

    since: datetime | None
    since_by_group: dict[str, datetime]
    seen: Seen | None
    file_origin: str
    groups: _GroupOf

    def changed_there(self, theirs: dict, group: str | None = None) -> bool:
        since = self.since
        carried = self.since_by_group.get(group or "")
        if carried is not None and (since is None or carried > since):
            since = carried
        return since is None or theirs["updated_at"] > since

    def changed_here(self, mine: Any, theirs: dict, group: str | None = None) -> bool:
        """Whether my version is one the file's installation had not seen."""
        made_by = mine["origin"] or ""
        if made_by in (theirs["origin"], self.file_origin):
            return False  # their own version, or one they passed on
        if self.seen is None:
            return self.since is None or mine["updated_at"] > self.since
        until = seen_until(self.seen, made_by, group)
        return until is None or mine["updated_at"] > until


class _GroupOf:
    """The group a record of a file belongs to, by its own key or its meeting's or its
    response's (from the file's meetings and responses); None for a record of no group."""

    _OWN = {
        "groups": "id",
        "group_tutors": "group_id",
        "memberships": "group_id",
        "meetings": "group_id",
        "notes": "group_id",
        "assessment_responses": "group_id",
    }
    _BY_MEETING = frozenset({"agenda_items", "attendance", "commitments", "feedback"})

    def __init__(self, planned: dict[str, list[dict]]):
        self.meetings = {r["id"]: r["group_id"] for r in planned.get("meetings", ())}
        self.responses = {r["id"]: r["group_id"] for r in planned.get("assessment_responses", ())}

    def of(self, sheet: str, row: dict) -> str | None:
        key = self._OWN.get(sheet)
        if key is not None:
            return row[key]
        if sheet in self._BY_MEETING:
            return self.meetings.get(row["meeting_id"])
        if sheet == "answers":
            return self.responses.get(row["response_id"])
        return None


def _insert_rows(connection: Connection, table: Any, names: list[str], rows: list[dict]) -> None:
    """One executemany of the rows' ``names``, each column through its type's converter.

    Column by column (C-speed ``itemgetter``, ``zip`` and ``map``): SQLAlchemy's per-row
    parameter handling, and then a per-row loop here, took longer than SQLite took to write."""
    dialect = connection.dialect
    columns: list[list[Any]] = []
    for name in names:
        values = list(map(itemgetter(name), rows))
        convert = _converter(table.c[name].type, dialect)
        columns.append(values if convert is None else _converted(convert, values))
    from pierglass_desktop.storage.dialect import insert_rows

    insert_rows(connection, table.name, names, list(zip(*columns, strict=True)))


def _converted(convert: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """``convert`` applied to every value, once per distinct value where they can be told
    apart by hash (stamps, choices and flags repeat a lot; JSON values cannot be hashed)."""
    try:
        distinct = set(values)
    except TypeError:
        return list(map(convert, values))
    if len(distinct) * 2 > len(values):
        return list(map(convert, values))
    done = {value: convert(value) for value in distinct}
    return list(map(done.__getitem__, values))


def _converter(column_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column's bind processor; for a UTC moment on SQLite one that gives the same text
    (``YYYY-MM-DD HH:MM:SS.ffffff``, naive UTC) without SQLAlchemy's two calls per value."""
    from pierglass_desktop.domain.base import UTCDateTime

    if isinstance(column_type, UTCDateTime) and dialect.name == "sqlite":
        return _sqlite_utc_text
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _sqlite_utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is UTC:  # what the reader gives: the text without its "+00:00"
        return value.isoformat(" ", "microseconds")[:-6]
    if value.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_SKIP = methodcaller("get", "_skip")  # a row left out (about a record left out)
_ID = itemgetter("id")


def _targets(rows: list[dict], key: str) -> set[str]:
    """Where the rows not left out point with ``key``."""
    if any(map(_SKIP, rows)):
        rows = [r for r in rows if not r.get("_skip")]
    wanted = set(map(itemgetter(key), rows))
    wanted.discard(None)
    wanted.discard("")
    return wanted


def _update_rows(connection: Connection, table: Any, rows: list[dict]) -> None:
    """One executemany per set of columns (a pseudonymised person's row leaves some out)."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(k for k in row if k != "id"), []).append(row)
    for names, group in groups.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(name) for name in names})
        )
        params = [{"_id": row["id"], **{n: row[n] for n in names}} for row in group]
        connection.execute(statement, params)


def _personal(entity: SyncEntity, row: dict, key: str) -> bool:
    hidden = entity.sheet == "participants" and bool(row.get(PSEUDONYMISED))
    return hidden and key in PERSONAL_FIELDS


def _newest_per_id(rows: list[dict], tally: Tally, sheet: str) -> list[dict]:
    """One row per id (two marks of a merged pair may meet at one id): the newest wins."""
    if len(set(map(itemgetter("id"), rows))) == len(rows):
        return rows  # the usual case: ids are unique in a sheet
    best: dict[str, dict] = {}
    for row in rows:
        other = best.get(row["id"])
        if other is None or (row["updated_at"], row["origin"]) > (
            other["updated_at"],
            other["origin"],
        ):
            best[row["id"]] = row
    tally.skipped[sheet] += len(rows) - len(best)
    return list(best.values())


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a.replace(microsecond=a.microsecond // 1000) == b.replace(
            microsecond=b.microsecond // 1000
        )
    if a is None or b is None:
        return a is None and b is None
    return a == b


def _conflict(entity: SyncEntity, mine: Any, theirs: dict, differing: list[str]) -> ConflictItem:
    captions = {s.key: s.caption() for s in entity.specs}
    fields = tuple(
        FieldDiff(k, captions.get(k, _("Deleted") if k == "deleted_at" else k), mine[k], theirs[k])
        for k in differing
    )
    return ConflictItem(
        f"{entity.sheet}/{theirs['id']}",
        entity.sheet,
        theirs["id"],
        record_label(entity, mine),
        fields,
        mine["updated_at"],
        mine["origin"] or "",
        theirs["updated_at"],
        theirs["origin"],
    )


def record_label(entity: SyncEntity, row: Any) -> str:
    """A record as a person knows it: "Participant Liisa Laine", "Session 3 (Theme)"."""
    kind = entity.fields.caption()
    if entity.sheet == "participants":
        name = f"{row['first_name']} {row['last_name']}".strip() or row["pseudonym"]
        return f"{kind} {name}".strip()
    if entity.sheet == "meetings":
        theme = f" ({row['theme']})" if row["theme"] else ""
        return f"{kind} {row['number']}{theme}"
    for key in _LABEL_KEYS:
        if key in entity.value_keys and row[key]:
            value = row[key]
            if isinstance(value, dict):
                value = next(iter(value.values()), "")
            text = str(value).replace("\n", " ")
            return f"{kind} “{text[:60]}”"
    return f"{kind} {str(row['id'])[:8]}"


def _table(name: str) -> Any:
    from pierglass_desktop.domain.models import Base

    return Base.metadata.tables[name]


def _all_tables() -> list[Any]:
    """The tables the merge looks records up in: the entities' and the library's."""
    from pierglass_desktop.domain.models import Base

    names = {e.table.name for e in ENTITIES}
    names.update(s.target for e in ENTITIES for s in e.reference_specs if s.target)
    return [Base.metadata.tables[n] for n in sorted(names) if n in Base.metadata.tables]


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _new_id() -> str:
    from pierglass_desktop.domain.base import new_id

    return new_id()
