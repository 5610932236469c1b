"""A change made on one page shows on every other page that shows it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from tests.ui.loading import settled

from meeting_fixtures import seed_group
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.pages.sessions import SessionsPage
from pierglass_desktop.ui.pages.today import TodayPage


def _today(qtbot, context) -> TodayPage:
    page = TodayPage(context, now=lambda: datetime(2026, 11, 20, 9, 0))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        pass
    return page


def _next_times(page: TodayPage) -> list[str]:
    model = page.upcoming
    return [
        str(model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_a_session_moved_on_the_sessions_page_moves_on_today(qtbot, context, sessions):
    seeded = seed_group(sessions, meetings=5, held=3)
    today = _today(qtbot, context)
    listing = SessionsPage(context)
    qtbot.addWidget(listing)
    before = _next_times(today)
    meeting_id = seeded.meeting_ids[3]
    with qtbot.waitSignal(today.loaded):
        listing.move(meeting_id, datetime(2026, 11, 23, 13, 45))
    after = _next_times(today)
    assert after != before
    assert any("13.45" in text or "13:45" in text for text in after)


def test_a_change_named_by_a_string_is_refused(context):
    # "sessions" was once announced while pages listened for "meetings": a page missed it.
    with pytest.raises(TypeError):
        context.changes.announce({"sessions"})


def test_pages_hear_the_typed_kinds_a_write_declared(qtbot, context, sessions):
    from pierglass_desktop.services import series
    from pierglass_desktop.ui import ops

    seeded = seed_group(sessions, meetings=2, held=0)
    starts = datetime(2026, 12, 1, 17, 0) + timedelta(days=1)
    with qtbot.waitSignal(context.changes.changed) as heard:
        ops.run(context, None, series.move_meeting, sessions, seeded.meeting_ids[0], starts)
    assert heard.args == [frozenset({Change.MEETINGS})]


def test_everyone_marked_present_in_the_meeting_shows_in_the_register(qtbot, context, sessions):
    from pierglass_desktop.ui.pages.register import RegisterPage
    from pierglass_desktop.ui.run_session.window import RunSessionWindow

    seeded = seed_group(sessions, meetings=3, held=2)
    register = RegisterPage(context)
    qtbot.addWidget(register)
    register.show_group(seeded.group_id)
    assert all(member.attended == 0 for member in register.model.register.members)
    window = RunSessionWindow(context, seeded.meeting_ids[1], lambda: 0.0)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.ready)
    window.attendance._on_everyone_present()
    assert all(member.attended == 1 for member in register.model.register.members)


def test_a_slow_write_runs_off_the_gui_thread_and_still_announces(qtbot, context, sessions):
    import threading

    from pierglass_desktop.services.changes import changes
    from pierglass_desktop.ui import ops

    threads = []

    @changes(Change.NOTES)
    def slow_write() -> str:
        threads.append(threading.current_thread())
        return "done"

    done = []
    with qtbot.waitSignal(context.changes.changed) as heard:
        ops.run(context, None, slow_write, slow=True, on_success=done.append)
    assert heard.args == [frozenset({Change.NOTES})]
    assert done == ["done"] and threads[0] is not threading.main_thread()


def test_a_refused_write_announces_nothing_and_says_why_once(qtbot, context, monkeypatch):
    from pierglass_desktop.domain.errors import ValidationError
    from pierglass_desktop.services.changes import changes
    from pierglass_desktop.ui import ops
    from pierglass_desktop.ui.widgets import messages

    told, heard = [], []
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, error: told.append(str(error)))
    context.changes.changed.connect(heard.append)

    @changes(Change.GROUPS)
    def refused() -> None:
        raise ValidationError("Give the group a name.", fields={"name": "Required."})

    assert ops.run(context, None, refused) == (False, None)
    assert told == ["Give the group a name."] and heard == []


def test_a_call_that_declares_nothing_is_refused_before_it_runs(context):
    from pierglass_desktop.ui import ops

    ran = []
    with pytest.raises(TypeError):
        ops.run(context, None, lambda: ran.append(1))
    assert ran == []


def test_a_member_added_on_the_groups_page_shows_in_the_participants_groups(
    qtbot, context, sessions
):
    from datetime import date

    from pierglass_desktop.services import members
    from pierglass_desktop.ui import ops
    from pierglass_desktop.ui.pages.groups import GroupsPage
    from pierglass_desktop.ui.pages.list_page import ListPage
    from pierglass_desktop.ui.pages.participants import ParticipantsPage

    first = seed_group(sessions, meetings=1)
    second = seed_group(sessions, meetings=1, name="Kauneudenhoitajat, Vaasa", members=())
    groups, people = settled(GroupsPage(context)), settled(ParticipantsPage(context))
    qtbot.addWidget(groups)
    qtbot.addWidget(people)
    assert isinstance(groups, ListPage) and isinstance(people, ListPage)
    person = first.participant_ids[0]
    people.select_participant(person)
    assert people.selected_participant().group_ids == (first.group_id,)
    groups.select_group(second.group_id)
    ops.run(context, groups, members.add_member, sessions, second.group_id, person, date.today())
    settled(people)  # still the chosen person, read anew
    assert set(people.selected_participant().group_ids) == {first.group_id, second.group_id}
    assert "1 of" not in groups.count_label.text()


def test_reads_abandoned_while_pages_come_and_go_never_freeze_the_window(context, qtbot):
    """Each refresh abandons the read before it, and pages are deleted while they read: once,
    a worker destroyed a Qt object and the window froze for good. A freeze ends the run."""
    import faulthandler

    from pierglass_desktop.ui.pages.groups import GroupsPage
    from pierglass_desktop.ui.pages.participants import ParticipantsPage

    seeded = seed_group(context.sessions, meetings=1)
    faulthandler.dump_traceback_later(120, exit=True)
    try:
        for _ in range(30):
            pages = [GroupsPage(context), ParticipantsPage(context)]
            for page in pages:
                page.refresh()  # abandons the first read
                page.deleteLater()
            qtbot.wait(1)
        shown = settled(ParticipantsPage(context))
        assert shown.model.rowCount() == len(seeded.participant_ids)
        shown.deleteLater()
        qtbot.wait(200)  # the abandoned reads end meanwhile
    finally:
        faulthandler.cancel_dump_traceback_later()
