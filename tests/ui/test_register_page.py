"""The attendance register page: blanks outside membership, rates, editing by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from meeting_fixtures import seed_group, set_membership
from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.preferences import Preferences
from pierglass_desktop.services import attendance, signoff
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.pages.register import OUTSIDE, RegisterPage
from pierglass_desktop.ui.tasks import TaskRunner

P = AttendanceStatus


@pytest.fixture
def context(database, qapp):
    return AppContext(database, TaskRunner(), Changes(), Preferences())


@pytest.fixture
def seeded(sessions):
    seeded = seed_group(sessions, meetings=4, held=4)
    liisa, jussi, mikko, _sanna = seeded.participant_ids
    set_membership(sessions, seeded.group_id, liisa, date(2026, 10, 1))  # joins at session 2
    for meeting in seeded.meeting_ids:
        attendance.mark(sessions, meeting, jussi, P.PRESENT)
    attendance.mark(sessions, seeded.meeting_ids[0], mikko, P.PRESENT)
    return seeded


def _shown_page(qtbot, context, width: int, height: int) -> RegisterPage:
    page = RegisterPage(context)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    return page


def _row(model, name):
    return next(i for i, m in enumerate(model.register.members) if m.name == name)


def test_register_shows_blanks_rates_hours_and_members_at_risk(qtbot, context, seeded):
    page = RegisterPage(context)
    qtbot.addWidget(page)
    model = page.model
    assert model.columnCount() == 3 + 4
    liisa = _row(model, "Liisa Laine")
    assert model.index(liisa, 3).data() == ""  # before joining: blank, not absent
    assert not model.flags(model.index(liisa, 3)) & Qt.ItemFlag.ItemIsEnabled
    assert model.index(liisa, 4).data() == "·"  # a member then, not marked
    jussi = _row(model, "Jussi Järvinen")
    assert [model.index(jussi, c).data() for c in (1, 2)] == ["100%", "12.0"]
    assert model.index(jussi, 3).data() == "✓"
    mikko = _row(model, "Mikko Mäki")
    assert model.index(mikko, 1).data() == "25%"
    assert model.register.members[mikko].participant_id in model.at_risk
    assert model.index(mikko, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_space_on_a_cell_cycles_the_mark_and_saves_it(qtbot, context, seeded, sessions):
    page = RegisterPage(context)
    qtbot.addWidget(page)
    model = page.model
    liisa = _row(model, "Liisa Laine")
    page.view.setCurrentIndex(model.index(liisa, 4))
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert model.index(liisa, 4).data() == "✓"
    assert model.index(liisa, 1).data() == "33%"
    marks = {
        r.name: r.status for r in attendance.meeting_attendance(sessions, seeded.meeting_ids[1])
    }
    assert marks["Liisa Laine"] == P.PRESENT


def test_locked_session_refuses_the_edit_with_a_sentence(qtbot, context, seeded):
    signoff.sign_off(context.sessions, seeded.meeting_ids[0], actor="Aino")
    page = RegisterPage(context)
    qtbot.addWidget(page)
    jussi = _row(page.model, "Jussi Järvinen")
    page.view.setCurrentIndex(page.model.index(jussi, 3))
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert "signed off" in page.message.text()
    assert page.model.index(jussi, 3).data() == "✓"


def test_register_model_passes_the_model_tester(qtmodeltester, context, seeded):
    page = RegisterPage(context)
    qtmodeltester.check(page.model)
    page.deleteLater()


def _colours_in(image, rect) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(rect.left() + 1, rect.right() - 1)
        for y in range(rect.top() + 1, rect.bottom() - 1)
    }


def _towards(found: str, ink: str) -> bool:
    """True if `found` is `ink` blended with white (antialiased glyph edges)."""
    a, b = QColor(found), QColor(ink)
    shares = [
        (255 - got) / (255 - want)
        for got, want in ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    ]
    return min(shares) > 0.5 and max(shares) - min(shares) < 0.1


def test_the_session_columns_are_drawn_with_marks_blanks_selection_and_grid(qtbot, context, seeded):
    """The view paints the session cells itself: check the pixels, not just the model."""
    page = _shown_page(qtbot, context, 900, 400)
    view, model = page.view, page.model
    liisa, jussi = _row(model, "Liisa Laine"), _row(model, "Jussi Järvinen")
    view.setCurrentIndex(model.index(jussi, 4))
    image = view.viewport().grab().toImage()

    before_joining = _colours_in(image, view.visualRect(model.index(liisa, 3)))
    assert before_joining == {OUTSIDE.name()}
    present = _colours_in(image, view.visualRect(model.index(jussi, 3)))
    green = vocabulary.colour(P.PRESENT)
    assert any(_towards(c, green) for c in present)  # the green tick, on white
    assert "#ffffff" in present
    highlight = view.palette().color(QPalette.ColorRole.Highlight).name()
    assert highlight in _colours_in(image, view.visualRect(model.index(jussi, 4)))
    assert highlight not in present
    cell = view.visualRect(model.index(jussi, 5))  # without the grid line on its right
    grid = {image.pixelColor(cell.right() + 1, y).name() for y in range(cell.top(), cell.bottom())}
    assert len(grid) == 1 and grid != {"#ffffff"}

    # The member column is still Qt's own drawing, elided with the whole name in the tooltip.
    assert "Jussi Järvinen" in model.index(jussi, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_member_columns_stay_in_view_while_the_latest_sessions_show(qtbot, context, sessions):
    seeded = seed_group(sessions, meetings=30, held=30, name="Long group")
    page = _shown_page(qtbot, context, 700, 400)
    page.show_group(seeded.group_id)
    view, model = page.view, page.model
    bar = view.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())

    last = model.columnCount() - 1
    assert view.viewport().rect().contains(view.visualRect(model.index(0, last)))
    # The names are not scrolled away: the leading part shows them at the left edge.
    assert view.leading.isVisible()
    assert view.leading.visualRect(model.index(0, 0)).left() == 0
    assert view.leading.width() == sum(view.columnWidth(c) for c in range(3))

    # Walking left through the sessions, each one comes out beside the names, never under.
    view.setFocus()
    view.setCurrentIndex(model.index(0, last))
    for column in range(last - 1, 2, -1):
        qtbot.keyClick(view, Qt.Key.Key_Left)
        assert view.currentIndex().column() == column
        assert view.visualRect(view.currentIndex()).left() >= view.leading.width()
    assert bar.value() < bar.maximum()

    # Both parts scroll up and down together.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.leading.verticalScrollBar().value() == view.verticalScrollBar().value()


def test_a_group_without_held_sessions_shows_its_members_plainly(qtbot, context, sessions):
    planned_only = seed_group(sessions, meetings=3, held=0, name="Just started")
    long_one = seed_group(sessions, meetings=20, held=20, name="Long group")
    page = _shown_page(qtbot, context, 700, 400)
    page.show_group(long_one.group_id)
    assert page.view.leading.isVisible()

    page.show_group(planned_only.group_id)
    assert page.model.columnCount() == 3  # members, rate, hours: no session yet
    assert not page.view.leading.isVisible()  # nothing scrolls, so nothing is laid over
    image = page.view.viewport().grab().toImage()
    name = page.view.visualRect(page.model.index(0, 0))
    assert len(_colours_in(image, name)) > 1  # the name is drawn by the view itself
