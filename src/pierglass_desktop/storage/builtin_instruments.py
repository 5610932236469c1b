"""The built-in questionnaires (WHO-5, the project's self-assessment), installed when a
database is opened and the shipped files changed, like the built-in method library.

``resources/instruments/*.json`` hold each instrument in Finnish and English. A database that
already has an instrument with the same code (an older demo, an import) keeps that row's id: the
code is unique, and answers point at the id. Storage calls this, so it imports no services.

A built-in carries the stamp written in its file (``updated``) and no origin, not the moment and
installation that installed it: every installation then holds the same record, and a sync file
from another installation never shows it as changed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select, text

from pierglass_desktop.domain.base import derived_id, stamp
from pierglass_desktop.paths import resources_dir

VERSION_KEY = "builtin_instruments_version"


def default_folder() -> Path:
    return resources_dir() / "instruments"


@lru_cache(maxsize=4)
def load(folder: Path) -> tuple[tuple[dict[str, Any], ...], str]:
    """Every instrument file in the folder and their joint version (a hash), read once."""
    digest = hashlib.sha256()
    found = []
    for path in sorted(folder.glob("*.json")):
        raw = path.read_bytes()
        digest.update(raw)
        found.append(json.loads(raw.decode("utf-8")))
    return tuple(found), digest.hexdigest()[:16]


def definition(code: str, folder: Path | None = None) -> dict[str, Any]:
    """The shipped file of one instrument (instructions, anchors, notice); KeyError if none."""
    for entry in load(folder or default_folder())[0]:
        if entry["code"] == code:
            return entry
    raise KeyError(code)


def instrument_id(code: str) -> str:
    return derived_id("builtin-instrument", code)


def install(connection: Connection, folder: Path | None = None) -> bool:
    """Bring the built-in instruments up to date inside the caller's transaction."""
    entries, version = load(folder or default_folder())
    done = connection.execute(
        text("SELECT value FROM app_meta WHERE key = :k"), {"k": VERSION_KEY}
    ).scalar()
    if done == version:
        return False
    from pierglass_desktop.domain.assessment import Instrument

    table = Instrument.__table__
    assert isinstance(table, Table)
    existing: dict[str, str] = {
        code: row_id for code, row_id in connection.execute(select(table.c.code, table.c.id))
    }
    for entry in entries:
        shipped = datetime.fromisoformat(entry["updated"])
        values = {
            "name": entry["name"],
            "version": entry["version"],
            "items": entry["items"],
            "deleted_at": None,
        }
        if entry["code"] in existing:
            update = table.update().where(table.c.id == existing[entry["code"]])
            connection.execute(update, stamp(values, "", shipped))
        else:
            row = {"id": instrument_id(entry["code"]), "code": entry["code"], "created_at": shipped}
            connection.execute(table.insert(), stamp({**row, **values}, "", shipped))
    connection.execute(text("DELETE FROM app_meta WHERE key = :k"), {"k": VERSION_KEY})
    connection.execute(
        text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"), {"k": VERSION_KEY, "v": version}
    )
    return True
