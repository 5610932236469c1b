"""The command line's import reads and merges once: it must do exactly what a preview followed
by an import does, write nothing when a conflict is left open, and skip the backup when there
is nothing to import."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from pierglass_desktop.domain.models import Group
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import (
    FileStatus,
    Resolution,
    apply_import,
    import_files,
    list_imports,
    preview_import,
)
from pierglass_desktop.storage.backup import list_backups
from sync_helpers import build_world, open_db, snapshot, three_tutors


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_pass_gives_the_database_and_counts_of_preview_then_import(tmp_path):
    files, _shared = three_tutors(tmp_path)
    two_steps = open_db(tmp_path / "two" / "c.sqlite3")
    one_pass = open_db(tmp_path / "one" / "c.sqlite3")
    try:
        preview = preview_import(two_steps.sessions, files)
        result = apply_import(two_steps, preview)
        said, done = import_files(one_pass, files)
        assert done is not None and done.backup_path is not None
        assert [f.counts for f in done.files] == [f.counts for f in result.files]
        assert [f.counts for f in said.files] == [f.counts for f in preview.files]
        assert snapshot(one_pass.sessions) == snapshot(two_steps.sessions)
        assert len(list_imports(one_pass.sessions)) == 3
    finally:
        two_steps.close(automatic_backup=False)
        one_pass.close(automatic_backup=False)


def _conflicting_export(tmp_path):
    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    world = build_world(tutor.sessions)
    export_sync(tutor.sessions, tmp_path / "first.xlsx")
    import_files(coordinator, [tmp_path / "first.xlsx"])
    for sessions, text in ((coordinator.sessions, "Koordinaattori"), (tutor.sessions, "Tutor")):
        with sessions.begin() as s:
            s.get(Group, world.group_id).description = text
    export_sync(tutor.sessions, tmp_path / "second.xlsx")
    tutor.close(automatic_backup=False)
    return coordinator, world


def test_a_conflict_left_open_writes_nothing_and_is_listed(tmp_path):
    coordinator, world = _conflicting_export(tmp_path)
    try:
        before = _digest(coordinator.path)
        said, done = import_files(coordinator, [tmp_path / "second.xlsx"])
        assert done is None
        assert [c.key for c in said.conflicts] == [f"groups/{world.group_id}"]
        assert _digest(coordinator.path) == before
        assert len(list_imports(coordinator.sessions)) == 1
        said, done = import_files(coordinator, [tmp_path / "second.xlsx"], Resolution.THEIRS)
        assert done is not None and not said.conflicts
        with coordinator.sessions() as s:
            assert s.get(Group, world.group_id).description == "Tutor"
    finally:
        coordinator.close(automatic_backup=False)


def test_nothing_to_import_takes_no_backup(tmp_path):
    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    try:
        build_world(tutor.sessions)
        export_sync(tutor.sessions, tmp_path / "first.xlsx")
        import_files(coordinator, [tmp_path / "first.xlsx"])
        backups = list_backups(coordinator.path)
        said, done = import_files(coordinator, [tmp_path / "first.xlsx"])
        assert done is None
        assert [f.status for f in said.files] == [FileStatus.ALREADY_IMPORTED]
        assert list_backups(coordinator.path) == backups
    finally:
        tutor.close(automatic_backup=False)
        coordinator.close(automatic_backup=False)


def test_a_new_database_takes_two_exports_of_one_tutor_in_one_pass(tmp_path):
    """Into an empty database nothing is looked up that the import did not write itself; the
    second file must still find what the first one brought: the group it changed, and an
    answer it holds under another id (the same response and question)."""
    import uuid

    from openpyxl import load_workbook

    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    try:
        world = build_world(tutor.sessions)
        older = export_sync(tutor.sessions, tmp_path / "older.xlsx").output
        with tutor.sessions.begin() as s:
            s.get(Group, world.group_id).description = "Myöhempi kuvaus"
        newer = export_sync(tutor.sessions, tmp_path / "newer.xlsx").output
    finally:
        tutor.close(automatic_backup=False)
    book = load_workbook(newer)
    book["answers"].cell(2, 1).value = str(uuid.uuid4())  # the id column, another id
    book.save(newer)
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    try:
        said, done = import_files(coordinator, [older, newer])
        assert done is not None, [f.reason for f in said.files]
        first, second = done.files
        assert second.status is FileStatus.OK, second.reason
        assert second.counts["groups"].updated == 1 and second.counts["groups"].new == 0
        assert second.counts["answers"].new == 0
        held = snapshot(coordinator.sessions)
        assert held["groups"][world.group_id]["description"] == "Myöhempi kuvaus"
        assert len(held["answers"]) == first.counts["answers"].new
    finally:
        coordinator.close(automatic_backup=False)


def test_three_tutors_arrive_alike_on_either_engine_and_a_later_change_updates(database, tmp_path):
    """The bulk paths differ per engine (executemany on SQLite, COPY on PostgreSQL; updates in
    batches): what each tutor may share arrives whole on both, and a tutor's later export
    updates the record it changed."""
    files, shared = three_tutors(tmp_path)
    said, done = import_files(database, files)
    assert done is not None, [f.reason for f in said.files]
    assert [f.status for f in done.files] == [FileStatus.OK] * 3
    held = snapshot(database.sessions)
    for sheet, rows in held.items():
        expected = {}
        for tutor in shared:
            expected.update(tutor[sheet])
        assert rows == expected, sheet

    tutor = open_db(tmp_path / "Aino" / "t.sqlite3")
    try:
        with tutor.sessions.begin() as s:
            group = s.scalars(select(Group)).one()
            group.description = "Syksyn ryhmä"
            group_id = group.id
        later = export_sync(tutor.sessions, tmp_path / "later.xlsx").output
    finally:
        tutor.close(automatic_backup=False)
    _said, again = import_files(database, [later])
    assert again is not None and again.files[0].counts["groups"].updated == 1
    assert snapshot(database.sessions)["groups"][group_id]["description"] == "Syksyn ryhmä"


def test_files_read_by_child_processes_import_as_files_read_on_threads(tmp_path, monkeypatch):
    """The command line reads in child processes, a window on threads: the same inbox (one
    file protected with a password, one damaged) gives the same previews and database."""
    from pierglass_desktop.services import read_ahead

    files, _shared = three_tutors(tmp_path)
    source = open_db(tmp_path / "Aino" / "t.sqlite3")
    try:
        protected = export_sync(
            source.sessions, tmp_path / "protected.xlsx", password="Kesäkuu 2026"
        ).output
    finally:
        source.close(automatic_backup=False)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(files[1].read_bytes()[:2000])
    inbox = [files[0], damaged, protected, *files[1:]]
    results = {}
    for children in (True, False):
        monkeypatch.setattr(read_ahead, "_fork_is_safe", lambda children=children: children)
        coordinator = open_db(tmp_path / f"children-{children}" / "c.sqlite3")
        try:
            said, done = import_files(coordinator, inbox, password="Kesäkuu 2026")
            assert done is not None
            results[children] = (
                [(f.path, f.status, f.reason, f.counts, f.errors) for f in said.files],
                snapshot(coordinator.sessions),
            )
        finally:
            coordinator.close(automatic_backup=False)
    previews, _database = results[True]
    assert [status for _path, status, *_rest in previews] == [
        FileStatus.OK,
        FileStatus.REFUSED,
        FileStatus.OK,  # Aino's, exported again and protected: opened with the password
        FileStatus.OK,
        FileStatus.OK,
    ]
    assert results[True] == results[False]


def test_a_first_import_leaves_every_index_whole_and_as_a_new_database_has_it(tmp_path):
    """A first import builds the plain indexes of the tables it fills once, after the rows
    (``storage.bulk``): they come back the same, holding every row."""
    files, _shared = three_tutors(tmp_path)
    index_sql = (
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    )
    fresh = open_db(tmp_path / "fresh" / "f.sqlite3")
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    try:
        with fresh.engine.connect() as connection:
            expected = connection.exec_driver_sql(index_sql).all()
        _said, done = import_files(coordinator, files)
        assert done is not None and done.applied
        with coordinator.engine.connect() as connection:
            assert connection.exec_driver_sql(index_sql).all() == expected
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            groups = connection.exec_driver_sql(
                "SELECT count(*) FROM memberships INDEXED BY ix_memberships_group_id "
                "WHERE group_id IS NOT NULL"
            ).scalar()
            assert (
                groups
                == connection.exec_driver_sql(
                    "SELECT count(*) FROM memberships WHERE group_id IS NOT NULL"
                ).scalar()
                > 0
            )
    finally:
        fresh.close(automatic_backup=False)
        coordinator.close(automatic_backup=False)
