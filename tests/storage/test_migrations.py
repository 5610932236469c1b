"""Migrations are code with tests: head equals the models, every revision steps up and down,
and an older database is backed up then upgraded when opened."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from pierglass_desktop.domain.models import Base
from pierglass_desktop.storage import migrate
from pierglass_desktop.storage.database import Outcome, open_database
from pierglass_desktop.storage.engine import sqlite_engine
from pierglass_desktop.storage.schema import HEAD_REVISION
from pierglass_desktop.storage.search_index import is_index_table


def revisions_oldest_first() -> list[str]:
    script = ScriptDirectory.from_config(migrate._config())
    return [s.revision for s in reversed(list(script.walk_revisions()))]


def schema_of(path) -> set[tuple]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
    ).fetchall()
    connection.close()
    return set(rows)


def test_head_constant_matches_the_newest_revision_file():
    assert migrate.script_head() == HEAD_REVISION


def test_migrated_schema_equals_the_models(tmp_path):
    engine = sqlite_engine(tmp_path / "migrated.sqlite3")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            # The search index is SQL of its own (FTS5), not a model; storage/search_index.py.
            opts={"include_name": lambda name, _kind, _parent: not (name and is_index_table(name))},
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_every_revision_steps_up_and_down(tmp_path):
    engine = sqlite_engine(tmp_path / "steps.sqlite3")
    previous = "base"
    for revision in revisions_oldest_first():
        before = schema_of(tmp_path / "steps.sqlite3")
        migrate.upgrade(engine, revision)
        migrate.downgrade(engine, previous)
        assert schema_of(tmp_path / "steps.sqlite3") == before, revision
        migrate.upgrade(engine, revision)
        previous = revision


@pytest.mark.parametrize("old", revisions_oldest_first()[:-1])
def test_older_database_is_backed_up_then_upgraded(tmp_path, old):
    path = tmp_path / "old.sqlite3"
    migrate.upgrade(sqlite_engine(path), old)
    with open_database(path) as db:
        assert db.outcome is Outcome.UPGRADED
        assert db.backup_path is not None and db.backup_path.exists()
    backup_revision = (
        sqlite3.connect(db.backup_path)
        .execute("SELECT version_num FROM alembic_version")
        .fetchone()
    )
    assert backup_revision == (old,)
