"""A full disk: every command says so in one sentence, keeps the data and leaves no half files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fault_helpers import fill_disk, free_disk, small_disk
from pierglass_desktop import cli
from pierglass_desktop.services.methods import MethodInput, add_method
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import open_database
from planning_helpers import make_meeting

DISK_FULL = "The disk is full: free some space; nothing was lost."


@pytest.fixture
def full_disk(request, tmp_path):
    """A project database on a 2 MB disk that is then filled; outside it, a pack and a backup."""
    disk = small_disk(request, tmp_path / "disk")
    elsewhere = tmp_path / "elsewhere.sqlite3"
    with open_database(elsewhere) as db:
        add_method(db.sessions, MethodInput(name={"en": "Voucher pricing"}))
    pack = tmp_path / "pack.xlsx"
    assert cli.main(["library", "export", "--output", str(pack), "--database", str(elsewhere)]) == 0
    database = disk / "project.sqlite3"
    with open_database(database) as db:
        meeting = make_meeting(db.sessions)
    # A window is open on it, as when a tutor's disk fills up during the day.
    window = open_database(database)
    request.addfinalizer(lambda: window.close(automatic_backup=False))
    fill_disk(disk)
    return {
        "disk": disk,
        "database": database,
        "meeting": meeting.id,
        "pack": pack,
        "backup": elsewhere,
        "window": window,
    }


WRITERS = {
    "backup": lambda f: ["backup"],
    "backup to a file": lambda f: ["backup", "--output", str(f["disk"] / "copy.sqlite3")],
    "demo": lambda f: ["demo", "--groups", "1", "--database", str(f["disk"] / "demo.sqlite3")],
    "print": lambda f: [
        "print",
        "agenda",
        "--session",
        f["meeting"],
        "--output",
        str(f["disk"] / "agenda.pdf"),
    ],
}
# Writes a workbook beside the database (and takes the database's lock while it reads).
EXPORTS = {
    "export sync": lambda f: [
        "export",
        "sync",
        "--no-encrypt",
        "--output",
        str(f["disk"] / "sync.xlsx"),
    ],
}
NEEDS_THE_FILE = {
    **EXPORTS,
    "library import": lambda f: ["library", "import", str(f["pack"])],
    "library export": lambda f: ["library", "export", "--output", str(f["disk"] / "p.xlsx")],
    "restore": lambda f: ["restore", str(f["backup"])],
}


def _run(argv, database, capsys) -> tuple[int, str, str]:
    if "--database" not in argv:
        argv = [*argv, "--database", str(database)]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _nothing_lost_and_no_leftovers(f) -> None:
    f["window"].close(automatic_backup=False)
    free_disk(f["disk"])
    assert check_database(f["database"]).ok
    leftovers = sorted(
        p.name
        for p in f["disk"].rglob("*")
        if p.suffix in (".pdf", ".xlsx", ".partial", ".restoring")
        or p.name.startswith(("copy.sqlite3", "demo.sqlite3"))
    )
    assert leftovers == []
    with open_database(f["database"]) as db, db.sessions() as s:
        from pierglass_desktop.domain.models import Meeting

        assert s.get(Meeting, f["meeting"]) is not None


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_tutor_on_a_full_disk_gets_one_sentence_from_every_writer(full_disk, capsys, command):
    code, _out, err = _run(WRITERS[command](full_disk), full_disk["database"], capsys)
    assert code == 1
    assert err.strip() == f"pierglass: {DISK_FULL}"
    _nothing_lost_and_no_leftovers(full_disk)


@pytest.mark.parametrize("command", sorted(NEEDS_THE_FILE))
def test_tutor_on_a_full_disk_gets_one_sentence_when_the_window_is_closed(
    full_disk, capsys, command
):
    full_disk["window"].close(automatic_backup=False)
    code, _out, err = _run(NEEDS_THE_FILE[command](full_disk), full_disk["database"], capsys)
    assert code == 1
    assert err.strip() == f"pierglass: {DISK_FULL}"
    _nothing_lost_and_no_leftovers(full_disk)


@pytest.mark.parametrize("window_open", [True, False], ids=["window open", "window closed"])
@pytest.mark.parametrize("command", [["check"], ["list", "groups"], ["backup"]])
def test_a_full_disk_is_never_called_a_damaged_database(full_disk, capsys, command, window_open):
    if not window_open:
        full_disk["window"].close(automatic_backup=False)
    code, out, err = _run(command, full_disk["database"], capsys)
    assert "damaged" not in out + err
    assert code == 0 or err.strip() == f"pierglass: {DISK_FULL}"
    _nothing_lost_and_no_leftovers(full_disk)


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
def test_a_full_disk_after_a_crash_is_never_called_damaged(request, tmp_path, capsys, command):
    disk = small_disk(request, tmp_path / "disk")
    database = disk / "project.sqlite3"
    subprocess.run([sys.executable, "-c", CRASH, str(database)], check=True, timeout=120)
    (disk / "project.sqlite3-shm").unlink(missing_ok=True)  # gone, as after a restart
    fill_disk(disk)
    code, out, err = _run(command, database, capsys)
    assert "damaged" not in out + err
    assert (code, err.strip()) == (1, f"pierglass: {DISK_FULL}")
    free_disk(disk)
    assert check_database(database).ok


def test_the_window_is_told_the_disk_is_full_when_a_new_database_cannot_be_made(request, tmp_path):
    from pierglass_desktop.storage.faults import DiskFull

    disk = small_disk(request, tmp_path / "disk")
    fill_disk(disk)
    with pytest.raises(DiskFull) as refused:  # what the window's open path shows
        open_database(disk / "new.sqlite3")
    assert str(refused.value) == DISK_FULL


@pytest.mark.parametrize("command", sorted(EXPORTS))
def test_a_full_disk_leaves_no_traceback_when_the_program_ends(full_disk, command):
    """The sentence is the last word: a half-written zip must not complain at exit."""
    full_disk["window"].close(automatic_backup=False)
    argv = [*EXPORTS[command](full_disk), "--database", str(full_disk["database"])]
    done = subprocess.run(
        [sys.executable, "-m", "pierglass_desktop", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"pierglass: {DISK_FULL}"
    _nothing_lost_and_no_leftovers(full_disk)


def test_a_copy_that_fills_the_disk_says_so_and_leaves_no_half_copy(request, tmp_path, capsys):
    """The rows fit in the write-ahead log but not back into the file: the copy must not
    rename a file missing them and call it done."""
    from pierglass_desktop.demo.generator import create_demo_database

    source = tmp_path / "project.sqlite3"
    create_demo_database(source, groups=3, seed=5)
    size = source.stat().st_size
    target = small_disk(request, tmp_path / "stick", size=f"{size * 3 // 2 // 1024}k")
    code = cli.main(["copy", "--from", str(source), "--to", str(target / "copy.sqlite3")])
    err = capsys.readouterr().err
    assert code == 1 and "disk is full" in err
    assert sorted(p.name for p in target.iterdir()) == []


def test_a_merge_on_a_full_disk_says_so_and_keeps_both_records(request, tmp_path, capsys):
    from meeting_fixtures import liisa_in_two_groups
    from pierglass_desktop.domain.models import Participant

    disk = small_disk(request, tmp_path / "disk")
    database = disk / "project.sqlite3"
    with open_database(database) as db:
        _pori, _rauma, keep, other = liisa_in_two_groups(db.sessions)
    fill_disk(disk)
    code, _out, err = _run(["person", "merge", keep, other, "--yes"], database, capsys)
    assert code == 1
    assert err.strip() == f"pierglass: {DISK_FULL}"
    free_disk(disk)
    assert sorted(p.name for p in disk.rglob("*before-merge*")) == []  # no half backup
    with open_database(database) as db, db.sessions() as s:
        assert s.get(Participant, other).deleted_at is None
        assert s.get(Participant, keep).deleted_at is None
