"""`pierglass print agenda|script --session ID` and `pierglass print cards` write real PDFs."""

from __future__ import annotations

from pypdf import PdfReader

from pierglass_desktop import cli
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.storage.database import open_database
from planning_helpers import make_meeting


def _prepared(db_path) -> str:
    with open_database(db_path) as db:
        ensure_builtin_library(db.sessions)  # as opening the database does; printing only reads
        meeting = make_meeting(db.sessions)
        add_agenda_item(db.sessions, meeting.id, AgendaItemInput("Kuulumiskierros", 20))
        return meeting.id


def test_print_agenda_script_and_cards_from_the_command_line(db_path, tmp_path, capsys):
    meeting_id = _prepared(db_path)
    for kind in ("agenda", "script"):
        out = tmp_path / f"{kind}.pdf"
        args = ["print", kind, "--session", meeting_id, "--output", str(out)]
        assert cli.main([*args, "--database", str(db_path)]) == 0
        assert "Kuulumiskierros" in PdfReader(out).pages[0].extract_text()
    cards = tmp_path / "cards.pdf"
    assert cli.main(["print", "cards", "--output", str(cards), "--database", str(db_path)]) == 0
    assert len(PdfReader(cards).pages) >= 30


def test_print_agenda_without_session_or_of_unknown_session_says_why(db_path, tmp_path, capsys):
    _prepared(db_path)
    out = str(tmp_path / "a.pdf")
    assert cli.main(["print", "agenda", "--output", out, "--database", str(db_path)]) == 1
    assert "--session" in capsys.readouterr().err
    args = ["print", "agenda", "--session", "nope", "--output", out, "--database", str(db_path)]
    assert cli.main(args) == 1
    assert "The session was not found" in capsys.readouterr().err


def test_printing_works_while_a_window_has_the_database_open(db_path, tmp_path):
    meeting_id = _prepared(db_path)
    window = open_database(db_path)  # holds the lock, as the running app does
    try:
        add_agenda_item(window.sessions, meeting_id, AgendaItemInput("Juuri lisätty", 15))
        out = tmp_path / "agenda.pdf"
        args = ["print", "agenda", "--session", meeting_id, "--output", str(out)]
        assert cli.main([*args, "--database", str(db_path)]) == 0
        assert "Juuri lisätty" in PdfReader(out).pages[0].extract_text()  # the last save
        assert window.lock.held
    finally:
        window.close(automatic_backup=False)


def test_print_chosen_cards_four_to_a_page_and_a_templates_cards(db_path, tmp_path):
    from pierglass_desktop.services.builtin_methods import builtin_method_id, ensure_builtin_library
    from pierglass_desktop.services.templates import list_templates

    with open_database(db_path) as db:
        ensure_builtin_library(db.sessions)
        template = list_templates(db.sessions)[0]
    ids = [builtin_method_id(k) for k in ("commitments-round", "check-in-round", "case-clinic")]
    out = tmp_path / "chosen.pdf"
    args = ["print", "cards", "--output", str(out), "--per-page", "4", "--database", str(db_path)]
    for method_id in ids:
        args += ["--method", method_id]
    assert cli.main(args) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Commitments round" in text and "Case clinic" in text
    out = tmp_path / "template.pdf"
    args = ["print", "cards", "--template", template.id, "--output", str(out)]
    assert cli.main([*args, "--database", str(db_path)]) == 0
    assert 0 < len(PdfReader(out).pages) < 30


def test_print_cards_of_a_method_not_in_the_library_says_why(db_path, tmp_path, capsys):
    _prepared(db_path)
    out = tmp_path / "x.pdf"
    args = ["print", "cards", "--method", "nope", "--output", str(out), "--database", str(db_path)]
    assert cli.main(args) == 1
    assert "no longer in the library" in capsys.readouterr().err
    assert not out.exists()
