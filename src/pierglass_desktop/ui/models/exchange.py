"""Columns of the Import and export page and the import preview: files, sheets, errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import FileStatus
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.i18n.formatting import format_date, format_datetime
from pierglass_desktop.services.sync_import import file_note
from pierglass_desktop.ui.models.table import Column, RowTableModel

# The exchange workbook's sheets in words (the file's own keys are stable English identifiers).
SHEET_LABELS = {
    "tutors": N_("Tutors"),
    "groups": N_("Groups"),
    "group_tutors": N_("Group tutors"),
    "participants": N_("Participants"),
    "memberships": N_("Memberships"),
    "meetings": N_("Sessions"),
    "agenda_items": N_("Agenda items"),
    "attendance": N_("Attendance"),
    "notes": N_("Notes"),
    "commitments": N_("Commitments"),
    "feedback": N_("Feedback"),
    "instruments": N_("Instruments"),
    "assessment_responses": N_("Assessment responses"),
    "answers": N_("Answers"),
    "audit_entries": N_("Audit trail"),
    "evidence": N_("Evidence files"),
}


def _sheet_order(sheet: str) -> int:
    """Sheets sort in the file's order (people before their marks), not alphabetically."""
    order = list(SHEET_LABELS)
    return order.index(sheet) if sheet in order else len(order)


def sheet_label(sheet: str) -> str:
    return _(SHEET_LABELS[sheet]) if sheet in SHEET_LABELS else sheet


def stamp_text(moment: datetime | None) -> str:
    """A record stamp (UTC) in local time, as the language writes it."""
    return format_datetime(moment.astimezone()) if moment else ""


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _number(name: str):
    return lambda r: str(r.total(name)), lambda r: r.total(name)


def _file_status(f) -> str:
    text = vocabulary.label(f.status)
    if f.status is not FileStatus.OK:
        return text
    details = []
    if getattr(f, "upgraded", False):
        details.append(_("older version, upgraded"))
    if getattr(f, "saved_by", ""):
        details.append(_("saved in {program} on the way").format(program=f.saved_by))
    return (
        _("{status} ({details})").format(status=text, details="; ".join(details))
        if details
        else text
    )


FILE_COLUMNS = (
    Column(N_("File"), lambda f: f.path.name),
    Column(N_("Status"), _file_status),
    Column(N_("Tutor"), lambda f: f.tutor),
    Column(N_("Exported"), lambda f: stamp_text(f.exported_at), lambda f: f.exported_at),
    Column(N_("New"), *_number("new"), numeric=True),
    Column(N_("Updated"), *_number("updated"), numeric=True),
    Column(N_("Unchanged"), *_number("unchanged"), numeric=True),
    Column(N_("Conflicts"), *_number("conflicts"), numeric=True),
    Column(N_("Errors"), *_number("errors"), numeric=True),
    Column(N_("What happens"), lambda f: f.reason or file_note(f)),
)


@dataclass(frozen=True)
class SheetRow:
    """One sheet's counts in one file."""

    id: str
    sheet: str
    new: int
    updated: int
    unchanged: int
    conflicts: int
    errors: int


def sheet_rows(preview_file) -> list[SheetRow]:
    """The sheets that hold something; empty ones would only bury the ones that matter."""
    return [
        SheetRow(sheet, sheet, c.new, c.updated, c.unchanged, c.conflicts, c.errors)
        for sheet, c in preview_file.counts.items()
        if c.new or c.updated or c.unchanged or c.conflicts or c.errors
    ]


SHEET_COLUMNS = (
    Column(N_("What"), lambda r: sheet_label(r.sheet), lambda r: _sheet_order(r.sheet)),
    Column(N_("New"), lambda r: str(r.new), lambda r: r.new, numeric=True),
    Column(N_("Updated"), lambda r: str(r.updated), lambda r: r.updated, numeric=True),
    Column(N_("Unchanged"), lambda r: str(r.unchanged), lambda r: r.unchanged, numeric=True),
    Column(N_("Conflicts"), lambda r: str(r.conflicts), lambda r: r.conflicts, numeric=True),
    Column(N_("Errors"), lambda r: str(r.errors), lambda r: r.errors, numeric=True),
)


@dataclass(frozen=True)
class ErrorRow:
    id: str
    filename: str
    sheet: str
    row: int | None
    column: str
    rule: str
    value: str


ERROR_COLUMNS = (
    Column(N_("File"), lambda e: e.filename),
    Column(N_("Sheet"), lambda e: sheet_label(e.sheet)),
    Column(N_("Row"), lambda e: "" if e.row is None else str(e.row), lambda e: e.row, numeric=True),
    Column(N_("Column"), lambda e: e.column),
    Column(N_("Problem"), lambda e: e.rule),
    Column(N_("Value in the file"), lambda e: e.value),
)


def error_rows(preview) -> list[ErrorRow]:
    return [
        ErrorRow(f"{f.path.name}/{i}", f.path.name, e.sheet, e.row, e.column, e.rule, e.value)
        for f in preview.files
        for i, e in enumerate(f.errors)
    ]


DECISION_LABELS = {
    None: N_("Not decided"),
    "mine": N_("Keep mine"),
    "theirs": N_("Take theirs"),
    "newer": N_("Keep newer"),
}


@dataclass(frozen=True)
class ConflictRow:
    """A conflict and the decision taken on it so far."""

    id: str  # the conflict's key
    conflict: Any  # ConflictItem
    filename: str
    decision: str | None

    @property
    def changed_fields(self) -> str:
        return ", ".join(_(d.label) for d in self.conflict.fields)


CONFLICT_COLUMNS = (
    Column(N_("Record"), lambda r: r.conflict.label),
    Column(N_("What"), lambda r: sheet_label(r.conflict.sheet)),
    Column(N_("Differs in"), lambda r: r.changed_fields),
    Column(
        N_("Mine changed"),
        lambda r: stamp_text(r.conflict.mine_updated_at),
        lambda r: r.conflict.mine_updated_at.timestamp(),
    ),
    Column(
        N_("Theirs changed"),
        lambda r: stamp_text(r.conflict.theirs_updated_at),
        lambda r: r.conflict.theirs_updated_at.timestamp(),
    ),
    Column(N_("File"), lambda r: r.filename),
    Column(N_("Decision"), lambda r: _(DECISION_LABELS[r.decision])),
)


@dataclass(frozen=True)
class DiffRow:
    id: str
    label: str
    mine: str
    theirs: str


DIFF_COLUMNS = (
    Column(N_("Field"), lambda d: _(d.label)),
    Column(N_("Mine (this computer)"), lambda d: d.mine),
    Column(N_("Theirs (the file)"), lambda d: d.theirs),
)


def diff_rows(conflict) -> list[DiffRow]:
    return [
        DiffRow(d.key, d.label, value_text(d.mine), value_text(d.theirs)) for d in conflict.fields
    ]


HISTORY_COLUMNS = (
    Column(
        N_("Imported"), lambda r: stamp_text(r.imported_at), lambda r: r.imported_at.timestamp()
    ),
    Column(N_("File"), lambda r: PurePath(r.filename).name),
    Column(N_("Exported"), lambda r: stamp_text(r.exported_at), lambda r: r.exported_at),
    Column(N_("Covers"), lambda r: r.covers),
    Column(N_("Records"), lambda r: str(r.records), lambda r: r.records, numeric=True),
)


def model(columns, parent=None) -> RowTableModel:
    return RowTableModel(columns, parent)
