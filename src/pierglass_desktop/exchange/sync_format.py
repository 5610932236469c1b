"""The project-sync workbook (``pierglass-sync``): which sheets, which columns, which version.

Every entity sheet's columns come from the field specs (``domain/fields.py``) plus the sync
stamps, so the file cannot drift from the schema: a column's kind, length and bounds are the
ones the database keeps. Sheets are listed parents first, the order the importer applies them.

Format history (``UPGRADES`` brings an older file up to date as it is read):
- 1: the first version.
- 2: a ``seen`` sheet: for each installation the exporter has imported from, the time of the
  newest export of it seen whole (no group) or for one group. The importer then knows which of
  its own changes the exporter has seen (docs/architecture.md, "Sync"). A version-1 file does
  not say; its ``seen`` is unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from pierglass_desktop.domain import fields as f
from pierglass_desktop.domain.fields import EntityFields, FieldSpec, Kind
from pierglass_desktop.domain.records import WHOLE_EXPORT
from pierglass_desktop.exchange import limits
from pierglass_desktop.exchange.workbook import Column, Sheet, Upgrade, WorkbookFormat
from pierglass_desktop.i18n import _, ngettext

FORMAT_NAME = "pierglass-sync"
FORMAT_VERSION = 2
STAMPS = ("id", "created_at", "updated_at", "deleted_at", "origin")
PSEUDONYMISED = "pseudonymised"  # participants: the personal columns were left empty on purpose
# What a pseudonymised participant row leaves out: name, contact, business and free text.
PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "company_name",
    "business_id",
    "notes",
)
EVIDENCE_SHEET = "evidence"
SEEN_SHEET = "seen"


@dataclass(frozen=True)
class SyncEntity:
    """One entity sheet: its records, the columns that travel and how it is matched."""

    sheet: str
    fields: EntityFields
    # Fields that stay on the machine (a meeting's series plan is local planning).
    local_only: tuple[str, ...] = ()
    # Columns that identify a record besides its id (unique in the schema): an incoming row
    # with the same values is the same record under another installation's id.
    natural_key: tuple[str, ...] = ()
    # References to the library that may point at a method this database lacks: then dropped.
    soft_references: tuple[str, ...] = ()

    @property
    def model(self) -> Any:
        return self.fields.model

    @property
    def table(self) -> Any:
        return self.fields.model.__table__

    @cached_property
    def specs(self) -> tuple[FieldSpec, ...]:
        return tuple(s for s in self.fields if s.key not in self.local_only)

    @cached_property
    def value_keys(self) -> tuple[str, ...]:
        """The record's own fields that travel (no stamps)."""
        return tuple(s.key for s in self.specs)

    @cached_property
    def reference_specs(self) -> tuple[FieldSpec, ...]:
        return tuple(s for s in self.specs if s.kind is Kind.REFERENCE)

    def references(self) -> tuple[FieldSpec, ...]:
        return self.reference_specs


ENTITIES: tuple[SyncEntity, ...] = (
    SyncEntity("tutors", f.TUTOR),
    SyncEntity("groups", f.GROUP),
    SyncEntity("group_tutors", f.GROUP_TUTOR, natural_key=("group_id", "tutor_id")),
    SyncEntity("participants", f.PARTICIPANT),
    SyncEntity("memberships", f.MEMBERSHIP),
    # The series plan and the run-session timer are the tutor's own planning and screen state.
    SyncEntity(
        "meetings", f.MEETING, local_only=("series_id", "timer_item_id", "timer_started_at")
    ),
    SyncEntity("agenda_items", f.AGENDA_ITEM, soft_references=("method_id",)),
    SyncEntity("attendance", f.ATTENDANCE, natural_key=("meeting_id", "participant_id")),
    SyncEntity("notes", f.NOTE),
    SyncEntity("commitments", f.COMMITMENT),
    SyncEntity("feedback", f.MEETING_FEEDBACK),
    SyncEntity("instruments", f.INSTRUMENT, natural_key=("code",)),
    SyncEntity("assessment_responses", f.ASSESSMENT_RESPONSE),
    SyncEntity("answers", f.ANSWER, natural_key=("response_id", "item_key")),
    SyncEntity("audit_entries", f.AUDIT_ENTRY),
)
BY_SHEET: Mapping[str, SyncEntity] = {e.sheet: e for e in ENTITIES}
BY_TABLE: Mapping[str, SyncEntity] = {e.table.name: e for e in ENTITIES}

_TEXT_KINDS = {
    Kind.TEXT,
    Kind.LONG_TEXT,
    Kind.EMAIL,
    Kind.PHONE,
    Kind.BUSINESS_ID,
    Kind.LINK,
    Kind.IDENTIFIER,
    Kind.CHOICE,
}
_CELL_KINDS = {
    Kind.INTEGER: "int",
    Kind.YEAR: "int",
    Kind.FLAG: "bool",
    Kind.DATE: "date",
    Kind.TIME: "time",
    Kind.LOCAL_DATETIME: "local_datetime",
    Kind.STAMP: "datetime",
    Kind.LOCALIZED: "json",
    Kind.DATA: "json",
    Kind.REFERENCE: "id",
}


def column_for(entity: SyncEntity, spec: FieldSpec) -> Column:
    """The workbook column of one field: kind and bounds from its spec and model column."""
    nullable = entity.table.c[spec.key].nullable
    if spec.kind in _TEXT_KINDS:
        length = spec.max_length or limits.CELL_TEXT_LIMIT
        return Column(spec.key, "exact_text", max_length=length)
    kind = _CELL_KINDS[spec.kind]
    low = spec.minimum if spec.minimum is not None else limits.INT_LOW
    high = spec.maximum if spec.maximum is not None else limits.INT_HIGH
    return Column(spec.key, kind, required=not nullable, low=low, high=high)


def _stamp_columns(entity: SyncEntity) -> tuple[Column, ...]:
    return (
        Column("id", "id", required=True),
        Column("created_at", "datetime"),
        Column("updated_at", "datetime", required=True),
        Column("deleted_at", "datetime"),
        Column("origin", "text", max_length=36),
    )


def _sheet(entity: SyncEntity) -> Sheet:
    columns = [*_stamp_columns(entity), *(column_for(entity, s) for s in entity.specs)]
    if entity.sheet == "participants":
        columns.append(Column(PSEUDONYMISED, "bool"))
    return Sheet(entity.sheet, tuple(columns))


# Signed sign-in sheets sent in the companion zip, listed so an auditor's copy can be checked.
EVIDENCE = Sheet(
    EVIDENCE_SHEET,
    (
        Column("link_id", "id", required=True),
        Column("meeting_id", "id", required=True),
        Column("filename", "text", max_length=255),
        Column("media_type", "text", max_length=100),
        Column("size", "int", low=0),
        Column("sha256", "text", max_length=64),
        Column("path_in_zip", "text", max_length=500),
    ),
)


def scope_text(group_ids: tuple[str, ...] | None) -> str:
    """What a file covers, as its ``_meta`` and the import records say it: "all" of its
    installation's groups, or "groups:<id>,<id>"."""
    return WHOLE_EXPORT if group_ids is None else "groups:" + ",".join(group_ids)


def scope_groups(text: str) -> tuple[str, ...] | None:
    """The groups a scope names; None for a whole export, and for a scope that names no
    groups (a file from before scopes were written, which was whole)."""
    if text == WHOLE_EXPORT or not text.startswith("groups:"):
        return None
    return tuple(g for g in text.removeprefix("groups:").split(",") if g)


def scope_words(group_ids: tuple[str, ...] | None) -> str:
    """What a file covers, in words: "all groups" or how many."""
    if group_ids is None:
        return _("all groups")
    return ngettext("{count} group", "{count} groups", len(group_ids)).format(count=len(group_ids))


# What the exporting installation has seen of others: the newest whole export it imported from
# each (origin, that file's export time).
SEEN = Sheet(
    SEEN_SHEET,
    (
        Column("origin", "text", required=True, max_length=36),
        Column("group_id", "text", max_length=36),  # empty: all its groups
        Column("exported_at", "datetime", required=True),
    ),
)

# (installation, group or "" for all of its groups) -> the time up to which it was seen.
Seen = dict[tuple[str, str], datetime]


def saw(seen: Seen, origin: str, group: str, moment: datetime) -> None:
    """Record in ``seen`` that ``origin`` was seen up to ``moment`` (for ``group``, or all)."""
    key = (origin, group or "")
    if key not in seen or moment > seen[key]:
        seen[key] = moment


def seen_as_json(seen: Seen) -> list[list[str]]:
    """``seen`` as an import record keeps it: [installation, group or "", ISO time] each."""
    return [
        [origin, group, moment.astimezone(UTC).isoformat()]
        for (origin, group), moment in sorted(seen.items())
    ]


def seen_from_json(rows: Sequence[Sequence[str]]) -> Seen:
    """The inverse of ``seen_as_json``."""
    seen: Seen = {}
    for origin, group, text in rows:
        moment = datetime.fromisoformat(text)
        saw(seen, origin, group, moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return seen


def seen_until(seen: Seen, origin: str, group: str | None) -> datetime | None:
    """Up to when ``origin``'s records of ``group`` were seen: whole or for that group."""
    moments = [m for m in (seen.get((origin, "")), seen.get((origin, group or ""))) if m]
    return max(moments, default=None)


SYNC_FORMAT = WorkbookFormat(
    FORMAT_NAME, FORMAT_VERSION, (*(_sheet(e) for e in ENTITIES), EVIDENCE, SEEN)
)


def _seen_unknown(sheets: dict[str, list[dict[str, Any]]]) -> None:
    """1 -> 2: a version-1 file has no ``seen`` sheet, which reads as empty; the importer
    tells it from "saw nothing" by the file's version (``SyncFile.seen``)."""
    sheets.setdefault(SEEN_SHEET, [])


# Version n -> the change that brings a version-n file's records to version n + 1, in place.
UPGRADES: dict[int, Upgrade] = {1: _seen_unknown}
