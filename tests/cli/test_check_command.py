"""`pierglass check` reports integrity and revision, and answers bad input in a sentence."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pierglass_desktop.cli import main
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.schema import HEAD_REVISION


def test_check_reports_a_healthy_database_and_its_revision(db_path, capsys):
    open_database(db_path).close(automatic_backup=False)
    assert main(["check", "--database", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Integrity: ok" in out
    assert f"Schema revision: {HEAD_REVISION}" in out


def test_check_of_a_missing_file_is_one_sentence_and_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "nothing.sqlite3"
    assert main(["check", "--database", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "There is no database at" in err
    assert "Traceback" not in err
    assert not missing.exists()


def test_check_finds_damage_in_a_corrupted_file(db_path, capsys):
    import sqlite3

    open_database(db_path).close(automatic_backup=False)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.executemany(
            "INSERT INTO tutors (id, name, email, phone, organisation, created_at, updated_at,"
            " origin) VALUES (?, ?, '', '', '', '2026-01-01', '2026-01-01', '')",
            [(f"t{i:04}", f"Tutor {i} " + "x" * 80) for i in range(300)],
        )
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tutors'").fetchone()
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(db_path.read_bytes())
    start = (root[0] - 1) * page_size
    data[start + 8 : start + 8 + 64] = b"\x07" * 64  # scribble over the table's cell pointers
    db_path.write_bytes(bytes(data))

    assert main(["check", "--database", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "problem found" in out or "problems found" in out


def test_unknown_subcommand_exits_two_with_usage():
    result = subprocess.run(
        [sys.executable, "-m", "pierglass_desktop", "frobnicate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_is_printed():
    result = subprocess.run(
        [sys.executable, "-m", "pierglass_desktop", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("pierglass ")


def test_check_of_an_empty_file_says_it_is_no_pier_glass_database(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert main(["check", "--database", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert "Integrity: ok" not in out
    assert "is empty: it is not a Pier-glass database" in err and err.count("\n") == 1
    assert empty.read_bytes() == b""


def test_the_language_is_taken_however_the_parser_takes_it(tmp_path, capsys):
    """The language is chosen before the parser is built: `--language=fi` must count there
    as the parser counts it, and `--lang fi`, which the parser took while the choice missed
    it (the answer came in English), is refused in a sentence."""
    from pierglass_desktop.i18n import set_language

    missing = tmp_path / "nothing.sqlite3"
    try:
        for words in (["--language=fi"], ["--language", "fi"]):
            assert main([*words, "check", "--database", str(missing)]) == 1
            assert "Tietokantaa ei löydy" in capsys.readouterr().err, words
        set_language("en")
        with pytest.raises(SystemExit) as exit_:
            main(["--lang", "fi", "check", "--database", str(missing)])
        assert exit_.value.code == 2
        assert "--lang" in capsys.readouterr().err
    finally:
        set_language("en")
