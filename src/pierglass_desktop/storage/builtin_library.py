"""The built-in method library, installed in bulk when a database is opened and the shipped file
changed (a new database, an upgrade, a program update).

``resources/library/methods.json`` holds the methods and templates in Finnish and English. Their
ids are derived from stable keys, so every installation gives the same method the same id. The
version installed (the file's version and hash) is kept in ``app_meta``: opening a database whose
library is current costs one plain read. Otherwise the rows are compared with the file and only
what differs is written, with Core ``executemany`` (a handful of statements, not one per row).
Built-ins that left the file are tombstoned; the user's own methods are never touched. Storage
calls this, so it may not import services: ``services/builtin_methods.py`` builds on it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, text

from pierglass_desktop.domain.base import derived_id, utcnow
from pierglass_desktop.paths import resources_dir

VERSION_KEY = "builtin_library_version"
_INSTALLATION_KEY = "installation_id"


def default_path() -> Path:
    return resources_dir() / "library" / "methods.json"


@lru_cache(maxsize=4)
def load(path: Path) -> tuple[dict[str, Any], str]:
    """The file's contents and its version ("<version>:<hash>"), read once per path."""
    raw = path.read_bytes()
    data = json.loads(raw.decode("utf-8"))
    return data, f"{data['version']}:{hashlib.sha256(raw).hexdigest()[:16]}"


def method_id(key: str) -> str:
    return derived_id("builtin-method", key)


def template_id(key: str) -> str:
    return derived_id("builtin-template", key)


def item_id(template: str, position: int) -> str:
    return derived_id("builtin-template-item", template, str(position))


def install(connection: Connection, path: Path | None = None) -> bool:
    """Bring the built-ins up to date inside the caller's transaction; True if anything was
    written. Cheap when already done: one read of ``app_meta``."""
    data, version = load(path or default_path())
    done = connection.execute(
        text("SELECT value FROM app_meta WHERE key = :k"), {"k": VERSION_KEY}
    ).scalar()
    if done == version:
        return False
    from pierglass_desktop.domain.models import Method, PlanTemplate, TemplateItem

    origin = connection.execute(
        text("SELECT value FROM app_meta WHERE key = :k"), {"k": _INSTALLATION_KEY}
    ).scalar()
    sync = _Sync(connection, origin or "")
    methods = {method_id(m["key"]): _method_values(m) for m in data["methods"]}
    sync.table(_table(Method), methods, _table(Method).c.builtin.is_(True))
    templates, items = _template_rows(data)
    sync.table(_table(PlanTemplate), templates, _table(PlanTemplate).c.builtin.is_(True))
    own_items = _table(TemplateItem).c.template_id.in_(list(templates))
    sync.table(_table(TemplateItem), items, own_items)
    connection.execute(text("DELETE FROM app_meta WHERE key = :k"), {"k": VERSION_KEY})
    connection.execute(
        text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"), {"k": VERSION_KEY, "v": version}
    )
    return True


class _Sync:
    """Writes one table's built-in rows: inserts, changed values and tombstones, in bulk."""

    def __init__(self, connection: Connection, origin: str):
        self.connection = connection
        self.origin = origin
        self.now = utcnow()

    def table(self, table: Table, wanted: dict[str, dict[str, Any]], ours: Any) -> None:
        columns = [table.c.id, *(table.c[name] for name in _names(wanted))]
        query = select(*columns).where(table.c.id.in_(list(wanted)) | ours)
        existing = {row.id: row._mapping for row in self.connection.execute(query)}
        stamps = {"updated_at": self.now, "origin": self.origin}
        new = [
            {"id": key, "created_at": self.now, **stamps, **values}
            for key, values in wanted.items()
            if key not in existing
        ]
        changed = [
            {"b_id": key, **stamps, **values}
            for key, values in wanted.items()
            if key in existing and any(existing[key][n] != v for n, v in values.items())
        ]
        gone = [
            {"b_id": key, **stamps, "deleted_at": self.now}
            for key, row in existing.items()
            if key not in wanted and row["deleted_at"] is None
        ]
        if new:
            self.connection.execute(table.insert(), new)
        for rows in _same_keys(changed + gone):
            update = table.update().where(table.c.id == bindparam("b_id"))
            self.connection.execute(update, rows)


def _names(wanted: dict[str, dict[str, Any]]) -> list[str]:
    return list(next(iter(wanted.values()), {"deleted_at": None}))


def _same_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows grouped by their keys: one executemany needs the same columns in every row."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    return list(groups.values())


def _method_values(entry: dict[str, Any]) -> dict[str, Any]:
    from pierglass_desktop.domain.enums import MethodCategory

    return {
        "name": entry["name"],
        "purpose": entry["purpose"],
        "steps": entry["steps"],
        "materials": entry["materials"],
        "category": MethodCategory(entry["category"]),
        "duration_minutes": entry["duration"],
        "group_min": entry.get("group_min"),
        "group_max": entry.get("group_max"),
        "tags": list(entry["tags"]),
        "builtin": True,
        "source": "",
        "copied_from_id": None,
        "deleted_at": None,
    }


Rows = dict[str, dict[str, Any]]


def _table(model: type) -> Table:
    table = getattr(model, "__table__", None)
    assert isinstance(table, Table)
    return table


def _template_rows(data: dict[str, Any]) -> tuple[Rows, Rows]:
    from pierglass_desktop.domain.enums import MethodCategory

    categories = {m["key"]: MethodCategory(m["category"]) for m in data["methods"]}
    templates, items = {}, {}
    for entry in data["templates"]:
        template = template_id(entry["key"])
        templates[template] = {
            "name": entry["name"],
            "description": entry["description"],
            "builtin": True,
            "source": "",
            "deleted_at": None,
        }
        steps = [item for item in entry["items"] if item["method"] in categories]
        for position, item in enumerate(steps):
            category = categories[item["method"]]
            items[item_id(template, position)] = {
                "template_id": template,
                "position": position,
                "method_id": method_id(item["method"]),
                "title": "",  # taken from the method, in the language of the day
                "duration_minutes": item["duration"],
                "purpose": "",
                "instructions": "",
                "materials": "",
                "category": category,
                "is_break": category is MethodCategory.BREAK,
                "member_role": None,
                "deleted_at": None,
            }
    return templates, items
