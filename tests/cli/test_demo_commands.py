"""`pierglass demo`: a summary on success, a sentence on bad input, never half a project."""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pierglass_desktop
from pierglass_desktop.cli import main
from pierglass_desktop.cli.demo_commands import group_count
from pierglass_desktop.paths import demo_database

SOURCE_ROOT = Path(pierglass_desktop.__file__).resolve().parents[1]


def test_tutor_builds_a_demo_project_and_sees_what_was_made(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--database", str(path), "--groups", "2", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert f"Created a demo project in {path}." in out
    assert "Groups:" in out and " 2\n" in out
    with sqlite3.connect(path) as connection:
        participants = connection.execute("SELECT COUNT(*) FROM participants").fetchone()[0]
        meetings = connection.execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
    assert f"Participants:     {participants}\n" in out
    assert f"Sessions:         {meetings} (" in out


def test_coordinator_builds_a_ten_year_demo_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "years.sqlite3"
    assert main(["demo", "--database", str(path), "--groups", "12", "--years", "10"]) == 0
    with sqlite3.connect(path) as connection:
        first, archived = connection.execute(
            "SELECT MIN(start_date), COUNT(archived_at) FROM groups"
        ).fetchone()
    assert first < str(date.today().year - 8) and archived > 0


@pytest.mark.parametrize("value", ["0", "21", "ten"])
def test_a_bad_year_count_is_a_sentence_and_exit_code_2(tmp_path, capsys, value):
    path = tmp_path / "bad.sqlite3"
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--database", str(path), "--years", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "the number of years must be a whole number from 1 to 20" in err
    assert "Traceback" not in err
    assert not path.exists()


def test_the_global_database_option_works_for_demo_too(tmp_path, capsys):
    path = tmp_path / "global.sqlite3"
    assert main(["--database", str(path), "demo", "--groups", "1"]) == 0
    assert path.exists()


@pytest.mark.parametrize("value", ["0", "2001", "many", "-1", "2.5"])
def test_a_bad_group_count_is_a_sentence_and_exit_code_2(tmp_path, capsys, value):
    path = tmp_path / "bad.sqlite3"
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--database", str(path), "--groups", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "the number of groups must be a whole number from 1 to 2000" in err
    assert "Traceback" not in err
    assert not path.exists()


def test_a_bad_seed_is_a_sentence_and_exit_code_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--database", str(tmp_path / "x.sqlite3"), "--seed", "abc"])
    assert stopped.value.code == 2
    assert "the seed must be a whole number" in capsys.readouterr().err


def test_demo_without_a_database_never_fills_the_default_one(capsys):
    from pierglass_desktop.paths import default_database

    assert main(["demo"]) == 2
    assert "--database FILE" in capsys.readouterr().err
    assert not default_database().exists()


def test_demo_into_a_database_with_a_project_is_refused_in_a_sentence(tmp_path, capsys):
    path = tmp_path / "taken.sqlite3"
    assert main(["demo", "--database", str(path), "--groups", "1"]) == 0
    capsys.readouterr()
    assert main(["demo", "--database", str(path), "--groups", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pierglass: This database already holds groups")
    assert err.count("\n") == 1


def test_demo_into_a_missing_folder_is_a_sentence(tmp_path, capsys):
    path = tmp_path / "no-such-folder" / "demo.sqlite3"
    assert main(["demo", "--database", str(path)]) == 1
    assert "does not exist" in capsys.readouterr().err


# --- kill -9 -----------------------------------------------------------------------------------

KILL_GROUPS = 20


def _demo_process(path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(SOURCE_ROOT))
    command = [sys.executable, "-m", "pierglass_desktop", "demo", "--database", str(path)]
    return subprocess.Popen(
        [*command, "--groups", str(KILL_GROUPS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _counts(path: Path) -> tuple[int, int, int, str]:
    """(groups, participants, meetings, integrity) of a file, opened the way SQLite recovers."""
    connection = sqlite3.connect(path)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        counts = [
            connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] if t in tables else 0
            for t in ("groups", "participants", "meetings")
        ]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
    return (*counts, integrity)


def _kill_when(process: subprocess.Popen, ready) -> bool:
    """Kill -9 the process as soon as ``ready()``; False if it finished first."""
    while process.poll() is None:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    return False


def _wal_bigger_than(path: Path, size: int):
    wal = path.with_name(path.name + "-wal")
    return lambda: wal.exists() and wal.stat().st_size > size


def _after(seconds: float):
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() >= deadline


@pytest.mark.slow
def test_kill_9_during_demo_leaves_no_project_or_the_whole_project(tmp_path):
    full = tmp_path / "full.sqlite3"
    started = time.monotonic()
    finished = _demo_process(full)
    assert finished.wait() == 0, finished.stderr.read()
    duration = time.monotonic() - started
    whole = _counts(full)
    assert whole[0] == KILL_GROUPS and whole[3] == "ok"

    # Kill at moments spread over the run, and while the transaction is spilling to the WAL.
    triggers = [("time", duration * f) for f in (0.2, 0.5, 0.8, 0.95)]
    triggers += [("wal", size) for size in (1, 2**20, 2 * 2**20)]
    outcomes = []
    for index, (kind, amount) in enumerate(triggers):
        path = tmp_path / f"killed-{index}.sqlite3"
        process = _demo_process(path)
        ready = _after(amount) if kind == "time" else _wal_bigger_than(path, amount)
        killed = _kill_when(process, ready)
        outcome = _counts(path) if path.exists() else (0, 0, 0, "ok")
        assert outcome[3] == "ok", outcome
        assert outcome[:3] in ((0, 0, 0), whole[:3]), f"half a project after {kind} {amount}"
        outcomes.append((kind, killed, outcome[0]))
    # Some kills must really have landed in the middle of writing, or this proves nothing.
    assert any(kind == "wal" and killed and groups == 0 for kind, killed, groups in outcomes)


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.integers(-5000, 5000).map(str), st.text(max_size=6)))
def test_group_count_accepts_exactly_the_whole_numbers_from_1_to_2000(text):
    try:
        expected = int(text)
    except ValueError:
        expected = None
    if expected is not None and 1 <= expected <= 2000:
        assert group_count(text) == expected
    else:
        with pytest.raises(argparse.ArgumentTypeError, match="from 1 to 2000"):
            group_count(text)


def _window_stub(monkeypatch) -> list:
    """The window itself is the UI's to test: record what it was asked to open."""
    import pierglass_desktop.ui.app as app

    opened = []

    def run_app(database, demo, language):
        opened.append((database, demo, demo_database().exists()))
        return 0

    monkeypatch.setattr(app, "run_app", run_app)
    return opened


def test_a_fresh_demo_keeps_the_previous_demo_as_a_backup_and_says_where(monkeypatch, capsys):
    from pierglass_desktop.domain.models import Group
    from pierglass_desktop.storage.database import open_database

    previous = demo_database()
    previous.parent.mkdir(parents=True, exist_ok=True)
    with open_database(previous) as db, db.sessions.begin() as session:
        session.add(Group(name="Harjoitusryhmäni"))  # what the tutor practised on
    opened = _window_stub(monkeypatch)

    assert main(["--demo"]) == 0

    assert opened == [(None, True, False)]  # the window builds a fresh demo
    out = capsys.readouterr().out
    kept = list(previous.parent.glob("demo-backups/demo-*-previous-demo.sqlite3"))
    assert len(kept) == 1
    assert f"The previous demo was kept at {kept[0]}." in out
    connection = sqlite3.connect(kept[0])
    assert connection.execute("SELECT name FROM groups").fetchall() == [("Harjoitusryhmäni",)]
    connection.close()


def test_the_first_demo_says_nothing_about_a_previous_one(monkeypatch, capsys):
    opened = _window_stub(monkeypatch)
    assert main(["--demo"]) == 0
    assert opened == [(None, True, False)]
    assert capsys.readouterr().out == ""


def test_a_demo_open_in_another_window_is_left_alone_in_a_sentence(monkeypatch, capsys):
    from pierglass_desktop.storage.database import open_database

    previous = demo_database()
    previous.parent.mkdir(parents=True, exist_ok=True)
    window = open_database(previous)
    opened = _window_stub(monkeypatch)
    try:
        assert main(["--demo"]) == 1
    finally:
        window.close(automatic_backup=False)
    assert opened == [] and previous.exists()
    assert "already open" in capsys.readouterr().err


def test_a_damaged_previous_demo_is_moved_aside_and_a_fresh_one_starts(monkeypatch, capsys):
    previous = demo_database()
    previous.parent.mkdir(parents=True, exist_ok=True)
    previous.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    opened = _window_stub(monkeypatch)
    assert main(["--demo"]) == 0
    assert opened == [(None, True, False)]
    kept = list(previous.parent.glob("demo-backups/demo-*-previous-demo.unreadable"))
    assert len(kept) == 1 and kept[0].read_bytes().endswith(b"\xff" * 5000)
    assert f"The previous demo was kept at {kept[0]}." in capsys.readouterr().out
