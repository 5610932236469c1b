"""A database on a read-only medium or in a read-only file: readers read, writers say why."""

from __future__ import annotations

import hashlib

import pytest

from fault_helpers import read_only_view
from pierglass_desktop import cli
from pierglass_desktop.services.builtin_methods import ensure_builtin_library
from pierglass_desktop.services.methods import MethodInput, add_method
from pierglass_desktop.storage.backup import list_backups
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import open_database
from planning_helpers import make_meeting


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def stick(request, tmp_path):
    """A project folder, seen read-only at another place, like a locked USB stick."""
    folder = tmp_path / "project"
    folder.mkdir()
    with open_database(folder / "project.sqlite3") as db:
        ensure_builtin_library(db.sessions)
        meeting = make_meeting(db.sessions)
    (folder / "project.sqlite3.lock").unlink()  # copied to the stick without it
    view = read_only_view(request, folder, tmp_path / "stick")
    return view / "project.sqlite3", meeting.id, tmp_path


def _run(argv, capsys):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_tutor_lists_checks_and_prints_from_a_read_only_stick(stick, capsys):
    database, meeting_id, tmp_path = stick
    before, names = _digest(database), sorted(p.name for p in database.parent.iterdir())
    code, out, err = _run(["list", "groups", "--database", str(database)], capsys)
    assert (code, err) == (0, "") and "Kotihoidon yrittäjät" in out
    code, out, err = _run(["check", "--database", str(database)], capsys)
    assert code == 0 and "Integrity: ok" in out
    for kind, extra in (("agenda", ["--session", meeting_id]), ("cards", [])):
        pdf = tmp_path / f"{kind}.pdf"
        argv = ["print", kind, *extra, "--output", str(pdf), "--database", str(database)]
        code, out, err = _run(argv, capsys)
        assert (code, err) == (0, "") and pdf.stat().st_size > 0
    assert sorted(p.name for p in database.parent.iterdir()) == names  # no lock file
    assert _digest(database) == before


WRITERS = {
    "backup": ["backup"],
    "demo": ["demo", "--groups", "1"],
    "library export": ["library", "export", "--output", "{tmp}/pack.xlsx"],
    "restore": ["restore", "{tmp}/project/project.sqlite3"],
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_writer_on_a_read_only_stick_says_the_folder_is_read_only(stick, capsys, command):
    database, _meeting, tmp_path = stick
    target = database.parent / "demo.sqlite3" if command == "demo" else database
    argv = [part.format(tmp=tmp_path) for part in WRITERS[command]]
    before = _digest(database)
    code, _out, err = _run([*argv, "--database", str(target)], capsys)
    assert code == 1
    assert err.startswith(f"pierglass: The folder {database.parent}")
    assert "is read-only" in err
    assert err.count("\n") == 1 and "Error" not in err
    assert _digest(database) == before


def test_import_into_a_read_only_file_says_so_and_its_backup_is_sound(request, tmp_path, capsys):
    folder = tmp_path / "project"
    folder.mkdir()
    writable = folder / "project.sqlite3"
    with open_database(writable) as db:
        ensure_builtin_library(db.sessions)
        make_meeting(db.sessions)
    other = tmp_path / "helena.sqlite3"
    with open_database(other) as db:
        add_method(db.sessions, MethodInput(name={"en": "Voucher pricing"}))
    pack = tmp_path / "pack.xlsx"
    assert cli.main(["library", "export", "--output", str(pack), "--database", str(other)]) == 0
    read_only_view(request, writable, writable)  # the file itself is read-only, its folder not
    before = _digest(writable)
    capsys.readouterr()
    code, _out, err = _run(["library", "import", str(pack), "--database", str(writable)], capsys)
    assert code == 1
    assert err.startswith(f"pierglass: {writable} is read-only") and err.count("\n") == 1
    assert _digest(writable) == before
    backups = list_backups(writable)
    assert backups and all(check_database(b).ok for b in backups)


def test_the_window_is_told_in_a_sentence_when_its_folder_is_read_only(stick):
    from pierglass_desktop.storage.faults import ReadOnlyStorage

    database, _meeting, _tmp = stick
    with pytest.raises(ReadOnlyStorage) as refused:  # what the window's open path shows
        open_database(database)
    assert str(refused.value).startswith(f"The folder {database.parent} is read-only")


CRASH = """
import os, sys
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.domain.models import Group
db = open_database(sys.argv[1])
with db.sessions.begin() as session:
    session.add(Group(name="Kotihoidon yrittäjät"))
os._exit(0)  # killed: the last changes stay in the WAL file
"""


@pytest.mark.parametrize("command", [["check"], ["list", "groups"]])
def test_a_stick_pulled_out_after_a_crash_is_not_called_damaged(request, tmp_path, capsys, command):
    import subprocess
    import sys

    folder = tmp_path / "project"
    folder.mkdir()
    subprocess.run([sys.executable, "-c", CRASH, str(folder / "p.sqlite3")], check=True)
    (folder / "p.sqlite3-shm").unlink(missing_ok=True)
    assert (folder / "p.sqlite3-wal").stat().st_size > 0
    view = read_only_view(request, folder, tmp_path / "stick")
    code, out, err = _run([*command, "--database", str(view / "p.sqlite3")], capsys)
    assert "damaged" not in out + err and "problem" not in out + err
    assert code == 1 and err.count("\n") == 1
    assert "read-only" in err or "cannot open" in err
