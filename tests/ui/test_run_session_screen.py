"""A whole meeting on the run-session screen, by keyboard, with a fake clock."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus, FollowUp, MeetingStatus
from pierglass_desktop.domain.models import AgendaItem, Meeting
from pierglass_desktop.preferences import Preferences
from pierglass_desktop.services import attendance, commitments, notes
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.ui.context import AppContext, Changes
from pierglass_desktop.ui.run_session.labels import AMBER
from pierglass_desktop.ui.run_session.models import (
    AgendaModel,
    AttendanceModel,
    CommitmentModel,
    FollowUpModel,
    NotesModel,
)
from pierglass_desktop.ui.run_session.window import RunSessionWindow
from pierglass_desktop.ui.tasks import TaskRunner

P = AttendanceStatus


class FakeClock:
    def __init__(self):
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def context(database, qapp):
    return AppContext(database, TaskRunner(), Changes(), Preferences(large_text=True))


@pytest.fixture
def meeting(sessions):
    seeded = seed_group(sessions, meetings=2, held=1)
    first = seeded.meeting_ids[0]
    liisa, jussi = seeded.participant_ids[:2]
    commitments.save_commitment(sessions, first, jussi, "Describe one service")
    commitments.save_commitment(sessions, first, liisa, "Try e-invoicing")
    return seeded


def _type_in_cell(qtbot, view, text: str) -> None:
    """F2 opens the cell's editor, the text is typed into it, Return saves."""
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert view.isAncestorOf(editor) and editor is not view
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _type_refused(qtbot, view, text: str, window) -> None:
    """As ``_type_in_cell``, for a save that is refused: the sentence shows in the status."""
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert view.isAncestorOf(editor) and editor is not view
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.status.text()))


def _commitments_round(qtbot, context, meeting_id: str) -> RunSessionWindow:
    """The run-session screen of the meeting, open at its commitments round."""
    window = RunSessionWindow(context, meeting_id, FakeClock())
    qtbot.waitUntil(lambda: window.ready)
    qtbot.addWidget(window)
    _show_commitments(qtbot, window)
    return window


def _show_commitments(qtbot, window) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentWidget(window.commitments)


def _row_of(model, name: str) -> int:
    return next(i for i, row in enumerate(model.rows()) if row.name == name)


def test_tutor_runs_a_whole_meeting_by_keyboard(
    qtbot, context, meeting, sessions, db_path, dialogs
):
    clock = FakeClock()
    second = meeting.meeting_ids[1]
    window = RunSessionWindow(context, second, clock)
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach only the active window

    # The timer: the check-in round over-runs by four minutes, shown in amber, and is kept.
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert window.agenda.clock.running
    clock.advance(19)
    window.agenda.refresh_display()
    assert window.agenda.countdown.text() == "+04:00"
    assert window.agenda.countdown.property("overrun") is True
    assert AMBER in window.agenda.countdown.styleSheet()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.agenda.title.text() == "Peer consultation"
    clock.advance(40)

    # Attendance: everyone present, then the exceptions.
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    panel = window.attendance
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(_row_of(panel.model, "Jussi Järvinen"), 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_4)  # excused
    panel.view.setCurrentIndex(panel.model.index(_row_of(panel.model, "Mikko Mäki"), 0))
    for _ in range(4):  # present → late → left early → excused → absent
        qtbot.keyClick(panel.view, Qt.Key.Key_Space)
    panel.view.setCurrentIndex(panel.model.index(_row_of(panel.model, "Liisa Laine"), 0))
    qtbot.keyClicks(panel.arrived_edit, "17.25")
    qtbot.keyClick(panel.arrived_edit, Qt.Key.Key_Return)
    # A newcomer on the spot.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.newcomer_box.isVisible()
    qtbot.keyClicks(panel.first_edit, "Sanna")
    qtbot.keyClicks(panel.last_edit, "Virta")
    qtbot.keyClicks(panel.company_edit, "Virran Hoiva")
    qtbot.keyClick(panel.company_edit, Qt.Key.Key_Return)
    assert "Sanna Virta" in [row.name for row in panel.model.rows()]

    # A group-visible note about the session.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    note_panel = window.notes
    note_panel.visibility_combo.setCurrentIndex(note_panel.visibility_combo.findData("group"))
    qtbot.keyClicks(note_panel.body_edit, "Good energy; vouchers next time.")
    qtbot.keyClick(note_panel.body_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert note_panel.model.rowCount() == 1

    # Commitments round: last time's follow-ups, then the new promises.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    rounds = window.commitments
    follow_view = rounds.follow_up_view
    jussi_row = next(
        i for i, c in enumerate(rounds.follow_up_model.rows()) if c.name.startswith("J")
    )
    follow_view.setFocus()
    follow_view.setCurrentIndex(rounds.follow_up_model.index(jussi_row, 2))
    qtbot.keyClick(follow_view, Qt.Key.Key_F2)
    combo = follow_view.findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("partly"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: follow_view.state() != QAbstractItemView.State.EditingState)
    follow_view.setCurrentIndex(rounds.follow_up_model.index(jussi_row, 3))
    _type_in_cell(qtbot, follow_view, "Half written")
    view = rounds.commitment_view
    liisa_row = next(
        i for i, row in enumerate(rounds.commitment_model.rows()) if row[1] == "Liisa Laine"
    )
    view.setFocus()
    view.setCurrentIndex(rounds.commitment_model.index(liisa_row, 1))
    _type_in_cell(qtbot, view, "Ask three customers for feedback")

    dialogs.answer_next(dialogs.click_button("Finish session"))
    assert window.finish()

    # Everything is in the database.
    marks = {r.name: r for r in attendance.meeting_attendance(sessions, second)}
    assert marks["Jussi Järvinen"].status == P.EXCUSED
    assert marks["Mikko Mäki"].status == P.ABSENT
    assert (marks["Liisa Laine"].status, marks["Liisa Laine"].arrived_at) == (P.LATE, time(17, 25))
    assert marks["Liisa Laine"].minutes_attended == 155
    assert marks["Sanna Virta"].status == P.PRESENT and marks["Sanna Salo"].status == P.PRESENT
    (note,) = notes.meeting_notes(sessions, second)
    assert (note.body, note.visibility) == ("Good energy; vouchers next time.", "group")
    follow = {c.name: c for c in commitments.follow_ups_for(sessions, second)}
    assert follow["Jussi Järvinen"].follow_up == FollowUp.PARTLY
    assert follow["Jussi Järvinen"].follow_up_comment == "Half written"
    assert follow["Jussi Järvinen"].reviewed_at_meeting_id == second
    made = {c.name: c.text for c in commitments.meeting_commitments(sessions, second)}
    assert made == {"Liisa Laine": "Ask three customers for feedback"}
    with sessions() as s:
        actual = {
            i.title: i.actual_minutes for i in s.query(AgendaItem).filter_by(meeting_id=second)
        }
        meeting_row = s.get(Meeting, second)
        assert (meeting_row.status, meeting_row.actual_minutes) == (MeetingStatus.HELD, 59)
    assert actual["Check-in round"] == 19 and actual["Peer consultation"] == 40
    assert check_database(db_path).ok


def test_leaving_before_arriving_shows_the_message_at_the_leaving_field(qtbot, context, meeting):
    window = RunSessionWindow(context, meeting.meeting_ids[1], FakeClock())
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    qtbot.addWidget(window)
    panel = window.attendance
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.arrived_edit.setText("18.00")
    panel.left_edit.setText("17.30")
    panel._on_save_times()
    assert not panel.left_error.isHidden() and "arrival" in panel.left_error.text()
    assert "before the arrival" in window.status.text()
    assert panel.model.row_at(0).status is None


def test_large_text_preference_enlarges_the_screen(qtbot, database, meeting):
    small = AppContext(database, TaskRunner(), Changes(), Preferences(large_text=False))
    large = AppContext(database, TaskRunner(), Changes(), Preferences(large_text=True))
    a = RunSessionWindow(small, meeting.meeting_ids[1], FakeClock())
    qtbot.waitUntil(lambda: a.ready)  # read off the GUI thread
    b = RunSessionWindow(large, meeting.meeting_ids[1], FakeClock())
    qtbot.waitUntil(lambda: b.ready)  # read off the GUI thread
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    assert b.font().pointSizeF() > a.font().pointSizeF() * 1.3


def test_every_run_session_model_passes_the_model_tester(
    qtbot, qtmodeltester, context, meeting, sessions
):
    window = RunSessionWindow(context, meeting.meeting_ids[1], FakeClock())
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    for model in (
        window.agenda.model,
        window.attendance.model,
        window.notes.model,
        window.commitments.commitment_model,
        window.commitments.follow_up_model,
    ):
        assert isinstance(
            model, AgendaModel | AttendanceModel | NotesModel | CommitmentModel | FollowUpModel
        )
        qtmodeltester.check(model)
    window.deleteLater()


def test_after_the_meeting_slips_photo_and_sign_off(
    qtbot, context, meeting, sessions, tmp_path, dialogs
):
    from pierglass_desktop.services import evidence, feedback, signoff

    second = meeting.meeting_ids[1]
    window = RunSessionWindow(context, second, FakeClock())
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    qtbot.addWidget(window)
    after = window.after
    assert not after.sign_off_button.isHidden()
    after.sign_off()  # not held yet: refused with a sentence
    assert "Only a held session" in window.status.text()
    dialogs.answer_next(dialogs.click_button("Finish session"))
    window.finish()
    assert window.tabs.currentWidget() is after
    after.usefulness_combo.setCurrentIndex(after.usefulness_combo.findData(5))
    after.atmosphere_combo.setCurrentIndex(after.atmosphere_combo.findData(4))
    qtbot.keyClicks(after.comment_edit, "Good peer talk")
    qtbot.keyClick(after.comment_edit, Qt.Key.Key_Return)
    after.add_slip()  # an empty slip is refused next to the fields
    assert not after.slip_error.isHidden()
    photo = tmp_path / "sheet.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    after.attach(photo)
    assert "sheet.jpg</a>" in after.evidence_label.text()  # a link that opens the photo
    asked = dialogs.click_button("Sign off and lock")

    def named(box):  # the first sign-off asks who signs, once
        box.setTextValue("Aino Tutor")
        box.accept()

    def confirm_then_name(box):
        dialogs.answer_next(named)
        asked(box)

    dialogs.answer_next(confirm_then_name)
    after.sign_off()
    assert "A signed-off session is locked" in asked.seen[0]
    assert context.preferences.tutor_name == "Aino Tutor"
    assert "Aino Tutor" in after.lock_label.text()
    assert not after.sign_off_button.isEnabled() and after.unlock_button.isEnabled()
    after.unlock()  # no reason given
    assert "reason" in after.reason_error.text()
    assert signoff.lock_state(sessions, second).locked
    summary = feedback.feedback_summary(sessions, second)
    assert (summary.slips, summary.usefulness, summary.comments) == (1, 5.0, ("Good peer talk",))
    assert [row.filename for row in evidence.signin_evidence(sessions, second)] == ["sheet.jpg"]


def test_closing_mid_item_keeps_its_minutes(qtbot, context, meeting, sessions, dialogs):
    clock = FakeClock()
    window = RunSessionWindow(context, meeting.meeting_ids[1], clock)
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    qtbot.addWidget(window)
    window.show()
    window.agenda._on_start_pause()
    clock.advance(7.4)
    dialogs.answer_next(dialogs.click_button("Leave it running"))
    assert window.close()
    first_item = meeting.agenda_ids[meeting.meeting_ids[1]][0]
    with sessions() as s:
        assert s.get(AgendaItem, first_item).actual_minutes == 7


def test_a_refused_commitment_or_follow_up_is_said_and_the_row_stays():
    from pierglass_desktop.domain.errors import Conflict
    from pierglass_desktop.services.commitments import CommitmentRow

    def refuse(*_args):
        raise Conflict("The session is signed off.")

    said: list[str] = []
    made = CommitmentModel(save=refuse, on_error=said.append)
    made.set_rows([("p1", "Liisa Laine", "Open a web shop")])
    assert not made.setData(made.index(0, 1), "Call two customers")
    assert made.index(0, 1).data() == "Open a web shop"
    assert not made.flags(made.index(0, 0)) & Qt.ItemFlag.ItemIsEditable

    follow = FollowUpModel(save=refuse, on_error=said.append)
    row = CommitmentRow(
        id="c1", meeting_id="m1", meeting_number=1, participant_id="p1", name="Liisa Laine",
        text="Open a web shop", follow_up=None, follow_up_comment="", reviewed_at_meeting_id=None,
    )  # fmt: skip
    follow.set_rows([row])
    assert not follow.flags(follow.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert follow.flags(follow.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not follow.setData(follow.index(0, 3), "It went well")
    assert follow.index(0, 3).data() == ""
    assert said == ["The session is signed off."] * 2


def test_tutor_opens_the_photo_of_the_signed_sheet_from_the_screen(
    qtbot, context, meeting, tmp_path, monkeypatch
):
    from pierglass_desktop.ui.widgets import files

    opened: list = []
    monkeypatch.setattr(files, "open_file", lambda path: opened.append(path) or True)
    window = RunSessionWindow(context, meeting.meeting_ids[1], FakeClock())
    qtbot.waitUntil(lambda: window.ready)
    qtbot.addWidget(window)
    photo = tmp_path / "signed <sheet>.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"photo" * 20)
    window.after.attach(photo)
    label = window.after.evidence_label.text()
    assert "&lt;sheet&gt;" in label  # the file name is shown as text, never as markup
    link = label.split('href="')[1].split('"')[0]
    window.after.evidence_label.linkActivated.emit(link)
    (copy,) = opened
    assert copy.read_bytes() == photo.read_bytes()
    assert copy.stat().st_mode & 0o777 == 0o600  # a private copy: it may hold signatures


def test_a_commitment_a_colleague_typed_meanwhile_is_not_replaced_and_the_typed_text_stays(
    qtbot, context, meeting, sessions
):
    """A shared database: a co-tutor types Liisa's commitment on another machine first."""
    second = meeting.meeting_ids[1]
    window = _commitments_round(qtbot, context, second)
    rounds = window.commitments
    liisa = meeting.participant_ids[0]
    theirs = commitments.save_commitment(sessions, second, liisa, "Call two customers")
    view = rounds.commitment_view
    row = next(i for i, r in enumerate(rounds.commitment_model.rows()) if r[0] == liisa)
    view.setFocus()
    view.setCurrentIndex(rounds.commitment_model.index(row, 1))
    _type_refused(qtbot, view, "Open a web shop", window)
    assert "Someone else changed or removed this record" in window.status.text()
    assert commitments.meeting_commitments(sessions, second) == [theirs]
    # What was typed comes back in the cell's editor; under it the cell now holds theirs.
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)
    (editor,) = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editor.text() == "Open a web shop"
    assert rounds.commitment_model.index(row, 1).data() == "Call two customers"
    assert "Saved meanwhile: “Call two customers”" in window.status.text()
    # Enter now saves it knowingly over theirs (the row shows their stamp).
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    (saved,) = commitments.meeting_commitments(sessions, second)
    assert saved.text == "Open a web shop"


def test_a_follow_up_comment_on_a_stale_row_is_refused_and_the_comment_stays(
    qtbot, context, meeting, sessions
):
    second = meeting.meeting_ids[1]
    window = _commitments_round(qtbot, context, second)
    rounds = window.commitments
    row = _row_of(rounds.follow_up_model, "Liisa Laine")
    shown = rounds.follow_up_model.rows()[row]
    commitments.record_follow_up(
        sessions, shown.id, FollowUp.DONE, "Sent every invoice", at_meeting_id=second
    )
    view = rounds.follow_up_view
    view.setFocus()
    view.setCurrentIndex(rounds.follow_up_model.index(row, 3))
    _type_refused(qtbot, view, "Half of it", window)
    assert "Someone else changed" in window.status.text()
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)
    (editor,) = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editor.text() == "Half of it"
    assert "Saved meanwhile: “Sent every invoice”" in window.status.text()
    row = _row_of(rounds.follow_up_model, "Liisa Laine")
    assert rounds.follow_up_model.rows()[row].follow_up == FollowUp.DONE
    kept = {c.name: c for c in commitments.follow_ups_for(sessions, second)}["Liisa Laine"]
    assert (kept.follow_up, kept.follow_up_comment) == (FollowUp.DONE, "Sent every invoice")
