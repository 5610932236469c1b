"""Revision 0002: the search index arrives by migration on old files and at creation on new ones."""

from __future__ import annotations

import pytest

from meeting_fixtures import seed_group
from pierglass_desktop.services import notes, search
from pierglass_desktop.storage import migrate, search_index
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import Outcome, open_database
from pierglass_desktop.storage.schema import HEAD_REVISION


def test_search_revision_is_in_the_chain_up_to_head():
    # Later revisions (0003: template item files) build on it; test_migrations pins the head.
    assert "0002" in migrate.known_revisions()
    assert HEAD_REVISION == migrate.script_head() >= "0002"


def test_file_from_revision_0001_is_upgraded_and_its_records_become_searchable(db_path):
    db = open_database(db_path)
    seeded = seed_group(db.sessions, meetings=1)
    notes.add_note(db.sessions, seeded.meeting_ids[0], "Asiakaspalaute kerätään lomakkeella")
    migrate.downgrade(db.engine, "0001")  # now shaped exactly like a 0001 file
    with db.engine.connect() as connection:
        assert not search_index.index_exists(connection)
    db.close(automatic_backup=False)

    db = open_database(db_path)
    try:
        assert db.outcome == Outcome.UPGRADED
        assert [r.kind for r in search.search(db.sessions, "asiakaspalaute")] == ["note"]
        assert [r.kind for r in search.search(db.sessions, "Mäki")] == ["participant"]
    finally:
        db.close(automatic_backup=False)
    assert check_database(db_path).ok


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_new_database_has_the_index_and_its_triggers(database):
    with database.engine.connect() as connection:
        assert search_index.index_exists(connection)
        triggers = connection.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"
        ).scalar()
    assert triggers == 3 * len(search_index.SOURCES)


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_every_table_beyond_the_models_belongs_to_the_search_index(database):
    from pierglass_desktop.domain.models import Base

    with database.engine.connect() as connection:
        names = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
    extra = names - set(Base.metadata.tables) - {"alembic_version"}
    assert extra and all(search_index.is_index_table(name) for name in extra)
    assert not any(search_index.is_index_table(name) for name in Base.metadata.tables)
