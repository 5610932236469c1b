"""The built-in methods and templates shipped with the program, as services see them.

They come from ``resources/library/methods.json``; their ids are derived from stable keys, so
every installation gives the same method the same id and library packs and templates can point
at them. Built-ins are refreshed when the file changes (its hash is kept in AppMeta) and are
never edited in place: the user edits a copy. The installing itself is
``storage/builtin_library.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.models import AppMeta
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.localized import localized_text
from pierglass_desktop.storage import builtin_library
from pierglass_desktop.storage.builtin_library import VERSION_KEY as BUILTIN_VERSION_KEY
from pierglass_desktop.storage.library_cache import writing

builtin_method_id = builtin_library.method_id
builtin_template_id = builtin_library.template_id


def builtin_path() -> Path:
    return builtin_library.default_path()


def builtin_resource() -> dict[str, Any]:
    """The shipped library file (read once; it changes only with the program)."""
    return builtin_library.load(builtin_path())[0]


def builtin_tag_labels() -> dict[str, dict[str, str]]:
    """Built-in tag keys with their label per language."""
    labels: dict[str, dict[str, str]] = builtin_resource()["tags"]
    return labels


def tag_label(tag: str, language: str | None = None) -> str:
    """Built-in tags are stable keys with a label per language; the user's own tags are shown as
    typed."""
    labels = builtin_tag_labels().get(tag)
    return localized_text(labels, language) if labels else tag


@changes(Change.METHODS)
def ensure_builtin_library(sessions: sessionmaker[Session]) -> bool:
    """Bring the built-in methods and templates up to date; True if anything was written.

    Opening a database already does this (``storage/builtin_library.py``); this serves a
    changed library file and old callers. Cheap when already done: one AppMeta read. Never
    touches the user's own methods.
    """
    _data, version = builtin_library.load(builtin_path())
    with sessions() as s:
        done = s.scalar(select(AppMeta.value).where(AppMeta.key == BUILTIN_VERSION_KEY))
    if done == version:
        return False
    with writing(sessions) as s:
        return builtin_library.install(s.connection(), builtin_path())
