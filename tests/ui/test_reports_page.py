"""The Reports page: choose a document, its scope and language, preview its first page, export
it off the GUI thread and say where it went."""

from __future__ import annotations

import os

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from pierglass_desktop.i18n import _
from pierglass_desktop.preferences import Preferences
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.pages.reports import ReportsPage
from pierglass_desktop.ui.tasks import TaskRunner
from report_fixtures import group_with_history, pdf_pages, qpdf_ok


@pytest.fixture
def context(database, qapp):
    return AppContext(database, TaskRunner(), Changes(), Preferences())


@pytest.fixture
def page(qtbot, context):
    group_with_history(context.sessions)
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def _finish(page, qtbot) -> None:
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)
    QApplication.processEvents()


def test_tutor_exports_the_group_report_in_finnish_and_is_told_where(page, qtbot, tmp_path):
    page.select("group", "pdf")
    page.language.setCurrentIndex(page.language.findData("fi"))
    output = tmp_path / "raportti.pdf"
    page.export_to(output)
    _finish(page, qtbot)
    qpdf_ok(output)
    assert "Ryhmäraportti" in pdf_pages(output)[0]
    assert str(output) in page.status.text()
    assert page.open_button.isVisible() and page.folder_button.isVisible()
    assert _("Reports") == "Reports"  # the window kept its own language


def test_preview_shows_the_first_page(page, qtbot):
    page.select("certificates", "pdf")
    page.start_preview()
    _finish(page, qtbot)
    pixmap = page.preview.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 400
    assert "First page of 4" in page.status.text()


def test_certificate_for_one_member_and_hours_of_all_groups(page, qtbot, tmp_path):
    page.select("certificates", "pdf")
    assert page.member.isVisible() and not page.session.isVisible()
    page.member.setCurrentIndex(page.member.findText("Sanna Salo"))
    output = tmp_path / "sanna.pdf"
    page.export_to(output)
    _finish(page, qtbot)
    (text,) = pdf_pages(output)
    assert "Sanna Salo" in text
    page.select("hours", "xlsx")
    assert not page.member.isVisible() and not page.start.isVisible()
    page.group.setCurrentIndex(0)  # all groups
    hours = tmp_path / "hours.xlsx"
    page.export_to(hours)
    _finish(page, qtbot)
    assert openpyxl.load_workbook(hours).active["A1"].value == "Person"


def test_the_project_report_covers_every_group_without_asking_for_one(page, qtbot, tmp_path):
    assert page.group.currentData() is not None  # a group is chosen for the group report
    page.select("project", "xlsx")
    assert not page.group.isVisible()
    output = tmp_path / "project.xlsx"
    page.export_to(output)
    _finish(page, qtbot)
    assert str(output) in page.status.text()
    assert openpyxl.load_workbook(output).worksheets[0]["A1"].value
    page.select("group", "pdf")
    assert page.group.isVisible() and page.group.currentData() is not None


def test_a_refused_export_says_one_sentence_and_writes_nothing(page, qtbot, tmp_path):
    page.select("group", "pdf")
    page.start.set_date(__import__("datetime").date(2026, 12, 1))
    page.end.set_date(__import__("datetime").date(2026, 11, 1))
    output = tmp_path / "x.pdf"
    page.export_to(output)
    _finish(page, qtbot)
    assert "before the start date" in page.status.text()
    assert not output.exists() and not page.open_button.isVisible()


def test_printouts_from_the_registry_are_offered_too(page, qtbot, tmp_path):
    page.select("signin", "pdf")
    assert page.session.isVisible() and page.session.count() == 5
    output = tmp_path / "signin.pdf"
    page.export_to(output)
    _finish(page, qtbot)
    assert "Sign-in sheet" in pdf_pages(output)[0]


@pytest.mark.parametrize("language", ["en", "fi"])
def test_screenshot_at_laptop_size(page, qtbot, language, tmp_path):
    if language == "fi":
        from pierglass_desktop.i18n import set_language

        set_language("fi")
        page = ReportsPage(page.context)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
    page.start_preview()
    _finish(page, qtbot)
    folder = os.environ.get("PIERGLASS_SCREENSHOTS")
    if folder:
        page.grab().save(f"{folder}/reports-{language}.png")
    assert page.preview.pixmap().width() > 0
