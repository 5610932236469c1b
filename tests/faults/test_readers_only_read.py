"""`list` and `print` only read: no lock file, not a byte changed, also beside a window."""

from __future__ import annotations

import hashlib

from pypdf import PdfReader

from pierglass_desktop import cli
from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.storage.database import open_database
from planning_helpers import make_meeting


def _state(folder) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def test_printing_cards_and_listing_change_no_byte_and_make_no_lock_file(tmp_path, capsys):
    project = tmp_path / "project"
    project.mkdir()
    database = project / "project.sqlite3"
    with open_database(database) as db:
        ensure_builtin_library(db.sessions)
        make_meeting(db.sessions)
    (project / "project.sqlite3.lock").unlink()
    before = _state(project)
    cards = tmp_path / "cards.pdf"
    assert cli.main(["print", "cards", "--output", str(cards), "--database", str(database)]) == 0
    assert cli.main(["list", "sessions", "--database", str(database)]) == 0
    assert len(PdfReader(cards).pages) >= 30
    assert _state(project) == before


def test_tutor_prints_method_cards_while_the_window_has_the_database(tmp_path, capsys):
    database = tmp_path / "project.sqlite3"
    window = open_database(database)
    try:
        ensure_builtin_library(window.sessions)
        cards = tmp_path / "cards.pdf"
        argv = ["print", "cards", "--output", str(cards), "--database", str(database)]
        assert cli.main(argv) == 0, capsys.readouterr().err
        assert len(PdfReader(cards).pages) >= 30
        assert window.lock.held
    finally:
        window.close(automatic_backup=False)
