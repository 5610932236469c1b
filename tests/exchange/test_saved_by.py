"""The import preview names the spreadsheet program a person saved a file with on the way."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.exchange.saved_by import APP_PROPERTIES, spreadsheet_that_saved

EXCEL = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>'
    b"Microsoft Excel</Application><DocSecurity>0</DocSecurity><AppVersion>16.0300"
    b"</AppVersion></Properties>"
)
CALC = (
    b"<Properties><Template></Template><TotalTime>0</TotalTime><Application>LibreOffice/"
    b"7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application></Properties>"
)
OPENPYXL = (
    b"<Properties><Application>Microsoft Excel Compatible / Openpyxl 3.1.5</Application>"
    b"<AppVersion>3.1</AppVersion></Properties>"
)


def _workbook(tmp_path: Path, app: bytes | None, name: str = "export.xlsx") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        if app is not None:
            archive.writestr(APP_PROPERTIES, app)
    return path


def test_excel_and_calc_are_named_and_our_own_writer_is_not(tmp_path):
    assert spreadsheet_that_saved(_workbook(tmp_path, EXCEL, "excel.xlsx")) == "Microsoft Excel"
    assert spreadsheet_that_saved(_workbook(tmp_path, CALC, "calc.xlsx")) == "LibreOffice Calc"
    assert spreadsheet_that_saved(_workbook(tmp_path, OPENPYXL, "ours.xlsx")) == ""


def test_an_unknown_program_is_named_without_its_build(tmp_path):
    app = b"<Properties><Application>Sheets &amp; Co/1.12.55$Linux</Application></Properties>"
    assert spreadsheet_that_saved(_workbook(tmp_path, app)) == "Sheets & Co"


def test_a_file_naming_no_program_or_not_a_zip_names_none(tmp_path):
    assert spreadsheet_that_saved(_workbook(tmp_path, None, "none.xlsx")) == ""
    assert spreadsheet_that_saved(_workbook(tmp_path, b"<Properties/>", "empty.xlsx")) == ""
    text = tmp_path / "text.xlsx"
    text.write_text("not a zip")
    assert spreadsheet_that_saved(text) == ""
    assert spreadsheet_that_saved(tmp_path / "missing.xlsx") == ""


def test_an_oversized_properties_part_is_not_read(tmp_path):
    app = b"<Properties><Application>Microsoft Excel</Application>" + b" " * 70_000
    assert spreadsheet_that_saved(_workbook(tmp_path, app + b"</Properties>")) == ""


@given(st.binary(max_size=400))
def test_any_properties_part_gives_a_short_printable_name_or_none(tmp_path_factory, app):
    found = spreadsheet_that_saved(_workbook(tmp_path_factory.mktemp("app"), app))
    assert len(found) <= 60 and found.isprintable()
