"""One row-model base: every table over frozen rows passes the model tester as it changes."""

from __future__ import annotations

from dataclasses import replace

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.services import attendance
from pierglass_desktop.ui.models.table import RowsModel, RowTableModel
from pierglass_desktop.ui.pages.today import upcoming_model
from pierglass_desktop.ui.planning.meeting_model import MeetingTableModel
from pierglass_desktop.ui.run_session.models import AttendanceModel


def test_the_planning_run_session_and_today_tables_share_one_base():
    for model in (MeetingTableModel(), AttendanceModel(), upcoming_model()):
        assert isinstance(model, RowsModel)
    assert isinstance(upcoming_model(), RowTableModel)


def test_a_mark_saved_and_a_newcomer_keep_the_attendance_model_sound(qtmodeltester, sessions, qapp):
    seeded = seed_group(sessions, meetings=2)
    rows = attendance.meeting_attendance(sessions, seeded.meeting_ids[0])
    model = AttendanceModel(rows[:-1])
    qtmodeltester.check(model)
    saved = replace(rows[0], status=AttendanceStatus.PRESENT)
    model.update(saved)  # an edit saved: the row is replaced in place
    assert model.row_at(0) == saved and model.rowCount() == len(rows) - 1
    model.update(rows[-1])  # a newcomer: appended
    assert model.rowCount() == len(rows)
    qtmodeltester.check(model)
