"""The sign-in sheet: who came to a session, with arrival, leaving and a signature each.

Funders' auditors accept attendance registers with signatures, so the sheet names the group,
session, date, time, place and tutor, lists the members with their companies, leaves blank rows
for newcomers and repeats its column headings on every page. ``services.printouts.signin_data``
gathers the facts, ``signin_pdf`` prints them.
"""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_date
from pierglass_desktop.reports.agenda_common import clock
from pierglass_desktop.services.printouts import SigninSheet, signin_data

BLANK_ROWS = 5
ROW_HEIGHT_MM = 11
NAME_WIDTH_MM = 44
COMPANY_WIDTH_MM = 42
SMALLEST_FONT = 6.5
KEEP_WITH_SIGNATURE = 2  # register rows that go with the signature block to a new page


def write_signin_sheet(
    sessions, output: Path, session_id: str, blank_rows: int = BLANK_ROWS
) -> Path:
    """Print the sign-in sheet of one session to ``output`` (written atomically)."""
    return signin_pdf(signin_data(sessions, session_id), output, blank_rows)


def signin_pdf(sheet: SigninSheet, output: Path, blank_rows: int = BLANK_ROWS) -> Path:
    from pierglass_desktop.reports.pdf_base import build_pdf

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
    ]


def _signature_block(style) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.pdf_base import para

    return [
        Spacer(1, 8 * mm),
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
    """The register, with the tutor's signature block as its last row so that it never goes
    to a page of its own: the last register rows go with it (NOSPLIT)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from pierglass_desktop.reports.pdf_base import ACCENT, FONT, RULE, para

    headings = [_("No."), _("Name"), _("Company"), _("Arrival"), _("Leaving"), _("Signature")]
    data: list[list] = [[para(h, style["bold"]) for h in headings]]
    heights: list[float | None] = [None]
    for number, (name, company) in enumerate(sheet.members, start=1):
        name_cell = _fitted(name, style["cell"], NAME_WIDTH_MM)
        company_cell = _fitted(company, style["cell"], COMPANY_WIDTH_MM)
        data.append([str(number), name_cell, company_cell, "", "", ""])
        heights.append(_row_height(name_cell, company_cell))
    for number in range(len(sheet.members) + 1, len(sheet.members) + blank_rows + 1):
        data.append([str(number), "", "", "", "", ""])
        heights.append(ROW_HEIGHT_MM * mm)
    last_row = len(data) - 1
    data.append([_signature_block(style), "", "", "", "", ""])
    heights.append(None)
    table = Table(
        data,
        colWidths=[13 * mm, NAME_WIDTH_MM * mm, COMPANY_WIDTH_MM * mm, 20 * mm, 20 * mm, None],
        rowHeights=heights,
        repeatRows=1,  # the headings again on every page
    )
    keep_from = max(1, last_row - KEEP_WITH_SIGNATURE + 1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (0, -1), FONT, 9),
                ("TEXTCOLOR", (0, 1), (0, -1), colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
                ("LINEBELOW", (0, 1), (-1, last_row), 0.5, RULE),
                ("LINEBEFORE", (3, 0), (-1, last_row), 0.5, RULE),
                (
                    "ROWBACKGROUNDS",
                    (0, 1),
                    (-1, last_row),
                    [colors.white, colors.HexColor("#f4f7f8")],
                ),
                ("SPAN", (0, -1), (-1, -1)),
                ("LEFTPADDING", (0, -1), (-1, -1), 0),
                ("NOSPLIT", (0, keep_from), (-1, -1)),
            ]
        )
    )
    return table


def _fitted(value: str, cell_style, width_mm: float):
    """The text in the cell's font, smaller (down to SMALLEST_FONT) while it is taller than a
    row; a name still too long wraps and its row grows, never over the next one."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    from pierglass_desktop.reports.pdf_base import para

    room_w, room_h = (width_mm - 4) * mm, (ROW_HEIGHT_MM - 2) * mm
    size = cell_style.fontSize
    while True:
        style = ParagraphStyle("fit", parent=cell_style, fontSize=size, leading=size * 1.2)
        cell = para(value, style)
        height = cell.wrap(room_w, room_h)[1]
        if height <= room_h or size <= SMALLEST_FONT:
            return cell
        size = max(SMALLEST_FONT, size - 0.5)


def _row_height(*cells) -> float | None:
    """The standard row, or None (as tall as it needs) when a shrunk text is still too tall."""
    from reportlab.lib.units import mm

    room_h = (ROW_HEIGHT_MM - 2) * mm
    if any(cell.height > room_h for cell in cells):
        return None
    return ROW_HEIGHT_MM * mm


def _signature_line():
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from pierglass_desktop.reports.pdf_base import MUTED

    line = Table([[""]], colWidths=[90 * mm], rowHeights=[1], hAlign="LEFT")
    line.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.7, MUTED)]))
    return line
