"""Through the real widgets: a tutor imports a kick-off list into a group, and later erases
one person after reading what will be removed."""

from __future__ import annotations

from sqlalchemy import select
from tests.ui.loading import settled

from pierglass_desktop.domain.people import Participant
from pierglass_desktop.exchange.roster import read_roster
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.services.participants import (
    ParticipantInput,
    create_participant,
    list_participants,
)
from pierglass_desktop.ui.dialogs.person_data import EraseDialog, erase_them
from pierglass_desktop.ui.dialogs.roster_import import RosterImportDialog
from pierglass_desktop.ui.pages.groups import GroupsPage
from pierglass_desktop.ui.pages.participants import ParticipantsPage


def test_tutor_maps_an_unknown_column_previews_and_imports(context, qtbot, tmp_path):
    group = create_group(context.sessions, GroupInput("Pori"))
    path = tmp_path / "list.csv"
    path.write_text(
        "Etunimi;Sukunimi;Posti osoite\nAino;Aalto;aino@example.fi\nBo;Ek;bad\n", encoding="utf-8"
    )
    dialog = RosterImportDialog(context, group.id, group.name, read_roster(path))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    assert dialog.mapping() == {0: "first_name", 1: "last_name"}
    assert "2 new" in dialog.summary.text()
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findData("email"))  # "Posti osoite"
    assert "1 new" in dialog.summary.text() and "Row 3:" in dialog.problems.toPlainText()
    dialog.apply_button.click()
    assert [p.email for p in list_participants(context.sessions)] == ["aino@example.fi"]


def test_groups_page_offers_the_import_and_participants_page_their_data(context, qtbot):
    groups = GroupsPage(context)
    people = ParticipantsPage(context)
    qtbot.addWidget(groups)
    qtbot.addWidget(people)
    texts = {b.text() for b in groups.findChildren(type(groups.new_button))}
    assert "Import list…" in texts
    buttons = [b for b in people.findChildren(type(people.new_button)) if b.text() == "Their data"]
    actions = [a.text() for a in buttons[0].menu().actions() if not a.isSeparator()]
    assert actions == ["Export their data…", "Erase…", "Past the retention period…"]


def test_erase_dialog_names_what_goes_and_erasing_leaves_a_tombstone(
    context, qtbot, dialogs, monkeypatch
):
    liisa = create_participant(
        context.sessions, ParticipantInput("Liisa", "Laine", email="liisa@example.fi")
    )
    page = settled(ParticipantsPage(context))
    qtbot.addWidget(page)
    page.select_participant(liisa.id)
    seen = []

    def press_erase(dialog):
        assert isinstance(dialog, EraseDialog)
        seen.append(dialog.text.toPlainText())
        dialog.erase_button.click()

    dialogs.answer_next(press_erase)
    erase_them(page, context)
    assert seen[0].startswith("Erasing Liisa Laine removes for good:")
    with context.sessions() as s:
        tomb = s.scalars(select(Participant)).one()
        assert tomb.deleted_at is not None and tomb.first_name == "" and tomb.email == ""
    assert list_participants(context.sessions) == []


def test_their_data_without_a_chosen_person_says_to_choose_one(context, qtbot, dialogs):
    page = settled(ParticipantsPage(context))
    qtbot.addWidget(page)
    press = dialogs.click_button("OK")
    dialogs.answer_next(press)
    erase_them(page, context)
    assert press.seen == ["Choose a person in the list first."]


def test_tutor_erases_a_person_past_retention_from_the_list(context, qtbot, dialogs):
    from datetime import date

    from pierglass_desktop.services.members import add_member
    from pierglass_desktop.ui.dialogs.person_data import RetentionDialog

    old = create_group(context.sessions, GroupInput("Old", end_date=date(2015, 5, 31)))
    aino = create_participant(context.sessions, ParticipantInput("Aino", "Aalto"))
    add_member(context.sessions, old.id, aino.id, date(2015, 1, 1))
    dialog = RetentionDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.people.count() == 1
    assert dialog.people.item(0).text().startswith("Aino Aalto — last group ended")
    dialogs.answer_next(lambda erase: erase.erase_button.click())
    dialog.erase_button.click()
    assert dialog.people.item(0).text() == "Nobody is past the retention period."
    assert not dialog.erase_button.isEnabled()
    assert list_participants(context.sessions) == []


def test_tutor_sets_how_long_data_is_kept_in_settings_and_the_list_follows(context, qtbot):
    from datetime import date

    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.services.members import add_member
    from pierglass_desktop.ui.dialogs.person_data import RetentionDialog
    from pierglass_desktop.ui.pages.settings import SettingsPage

    ended = date.today().replace(year=date.today().year - 3, month=1, day=31)
    group = create_group(context.sessions, GroupInput("Three years ago", end_date=ended))
    aino = create_participant(context.sessions, ParticipantInput("Aino", "Aalto"))
    add_member(context.sessions, group.id, aino.id, ended.replace(day=1))
    settings = SettingsPage(context)
    qtbot.addWidget(settings)
    assert settings.retention.value() == 5  # the default: she is not due yet
    dialog = RetentionDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.people.item(0).text() == "Nobody is past the retention period."

    settings.retention.setValue(2)
    settings.save_button.click()
    assert load_preferences().retention_years == 2  # kept for the next start too
    dialog = RetentionDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.people.item(0).text().startswith("Aino Aalto — last group ended")
