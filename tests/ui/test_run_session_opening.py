"""Opening the run-session screen from the Sessions page, again and again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from meeting_fixtures import seed_group
from pierglass_desktop.ui import run_session
from pierglass_desktop.ui.pages.sessions import SessionsPage


def _deleted_later() -> None:
    # WA_DeleteOnClose deletes the window on the next turn of the event loop.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_tutor_opens_run_session_a_second_time_after_closing_it(qtbot, context, sessions):
    seeded = seed_group(sessions, meetings=2)
    page = SessionsPage(context)
    qtbot.addWidget(page)
    page.select_meeting(seeded.meeting_ids[0])
    for _ in range(3):
        page.buttons["run"].click()
        (window,) = run_session.open_windows()
        assert window.isVisible()
        window.close()
        _deleted_later()
        assert run_session.open_windows() == []


def test_run_session_opened_twice_for_one_meeting_shows_the_same_window(qtbot, context, sessions):
    seeded = seed_group(sessions, meetings=2)
    first = run_session.open_run_session(context, seeded.meeting_ids[0], full_screen=False)
    again = run_session.open_run_session(context, seeded.meeting_ids[0], full_screen=False)
    assert again is first and run_session.open_windows() == [first]
    first.close()
    _deleted_later()


def test_quitting_mid_meeting_asks_and_cancel_keeps_the_program_open(
    qtbot, context, sessions, dialogs
):
    from pierglass_desktop.ui.main_window import MainWindow

    seeded = seed_group(sessions, meetings=2)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    screen = run_session.open_run_session(context, seeded.meeting_ids[0], full_screen=False)
    qtbot.waitUntil(lambda: screen.ready)  # read off the GUI thread
    screen.agenda._on_start_pause()

    stay = dialogs.click_button("Cancel")
    dialogs.answer_next(stay)
    main.actions["quit"].trigger()
    assert "still running" in stay.seen[0]
    assert main.isVisible() and screen.isVisible()

    dialogs.answer_next(dialogs.click_button("Leave it running"))
    main.actions["quit"].trigger()
    assert not main.isVisible()
    _deleted_later()
    assert run_session.open_windows() == []


def test_switching_database_first_closes_the_run_session_screen_of_the_old_file(
    qtbot, context, sessions, dialogs, tmp_path
):
    from pierglass_desktop.ui.main_window import MainWindow

    seeded = seed_group(sessions, meetings=2)
    main = MainWindow(context)
    qtbot.addWidget(main)
    screen = run_session.open_run_session(context, seeded.meeting_ids[0], full_screen=False)
    qtbot.waitUntil(lambda: screen.ready)
    screen.agenda._on_start_pause()
    old = context.database.path

    dialogs.answer_next(dialogs.click_button("Cancel"))
    assert not main.switch_database(tmp_path / "other.sqlite3")
    assert context.database.path == old and screen.isVisible()

    dialogs.answer_next(dialogs.click_button("Leave it running"))
    assert main.switch_database(tmp_path / "other.sqlite3")
    _deleted_later()
    assert run_session.open_windows() == []
    assert context.database.path.name == "other.sqlite3"
