"""Journey 5 in the window: Pekka imports nine tutors' files on the Import and export page,
merges the entrepreneur who joined two groups on the Project page, and writes the funder's
report on the Reports page, in Finnish; on a project file and on a PostgreSQL server."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from test_exchange_page import answer_when, press

from month_end import CALC, DAMAGED, OLDER, TUTORS, month_end_files, use_newer_format
from pierglass_desktop.services.duplicates import find_duplicates
from pierglass_desktop.ui.dialogs.merge_dialog import MergeDialog
from pierglass_desktop.ui.dialogs.sync_import_dialog import SyncImportDialog
from pierglass_desktop.ui.pages.exchange import ExchangePage
from pierglass_desktop.ui.pages.project import ProjectPage
from pierglass_desktop.ui.pages.reports import ReportsPage
from pierglass_desktop.ui.widgets import files


@pytest.fixture
def coordinator(engine_kind, request, tmp_path, qtbot):
    """Pekka's project with its page context: a new file, or an empty server database."""
    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.storage.database import open_database
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    if engine_kind == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.fresh_database()
        request.addfinalizer(lambda: cluster.drop(name))
        location = cluster.location(name)
    else:
        location = tmp_path / "pekka" / "project.sqlite3"
        location.parent.mkdir()
    database = open_database(location)
    context = AppContext(database, TaskRunner(), Changes(), load_preferences())
    yield context
    context.tasks.wait()
    database.close(automatic_backup=False)


def _shown(page, qtbot):
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("engine_kind", ["sqlite", "postgresql"], indirect=True)
def test_pekka_pulls_the_project_together_in_the_window(coordinator, qtbot, tmp_path, monkeypatch):
    use_newer_format(monkeypatch)
    _inbox, nine = month_end_files(tmp_path)

    # Nine files picked at once: the preview tells each file's story before anything is written.
    page = _shown(ExchangePage(coordinator), qtbot)
    monkeypatch.setattr(files, "choose_open_paths", lambda *a, **k: nine)
    seen: dict[str, object] = {}

    def look_then_apply(dialog: SyncImportDialog) -> None:
        model = dialog.files_model
        statuses = {model.data(model.index(r, 0)): model.data(model.index(r, 1)) for r in range(9)}
        seen["statuses"] = statuses
        seen["apply"] = dialog.apply_button.isEnabled()
        seen["tutors"] = [model.data(model.index(r, 2)) for r in range(9)]
        seen["note"] = dialog.file_note.text()  # the refused file is chosen first
        dialog.apply_button.click()

    summary: list[str] = []
    answer_when(SyncImportDialog, look_then_apply, seconds=60)
    answer_when(QMessageBox, press("OK", summary), seconds=90)
    page.import_button.click()
    qtbot.waitUntil(lambda: bool(summary), timeout=90000)

    statuses = seen["statuses"]
    assert statuses[nine[CALC].name] == "Ready (saved in LibreOffice Calc on the way)"
    assert statuses[nine[OLDER].name] == "Ready (older version, upgraded)"
    assert statuses[nine[DAMAGED].name] == "Refused"
    assert sum(status == "Ready" for status in statuses.values()) == 6
    assert seen["apply"] is True
    assert seen["note"].startswith(nine[DAMAGED].name) and "Nothing was imported" in (seen["note"])
    # No name was set in the tutors' preferences: each file names its groups' tutors.
    assert seen["tutors"][0] == "Aino Aaltonen" and seen["tutors"][CALC] == TUTORS[CALC][0]
    assert summary[0].startswith("8 files imported.")

    # The Project page finds Liisa twice; Pekka keeps the first record.
    project = _shown(ProjectPage(coordinator), qtbot)
    qtbot.waitUntil(lambda: not project.loading, timeout=20000)
    assert project.groups_model.rowCount() == 8
    assert project.duplicates_proxy.rowCount() == 1
    project.duplicates_table.selectRow(0)
    merged: list[str] = []

    def keep_first(dialog: MergeDialog) -> None:
        dialog.keep_first.setChecked(True)
        answer_when(QMessageBox, press("OK", merged))
        dialog.merge_button.click()

    answer_when(MergeDialog, keep_first)
    project.merge_button.click()
    qtbot.waitUntil(lambda: bool(merged), timeout=20000)
    assert "now one: Liisa Laine" in merged[0]
    assert find_duplicates(coordinator.sessions) == []

    # The funder's report in Finnish, as a workbook: Liisa counted once.
    reports = _shown(ReportsPage(coordinator), qtbot)
    reports.select("project", "xlsx")
    reports.language.setCurrentIndex(reports.language.findData("fi"))
    output = tmp_path / "projektiraportti.xlsx"
    reports.export_to(output)
    qtbot.waitUntil(lambda: reports.export_button.isEnabled(), timeout=30000)
    QApplication.processEvents()
    assert str(output) in reports.status.text()
    rows = openpyxl.load_workbook(output).worksheets[0].iter_rows(min_row=2, max_col=3)
    figures = {label.value: value.value for _section, label, value in rows}
    assert figures["Osallistujat (eri henkilöt)"] == 15
    assert figures["Ryhmät"] == 8
