"""A tutor backs up, makes a mistake, and restores; bad backups are refused."""

from __future__ import annotations

import sqlite3

from pierglass_desktop.cli import main
from pierglass_desktop.domain.models import Group
from pierglass_desktop.storage.database import open_database


def group_names(path) -> list[str]:
    connection = sqlite3.connect(path)
    names = [row[0] for row in connection.execute("SELECT name FROM groups ORDER BY name")]
    connection.close()
    return names


def test_backup_then_restore_brings_back_the_old_state_and_keeps_the_new(db_path, tmp_path):
    with open_database(db_path) as db, db.sessions.begin() as session:
        session.add(Group(name="Kotihoidon yrittäjät, Pori"))
    saved = tmp_path / "saved.sqlite3"
    assert main(["backup", "--database", str(db_path), "--output", str(saved)]) == 0

    with open_database(db_path) as db, db.sessions.begin() as session:
        session.add(Group(name="Mistake"))
    assert main(["restore", str(saved), "--database", str(db_path)]) == 0

    assert group_names(db_path) == ["Kotihoidon yrittäjät, Pori"]
    kept = list((tmp_path / "project-backups").glob("*-before-restore.sqlite3"))
    assert len(kept) == 1 and group_names(kept[0]) == ["Kotihoidon yrittäjät, Pori", "Mistake"]


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(db_path, tmp_path, capsys):
    open_database(db_path).close(automatic_backup=False)
    before = db_path.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database at all", encoding="utf-8")

    assert main(["restore", str(junk), "--database", str(db_path)]) == 1
    assert "not a Pier-glass database" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_restore_refuses_while_the_database_is_open(db_path, tmp_path, capsys):
    open_database(db_path).close(automatic_backup=False)
    saved = tmp_path / "saved.sqlite3"
    main(["backup", "--database", str(db_path), "--output", str(saved)])
    with open_database(db_path):
        assert main(["restore", str(saved), "--database", str(db_path)]) == 1
    assert "already open" in capsys.readouterr().err


def test_backup_will_not_overwrite_an_existing_file(db_path, tmp_path, capsys):
    open_database(db_path).close(automatic_backup=False)
    existing = tmp_path / "exists.sqlite3"
    existing.write_text("keep me", encoding="utf-8")
    assert main(["backup", "--database", str(db_path), "--output", str(existing)]) == 1
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert "already exists" in capsys.readouterr().err


def _saved_backup(db_path, tmp_path, name="Kotihoidon yrittäjät, Pori"):
    with open_database(db_path) as db, db.sessions.begin() as session:
        session.add(Group(name=name))
    saved = tmp_path / "saved.sqlite3"
    assert main(["backup", "--database", str(db_path), "--output", str(saved)]) == 0
    return saved


def test_restore_into_a_missing_folder_or_onto_a_folder_is_one_sentence(db_path, tmp_path, capsys):
    saved = _saved_backup(db_path, tmp_path)
    capsys.readouterr()
    missing = tmp_path / "no-such-folder" / "project.sqlite3"
    assert main(["restore", str(saved), "--database", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "does not exist; nothing was restored" in err and err.count("\n") == 1
    assert not missing.parent.exists()
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["restore", str(saved), "--database", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "is a folder" in err and err.count("\n") == 1
    assert list(folder.iterdir()) == []


def test_restore_refuses_a_backup_from_a_newer_version_before_replacing_anything(
    db_path, tmp_path, capsys
):
    saved = _saved_backup(db_path, tmp_path)
    connection = sqlite3.connect(saved)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = db_path.read_bytes()
    capsys.readouterr()
    assert main(["restore", str(saved), "--database", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "newer version of Pier-glass" in err and "nothing was restored" in err
    assert db_path.read_bytes() == before
    assert not list((tmp_path / "project-backups").glob("*-before-restore.sqlite3"))
    open_database(db_path).close(automatic_backup=False)  # the program still opens its file


def test_restore_through_a_symlink_respects_the_window_and_writes_the_real_file(
    db_path, tmp_path, capsys
):
    saved = _saved_backup(db_path, tmp_path)
    with open_database(db_path) as db, db.sessions.begin() as session:
        session.add(Group(name="Mistake"))
    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(db_path)
    window = open_database(db_path)
    try:
        assert main(["restore", str(saved), "--database", str(link)]) == 1
        assert "already open" in capsys.readouterr().err
    finally:
        window.close(automatic_backup=False)
    assert group_names(db_path) == ["Kotihoidon yrittäjät, Pori", "Mistake"]
    assert main(["restore", str(saved), "--database", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == db_path.resolve()
    assert group_names(db_path) == ["Kotihoidon yrittäjät, Pori"]


def test_restoring_the_oldest_before_restore_backup_keeps_it(db_path, tmp_path):
    """Twenty restores later, the tutor goes back to the state before the first: the backup
    taken before this restore must not rotate away the very backup being restored."""
    from pierglass_desktop.storage import backup

    with open_database(db_path) as db, db.sessions.begin() as session:
        session.add(Group(name="Ennen kaikkea"))
    saved = tmp_path / "saved.sqlite3"
    assert main(["backup", "--database", str(db_path), "--output", str(saved)]) == 0
    for _ in range(backup.STEP_KEEP):
        assert main(["restore", str(saved), "--database", str(db_path)]) == 0
    oldest = backup.list_backups(db_path, "before-restore")[0]
    assert group_names(oldest) == ["Ennen kaikkea"]

    assert main(["restore", str(oldest), "--database", str(db_path)]) == 0
    assert group_names(db_path) == ["Ennen kaikkea"]
    assert oldest.exists()
    assert len(backup.list_backups(db_path, "before-restore")) == backup.STEP_KEEP + 1
