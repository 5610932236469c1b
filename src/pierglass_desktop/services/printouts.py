"""What each printed document shows, read from the database in one read transaction.

The renderers in ``reports/`` take these frozen values and never touch the database, so the
same data can be printed by the command line and by the window alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import (
    AgendaItem,
    Group,
    Method,
    PlanTemplate,
    TemplateItem,
)
from pierglass_desktop.domain.rules import CARDS_PER_PAGE
from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.services.agenda import (
    MAX_TITLE,
    AgendaItemRow,
    AgendaView,
    agenda_timeline,
    item_row,
    materials_checklist,
    meeting_row,
)
from pierglass_desktop.services.localized import localized_text
from pierglass_desktop.services.membership import group_tutor_names, members_on
from pierglass_desktop.services.methods import MethodDetail, method_detail
from pierglass_desktop.services.signoff import live_meeting


@dataclass(frozen=True)
class SigninSheet:
    group: str
    number: int
    theme: str
    starts_at: datetime
    ends_at: datetime
    place: str
    tutors: tuple[str, ...]  # the lead tutor first
    members: tuple[tuple[str, str], ...]  # (name, company), by surname


@dataclass(frozen=True)
class CardDeck:
    methods: tuple[MethodDetail, ...]
    per_page: int = 1


# ---------------------------------------------------------------- agenda and script


def agenda_data(
    sessions: sessionmaker[Session], session_id: str, language: str | None = None
) -> AgendaView:
    """The meeting's agenda with every library item in the document's language."""
    language = language or current_language()
    with sessions() as s:
        meeting = live_meeting(s, session_id)
        group = s.get(Group, meeting.group_id)
        row = meeting_row(meeting, group.name if group else "")
        query = (
            select(AgendaItem)
            .where(AgendaItem.meeting_id == session_id, AgendaItem.deleted_at.is_(None))
            .order_by(AgendaItem.position, AgendaItem.created_at)
        )
        items = list(s.scalars(query))
        method_ids = {i.method_id for i in items if i.method_id}
        methods = {m.id: m for m in s.scalars(select(Method).where(Method.id.in_(method_ids)))}
        rows = tuple(
            _in_language(item_row(i), methods.get(i.method_id or ""), language) for i in items
        )
    timeline = agenda_timeline(rows, row.starts_at, row.planned_minutes)
    checklist = tuple(materials_checklist(i.materials for i in rows))
    return AgendaView(row, rows, timeline, checklist)


# item field -> method field, and how long the item may be
_METHOD_FIELDS = {
    "title": ("name", MAX_TITLE),
    "purpose": ("purpose", None),
    "instructions": ("steps", None),
    "materials": ("materials", None),
}


def _in_language(item: AgendaItemRow, method: Method | None, language: str) -> AgendaItemRow:
    """A text the tutor left as the method had it (in any language) follows the document's
    language; a text the tutor edited is the tutor's and prints as written."""
    if method is None:
        return item
    changes: dict[str, Any] = {}
    for field, (method_field, limit) in _METHOD_FIELDS.items():
        texts = getattr(method, method_field) or {}
        own = getattr(item, field)
        if own and own in {text[:limit] for text in texts.values() if text}:
            changes[field] = localized_text(texts, language)[:limit]
    return replace(item, **changes) if changes else item


# ---------------------------------------------------------------- sign-in sheet


def signin_data(sessions: sessionmaker[Session], session_id: str) -> SigninSheet:
    """The facts the sheet prints: the members are those in the group on the session's day."""
    with sessions() as s:
        meeting = live_meeting(s, session_id)
        group = s.get(Group, meeting.group_id)
        people = sorted(
            members_on(s, meeting.group_id, meeting.starts_at.date()),
            key=lambda p: (p.last_name.casefold(), p.first_name.casefold()),
        )
        return SigninSheet(
            group=group.name if group else "",
            number=meeting.number,
            theme=meeting.theme,
            starts_at=meeting.starts_at,
            ends_at=meeting.starts_at + timedelta(minutes=meeting.planned_minutes),
            place=meeting.place or meeting.online_link,
            tutors=group_tutor_names(s, meeting.group_id),
            members=tuple((p.full_name, p.company_name) for p in people),
        )


# ---------------------------------------------------------------- method cards


def cards_data(
    sessions: sessionmaker[Session],
    method_ids: Iterable[str] | None = None,
    template_id: str | None = None,
    per_page: int = 1,
) -> CardDeck:
    """The chosen methods (or a template's, or the whole library when nothing is chosen)."""
    if per_page not in CARDS_PER_PAGE:
        raise ValidationError(_("Print one, two or four cards on a page."))
    wanted = list(dict.fromkeys(method_ids or ()))
    with sessions() as s:
        if template_id:
            wanted.extend(m for m in _template_methods(s, template_id) if m not in wanted)
        query = select(Method).where(Method.deleted_at.is_(None))
        if wanted or template_id:
            query = query.where(Method.id.in_(wanted))
        found = {m.id: method_detail(m) for m in s.scalars(query)}
    if any(m not in found for m in dict.fromkeys(method_ids or ())):
        raise NotFound(_("A chosen method is no longer in the library. Refresh the list."))
    wanted = [m for m in wanted if m in found]  # a template may hold a method deleted since
    if wanted or template_id:
        methods = [found[m] for m in wanted]  # the order chosen, a template's order
    else:
        methods = sorted(found.values(), key=lambda d: d.text("name").casefold())
    return CardDeck(tuple(methods), per_page)


def _template_methods(s: Session, template_id: str) -> list[str]:
    template = s.get(PlanTemplate, template_id)
    if template is None or template.deleted_at is not None:
        raise NotFound(_("That template is no longer in the library. Refresh the list."))
    query = (
        select(TemplateItem.method_id)
        .where(
            TemplateItem.template_id == template_id,
            TemplateItem.deleted_at.is_(None),
            TemplateItem.method_id.is_not(None),
        )
        .order_by(TemplateItem.position)
    )
    return list(dict.fromkeys(s.scalars(query)))
