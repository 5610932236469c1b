"""Library packs: the user's own methods, templates and their files in one exchange workbook.

Files travel attached to methods, templates and template items. The links sheet's
``template_item_id`` column came later (schema 0003): it is optional, so a pack written before
it still imports. The format version stays 1 because the reader only ever refuses a higher
version; a program older than the column refuses a pack whose files sit on template items
(their link names no method or template) rather than dropping those files without a word.

A facilitator exports a pack; every tutor imports it. Import reads and validates the whole file
first, then backs up the database and merges by id in one transaction: new records are added,
records the file has a newer version of are updated, everything else is left alone, so the same
pack imported twice changes nothing. Built-in methods never travel (every installation has
them under the same ids) and are never touched by an import.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.fields import (
    MATERIAL,
    MATERIAL_LINK,
    METHOD,
    PLAN_TEMPLATE,
    TEMPLATE_ITEM,
    FieldSpec,
)
from pierglass_desktop.domain.models import (
    Material,
    MaterialLink,
    Method,
    PlanTemplate,
    TemplateItem,
)
from pierglass_desktop.exchange.limits import CELL_TEXT_LIMIT
from pierglass_desktop.exchange.workbook import (
    Column,
    Sheet,
    WorkbookFormat,
    text_limit,
    write_workbook,
)
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.materials import MAX_ATTACHMENT_BYTES
from pierglass_desktop.services.methods import MAX_NAME, MAX_TEXT
from pierglass_desktop.services.templates import TEMPLATE_ITEM_FIELDS

FORMAT_NAME = "pierglass-library"
FORMAT_VERSION = 1
PACK_LANGUAGES = ("fi", "en", "sv")
PART_CHARS = 30_000  # base64 per cell, under Excel's cell limit

# Bounds every value keeps, on export and import alike (see ``Column``). The rest come from the
# field specs, the same ones the forms and the services use.
MAX_PARTS = MAX_ATTACHMENT_BYTES // PART_CHARS + 2


def _text(spec: FieldSpec, **options) -> Column:
    """A text column named and bounded like the field it lands in."""
    length = min(spec.max_length or CELL_TEXT_LIMIT, CELL_TEXT_LIMIT)
    return Column(spec.key, max_length=length, **options)


def _int(spec: FieldSpec, high: int | None = None, **options) -> Column:
    """A whole-number column with the field's range (``high`` where the spec has no maximum)."""
    top = spec.maximum if spec.maximum is not None else high
    assert spec.minimum is not None and top is not None, spec.key
    return Column(spec.key, "int", low=spec.minimum, high=top, **options)


_SYNC = (
    Column("id", "id", required=True),
    Column("created_at", "datetime"),
    Column("updated_at", "datetime", required=True),
    Column("deleted_at", "datetime"),
    Column("origin", max_length=text_limit(Method.origin)),  # kept by every synced record
)


def _localized(*names: str, max_length: int = CELL_TEXT_LIMIT) -> tuple[Column, ...]:
    return tuple(
        Column(f"{name}_{code}", max_length=max_length) for name in names for code in PACK_LANGUAGES
    )


LIBRARY_FORMAT = WorkbookFormat(
    FORMAT_NAME,
    FORMAT_VERSION,
    (
        Sheet(
            "methods",
            (
                *_SYNC,
                *_localized("name", max_length=MAX_NAME),
                *_localized("purpose", "steps", "materials", max_length=MAX_TEXT),
                Column("category", required=True, max_length=32),
                _int(METHOD["duration_minutes"], required=True),
                _int(METHOD["group_min"]),
                _int(METHOD["group_max"]),
                Column("tags"),
                _text(METHOD["source"]),
                Column("copied_from_id", "id"),
            ),
        ),
        Sheet(
            "templates",
            (
                *_SYNC,
                *_localized("name", max_length=MAX_NAME),
                *_localized("description", max_length=MAX_TEXT),
                _text(PLAN_TEMPLATE["source"]),
            ),
        ),
        Sheet(
            "template_items",
            (
                *_SYNC,
                Column("template_id", "id", required=True),
                _int(TEMPLATE_ITEM["position"], required=True),
                Column("method_id", "id"),
                _text(TEMPLATE_ITEM["title"]),
                _int(TEMPLATE_ITEM["duration_minutes"], required=True),
                _text(TEMPLATE_ITEM["purpose"]),
                _text(TEMPLATE_ITEM["instructions"]),
                _text(TEMPLATE_ITEM["materials"]),
                Column("category", max_length=32),
                Column("is_break", "bool"),
                Column("member_role", max_length=32),
            ),
        ),
        Sheet(
            "materials",
            (
                *_SYNC,
                _text(MATERIAL["sha256"], required=True),
                _text(MATERIAL["filename"], required=True),
                _text(MATERIAL["media_type"]),
                _int(MATERIAL["size"], MAX_ATTACHMENT_BYTES, required=True),
            ),
        ),
        Sheet(
            "material_parts",
            (
                Column("material_id", "id", required=True),
                Column("part", "int", low=0, high=MAX_PARTS, required=True),
                # Empty for an empty file; the size and hash check catch a lost part.
                Column("data", max_length=PART_CHARS),
            ),
        ),
        Sheet(
            "material_links",
            (
                *_SYNC,
                Column("material_id", "id", required=True),
                Column("method_id", "id"),
                Column("template_id", "id"),
                Column("template_item_id", "id"),
                _text(MATERIAL_LINK["kind"]),
                _text(MATERIAL_LINK["caption"]),
            ),
        ),
    ),
)
WHAT = "Pier-glass library pack"


@dataclass(frozen=True)
class PackSummary:
    """What an import did (or, for a preview, would do), per sheet."""

    new: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    source: str
    backup_path: Path | None = None
    # Rows left out because they would change the built-in library or a file kept here.
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(sum(self.new.values()) + sum(self.updated.values()))


# ---------------------------------------------------------------- export


def export_library(
    sessions: sessionmaker[Session], output: Path, *, source: str, origin: str
) -> Path:
    """Write the user's own methods and templates (with their files) to a library pack."""
    with sessions() as s:
        data = _collect(s)
    about = [
        _("Pier-glass library pack"),
        _("Made by: {source}").format(source=source or _("unknown")),
        _("Methods: {count}").format(count=sum(1 for m in data["methods"] if not m["deleted_at"])),
        _("Templates: {count}").format(
            count=sum(1 for t in data["templates"] if not t["deleted_at"])
        ),
        _(
            "Import this file in Pier-glass: Library → Import library pack, "
            "or `pierglass library import FILE`."
        ),
        _("The sheets after this one are read by the program; change them only if you know how."),
    ]
    return write_workbook(
        output,
        LIBRARY_FORMAT,
        data,
        origin=origin,
        about=about,
        extra_meta={"source": source, "scope": "library"},
        describe=_describe,
    )


_KINDS = {
    "methods": N_("The method “{name}”"),
    "templates": N_("The template “{name}”"),
    "template_items": N_("A step “{name}” of a template"),
    "materials": N_("The file “{name}”"),
}


def _describe(sheet: str, record: dict[str, Any]) -> str:
    """A record as a tutor knows it, for an export's refusal."""
    name = (
        record.get("filename")
        or record.get("title")
        or next(
            (record.get(f"name_{code}") for code in PACK_LANGUAGES if record.get(f"name_{code}")),
            record.get("id", ""),
        )
    )
    if sheet not in _KINDS:
        return _("A file attachment ({id})").format(id=record.get("id", ""))
    return _(_KINDS[sheet]).format(name=str(name)[:80])


def _collect(s: Session) -> dict[str, list[dict[str, Any]]]:
    methods = list(s.scalars(select(Method).where(Method.builtin.is_(False))))
    templates = list(s.scalars(select(PlanTemplate).where(PlanTemplate.builtin.is_(False))))
    template_ids = [t.id for t in templates]
    items = list(s.scalars(select(TemplateItem).where(TemplateItem.template_id.in_(template_ids))))
    method_ids = [m.id for m in methods]
    links = list(
        s.scalars(
            select(MaterialLink).where(
                MaterialLink.deleted_at.is_(None),
                MaterialLink.method_id.in_(method_ids)
                | MaterialLink.template_id.in_(template_ids)
                | MaterialLink.template_item_id.in_([i.id for i in items]),
            )
        )
    )
    materials = list(
        s.scalars(select(Material).where(Material.id.in_({link.material_id for link in links})))
    )
    return {
        "methods": [_method_out(m) for m in methods],
        "templates": [_template_out(t) for t in templates],
        "template_items": [_plain(i, _ITEM_FIELDS) for i in items],
        "materials": [_plain(m, _MATERIAL_FIELDS) for m in materials],
        "material_parts": [part for m in materials for part in _parts(m)],
        "material_links": [_plain(link, _LINK_FIELDS) for link in links],
    }


_STAMPS = ("id", "created_at", "updated_at", "deleted_at", "origin")
_ITEM_FIELDS = (*_STAMPS, "template_id", "position", *TEMPLATE_ITEM_FIELDS)
_MATERIAL_FIELDS = (*_STAMPS, "sha256", "filename", "media_type", "size")
LINK_TARGETS = ("method_id", "template_id", "template_item_id")
_LINK_FIELDS = (*_STAMPS, "material_id", *LINK_TARGETS, "kind", "caption")
_METHOD_TEXTS = ("name", "purpose", "steps", "materials")


def _plain(record, names: tuple[str, ...]) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in names}
    return {
        k: (v.value if hasattr(v, "value") and not isinstance(v, str | int) else v)
        for k, v in values.items()
    }


def _split(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{code}": (texts or {}).get(code, "") for code in PACK_LANGUAGES}


def _method_out(m: Method) -> dict[str, Any]:
    row = _plain(
        m, (*_STAMPS, "duration_minutes", "group_min", "group_max", "source", "copied_from_id")
    )
    for name in _METHOD_TEXTS:
        row.update(_split(name, getattr(m, name)))
    row["category"] = m.category.value
    row["tags"] = "\n".join(m.tags or ())
    return row


def _template_out(t: PlanTemplate) -> dict[str, Any]:
    row = _plain(t, (*_STAMPS, "source"))
    row.update(_split("name", t.name))
    row.update(_split("description", t.description))
    return row


def _parts(material: Material) -> list[dict[str, Any]]:
    encoded = base64.b64encode(material.data).decode("ascii")
    chunks = [encoded[i : i + PART_CHARS] for i in range(0, len(encoded), PART_CHARS)] or [""]
    return [{"material_id": material.id, "part": n, "data": c} for n, c in enumerate(chunks)]
