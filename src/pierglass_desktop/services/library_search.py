"""Finding methods in the library: search-as-you-type over built-in and own methods.

Search must answer in a few milliseconds over thousands of methods, and decoding every method's
JSON texts for each keystroke costs far more than that. So the rows and their folded search text
are kept per language in the database's own cache (``storage/library_cache.py``) and rebuilt
when the methods table changes: every writer in this program invalidates the cache, and the
table's row count and newest stamp catch writes from elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.models import Method
from pierglass_desktop.i18n import current_language
from pierglass_desktop.services.builtin_methods import builtin_tag_labels
from pierglass_desktop.services.localized import localized_text
from pierglass_desktop.storage.library_cache import cache_of

Entry = tuple["MethodRow", str]  # a row and its case-folded search text


@dataclass(frozen=True)
class MethodRow:
    """A method as a list shows it, texts in one language."""

    id: str
    name: str
    purpose: str
    category: MethodCategory
    duration_minutes: int
    group_min: int | None
    group_max: int | None
    tags: tuple[str, ...]
    builtin: bool
    source: str


class _MethodColumns(Protocol):
    """What a row needs of a method: a Method record or a selected row of its columns."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> dict[str, str]: ...
    @property
    def purpose(self) -> dict[str, str]: ...
    @property
    def category(self) -> MethodCategory: ...
    @property
    def duration_minutes(self) -> int: ...
    @property
    def group_min(self) -> int | None: ...
    @property
    def group_max(self) -> int | None: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def builtin(self) -> bool: ...
    @property
    def source(self) -> str: ...


_SEARCH_COLUMNS = (
    Method.id,
    Method.name,
    Method.purpose,
    Method.category,
    Method.duration_minutes,
    Method.group_min,
    Method.group_max,
    Method.tags,
    Method.builtin,
    Method.source,
)


def search_methods(
    sessions: sessionmaker[Session],
    text: str = "",
    category: MethodCategory | None = None,
    *,
    language: str | None = None,
) -> list[MethodRow]:
    """Methods whose name, purpose, tags (in ``language``) or source contain every word of
    ``text``, sorted by name; built-in and own alike."""
    language = language or current_language()
    words = text.casefold().split()
    return [
        row
        for row, haystack in _indexed(sessions, language)
        if (category is None or row.category == category)
        and all(word in haystack for word in words)
    ]


def method_row(m: _MethodColumns, language: str | None = None) -> MethodRow:
    """One method as a list shows it, texts in ``language`` (default: the current one)."""
    language = language or current_language()
    return MethodRow(
        id=m.id,
        name=localized_text(m.name, language),
        purpose=localized_text(m.purpose, language),
        category=m.category,
        duration_minutes=m.duration_minutes,
        group_min=m.group_min,
        group_max=m.group_max,
        tags=tuple(m.tags or ()),
        builtin=m.builtin,
        source=m.source,
    )


def _indexed(sessions: sessionmaker[Session], language: str) -> list[Entry]:
    cache = cache_of(sessions)
    signature_query = select(func.count(), func.max(Method.updated_at))
    with sessions() as s:
        signature: tuple[Any, ...] = (cache.generation, *s.execute(signature_query).one())
        cached = cache.entries.get(language)
        if cached and cached[0] == signature:
            entries: list[Entry] = cached[1]
            return entries
        raw = s.execute(select(*_SEARCH_COLUMNS).where(Method.deleted_at.is_(None))).all()
    labels = builtin_tag_labels()
    entries = [_entry(method_row(r, language), labels, language) for r in raw]
    entries.sort(key=lambda entry: entry[0].name.casefold())
    cache.entries[language] = (signature, entries)
    return entries


def _entry(row: MethodRow, labels: dict[str, dict[str, str]], language: str) -> Entry:
    tags = (localized_text(labels[t], language) if t in labels else t for t in row.tags)
    return row, " ".join((row.name, row.purpose, *tags, row.source)).casefold()
