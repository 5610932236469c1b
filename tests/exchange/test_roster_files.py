"""Registration lists as they arrive: CSV from Excel or a form, .xlsx and .ods from Calc."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.exchange.roster import read_roster

HEADER = ["Etunimi", "Sukunimi", "Sähköposti", "Y-tunnus"]
ROW = ["Äijä", "Öhman", "aija@example.fi", "1234567-1"]


def _csv(tmp_path: Path, text: str, encoding: str, name="list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_excel_csv_in_any_encoding_and_separator_reads_the_same(tmp_path, encoding, separator):
    text = "\r\n".join(separator.join(r) for r in (HEADER, ROW)) + "\r\n"
    table = read_roster(_csv(tmp_path, text, encoding))
    assert table.header == tuple(HEADER)
    assert table.rows == ((2, tuple(ROW)),)


def test_title_row_and_empty_rows_are_skipped_and_rows_keep_their_numbers(tmp_path):
    text = "Kick-off 2026;;;\n;;;\n" + ";".join(HEADER) + "\n;;;\n" + ";".join(ROW) + "\n"
    table = read_roster(_csv(tmp_path, text, "utf-8"))
    assert table.header == tuple(HEADER)
    assert table.rows == ((5, tuple(ROW)),)


def test_xlsx_with_merged_title_and_merged_header_cells_reads(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Registrations"])
    sheet.merge_cells("A1:D1")
    sheet.append(HEADER)
    sheet.append([])
    sheet.append(ROW)
    sheet.append(["Bo", "Ek", None, None])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    table = read_roster(path)
    assert table.header == tuple(HEADER)
    assert table.rows == ((4, tuple(ROW)), (5, ("Bo", "Ek")))


def test_xlsx_formula_is_refused_with_its_row_named(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(ROW)
    sheet.append(["Bo", "=A2", "", ""])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    with pytest.raises(ValidationError, match=r"row 3.*formula"):
        read_roster(path)


def test_zip_bomb_named_xlsx_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        read_roster(path)
    assert "Nothing was imported" in str(refused.value)
    assert "Error" not in str(refused.value)


def _ods(path: Path, rows_xml: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        "<office:body><office:spreadsheet><table:table table:name='A'>"
        f"{rows_xml}</table:table><table:table table:name='B'><table:table-row>"
        "<table:table-cell><text:p>other</text:p></table:table-cell>"
        "<table:table-cell><text:p>sheet</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def _cells(*values: str, repeat_empty: int = 0) -> str:
    cells = "".join(f"<table:table-cell><text:p>{v}</text:p></table:table-cell>" for v in values)
    if repeat_empty:
        cells += f'<table:table-cell table:number-columns-repeated="{repeat_empty}"/>'
    return f"<table:table-row>{cells}</table:table-row>"


def test_calc_ods_with_merged_header_gaps_and_a_million_padding_rows_reads(tmp_path):
    header = (
        "<table:table-row><table:table-cell table:number-columns-spanned='2'>"
        "<text:p>Etunimi</text:p></table:table-cell><table:covered-table-cell/>"
        "<table:table-cell><text:p>Sähköposti</text:p></table:table-cell></table:table-row>"
    )
    gap = '<table:table-row><table:table-cell table:number-columns-repeated="2"/>' + (
        "<table:table-cell><text:p>x@example.fi</text:p></table:table-cell></table:table-row>"
    )
    padding = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = _ods(
        tmp_path / "list.ods", header + _cells("Bo", "Ek", repeat_empty=1021) + gap + padding
    )
    table = read_roster(path)
    assert table.header == ("Etunimi", "", "Sähköposti")
    assert table.rows[0] == (2, ("Bo", "Ek"))
    assert table.rows[1] == (3, ("", "", "x@example.fi"))
    assert len(table.rows) == 2


def test_ods_formula_is_refused_with_its_row_named(tmp_path):
    formula = (
        "<table:table-row><table:table-cell table:formula='of:=1+1'><text:p>2</text:p>"
        "</table:table-cell></table:table-row>"
    )
    path = _ods(tmp_path / "list.ods", _cells("Etunimi", "Sukunimi") + formula)
    with pytest.raises(ValidationError, match="row 2 holds a formula"):
        read_roster(path)


def test_ods_with_a_dtd_entity_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.ods"
    content = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content)
    with pytest.raises(ValidationError, match="damaged"):
        read_roster(path)


def test_a_file_with_no_heading_row_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="no heading row"):
        read_roster(_csv(tmp_path, "only\none\ncolumn\n", "utf-8"))


def test_a_pdf_renamed_is_refused_without_a_traceback_word(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"%PDF-1.4 not a workbook")
    with pytest.raises(ValidationError) as refused:
        read_roster(path)
    assert "Traceback" not in str(refused.value) and "Zip" not in str(refused.value)


_cell = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e",
    ),
    max_size=12,
).map(lambda t: " ".join(t.split()))


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_cell, min_size=3, max_size=3), min_size=1, max_size=6),
    separator=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
)
def test_any_csv_written_by_a_spreadsheet_reads_back_cell_for_cell(
    tmp_path_factory, rows, separator, encoding
):
    header = ["Etunimi", "Sukunimi", "Puhelin"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, quoting=csv.QUOTE_MINIMAL)
    writer.writerows([header, *rows])
    path = tmp_path_factory.mktemp("csv") / "list.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    table = read_roster(path)
    assert table.header == tuple(header)
    expected = [tuple(r) for r in rows if any(r)]
    expected = [r[: max(i + 1 for i, c in enumerate(r) if c)] for r in expected]
    assert [cells for _n, cells in table.rows] == expected


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".ods"]))
def test_any_bytes_are_read_or_refused_in_one_sentence(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("any") / f"list{suffix}"
    path.write_bytes(data)
    try:
        table = read_roster(path)
    except ValidationError as refused:
        assert str(refused).endswith((".", ")")) and "Error" not in str(refused)
    else:
        assert all(cells for _n, cells in table.rows)


def test_a_binary_file_named_csv_is_refused_as_not_text(tmp_path):
    path = tmp_path / "ilmoittautuneet.csv"
    path.write_bytes(bytes(range(256)) * 8)  # what a photo or a zip renamed .csv looks like
    with pytest.raises(ValidationError) as refused:
        read_roster(path)
    assert "ilmoittautuneet.csv cannot be imported: it is not text" in str(refused.value)


def test_a_stray_control_character_in_a_long_list_does_not_refuse_it(tmp_path):
    lines = ["Etunimi;Sukunimi"] + [f"Anna{n};Aho" for n in range(200)]
    lines[50] += "\x1a"  # an old DOS end-of-file mark pasted into one cell
    path = tmp_path / "lista.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(read_roster(path).rows) == 200


def test_a_replacement_character_typed_in_a_short_list_is_text(tmp_path):
    # U+FFFD is what a lost byte becomes, but in well-formed UTF-8 someone typed (or pasted) it.
    path = tmp_path / "list.csv"
    path.write_text("Etunimi;Sukunimi;Puhelin\nAino;Laine;\ufffd\n", encoding="utf-8")
    assert [cells for _n, cells in read_roster(path).rows] == [("Aino", "Laine", "\ufffd")]
