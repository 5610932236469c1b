"""The meeting's life on the run-session screen: a restart mid-meeting, finishing and signing
off with a question first, and leaving while the meeting runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.domain.models import AgendaItem, Meeting
from pierglass_desktop.services import signoff
from pierglass_desktop.ui.run_session.window import RunSessionWindow


class FakeClock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


def _minutes(sessions, meeting_id: str) -> dict[str, int | None]:
    with sessions() as s:
        items = s.query(AgendaItem).filter_by(meeting_id=meeting_id)
        return {item.title: item.actual_minutes for item in items}


def _meeting(sessions, meeting_id: str) -> Meeting:
    with sessions() as s:
        return s.get(Meeting, meeting_id)


@pytest.fixture
def seeded(sessions):
    return seed_group(sessions, meetings=2, held=1)


def _window(qtbot, context, meeting_id, clock, today=date(2026, 11, 30)):
    window = RunSessionWindow(context, meeting_id, clock, today=lambda: today)
    qtbot.waitUntil(lambda: window.ready)  # read off the GUI thread
    qtbot.addWidget(window)
    window.show()
    return window


def test_after_a_crash_the_screen_returns_to_the_running_item_and_finish_keeps_the_minutes(
    qtbot, context, seeded, sessions, dialogs
):
    clock, meeting = FakeClock(), seeded.meeting_ids[1]
    before = RunSessionWindow(context, meeting, clock)  # never shown: dies without a close
    qtbot.waitUntil(lambda: before.ready)  # read off the GUI thread
    qtbot.addWidget(before)
    before.agenda._on_start_pause()
    clock.advance(25)
    before.agenda._on_next()  # check-in kept at 25 min; the peer consultation runs
    clock.advance(10)
    # The battery dies here. Ten minutes later the laptop is back and the screen reopened.
    clock.advance(10)

    after = _window(qtbot, context, meeting, clock)
    agenda = after.agenda
    assert agenda.title.text() == "Peer consultation"
    assert agenda.clock.running and agenda.start_button.text() == "Pause"
    assert agenda.countdown.text() == "25:00"  # 45 planned, 20 run
    assert agenda.model.index(0, 2).data() == "25 min"

    clock.advance(5)
    dialogs.answer_next(dialogs.click_button("Finish session"))
    after.finish_button.click()
    assert _minutes(sessions, meeting) == {
        "Check-in round": 25,
        "Peer consultation": 25,
        "Coffee": None,
        "Commitments": None,
    }
    done = _meeting(sessions, meeting)
    assert (done.status, done.actual_minutes, done.timer_started_at) == (
        MeetingStatus.HELD,
        50,
        None,
    )


def test_a_paused_timer_reopens_paused_on_its_item(qtbot, context, seeded, sessions):
    clock, meeting = FakeClock(), seeded.meeting_ids[1]
    before = RunSessionWindow(context, meeting, clock)
    qtbot.waitUntil(lambda: before.ready)  # read off the GUI thread
    qtbot.addWidget(before)
    before.agenda._on_start_pause()
    before.agenda._on_next()
    clock.advance(12)
    before.agenda._on_start_pause()  # paused at 12 min of the peer consultation
    clock.advance(30)

    after = _window(qtbot, context, meeting, clock)
    assert after.agenda.title.text() == "Peer consultation"
    assert not after.agenda.clock.running
    assert after.agenda.countdown.text() == "33:00"
    after.hide()


def test_finishing_and_signing_off_before_the_day_ask_first_and_say_the_date(
    qtbot, context, sessions, dialogs
):
    seeded = seed_group(sessions, meetings=1, first=datetime(2026, 12, 3, 17, 0))
    meeting = seeded.meeting_ids[0]
    window = _window(qtbot, context, meeting, FakeClock(), today=date(2026, 11, 29))

    refused = dialogs.click_button("Cancel")
    dialogs.answer_next(refused)
    window.finish_button.click()
    assert "planned for 3 Dec 2026, 4 days from now. Finish it anyway?" in refused.seen[0]
    assert _meeting(sessions, meeting).status == MeetingStatus.PLANNED

    dialogs.answer_next(dialogs.click_button("Finish session"))
    window.finish_button.click()
    assert _meeting(sessions, meeting).status == MeetingStatus.HELD

    asked = dialogs.click_button("Cancel")
    dialogs.answer_next(asked)
    window.after.sign_off_button.click()
    assert "4 days from now. Sign it off anyway?" in asked.seen[0]
    assert "A signed-off session is locked" in asked.seen[0]
    assert not signoff.lock_state(sessions, meeting).locked

    # The tutor's name is known (Settings), so signing off asks nothing more.
    context.preferences = replace(context.preferences, tutor_name="Aino Tutor")
    dialogs.answer_next(dialogs.click_button("Sign off and lock"))
    window.after.sign_off_button.click()
    assert signoff.lock_state(sessions, meeting).locked


def test_closing_or_escape_mid_meeting_asks_and_cancel_keeps_the_screen(
    qtbot, context, seeded, sessions, dialogs
):
    clock, meeting = FakeClock(), seeded.meeting_ids[1]
    window = _window(qtbot, context, meeting, clock)
    window.attendance._on_everyone_present()
    window.agenda._on_start_pause()
    clock.advance(6)

    asked = dialogs.click_button("Cancel")
    dialogs.answer_next(asked)
    assert not window.close()
    assert "still running" in asked.seen[0] and window.isVisible()

    escaped = dialogs.click_button("Cancel")
    dialogs.answer_next(escaped)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert escaped.seen and window.isVisible()

    dialogs.answer_next(dialogs.click_button("Finish session"))
    assert window.close()
    assert _meeting(sessions, meeting).status == MeetingStatus.HELD
    assert _minutes(sessions, meeting)["Check-in round"] == 6


def test_leaving_the_meeting_running_keeps_the_clock_for_the_next_opening(
    qtbot, context, seeded, sessions, dialogs
):
    clock, meeting = FakeClock(), seeded.meeting_ids[1]
    window = _window(qtbot, context, meeting, clock)
    window.agenda._on_start_pause()
    clock.advance(8)
    dialogs.answer_next(dialogs.click_button("Leave it running"))
    assert window.close()
    assert _meeting(sessions, meeting).status == MeetingStatus.PLANNED
    assert _minutes(sessions, meeting)["Check-in round"] == 8

    clock.advance(2)
    again = _window(qtbot, context, meeting, clock)
    assert again.agenda.clock.running and again.agenda.countdown.text() == "05:00"
    again.hide()


def test_closing_before_anything_happened_asks_nothing(qtbot, context, seeded):
    window = _window(qtbot, context, seeded.meeting_ids[1], FakeClock())
    assert window.close()


def test_finishing_right_after_a_reopen_keeps_the_minutes_already_kept(
    qtbot, context, seeded, sessions, dialogs
):
    clock, meeting = FakeClock(), seeded.meeting_ids[1]
    before = RunSessionWindow(context, meeting, clock)
    qtbot.waitUntil(lambda: before.ready)
    qtbot.addWidget(before)
    before.agenda._on_start_pause()
    clock.advance(25)
    before.agenda._on_start_pause()  # paused: the check-in round kept at 25 min

    again = _window(qtbot, context, meeting, clock)
    dialogs.answer_next(dialogs.click_button("Finish session"))
    assert again.finish()
    assert _minutes(sessions, meeting)["Check-in round"] == 25
    assert _meeting(sessions, meeting).actual_minutes == 25
