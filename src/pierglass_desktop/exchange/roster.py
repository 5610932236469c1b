"""Reading a registration spreadsheet (.csv, .xlsx, .ods) into a header and text rows.

Whatever the file, the result is the same plain table: the header row's captions and every
later non-empty row as text cells, each row with its number in the file, so an error can name
the row the tutor sees in Calc or Excel. Everything is bounded before it is parsed (the limits
of exchange workbooks), and every fault of a damaged or hostile file is one sentence.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.exchange import limits
from pierglass_desktop.i18n import _

MAX_FILE_BYTES = 50 * 1024 * 1024  # a roster of 200,000 people is some 40 MB of CSV
# The header is the first row with two or more captions among the first rows: a title row
# above it (often merged across the columns) has one.
HEADER_SEARCH_ROWS = 10
SEPARATORS = ";,\t"
SUFFIXES = (".csv", ".txt", ".xlsx", ".ods")


@dataclass(frozen=True)
class RosterTable:
    name: str  # the file's name, for sentences
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number in the file, cells)


def read_roster(path: Path) -> RosterTable:
    """The table in ``path``; ValidationError naming the file (and row) when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES:
        raise ValidationError(
            _(
                "{name} is not a spreadsheet this program reads. Save it as .xlsx, .ods or .csv "
                "and try again."
            ).format(name=path.name)
        )
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(
                _("{name} is too large to be a list of participants. Nothing was imported.").format(
                    name=path.name
                )
            )
        if suffix == ".xlsx":
            rows = _xlsx_rows(path)
        elif suffix == ".ods":
            rows = _ods_rows(path)
        else:
            rows = _csv_rows(path.read_bytes())
        return _table(path.name, rows)
    except ValidationError:
        raise
    except OSError as error:
        raise ValidationError(
            _("{name} could not be read ({reason}).").format(
                name=path.name, reason=error.strerror or _("the file cannot be opened")
            )
        ) from error
    except _Refused as refusal:
        raise ValidationError(
            _("{name} cannot be imported: {problem}. Nothing was imported.").format(
                name=path.name, problem=refusal
            )
        ) from None
    except Exception as error:  # zip, XML and openpyxl errors of a damaged file
        raise ValidationError(
            _(
                "{name} is damaged or not the kind of file its name says. Open it in a "
                "spreadsheet program, save it again and retry. Nothing was imported."
            ).format(name=path.name)
        ) from error


class _Refused(ValueError):
    """The file crossed a bound or holds something we do not read; ``str()`` says what."""


def _table(name: str, rows: Iterable[tuple[int, list]]) -> RosterTable:
    header: tuple[str, ...] | None = None
    body: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in rows:
        if number > limits.MAX_ROWS:
            raise _Refused(_("it has more than {limit} rows").format(limit=limits.MAX_ROWS))
        texts = _trimmed([_text(cell) for cell in cells[: limits.MAX_COLUMNS]])
        filled = sum(1 for t in texts if t)
        if header is None:
            if filled >= 2:
                header = texts
            elif number > HEADER_SEARCH_ROWS:
                break
            continue
        if filled:
            body.append((number, texts))
    if header is None:
        raise ValidationError(
            _(
                "{name} has no heading row (e.g. first name, last name, e-mail) in its first "
                "{count} rows. Nothing was imported."
            ).format(name=name, count=HEADER_SEARCH_ROWS)
        )
    return RosterTable(name, header, tuple(body))


def _trimmed(texts: list[str]) -> tuple[str, ...]:
    """Without the empty cells at the end (spreadsheets pad rows to the widest one)."""
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone or year typed as a number: 1985.0 -> 1985
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


# ---------------------------------------------------------------- CSV


def decode_csv(data: bytes) -> tuple[str, bool]:
    """UTF-8 with or without BOM, else Windows-1252 (what Excel saves as "CSV" in Finland);
    and whether any byte could not be decoded (it became U+FFFD)."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if body is not data:  # a BOM says UTF-8: its broken bytes are replaced, not reread
        text = body.decode("utf-8", errors="replace")
    else:
        text = data.decode("cp1252", errors="replace")
    return text, "\ufffd" in text


def looks_like_text(text: str, lossy: bool, sample: int = 4096) -> bool:
    """False for binary files renamed .csv: text has no NULs and hardly any control
    characters or undecodable bytes (a stray one or two in a long list is tolerated). A
    U+FFFD in well-formed UTF-8 is a character someone typed, not a byte lost."""
    head = text[:sample]
    odd = sum(1 for ch in head if (ch < " " and ch not in "\t\r\n") or (lossy and ch == "\ufffd"))
    return "\x00" not in head and odd <= len(head) // 100


def sniff_separator(text: str) -> str:
    """The separator used in the first lines: the candidate splitting them most evenly."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (-1, -1)
    for separator in SEPARATORS:
        counts = [len(next(csv.reader([line], delimiter=separator))) for line in lines]
        # Most lines agreeing on a count above one wins; then the wider split.
        common = max(set(counts), key=counts.count)
        score = (counts.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = separator, score
    return best


def _csv_rows(data: bytes) -> Iterator[tuple[int, list]]:
    text, lossy = decode_csv(data)
    if not looks_like_text(text, lossy):
        raise _Refused(
            _(
                "it is not text but some other kind of file; save the list from a spreadsheet "
                "program as .csv, .xlsx or .ods"
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(text))
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise _Refused(
            _("row {row} could not be read as CSV").format(row=reader.line_num)
        ) from error


# ---------------------------------------------------------------- Excel


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    from pierglass_desktop.exchange.workbook import _rows
    from pierglass_desktop.exchange.zip_guard import Refusal, check_workbook_zip

    try:
        check_workbook_zip(path)
    except Refusal as refusal:
        raise _Refused(str(refusal)) from None
    with open(path, "rb") as stream:
        workbook = load_workbook(stream, read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            rows = list(_rows(sheet, sheet.title, path.name))  # formulas refused, row named
        finally:
            workbook.close()
    yield from enumerate((list(r) for r in rows), start=1)


# ---------------------------------------------------------------- OpenDocument

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
CONTENT = "content.xml"


def _ods_rows(path: Path) -> Iterator[tuple[int, list]]:
    """The first table of an OpenDocument spreadsheet, parsed with defusedxml, bounded."""
    from defusedxml.ElementTree import iterparse

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise _Refused(
            _("it is not an OpenDocument spreadsheet (.ods), or it was cut short")
        ) from None
    with archive:
        try:
            info = archive.getinfo(CONTENT)
        except KeyError:
            raise _Refused(_("it is a zip file but holds no spreadsheet")) from None
        if info.file_size > limits.MAX_MEMBER_BYTES or (
            info.file_size > limits.RATIO_FLOOR_BYTES
            and info.file_size > limits.MAX_COMPRESSION_RATIO * max(1, info.compress_size)
        ):
            raise _Refused(_("its contents would unpack far larger than a spreadsheet"))
        with archive.open(info) as stream:
            yield from _ods_table(iterparse(stream, events=("start", "end"), forbid_dtd=True))


def _ods_table(events) -> Iterator[tuple[int, list]]:
    number = 0
    tables = 0
    row: list | None = None
    cell_text: list[str] = []
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == f"{{{_TABLE}}}table":
                tables += 1
            continue
        if tables != 1:  # only the first sheet
            if tag == f"{{{_TABLE}}}table":
                return
            continue
        if tag == f"{{{_TEXT}}}p":
            cell_text.append("".join(element.itertext()))
        elif tag in (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
            if row is None:
                row = []
            if element.get(f"{{{_TABLE}}}formula"):
                raise _Refused(
                    _("row {row} holds a formula; type the value itself instead").format(
                        row=number + 1
                    )
                )
            value = "\n".join(cell_text)
            repeat = int(element.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
            # Calc pads a row with one cell repeated to column 1024: the column bound caps it.
            row.extend([value] * max(0, min(repeat, limits.MAX_COLUMNS - len(row))))
            cell_text = []
            element.clear()
        elif tag == f"{{{_TABLE}}}table-row":
            repeat = int(element.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
            cells = row or []
            if any(cells):
                for _copy in range(min(repeat, limits.MAX_ROWS + 1)):
                    number += 1
                    yield number, cells  # the table refuses a row beyond the bound
            else:
                number += repeat  # Calc pads the sheet with a million empty rows: counted only
            row = None
            element.clear()
        elif tag == f"{{{_TABLE}}}table":
            return
