"""Pekka sees the project's groups and merges the entrepreneur who joined two groups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select
from tests.meeting_fixtures import liisa_in_two_groups, seed_group

from pierglass_desktop.domain.models import Attendance, Participant
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.duplicates import find_duplicates
from pierglass_desktop.storage.backup import list_backups
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.ui.dialogs.merge_dialog import MergeDialog
from pierglass_desktop.ui.pages.project import ProjectPage


def seeded(sessions):
    return liisa_in_two_groups(sessions)


def make_page(context, qtbot) -> ProjectPage:
    page = ProjectPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    wait_loaded(page, qtbot)
    return page


def wait_loaded(page: ProjectPage, qtbot) -> None:
    """The lists load off the GUI thread; wait until they are shown."""
    qtbot.waitUntil(lambda: not page.loading, timeout=10000)


def test_coordinator_sees_every_group_with_its_tutor_and_numbers(context, qtbot):
    seeded(context.sessions)
    page = make_page(context, qtbot)
    rows = [page.groups_proxy.row_at(r) for r in range(page.groups_proxy.rowCount())]
    assert sorted(r.name for r in rows) == [
        "Hoiva-alan yrittäjät, Rauma",
        "Kotihoidon yrittäjät, Pori",
    ]
    assert {r.tutor_names for r in rows} == {"Aino Aaltonen"}
    assert page.groups_count.text() == "2 groups"
    qtbot.keyClicks(page.search, "rauma")
    assert page.groups_proxy.rowCount() == 1
    assert page.groups_count.text() == "1 of 2 groups shown"


def test_coordinator_merges_the_entrepreneur_who_joined_two_groups(context, qtbot, dialogs):
    _pori, rauma, keep, other = seeded(context.sessions)
    page = make_page(context, qtbot)
    assert page.duplicates_proxy.rowCount() == 1
    assert "Same e-mail address" in page.duplicates_model.data(page.duplicates_model.index(0, 2))
    page.duplicates_table.selectRow(0)
    pair = page.selected_pair()
    keep_first = pair.first.id == keep

    def choose_and_merge(dialog):
        assert isinstance(dialog, MergeDialog)
        assert "040 555 1234" in [
            label.text() for label in dialog.findChildren(type(page.groups_count))
        ]
        (dialog.keep_first if keep_first else dialog.keep_second).setChecked(True)
        dialogs.answer_next(summary)
        dialog.merge_button.click()

    summary = dialogs.click_button("OK")
    dialogs.answer_next(choose_and_merge)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)

    assert summary.seen and "now one: Liisa Laine" in summary.seen[0]
    (backup,) = list_backups(context.database.path, "before-merge")
    assert str(backup) in summary.seen[0]
    with open_database(backup) as before, before.sessions() as s:  # both records, live
        assert s.get(Participant, other).deleted_at is None
    wait_loaded(page, qtbot)
    assert page.duplicates_proxy.rowCount() == 0
    assert page.duplicates_count.text() == "(none found)"
    assert not page.merge_button.isEnabled()
    assert find_duplicates(context.sessions) == []
    with context.sessions() as s:
        assert s.get(Participant, other).deleted_at is not None
        assert s.get(Participant, keep).phone == "040 555 1234"
        moved = s.scalar(
            select(Attendance.participant_id).where(
                Attendance.meeting_id == rauma.meeting_ids[0], Attendance.deleted_at.is_(None)
            )
        )
    assert moved == keep


def test_cancelling_the_merge_changes_nothing(context, qtbot, dialogs):
    _pori, _rauma, _keep, other = seeded(context.sessions)
    page = make_page(context, qtbot)
    page.duplicates_table.selectRow(0)
    dialogs.answer_next(lambda dialog: dialog.reject())
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert page.duplicates_proxy.rowCount() == 1
    with context.sessions() as s:
        assert s.get(Participant, other).deleted_at is None


def test_project_models_pass_the_model_tester(context, qtbot, qtmodeltester):
    seeded(context.sessions)
    page = make_page(context, qtbot)
    qtmodeltester.check(page.groups_model)
    qtmodeltester.check(page.duplicates_model)


def test_a_hidden_project_page_catches_up_when_shown(context, qtbot):
    """Edits elsewhere do not make a coordinator wait for a page that is not on screen."""
    page = make_page(context, qtbot)
    page.hide()
    seeded(context.sessions)
    context.changes.announce({Change.PARTICIPANTS})
    assert not page.loading and page.duplicates_model.rowCount() == 0  # hidden: not reloaded
    page.show()
    wait_loaded(page, qtbot)
    assert page.duplicates_model.rowCount() == 1
    seed_group(context.sessions, meetings=1, name="Uusi ryhmä, Ulvila")
    context.changes.announce({Change.GROUPS})  # shown: refreshed at once
    wait_loaded(page, qtbot)
    assert page.groups_model.rowCount() == 3
