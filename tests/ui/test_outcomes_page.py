"""The Outcomes page: a tutor types a group's WHO-5 answers from the papers and saves them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from meeting_fixtures import seed_group
from pierglass_desktop.domain.assessment import AssessmentResponse
from pierglass_desktop.domain.enums import FillMode
from pierglass_desktop.ui.pages.outcomes import OutcomesPage


def _page(qtbot, context) -> OutcomesPage:
    page = OutcomesPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_tutor_types_a_groups_who5_answers_and_saves_them(qtbot, context, sessions):
    seeded = seed_group(sessions)
    page = _page(qtbot, context)
    assert page.grid.rowCount() == len(seeded.participant_ids)
    assert page.grid.columnCount() == 5
    page.fill_combo.setCurrentIndex(page.fill_combo.findData(FillMode.MEMBER))
    page.grid.setFocus()
    qtbot.keyClicks(page.grid, "32413")  # first member: raw 13 -> 52; moves on by itself
    qtbot.keyClicks(page.grid, "55555")  # second member
    qtbot.keyClick(page.grid, Qt.Key.Key_9)  # off the scale: refused, cursor stays
    assert "from 0 to 5" in page.message.text()
    assert page.grid.currentRow() == 2 and page.grid.currentColumn() == 0
    assert page.save()
    with sessions() as s:
        scores = sorted(s.scalars(select(AssessmentResponse.score)))
        modes = set(s.scalars(select(AssessmentResponse.filled_in)))
    assert scores == [52, 100]
    assert modes == {FillMode.MEMBER}
    assert "2 members" in page.message.text()


def test_a_figure_opens_the_people_behind_it(qtbot, context, sessions):
    seeded = seed_group(sessions)
    page = _page(qtbot, context)
    page.grid.setFocus()
    qtbot.keyClicks(page.grid, "32413")
    page.save()
    start = next(
        i
        for i in range(page.group_figures.count())
        if "start average" in page.group_figures.item(i).text()
        and "WHO-5" in page.group_figures.item(i).text()
    )
    page.group_figures.setCurrentRow(start)
    assert page.people.count() == 1
    assert page.people.item(0).text() == "Jussi Järvinen"  # the first row, by last name
    assert len(seeded.participant_ids) == 4


def test_who5_says_its_wording_is_used_unchanged(qtbot, context, sessions):
    seed_group(sessions)
    page = _page(qtbot, context)
    assert "unchanged" in page.notice.text()
    assert "5 = All of the time" in page.notice.text()


def test_self_assessment_chart_appears_once_answers_are_saved(qtbot, context, sessions):
    seed_group(sessions)
    page = _page(qtbot, context)
    assert page.radar.pixmap().isNull()
    page.instrument_combo.setCurrentIndex(page.instrument_combo.findData("selfassessment"))
    assert page.grid.columnCount() == 9
    page.grid.setFocus()
    qtbot.keyClicks(page.grid, "123451234")
    assert page.save()
    assert not page.radar.pixmap().isNull()


def test_tutor_prints_the_groups_questionnaires(qtbot, context, sessions, tmp_path):
    from report_fixtures import pdf_pages

    seed_group(sessions)
    page = _page(qtbot, context)
    output = tmp_path / "forms.pdf"
    assert page.print_questionnaires(output)
    assert len(pdf_pages(output)) == 4
    assert not page.print_questionnaires(tmp_path / "missing" / "forms.pdf")
    assert "could not be saved" in page.message.text()


def test_missing_background_opens_into_the_people_not_known(qtbot, context, sessions):
    seed_group(sessions)  # the fixture's members told nothing of their gender
    page = _page(qtbot, context)
    rows = [page.project_figures.item(i).text() for i in range(page.project_figures.count())]
    row = rows.index("Gender · Not known: 4")
    page.project_figures.setCurrentRow(row)
    assert page.people.count() == 4


def test_project_figures_follow_the_chosen_period(qtbot, context, sessions):
    from datetime import date

    seed_group(sessions)  # members joined on 3 September 2026
    page = _page(qtbot, context)
    first = page.project_figures.item(1).text()
    assert first.endswith(": 4")
    page.period_to.set_date(date(2026, 8, 31))
    assert page.project_figures.item(1).text().endswith(": 0")


def test_answers_a_colleague_saved_meanwhile_are_not_overwritten_and_the_typed_stay(
    qtbot, context, sessions
):
    from pierglass_desktop.services.answers import answer_sheet, save_group_answers

    seeded = seed_group(sessions)
    page = _page(qtbot, context)
    sheet = page.grid.sheet  # the group, phase and day the page shows
    first = sheet.rows[0]
    day = page.day_edit.date().toPython()
    theirs = {"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 1}
    save_group_answers(  # a colleague, on the shared database, types the same paper first
        sessions,
        seeded.group_id,
        "who5",
        sheet.phase,
        day,
        FillMode.TOGETHER,
        {first.participant_id: theirs},
    )
    page.grid.setFocus()
    qtbot.keyClicks(page.grid, "32413")
    assert not page.save()
    assert "Someone else changed or removed this record" in page.message.text()
    assert [page.grid.item(0, c).text() for c in range(5)] == list("32413")
    assert answer_sheet(sessions, seeded.group_id, "who5", sheet.phase, day).rows[0].values == (
        theirs
    )
