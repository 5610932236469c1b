"""Plan templates: an agenda saved for reuse, and applied to any meeting.

A template keeps the files of the agenda it came from: each item's attachments move to the
template item, the meeting's own attachments to the template. Applying it links the same stored
files (no copy of the bytes) to the new agenda items and the meeting. Sign-in evidence belongs
to the one meeting it proves and never goes into a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError, check_unchanged
from pierglass_desktop.domain.models import AgendaItem, Method, PlanTemplate, TemplateItem
from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.services.agenda import (
    AgendaItemRow,
    clear_agenda,
    item_row,
    method_item_values,
)
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.localized import localized_text
from pierglass_desktop.services.materials import (
    ATTACHMENT_KIND,
    count_links,
    link_again_in,
    live_links_in,
    tombstone_links_in,
)
from pierglass_desktop.services.signoff import guard_meeting, live_meeting


@dataclass(frozen=True)
class TemplateRow:
    id: str
    name: str
    description: str
    builtin: bool
    source: str
    item_count: int
    total_minutes: int
    file_count: int  # the template's own files and its items' files
    updated_at: datetime | None = None  # the stamp a rename starts from: its ``seen_at``


@dataclass(frozen=True)
class TemplateItemRow:
    id: str
    position: int
    title: str
    duration_minutes: int
    is_break: bool
    file_count: int


def _live_items(s: Session, template_id: str) -> list[TemplateItem]:
    query = (
        select(TemplateItem)
        .where(TemplateItem.template_id == template_id, TemplateItem.deleted_at.is_(None))
        .order_by(TemplateItem.position)
    )
    return list(s.scalars(query))


def _row(s: Session, template: PlanTemplate) -> TemplateRow:
    items = _live_items(s, template.id)
    item_files = count_links(s, "template_item_id", [i.id for i in items])
    own_files = count_links(s, "template_id", [template.id])
    return TemplateRow(
        id=template.id,
        name=localized_text(template.name),
        description=localized_text(template.description),
        builtin=template.builtin,
        source=template.source,
        item_count=len(items),
        total_minutes=sum(i.duration_minutes for i in items),
        file_count=sum(item_files.values()) + own_files.get(template.id, 0),
        updated_at=template.updated_at,
    )


def list_templates(sessions: sessionmaker[Session]) -> list[TemplateRow]:
    query = select(PlanTemplate).where(PlanTemplate.deleted_at.is_(None))
    with sessions() as s:
        rows = [_row(s, t) for t in s.scalars(query)]
    return sorted(rows, key=lambda r: (not r.builtin, r.name.casefold()))


def list_template_items(sessions: sessionmaker[Session], template_id: str) -> list[TemplateItemRow]:
    """The template's items in order, each with how many files it carries."""
    with sessions() as s:
        _live_template(s, template_id)
        items = _live_items(s, template_id)
        files = count_links(s, "template_item_id", [i.id for i in items])
        return [
            TemplateItemRow(
                id=item.id,
                position=item.position,
                title=_item_values(s, item)["title"],
                duration_minutes=item.duration_minutes,
                is_break=item.is_break,
                file_count=files.get(item.id, 0),
            )
            for item in items
        ]


def _live_template(s: Session, template_id: str) -> PlanTemplate:
    template = s.get(PlanTemplate, template_id)
    if template is None or template.deleted_at is not None:
        raise NotFound(_("That template no longer exists. Refresh the list."))
    return template


@changes(Change.TEMPLATES)
def save_agenda_as_template(
    sessions: sessionmaker[Session], meeting_id: str, name: str, description: str = ""
) -> TemplateRow:
    """The meeting's agenda, item by item, as a new template named in the current language."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(
            _("Give the template a name."), fields={"name": _("Give the template a name.")}
        )
    language = current_language()
    with sessions.begin() as s:
        meeting = live_meeting(s, meeting_id)  # only read, so a signed-off one is fine
        items = [i for i in meeting.agenda_items if i.deleted_at is None]
        if not items:
            raise ValidationError(_("The agenda is empty: add items before saving a template."))
        template = PlanTemplate(
            name={language: name[:200]}, description={language: description.strip()}
        )
        s.add(template)
        s.flush()
        for position, item in enumerate(items):
            template_item = _template_item(template.id, position, item)
            s.add(template_item)
            s.flush()
            files = live_links_in(s, ATTACHMENT_KIND, agenda_item_id=item.id)
            link_again_in(s, files, template_item_id=template_item.id)
        files = live_links_in(s, ATTACHMENT_KIND, meeting_id=meeting.id)
        link_again_in(s, files, template_id=template.id)
        s.flush()
        return _row(s, template)


# What a template item keeps of an agenda item (not its leader: that is the meeting's choice).
TEMPLATE_ITEM_FIELDS = (
    "method_id",
    "title",
    "duration_minutes",
    "purpose",
    "instructions",
    "materials",
    "category",
    "is_break",
    "member_role",
)


def _template_item(template_id: str, position: int, item: AgendaItem) -> TemplateItem:
    kept = {name: getattr(item, name) for name in TEMPLATE_ITEM_FIELDS}
    return TemplateItem(template_id=template_id, position=position, **kept)


@changes(Change.AGENDA)
def apply_template(
    sessions: sessionmaker[Session], template_id: str, meeting_id: str, *, replace: bool = False
) -> list[AgendaItemRow]:
    """Add the template's items to the meeting's agenda (after what is there, or instead of it).

    Items that point at a library method and leave a text empty take it from the method, in the
    language of the day; so a built-in template prints in Finnish for a Finnish tutor.
    """
    with sessions.begin() as s:
        added = apply_template_in(s, template_id, meeting_id, replace=replace)
        return [item_row(i) for i in added]


def apply_template_in(
    s: Session, template_id: str, meeting_id: str, *, replace: bool = False
) -> list[AgendaItem]:
    """Inside a caller's transaction (generating a series applies it to every new meeting)."""
    meeting = guard_meeting(s, meeting_id)
    template = _live_template(s, template_id)
    if replace:
        clear_agenda(s, meeting.id)
        s.flush()
    start = _next_position(s, meeting.id)
    added = []
    for offset, item in enumerate(_live_items(s, template.id)):
        agenda_item = AgendaItem(
            meeting_id=meeting.id, position=start + offset, **_item_values(s, item)
        )
        s.add(agenda_item)
        s.flush()
        files = live_links_in(s, template_item_id=item.id)
        link_again_in(s, files, agenda_item_id=agenda_item.id)
        added.append(agenda_item)
    link_again_in(s, live_links_in(s, template_id=template.id), meeting_id=meeting.id)
    s.flush()
    return added


def _next_position(s: Session, meeting_id: str) -> int:
    query = select(AgendaItem.position).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.deleted_at.is_(None)
    )
    positions = list(s.scalars(query))
    return max(positions) + 1 if positions else 0


def _item_values(s: Session, item: TemplateItem) -> dict[str, Any]:
    method = s.get(Method, item.method_id) if item.method_id else None
    base = method_item_values(method) if method is not None else {}
    own = {
        "title": item.title,
        "purpose": item.purpose,
        "instructions": item.instructions,
        "materials": item.materials,
    }
    values = {name: text or base.get(name, "") for name, text in own.items()}
    values["title"] = values["title"] or _("Item")
    return {
        **values,
        "method_id": method.id if method is not None else None,
        "duration_minutes": item.duration_minutes,
        "category": item.category or base.get("category"),
        "is_break": item.is_break,
        "member_role": item.member_role,
    }


@changes(Change.TEMPLATES)
def rename_template(
    sessions: sessionmaker[Session],
    template_id: str,
    name: str,
    *,
    seen_at: datetime | None = None,
) -> TemplateRow:
    """A new name in the current language; ``seen_at`` refuses it when someone else changed
    the template after it was shown."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(
            _("Give the template a name."), fields={"name": _("Give the template a name.")}
        )
    with sessions.begin() as s:
        template = _own_template(s, template_id)
        check_unchanged(template.updated_at, seen_at)
        template.name = {**template.name, current_language(): name[:200]}
        s.flush()
        return _row(s, template)


@changes(Change.TEMPLATES)
def delete_template(sessions: sessionmaker[Session], template_id: str) -> None:
    with sessions.begin() as s:
        template = _own_template(s, template_id)
        now = utcnow()
        template.deleted_at = now
        tombstone_links_in(s, template_id=template.id)
        for item in _live_items(s, template.id):
            tombstone_links_in(s, template_item_id=item.id)
            item.deleted_at = now


def _own_template(s: Session, template_id: str) -> PlanTemplate:
    template = _live_template(s, template_id)
    if template.builtin:
        raise Conflict(
            _(
                "“{name}” is a built-in template and cannot be changed. Apply it to a session, "
                "edit the agenda and save that as your own template."
            ).format(name=localized_text(template.name))
        )
    return template
