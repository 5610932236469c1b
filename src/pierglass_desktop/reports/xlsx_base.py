"""What every workbook for people shares: safe text cells, typed numbers and dates, and pages
that print (A4, frozen headings, titles repeated on every page, page numbers).

Text is written the way the exchange workbooks write it (``exchange.workbook``): stored as text
with a quote prefix where it could look like a formula, control characters removed, so a name
like ``=HYPERLINK(…)`` stays a name in Excel and Calc, also after they re-save the file.
Sheets are written in write-only mode: rows stream to disk, memory stays flat.
Import this module only inside the functions that write; openpyxl costs start-up time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from pierglass_desktop.exchange.workbook import clean_text, save_atomically, text_cell
from pierglass_desktop.i18n import _, current_language

ACCENT = "1F5F7A"  # the printouts' accent colour
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=ACCENT)
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTER = Alignment(horizontal="center")
BOLD = Font(bold=True)
THIN = Border(bottom=Side(style="thin", color="B8C7CE"))
HOURS = "0.0"
RATE = "0%"
AVERAGE = "0.0"


def date_format() -> str:
    """Excel's number format for a date in the document's language (the value stays a date)."""
    return "d.m.yyyy" if current_language() == "fi" else "d mmm yyyy"


@dataclass(frozen=True)
class Col:
    heading: str
    width: float
    kind: str = "text"  # text, wrap, int, hours, rate, average, date


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def cell(
    sheet, value: Any, kind: str = "text", *, top: bool = False, center: bool = False, **style
):
    """A cell of the column's kind: text stays text, numbers and dates keep their type.

    Styles are set only where they change something (each costs openpyxl a lookup, and a
    workbook has tens of thousands of cells): wrapping for long texts, the top edge when the
    row holds one (``top``), a number format for hours, rates, averages and dates."""
    if value is None or value == "":
        if not style:
            return None
        made = WriteOnlyCell(sheet, value=None)
    elif kind in ("text", "wrap"):
        made = text_cell(sheet, clean_text(str(value)), WriteOnlyCell)
    else:
        made = WriteOnlyCell(sheet, value=value)
        number_format = _FORMATS.get(kind) or (
            date_format() if isinstance(value, date | datetime) else None
        )
        if number_format:
            made.number_format = number_format
    if center:
        made.alignment = CENTER
    elif kind == "wrap":
        made.alignment = WRAP
    elif top:
        made.alignment = TOP
    for name, value_ in style.items():
        setattr(made, name, value_)
    return made


_FORMATS = {"hours": HOURS, "rate": RATE, "average": AVERAGE}


def header_row(sheet, headings: Iterable[str]) -> list:
    cells = []
    for heading in headings:
        made = cell(sheet, heading, font=HEADER_FONT)  # a cell even when blank: the fill
        made.font, made.fill, made.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
        cells.append(made)
    return cells


LINE_HEIGHT = 15  # points: one line of the 11-point body font
MOST_HEADING_LINES = 3


def heading_height(columns: Sequence[Col]) -> float:
    """The heading row's height, in points, for its longest wrapped heading: spreadsheet
    programs do not grow a row for wrapped text written by another program, so a Finnish
    "Ensimmäinen tapaaminen" in a narrow column would be cut off."""
    lines = max(
        (math.ceil(len(c.heading) * 1.15 / max(c.width - 1, 1)) for c in columns), default=1
    )
    return LINE_HEIGHT * min(max(lines, 1), MOST_HEADING_LINES)


def table_sheet(
    workbook,
    title: str,
    columns: Sequence[Col],
    rows: Iterable[Sequence[Any]],
    *,
    document: str,
    subject: str,
    landscape: bool = False,
    freeze: str = "A2",
) -> int:
    """A sheet of one heading row and ``rows`` (values in column order); returns the rows
    written. Ready to print: widths, frozen heading, heading on every page, page numbers."""
    sheet = workbook.create_sheet(clean_sheet_title(title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    prepare_print(sheet, document, subject, landscape=landscape, freeze=freeze)
    sheet.row_dimensions[1].height = heading_height(columns)  # before the row: it streams
    sheet.append(header_row(sheet, [c.heading for c in columns]))
    count = 1
    top = any(c.kind == "wrap" for c in columns)  # rows may be tall: align every cell on top
    for row in rows:
        sheet.append([cell(sheet, v, c.kind, top=top) for v, c in zip(row, columns, strict=True)])
        count += 1
    set_print_area(sheet, len(columns), count)
    return count


def prepare_print(sheet, document: str, subject: str, *, landscape: bool, freeze: str) -> None:
    """A4, fit to the page's width, the heading row repeated, a header and page numbers."""
    sheet.freeze_panes = freeze
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.left.text = header_text(document)
    sheet.oddHeader.right.text = header_text(subject)
    sheet.oddFooter.left.text = "&A"  # the sheet's name
    sheet.oddFooter.right.text = (
        header_text(_("Page {page} of {pages}")).replace("{page}", "&P").replace("{pages}", "&N")
    )


def set_print_area(sheet, columns: int, rows: int) -> None:
    sheet.print_area = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"


def header_text(value: str) -> str:
    """A user's text in a page header: ``&`` starts a code there, so it is doubled; one line."""
    flat = clean_text(value).replace("\n", " ").replace("\t", " ")
    return flat.replace("&", "&&")[:120]


def clean_sheet_title(title: str) -> str:
    """Sheet names may not hold []:*?/\\ and are at most 31 characters long."""
    bad = str.maketrans({c: " " for c in "[]:*?/\\"})
    return clean_text(title).translate(bad).strip()[:31] or "Sheet"


def tint(colour: str, strength: float = 0.22) -> str:
    """A light fill of a vocabulary colour (#rrggbb), so black text stays readable on it."""
    value = colour.lstrip("#")
    parts = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - p) * strength):02X}" for p in parts)


def save_workbook(workbook, output: Path) -> Path:
    """Write atomically (``exchange.workbook.save_atomically``). A disk's refusal (OSError)
    goes up as it is: the command line and the window turn it into a sentence."""
    return save_atomically(workbook, Path(output))
