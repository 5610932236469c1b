"""Importing a library pack: validate the whole file, then back up and merge by id.

The merge keeps the stamps the records carry (``keep_stamps``), so a second import of the same
file finds every record unchanged. A record the file has a newer version of replaces the local
one; built-in methods are never touched; references to methods this database lacks are dropped
rather than broken, and files already kept under another id are shared, not duplicated.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import MemberRole, MethodCategory
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.models import (
    ImportRecord,
    Material,
    MaterialLink,
    Method,
    PlanTemplate,
    TemplateItem,
)
from pierglass_desktop.exchange.library_pack import (
    LIBRARY_FORMAT,
    LINK_TARGETS,
    PACK_LANGUAGES,
    WHAT,
    PackSummary,
)
from pierglass_desktop.exchange.workbook import ROW_KEY, WorkbookMeta, read_workbook
from pierglass_desktop.i18n import _
from pierglass_desktop.services.materials import MAX_ATTACHMENT_BYTES
from pierglass_desktop.services.templates import TEMPLATE_ITEM_FIELDS

SHEETS = ("methods", "templates", "template_items", "materials", "material_links")


@dataclass(frozen=True)
class LibraryPack:
    """A validated pack, ready to merge: plain values per sheet, files decoded."""

    path: Path
    sha256: str
    meta: WorkbookMeta
    source: str
    records: dict[str, list[dict[str, Any]]]
    files: dict[str, bytes]  # material id -> content


# ---------------------------------------------------------------- reading and validating


def read_library_pack(path: Path) -> LibraryPack:
    """The pack's contents, every value checked; raises a sentence for the first problem."""
    path = Path(path)
    book = read_workbook(path, LIBRARY_FORMAT, what=_(WHAT))
    sheets = book.sheets
    problem = _Problems(path.name)
    for name in SHEETS:
        problem.unique_ids(name, sheets[name])
    _check_methods(sheets["methods"], problem)
    _check_items(sheets, problem)
    files = _assemble_files(sheets, problem)
    _check_links(sheets, problem)
    source = book.meta.extra.get("source") or path.stem
    with open(path, "rb") as stream:  # streamed: the file on disk may be larger than its zip
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    records = {name: sheets[name] for name in SHEETS}
    return LibraryPack(path, digest, book.meta, source, records, files)


class _Problems:
    def __init__(self, filename: str):
        self.filename = filename

    def __call__(self, sheet: str, row: int | None, message: str) -> ValidationError:
        where = (
            _("Sheet “{sheet}” of {name}, row {row}").format(
                sheet=sheet, name=self.filename, row=row
            )
            if row
            else _("Sheet “{sheet}” of {name}").format(sheet=sheet, name=self.filename)
        )
        return ValidationError(
            _("{where}: {problem}. Nothing was imported.").format(where=where, problem=message)
        )

    def unique_ids(self, sheet: str, rows: list[dict]) -> None:
        seen = Counter(r["id"] for r in rows)
        for row in rows:
            if seen[row["id"]] > 1:
                raise self(sheet, row[ROW_KEY], _("the id {id} appears twice").format(id=row["id"]))


def _enum(value: str, enum_cls, sheet: str, row: dict, problem: _Problems, column: str):
    if not value:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        raise problem(
            sheet,
            row[ROW_KEY],
            _("“{value}” is not a known {column}").format(value=value, column=column),
        ) from None


def _check_methods(rows: list[dict], problem: _Problems) -> None:
    for row in rows:
        row["category"] = (
            _enum(row["category"], MethodCategory, "methods", row, problem, "category")
            or MethodCategory.PEER_LEARNING
        )
        if not any(row.get(f"name_{code}") for code in PACK_LANGUAGES) and not row["deleted_at"]:
            raise problem("methods", row[ROW_KEY], _("the method has no name"))
        low, high = row["group_min"], row["group_max"]
        if low is not None and high is not None and low > high:
            raise problem(
                "methods", row[ROW_KEY], _("the smallest group size is larger than the largest")
            )


def _check_items(sheets: dict[str, list[dict]], problem: _Problems) -> None:
    templates = {t["id"] for t in sheets["templates"]}
    for row in sheets["template_items"]:
        if row["template_id"] not in templates:
            raise problem(
                "template_items", row[ROW_KEY], _("the item's template is not in the file")
            )
        row["category"] = _enum(
            row["category"], MethodCategory, "template_items", row, problem, "category"
        )
        row["member_role"] = _enum(
            row["member_role"], MemberRole, "template_items", row, problem, "member_role"
        )


def _assemble_files(sheets: dict[str, list[dict]], problem: _Problems) -> dict[str, bytes]:
    parts: dict[str, list[tuple[int, str]]] = {}
    for part in sheets["material_parts"]:
        parts.setdefault(part["material_id"], []).append((part["part"], part["data"]))
    files = {}
    for row in sheets["materials"]:
        try:
            data = base64.b64decode(
                "".join(d for _n, d in sorted(parts.get(row["id"], []))), validate=True
            )
        except (binascii.Error, ValueError):
            raise problem("materials", row[ROW_KEY], _("the file's content is damaged")) from None
        if len(data) != row["size"] or hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise problem(
                "materials",
                row[ROW_KEY],
                _("the file {name} is incomplete or damaged").format(name=row["filename"]),
            )
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise problem(
                "materials",
                row[ROW_KEY],
                _("the file {name} is over the size limit").format(name=row["filename"]),
            )
        files[row["id"]] = data
    return files


def _check_links(sheets: dict[str, list[dict]], problem: _Problems) -> None:
    materials = {m["id"] for m in sheets["materials"]}
    owners = {
        "method_id": {m["id"] for m in sheets["methods"]},
        "template_id": {t["id"] for t in sheets["templates"]},
        "template_item_id": {i["id"] for i in sheets["template_items"]},
    }
    for row in sheets["material_links"]:
        targets = [(column, row[column]) for column in LINK_TARGETS if row[column]]
        if row["material_id"] not in materials:
            raise problem("material_links", row[ROW_KEY], _("the linked file is not in the file"))
        if len(targets) != 1 or targets[0][1] not in owners[targets[0][0]]:
            raise problem(
                "material_links",
                row[ROW_KEY],
                _("the file is not attached to one method, template or template item of the pack"),
            )


# ---------------------------------------------------------------- merging


def preview_library_import(sessions: sessionmaker[Session], pack: LibraryPack) -> PackSummary:
    """What importing the pack would do, without writing anything."""
    with sessions() as s:
        summary = _merge(s, pack, apply=False)
        s.rollback()
    return summary


def import_library(database, path: Path) -> PackSummary:
    """Validate the pack at ``path``, then back up ``database`` and merge it in one transaction.

    ``database`` is the open Database (its file is backed up first). Nothing is written when
    the file is refused or when it brings nothing new.
    """
    from pierglass_desktop.storage.backup import backup_before

    pack = read_library_pack(path)
    preview = preview_library_import(database.sessions, pack)
    if not preview.changed:
        return preview
    backup = backup_before(database.path, "before-library-import")
    try:
        with database.sessions.begin() as s:
            s.info["keep_stamps"] = True  # the records keep the stamps they travelled with
            summary = _merge(s, pack, apply=True)
            s.add(_import_record(pack, summary, backup))
    finally:
        database.library_cache.invalidate()
    return PackSummary(
        summary.new, summary.updated, summary.unchanged, pack.source, backup, summary.skipped
    )


def _import_record(pack: LibraryPack, summary: PackSummary, backup: Path | None) -> ImportRecord:
    counts = {f"{k}_new": v for k, v in summary.new.items()}
    counts |= {f"{k}_updated": v for k, v in summary.updated.items()}
    return ImportRecord(
        kind="library",
        filename=str(pack.path),
        sha256=pack.sha256,
        source_origin=pack.meta.origin,
        format_version=pack.meta.format_version,
        exported_at=pack.meta.exported_at,
        counts=counts,
        backup_path=str(backup or ""),
    )


class _Tally:
    def __init__(self):
        self.new: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.unchanged: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()

    def summary(self, source: str, backup: Path | None = None) -> PackSummary:
        return PackSummary(
            dict(self.new),
            dict(self.updated),
            dict(self.unchanged),
            source,
            backup,
            dict(self.skipped),
        )


@dataclass(frozen=True)
class _Builtin:
    """Ids of what ships with the program here; a pack may point at them, never change them."""

    methods: frozenset[str]
    templates: frozenset[str]
    items: frozenset[str]

    @classmethod
    def read(cls, s: Session) -> _Builtin:
        templates = frozenset(s.scalars(select(PlanTemplate.id).where(PlanTemplate.builtin)))
        items = select(TemplateItem.id).where(TemplateItem.template_id.in_(templates))
        return cls(
            frozenset(s.scalars(select(Method.id).where(Method.builtin))),
            templates,
            frozenset(s.scalars(items)),
        )


def _merge(s: Session, pack: LibraryPack, *, apply: bool) -> PackSummary:
    tally = _Tally()
    records = pack.records
    builtin = _Builtin.read(s)
    methods = {r["id"] for r in records["methods"]}
    known = methods | set(s.scalars(select(Method.id)))
    for row in records["methods"]:
        if row["id"] in builtin.methods:
            tally.skipped["methods"] += 1
            continue
        values = _method_values(row, pack.source, known)
        _merge_one(s, Method, "methods", row, values, tally, apply)
    left_out = set()  # template items not merged: files must not be attached to them
    for row in records["templates"]:
        if row["id"] in builtin.templates:
            tally.skipped["templates"] += 1
            continue
        values = _template_values(row, pack.source)
        _merge_one(s, PlanTemplate, "templates", row, values, tally, apply)
    for row in records["template_items"]:
        if row["template_id"] in builtin.templates or row["id"] in builtin.items:
            tally.skipped["template_items"] += 1
            left_out.add(row["id"])
            continue
        _merge_one(s, TemplateItem, "template_items", row, _item_values(row, known), tally, apply)
    if apply:
        s.flush()
    refused = _protected_links(s, pack, builtin, left_out)
    wanted = {r["material_id"] for r in records["material_links"] if r["id"] not in refused}
    material_ids = _merge_materials(s, pack, wanted, tally, apply)
    _merge_links(s, pack, material_ids, refused, tally, apply)
    return tally.summary(pack.source)


def _protected_links(s: Session, pack: LibraryPack, builtin: _Builtin, left_out: set) -> set:
    """Ids of the pack's links that would attach to (or move) something a pack may not change."""
    protected = builtin.methods | builtin.templates | builtin.items | left_out
    ids = [row["id"] for row in pack.records["material_links"]]
    local = s.execute(select(MaterialLink).where(MaterialLink.id.in_(ids))).scalars()
    refused = {
        link.id
        for link in local
        if link.meeting_id
        or link.agenda_item_id  # a meeting's file is not library content
        or {link.method_id, link.template_id, link.template_item_id} & protected
    }
    for row in pack.records["material_links"]:
        if {row[column] for column in LINK_TARGETS} & protected:
            refused.add(row["id"])
    return refused


def _merge_links(s, pack, material_ids: dict, refused: set, tally: _Tally, apply: bool) -> None:
    for row in pack.records["material_links"]:
        if row["id"] in refused or row["material_id"] not in material_ids:
            tally.skipped["material_links"] += 1
            continue
        values = _plain_values(row, (*LINK_TARGETS, "kind", "caption"))
        values["material_id"] = material_ids[row["material_id"]]
        _merge_one(s, MaterialLink, "material_links", row, values, tally, apply)


def _merge_one(s: Session, model, sheet: str, row: dict, values: dict, tally: _Tally, apply: bool):
    local = s.get(model, row["id"])
    stamps = {k: row[k] for k in ("updated_at", "deleted_at", "origin")}
    stamps["created_at"] = row["created_at"] or row["updated_at"]
    if local is None:
        tally.new[sheet] += 1
        if apply:
            s.add(model(id=row["id"], **values, **stamps))
    elif row["updated_at"] <= local.updated_at:
        tally.unchanged[sheet] += 1  # ours is as new or newer
    else:
        tally.updated[sheet] += 1
        if apply:
            for name, value in {**values, **stamps}.items():
                setattr(local, name, value)


def _merge_materials(
    s: Session, pack: LibraryPack, wanted: set[str], tally: _Tally, apply: bool
) -> dict[str, str]:
    """Material id in the file -> id here (a file already kept under another id is shared).

    Only files that stay attached to something arrive (``wanted``)."""
    mapping = {}
    for row in pack.records["materials"]:
        if row["id"] not in wanted:
            tally.skipped["materials"] += 1
            continue
        same = s.scalar(select(Material).where(Material.sha256 == row["sha256"]))
        if same is not None and same.id != row["id"]:
            tally.unchanged["materials"] += 1
            mapping[row["id"]] = same.id
            continue
        if same is None and s.get(Material, row["id"]) is not None:
            tally.skipped["materials"] += 1  # another file is kept under that id: never replace
            continue
        values = _plain_values(row, ("sha256", "filename", "media_type", "size"))
        values["data"] = pack.files[row["id"]]
        values["media_type"] = values["media_type"] or "application/octet-stream"
        _merge_one(s, Material, "materials", row, values, tally, apply)
        mapping[row["id"]] = row["id"]
    if apply:
        s.flush()
    return mapping


def _plain_values(row: dict, names: tuple[str, ...]) -> dict:
    return {name: row[name] for name in names}


def _texts(row: dict, name: str) -> dict[str, str]:
    return {code: row[f"{name}_{code}"] for code in PACK_LANGUAGES if row.get(f"{name}_{code}")}


def _method_values(row: dict, source: str, known: set[str]) -> dict:
    return {
        "name": _texts(row, "name"),
        "purpose": _texts(row, "purpose"),
        "steps": _texts(row, "steps"),
        "materials": _texts(row, "materials"),
        "category": row["category"],
        "duration_minutes": row["duration_minutes"],
        "group_min": row["group_min"],
        "group_max": row["group_max"],
        "tags": [t for t in row["tags"].split("\n") if t.strip()],
        "builtin": False,
        "source": row["source"] or source,
        "copied_from_id": row["copied_from_id"] if row["copied_from_id"] in known else None,
    }


def _template_values(row: dict, source: str) -> dict:
    return {
        "name": _texts(row, "name"),
        "description": _texts(row, "description"),
        "builtin": False,
        "source": row["source"] or source,
    }


def _item_values(row: dict, known: set[str]) -> dict:
    plain = [name for name in TEMPLATE_ITEM_FIELDS if name not in ("method_id", "is_break")]
    values = _plain_values(row, ("template_id", "position", *plain))
    values["is_break"] = bool(row["is_break"])
    values["method_id"] = row["method_id"] if row["method_id"] in known else None
    return values
