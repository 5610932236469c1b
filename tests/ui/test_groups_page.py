"""A tutor works on the Groups page through the real widgets and dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from tests.ui.loading import settled

from pierglass_desktop.domain.enums import GroupStatus, TutorRole
from pierglass_desktop.services.groups import GroupInput, create_group, get_group, list_groups
from pierglass_desktop.services.members import add_member
from pierglass_desktop.services.participants import ParticipantInput, create_participant
from pierglass_desktop.ui.pages.groups import GroupsPage
from pierglass_desktop.ui.widgets.combos import select_data
from pierglass_desktop.ui.widgets.dates import to_qdate

PORI = GroupInput("Kotihoidon yrittäjät, Pori", location="Pori", status=GroupStatus.ACTIVE)


def make_page(context, qtbot) -> GroupsPage:
    page = GroupsPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    return settled(page)


def shown_names(page: GroupsPage) -> list[str]:
    settled(page)
    return [page.proxy.row_at(r).name for r in range(page.proxy.rowCount())]


def test_tutor_creates_a_group_through_the_form(context, qtbot, dialogs):
    page = make_page(context, qtbot)

    def fill(dialog):
        dialog.name.insert("Kotihoidon yrittäjät, Pori")  # keyClicks types ASCII only
        qtbot.keyClicks(dialog.location, "Pori")
        select_data(dialog.status, GroupStatus.ACTIVE)
        dialog.start_date.set_date(date(2025, 9, 4))

    dialogs.answer_next(dialogs.fill_and_accept(fill))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert shown_names(page) == ["Kotihoidon yrittäjät, Pori"]
    saved = list_groups(context.sessions)[0]
    assert (saved.location, saved.status, saved.start_date) == (
        "Pori",
        GroupStatus.ACTIVE,
        date(2025, 9, 4),
    )
    assert page.selected_group().id == saved.id
    assert page.detail.title.text() == "Kotihoidon yrittäjät, Pori"


def test_a_group_without_a_name_shows_the_message_under_the_name_field(context, qtbot, dialogs):
    page = make_page(context, qtbot)
    seen = {}

    def handle(dialog):
        dialog.ok_button().click()
        seen["error"] = dialog.error_text("name")
        seen["still_open"] = dialog.isVisible()
        dialog.reject()

    dialogs.answer_next(handle)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert "Give the group a name" in seen["error"]
    assert seen["still_open"]
    assert list_groups(context.sessions) == []


def test_archive_hides_a_group_and_show_archived_brings_it_back(context, qtbot, dialogs):
    kept = create_group(context.sessions, GroupInput("Arjen apu, Kemi"))
    pori = create_group(context.sessions, PORI)
    page = make_page(context, qtbot)
    page.select_group(pori.id)
    assert page.archive_button.text() == "Archive"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert shown_names(page) == [kept.name]
    page.show_archived.setChecked(True)
    assert shown_names(page) == ["Arjen apu, Kemi", "Kotihoidon yrittäjät, Pori"]
    page.select_group(pori.id)
    assert page.archive_button.text() == "Unarchive"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    page.show_archived.setChecked(False)
    assert len(shown_names(page)) == 2


def test_delete_asks_first_saying_what_happens_and_cancel_keeps_the_group(context, qtbot, dialogs):
    group = create_group(context.sessions, PORI)
    aino = create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    add_member(context.sessions, group.id, aino.id, date(2025, 9, 4))
    page = make_page(context, qtbot)
    page.select_group(group.id)
    cancel = dialogs.click_button("Cancel")
    dialogs.answer_next(cancel)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "1 membership" in cancel.seen[0] and "participants themselves are kept" in cancel.seen[0]
    assert shown_names(page) == [group.name]
    delete = dialogs.click_button("Delete")
    dialogs.answer_next(delete)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert shown_names(page) == []
    assert list_groups(context.sessions, include_archived=True) == []


def test_a_group_with_sessions_is_not_deleted_and_the_tutor_is_told_to_archive(
    context, qtbot, dialogs
):
    from datetime import datetime

    from pierglass_desktop.domain.models import Meeting

    group = create_group(context.sessions, PORI)
    with context.sessions.begin() as s:
        s.add(Meeting(group_id=group.id, number=1, starts_at=datetime(2025, 9, 4, 17)))
    page = make_page(context, qtbot)
    page.select_group(group.id)
    ok = dialogs.click_button("OK")
    dialogs.answer_next(ok)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Archive the group instead" in ok.seen[0]
    assert shown_names(page) == [group.name]


def test_search_filters_as_you_type_and_status_filter_narrows(context, qtbot, dialogs):
    create_group(context.sessions, PORI)
    create_group(context.sessions, GroupInput("Hyvinvointiala, Rauma", location="Rauma"))
    page = make_page(context, qtbot)
    qtbot.keyClicks(page.search, "rau")
    assert shown_names(page) == ["Hyvinvointiala, Rauma"]
    assert page.count_label.text() == "1 of 2 groups shown"
    page.search.clear()
    select_data(page.status, GroupStatus.ACTIVE)
    assert shown_names(page) == ["Kotihoidon yrittäjät, Pori"]


def test_header_click_sorts_the_table(context, qtbot, dialogs):
    create_group(context.sessions, GroupInput("Arjen apu", location="Vaasa"))
    create_group(context.sessions, GroupInput("Bisnes", location="Espoo"))
    page = make_page(context, qtbot)
    assert shown_names(page) == ["Arjen apu", "Bisnes"]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown_names(page) == ["Bisnes", "Arjen apu"]  # by location: Espoo, Vaasa


def test_detail_shows_members_and_a_member_is_added_and_ended(context, qtbot, dialogs):
    group = create_group(context.sessions, PORI)
    aino = create_participant(
        context.sessions, ParticipantInput("Aino", "Virtanen", company_name="Hoiva Virtanen")
    )
    page = make_page(context, qtbot)
    page.select_group(group.id)

    def add(dialog):
        dialog.choose(aino.id)
        dialog.joined_on.setDate(to_qdate(date(2025, 9, 4)))

    dialogs.answer_next(dialogs.fill_and_accept(add))
    qtbot.mouseClick(page.detail.add_member_button, Qt.MouseButton.LeftButton)
    members = settled(page).detail.members_model
    assert members.rowCount() == 1
    assert members.data(members.index(0, 1)) == "Hoiva Virtanen"
    assert page.detail.members_heading.text() == "Members (1 current)"

    page.detail.members.selectRow(0)
    seen = {}

    def end_too_early(dialog):
        dialog.left_on.setDate(to_qdate(date(2025, 9, 3)))
        dialog.ok_button().click()
        seen["error"] = dialog.error_text("left_on")
        dialog.left_on.setDate(to_qdate(date(2026, 1, 31)))
        dialog.ok_button().click()

    dialogs.answer_next(end_too_early)
    qtbot.mouseClick(page.detail.end_member_button, Qt.MouseButton.LeftButton)
    assert "on or after the day the member joined" in seen["error"]
    assert get_group(context.sessions, group.id).members[0].left_on == date(2026, 1, 31)
    assert settled(page).selected_group().member_count == 0


def test_a_new_tutor_is_assigned_as_lead_from_the_detail_panel(context, qtbot, dialogs):
    group = create_group(context.sessions, PORI)
    page = make_page(context, qtbot)
    page.select_group(group.id)

    def assign(dialog):
        qtbot.keyClicks(dialog.name, "Maija Ojala")
        select_data(dialog.role, TutorRole.LEAD)

    dialogs.answer_next(dialogs.fill_and_accept(assign))
    qtbot.mouseClick(page.detail.assign_button, Qt.MouseButton.LeftButton)
    tutors = settled(page).detail.tutors_model
    assert [tutors.data(tutors.index(0, c)) for c in range(2)] == ["Maija Ojala", "Lead tutor"]
    assert settled(page).selected_group().tutor_names == "Maija Ojala"
    page.detail.tutors.selectRow(0)
    qtbot.mouseClick(page.detail.unassign_button, Qt.MouseButton.LeftButton)
    assert settled(page).detail.tutors_model.rowCount() == 0


def test_markup_typed_into_a_name_is_shown_as_typed(context, qtbot, dialogs):
    group = create_group(context.sessions, GroupInput("<b>Pori</b> & <i>co</i>"))
    page = make_page(context, qtbot)
    page.select_group(group.id)
    assert page.detail.title.textFormat() == Qt.TextFormat.PlainText
    assert page.detail.title.text() == "<b>Pori</b> & <i>co</i>"
    cancel = dialogs.click_button("Cancel")
    dialogs.answer_next(cancel)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "<b>Pori</b>" in cancel.seen[0]
    assert cancel.formats == [Qt.TextFormat.PlainText]


def test_a_membership_a_colleague_ended_meanwhile_keeps_their_date_and_the_form_stays(
    context, qtbot
):
    from pierglass_desktop.services.members import end_membership
    from pierglass_desktop.ui.dialogs.member_dialogs import EndMembershipDialog

    group = create_group(context.sessions, PORI)
    aino = create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    add_member(context.sessions, group.id, aino.id, date(2025, 9, 4))
    (shown,) = get_group(context.sessions, group.id).members
    dialog = EndMembershipDialog(context.sessions, shown)
    qtbot.addWidget(dialog)
    dialog.show()
    end_membership(context.sessions, shown.membership_id, date(2025, 12, 31))  # a colleague
    dialog.left_on.setDate(to_qdate(date(2026, 1, 31)))
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Someone else changed" in dialog.general_error()
    assert dialog.left_on.date() == to_qdate(date(2026, 1, 31))
    assert get_group(context.sessions, group.id).members[0].left_on == date(2025, 12, 31)
