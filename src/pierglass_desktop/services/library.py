"""The method library: built-in methods shipped with the program and the user's own.

Built-in methods and templates come from ``resources/library/methods.json``; their ids are derived
from stable keys, so every installation gives the same method the same id and library packs and
templates can point at them. Built-ins are refreshed when the file changes (its hash is kept in
AppMeta) and are never edited in place: the user edits a copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError
from pierglass_desktop.domain.models import AppMeta, Method
from pierglass_desktop.exchange.limits import CELL_TEXT_LIMIT
from pierglass_desktop.i18n import LANGUAGES, N_, _, current_language
from pierglass_desktop.storage import builtin_library
from pierglass_desktop.storage.builtin_library import VERSION_KEY as BUILTIN_VERSION_KEY

MAX_DURATION = 600
MAX_NAME = 200
MAX_GROUP_SIZE = 1_000
# A method's other texts: what a spreadsheet cell holds, so every method travels in a pack.
MAX_TEXT = CELL_TEXT_LIMIT
COPY_SUFFIX = {"fi": "(kopio)", "en": "(copy)", "sv": "(kopia)"}
TEXT_FIELDS = ("name", "purpose", "steps", "materials")

# How a category is named and coloured, in the list, the agenda and on printed cards.
CATEGORY_LABELS: dict[MethodCategory, str] = {
    MethodCategory.OPENING: N_("Opening"),
    MethodCategory.REFLECTION: N_("Reflection"),
    MethodCategory.PEER_LEARNING: N_("Peer learning"),
    MethodCategory.EXPERT: N_("Expert"),
    MethodCategory.DEVELOPMENT: N_("Development"),
    MethodCategory.WELLBEING: N_("Wellbeing"),
    MethodCategory.DIGITAL: N_("Digital"),
    MethodCategory.CLOSING: N_("Closing"),
    MethodCategory.BREAK: N_("Break"),
}
CATEGORY_COLOURS: dict[MethodCategory, str] = {
    MethodCategory.OPENING: "#2e7d9a",
    MethodCategory.REFLECTION: "#7b5ea7",
    MethodCategory.PEER_LEARNING: "#2f8f5b",
    MethodCategory.EXPERT: "#b5651d",
    MethodCategory.DEVELOPMENT: "#c0392b",
    MethodCategory.WELLBEING: "#d4a017",
    MethodCategory.DIGITAL: "#3a5fcd",
    MethodCategory.CLOSING: "#55656d",
    MethodCategory.BREAK: "#9aa5ab",
}


def category_label(category: MethodCategory | None) -> str:
    return _(CATEGORY_LABELS[category]) if category else ""


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

    def text(self, name: str, language: str | None = None) -> str:
        return localized_text(getattr(self, name), language)


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


# ---------------------------------------------------------------- language helpers


def localized_text(texts: dict[str, str] | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the current one), else any language that has one."""
    texts = texts or {}
    language = language or current_language()
    if texts.get(language):
        return texts[language]
    for code in (*LANGUAGES, *texts):
        if texts.get(code):
            return texts[code]
    return ""


def tag_label(tag: str, language: str | None = None) -> str:
    """Built-in tags are stable keys with a label per language; the user's own tags are shown as
    typed."""
    labels = builtin_resource()["tags"].get(tag)
    return localized_text(labels, language) if labels else tag


# ---------------------------------------------------------------- built-in library


def builtin_path() -> Path:
    return builtin_library.default_path()


def builtin_resource() -> dict:
    """The shipped library file (read once; it changes only with the program)."""
    return builtin_library.load(builtin_path())[0]


builtin_method_id = builtin_library.method_id
builtin_template_id = builtin_library.template_id


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


def _apply_values(record, values: dict) -> None:
    """Set only what differs, so an unchanged record keeps its updated_at."""
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)


# ---------------------------------------------------------------- search
#
# Search-as-you-type must answer in a few milliseconds over thousands of methods, and decoding
# every method's JSON texts for each keystroke costs far more than that. So the rows and their
# folded search text are kept in memory per database and language, and rebuilt when the methods
# table changes: every writer in this program bumps ``_generation``, and the table's row count
# and newest stamp catch writes from elsewhere.

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
_generation = 0
_index: dict[tuple[str, str], tuple[tuple, list[tuple[MethodRow, str]]]] = {}


def library_changed() -> None:
    """Tell the search index that methods were written (called by every writer)."""
    global _generation
    _generation += 1


@contextmanager
def writing(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction on the library; the search index learns of it after the commit."""
    try:
        with sessions.begin() as s:
            yield s
    finally:
        library_changed()


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


def _indexed(sessions: sessionmaker[Session], language: str) -> list[tuple[MethodRow, str]]:
    signature_query = select(func.count(), func.max(Method.updated_at))
    with sessions() as s:
        signature = (_generation, *s.execute(signature_query).one())
        bind = s.get_bind()
        key = (f"{bind.url}#{id(bind)}", language)
        cached = _index.get(key)
        if cached and cached[0] == signature:
            return cached[1]
        raw = s.execute(select(*_SEARCH_COLUMNS).where(Method.deleted_at.is_(None))).all()
    labels = builtin_resource()["tags"]
    entries = [_index_entry(_search_row(r, language), labels, language) for r in raw]
    entries.sort(key=lambda entry: entry[0].name.casefold())
    _index[key] = (signature, entries)
    return entries


def _index_entry(row: MethodRow, labels: dict, language: str) -> tuple[MethodRow, str]:
    tags = (localized_text(labels[t], language) if t in labels else t for t in row.tags)
    return row, " ".join((row.name, row.purpose, *tags, row.source)).casefold()


def _search_row(r, language: str) -> MethodRow:
    return MethodRow(
        id=r.id,
        name=localized_text(r.name, language),
        purpose=localized_text(r.purpose, language),
        category=r.category,
        duration_minutes=r.duration_minutes,
        group_min=r.group_min,
        group_max=r.group_max,
        tags=tuple(r.tags or ()),
        builtin=r.builtin,
        source=r.source,
    )


# ---------------------------------------------------------------- one method


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
    )


def _live_method(s: Session, method_id: str) -> Method:
    method = s.get(Method, method_id)
    if method is None or method.deleted_at is not None:
        raise NotFound(_("That method is no longer in the library. Refresh the list."))
    return method


def _row(m: Method) -> MethodRow:
    return _search_row(m, current_language())


def add_method(sessions: sessionmaker[Session], data: MethodInput) -> MethodRow:
    values = _validated(data)
    with writing(sessions) as s:
        method = Method(builtin=False, source="", **values)
        s.add(method)
        s.flush()
        return _row(method)


def edit_method(sessions: sessionmaker[Session], method_id: str, data: MethodInput) -> MethodRow:
    values = _validated(data)
    with writing(sessions) as s:
        method = _own_method(s, method_id)
        _apply_values(method, values)
        s.flush()
        return _row(method)


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
        return _row(copy)


def _copy_name(name: str, language: str) -> str:
    suffix = COPY_SUFFIX.get(language, "(copy)")
    return f"{name} {suffix}"[:MAX_NAME]


def set_method_tags(
    sessions: sessionmaker[Session], method_id: str, tags: Iterable[str]
) -> MethodRow:
    cleaned = clean_tags(tags)
    with writing(sessions) as s:
        method = _own_method(s, method_id)
        method.tags = cleaned
        s.flush()
        return _row(method)


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


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_user_text(value: str) -> str:
    """Text as typed, without control characters (pasted from PDFs) and with \\n line ends:
    what every export, print and screen can show."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    cleaned = {code: clean_user_text(value) for code, value in (texts or {}).items()}
    return {code: text for code, text in cleaned.items() if text}


def _validated(data: MethodInput) -> dict:
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
