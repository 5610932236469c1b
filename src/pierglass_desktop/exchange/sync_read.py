"""Reading a project-sync file whole: every check that needs no database.

The workbook reader checks the zip, the XML, the format and version and every value's type
and bounds; here each sheet's ids must be unique, each choice a known value, and the file must
name the installation it came from. References are checked against the file and the database
by the merge (``sync_merge``). Problems are collected (up to ``MAX_ERRORS``) with sheet, row,
column, rule and value, so a preview can list them; any problem refuses the whole file.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.fields import Kind
from pierglass_desktop.domain.scoring import well_formed_items, well_formed_texts
from pierglass_desktop.exchange.protected import decrypted_copy, is_protected
from pierglass_desktop.exchange.saved_by import spreadsheet_that_saved
from pierglass_desktop.exchange.sync_format import (
    ENTITIES,
    SEEN_SHEET,
    SYNC_FORMAT,
    UPGRADES,
    Seen,
    saw,
)
from pierglass_desktop.exchange.workbook import (
    ROW_KEY,
    CellValidationError,
    WorkbookMeta,
    read_workbook,
)
from pierglass_desktop.i18n import _

MAX_ERRORS = 50
WHAT = "Pier-glass project export"


@dataclass(frozen=True)
class RowError:
    """One refused value: where it is, which rule it breaks, and what it holds."""

    sheet: str
    row: int | None
    column: str
    rule: str
    value: str

    def sentence(self, filename: str) -> str:
        where = (
            _("Sheet “{sheet}” of {name}, row {row}, column “{column}”").format(
                sheet=self.sheet, name=filename, row=self.row, column=self.column
            )
            if self.row
            else _("Sheet “{sheet}” of {name}").format(sheet=self.sheet, name=filename)
            if self.sheet
            else filename
        )
        return _("{where}: {problem}. Nothing of it was imported.").format(
            where=where, problem=self.rule
        )


class RefusedFile(ValidationError):
    """A file that cannot be imported, with its problems for the preview."""

    def __init__(self, message: str, errors: tuple[RowError, ...] = ()):
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class SyncFile:
    """A read and checked sync file: plain values per sheet, choices as enum members."""

    path: Path
    sha256: str
    meta: WorkbookMeta
    records: dict[str, list[dict[str, Any]]] = field(repr=False)
    saved_by: str = ""  # the spreadsheet program a person saved it with on the way, if any

    @property
    def origin(self) -> str:
        return self.meta.origin

    @property
    def exported_at(self) -> datetime | None:
        return self.meta.exported_at

    @property
    def scope(self) -> str:
        """What the file covers: "all" of its installation's groups, or "groups:<ids>"."""
        return self.meta.extra.get("scope", "")

    def seen(self) -> Seen | None:
        """(Installation, group or "" for all) -> the newest export of it the exporter had
        imported; None when the file does not say (format version 1)."""
        if self.meta.format_version < 2:
            return None
        seen: Seen = {}
        for row in self.records[SEEN_SHEET]:
            moment = row["exported_at"]
            if self.exported_at is not None:
                # Nothing exported later than this file can have been seen in it: a time
                # beyond (a clock set wrong, a hand-edited file) would hide my changes.
                moment = min(moment, self.exported_at)
            saw(seen, row["origin"], row["group_id"] or "", moment)
        return seen


def read_sync_file(path: Path, password: str | None = None) -> SyncFile:
    """The checked contents of the file at ``path``; raises ``RefusedFile`` with a sentence.

    A password-protected file is decrypted with ``password`` first (``exchange.protected``)."""
    path = Path(path)
    if is_protected(path):
        return _read_protected(path, password)
    try:
        book = read_workbook(path, SYNC_FORMAT, what=_(WHAT), upgrades=UPGRADES, fast=True)
    except CellValidationError as error:
        found = RowError(error.sheet, error.row, error.column, error.rule, _shown(error.value))
        raise RefusedFile(str(error), (found,)) from None
    except ValidationError as error:
        raise RefusedFile(str(error)) from None
    if not book.meta.origin or book.meta.exported_at is None:
        raise RefusedFile(
            _(
                "{name} does not say which installation exported it or when. Ask its sender "
                "for a new export. Nothing of it was imported."
            ).format(name=path.name)
        )
    errors: list[RowError] = []
    for entity in ENTITIES:
        rows = book.sheets[entity.sheet]
        _unique_ids(entity.sheet, rows, errors)
        _choices(entity, rows, errors)
    _audit_records(book.sheets["audit_entries"], errors)
    _instruments(book.sheets["instruments"], errors)
    if errors:
        raise RefusedFile(errors[0].sentence(path.name), tuple(errors[:MAX_ERRORS]))
    with open(path, "rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return SyncFile(path, digest, book.meta, book.sheets, spreadsheet_that_saved(path))


def _read_protected(path: Path, password: str | None) -> SyncFile:
    """Read the decrypted copy; the record names the file given and the plain content's hash,
    so the same export imported again, even encrypted anew, changes nothing."""
    try:
        with decrypted_copy(path, password) as plain:
            return replace(read_sync_file(plain), path=path)
    except RefusedFile:
        raise
    except ValidationError as error:  # no password, a wrong one, a damaged container
        raise RefusedFile(str(error)) from None


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _audit_records(rows: list[dict], errors: list[RowError]) -> None:
    """An audit entry records what a record held before and after the change: each an object
    (keys and values in braces) or nothing. A merge's ``after`` names the person kept."""
    for row in rows:
        for key in ("before", "after"):
            value = row[key]
            if value is not None and not isinstance(value, dict):
                errors.append(
                    RowError(
                        "audit_entries",
                        row[ROW_KEY],
                        key,
                        _("it is not a record of the change (keys and values in braces)"),
                        _shown(value),
                    )
                )


def _instruments(rows: list[dict], errors: list[RowError]) -> None:
    """A questionnaire's name and items as every page and report reads them (``scoring``)."""
    checks = (
        ("name", well_formed_texts, _("it is not a name by language, such as {example}")),
        ("items", well_formed_items, _("it is not a list of the questionnaire's items")),
    )
    for row in rows:
        for key, well_formed, rule in checks:
            if not well_formed(row[key]):
                example = '{"fi": "…", "en": "…"}'
                errors.append(
                    RowError(
                        "instruments",
                        row[ROW_KEY],
                        key,
                        rule.format(example=example),
                        _shown(row[key]),
                    )
                )


def _unique_ids(sheet: str, rows: list[dict], errors: list[RowError]) -> None:
    seen = Counter(r["id"] for r in rows)
    for row in rows:
        if seen[row["id"]] > 1:
            errors.append(RowError(sheet, row[ROW_KEY], "id", _("the id appears twice"), row["id"]))
            seen[row["id"]] = 1  # reported once


def _choices(entity, rows: list[dict], errors: list[RowError]) -> None:
    choices = [s for s in entity.specs if s.kind is Kind.CHOICE]
    for spec in choices:
        nullable = entity.table.c[spec.key].nullable
        members = {m.value: m for m in spec.enum}  # the enum's own lookup, without its call
        for row in rows:
            value = row[spec.key]
            if value == "" or value is None:
                if nullable:
                    row[spec.key] = None
                    continue
                errors.append(
                    RowError(entity.sheet, row[ROW_KEY], spec.key, _("a value is needed"), "")
                )
                continue
            member = members.get(value) if isinstance(value, str) else None
            if member is not None:
                row[spec.key] = member
                continue
            try:
                row[spec.key] = spec.enum(value)
            except ValueError:
                errors.append(
                    RowError(
                        entity.sheet,
                        row[ROW_KEY],
                        spec.key,
                        _("“{value}” is not one of the known values").format(value=_shown(value)),
                        _shown(value),
                    )
                )
