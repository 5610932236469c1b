"""A meeting's agenda: items from the library or free, breaks, order, and live timing.

The timeline is a pure function of the items and the meeting's start and planned length, so the
agenda builder can recompute it on every keystroke without touching the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import MeetingStatus, MemberRole, MethodCategory
from pierglass_desktop.domain.errors import NotFound, ValidationError, check_unchanged
from pierglass_desktop.domain.fields import AGENDA_ITEM
from pierglass_desktop.domain.models import AgendaItem, Group, Meeting, Method
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.localized import clean_user_text, localized_text
from pierglass_desktop.services.signoff import guard_meeting, live_meeting

MAX_ITEM_MINUTES = AGENDA_ITEM["duration_minutes"].maximum or 0
MAX_TITLE = AGENDA_ITEM.limit("title")
BULLETS = "-•*–·"


def responsible_label(item: AgendaItemRow) -> str:
    """Who leads the item: a named person, a rotating member role, or both."""
    role = vocabulary.label(item.member_role)
    if role and item.responsible:
        return _("{person} ({role})").format(person=item.responsible, role=role)
    return item.responsible or role


@dataclass(frozen=True)
class MeetingRow:
    id: str
    group_id: str
    group_name: str
    number: int
    theme: str
    starts_at: datetime
    planned_minutes: int
    place: str
    online_link: str
    status: MeetingStatus
    locked: bool
    series_id: str | None
    updated_at: datetime | None = None  # the stamp a form shows, its save's ``seen_at``


@dataclass(frozen=True)
class AgendaItemRow:
    id: str
    position: int
    title: str
    duration_minutes: int
    purpose: str
    instructions: str
    materials: str
    category: MethodCategory | None
    is_break: bool
    responsible: str
    member_role: MemberRole | None
    method_id: str | None
    updated_at: datetime | None = None  # the stamp the table and editor show: ``seen_at``


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    duration_minutes: int = 15
    purpose: str = ""
    instructions: str = ""
    materials: str = ""
    category: MethodCategory | None = None
    is_break: bool = False
    responsible: str = ""
    member_role: MemberRole | None = None


@dataclass(frozen=True)
class TimedItem:
    item: AgendaItemRow
    starts_at: datetime
    ends_at: datetime
    # True when the item ends after the meeting's planned end.
    past_end: bool


@dataclass(frozen=True)
class Timeline:
    items: tuple[TimedItem, ...]
    starts_at: datetime
    planned_minutes: int
    total_minutes: int
    ends_at: datetime
    planned_end: datetime

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.total_minutes - self.planned_minutes)

    @property
    def spare_minutes(self) -> int:
        return max(0, self.planned_minutes - self.total_minutes)


@dataclass(frozen=True)
class AgendaView:
    meeting: MeetingRow
    items: tuple[AgendaItemRow, ...]
    timeline: Timeline
    checklist: tuple[str, ...]


# ---------------------------------------------------------------- pure helpers


def agenda_timeline(
    items: Sequence[AgendaItemRow], starts_at: datetime, planned_minutes: int
) -> Timeline:
    """Each item's start and end from the meeting's start, the total and the over-run."""
    planned_end = starts_at + timedelta(minutes=planned_minutes)
    timed: list[TimedItem] = []
    clock = starts_at
    for item in items:
        end = clock + timedelta(minutes=item.duration_minutes)
        timed.append(TimedItem(item, clock, end, end > planned_end))
        clock = end
    total = sum(item.duration_minutes for item in items)
    return Timeline(tuple(timed), starts_at, planned_minutes, total, clock, planned_end)


def materials_checklist(materials: Iterable[str]) -> list[str]:
    """One line per thing to bring, gathered from every item, duplicates (any case) removed.

    Lines and semicolons separate things; a leading bullet is ignored.
    """
    seen: dict[str, str] = {}
    for text in materials:
        for line in (text or "").replace(";", "\n").splitlines():
            thing = line.strip().lstrip(BULLETS).strip()
            if thing:
                seen.setdefault(thing.casefold(), thing)
    return list(seen.values())


# ---------------------------------------------------------------- reading


def meeting_row(meeting: Meeting, group_name: str = "") -> MeetingRow:
    return MeetingRow(
        id=meeting.id,
        group_id=meeting.group_id,
        group_name=group_name,
        number=meeting.number,
        theme=meeting.theme,
        starts_at=meeting.starts_at,
        planned_minutes=meeting.planned_minutes,
        place=meeting.place,
        online_link=meeting.online_link,
        status=meeting.status,
        locked=meeting.locked_at is not None,
        series_id=meeting.series_id,
        updated_at=meeting.updated_at,
    )


def item_row(item: AgendaItem) -> AgendaItemRow:
    return AgendaItemRow(
        id=item.id,
        position=item.position,
        title=item.title,
        duration_minutes=item.duration_minutes,
        purpose=item.purpose,
        instructions=item.instructions,
        materials=item.materials,
        category=item.category,
        is_break=item.is_break,
        responsible=item.responsible,
        member_role=item.member_role,
        method_id=item.method_id,
        updated_at=item.updated_at,
    )


def _live_items(s: Session, meeting_id: str) -> list[AgendaItem]:
    query = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id, AgendaItem.deleted_at.is_(None))
        .order_by(AgendaItem.position, AgendaItem.created_at)
    )
    return list(s.scalars(query))


def load_agenda(sessions: sessionmaker[Session], meeting_id: str) -> AgendaView:
    """The meeting with its items in order, their times and the materials checklist."""
    with sessions() as s:
        meeting = live_meeting(s, meeting_id)
        group = s.get(Group, meeting.group_id)
        row = meeting_row(meeting, group.name if group else "")
        items = tuple(item_row(i) for i in _live_items(s, meeting_id))
    timeline = agenda_timeline(items, row.starts_at, row.planned_minutes)
    checklist = tuple(materials_checklist(i.materials for i in items))
    return AgendaView(row, items, timeline, checklist)


# ---------------------------------------------------------------- changing


def _validated(data: AgendaItemInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = " ".join(clean_user_text(data.title).split())
    if data.is_break and not title:
        title = _("Break")
    if not title:
        errors["title"] = _("Give the item a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("Keep the title under {limit} characters.").format(limit=MAX_TITLE)
    if not 1 <= int(data.duration_minutes) <= MAX_ITEM_MINUTES:
        errors["duration_minutes"] = _(
            "The duration must be between 1 and {limit} minutes."
        ).format(limit=MAX_ITEM_MINUTES)
    if errors:
        raise ValidationError(_("Check the marked fields."), fields=errors)
    category = MethodCategory.BREAK if data.is_break else data.category
    return {
        "title": title,
        "duration_minutes": int(data.duration_minutes),
        "purpose": clean_user_text(data.purpose),
        "instructions": clean_user_text(data.instructions),
        "materials": clean_user_text(data.materials),
        "category": category,
        "is_break": bool(data.is_break),
        "responsible": clean_user_text(data.responsible)[: AGENDA_ITEM.limit("responsible")],
        "member_role": data.member_role,
    }


def _insert(
    s: Session,
    meeting_id: str,
    values: dict[str, Any],
    position: int | None,
    method_id: str | None = None,
) -> AgendaItem:
    items = _live_items(s, meeting_id)
    index = len(items) if position is None else max(0, min(position, len(items)))
    item = AgendaItem(meeting_id=meeting_id, method_id=method_id, **values)
    s.add(item)
    items.insert(index, item)
    _renumber(items)
    s.flush()
    return item


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


@changes(Change.AGENDA)
def add_agenda_item(
    sessions: sessionmaker[Session],
    meeting_id: str,
    data: AgendaItemInput,
    position: int | None = None,
) -> AgendaItemRow:
    """A free item at ``position`` (default: at the end)."""
    values = _validated(data)
    with sessions.begin() as s:
        guard_meeting(s, meeting_id)
        return item_row(_insert(s, meeting_id, values, position))


@changes(Change.AGENDA)
def add_break(
    sessions: sessionmaker[Session],
    meeting_id: str,
    minutes: int = 15,
    position: int | None = None,
) -> AgendaItemRow:
    return add_agenda_item(
        sessions, meeting_id, AgendaItemInput(_("Break"), minutes, is_break=True), position
    )


def method_item_values(method: Method, language: str | None = None) -> dict[str, Any]:
    """An agenda item's texts taken from a method, in the language of the day."""
    is_break = method.category is MethodCategory.BREAK
    return {
        "title": localized_text(method.name, language)[:MAX_TITLE],
        "duration_minutes": method.duration_minutes,
        "purpose": localized_text(method.purpose, language),
        "instructions": localized_text(method.steps, language),
        "materials": localized_text(method.materials, language),
        "category": method.category,
        "is_break": is_break,
        "responsible": "",
        "member_role": None,
    }


@changes(Change.AGENDA)
def add_method_to_agenda(
    sessions: sessionmaker[Session],
    meeting_id: str,
    method_id: str,
    position: int | None = None,
) -> AgendaItemRow:
    """The method's name, purpose, steps and materials copied into a new item (edit freely)."""
    with sessions.begin() as s:
        guard_meeting(s, meeting_id)
        method = s.get(Method, method_id)
        if method is None or method.deleted_at is not None:
            raise NotFound(_("That method is no longer in the library. Refresh the list."))
        values = method_item_values(method)
        return item_row(_insert(s, meeting_id, values, position, method_id=method.id))


def _live_item(s: Session, item_id: str) -> AgendaItem:
    item = s.get(AgendaItem, item_id)
    if item is None or item.deleted_at is not None:
        raise NotFound(_("That agenda item no longer exists. Refresh the agenda."))
    guard_meeting(s, item.meeting_id)
    return item


@changes(Change.AGENDA)
def edit_agenda_item(
    sessions: sessionmaker[Session],
    item_id: str,
    data: AgendaItemInput,
    *,
    seen_at: datetime | None = None,
) -> AgendaItemRow:
    """Save the item editor; ``seen_at`` refuses it when someone else changed the item
    (or moved it in the agenda) after the editor was filled."""
    values = _validated(data)
    with sessions.begin() as s:
        item = _live_item(s, item_id)
        check_unchanged(item.updated_at, seen_at)
        for name, value in values.items():
            if getattr(item, name) != value:
                setattr(item, name, value)
        s.flush()
        return item_row(item)


@changes(Change.AGENDA)
def set_item_duration(
    sessions: sessionmaker[Session],
    item_id: str,
    minutes: int,
    *,
    seen_at: datetime | None = None,
) -> AgendaItemRow:
    """The one change the agenda table allows inline. Read and written in one transaction,
    and refused when the item is no longer what the table showed (``seen_at``): writing
    the rest of a stale row back would undo a colleague's edit of the title or texts."""
    with sessions.begin() as s:
        item = _live_item(s, item_id)
        check_unchanged(item.updated_at, seen_at)
        current = item_row(item)
        values = _validated(
            AgendaItemInput(
                current.title,
                minutes,
                current.purpose,
                current.instructions,
                current.materials,
                current.category,
                current.is_break,
                current.responsible,
                current.member_role,
            )
        )
        if item.duration_minutes != values["duration_minutes"]:
            item.duration_minutes = values["duration_minutes"]
        s.flush()
        return item_row(item)


@changes(Change.AGENDA)
def remove_agenda_item(sessions: sessionmaker[Session], item_id: str) -> None:
    with sessions.begin() as s:
        item = _live_item(s, item_id)
        item.deleted_at = utcnow()
        s.flush()
        _renumber(_live_items(s, item.meeting_id))


@changes(Change.AGENDA)
def restore_agenda_item(
    sessions: sessionmaker[Session], item_id: str, position: int
) -> AgendaItemRow:
    """Undo a removal: the item comes back from the bin at ``position`` (clamped)."""
    with sessions.begin() as s:
        item = s.get(AgendaItem, item_id)
        if item is None:
            raise NotFound(_("That agenda item no longer exists. Refresh the agenda."))
        guard_meeting(s, item.meeting_id)
        items = [i for i in _live_items(s, item.meeting_id) if i.id != item_id]
        item.deleted_at = None
        items.insert(max(0, min(position, len(items))), item)
        _renumber(items)
        s.flush()
        return item_row(item)


@changes(Change.AGENDA)
def move_agenda_item(
    sessions: sessionmaker[Session], item_id: str, position: int
) -> list[AgendaItemRow]:
    """Put the item at ``position`` (0 = first; clamped); returns the agenda in its new order."""
    with sessions.begin() as s:
        item = _live_item(s, item_id)
        items = [i for i in _live_items(s, item.meeting_id) if i.id != item_id]
        items.insert(max(0, min(position, len(items))), item)
        _renumber(items)
        s.flush()
        return [item_row(i) for i in items]


def clear_agenda(s: Session, meeting_id: str) -> None:
    """Inside a caller's transaction: every item of the meeting to the bin."""
    now = utcnow()
    for item in _live_items(s, meeting_id):
        item.deleted_at = now
