"""The group report and the certificates: what they count, what they show, and that whatever
people typed prints literally and stays on the page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from pierglass_desktop.domain.enums import AttendanceStatus, FollowUp
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.reports.documents import DocumentRequest, write_document
from pierglass_desktop.services.group_report import Scope, certificates_data, group_report_data
from report_fixtures import (
    GROUP_NOTE,
    PRIVATE_NOTE,
    PROJECT_NOTE,
    group_with_history,
    pdf_pages,
    qpdf_ok,
)


def test_chart_counts_members_only_while_they_belong(sessions):
    history = group_with_history(sessions)
    report = group_report_data(sessions, Scope(history.group_id))
    # Mikko left after session 2 and Sanna joined at session 3: three expected at each.
    assert [m.expected for m in report.meetings] == [3, 3, 3, 3]
    assert [m.attended for m in report.meetings] == [3, 2, 3, 3]
    by_name = {m.name: m for m in report.members}
    assert (by_name["Mikko Mäki"].possible, by_name["Mikko Mäki"].attended) == (2, 2)
    assert (by_name["Sanna Salo"].possible, by_name["Sanna Salo"].attended) == (2, 2)
    assert by_name["Jussi Järvinen"].rate == 3 / 4
    assert by_name["Sanna Salo"].minutes == 150 + 180


def test_date_range_keeps_only_the_sessions_inside_it(sessions):
    history = group_with_history(sessions)
    scope = Scope(history.group_id, start=date(2026, 10, 1), end=date(2026, 10, 31))
    report = group_report_data(sessions, scope)
    assert [m.number for m in report.meetings] == [2, 3]
    # Sanna joined at the third session: one possible here, not two.
    assert {m.name: m.possible for m in report.members}["Sanna Salo"] == 1


def test_end_before_start_is_refused_in_one_sentence(sessions):
    history = group_with_history(sessions)
    with pytest.raises(ValidationError, match="before the start"):
        group_report_data(
            sessions, Scope(history.group_id, start=date(2026, 9, 2), end=date(2026, 9, 1))
        )


def test_follow_through_and_feedback_and_who5_means(sessions):
    history = group_with_history(sessions)
    report = group_report_data(sessions, Scope(history.group_id))
    assert report.follow_through() == {
        FollowUp.DONE: 2,
        FollowUp.PARTLY: 1,
        FollowUp.NOT_DONE: 0,
        FollowUp.DROPPED: 0,
        None: 1,
    }
    (slips,) = report.feedback
    assert (slips.slips, slips.usefulness, slips.atmosphere) == (3, 4.0, 4.0)
    w = report.wellbeing
    # Two members answered twice: too few for a figure that leaves the laptop.
    assert (w.people, w.start_mean, w.latest_mean, w.better, w.worse) == (2, None, None, 0, 0)


def test_who5_averages_appear_from_five_members_on(sessions):
    from datetime import timedelta

    from sqlalchemy import select

    from pierglass_desktop.domain.enums import AssessmentPhase
    from pierglass_desktop.domain.models import AssessmentResponse, Instrument, Participant

    history = group_with_history(sessions)
    with sessions.begin() as s:
        who5 = s.scalars(select(Instrument).where(Instrument.code == "who5")).one()
        for number, (start, latest) in enumerate(((60, 72), (44, 44), (80, 68))):
            person = Participant(first_name=f"Extra{number}", last_name="Member")
            s.add(person)
            s.flush()
            for phase, score, weeks in (
                (AssessmentPhase.START, start, 0),
                (AssessmentPhase.END, latest, 12),
            ):
                s.add(
                    AssessmentResponse(
                        instrument_id=who5.id,
                        participant_id=person.id,
                        group_id=history.group_id,
                        phase=phase,
                        answered_on=date(2026, 9, 1) + timedelta(weeks=weeks),
                        score=score,
                    )
                )
    w = group_report_data(sessions, Scope(history.group_id)).wellbeing
    # Starts 40, 52, 60, 44, 80 and latest 60, 48, 72, 44, 68.
    assert (w.people, w.start_mean, w.latest_mean, w.better, w.worse) == (5, 55.2, 58.4, 2, 1)


def test_tutor_hands_out_the_report_and_only_group_notes_are_in_it(sessions, tmp_path):
    history = group_with_history(sessions)
    output = write_document(
        "group", "pdf", sessions, tmp_path / "r.pdf", DocumentRequest(history.group_id)
    )
    qpdf_ok(output)
    text = "\n".join(pdf_pages(output))
    for expected in (
        "Group report",
        "Kotihoidon yrittäjät, Pori",
        "Aino Aaltonen",
        "Sessions held",
        "Attendance per session",
        "Theme 4",
        "Liisa Laine",
        "Commitments followed through",
        "Wellbeing (WHO-5)",
        GROUP_NOTE,
    ):
        assert expected in text, expected
    assert PRIVATE_NOTE not in text and PROJECT_NOTE not in text


def test_report_in_finnish_while_the_program_speaks_english(sessions, tmp_path):
    from pierglass_desktop.i18n import _, current_language

    history = group_with_history(sessions)
    output = write_document(
        "group", "pdf", sessions, tmp_path / "fi.pdf", DocumentRequest(history.group_id), "fi"
    )
    text = "\n".join(pdf_pages(output))
    assert "Ryhmäraportti" in text and "Group report" not in text
    assert current_language() == "en" and _("Group report") == "Group report"


HOSTILE = [
    ("<b>Olli", "O'Neil & <font size=40>Co", "<img src='/etc/passwd'>"),
    ("Zażółć", "Gęśląjaźń", "Łódź sp. z o.o."),
    ("Nguyễn", "Thị Minh Khai", "Phở Việt"),
    ("Анна", "Иванова", "ООО Ромашка"),
    ("Áile", "Niillasdóttir", "Čáhppes Ŋuoidda"),
    ("محمد", "العلي", "مطعم"),
]


def test_hostile_and_foreign_names_print_literally(sessions, tmp_path):
    history = group_with_history(sessions, members=HOSTILE[:4], note="<b>bold</b> & <i>x</i>")
    output = write_document(
        "group", "pdf", sessions, tmp_path / "h.pdf", DocumentRequest(history.group_id)
    )
    qpdf_ok(output)
    text = " ".join(" ".join(pdf_pages(output)).split())  # a cell may wrap a long name
    for expected in (
        "<b>Olli O'Neil & <font size=40>Co",
        "<img src='/etc/passwd'>",
        "Zażółć Gęśląjaźń",
        "Nguyễn Thị Minh Khai",
        "Анна Иванова",
        "<b>bold</b> & <i>x</i>",
    ):
        assert expected in text, expected


def test_arabic_and_sami_names_print_on_certificates(sessions, tmp_path):
    history = group_with_history(sessions, members=[HOSTILE[4], HOSTILE[5], HOSTILE[0]])
    output = write_document(
        "certificates", "pdf", sessions, tmp_path / "c.pdf", DocumentRequest(history.group_id)
    )
    qpdf_ok(output)
    pages = pdf_pages(output)
    assert len(pages) == 3
    assert "Áile Niillasdóttir" in pages[0] and "Čáhppes Ŋuoidda" in pages[0]
    # Arabic is printed joined (presentation forms), in visual order, never as bare letters.
    arabic = [ch for ch in pages[2] if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff"]
    assert len(arabic) >= 9 and all("\ufb50" <= ch <= "\ufeff" for ch in arabic)


def test_a_5000_character_note_breaks_across_pages_and_stays_inside(sessions, tmp_path):
    words = " ".join(f"sana{i:04d}" for i in range(560))  # ~5,000 characters
    history = group_with_history(sessions, note=words)
    output = write_document(
        "group", "pdf", sessions, tmp_path / "long.pdf", DocumentRequest(history.group_id)
    )
    qpdf_ok(output)
    text = "".join(pdf_pages(output)).replace("\n", " ")
    assert "sana0000" in text and "sana0559" in text
    _assert_inside_the_page(output)


def _assert_inside_the_page(path) -> None:
    for page in PdfReader(path).pages:
        width = float(page.mediabox.width)
        spots = []

        def visit(text, cm, tm, font, size, spots=spots):
            if text.strip():
                spots.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
        assert all(0 <= x <= width for x in spots)


def test_certificate_for_each_member_who_came_or_one_member_alone(sessions, tmp_path):
    history = group_with_history(sessions)
    made = certificates_data(sessions, Scope(history.group_id))
    assert [c.name for c in made] == ["Jussi Järvinen", "Liisa Laine", "Mikko Mäki", "Sanna Salo"]
    jussi = made[0]
    assert len(jussi.meetings) == 3 and jussi.minutes == 540 and jussi.tutor == "Aino Aaltonen"
    request = DocumentRequest(history.group_id, participant_id=history.people[3])
    output = write_document("certificates", "pdf", sessions, tmp_path / "one.pdf", request)
    qpdf_ok(output)
    (page,) = pdf_pages(output)
    for expected in (
        "Certificate of participation",
        "Sanna Salo",
        "Salon Siivous",
        "Theme 3",
        "Theme 4",
        "5.5 h",
        "Aino Aaltonen",
        "Tutor",
        "Kotihoidon yrittäjät, Pori",
    ):
        assert expected.replace(" h", "\u00a0h") in page or expected in page, expected


def test_certificate_of_someone_not_in_the_group_is_refused(sessions):
    history = group_with_history(sessions)
    with pytest.raises(NotFound):
        certificates_data(sessions, Scope(history.group_id, participant_id="nobody"))


def test_certificates_of_a_group_with_no_held_sessions_say_so(sessions):
    from meeting_fixtures import seed_group

    seeded = seed_group(sessions, meetings=2, held=0)
    with pytest.raises(ValidationError, match="nothing to certify"):
        certificates_data(sessions, Scope(seeded.group_id))


def test_a_group_with_nothing_held_still_gets_a_report(sessions, tmp_path):
    from meeting_fixtures import seed_group

    seeded = seed_group(sessions, meetings=2, held=0)
    output = write_document(
        "group", "pdf", sessions, tmp_path / "empty.pdf", DocumentRequest(seeded.group_id)
    )
    qpdf_ok(output)
    assert "No sessions have been held" in "\n".join(pdf_pages(output))


ALPHABET = "abcXYZ <>&\"'=+-@/;:#%ąęłżźćńóśŁẽữАБВабвžŋčšÁá0123\x00\x08\x1b\x7f\t\r\n"


@settings(max_examples=20, deadline=None)
@given(
    name=st.text(alphabet=ALPHABET, min_size=1, max_size=60),
    note=st.text(alphabet=ALPHABET, min_size=1, max_size=300),
)
def test_whatever_people_type_prints_literally(tmp_path_factory, name, note):
    from pierglass_desktop.reports.group_report import group_report_pdf

    report = _report(name, note)
    output = group_report_pdf(report, tmp_path_factory.mktemp("p") / "r.pdf")
    text = _flat("".join(pdf_pages(output)))
    for typed in (name, note):
        cleaned = _flat(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", typed.replace("\r", "\n")))
        if cleaned:
            assert cleaned in text


def _flat(value: str) -> str:
    return "".join(value.split())  # lines wrap and table cells split where they like


def _report(name: str, note: str):
    from datetime import datetime

    from pierglass_desktop.services.group_report import (
        GroupNote,
        GroupReport,
        ReportMeeting,
        ReportMember,
        Wellbeing,
    )
    from pierglass_desktop.services.register import RegisterCell

    meeting = ReportMeeting("m", 1, datetime(2026, 9, 3, 17), name, 180, 1, 1)
    cell = RegisterCell(True, AttendanceStatus.PRESENT, 180)
    member = ReportMember("p", name, name, 1, 1, 180, (cell,))
    return GroupReport(
        group_id="g",
        group=name,
        description=note,
        location=name,
        tutors=(name,),
        scope=Scope("g"),
        meetings=(meeting,),
        members=(member,),
        commitments=(),
        feedback=(),
        notes=(GroupNote(date(2026, 9, 3), 1, note),),
        wellbeing=Wellbeing(0, None, None, 0, 0),
    )
