"""The user's own methods: adding, editing, copying, tagging and binning them, and reading any
method in full (every language) for the editor, cards and exports.

Built-in methods are never edited in place (``services/builtin_methods.py``): the user edits a
copy. Every write goes through ``writing`` so the library search sees it at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError, check_unchanged
from pierglass_desktop.domain.fields import AGENDA_ITEM, METHOD
from pierglass_desktop.domain.models import Method
from pierglass_desktop.exchange.limits import CELL_TEXT_LIMIT
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.library_search import MethodRow, method_row
from pierglass_desktop.services.localized import clean_user_text, localized_text
from pierglass_desktop.storage.library_cache import writing

MAX_DURATION = METHOD["duration_minutes"].maximum or 0
# A method's name becomes an agenda item's title when it is put in a plan.
MAX_NAME = AGENDA_ITEM.limit("title")
MAX_GROUP_SIZE = METHOD["group_max"].maximum or 0
# A method's other texts: what a spreadsheet cell holds, so every method travels in a pack.
MAX_TEXT = CELL_TEXT_LIMIT
COPY_SUFFIX = {"fi": "(kopio)", "en": "(copy)", "sv": "(kopia)"}


@dataclass(frozen=True)
class MethodDetail:
    """Everything about one method, every language, for the editor, cards and exports."""

    id: str
    name: dict[str, str]
    purpose: dict[str, str]
    steps: dict[str, str]
    materials: dict[str, str]
    category: MethodCategory
    duration_minutes: int
    group_min: int | None
    group_max: int | None
    tags: tuple[str, ...]
    builtin: bool
    source: str
    copied_from_id: str | None
    updated_at: datetime | None = None  # as read: an edit made from this detail checks it

    def text(self, name: str, language: str | None = None) -> str:
        texts: dict[str, str] = getattr(self, name)
        return localized_text(texts, language)


@dataclass(frozen=True)
class MethodInput:
    """What the method editor hands over. Texts per language: {"fi": ..., "en": ...}."""

    name: dict[str, str]
    purpose: dict[str, str] = field(default_factory=dict)
    steps: dict[str, str] = field(default_factory=dict)
    materials: dict[str, str] = field(default_factory=dict)
    category: MethodCategory = MethodCategory.PEER_LEARNING
    duration_minutes: int = 30
    group_min: int | None = None
    group_max: int | None = None
    tags: tuple[str, ...] = ()


def _apply_values(record: Method, values: dict[str, Any]) -> None:
    """Set only what differs, so an unchanged record keeps its updated_at."""
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)


def get_method(sessions: sessionmaker[Session], method_id: str) -> MethodDetail:
    with sessions() as s:
        return method_detail(_live_method(s, method_id))


def list_method_details(
    sessions: sessionmaker[Session], method_ids: Iterable[str] | None = None
) -> list[MethodDetail]:
    """Full methods (for cards and packs), sorted by name in the current language."""
    query = select(Method).where(Method.deleted_at.is_(None))
    if method_ids is not None:
        query = query.where(Method.id.in_(list(method_ids)))
    with sessions() as s:
        details = [method_detail(m) for m in s.scalars(query)]
    return sorted(details, key=lambda d: d.text("name").casefold())


def method_detail(m: Method) -> MethodDetail:
    return MethodDetail(
        id=m.id,
        name=dict(m.name or {}),
        purpose=dict(m.purpose or {}),
        steps=dict(m.steps or {}),
        materials=dict(m.materials or {}),
        category=m.category,
        duration_minutes=m.duration_minutes,
        group_min=m.group_min,
        group_max=m.group_max,
        tags=tuple(m.tags or ()),
        builtin=m.builtin,
        source=m.source,
        copied_from_id=m.copied_from_id,
        updated_at=m.updated_at,
    )


def _live_method(s: Session, method_id: str) -> Method:
    method = s.get(Method, method_id)
    if method is None or method.deleted_at is not None:
        raise NotFound(_("That method is no longer in the library. Refresh the list."))
    return method


@changes(Change.METHODS)
def add_method(sessions: sessionmaker[Session], data: MethodInput) -> MethodRow:
    values = _validated(data)
    with writing(sessions) as s:
        method = Method(builtin=False, source="", **values)
        s.add(method)
        s.flush()
        return method_row(method)


@changes(Change.METHODS)
def edit_method(
    sessions: sessionmaker[Session],
    method_id: str,
    data: MethodInput,
    *,
    seen_at: datetime | None = None,
) -> MethodRow:
    """Save the editor; ``seen_at`` refuses it when someone else changed the method meanwhile."""
    values = _validated(data)
    with writing(sessions) as s:
        method = _own_method(s, method_id)
        check_unchanged(method.updated_at, seen_at)
        _apply_values(method, values)
        s.flush()
        return method_row(method)


def _own_method(s: Session, method_id: str) -> Method:
    method = _live_method(s, method_id)
    if method.builtin:
        raise Conflict(
            _(
                "“{name}” is a built-in method and cannot be changed. "
                "Make a copy with Duplicate and edit the copy."
            ).format(name=localized_text(method.name))
        )
    return method


@changes(Change.METHODS)
def duplicate_method(sessions: sessionmaker[Session], method_id: str) -> MethodRow:
    """An editable copy of any method (built-in or own), named "… (copy)" in each language."""
    with writing(sessions) as s:
        original = _live_method(s, method_id)
        copy = Method(
            name={
                code: _copy_name(text, code) for code, text in (original.name or {}).items() if text
            },
            purpose=dict(original.purpose or {}),
            steps=dict(original.steps or {}),
            materials=dict(original.materials or {}),
            category=original.category,
            duration_minutes=original.duration_minutes,
            group_min=original.group_min,
            group_max=original.group_max,
            tags=list(original.tags or []),
            builtin=False,
            source="",
            copied_from_id=original.id,
        )
        s.add(copy)
        s.flush()
        return method_row(copy)


def _copy_name(name: str, language: str) -> str:
    suffix = COPY_SUFFIX.get(language, "(copy)")
    return f"{name} {suffix}"[:MAX_NAME]


@changes(Change.METHODS)
def set_method_tags(
    sessions: sessionmaker[Session], method_id: str, tags: Iterable[str]
) -> MethodRow:
    cleaned = clean_tags(tags)
    with writing(sessions) as s:
        method = _own_method(s, method_id)
        method.tags = cleaned
        s.flush()
        return method_row(method)


@changes(Change.METHODS)
def delete_method(sessions: sessionmaker[Session], method_id: str) -> None:
    """Moves the user's own method to the bin (a tombstone); agendas that used it keep their
    copied texts."""
    with writing(sessions) as s:
        _own_method(s, method_id).deleted_at = utcnow()


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Trimmed, lower-case, no empties or duplicates, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = " ".join(clean_user_text(tag).split()).lower()[:50]
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    cleaned = {code: clean_user_text(value) for code, value in (texts or {}).items()}
    return {code: text for code, text in cleaned.items() if text}


def _validated(data: MethodInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = _clean_texts(data.name)
    if not name:
        errors["name"] = _("Give the method a name.")
    elif any(len(text) > MAX_NAME for text in name.values()):
        errors["name"] = _("Keep the name under {limit} characters.").format(limit=MAX_NAME)
    for field_name in ("purpose", "steps", "materials"):
        texts = _clean_texts(getattr(data, field_name)).values()
        if any(len(text) > MAX_TEXT for text in texts):
            errors[field_name] = _("Keep the text under {limit} characters.").format(limit=MAX_TEXT)
    if not 1 <= int(data.duration_minutes) <= MAX_DURATION:
        errors["duration_minutes"] = _(
            "The duration must be between 1 and {limit} minutes."
        ).format(limit=MAX_DURATION)
    low, high = data.group_min, data.group_max
    if any(size is not None and not 1 <= size <= MAX_GROUP_SIZE for size in (low, high)):
        errors["group_size"] = _("A group size must be between 1 and {limit}.").format(
            limit=MAX_GROUP_SIZE
        )
    elif low is not None and high is not None and low > high:
        errors["group_size"] = _("The smallest group size is larger than the largest.")
    if errors:
        raise ValidationError(_("Check the marked fields."), fields=errors)
    return {
        "name": name,
        "purpose": _clean_texts(data.purpose),
        "steps": _clean_texts(data.steps),
        "materials": _clean_texts(data.materials),
        "category": MethodCategory(data.category),
        "duration_minutes": int(data.duration_minutes),
        "group_min": low,
        "group_max": high,
        "tags": clean_tags(data.tags),
    }
