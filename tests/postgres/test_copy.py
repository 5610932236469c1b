"""`pierglass copy`: a project moves between a file and a server, every record unchanged."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from pierglass_desktop.cli import main
from pierglass_desktop.demo.generator import create_demo_database
from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.storage import copy as copying
from pierglass_desktop.storage.copy import copy_database
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.location import locate


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "project.sqlite3"
    create_demo_database(path, groups=3, seed=7)
    with open_database(path) as db, db.sessions.begin() as s:  # a tombstone must travel too
        s.execute(
            text(
                "UPDATE notes SET deleted_at = updated_at WHERE id IN "
                "(SELECT id FROM notes ORDER BY id LIMIT 3)"
            )
        )
    return path


@pytest.fixture
def empty_server(pg_cluster):
    name = pg_cluster.empty_database()
    yield pg_cluster.url(name)
    pg_cluster.drop(name)


def _public_tables(url) -> int:
    """How many tables the server database holds: none after a refused copy."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar()
    finally:
        engine.dispose()


def _tables(location):
    from pierglass_desktop.storage.copy import _summary, _tables
    from pierglass_desktop.storage.database import reading

    with reading(location) as sessions, sessions() as s:
        return {t.name: _summary(s.connection(), t) for t in _tables()}


def _schema_differences(url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pierglass_desktop.domain.models import Base
    from pierglass_desktop.storage.search_index import is_index_table

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"include_name": lambda name, _k, _p: not (name and is_index_table(name))},
            )
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def test_coordinator_moves_a_file_to_the_server_and_back_unchanged(
    demo_file, empty_server, tmp_path, capsys
):
    assert main(["copy", "--from", str(demo_file), "--to", empty_server]) == 0
    assert "every table matches" in capsys.readouterr().out
    original = _tables(demo_file)
    assert _tables(locate(empty_server)) == original
    assert _schema_differences(empty_server) == []  # keys and indexes as the models say
    later = tmp_path / "later.sqlite3"  # the models are left as they were for the next file
    with open_database(later) as db, db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_list('memberships')").all()
    assert original["notes"].rows > 0 and original["methods"].rows > 0

    back = tmp_path / "back.sqlite3"
    assert main(["copy", "--from", empty_server, "--to", str(back)]) == 0
    assert _tables(back) == original
    with open_database(back) as db:  # the copy is a working database, search included
        from pierglass_desktop.services.search import search

        assert search(db.sessions, "a") is not None
    with open_database(locate(empty_server)) as db:
        assert db.outcome.value == "current"


def test_a_copy_into_a_database_that_holds_tables_is_refused_and_changes_nothing(
    demo_file, server, capsys
):
    _location, url = server
    before = _tables(locate(url))
    assert main(["copy", "--from", str(demo_file), "--to", url]) == 1
    assert "new, empty database" in capsys.readouterr().err
    assert _tables(locate(url)) == before


def test_a_difference_found_by_the_check_leaves_nothing_behind(
    demo_file, empty_server, tmp_path, monkeypatch
):
    from pierglass_desktop.storage import search_index

    real = search_index.create_search_index

    def one_note_lost(connection):  # a note goes missing in the destination before the check
        connection.exec_driver_sql("DELETE FROM notes WHERE id = (SELECT min(id) FROM notes)")
        return real(connection)

    monkeypatch.setattr(search_index, "create_search_index", one_note_lost)
    with pytest.raises(StorageError, match="does not match the original"):
        copy_database(demo_file, locate(empty_server))
    tables = _public_tables(empty_server)
    assert tables == 0  # the schema was rolled back with the rows
    back = tmp_path / "back.sqlite3"
    with pytest.raises(StorageError, match="does not match the original"):
        copy_database(demo_file, back)
    assert list(tmp_path.glob("back.sqlite3*")) == []


def test_a_value_changed_on_the_way_is_caught_by_the_digest(demo_file, empty_server, monkeypatch):
    real = copying._writer

    def altering(target, send, table, names, *, convert):
        write = real(target, send, table, names, convert=convert)
        if table.name != "notes":
            return write
        body = names.index("body")

        def changed(batch):
            first = list(batch[0])
            first[body] = first[body] + "!"
            write([tuple(first), *batch[1:]])

        return changed

    monkeypatch.setattr(copying, "_writer", altering)
    with pytest.raises(StorageError, match="does not match the original"):
        copy_database(demo_file, locate(empty_server))
    tables = _public_tables(empty_server)
    assert tables == 0


def test_a_project_moves_from_one_server_database_to_another(demo_file, pg_cluster):
    first, second = pg_cluster.empty_database(), pg_cluster.empty_database()
    try:
        assert main(["copy", "--from", str(demo_file), "--to", pg_cluster.url(first)]) == 0
        assert main(["copy", "--from", pg_cluster.url(first), "--to", pg_cluster.url(second)]) == 0
        assert _tables(pg_cluster.location(second)) == _tables(demo_file)
    finally:
        pg_cluster.drop(first)
        pg_cluster.drop(second)


def test_a_copy_made_while_a_window_writes_the_file_is_the_file_at_one_moment(
    demo_file, empty_server, monkeypatch
):
    from pierglass_desktop.domain.models import Base

    notes = Base.metadata.tables["notes"]
    others = ", ".join(f'"{c.name}"' for c in notes.columns if c.name != "id")
    real = copying._copy_table

    def window_adds_a_note(source, target, table):  # once the first table is across
        copied = real(source, target, table)
        if table.name == copying._tables()[0].name:
            with window.sessions.begin() as s:
                s.execute(
                    text(
                        f"INSERT INTO notes (id, {others}) SELECT 'added-meanwhile', {others} "
                        "FROM notes ORDER BY id LIMIT 1"
                    )
                )
        return copied

    monkeypatch.setattr(copying, "_copy_table", window_adds_a_note)
    with open_database(demo_file) as window:  # the file open in a window, written through WAL
        before = _tables(demo_file)["notes"]
        copy_database(demo_file, locate(empty_server))
        assert _tables(demo_file)["notes"].rows == before.rows + 1
    assert _tables(locate(empty_server))["notes"] == before


@pytest.mark.parametrize("to", ["server", "file"])
def test_a_file_whose_rows_break_a_rule_is_refused_in_a_sentence(
    demo_file, empty_server, capsys, to, tmp_path
):
    """A file damaged so that a mark points at a session that is gone (SQLite let it in): the
    new database refuses the row, the person reads one sentence, and nothing is written."""
    import sqlite3

    connection = sqlite3.connect(demo_file)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("UPDATE attendance SET meeting_id = 'gone' WHERE rowid = 1")
    connection.commit()
    connection.close()
    target = empty_server if to == "server" else str(tmp_path / "copy.sqlite3")
    assert main(["copy", "--from", str(demo_file), "--to", target]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "psycopg" not in err and "DETAIL" not in err, err
    assert err.startswith("pierglass: ") and "nothing was copied" in err, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == []
    tables = _public_tables(empty_server)
    assert tables == 0


def test_a_person_erased_on_the_server_moves_back_to_a_file_unchanged(
    demo_file, empty_server, tmp_path
):
    """The erasure's audit entry has no before or after (SQL NULL): the file must hold NULL
    too, not the JSON text ``null``, or the check finds the copy different and refuses it."""
    from pierglass_desktop.domain.models import Participant
    from pierglass_desktop.services.erasure import erase_person

    assert main(["copy", "--from", str(demo_file), "--to", empty_server]) == 0
    server = locate(empty_server)
    with open_database(server) as db:
        with db.sessions() as s:
            person = s.query(Participant.id).order_by(Participant.id).first()[0]
        erase_person(db, person)
    back = tmp_path / "back.sqlite3"
    assert main(["copy", "--from", empty_server, "--to", str(back)]) == 0
    assert _tables(back) == _tables(server)
    with open_database(back) as db, db.engine.connect() as connection:
        nulls = connection.exec_driver_sql(
            "SELECT count(*) FROM audit_entries WHERE action = 'erase' AND before IS NULL"
        ).scalar()
    assert nulls == 1
