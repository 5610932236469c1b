"""Checks an exchange workbook's zip before openpyxl opens it, in bounded time and memory.

First the central directory (sizes and ratios, nothing inflated), then one streaming pass over
the sheets and the shared texts with byte patterns (C speed, no parser callbacks per element):
rows per sheet, cells per row, the length of every text and no DTD, stopping at the first bound
crossed. The sheet list and its relations are small and read with expat. openpyxl, which
keeps the shared texts in memory and builds every string a sheet holds, then only ever sees a
file within the bounds of ``limits``.
Every refusal is a ``Refusal`` carrying the sentence's middle part; the reader words the rest.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from pierglass_desktop.exchange import limits
from pierglass_desktop.i18n import _

WORKBOOK_PART = "xl/workbook.xml"
SHARED_TEXTS = "xl/sharedStrings.xml"
_CHUNK = 256 * 1024
_TEXT_TAGS = {"t", "v", "f"}


class Refusal(ValueError):
    """The file crossed a bound; ``str()`` says how, for a tutor."""


class NotAWorkbook(Refusal):
    """The file is not a workbook at all, or it is damaged."""


@dataclass(frozen=True)
class WorkbookScan:
    """What the scan saw besides the bounds, for readers that cannot see it themselves."""

    formula_sheet: str | None = None  # the first sheet holding a formula element, if any


def check_workbook_zip(path: Path) -> WorkbookScan:
    """Raise ``Refusal`` unless ``path`` is a zip holding a workbook within every bound.

    The same pass notes the first sheet with a formula (python-calamine reports only a
    formula's cached value), so no reader has to inflate the sheets once more to find one."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise NotAWorkbook(_("it is not an Excel workbook (.xlsx), or it was cut short")) from None
    with archive:
        members = archive.infolist()
        _check_directory(members)
        names = {m.filename for m in members}
        if WORKBOOK_PART not in names:
            raise NotAWorkbook(_("it is a zip file but holds no Excel workbook"))
        sheets = _sheet_parts(archive, names)
        if SHARED_TEXTS in names:
            _scan(archive, SHARED_TEXTS, None)
        formula_sheet = None
        for part, title in sheets.items():
            if _scan(archive, part, title) and formula_sheet is None:
                formula_sheet = title
    return WorkbookScan(formula_sheet)


def _check_directory(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > limits.MAX_MEMBERS:
        raise Refusal(_("it has far more parts than a workbook has"))
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.MAX_MEMBER_BYTES or total > limits.MAX_TOTAL_BYTES:
            raise Refusal(
                _("it would unpack to more than {size} MB").format(
                    size=limits.MAX_TOTAL_BYTES // 1024 // 1024
                )
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.RATIO_FLOOR_BYTES and ratio > limits.MAX_COMPRESSION_RATIO:
            raise Refusal(_("it unpacks to far more than a workbook of its size can hold"))


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Zip part -> sheet title, for every sheet the workbook lists."""
    relations = _attributes(archive, "xl/_rels/workbook.xml.rels", "Relationship")
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    sheets = {}
    for sheet in _attributes(archive, WORKBOOK_PART, "sheet"):
        target = targets.get(_relation_id(sheet), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        part = posixpath.normpath(part)
        if part in names:
            sheets[part] = sheet.get("name", "")
    return sheets


def _relation_id(attributes: dict[str, str]) -> str | None:
    return next((v for k, v in attributes.items() if _local(k) == "id"), None)


def _attributes(archive: zipfile.ZipFile, part: str, tag: str) -> list[dict[str, str]]:
    """The attributes of every ``tag`` element of a small part, read as a stream."""
    if part not in archive.NameToInfo:
        return []
    if archive.NameToInfo[part].file_size > limits.MAX_INDEX_BYTES:
        raise Refusal(_("it has far more parts than a workbook has"))
    found: list[dict[str, str]] = []
    parser = _parser()
    parser.StartElementHandler = lambda name, attrs: (
        found.append(attrs) if _local(name) == tag and len(found) < limits.MAX_MEMBERS else None
    )
    _feed(archive, part, parser)
    return found


# How a row and a cell element begin (writers use the default namespace, without a prefix).
_ROWS = (b"<row ", b"<row>")
_CELLS = (b"<c ", b"<c>")
_BARE_ROW = re.compile(rb"<row>")
_BARE_CELL = re.compile(rb"<c>")
# A cell's or row's position (``r="B7"``). python-calamine makes one dense grid from the first
# to the last position, so a single cell written at XFD1048576 would make it allocate
# gigabytes, and abort the program: positions are bounded like the counts. The first
# expression finds the few that may lie beyond (three letters, from G on with two, six
# digits), in any spelling a parser accepts; the second reads one.
# (Possessive quantifiers: nothing they took can be part of what follows, and not trying
# again at every position a sheet holds took a quarter off the search.)
_FAR_POSITION = re.compile(
    rb"""r\s*+=\s*+["']\s*+\$?+(?:[A-Za-z]{3}|[G-Zg-z][A-Za-z]|[A-Za-z]{0,2}+\$?+\d{6})"""
)
_POSITION = re.compile(rb"""r\s*=\s*["']\s*\$?([A-Za-z]*)\$?([0-9]*)""")
# A run of bytes without a tag: a text. Its bytes bound its characters from above, and an
# escaped character takes at most ten bytes, so a valid cell's text never makes a longer run.
_RUN_BYTES = limits.CELL_TEXT_LIMIT * 10
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
# A formula element, with or without a namespace prefix (``<f>``, ``<f t="shared" …/>``,
# ``<x:f>``). A text's ``<`` is always escaped (``&lt;f``), so a raw ``<`` starts markup; the
# byte searches before the expression keep the common case (no formula) at C speed.
# (The expressions with a literal start are searched by ``re`` several times faster than
# ``bytes.find`` finds a two-byte needle that starts with as common a byte as ``<``.)
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")
_PREFIXED_HINT = re.compile(rb":f[\s/>]")
# Markup that sheets seldom hold: a declaration, a formula, a row or cell tag without
# attributes. One search says whether a segment holds any, so the common case skips the four
# searches that tell them apart (``re`` takes their common "<" out front: C speed).
_SELDOM = re.compile(
    b"|".join(p.pattern for p in (_DECLARATION, _PLAIN_FORMULA, _BARE_ROW, _BARE_CELL))
)


def _count(data: bytes, patterns: tuple[bytes, ...], start: int = 0, end: int | None = None):
    end = len(data) if end is None else end
    return sum(data.count(pattern, start, end) for pattern in patterns)


def _first(data: bytes, patterns: tuple[bytes, ...]) -> int:
    return min((i for i in (data.find(p) for p in patterns) if i >= 0), default=-1)


def _last(data: bytes, patterns: tuple[bytes, ...]) -> int:
    return max(data.rfind(p) for p in patterns)


class _Scan:
    """Counts over a part's bytes with bytes methods (C speed, nothing per element in Python):
    rows, the cells of the row under way, and the bytes since the last tag."""

    def __init__(self, title: str | None):
        self.title = title
        self.rows = 0
        self.cells = 0  # in the row under way
        self.run = 0  # bytes since the last "<"
        self.formula = False  # a sheet's formula element seen

    def chunk(self, data: bytes) -> None:
        """Follow the bytes since the last ``<`` across chunks: a text longer than a cell holds."""
        first = data.find(b"<")
        if first < 0:
            self.run += len(data)
        else:
            self.run += first
            if self.run > _RUN_BYTES:
                self.too_long()
            self.run = len(data) - data.rfind(b"<") - 1
        if self.run > _RUN_BYTES:
            self.too_long()

    def segment(self, data: bytes) -> None:
        """Check ``data``, which starts at a ``<`` (or the part's start) and ends before one.

        Runs inside one segment are shorter than the chunk, so ``chunk`` saw every long one."""
        seldom = _SELDOM.search(data) is not None
        if seldom and _DECLARATION.search(data):
            raise NotAWorkbook(_("it holds XML that a workbook does not"))
        if (
            self.title is not None
            and not self.formula
            and (
                (seldom and _PLAIN_FORMULA.search(data))
                or (_PREFIXED_HINT.search(data) and _FORMULA.search(data))
            )
        ):
            self.formula = True
        if self.title is not None:
            self.positions(data)
        # The bare forms are rare: looked for once, not counted and found over the whole segment.
        row_tags = _ROWS if seldom and _BARE_ROW.search(data) else _ROWS[:1]
        cell_tags = _CELLS if seldom and _BARE_CELL.search(data) else _CELLS[:1]
        first = _first(data, row_tags)
        if first < 0:
            self.add_cells(_count(data, cell_tags))
            return
        last = _last(data, row_tags)
        before, after = _count(data, cell_tags, 0, first), _count(data, cell_tags, last)
        self.add_cells(before)
        rows = _count(data, row_tags)
        self.add_rows(rows)
        # Rows wholly inside the segment: one of them is too wide if they hold too many cells.
        inside = _count(data, cell_tags) - before - after
        if inside > limits.MAX_COLUMNS * max(rows - 1, 1):
            self.cells = limits.MAX_COLUMNS + 1
            self.add_cells(0)
        self.rows += rows
        self.cells = 0
        self.add_cells(after)

    def positions(self, data: bytes) -> None:
        """Refuse a cell or row placed beyond the bounds (see ``_FAR_POSITION``)."""
        for found in _FAR_POSITION.finditer(data):
            if found.start() and data[found.start() - 1 : found.start()] not in b" \t\r\n":
                continue  # another attribute's name ends in "r" ("header")
            position = _POSITION.match(data, found.start())
            if position is None:
                continue
            letters, digits = position.groups()
            column = 0
            for letter in letters.upper():
                column = column * 26 + letter - 64
            if column > limits.MAX_COLUMNS:
                self.cells = limits.MAX_COLUMNS + 1
                self.add_cells(0)
            if digits and int(digits) > limits.MAX_ROWS:
                self.rows = limits.MAX_ROWS
                self.add_rows(1)

    def add_rows(self, count: int) -> None:
        if self.rows + count > limits.MAX_ROWS:
            raise Refusal(
                _("its sheet “{sheet}” has more than {limit} rows").format(
                    sheet=self.title, limit=limits.MAX_ROWS
                )
            )

    def add_cells(self, count: int) -> None:
        self.cells += count
        if self.cells > limits.MAX_COLUMNS:
            raise Refusal(
                _("row {row} of its sheet “{sheet}” has more than {limit} cells").format(
                    row=max(self.rows, 1), sheet=self.title, limit=limits.MAX_COLUMNS
                )
            )

    def too_long(self) -> None:
        where = (
            _("row {row} of its sheet “{sheet}”").format(row=max(self.rows, 1), sheet=self.title)
            if self.title is not None
            else _("its texts")
        )
        raise Refusal(
            _("{where} holds a text longer than {limit} characters").format(
                where=where, limit=limits.CELL_TEXT_LIMIT
            )
        )


def _scan(archive: zipfile.ZipFile, part: str, title: str | None) -> bool:
    """Stream the part once, in chunks cut before a ``<`` so no tag is split; True when a
    sheet (``title`` given) holds a formula element."""
    scan = _Scan(title)
    carry = b""
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                scan.chunk(chunk)
                buffer = carry + chunk
                cut = buffer.rfind(b"<")
                if cut <= 0:
                    carry = buffer[-len(_DECLARATIONS[0]) :] if cut < 0 else buffer
                    continue
                scan.segment(buffer[:cut])
                carry = buffer[cut:]
        scan.segment(carry)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        raise NotAWorkbook(_("it is damaged (parts of it cannot be unpacked)")) from None
    return scan.formula


def _parser():
    parser = expat.ParserCreate(namespace_separator="}")
    # A workbook declares no entities; refuse any, so no entity expands inside the scan.
    parser.EntityDeclHandler = _no_entities
    return parser


def _no_entities(*_args) -> None:
    raise NotAWorkbook(_("it holds XML that a workbook does not"))


def _feed(archive: zipfile.ZipFile, part: str, parser) -> None:
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise NotAWorkbook(_("its part {part} is damaged").format(part=part)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        raise NotAWorkbook(_("it is damaged (parts of it cannot be unpacked)")) from None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
