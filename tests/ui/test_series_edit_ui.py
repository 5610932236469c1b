"""A tutor reopens a saved series plan from the Sessions page, edits it and updates the sessions."""

from __future__ import annotations

import os
from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pierglass_desktop.domain.enums import MeetingStatus
from pierglass_desktop.i18n import set_language
from pierglass_desktop.services.series import (
    generate_meetings,
    group_series,
    list_meetings,
    save_series_plan,
)
from pierglass_desktop.ui.pages.sessions import SessionsPage
from pierglass_desktop.ui.planning.series_dialog import SeriesDialog, SeriesPlansDialog
from planning_helpers import make_group, spring_plan

SHOTS = os.environ.get("PIERGLASS_SCREENSHOTS")
JANUARY = date(2027, 1, 20)


def _shot(widget, name):
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


def _saved_plan(sessions):
    group = make_group(sessions)
    data = spring_plan(
        start_time=time(17, 30),
        duration_minutes=150,
        skip_dates=(date(2027, 5, 27),),
        name="Kevät 2027",
    )
    plan = save_series_plan(sessions, group, data)
    generate_meetings(sessions, plan.id, place="Pori, Yrityspalvelut")
    return group, plan


def _press(box: QMessageBox, text: str) -> None:
    """Press the button labelled ``text``; without one, go back (the test then fails on what
    it saw, instead of hanging in a modal loop)."""
    for button in box.buttons():
        if button.text() == text:
            button.click()
            return
    box.reject()


@pytest.fixture
def unstick(qapp):
    """A failed check inside a dialog handler must not leave a modal dialog waiting forever."""
    timer = QTimer()
    timer.setInterval(10_000)

    def close_modal():
        widget = QApplication.activeModalWidget()
        if widget is not None:
            widget.reject()
            timer.setInterval(200)

    timer.timeout.connect(close_modal)
    timer.start()
    yield
    timer.stop()


def test_dialog_opens_filled_with_the_saved_plan_and_saving_updates_that_plan(
    context, qtbot, dialogs, unstick
):
    group, plan = _saved_plan(context.sessions)
    dialog = SeriesDialog(context.sessions, group, today=JANUARY, plan=plan)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit series plan"
    assert dialog.name.text() == "Kevät 2027"
    assert dialog.first.date() == QDate(2027, 1, 1) and dialog.until.date() == QDate(2027, 6, 30)
    assert (dialog.every.value(), dialog.weekday.currentData()) == (4, 3)
    assert (dialog.start.time().hour(), dialog.start.time().minute()) == (17, 30)
    assert dialog.minutes.value() == 150
    assert dialog.themes.toPlainText().splitlines()[1] == "Sote-uudistus ja palvelusetelit"
    assert dialog.skips.toPlainText() == "27.5.2027"
    assert dialog.place.text() == "Pori, Yrityspalvelut"
    assert "This makes 6 sessions" in dialog.preview.text()

    dialog.every.setValue(3)
    seen = []

    def answer(box):
        seen.append(box.text())
        _shot(box, "series_preview_en")
        _press(box, "Update and cancel them")

    dialogs.answer_next(answer)
    dialog.ok_button().click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert seen[0].startswith("6 new sessions will be added: Thu 28 Jan 2027, Thu 18 Feb 2027")
    assert "3 planned sessions no longer fit the plan: Thu 4 Feb 2027, Thu 4 Mar 2027" in seen[0]
    assert "cancel them?" in seen[0]
    plans = group_series(context.sessions, group)
    assert [(p.id, p.every_weeks) for p in plans] == [(plan.id, 3)]
    cancelled = [m for m in list_meetings(context.sessions, group) if m.status.value == "cancelled"]
    assert len(cancelled) == 3 and len(dialog.created) == 6
    assert {m.place for m in dialog.created} == {"Pori, Yrityspalvelut"}


def test_going_back_from_the_preview_saves_nothing_and_a_bad_field_is_marked(
    context, qtbot, dialogs, unstick
):
    group, plan = _saved_plan(context.sessions)
    dialog = SeriesDialog(context.sessions, group, today=JANUARY, plan=plan)
    qtbot.addWidget(dialog)
    dialog.skips.setPlainText("pääsiäinen")
    dialog.ok_button().click()
    assert "“pääsiäinen” is not a date" in dialog.errors.text("skip_dates")
    dialog.skips.setPlainText("1.4.2027")
    dialogs.answer_next(lambda box: _press(box, "Back to the plan"))
    dialog.ok_button().click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.text("skip_dates") == ""
    assert group_series(context.sessions, group)[0].skip_dates == (date(2027, 5, 27),)
    statuses = {m.status for m in list_meetings(context.sessions, group)}
    assert statuses == {MeetingStatus.PLANNED}


def test_tutor_opens_series_plans_from_the_sessions_page_and_skips_easter(
    context, qtbot, dialogs, unstick
):
    _group, plan = _saved_plan(context.sessions)
    page = SessionsPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    assert page.more_actions["plans"].isEnabled()
    seen = []

    def in_preview(box):
        seen.append(box.text())
        _press(box, "Update and cancel it")
        dialogs.answer_next(lambda plans: plans.reject())

    def in_editor(editor):
        seen.append(editor.plan.id)
        editor.skips.setPlainText("27.5.2027\n1.4.2027")
        editor.today = JANUARY
        dialogs.answer_next(in_preview)
        editor.ok_button().click()

    def in_plans(plans):
        seen.append(plans.plans.currentText())
        dialogs.answer_next(in_editor)
        plans.open_button.click()

    dialogs.answer_next(in_plans)
    page.more_actions["plans"].trigger()
    assert seen == [
        "Kevät 2027 (every 4 weeks on Thursday from 1 Jan 2027)",
        plan.id,
        "1 planned session no longer fits the plan: Thu 1 Apr 2027 — cancel it?",
    ]
    statuses = [page.model.row_at(r).status for r in range(page.model.rowCount())]
    assert statuses.count(MeetingStatus.CANCELLED) == 1


def test_a_deleted_plan_leaves_its_sessions(context, qtbot, dialogs, unstick):
    group, _plan = _saved_plan(context.sessions)
    plans = SeriesPlansDialog(context.sessions, group)
    qtbot.addWidget(plans)
    dialogs.answer_next(dialogs.click_button("Yes"))
    plans.delete_button.click()
    assert plans.changed and plans.plans.count() == 0 and not plans.open_button.isEnabled()
    assert len(list_meetings(context.sessions, group)) == 6


@pytest.mark.parametrize("language", ["en", "fi"])
def test_edit_dialog_and_preview_look_right_in_both_languages(
    context, qtbot, qapp, dialogs, unstick, language
):
    from pierglass_desktop.ui.qt_i18n import install_qt_translations

    set_language(language)
    install_qt_translations(qapp, language)  # Qt's own buttons, as the app does
    try:
        group, plan = _saved_plan(context.sessions)
        plans = SeriesPlansDialog(context.sessions, group)
        qtbot.addWidget(plans)
        plans.show()
        _shot(plans, f"series_plans_{language}")
        dialog = SeriesDialog(context.sessions, group, today=JANUARY, plan=plan)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.every.setValue(3)
        _shot(dialog, f"series_edit_{language}")
        texts = []

        def answer(box):
            box.adjustSize()
            _shot(box, f"series_preview_{language}")
            texts.append(box.text() + box.informativeText())
            texts.extend(b.text() for b in box.buttons())
            box.buttons()[-1].click()  # back

        dialogs.answer_next(answer)
        dialog.ok_button().click()
        if language == "fi":
            assert "uutta tapaamista" in texts[0] and "to 28.1.2027" in texts[0]
            assert not any("session" in t for t in texts)
        else:
            assert "6 new sessions will be added" in texts[0]
    finally:
        set_language("en")


def test_a_plan_a_colleague_changed_while_the_form_was_open_is_not_overwritten(
    context, qtbot, dialogs, unstick
):
    from pierglass_desktop.services.series import series_plan, update_series_plan

    group, plan = _saved_plan(context.sessions)
    dialog = SeriesDialog(context.sessions, group, today=JANUARY, plan=plan)
    qtbot.addWidget(dialog)
    # Meanwhile, on the shared database, a colleague renames the plan.
    update_series_plan(context.sessions, plan.id, spring_plan(name="Kevät 2027, Pori"))
    theirs = series_plan(context.sessions, plan.id)
    meetings = list_meetings(context.sessions, group)
    dialog.every.setValue(3)
    said = []

    def refused(box):
        said.append(box.text())
        box.accept()

    dialogs.answer_next(
        lambda box: (dialogs.answer_next(refused), _press(box, "Update and cancel them"))
    )
    dialog.ok_button().click()
    qtbot.waitUntil(lambda: bool(said))
    assert "Someone else changed or removed this record" in said[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.every.value() == 3  # what was typed stays in the form
    assert series_plan(context.sessions, plan.id) == theirs
    assert list_meetings(context.sessions, group) == meetings
