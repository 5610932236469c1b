"""The Today page: next sessions, commitments to review, members at risk, and search."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.preferences import Preferences
from pierglass_desktop.services import attendance, commitments, notes
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.pages import today as today_page
from pierglass_desktop.ui.pages.today import TodayPage
from pierglass_desktop.ui.tasks import TaskRunner


@pytest.fixture
def context(database, qapp):
    return AppContext(database, TaskRunner(), Changes(), Preferences())


@pytest.fixture
def seeded(sessions):
    seeded = seed_group(sessions, meetings=5, held=3)
    liisa, jussi = seeded.participant_ids[:2]
    for meeting in seeded.meeting_ids[:3]:
        for person in (liisa, jussi):
            attendance.mark(sessions, meeting, person, AttendanceStatus.PRESENT)
    commitments.save_commitment(sessions, seeded.meeting_ids[2], liisa, "Open a web shop")
    notes.add_note(sessions, seeded.meeting_ids[1], "Palvelusetelit kiinnostavat")
    return seeded


@pytest.fixture
def opened(monkeypatch):
    """Records the run-session screens the page would open."""
    calls = []
    import pierglass_desktop.ui.run_session as run_session

    monkeypatch.setattr(
        run_session,
        "open_run_session",
        lambda context, meeting_id: calls.append(meeting_id) or _Hidden(),
    )
    return calls


class _Hidden:
    def isVisible(self) -> bool:
        return False


def _page(qtbot, context):
    page = TodayPage(context, now=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):  # the lists load off the GUI thread
        pass
    return page


def test_today_lists_next_sessions_due_commitments_and_members_at_risk(qtbot, context, seeded):
    page = _page(qtbot, context)
    assert [m.id for m in page.upcoming.rows_of()] == seeded.meeting_ids[3:]
    assert page.upcoming.index(0, 2).data() == "4: Theme 4"
    assert page.due.index(0, 1).data() == "Open a web shop"
    assert sorted(page.at_risk.index(r, 0).data() for r in range(2)) == ["Mikko Mäki", "Sanna Salo"]
    assert page.at_risk.index(0, 1).data() == "missed 3 of the last 3 sessions"
    assert page.risk_title.text() == "Members at risk of dropping out (2)"


def test_next_session_and_due_commitment_open_the_run_session_screen(
    qtbot, context, seeded, opened
):
    page = _page(qtbot, context)
    page.upcoming_view.setFocus()
    page.upcoming_view.setCurrentIndex(page.upcoming.index(0, 0))
    qtbot.keyClick(page.upcoming_view, Qt.Key.Key_Return)
    page._on_due(page.due.index(0, 0))  # reviewed at the group's next session
    assert opened == [seeded.meeting_ids[3], seeded.meeting_ids[3]]


def test_search_results_open_their_record(qtbot, context, seeded, opened):
    page = _page(qtbot, context)
    asked = []
    page.open_requested.connect(lambda kind, record: asked.append((kind, record)))
    qtbot.keyClicks(page.search_edit, "palvelusetel")
    qtbot.waitUntil(lambda: page.results.rowCount() == 1)
    assert page.results_view.isVisibleTo(page)
    assert page.results.index(0, 0).data() == "Note"
    page._on_result(page.results.index(0, 0))
    assert opened == [seeded.meeting_ids[1]]
    page.search_edit.setText("Mäki")
    page._on_search()
    page._on_result(page.results.index(0, 0))
    assert asked[-1] == ("participant", seeded.participant_ids[2])


def test_today_models_pass_the_model_tester(qtmodeltester, context, seeded):
    page = TodayPage(context, now=lambda: datetime(2026, 11, 20, 9, 0))
    for model in (page.upcoming, page.due, page.at_risk, page.results):
        qtmodeltester.check(model)
    page.deleteLater()
    assert today_page.SEARCH_DELAY_MS < 500


def test_today_and_register_are_in_the_page_registry(context, seeded):
    from pierglass_desktop.ui.pages import PAGES

    factories = {key: factory for key, _label, factory in PAGES}
    assert {"today", "register"} <= set(factories)
    for key in ("today", "register"):
        page = factories[key](context)
        page.refresh()
        page.deleteLater()


def test_a_member_at_risk_asks_for_the_register_on_that_member(qtbot, context, seeded):
    page = _page(qtbot, context)
    asked = []
    page.register_member_requested.connect(lambda group, member: asked.append((group, member)))
    page._on_risk(page.at_risk.index(0, 0))
    name = page.at_risk.index(0, 0).data()
    member = seeded.participant_ids[2 if name == "Mikko Mäki" else 3]
    assert asked == [(seeded.group_id, member)]


def _overview_of(*upcoming):
    from pierglass_desktop.services.today import TodayOverview

    return TodayOverview(tuple(upcoming), (), ())


def test_closing_the_window_while_todays_lists_load_does_not_wait_for_them(
    qtbot, context, monkeypatch
):
    import threading

    from pierglass_desktop.ui.main_window import MainWindow

    release, finished = threading.Event(), []

    def slow(*_args):
        release.wait(10)  # a coordinator's ten years, still being read
        finished.append(True)
        return _overview_of()

    monkeypatch.setattr(today_page, "_overview", slow)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.show_page("today")
    window.close()
    assert not finished  # the window closed while the lists were still loading
    release.set()


def test_only_the_newest_load_fills_the_lists_when_a_change_arrives_mid_load(
    qtbot, context, monkeypatch
):
    import threading

    from pierglass_desktop.services.today import UpcomingMeeting

    first_may_end = threading.Event()
    old = UpcomingMeeting("old", "g", "Group", 1, "Old", datetime(2026, 11, 20, 17), "")
    new = UpcomingMeeting("new", "g", "Group", 1, "New", datetime(2026, 11, 20, 17), "")
    answers = iter([(first_may_end, old), (None, new)])

    def load(*_args):
        wait, meeting = next(answers)
        if wait is not None:
            wait.wait(10)
        return _overview_of(meeting)

    monkeypatch.setattr(today_page, "_overview", load)
    page = TodayPage(context, now=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.refresh()  # data changed while the first load was still reading
    assert [m.id for m in page.upcoming.rows_of()] == ["new"]
    first_may_end.set()
    qtbot.wait(100)  # the older answer arrives, and is dropped
    assert [m.id for m in page.upcoming.rows_of()] == ["new"]
