"""The Alembic migrations on PostgreSQL: head equals the models, and a failed step is undone."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.domain.models import Base
from pierglass_desktop.storage import migrate
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.search_index import is_index_table


@pytest.fixture
def empty(pg_cluster):
    name = pg_cluster.empty_database()
    yield pg_cluster.location(name), pg_cluster.url(name)
    pg_cluster.drop(name)


def test_migrated_server_schema_equals_the_models(empty):
    _location, url = empty
    engine = create_engine(url)
    try:
        migrate.upgrade(engine)
        migrate.downgrade(engine, "0001")  # and every step back down and up again
        migrate.upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "include_name": lambda name, _kind, _parent: (
                        not (name and is_index_table(name))
                    ),
                    "compare_type": True,
                },
            )
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_a_failed_upgrade_on_the_server_is_undone_whole(empty):
    location, url = empty
    engine = create_engine(url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as connection:  # in the way of the next revision's search table
        connection.execute(text("CREATE TABLE search_fts (x int)"))
    engine.dispose()
    with pytest.raises(StorageError) as refused:
        open_database(location)
    message = str(refused.value)
    assert "failed and was undone" in message and "already exists" in message
    assert "Error" not in message and "[SQL" not in message
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0001"
        )
        triggers = connection.execute(
            text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'search_%'")
        ).scalar()
    engine.dispose()
    assert triggers == 0  # nothing of 0002 stayed behind


def test_a_server_from_before_0006_lets_a_bulk_load_index_its_inserts_at_the_end(empty):
    """Revision 0006 teaches the trigger functions the bulk pause: made by 0005, they indexed
    each inserted row at once (to_tsvector twice per row) although the import had paused them."""
    from sqlalchemy import insert

    from meeting_fixtures import seed_group
    from pierglass_desktop.domain.base import new_id, utcnow
    from pierglass_desktop.domain.models import Note
    from pierglass_desktop.services import search
    from pierglass_desktop.storage import search_index

    location, url = empty
    engine = create_engine(url)
    migrate.upgrade(engine, "0005")
    with engine.begin() as connection:  # the functions as 0005 made them: every edit paused
        _make_triggers_of_0005(connection)
    engine.dispose()
    db = open_database(location)  # brought up to date
    try:
        group = seed_group(db.sessions, meetings=1)
        note = {
            "id": new_id(),
            "group_id": group.group_id,
            "body": "Sauna-ilta syksyllä",
            "visibility": "private",
            "author": "",
            "created_at": utcnow(),
            "updated_at": utcnow(),
            "origin": "",
        }
        count = text("SELECT count(*) FROM search_fts WHERE record_id = :id")
        with db.sessions.begin() as s:
            connection = s.connection()
            with search_index.paused(connection):
                connection.execute(insert(Note.__table__), [note])
                assert connection.execute(count, {"id": note["id"]}).scalar() == 0
            assert connection.execute(count, {"id": note["id"]}).scalar() == 1
        assert [r.id for r in search.search(db.sessions, "syksyllä")] == [note["id"]]
    finally:
        db.close(automatic_backup=False)


def _make_triggers_of_0005(connection) -> None:
    from pierglass_desktop.storage import search_pg

    search_pg._drop_triggers(connection)
    for source in search_pg.SOURCES:
        for statement in search_pg._trigger_sql(source):
            old = statement.replace(
                f" OR (TG_OP = 'INSERT' AND current_setting('{search_pg.PAUSED}', true) = "
                "'inserts')",
                "",
            )
            assert old != statement or "CREATE TRIGGER" in statement
            connection.exec_driver_sql(old)
