"""Printed questionnaires: a page per member with their name or code, WHO-5 worded as published."""

from datetime import date

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AssessmentPhase
from pierglass_desktop.reports.questionnaire import questionnaire_pdf
from pierglass_desktop.services.answers import answer_sheet
from report_fixtures import pdf_pages, qpdf_ok


def test_who5_forms_carry_each_members_name_and_the_unchanged_wording(database, tmp_path):
    seeded = seed_group(database.sessions)
    sheet = answer_sheet(
        database.sessions, seeded.group_id, "who5", AssessmentPhase.START, date(2026, 9, 3)
    )
    output = questionnaire_pdf(sheet, tmp_path / "who5.pdf")
    qpdf_ok(output)
    pages = pdf_pages(output)
    assert len(pages) == 4
    assert "Jussi Järvinen" in pages[0] and "Sanna Salo" in pages[3]
    assert "I have felt cheerful and in good spirits" in pages[0]
    assert "At no" in pages[0] and "wording unchanged" in pages[0]


def test_forms_with_pseudonyms_print_no_names(database, tmp_path, finnish):
    seeded = seed_group(database.sessions)
    sheet = answer_sheet(
        database.sessions, seeded.group_id, "selfassessment", AssessmentPhase.END, date(2026, 9, 3)
    )
    output = questionnaire_pdf(sheet, tmp_path / "itse.pdf", pseudonyms=True)
    text = "\n".join(pdf_pages(output))
    assert "Järvinen" not in text and "Laine" not in text
    assert "Käytän digitaalisia työvälineitä" in text
