"""Several coordinators on one server database at the same moment (issue 15)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select

from pierglass_desktop.domain.errors import Conflict
from pierglass_desktop.domain.models import Group, ImportRecord, Note, Participant
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.import_lock import IMPORT_LOCK
from sync_helpers import build_world, open_db

pytestmark = pytest.mark.slow

IMPORT = "import sys; from pierglass_desktop.cli import main; sys.exit(main(sys.argv[1:]))"


def _tutor_file(folder: Path, tutor: str, group: str) -> Path:
    with open_db(folder / f"{tutor}.sqlite3") as db:
        build_world(db.sessions, tutor=tutor, group=group)
        output = folder / f"{tutor}.xlsx"
        export_sync(db.sessions, output, tutor=tutor)
    return output


def _import_at_once(url: str, *files: Path) -> list[subprocess.CompletedProcess[str]]:
    """One `pierglass import` process per file, all inside their import at the same moment.

    A third party holds the import lock until every process has read its file and is waiting
    at the start of its import transaction, so the imports truly meet, then lets them go.
    """
    holder = psycopg.connect(url.replace("+psycopg", ""), autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", (IMPORT_LOCK,))
    running = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORT, "import", str(file), "--database", url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for file in files
    ]
    try:
        _wait_until_waiting(holder, len(files), running)
    finally:
        holder.execute("SELECT pg_advisory_unlock(%s)", (IMPORT_LOCK,))
        holder.close()
    done = []
    for process in running:
        out, err = process.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def _wait_until_waiting(holder, count: int, running: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        waiting = holder.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()[0]
        if waiting == count:
            return
        assert all(p.poll() is None for p in running), "an import finished without waiting"
        time.sleep(0.05)
    raise AssertionError("the imports never met at the import lock")


def _counts(location) -> tuple[int, int, int, int]:
    with open_database(location) as db, db.sessions() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(model))
            for model in (Group, Participant, Note, ImportRecord)
        )


def test_two_coordinators_import_different_tutors_files_at_once_and_both_land(server, tmp_path):
    location, url = server
    first = _tutor_file(tmp_path, "Aino", "Kotihoito Pori")
    second = _tutor_file(tmp_path, "Bertta", "Kampaamot Rauma")
    results = _import_at_once(url, first, second)
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    groups, people, notes, imports = _counts(location)
    assert (groups, people, imports) == (2, 4, 2)
    assert notes > 0


def test_the_same_file_imported_twice_at_once_lands_once(server, tmp_path):
    location, url = server
    file = _tutor_file(tmp_path, "Aino", "Kotihoito Pori")
    results = _import_at_once(url, file, file, file)
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    groups, people, _notes, imports = _counts(location)
    assert (groups, people, imports) == (1, 2, 1)


def test_two_edits_of_one_record_the_second_is_refused_with_a_sentence(server):
    location, _url = server
    with open_database(location) as first, open_database(location) as second:
        with first.sessions.begin() as s:
            group = Group(name="Kotihoito Pori")
            s.add(group)
        mine = second.sessions()
        seen = mine.get_one(Group, group.id)  # the second coordinator has it open
        with first.sessions.begin() as s:
            s.get_one(Group, group.id).name = "Kotihoito Pori ja Ulvila"
        seen.name = "Kotihoito Pori 2027"
        with pytest.raises(Conflict) as refused:
            mine.commit()
        mine.close()
        assert "changed" in str(refused.value) and "Error" not in str(refused.value)
        with first.sessions() as s:
            assert s.get_one(Group, group.id).name == "Kotihoito Pori ja Ulvila"
