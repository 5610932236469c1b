"""Records on one page open where they live: Today → register or participant, Sessions → run."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.ui.loading import settled

from meeting_fixtures import seed_group
from pierglass_desktop.ui.main_window import MainWindow


def make_window(context, qtbot) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_participant_found_from_today_opens_on_the_participants_page(context, qtbot):
    seeded = seed_group(context.sessions, meetings=1)
    window = make_window(context, qtbot)
    today = window.show_page("today")

    today.open_requested.emit("participant", seeded.participant_ids[1])

    assert window.current_page_key() == "participants"
    page = settled(window.show_page("participants"))  # chosen once the list is read
    assert page.selected_participant().id == seeded.participant_ids[1]


def test_the_tutor_starts_the_chosen_session_from_the_sessions_page(context, qtbot):
    soon = (datetime.now() + timedelta(days=2)).replace(hour=17, minute=0, second=0, microsecond=0)
    seeded = seed_group(context.sessions, meetings=2, first=soon)
    window = make_window(context, qtbot)
    sessions_page = window.show_page("sessions")
    sessions_page.group.setCurrentIndex(sessions_page.group.findData(seeded.group_id))
    assert sessions_page.select_meeting(seeded.meeting_ids[0])
    run = sessions_page.buttons["run"]
    assert run.isEnabled()

    run.click()

    from pierglass_desktop.ui import run_session

    (screen,) = run_session.open_windows()
    qtbot.addWidget(screen)
    assert screen.isVisible()
    assert screen.meeting_id == seeded.meeting_ids[0]
    screen.close()


def test_a_member_at_risk_opens_the_register_on_that_members_row(context, qtbot):
    seeded = seed_group(context.sessions, meetings=2, held=2, name="Jalkahoitajat, Vaasa")
    window = make_window(context, qtbot)
    member = seeded.participant_ids[2]
    window.show_page("today").register_member_requested.emit(seeded.group_id, member)

    assert window.current_page_key() == "register"
    register = window.show_page("register")
    assert register.group_combo.currentData() == seeded.group_id
    row = register.view.currentIndex().row()
    assert register.model.register.members[row].participant_id == member
