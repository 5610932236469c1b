"""Printed agenda handout, facilitator's script and method cards, read back from the PDF."""

from __future__ import annotations

from datetime import datetime

from pypdf import PdfReader

from pierglass_desktop.domain.enums import MemberRole
from pierglass_desktop.reports.agenda_handout import write_agenda
from pierglass_desktop.reports.cards import write_cards
from pierglass_desktop.reports.script import write_script
from pierglass_desktop.services.agenda import (
    AgendaItemInput,
    add_agenda_item,
    add_break,
    add_method_to_agenda,
)
from pierglass_desktop.services.builtin_methods import builtin_method_id, ensure_builtin_library
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.materials import attach_file
from planning_helpers import make_meeting


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _meeting_with_tricky_text(sessions):
    ensure_builtin_library(sessions)
    meeting = make_meeting(sessions, datetime(2026, 12, 3, 17, 0), 60, theme="Työhyvinvointi")
    add_agenda_item(
        sessions,
        meeting.id,
        AgendaItemInput(
            "<b>Pääkäyttäjä</b> & Co",
            25,
            purpose="Ääkköset: äöå ÄÖÅ; <img src='x'>",
            materials="Muistilaput\nAjastin",
            member_role=MemberRole.TIMEKEEPER,
            responsible="Liisa",
        ),
    )
    add_break(sessions, meeting.id, 15)
    add_method_to_agenda(sessions, meeting.id, builtin_method_id("commitments-round"))
    return meeting


def test_agenda_handout_shows_times_titles_and_markup_literally(sessions, tmp_path, finnish):
    meeting = _meeting_with_tricky_text(sessions)
    out = write_agenda(sessions, tmp_path / "agenda.pdf", session_id=meeting.id)
    text = _text(out)
    assert "17.00–17.25" in text and "17.25–17.40" in text and "17.40–18.00" in text
    assert "<b>Pääkäyttäjä</b> & Co" in text
    assert "<img src='x'>" in text and "äöå ÄÖÅ" in text
    assert "Sitoumuskierros" in text  # the built-in method in Finnish
    assert "torstai 3. joulukuuta 2026" in text
    assert "Kotihoidon yrittäjät, Pori" in text


def test_script_has_everything_the_overrun_and_the_checklist(sessions, tmp_path):
    meeting = _meeting_with_tricky_text(sessions)
    out = write_script(sessions, tmp_path / "script.pdf", session_id=meeting.id)
    text = _text(out)
    assert "Liisa (Timekeeper)" in text
    assert "runs 0 minute" not in text and "runs 5 minutes over" not in text
    assert "Materials checklist" in text
    assert "☐ Muistilaput" in text and "☐ Commitment cards or sticky notes" in text
    assert "Give a moment to think" in text  # the method's instructions
    assert "Thursday, 3 December 2026, 17:00–18:00" in text
    add_break(sessions, meeting.id, 10)
    text = _text(write_script(sessions, tmp_path / "over.pdf", session_id=meeting.id))
    assert "The agenda runs 10 minutes over the planned end." in text
    assert "17:00–18:10" in text and "past the planned end" in text


def test_method_cards_print_one_method_per_page(sessions, tmp_path):
    ensure_builtin_library(sessions)
    wanted = [row.id for row in search_methods(sessions, "consultation")]
    out = write_cards(sessions, tmp_path / "one.pdf", method_ids=wanted)
    assert len(PdfReader(out).pages) == 1
    assert "Peer consultation" in _text(out)
    everything = write_cards(sessions, tmp_path / "all.pdf")
    assert len(PdfReader(everything).pages) == len(search_methods(sessions))


def test_cards_in_finnish_with_tags_and_group_size(sessions, tmp_path, finnish):
    ensure_builtin_library(sessions)
    out = write_cards(sessions, tmp_path / "c.pdf", method_ids=[builtin_method_id("fishbowl")])
    text = _text(out)
    assert "Kalamalja" in text and "8–25" in text and "reflektio" in text


def test_attachment_does_not_break_printing(sessions, tmp_path):
    meeting = _meeting_with_tricky_text(sessions)
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(b"%PDF-1.4")
    attach_file(sessions, sheet, meeting_id=meeting.id)
    assert write_script(sessions, tmp_path / "s.pdf", session_id=meeting.id).stat().st_size > 0
