"""The sign-in sheet: who came to a session, with arrival, leaving and a signature each.

Funders' auditors accept attendance registers with signatures, so the sheet names the group,
session, date, time, place and tutor, lists the members with their companies, leaves blank rows
for newcomers and repeats its column headings on every page. ``signin_sheet`` gathers the facts
(no ReportLab), ``write_signin_sheet`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import NotFound
from pierglass_desktop.domain.models import (
    Group,
    GroupTutor,
    Meeting,
    Tutor,
)
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_date
from pierglass_desktop.reports.agenda_common import clock
from pierglass_desktop.services.membership import members_on

BLANK_ROWS = 5


@dataclass(frozen=True)
class SigninSheet:
    group: str
    number: int
    theme: str
    starts_at: datetime
    ends_at: datetime
    place: str
    tutors: tuple[str, ...]
    members: tuple[tuple[str, str], ...]  # (name, company), by surname


def signin_sheet(sessions: sessionmaker[Session], meeting_id: str) -> SigninSheet:
    """The facts the sheet prints: the members are those in the group on the session's day."""
    with sessions() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None or meeting.deleted_at is not None:
            raise NotFound(
                _("There is no session with the id {id}; check the id and try again.").format(
                    id=meeting_id
                )
            )
        group = s.get(Group, meeting.group_id)
        return SigninSheet(
            group=group.name if group else "",
            number=meeting.number,
            theme=meeting.theme,
            starts_at=meeting.starts_at,
            ends_at=meeting.starts_at + timedelta(minutes=meeting.planned_minutes),
            place=meeting.place or meeting.online_link,
            tutors=_tutors(s, meeting.group_id),
            members=_members(s, meeting.group_id, meeting.starts_at.date()),
        )


def write_signin_sheet(
    sessions: sessionmaker[Session], output: Path, session_id: str, blank_rows: int = BLANK_ROWS
) -> Path:
    """Print the sign-in sheet of one session to ``output`` (written atomically)."""
    from pierglass_desktop.reports.pdf_base import build_pdf

    sheet = signin_sheet(sessions, session_id)
    title = _("Sign-in sheet")
    footer = _("{group} · session {number} · {day}").format(
        group=sheet.group, number=sheet.number, day=format_date(sheet.starts_at.date())
    )
    return build_pdf(output, _flowables(sheet, blank_rows), title=title, footer=footer)


def _flowables(sheet: SigninSheet, blank_rows: int) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.pdf_base import para, styles

    style = styles()
    return [
        para(_("Sign-in sheet"), style["title"]),
        _header_table(sheet, style),
        Spacer(1, 4 * mm),
        para(_("By signing I confirm that I took part in this session."), style["small"]),
        Spacer(1, 2 * mm),
        _register_table(sheet, style, blank_rows),
        Spacer(1, 10 * mm),
        para(_("Tutor's signature and name in block letters"), style["small"]),
        Spacer(1, 12 * mm),
        _signature_line(),
    ]


def _header_table(sheet: SigninSheet, style):
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from pierglass_desktop.reports.pdf_base import para

    session = _("Session {number}: {theme}").format(number=sheet.number, theme=sheet.theme)
    when = _("{day}, {start}–{end}").format(
        day=format_date(sheet.starts_at.date()),
        start=clock(sheet.starts_at),
        end=clock(sheet.ends_at),
    )
    rows = [
        (_("Group"), sheet.group),
        (_("Session"), session if sheet.theme else str(sheet.number)),
        (_("Date and time"), when),
        (_("Place"), sheet.place or "–"),
        (_("Tutor"), ", ".join(sheet.tutors) or "–"),
    ]
    table = Table(
        [[para(label, style["bold"]), para(value, style["body"])] for label, value in rows],
        colWidths=[35 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _register_table(sheet: SigninSheet, style, blank_rows: int):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from pierglass_desktop.reports.pdf_base import ACCENT, RULE, para

    headings = [_("No."), _("Name"), _("Company"), _("Arrival"), _("Leaving"), _("Signature")]
    data = [[para(h, style["bold"]) for h in headings]]
    for number, (name, company) in enumerate(sheet.members, start=1):
        data.append(
            [str(number), para(name, style["cell"]), para(company, style["cell"]), "", "", ""]
        )
    for number in range(len(sheet.members) + 1, len(sheet.members) + blank_rows + 1):
        data.append([str(number), "", "", "", "", ""])
    table = Table(
        data,
        colWidths=[13 * mm, 44 * mm, 42 * mm, 20 * mm, 20 * mm, None],
        rowHeights=[None] + [11 * mm] * (len(data) - 1),
        repeatRows=1,  # the headings again on every page
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (0, -1), "DejaVuSans", 9),
                ("TEXTCOLOR", (0, 1), (0, -1), colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, RULE),
                ("LINEBEFORE", (3, 0), (-1, -1), 0.5, RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f7f8")]),
            ]
        )
    )
    return table


def _signature_line():
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from pierglass_desktop.reports.pdf_base import MUTED

    line = Table([[""]], colWidths=[90 * mm], rowHeights=[1], hAlign="LEFT")
    line.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.7, MUTED)]))
    return line


def _tutors(s: Session, group_id: str) -> tuple[str, ...]:
    query = (
        select(Tutor.name)
        .join(GroupTutor, GroupTutor.tutor_id == Tutor.id)
        .where(
            GroupTutor.group_id == group_id,
            GroupTutor.deleted_at.is_(None),
            Tutor.deleted_at.is_(None),
        )
        .order_by(GroupTutor.role, Tutor.name)
    )
    return tuple(s.scalars(query))


def _members(s: Session, group_id: str, day: date) -> tuple[tuple[str, str], ...]:
    people = sorted(members_on(s, group_id, day), key=lambda p: (p.last_name, p.first_name))
    return tuple((person.full_name, person.company_name) for person in people)
