"""The attendance register page: blanks outside membership, rates, editing by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from meeting_fixtures import seed_group, set_membership
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.preferences import Preferences
from pierglass_desktop.services import attendance, signoff
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.pages.register import RegisterPage
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
