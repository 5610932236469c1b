"""Hostile and damaged packs: each is refused in one sentence, before openpyxl when it can be,
and the tutor's database stays byte for byte as it was."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.exchange import limits
from pierglass_desktop.exchange.library_import import import_library, read_library_pack
from pierglass_desktop.exchange.library_pack import export_library
from pierglass_desktop.services.methods import MethodInput, add_method
from pierglass_desktop.storage.backup import list_backups

CLASS_NAME = re.compile(r"\b[A-Z]\w*(Error|Exception|Zip|File)\b|\(\w+\)")


@pytest.fixture
def pack(database, tmp_path) -> Path:
    """Helena's small, valid pack: two methods of her own."""
    for name in ("Voucher pricing", "Walk and talk"):
        add_method(database.sessions, MethodInput(name={"en": name}, group_min=2, group_max=9))
    return export_library(
        database.sessions, tmp_path / "helena.xlsx", source="Helena", origin="helena"
    )


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Fails the test if the reader hands the file to openpyxl."""
    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    yield
    assert opened == [], "openpyxl opened a file the zip check should have refused"


def _rewritten(source: Path, target: Path, part: str, data: bytes) -> Path:
    """A copy of the pack whose zip part ``part`` holds ``data`` (added if missing)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            if entry.filename != part:
                new.writestr(entry, old.read(entry))
        new.writestr(part, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return target


def _sheet_part(pack: Path, title: str) -> str:
    book = load_workbook(pack, read_only=True)
    index = book.sheetnames.index(title) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def _refused(database, path: Path, *fragments: str) -> str:
    """Import ``path``; assert a one-line refusal holding ``fragments`` that changed nothing."""
    before = database.path.read_bytes()
    backups = list_backups(database.path)
    with pytest.raises(ValidationError) as caught:
        import_library(database, path)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message
    assert "\n" not in message and not CLASS_NAME.search(message), message
    assert message.endswith("Nothing was imported.")
    assert database.path.read_bytes() == before
    assert list_backups(database.path) == backups
    return message


def test_a_small_pack_hiding_a_huge_cell_is_refused_before_it_is_unpacked(
    pack, other_database, tmp_path, no_openpyxl
):
    huge = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    huge += b"a" * (40 * 1024 * 1024) + b"</t></si></sst>"
    bomb = _rewritten(pack, tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", huge)
    assert bomb.stat().st_size < 200_000
    _refused(other_database, bomb, "bomb.xlsx cannot be imported safely", "unpacks to far more")


def test_a_pack_of_whitespace_is_refused_before_it_is_unpacked(
    pack, other_database, tmp_path, no_openpyxl
):
    part = _sheet_part(pack, "methods")
    padded = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    padded += b" " * (60 * 1024 * 1024) + b"<sheetData/></worksheet>"
    bomb = _rewritten(pack, tmp_path / "spaces.xlsx", part, padded)
    _refused(other_database, bomb, "cannot be imported safely")


def test_a_pack_that_unpacks_beyond_the_total_bound_is_refused(
    pack, other_database, tmp_path, no_openpyxl, monkeypatch
):
    monkeypatch.setattr(limits, "MAX_TOTAL_BYTES", 10_000)
    _refused(other_database, pack, "would unpack to more than")


def test_a_long_text_below_the_ratio_is_caught_while_streaming(
    pack, other_database, tmp_path, no_openpyxl
):
    text = "".join(chr(0x41 + (n * 7919) % 26) for n in range(limits.CELL_TEXT_LIMIT * 11))
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<si><t>{text}</t></si></sst>"
    ).encode()
    long = _rewritten(pack, tmp_path / "long.xlsx", "xl/sharedStrings.xml", shared)
    _refused(other_database, long, "its texts holds a text longer than 32767 characters")


def test_a_cell_one_character_over_the_limit_is_refused_naming_sheet_row_and_column(
    pack, other_database, tmp_path
):
    part = _sheet_part(pack, "methods")
    with zipfile.ZipFile(pack) as z:
        sheet = z.read(part)
    assert b"Voucher pricing" in sheet  # openpyxl would cut a longer text as it writes
    sheet = sheet.replace(b"Voucher pricing", b"y" * (limits.CELL_TEXT_LIMIT + 1))
    over = _rewritten(pack, tmp_path / "over.xlsx", part, sheet)
    _refused(
        other_database,
        over,
        "Sheet “methods” of over.xlsx, row 2, column “name_en”: the text has 32768 "
        "characters; at most 200 fit here",
    )


def test_too_many_rows_stop_the_scan_at_the_bound(
    pack, other_database, tmp_path, no_openpyxl, monkeypatch
):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    rows = "".join(f'<row><c t="n"><v>{n}</v></c></row>' for n in range(11))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()
    tall = _rewritten(pack, tmp_path / "tall.xlsx", _sheet_part(pack, "methods"), sheet)
    _refused(other_database, tall, "sheet “methods” has more than 10 rows")


def test_a_row_of_too_many_cells_is_refused(pack, other_database, tmp_path, no_openpyxl):
    cells = "".join(f'<c t="n"><v>{n}</v></c>' for n in range(limits.MAX_COLUMNS + 1))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData><row>{cells}</row></sheetData></worksheet>"
    ).encode()
    wide = _rewritten(pack, tmp_path / "wide.xlsx", _sheet_part(pack, "templates"), sheet)
    _refused(other_database, wide, "sheet “templates” has more than 200 cells")


def test_a_sheet_declaring_entities_is_refused(pack, other_database, tmp_path, no_openpyxl):
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData/></worksheet>"
    )
    entity = _rewritten(pack, tmp_path / "entity.xlsx", _sheet_part(pack, "methods"), sheet)
    _refused(other_database, entity, "is not a Pier-glass library pack or it is damaged")


def test_a_part_whose_stored_size_lies_is_refused_as_damaged(pack, other_database, tmp_path):
    lying = tmp_path / "lying.xlsx"
    data = bytearray(pack.read_bytes())
    part = _sheet_part(pack, "methods")
    with zipfile.ZipFile(pack) as z:
        info = z.getinfo(part)
    # The central directory's uncompressed size of that part, made smaller than it is.
    name = part.encode()
    offset = data.find(name, data.find(b"PK\x01\x02")) - 46
    assert data[offset : offset + 4] == b"PK\x01\x02"
    data[offset + 24 : offset + 28] = (info.file_size // 2).to_bytes(4, "little")
    lying.write_bytes(bytes(data))
    _refused(other_database, lying, "is not a Pier-glass library pack or it is damaged")


def test_damaged_and_foreign_files_get_a_sentence_without_class_names(
    pack, other_database, tmp_path
):
    whole = pack.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    _refused(other_database, cut, "cut.xlsx is not a Pier-glass library pack or it is damaged")
    text = tmp_path / "notes.xlsx"
    text.write_text("hello", encoding="utf-8")
    _refused(other_database, text, "not an Excel workbook")
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(bare, "w") as z:
        z.writestr("x.txt", "x")
    _refused(other_database, bare, "holds no Excel workbook")
    document = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(document, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    _refused(other_database, document, "holds no Excel workbook")
    broken = _rewritten(pack, tmp_path / "broken.xlsx", "xl/workbook.xml", b"<workbook><sheets")
    _refused(other_database, broken, "is not a Pier-glass library pack or it is damaged")
    styles = _rewritten(pack, tmp_path / "styles.xlsx", "xl/styles.xml", b"<styleSheet><x")
    _refused(other_database, styles, "is not a Pier-glass library pack or it is damaged")
    renamed = tmp_path / "pack.zip"
    renamed.write_bytes(whole)  # a pack with another suffix is still read
    assert import_library(other_database, renamed).new["methods"] == 2


def test_a_formula_cell_is_refused_naming_sheet_row_and_column(pack, other_database, tmp_path):
    book = load_workbook(pack)
    sheet = book["methods"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("name_en") + 1, value='=CONCAT("Walk"," talk")')
    book.save(pack)
    _refused(
        other_database,
        pack,
        "Sheet “methods” of helena.xlsx, row 3, column “name_en” holds a formula",
    )


@pytest.mark.parametrize(
    ("sheet", "column", "value"),
    [
        ("methods", "group_min", 2**70),
        ("methods", "group_min", -3),
        ("methods", "group_max", 0),
        ("methods", "duration_minutes", 2**64),
    ],
)
def test_an_integer_out_of_range_is_refused_naming_sheet_row_and_column(
    pack, other_database, sheet, column, value
):
    book = load_workbook(pack)
    header = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=2, column=header.index(column) + 1, value=str(value))
    book.save(pack)
    _refused(other_database, pack, f"Sheet “{sheet}” of helena.xlsx, row 2, column “{column}”")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(0, 2**31),
)
def test_any_damage_to_a_pack_is_read_or_refused_in_a_sentence(pack, tmp_path, flips, cut):
    data = bytearray(pack.read_bytes())
    for position, value in flips:
        data[position % len(data)] = value
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data[: max(cut % (len(data) + 200), 1)]))
    try:
        read_library_pack(damaged)
    except ValidationError as refusal:
        message = str(refusal)
        assert "\n" not in message and not CLASS_NAME.search(message), message
