"""A tutor adds, corrects, finds and deletes participants through the real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from tests.ui.loading import settled

from pierglass_desktop.domain.enums import ConsentScope, Gender
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.services.members import add_member
from pierglass_desktop.services.participants import (
    ParticipantInput,
    create_participant,
    list_participants,
)
from pierglass_desktop.ui.dialogs.participant_dialog import ParticipantDialog
from pierglass_desktop.ui.pages.participants import ParticipantsPage
from pierglass_desktop.ui.widgets.combos import select_data


def make_page(context, qtbot) -> ParticipantsPage:
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return settled(page)


def shown(page: ParticipantsPage) -> list[str]:
    settled(page)
    return [page.proxy.row_at(r).full_name for r in range(page.proxy.rowCount())]


def test_tutor_adds_a_participant_with_consent_and_background(context, qtbot, dialogs):
    page = make_page(context, qtbot)

    def fill(dialog):
        qtbot.keyClicks(dialog.first_name, "Aino")
        qtbot.keyClicks(dialog.last_name, "Virtanen")
        qtbot.keyClicks(dialog.email, "aino@hoivavirtanen.fi")
        qtbot.keyClicks(dialog.business_id, "2345678-0")
        select_data(dialog.consent_scope, ConsentScope.REPORTING)
        dialog.consent_date.set_date(date(2026, 9, 1))
        select_data(dialog.gender, Gender.NON_BINARY)
        qtbot.keyClicks(dialog.birth_year, "1978")

    dialogs.answer_next(dialogs.fill_and_accept(fill))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert shown(page) == ["Aino Virtanen"]
    saved = list_participants(context.sessions)[0]
    assert (saved.business_id, saved.consent_scope, saved.gender, saved.birth_year) == (
        "2345678-0",
        ConsentScope.REPORTING,
        Gender.NON_BINARY,
        1978,
    )
    assert saved.pseudonym.startswith("P-")
    assert page.selected_participant().id == saved.id


def test_wrong_business_id_and_email_are_shown_in_red_under_their_fields(context, qtbot):
    dialog = ParticipantDialog(context.sessions)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first_name, "Aino")
    qtbot.keyClicks(dialog.last_name, "Virtanen")
    qtbot.keyClicks(dialog.email, "aino(at)example")
    qtbot.keyClicks(dialog.business_id, "2345678-1")
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "does not look like an e-mail address" in dialog.error_text("email")
    assert "check digit" in dialog.error_text("business_id")
    assert dialog.error_text("first_name") == ""
    label = dialog.findChild(type(dialog._general_error), "error_business_id")
    assert label.isVisible() and "#b00020" in label.styleSheet()
    assert list_participants(context.sessions) == []
    # The person corrects the ID's shape mistake and sees a different, precise message.
    dialog.business_id.setText("234567")
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert "seven digits" in dialog.error_text("business_id")
    dialog.business_id.setText("2345678-0")
    dialog.email.setText("aino@example.fi")
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result_row.business_id == "2345678-0"


def test_editing_fills_the_form_and_saves_changes(context, qtbot, dialogs):
    aino = create_participant(
        context.sessions, ParticipantInput("Aino", "Virtanen", company_name="Hoiva")
    )
    page = make_page(context, qtbot)
    page.select_participant(aino.id)
    seen = {}

    def edit(dialog):
        seen["company"] = dialog.company_name.text()
        dialog.company_name.setText("Hoivapalvelu Virtanen Oy")

    dialogs.answer_next(dialogs.fill_and_accept(edit))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert seen["company"] == "Hoiva"
    assert settled(page).selected_participant().company_name == "Hoivapalvelu Virtanen Oy"


def test_search_and_group_filter_narrow_the_list(context, qtbot):
    pori = create_group(context.sessions, GroupInput("Kotihoidon yrittäjät, Pori"))
    aino = create_participant(
        context.sessions, ParticipantInput("Aino", "Virtanen", company_name="Hoiva")
    )
    create_participant(context.sessions, ParticipantInput("Jussi", "Mäkelä", email="j@m.fi"))
    add_member(context.sessions, pori.id, aino.id, date(2025, 9, 4))
    page = make_page(context, qtbot)
    assert shown(page) == ["Jussi Mäkelä", "Aino Virtanen"]
    qtbot.keyClicks(page.search, "j@m")
    assert shown(page) == ["Jussi Mäkelä"]
    assert page.count_label.text() == "1 of 2 participants shown"
    page.search.clear()
    select_data(page.group, pori.id)
    assert shown(page) == ["Aino Virtanen"]


def test_delete_asks_first_and_only_deletes_when_confirmed(context, qtbot, dialogs):
    aino = create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    page = make_page(context, qtbot)
    page.select_participant(aino.id)
    cancel = dialogs.click_button("Cancel")
    dialogs.answer_next(cancel)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete Aino Virtanen" in cancel.seen[0]
    assert shown(page) == ["Aino Virtanen"]
    dialogs.answer_next(dialogs.click_button("Delete"))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert shown(page) == []
    assert list_participants(context.sessions) == []


def test_a_newcomer_is_added_on_the_spot_from_the_add_member_dialog(context, qtbot, dialogs):
    from pierglass_desktop.ui.dialogs.member_dialogs import AddMemberDialog

    group = create_group(context.sessions, GroupInput("Kotihoidon yrittäjät, Pori"))
    dialog = AddMemberDialog(context.sessions, group.id, group.name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert "Choose a participant" in dialog.error_text("participant")

    def newcomer(form):
        form.first_name.setText("Sanna")
        form.last_name.setText("Heikkinen")

    dialogs.answer_next(dialogs.fill_and_accept(newcomer))
    qtbot.mouseClick(dialog.new_person, Qt.MouseButton.LeftButton)
    assert dialog.participant.currentText() == "Heikkinen, Sanna"
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.result_row.name == "Sanna Heikkinen"


def test_keyboard_ctrl_f_searches_and_delete_in_the_table_asks_first(context, qtbot, dialogs):
    create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    create_participant(context.sessions, ParticipantInput("Jussi", "Aho"))
    page = make_page(context, qtbot)
    with qtbot.waitActive(page):  # shortcuts go to the active window only
        page.activateWindow()
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "aho")
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.search, Qt.Key.Key_Delete)  # editing the search never deletes a person
    assert shown(page) == ["Jussi Aho"]
    page.table.setFocus()
    page.table.selectRow(0)
    cancel = dialogs.click_button("Cancel")
    dialogs.answer_next(cancel)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Delete Jussi Aho" in cancel.seen[0]
    assert len(list_participants(context.sessions)) == 2


def test_a_very_long_name_is_shortened_and_the_other_columns_stay_on_screen(context, qtbot):
    long_name = "Virtanen-" * 10 + "Korhonen"  # 98 letters: the most a name may have
    create_participant(
        context.sessions,
        ParticipantInput(
            "Aino-Maria Eveliina Johanna",
            long_name,
            email="aino-maria.eveliina.virtanen-korhonen@kotihoitopalvelut-example.fi",
            business_id="0737546-2",
            company_name="Oy",
        ),
    )
    page = make_page(context, qtbot)
    page.resize(1366 - 170, 700)  # the page's part of a 1366-pixel window
    qtbot.wait(10)
    header = page.table.horizontalHeader()
    viewport = page.table.viewport().width()
    last = page.model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= viewport
    name = page.table.model().index(0, 0)
    assert name.data(Qt.ItemDataRole.ToolTipRole) == long_name  # the whole name on hover
    assert header.sectionSize(0) < page.table.fontMetrics().horizontalAdvance(long_name)


def test_tutor_pastes_the_vat_number_from_an_invoice_and_the_business_id_is_stored(context, qtbot):
    dialog = ParticipantDialog(context.sessions)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first_name, "Aino")
    qtbot.keyClicks(dialog.last_name, "Virtanen")
    dialog.business_id.setText("FI 2345 6780")  # as pasted from an invoice
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error_text("business_id")
    assert list_participants(context.sessions)[0].business_id == "2345678-0"


def test_editing_from_the_list_shows_the_fields_the_list_does_not(context, qtbot, dialogs):
    aino = create_participant(
        context.sessions,
        ParticipantInput("Aino", "Virtanen", gender=Gender.NON_BINARY, birth_year=1978),
    )
    page = make_page(context, qtbot)
    page.select_participant(aino.id)
    seen = {}

    def look(dialog):
        seen["birth_year"] = dialog.birth_year.text()
        seen["gender"] = dialog.gender.currentData()

    dialogs.answer_next(dialogs.fill_and_accept(look))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert seen == {"birth_year": "1978", "gender": Gender.NON_BINARY}


def test_coordinator_sorts_by_company_and_the_order_survives_a_refresh(context, qtbot):
    for first, company in (("Aino", "Öljy Oy"), ("Bea", "Apu Oy"), ("Cai", ""), ("Dan", "kivi")):
        create_participant(context.sessions, ParticipantInput(first, "Aalto", company_name=company))
    page = make_page(context, qtbot)
    page.select_participant(page.proxy.row_at(0).id)  # Aino
    page.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    # Case and accents as a person reads them; no company last.
    assert shown(page) == ["Bea Aalto", "Dan Aalto", "Aino Aalto", "Cai Aalto"]
    assert page.selected_participant().first_name == "Aino"  # the selection moved with the row
    create_participant(context.sessions, ParticipantInput("Eve", "Aalto", company_name="Beta"))
    page.refresh()
    assert shown(page) == ["Bea Aalto", "Eve Aalto", "Dan Aalto", "Aino Aalto", "Cai Aalto"]
    page.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    assert shown(page)[-1] == "Bea Aalto"


def test_a_colleagues_change_made_while_the_form_was_open_is_not_overwritten(context, qtbot):
    from pierglass_desktop.services.participants import get_participant, update_participant

    aino = create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    dialog = ParticipantDialog(context.sessions, get_participant(context.sessions, aino.id))
    qtbot.addWidget(dialog)
    dialog.show()
    # Meanwhile, on the shared database, a colleague corrects the company.
    update_participant(
        context.sessions, aino.id, ParticipantInput("Aino", "Virtanen", company_name="Hoiva Oy")
    )
    dialog.last_name.setText("Virtanen-Aho")
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Someone else changed" in dialog.general_error()
    kept = get_participant(context.sessions, aino.id)
    assert (kept.last_name, kept.company_name) == ("Virtanen", "Hoiva Oy")


def test_the_page_opens_before_its_list_is_read_and_fills_in_with_the_chosen_person(
    context, qtbot, monkeypatch
):
    import threading

    from pierglass_desktop.ui.pages import participants as page_module

    aino = create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    create_participant(context.sessions, ParticipantInput("Jussi", "Aho"))
    read_may_end = threading.Event()
    reading = page_module.participant_list

    def slow_read(sessions):
        read_may_end.wait(10)  # a coordinator's 14,000 people
        return reading(sessions)

    monkeypatch.setattr(page_module, "participant_list", slow_read)
    page = ParticipantsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.loading and page.count_label.text() == "Loading…"
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    page.select_participant(aino.id)  # opened from Today's search while the list is read
    qtbot.keyClicks(page.search, "vir")  # the page answers meanwhile
    assert page.search.text() == "vir" and page.count_label.text() == "Loading…"
    read_may_end.set()
    assert shown(page) == ["Aino Virtanen"]
    assert page.selected_participant().id == aino.id
    assert page.count_label.text() == "1 of 2 participants shown"


def test_a_page_closed_while_its_list_is_read_lets_the_read_end_unseen(context, qtbot, monkeypatch):
    import threading

    from pierglass_desktop.ui.pages import participants as page_module

    create_participant(context.sessions, ParticipantInput("Aino", "Virtanen"))
    read_may_end, answered = threading.Event(), threading.Event()
    reading = page_module.participant_list

    def slow_read(sessions):
        read_may_end.wait(10)
        try:
            return reading(sessions)
        finally:
            answered.set()

    monkeypatch.setattr(page_module, "participant_list", slow_read)
    page = ParticipantsPage(context)
    shown_rows = []
    page.loaded.connect(lambda: shown_rows.append(page.model.rowCount()))
    page.close()
    assert not page.loading  # closing does not wait for the list
    page.deleteLater()
    qtbot.wait(10)
    read_may_end.set()
    assert answered.wait(10)
    qtbot.wait(50)  # the read's answer reaches the GUI thread, and is dropped
    assert shown_rows == []


def test_a_list_that_cannot_be_read_says_so_and_the_page_stays(
    context, qtbot, dialogs, monkeypatch
):
    from pierglass_desktop.domain.errors import PierglassError
    from pierglass_desktop.ui.pages import participants as page_module

    def broken(_sessions):
        raise PierglassError("The database file could not be read.")

    monkeypatch.setattr(page_module, "participant_list", broken)
    ok = dialogs.click_button("OK")
    dialogs.answer_next(ok)
    page = make_page(context, qtbot)
    qtbot.waitUntil(lambda: bool(ok.seen), timeout=10000)
    assert ok.seen == ["The database file could not be read."]
    assert not page.loading and page.count_label.text() == "0 participants"
    assert page.new_button.isEnabled()
