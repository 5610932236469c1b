"""Consent decides whose name leaves the laptop: the documents sent to the project print a
person's name only with consent to share it, and their pseudonym code otherwise; the
certificate, handed to the person themselves, always carries their name."""

from __future__ import annotations

import openpyxl

from pierglass_desktop.domain.enums import ConsentScope
from pierglass_desktop.domain.models import Participant
from pierglass_desktop.reports.documents import DocumentRequest, write_document
from report_fixtures import group_with_history, pdf_pages

# group_with_history's people, in order, and the codes it gives them.
LIISA, JUSSI, MIKKO, SANNA = "Liisa Laine", "Jussi Järvinen", "Mikko Mäki", "Sanna Salo"


def _withhold_consent(sessions, history) -> None:
    """Jussi agreed to reporting only; Mikko's consent is not recorded yet."""
    with sessions.begin() as s:
        s.get(Participant, history.people[1]).consent_scope = ConsentScope.REPORTING
        s.get(Participant, history.people[2]).consent_scope = None


def _cells(path) -> set[str]:
    book = openpyxl.load_workbook(path)
    return {
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


def _texts_in_documents(sessions, tmp_path, history) -> dict[str, str]:
    request = DocumentRequest(history.group_id)
    group_pdf = write_document("group", "pdf", sessions, tmp_path / "g.pdf", request, "en")
    group_xlsx = write_document("group", "xlsx", sessions, tmp_path / "g.xlsx", request, "en")
    hours = write_document("hours", "xlsx", sessions, tmp_path / "h.xlsx", DocumentRequest(), "en")
    # Nobody's background is filled in, so the project report lists all four as missing data.
    project = write_document(
        "project", "pdf", sessions, tmp_path / "p.pdf", DocumentRequest(), "en"
    )
    return {
        "project report": "\n".join(pdf_pages(project)),
        "group report": "\n".join(pdf_pages(group_pdf)),
        "group workbook": "\n".join(_cells(group_xlsx)),
        "hours workbook": "\n".join(_cells(hours)),
    }


def test_reports_name_only_people_who_agreed_to_share_and_code_the_others(sessions, tmp_path):
    history = group_with_history(sessions)
    _withhold_consent(sessions, history)
    texts = _texts_in_documents(sessions, tmp_path, history)
    for document, text in texts.items():
        assert LIISA in text and SANNA in text, document
        assert JUSSI not in text and MIKKO not in text, document
        assert "P-002" in text and "P-003" in text, document
    assert "appear under their code" in " ".join(texts["group report"].split())


def test_a_coded_member_keeps_their_figures_in_the_group_report(sessions, tmp_path):
    history = group_with_history(sessions)
    _withhold_consent(sessions, history)
    request = DocumentRequest(history.group_id)
    book = openpyxl.load_workbook(
        write_document("group", "xlsx", sessions, tmp_path / "g.xlsx", request, "en")
    )
    rows = {row[0].value: row for row in book["Attendance"].iter_rows(min_row=3) if row[0].value}
    jussi = rows["P-002"]
    assert jussi[1].value in (None, "")  # the company would tell who it is
    assert [c.value for c in jussi[6:10]] == [3, 4, 0.75, 9]
    commitments = {str(c.value) for row in book["Commitments"].iter_rows() for c in row}
    assert "P-002" in commitments and JUSSI not in commitments


def test_everyone_is_named_when_everyone_agreed(sessions, tmp_path):
    history = group_with_history(sessions)
    texts = _texts_in_documents(sessions, tmp_path, history)
    for document, text in texts.items():
        assert all(name in text for name in (LIISA, JUSSI, MIKKO, SANNA)), document
    assert "appear under their code" not in " ".join(texts["group report"].split())


def test_a_certificate_carries_the_persons_own_name_whatever_the_consent(sessions, tmp_path):
    history = group_with_history(sessions, consent=None)
    request = DocumentRequest(history.group_id, participant_id=history.people[1])
    path = write_document("certificates", "pdf", sessions, tmp_path / "c.pdf", request, "en")
    text = "\n".join(pdf_pages(path))
    assert JUSSI in text and "P-002" not in text
