"""The group workbook and the participant-hours workbook read back with openpyxl and after a
LibreOffice Calc re-save: typed values, text that stays text, pages that print."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting_fixtures import seed_group
from pierglass_desktop.reports.documents import DocumentRequest, write_document
from pierglass_desktop.reports.xlsx_base import clean_sheet_title, header_text
from report_fixtures import group_with_history

SHEETS = ["Summary", "Attendance", "Sessions", "Members", "Commitments", "Feedback"]


def _group_workbook(sessions, tmp_path, history, language=None):
    request = DocumentRequest(history.group_id)
    path = tmp_path / "group.xlsx"
    return write_document("group", "xlsx", sessions, path, request, language)


def test_group_workbook_has_every_sheet_ready_to_print(sessions, tmp_path):
    history = group_with_history(sessions)
    book = openpyxl.load_workbook(_group_workbook(sessions, tmp_path, history))
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.print_title_rows.startswith("$1:$")
        assert sheet.print_area and sheet.freeze_panes
        assert "&P" in sheet.oddFooter.right.text
    attendance = book["Attendance"]
    assert attendance.page_setup.orientation == "landscape"
    assert attendance.freeze_panes == "C3" and attendance.print_title_rows == "$1:$2"
    assert attendance.column_dimensions["A"].width == 26


def test_attendance_matrix_shows_statuses_in_colour_and_blank_outside_membership(
    sessions, tmp_path
):
    history = group_with_history(sessions)
    sheet = openpyxl.load_workbook(_group_workbook(sessions, tmp_path, history))["Attendance"]
    assert [c.value for c in sheet[2][2:6]] == ["03.09.", "01.10.", "29.10.", "26.11."]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3) if row[0].value}
    mikko, sanna, jussi = rows["Mikko Mäki"], rows["Sanna Salo"], rows["Jussi Järvinen"]
    assert [c.value for c in mikko[2:6]] == ["✓", "✓", None, None]
    assert [c.value for c in sanna[2:6]] == [None, None, "◐", "✓"]
    assert jussi[3].value == "✗" and jussi[3].font.color.rgb.endswith("A31515")
    assert mikko[4].fill.fgColor.rgb.endswith("C9D0D4")  # grey: had left, not absent
    attended, possible, rate, hours = (c.value for c in jussi[6:10])
    assert (attended, possible, rate, hours) == (3, 4, 0.75, 9)
    assert jussi[8].number_format == "0%"
    legend = [row[0].value for row in sheet.iter_rows(min_row=7) if row[0].value]
    assert legend[0].startswith("✓ Present") and "✗ Absent" in legend[0]


def test_dates_are_dates_numbers_numbers_and_texts_text(sessions, tmp_path):
    history = group_with_history(sessions)
    book = openpyxl.load_workbook(_group_workbook(sessions, tmp_path, history))
    meetings = list(book["Sessions"].iter_rows(min_row=2, values_only=True))
    assert meetings[0][:4] == (1, datetime(2026, 9, 3), "Theme 1", 3)
    commitments = list(book["Commitments"].iter_rows(min_row=2, values_only=True))
    assert ("Done", "Soitan pankkiin") in {(row[4], row[3]) for row in commitments}
    assert book["Feedback"]["D2"].value == 4 and book["Feedback"]["D2"].data_type == "n"


def test_hours_workbook_covers_every_group_without_a_group(sessions, tmp_path):
    group_with_history(sessions)
    seed_group(sessions, name="Toinen ryhmä", meetings=1, held=0)
    path = write_document("hours", "xlsx", sessions, tmp_path / "h.xlsx", DocumentRequest())
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Person",
        "Code",
        "Group",
        "Sessions",
        "Hours",
        "First session",
        "Last session",
    )
    sanna = next(r for r in rows if r[0] == "Sanna Salo" and r[2].startswith("Kotihoidon"))
    assert sanna[3:] == (2, 5.5, datetime(2026, 10, 29), datetime(2026, 11, 26))
    assert {r[2] for r in rows[1:-1]} == {"Kotihoidon yrittäjät, Pori", "Toinen ryhmä"}
    assert rows[-1][0] == "Total" and rows[-1][4] == pytest.approx(9 + 12 + 6 + 5.5)
    assert sheet.page_setup.orientation == "landscape"


def test_hours_workbook_in_finnish(sessions, tmp_path):
    history = group_with_history(sessions)
    path = write_document(
        "hours", "xlsx", sessions, tmp_path / "h.xlsx", DocumentRequest(history.group_id), "fi"
    )
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "Henkilö" and sheet["F2"].number_format == "d.m.yyyy"
    # "Ensimmäinen tapaaminen" wraps in its column: the heading row is tall enough for two lines
    assert sheet["F1"].value == "Ensimmäinen tapaaminen"
    assert sheet.row_dimensions[1].height >= 30


HOSTILE = st.one_of(
    st.sampled_from(
        [
            '=HYPERLINK("http://x","y")',
            "+1+1",
            "-2",
            "@SUM(A1)",
            "=1+1",
            "\t=cmd",
            "a\x08b\x00c",
            "<b>x</b> & y",
            "Zażółć Nguyễn Анна Áile محمد",
        ]
    ),
    st.text(min_size=1, max_size=60),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=HOSTILE, company=HOSTILE)
def test_hostile_names_never_become_formulas(tmp_path_factory, first, company):
    from pierglass_desktop.exchange.workbook import clean_text
    from pierglass_desktop.reports.hours_workbook import hours_workbook
    from pierglass_desktop.services.hours import HoursReport, HoursRow

    row = HoursRow(first, company, company, 1, 90, date(2026, 1, 2), date(2026, 1, 2))
    path = hours_workbook(HoursReport((company,), (row,)), tmp_path_factory.mktemp("x") / "h.xlsx")
    sheet = openpyxl.load_workbook(path).active
    for cell in sheet[2][:3]:
        assert cell.data_type != "f"
    expected = clean_text(first)
    assert (sheet["A2"].value or "") == expected
    assert (sheet["C2"].value or "") == clean_text(company)


def test_header_text_doubles_ampersands_and_sheet_titles_are_legal():
    assert header_text("A & B\nC") == "A && B C"
    assert clean_sheet_title("a/b:c*?[x]") == "a b c   x"
    assert len(clean_sheet_title("x" * 50)) == 31


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice Calc is not installed")
def test_calc_resave_keeps_names_text_and_numbers_typed(sessions, tmp_path):
    members = [("=1+1", "@SUM(A1)", "+358 40 123"), ("Liisa", "Laine", "-Kotihoito-")]
    history = group_with_history(sessions, members=members)
    path = _group_workbook(sessions, tmp_path, history)
    out = tmp_path / "resaved"
    out.mkdir()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    book = openpyxl.load_workbook(out / "group.xlsx")
    members_sheet = book["Members"]
    values = list(members_sheet.iter_rows(min_row=2, values_only=True))
    names = {row[0]: row for row in values}
    assert "=1+1 @SUM(A1)" in names
    assert names["=1+1 @SUM(A1)"][1] == "+358 40 123"
    assert names["Liisa Laine"][1] == "-Kotihoito-"
    for row in members_sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s" and row[2].data_type == "n"
    sessions_sheet = book["Sessions"]
    assert isinstance(sessions_sheet["B2"].value, datetime)
