"""The four outcomes of opening a database, and the files that must be refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from pierglass_desktop.domain.errors import DatabaseLocked, NewerDatabase, StorageError
from pierglass_desktop.storage import backup
from pierglass_desktop.storage.database import Outcome, open_database
from pierglass_desktop.storage.schema import HEAD_REVISION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()


def test_new_file_is_created_at_head_with_an_installation_id(db_path):
    db = open_database(db_path)
    try:
        assert db.outcome is Outcome.CREATED
        assert len(db.installation_id) == 36
    finally:
        db.close(automatic_backup=False)
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
        (HEAD_REVISION,)
    ]


def test_empty_file_counts_as_new(db_path):
    db_path.touch()
    with open_database(db_path) as db:
        assert db.outcome is Outcome.CREATED


def test_database_at_head_opens_without_change_and_keeps_its_installation(db_path):
    with open_database(db_path) as first:
        installation = first.installation_id
    with open_database(db_path) as again:
        assert again.outcome is Outcome.CURRENT
        assert again.installation_id == installation
        assert again.backup_path is None


def test_database_from_newer_version_is_refused_byte_for_byte_untouched(db_path):
    open_database(db_path).close(automatic_backup=False)
    set_revision(db_path, "9999_from_the_future")
    before = digest(db_path)

    with pytest.raises(NewerDatabase, match="newer version of Pier-glass"):
        open_database(db_path)

    assert digest(db_path) == before
    assert not Path(str(db_path) + "-wal").exists()
    assert backup.list_backups(db_path) == []
    # The refusal released the lock: a newer program could open it right away.
    with pytest.raises(NewerDatabase):
        open_database(db_path)


def test_file_that_is_not_a_database_is_refused_untouched(db_path):
    db_path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 50)
    before = digest(db_path)
    with pytest.raises(StorageError, match="not a Pier-glass database"):
        open_database(db_path)
    assert digest(db_path) == before


def test_database_of_another_program_is_refused_untouched(db_path):
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.commit()
    connection.close()
    before = digest(db_path)
    with pytest.raises(StorageError, match="some other program"):
        open_database(db_path)
    assert digest(db_path) == before


def test_missing_folder_is_a_sentence(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "db.sqlite3")


def test_open_without_create_refuses_missing_file(db_path):
    with pytest.raises(StorageError, match="There is no database"):
        open_database(db_path, create=False)
    assert not db_path.exists()


def test_second_instance_is_told_the_database_is_open_and_cannot_write(db_path):
    first = open_database(db_path)
    try:
        with pytest.raises(DatabaseLocked, match="already open in another Pier-glass window"):
            open_database(db_path)
    finally:
        first.close(automatic_backup=False)
    # Once the first copy closes, the file opens again.
    open_database(db_path).close(automatic_backup=False)


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_pragmas_are_set_on_every_connection(database):
    expected = {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "secure_delete": 1,
        "busy_timeout": 5000,
    }
    for _ in range(2):  # a fresh pooled connection each time gets them too
        with database.engine.connect() as connection:
            for pragma, value in expected.items():
                got = connection.exec_driver_sql(f"PRAGMA {pragma}").scalar()
                assert got == value, pragma
        database.engine.dispose()


def test_foreign_keys_are_enforced(database):
    from sqlalchemy.exc import IntegrityError

    from pierglass_desktop.domain.models import Membership

    with pytest.raises(IntegrityError), database.sessions.begin() as session:
        session.add(
            Membership(
                group_id="no-such-group",
                participant_id="nobody",
                joined_on=__import__("datetime").date(2026, 1, 1),
            )
        )


def test_a_failed_upgrade_names_sqlites_words_not_an_exception_class(tmp_path):
    from pierglass_desktop.storage import migrate
    from pierglass_desktop.storage.engine import sqlite_engine

    path = tmp_path / "old.sqlite3"
    engine = sqlite_engine(path)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:  # in the way of the next revision's search table
        connection.exec_driver_sql("CREATE TABLE search_fts (x)")
    engine.dispose()
    with pytest.raises(StorageError) as refused:
        open_database(path)
    message = str(refused.value)
    assert "failed and was undone: table search_fts already exists." in message
    assert "Error" not in message and "[SQL" not in message
