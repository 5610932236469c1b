"""The exchange workbook base: a versioned .xlsx that people can read and the program can trust.

Layout (DESIGN §5): an ``About`` sheet first, for people; a ``_meta`` sheet of key/value rows
(format name and version, app version, exported-at, origin and any extras); then one sheet per
entity with a header row of stable column keys and one row per record.

Writing: every text cell is stored as text with a quote prefix, so ``=x`` never becomes a
formula, even after Excel or Calc re-saves the file; control characters openpyxl cannot store
are removed and line ends become ``\\n``. Reading: read-only mode with ``reset_dimensions()``
(a lying ``<dimension>`` tag must not hide rows), columns found by their header key, values
decoded by column kind, and every problem — damaged zip, broken XML, wrong format, newer
version, bad value — raised as one ValidationError sentence naming sheet, row and column.
Used by library packs now and by the project-sync export later.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from pierglass_desktop import __version__
from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.errors import StorageError, ValidationError
from pierglass_desktop.exchange import limits
from pierglass_desktop.i18n import _

ABOUT_SHEET = "About"
META_SHEET = "_meta"
ROW_KEY = "_row"
MAX_CELL_TEXT = limits.CELL_TEXT_LIMIT
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Column:
    """A column: its stable key and its kind: text, exact_text (control characters and ``\r``
    kept, see ``escape_text``), int, bool, id, datetime (a UTC moment),
    local_datetime (a wall-clock time, no zone), date, time, json.

    ``max_length`` bounds a text (default: what a cell holds; a model column's length where
    the value lands in one, see ``text_limit``); ``low``/``high`` bound an int. Reading and
    writing keep the same bounds.
    """

    key: str
    kind: str = "text"
    required: bool = False
    max_length: int = limits.CELL_TEXT_LIMIT
    low: int = limits.INT_LOW
    high: int = limits.INT_HIGH


def text_limit(model_column) -> int:
    """The longest text a model column keeps (its String length), at most a cell's limit."""
    length = getattr(model_column.type, "length", None)
    return min(length or limits.CELL_TEXT_LIMIT, limits.CELL_TEXT_LIMIT)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(frozen=True)
class WorkbookFormat:
    name: str
    version: int
    sheets: tuple[Sheet, ...]

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


@dataclass(frozen=True)
class WorkbookMeta:
    format_name: str
    format_version: int
    app_version: str
    exported_at: datetime | None
    origin: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadWorkbook:
    meta: WorkbookMeta
    sheets: dict[str, list[dict[str, Any]]]


# ---------------------------------------------------------------- cell values


def clean_text(value: str) -> str:
    """What a text cell can hold: no control characters but tab and newline; ``\\n`` line ends."""
    if value.isprintable():  # the common case, at C speed: nothing to take out
        return value
    return _ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


_ESCAPABLE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape_text(value: str) -> str:
    """Text with every character a cell cannot hold (control characters, ``\r``) written as
    the spreadsheet standard's ``_xHHHH_``, and an ``_`` that starts such a sequence as
    ``_x005F_``, so the text comes back exactly, also after Excel or Calc re-save the file."""
    if value.isprintable() and "_x" not in value:  # the common case: nothing to escape
        return value
    return _ESCAPABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


def unescape_text(value: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


def format_utc(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    if moment.year >= 1000:  # four digits, as strftime writes them too: the faster way
        return moment.isoformat(timespec="milliseconds")[:-6] + "Z"  # "+00:00" becomes "Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


_ENCODERS: dict[str, Callable[[Any], Any]] = {
    "int": int,
    "bool": lambda value: "true" if value else "false",
    "datetime": format_utc,
    "date": lambda value: value.isoformat(),
    "local_datetime": lambda value: value.replace(tzinfo=None).isoformat(timespec="seconds"),
    "time": lambda value: value.isoformat(timespec="seconds"),
    "json": lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
    "exact_text": lambda value: escape_text(str(value)),
}


def _clean_str(value: Any) -> str:
    return clean_text(str(value))


def cell_encoder(column: Column) -> Callable[[Any], Any]:
    """The column's writer: a Python value as the cell value the workbook keeps (text for
    everything but numbers), its bounds checked (``CellError``). Its choices are made once per
    column, since an export writes a million cells."""
    kind = column.kind
    convert = _ENCODERS.get(kind, _clean_str)
    keeps_empty = kind in ("text", "exact_text")
    is_int = kind == "int"

    def encode_cell(raw: Any) -> Any:
        if raw is None or (raw == "" and not keeps_empty):
            return None
        value = convert(raw)
        # A text's bound is on what was typed: escaping control characters for the cell
        # lengthens it, and the reader undoes that before it checks.
        checked = raw if isinstance(raw, str) else value
        if is_int or (isinstance(checked, str) and len(checked) > column.max_length):
            check_bounds(checked, column)
        if isinstance(value, str) and len(value) > limits.CELL_TEXT_LIMIT:
            raise _too_long(value, limits.CELL_TEXT_LIMIT)  # openpyxl would cut it silently
        return value

    return encode_cell


class CellError(ValueError):
    """A value that does not fit its column; the reader adds sheet, row and column."""


class CellValidationError(ValidationError):
    """A refused cell: the sentence, and where and what for a preview's list of errors."""

    def __init__(self, message: str, *, sheet: str, row: int, column: str, rule: str, value: Any):
        super().__init__(message)
        self.sheet, self.row, self.column, self.rule, self.value = sheet, row, column, rule, value


TEXT_KINDS = ("text", "exact_text", "read_text")


def cell_decoder(column: Column) -> Callable[[Any], Any]:
    """The column's reader: a cell's value as Python, tolerant of what Excel or Calc may have
    made of it. Its choices are made once per column, since a sync file has a million cells."""
    convert = _DECODERS[column.kind]
    text_kind = column.kind in TEXT_KINDS
    empty = "" if text_kind else None
    required = column.required

    def decode(raw: Any) -> Any:
        if raw is None or (not text_kind and isinstance(raw, str) and raw.strip() == ""):
            if required:
                raise CellError(_("a value is needed"))
            return empty
        try:
            value = convert(raw)
        except CellError:
            raise
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            raise CellError(
                _("“{value}” is not a valid value here").format(value=_shortened(raw))
            ) from error
        check_bounds(value, column)
        return value

    return decode


def check_bounds(value: Any, column: Column) -> None:
    """Raise CellError if ``value`` lies outside the column's bounds (both directions use it)."""
    if column.kind == "int" and value is not None and not column.low <= value <= column.high:
        raise CellError(
            _("{value} is outside the allowed range {low} to {high}").format(
                value=_shortened(value), low=column.low, high=column.high
            )
        )
    if isinstance(value, str) and len(value) > column.max_length:
        raise _too_long(value, column.max_length)


def _too_long(text: str, limit: int) -> CellError:
    return CellError(
        _("the text has {count} characters; at most {limit} fit here").format(
            count=len(text), limit=limit
        )
    )


def _shortened(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a number Excel guessed from digits-only text
    return clean_text(str(raw))


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError(raw)
        return int(raw)
    return int(str(raw).strip())


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes", "tosi"):
        return True
    if text in ("false", "0", "no", "epätosi"):
        return False
    raise ValueError(raw)


def _id(raw: Any) -> str:
    text = str(raw).strip().lower()
    if not _UUID.match(text):
        raise ValueError(raw)
    return text


def _datetime(raw: Any) -> datetime:
    if isinstance(raw, datetime):  # a spreadsheet turned the text into a date: take it as UTC
        return raw.replace(tzinfo=UTC) if raw.tzinfo is None else raw.astimezone(UTC)
    text = str(raw).strip()
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return date.fromisoformat(str(raw).strip())


def _local_datetime(raw: Any) -> datetime:
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None)
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    parsed = datetime.fromisoformat(str(raw).strip())
    if parsed.tzinfo is not None:
        raise ValueError(raw)  # a wall-clock time carries no zone
    return parsed


def _time(raw: Any) -> time:
    if isinstance(raw, datetime):
        return raw.time()
    if isinstance(raw, timedelta) and timedelta(0) <= raw < timedelta(days=1):
        raw = raw.total_seconds() / 86_400
    if isinstance(raw, time):
        return raw
    if isinstance(raw, float | int) and not isinstance(raw, bool) and 0 <= raw < 1:
        seconds = round(raw * 86_400)  # a spreadsheet keeps a time as a fraction of a day
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    return time.fromisoformat(str(raw).strip())


def _read_text(raw: Any) -> str:
    """An exact text as a reader that already undid the escapes hands it over."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a number Excel guessed from digits-only text
    return str(raw)


def _exact_text(raw: Any) -> str:
    return unescape_text(_read_text(raw))


_DECODERS = {
    "text": _text,
    "exact_text": _exact_text,
    "read_text": _read_text,
    "int": _int,
    "bool": _bool,
    "id": _id,
    "datetime": _datetime,
    "date": _date,
    "local_datetime": _local_datetime,
    "time": _time,
    "json": lambda raw: json.loads(str(raw)),
}


# ---------------------------------------------------------------- writing


def write_workbook(
    path: Path,
    fmt: WorkbookFormat,
    data: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    origin: str,
    about: Sequence[str],
    extra_meta: Mapping[str, str] | None = None,
    describe: Callable[[str, Mapping[str, Any]], str] | None = None,
    password: str | None = None,
) -> Path:
    """Write the workbook atomically: a half-written file never replaces a good one.

    Every value is encoded and checked against its column's bounds as its row is written
    (rows are streamed: ``data`` may hold generators, so memory stays flat however many rows);
    a refused value stops the export with one sentence and no workbook is left behind.
    ``describe(sheet, record)`` names a record for that sentence ("the method “Fishbowl”").
    With a ``password`` the file is encrypted (``exchange.protected``).
    """
    from openpyxl import Workbook

    path = Path(path)
    meta = {
        "format": fmt.name,
        "format_version": str(fmt.version),
        "app_version": __version__,
        "exported_at": format_utc(utcnow()),
        "origin": origin,
        **(extra_meta or {}),
    }
    workbook = Workbook(write_only=True)
    try:
        _write_rows(workbook, ABOUT_SHEET, [[line] for line in about])
        _write_rows(workbook, META_SHEET, [["key", "value"], *meta.items()])
        for sheet in fmt.sheets:
            rows = _encoded_rows(sheet, data.get(sheet.name, ()), describe)
            _write_rows(workbook, sheet.name, [list(sheet.keys)], rows)
        save_atomically(workbook, path, password=password)
    except OSError as error:
        _discard(workbook)
        from pierglass_desktop.storage.faults import storage_error

        raise storage_error(error, path) or StorageError(
            _("{path} could not be written ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    except BaseException:
        _discard(workbook)
        raise
    return path


def save_atomically(workbook: Any, path: Path, *, password: str | None = None) -> Path:
    """Write ``workbook`` beside ``path`` and move it into place, so a half-written file never
    replaces a good one. On a refusal of the disk the half-written zip is closed here, quietly:
    left open, Python would try to finish it at exit and print a traceback after the sentence.
    The OSError goes up as it is, for the caller to turn into a sentence.

    With a ``password`` the workbook is built in memory and only its encrypted form is written
    (``exchange.protected``): the plain file never touches the disk."""
    import contextlib
    import io
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    from pierglass_desktop.private_files import create_private_file

    partial = create_private_file(path.with_name(path.name + ".partial"))  # 0600: personal data
    memory = io.BytesIO() if password else None
    archive = ZipFile(memory or partial, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).save()  # closes the archive when it succeeds
        if memory is not None and password:
            from pierglass_desktop.exchange.protected import encrypt

            partial.write_bytes(encrypt(memory.getvalue(), password))
        partial.replace(path)
    except BaseException:
        with contextlib.suppress(OSError, ValueError):
            archive.close()
        raise
    finally:
        partial.unlink(missing_ok=True)
    return path


def _discard(workbook) -> None:
    """Close the sheets of an export stopped half-way and remove their temporary files."""
    import contextlib

    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None or sheet.closed:
            continue
        with contextlib.suppress(Exception):  # the export's own error is the one to report
            sheet.close()
            writer.cleanup()


def _encoded_rows(sheet: Sheet, records: Iterable[Mapping[str, Any]], describe) -> Iterator[list]:
    encoders = [(column.key, cell_encoder(column)) for column in sheet.columns]
    for number, record in enumerate(records, start=2):
        get = record.get
        try:
            yield [
                None if (raw := get(key)) is None else encode_cell(raw)
                for key, encode_cell in encoders
            ]
        except CellError:
            _refuse(sheet, record, number, encoders, describe)


def _refuse(sheet: Sheet, record: Mapping[str, Any], number: int, encoders, describe) -> None:
    """Raise the sentence for the first value of ``record`` that does not fit its column."""
    for key, encode_cell in encoders:
        try:
            encode_cell(record.get(key))
        except CellError as error:
            where = (
                describe(sheet.name, record)
                if describe
                else _("Sheet “{sheet}”, row {row}").format(sheet=sheet.name, row=number)
            )
            raise ValidationError(
                _("{where}, field “{column}”: {problem}. Nothing was written.").format(
                    where=where, column=key, problem=error
                )
            ) from None


def _write_rows(workbook, title: str, *row_groups: Iterable[Sequence[Any]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    sheet = workbook.create_sheet(title)
    for rows in row_groups:
        for row in rows:
            sheet.append([_value(sheet, value, WriteOnlyCell, ERROR_CODES) for value in row])


# How a text starts that a spreadsheet would take for a formula or a number's sign: Excel and
# Calc keep it as text only with a quote prefix.
QUOTED_STARTS = ("=", "+", "-", "@", "\t", "\n")


def _value(sheet, value: Any, cell_class, error_codes: Sequence[str]):
    """What the row appends for ``value``: the value itself where openpyxl writes it as it is,
    and a cell of its own for a text it would not (see ``text_cell``). A cell object for every
    text, which openpyxl first tries as a value and refuses with an error message built for
    nothing, took a third of a project export's time."""
    if isinstance(value, str) and (value[:1] in QUOTED_STARTS or value in error_codes):
        return text_cell(sheet, value, cell_class)
    return value


def text_cell(sheet, text: str, cell_class):
    """A write-only cell that keeps ``text`` as text, also after Excel or Calc re-save it."""
    cell = cell_class(sheet, value=text[:MAX_CELL_TEXT])  # longer ones were refused above
    cell.data_type = "s"  # text stays text: "=x" is never a formula
    if text[:1] in QUOTED_STARTS:
        cell.quotePrefix = True  # and Excel or Calc keep it so when they re-save
    return cell


# ---------------------------------------------------------------- reading


Upgrade = Callable[[dict[str, list[dict[str, Any]]]], None]


def read_workbook(
    path: Path,
    fmt: WorkbookFormat,
    *,
    what: str,
    upgrades: Mapping[int, Upgrade] | None = None,
    fast: bool = False,
) -> ReadWorkbook:
    """The validated contents of an exchange workbook of format ``fmt``.

    A file of an older format version is read with the current columns (a column or sheet it
    lacks reads as empty) and then brought up to date by ``upgrades[v]`` for each version ``v``
    from the file's to the current one, each changing the records in place.
    ``fast`` reads the cells with python-calamine where it is installed (see ``_FastBook``).
    ``what`` names the kind of file for sentences ("library pack"). Nothing here writes. The
    zip is checked against the bounds of ``limits`` before openpyxl opens it, and every fault
    of a damaged or hostile file becomes one sentence (never an exception's class name).
    """
    from pierglass_desktop.exchange.zip_guard import NotAWorkbook, Refusal, check_workbook_zip

    path = Path(path)
    try:
        scan = check_workbook_zip(path)
        book = _read(path, fmt, what, fast, scan.formula_sheet)
        for version in range(book.meta.format_version, fmt.version):
            (upgrades or {})[version](book.sheets)
        return book
    except (ValidationError, StorageError):
        raise
    except NotAWorkbook as refusal:
        raise ValidationError(
            _(
                "{name} is not a {what} or it is damaged: {problem}. Ask its sender for a new "
                "copy. Nothing was imported."
            ).format(name=path.name, what=what, problem=refusal)
        ) from None
    except Refusal as refusal:
        raise ValidationError(
            _(
                "{name} cannot be imported safely: {problem}. Ask its sender to check the file. "
                "Nothing was imported."
            ).format(name=path.name, problem=refusal)
        ) from None
    except OSError as error:
        raise ValidationError(
            _("{name} could not be read ({reason}).").format(
                name=path.name, reason=error.strerror or _("the file cannot be opened")
            )
        ) from error
    except Exception as error:  # zip, XML, openpyxl and value errors of a damaged file
        raise ValidationError(
            _(
                "{name} is not a {what} or it is damaged. Ask its sender for a new copy. "
                "Nothing was imported."
            ).format(name=path.name, what=what)
        ) from error


def _read(
    path: Path, fmt: WorkbookFormat, what: str, fast: bool, formula_sheet: str | None
) -> ReadWorkbook:
    """``formula_sheet``: the first sheet the zip scan found a formula in (see ``_FastBook``)."""
    if fast:
        book = _FastBook.open(path)
        if book is not None:
            if formula_sheet is not None:  # its cached value may be stale: refused
                raise ValidationError(
                    _(
                        "Sheet “{sheet}” of {name} holds a formula; type the value "
                        "itself instead. Nothing was imported."
                    ).format(sheet=formula_sheet, name=path.name)
                )
            return _read_sheets(book, path.name, fmt, what)
    from openpyxl import load_workbook

    with open(path, "rb") as stream:  # a file object: openpyxl then ignores the file's suffix
        workbook = load_workbook(stream, read_only=True, data_only=False)
        try:
            return _read_sheets(workbook, path.name, fmt, what)
        finally:
            workbook.close()


class _FastBook:
    """The workbook read by python-calamine (Rust), when it is installed: ~20× openpyxl's
    speed on the inline strings openpyxl itself writes. It reports a formula's cached value,
    so the zip scan (``zip_guard``) looks for formula elements in the sheets' XML as it checks
    the bounds, and ``_read`` refuses a file it found one in."""

    def __init__(self, book):
        self.book = book
        self.sheetnames = list(book.sheet_names)

    @classmethod
    def open(cls, path: Path) -> _FastBook | None:
        try:
            from python_calamine import CalamineWorkbook
        except ImportError:
            return None
        return cls(CalamineWorkbook.from_path(str(path)))

    def __getitem__(self, title: str) -> _FastSheet:
        return _FastSheet(self.book.get_sheet_by_name(title))


class _FastSheet:
    def __init__(self, sheet):
        self.rows = sheet.to_python(skip_empty_area=False)  # "" for an empty cell

    def value_rows(self) -> Iterator[tuple]:
        for row in self.rows:
            yield tuple(None if v == "" else v for v in row[: limits.MAX_COLUMNS])


def _unescaped(column: Column) -> Column:
    return replace(column, kind="read_text") if column.kind == "exact_text" else column


def _read_sheets(workbook, name: str, fmt: WorkbookFormat, what: str) -> ReadWorkbook:
    if META_SHEET not in workbook.sheetnames:
        raise ValidationError(
            _("{name} is not a {what}: it has no {sheet} sheet. Nothing was imported.").format(
                name=name, what=what, sheet=META_SHEET
            )
        )
    meta_rows = list(_rows(workbook[META_SHEET], META_SHEET, name, ("key", "value")))
    meta = _read_meta(meta_rows, fmt, name, what)
    sheets = {}
    for sheet in fmt.sheets:
        if sheet.name not in workbook.sheetnames:
            if meta.format_version < fmt.version:
                sheets[sheet.name] = []  # added since: the upgrade fills it if need be
                continue
            raise ValidationError(
                _("{name} is missing its “{sheet}” sheet. Nothing was imported.").format(
                    name=name, sheet=sheet.name
                )
            )
        sheets[sheet.name] = _read_sheet(workbook[sheet.name], sheet, name)
    return ReadWorkbook(meta, sheets)


def _rows(worksheet, title: str, name: str, header: Sequence[str] = ()) -> Iterator[tuple]:
    """The sheet's rows as values, streamed, at most ``limits.MAX_ROWS`` of them.

    A formula cell is refused: its cached value may be missing (it would arrive blank) or stale.
    """
    if isinstance(worksheet, _FastSheet):
        for number, values in enumerate(worksheet.value_rows(), start=1):
            if number > limits.MAX_ROWS:
                raise ValidationError(
                    _(
                        "Sheet “{sheet}” of {name} has more than {limit} rows. "
                        "Nothing was imported."
                    ).format(sheet=title, name=name, limit=limits.MAX_ROWS)
                )
            yield values
        return
    worksheet.reset_dimensions()  # the stored <dimension> may lie about the size
    for number, row in enumerate(worksheet.iter_rows(max_col=limits.MAX_COLUMNS), start=1):
        if number > limits.MAX_ROWS:
            raise ValidationError(
                _(
                    "Sheet “{sheet}” of {name} has more than {limit} rows. Nothing was imported."
                ).format(sheet=title, name=name, limit=limits.MAX_ROWS)
            )
        values = []
        for index, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f":
                column = header[index] if index < len(header) and header[index] else None
                raise ValidationError(
                    _(
                        "Sheet “{sheet}” of {name}, row {row}, column “{column}” holds a "
                        "formula; type the value itself instead. Nothing was imported."
                    ).format(sheet=title, name=name, row=number, column=column or _letter(index))
                )
            values.append(cell.value)
        yield tuple(values)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _read_meta(rows: list[tuple], fmt: WorkbookFormat, name: str, what: str) -> WorkbookMeta:
    values = {
        str(r[0]).strip(): ("" if len(r) < 2 or r[1] is None else str(r[1]).strip())
        for r in rows[1:]
        if r and r[0] is not None
    }
    if values.get("format") != fmt.name:
        raise ValidationError(
            _("{name} is not a {what} (it is “{found}”). Nothing was imported.").format(
                name=name, what=what, found=values.get("format") or _("unknown")
            )
        )
    try:
        version = int(values.get("format_version", ""))
    except ValueError:
        version = 0
    if version < 1:
        raise ValidationError(
            _("{name} has no valid format version. Nothing was imported.").format(name=name)
        )
    if version > fmt.version:
        raise ValidationError(
            _(
                "{name} was made by a newer version of Pier-glass (format {found}, this program "
                "reads up to {known}). Update the program, then import again. Nothing was imported."
            ).format(name=name, found=version, known=fmt.version)
        )
    exported = values.get("exported_at")
    known = {"format", "format_version", "app_version", "exported_at", "origin"}
    return WorkbookMeta(
        format_name=fmt.name,
        format_version=version,
        app_version=values.get("app_version", ""),
        exported_at=_datetime(exported) if exported else None,
        origin=values.get("origin", ""),
        extra={k: v for k, v in values.items() if k not in known},
    )


def _read_sheet(worksheet, sheet: Sheet, name: str) -> list[dict[str, Any]]:
    header: list[str] = []  # filled from the first row; formula sentences name its keys
    rows = _rows(worksheet, sheet.name, name, header)
    header.extend(str(v).strip() if v is not None else "" for v in next(rows, ()))
    if isinstance(worksheet, _FastSheet):  # calamine undoes the _xHHHH_ escapes itself
        sheet = Sheet(sheet.name, tuple(_unescaped(c) for c in sheet.columns))
    positions = {key: header.index(key) for key in sheet.keys if key in header}
    missing = [c.key for c in sheet.columns if c.required and c.key not in positions]
    if missing:
        raise ValidationError(
            _(
                "Sheet “{sheet}” of {name} lacks the column “{column}”. Nothing was imported."
            ).format(sheet=sheet.name, name=name, column=missing[0])
        )
    decoders = [cell_decoder(c) for c in sheet.columns]
    if isinstance(worksheet, _FastSheet):
        from pierglass_desktop.exchange.column_decode import decode_columns

        fast = decode_columns(worksheet.rows[1:], sheet.columns, positions, decoders, ROW_KEY)
        if fast is not None:
            return fast
        # A refused cell: read again row by row, which names the first one.
        rows = _rows(worksheet, sheet.name, name, header)
        next(rows, None)
    # (key, position in the row or None, the column's reader), worked out once per sheet
    columns = zip(sheet.columns, decoders, strict=True)
    readers = [(c.key, positions.get(c.key), decode) for c, decode in columns]
    records = []
    for number, row in enumerate(rows, start=2):
        if not row or all(v is None or v == "" for v in row):
            continue  # people leave blank lines
        records.append(_read_record(row, sheet, readers, name, number))
    return records


Reader = tuple[str, int | None, Callable[[Any], Any]]


def _read_record(row: tuple, sheet: Sheet, readers: list[Reader], name: str, number: int):
    record: dict[str, Any] = {ROW_KEY: number}  # for sentences that name the row
    width = len(row)
    for key, index, decode in readers:
        raw = row[index] if index is not None and index < width else None
        try:
            record[key] = decode(raw)
        except CellError as error:
            raise CellValidationError(
                _(
                    "Sheet “{sheet}” of {name}, row {row}, column “{column}”: {problem}. "
                    "Nothing was imported."
                ).format(sheet=sheet.name, name=name, row=number, column=key, problem=error),
                sheet=sheet.name,
                row=number,
                column=key,
                rule=str(error),
                value=raw,
            ) from error
    return record
