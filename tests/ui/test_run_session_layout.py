"""The run-session screen on a 1366 x 768 laptop: the whole group and the agenda fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from meeting_fixtures import seed_group
from pierglass_desktop.domain.models import AgendaItem
from pierglass_desktop.preferences import Preferences
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.run_session.window import RunSessionWindow
from pierglass_desktop.ui.tasks import TaskRunner

LONG = "Vertaiskonsultaatio: palvelusetelit ja hinnoittelu kotihoidossa, kaksi tapausta"
FIRST = "Liisa Jussi Mikko Sanna Aino Pekka Helena Ville Tiina Outi Kari Marja Antti Eeva Juha"
LAST = "Laine Järvinen Mäki Salo Aaltonen Koskinen Heikkinen Nieminen Lehtonen Virtanen Korhonen"
LAST += " Mäkinen Hämäläinen Laaksonen Kinnunen"


@pytest.fixture
def fifteen(sessions):
    members = tuple(
        (first, last, f"{last} Hoivapalvelut Oy")
        for first, last in zip(FIRST.split(), LAST.split(), strict=True)
    )
    seeded = seed_group(sessions, members=members, meetings=2, held=1)
    meeting = seeded.meeting_ids[1]
    with sessions.begin() as s:
        s.get(AgendaItem, seeded.agenda_ids[meeting][1]).title = LONG
    return meeting


def _shown(qtbot, database, meeting, large: bool) -> RunSessionWindow:
    context = AppContext(database, TaskRunner(), Changes(), Preferences(large_text=large))
    window = RunSessionWindow(context, meeting)
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("large", [False, True])
def test_all_fifteen_members_show_at_1366x768(qtbot, database, fifteen, large):
    window = _shown(qtbot, database, fifteen, large)
    view = window.attendance.view
    bottoms = [view.visualRect(view.model().index(r, 0)).bottom() for r in range(15)]
    assert max(bottoms) <= view.viewport().height()


def test_a_long_agenda_title_ends_in_an_ellipsis_with_the_whole_title_as_tooltip(
    qtbot, database, fifteen
):
    window = _shown(qtbot, database, fifteen, large=True)
    agenda = window.agenda
    agenda._go_to(1)
    assert agenda.title.text() == LONG
    shown = super(type(agenda.title), agenda.title).text()
    assert shown.endswith("…") and agenda.title.toolTip() == LONG
    assert agenda.title.height() < 2.5 * agenda.title.fontMetrics().height()  # one line
    assert agenda.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == LONG
    assert not agenda.view.wordWrap()
    assert agenda.view.textElideMode() == Qt.TextElideMode.ElideRight
