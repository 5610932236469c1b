"""A coordinator's project database on a PostgreSQL server: opening, checking, the commands."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from sqlalchemy import create_engine, text

from pierglass_desktop.cli import main
from pierglass_desktop.domain.errors import NewerDatabase, StorageError
from pierglass_desktop.services.groups import GroupInput, create_group, list_groups
from pierglass_desktop.storage import migrate
from pierglass_desktop.storage.database import Outcome, open_database
from pierglass_desktop.storage.location import ServerDatabase, locate
from pierglass_desktop.storage.schema import HEAD_REVISION


@pytest.fixture
def empty(pg_cluster):
    """A new, empty database on the server, as its administrator hands it over."""
    name = pg_cluster.empty_database()
    yield pg_cluster.location(name), pg_cluster.url(name)
    pg_cluster.drop(name)


def _scalar(url: str, sql: str):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def test_coordinator_opens_an_empty_server_database_and_finds_it_ready(empty):
    location, _url = empty
    with open_database(location) as db:
        assert db.outcome is Outcome.CREATED and db.lock is None and db.path is None
        create_group(db.sessions, GroupInput(name="Kotihoito Pori"))
    with open_database(location) as db:
        assert db.outcome is Outcome.CURRENT
        assert [g.name for g in list_groups(db.sessions)] == ["Kotihoito Pori"]


def test_an_older_server_database_is_upgraded_by_the_migrations(empty):
    location, url = empty
    engine = create_engine(url)
    migrate.upgrade(engine, "0003")  # as an older Pier-glass left it
    engine.dispose()
    with open_database(location) as db:
        assert db.outcome is Outcome.UPGRADED
    assert _scalar(url, "SELECT version_num FROM alembic_version") == HEAD_REVISION
    assert _scalar(url, "SELECT count(*) FROM search_fts") is not None  # 0002 made the index


def test_a_server_database_of_a_newer_version_is_refused_and_left_unchanged(server):
    location, url = server
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(NewerDatabase) as refused:
        open_database(location)
    assert "newer version" in str(refused.value)
    assert _scalar(url, "SELECT version_num FROM alembic_version") == "9999"


def test_a_database_of_another_program_is_refused_and_left_alone(empty):
    location, url = empty
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id int)"))
    engine.dispose()
    with pytest.raises(StorageError, match="some other program"):
        open_database(location)
    assert _scalar(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 1


def test_an_address_without_the_driver_installed_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    assert main(["check", "--database", "postgresql://db.example.fi/pierglass"]) == 1
    err = capsys.readouterr().err
    assert 'pip install "pierglass-desktop[postgresql]"' in err
    assert "Traceback" not in err and "ImportError" not in err


def test_a_plain_postgresql_address_means_the_psycopg_driver_and_hides_the_password():
    location = locate("postgresql://coordinator:salainen@db.example.fi/pierglass")
    assert isinstance(location, ServerDatabase)
    assert location.url.drivername == "postgresql+psycopg"
    assert "salainen" not in str(location) and location.name == "pierglass"


def test_an_address_of_another_database_kind_is_one_sentence(capsys):
    assert main(["check", "--database", "mysql://db.example.fi/pierglass"]) == 1
    assert "PostgreSQL server" in capsys.readouterr().err


def test_check_reports_server_version_revision_and_row_counts(server, capsys):
    location, url = server
    with open_database(location) as db:
        create_group(db.sessions, GroupInput(name="Kotihoito Pori"))
    assert main(["check", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "Server: PostgreSQL 1" in out
    assert f"Schema revision: {HEAD_REVISION}" in out
    assert "groups: 1 row" in out and "Integrity: ok" in out


def test_commands_find_the_database_named_in_the_environment(server, monkeypatch, capsys):
    location, url = server
    with open_database(location) as db:
        create_group(db.sessions, GroupInput(name="Kotihoito Pori"))
    monkeypatch.setenv("PIERGLASS_DATABASE", url)
    assert main(["list", "groups"]) == 0
    assert "Kotihoito Pori" in capsys.readouterr().out


def test_backup_of_a_server_database_points_to_the_servers_own_backups(server, capsys):
    _location, url = server
    assert main(["backup", "--database", url]) == 1
    err = capsys.readouterr().err
    assert "own backups" in err and "--output" in err


def test_backup_with_output_writes_a_pg_dump_copy(server, tmp_path, capsys):
    from pierglass_desktop.storage.server_backup import pg_dump_program

    if pg_dump_program() is None:
        pytest.skip("pg_dump is not installed")
    _location, url = server
    output = tmp_path / "copy.dump"
    usual = os.umask(0o022)  # a usual umask: what pg_dump creates, others may read
    try:
        assert main(["backup", "--database", url, "--output", str(output)]) == 0
    finally:
        os.umask(usual)
    assert output.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert "Backup written to" in capsys.readouterr().out
    if os.name == "posix":  # the copy holds every person's data: for its owner's eyes only
        assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_restore_into_a_server_database_is_refused_in_a_sentence(server, tmp_path, capsys):
    _location, url = server
    backup = tmp_path / "old.sqlite3"
    open_database(backup).close(automatic_backup=False)
    assert main(["restore", str(backup), "--database", url]) == 1
    err = capsys.readouterr().err
    assert "administrator restores" in err and "pierglass copy" in err


def test_demo_project_is_built_on_the_server_and_listed_from_it(empty, capsys):
    _location, url = empty
    assert main(["demo", "--database", url, "--groups", "2", "--seed", "3"]) == 0
    assert "Created a demo project in" in capsys.readouterr().out
    assert main(["list", "groups", "--database", url, "--json"]) == 0
    import json

    assert len(json.loads(capsys.readouterr().out)) == 2


def test_a_dry_run_import_into_an_empty_server_database_creates_nothing(empty, tmp_path):
    from pierglass_desktop.services.sync_export import export_sync
    from sync_helpers import build_world, open_db

    _location, url = empty
    with open_db(tmp_path / "tutor.sqlite3") as db:
        build_world(db.sessions)
        export_sync(db.sessions, tmp_path / "tutor.xlsx")
    assert main(["import", str(tmp_path / "tutor.xlsx"), "--dry-run", "--database", url]) == 0
    assert _scalar(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0
    assert main(["import", str(tmp_path / "tutor.xlsx"), "--database", url]) == 0
    assert _scalar(url, "SELECT count(*) FROM groups") == 1


def test_list_and_print_read_a_server_database_in_read_only_transactions(server):
    from sqlalchemy.exc import DBAPIError

    from pierglass_desktop.storage.database import reading

    location, url = server
    with (
        reading(location) as sessions,
        sessions() as s,
        pytest.raises(DBAPIError, match="read-only transaction"),
    ):
        s.execute(text("INSERT INTO app_meta (key, value) VALUES ('x', 'y')"))
    assert _scalar(url, "SELECT count(*) FROM app_meta WHERE key = 'x'") == 0
