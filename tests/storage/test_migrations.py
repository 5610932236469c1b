"""Migrations are code with tests: head equals the models, every revision steps up and down,
and an older database is backed up then upgraded when opened."""

from __future__ import annotations

import re
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from pierglass_desktop.domain.models import Base
from pierglass_desktop.storage import migrate
from pierglass_desktop.storage.database import Outcome, open_database
from pierglass_desktop.storage.engine import sqlite_engine
from pierglass_desktop.storage.schema import HEAD_REVISION, SQLITE_READ_AS_HEAD
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
    return {(kind, name, _definition(sql)) for kind, name, sql in rows}


def _definition(sql: str | None) -> tuple[str, ...] | None:
    """The statement's parts, unordered: a batch migration rebuilds a table with the same
    columns and constraints but quotes its name and may list the constraints in another order."""
    if sql is None:
        return None
    head, _open, body = sql.replace('"', "").partition("(")
    parts = re.split(r",\s*\n", body.strip().removesuffix(")"))
    return (" ".join(head.split()), *sorted(" ".join(p.split()) for p in parts))


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


def _links(path) -> list[tuple]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT id, material_id, method_id, template_id, meeting_id, agenda_item_id, kind, "
        "caption, created_at, updated_at, origin, deleted_at FROM material_links ORDER BY id"
    ).fetchall()
    connection.close()
    return rows


def test_upgrading_a_0002_file_keeps_every_file_link(tmp_path):
    """A tutor's 0002 database with files on a method, a template, a session and an agenda item
    opens as 0003 with every link as it was, and the template item reference empty."""
    from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
    from pierglass_desktop.services.materials import attach_file, remove_attachment
    from pierglass_desktop.services.methods import MethodInput, add_method
    from pierglass_desktop.services.templates import save_agenda_as_template
    from planning_helpers import make_meeting

    path = tmp_path / "tutor.sqlite3"
    worksheet = tmp_path / "swot.pdf"
    worksheet.write_bytes(b"%PDF-1.4 worksheet")
    with open_database(path) as db:
        sessions = db.sessions
        meeting = make_meeting(sessions)
        item = add_agenda_item(sessions, meeting.id, AgendaItemInput("SWOT", 45))
        method = add_method(sessions, MethodInput(name={"en": "SWOT"}, duration_minutes=45))
        template = save_agenda_as_template(sessions, meeting.id, "Check")
        for target in (
            {"agenda_item_id": item.id},
            {"meeting_id": meeting.id},
            {"method_id": method.id},
            {"template_id": template.id},
        ):
            attach_file(sessions, worksheet, caption="for everyone", **target)
        gone = attach_file(sessions, worksheet, meeting_id=meeting.id)
        remove_attachment(sessions, gone.link_id)  # a tombstone travels through too
        migrate.downgrade(db.engine, "0002")
    before = _links(path)
    assert len(before) == 5

    with open_database(path) as db:
        assert db.outcome is Outcome.UPGRADED
    assert _links(path) == before
    connection = sqlite3.connect(path)
    assert connection.execute(
        "SELECT count(*) FROM material_links WHERE template_item_id IS NOT NULL"
    ).fetchone() == (0,)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_stepping_back_to_0002_drops_only_the_template_item_links(tmp_path):
    from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
    from pierglass_desktop.services.materials import attach_file
    from pierglass_desktop.services.templates import save_agenda_as_template
    from planning_helpers import make_meeting

    path = tmp_path / "newer.sqlite3"
    worksheet = tmp_path / "swot.pdf"
    worksheet.write_bytes(b"%PDF-1.4 worksheet")
    with open_database(path) as db:
        meeting = make_meeting(db.sessions)
        item = add_agenda_item(db.sessions, meeting.id, AgendaItemInput("SWOT", 45))
        attach_file(db.sessions, worksheet, agenda_item_id=item.id)
        save_agenda_as_template(db.sessions, meeting.id, "Check")  # one template item link
        migrate.downgrade(db.engine, "0002")
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT agenda_item_id FROM material_links").fetchall() == [
        (item.id,)
    ]
    assert connection.execute("SELECT count(*) FROM materials").fetchone() == (1,)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def _meetings(path) -> list[tuple]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT id, group_id, number, theme, starts_at, actual_minutes, status, locked_at, "
        "updated_at FROM meetings ORDER BY id"
    ).fetchall()
    connection.close()
    return rows


def test_upgrading_a_0003_file_keeps_every_meeting_and_starts_with_no_timer(tmp_path):
    from meeting_fixtures import seed_group

    path = tmp_path / "tutor.sqlite3"
    with open_database(path) as db:
        seed_group(db.sessions, meetings=3, held=1)
        migrate.downgrade(db.engine, "0003")
    before = _meetings(path)
    assert len(before) == 3
    with open_database(path) as db:
        assert db.outcome is Outcome.UPGRADED
    assert _meetings(path) == before
    connection = sqlite3.connect(path)
    assert connection.execute(
        "SELECT count(*) FROM meetings WHERE timer_item_id IS NOT NULL "
        "OR timer_started_at IS NOT NULL"
    ).fetchone() == (0,)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_stepping_back_to_0003_forgets_only_the_running_timer(tmp_path):
    from meeting_fixtures import seed_group
    from pierglass_desktop.services import running

    path = tmp_path / "newer.sqlite3"
    with open_database(path) as db:
        seeded = seed_group(db.sessions, meetings=2)
        meeting = seeded.meeting_ids[0]
        first = seeded.agenda_ids[meeting][0]
        running.keep_timer(db.sessions, meeting, first, running_seconds=60.0, now=1000.0)
        before = [row[:-1] for row in _meetings(path)]  # all but the change stamp
        migrate.downgrade(db.engine, "0003")
    assert [row[:-1] for row in _meetings(path)] == before
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(meetings)")}
    assert not columns & {"timer_item_id", "timer_started_at"}
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def _responses(path) -> list[tuple]:
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT r.id, r.participant_id, r.phase, r.answered_on, r.score, "
        "(SELECT group_concat(a.item_key || '=' || a.value) FROM answers a "
        "WHERE a.response_id = r.id) FROM assessment_responses r ORDER BY r.id"
    ).fetchall()
    connection.close()
    return rows


def test_upgrading_a_0004_file_keeps_every_answer_with_fill_mode_not_recorded(tmp_path):
    from pierglass_desktop.demo.generator import build_demo

    path = tmp_path / "tutor.sqlite3"
    with open_database(path) as db:
        build_demo(db.sessions, groups=1, seed=3)
        migrate.downgrade(db.engine, "0004")
    before = _responses(path)
    assert before
    with open_database(path) as db:
        assert db.outcome is Outcome.UPGRADED
    assert _responses(path) == before
    connection = sqlite3.connect(path)
    assert connection.execute(
        "SELECT count(*) FROM assessment_responses WHERE filled_in IS NOT NULL"
    ).fetchone() == (0,)
    connection.close()


def test_stepping_back_to_0004_forgets_only_how_answers_were_filled_in(tmp_path):
    from pierglass_desktop.demo.generator import build_demo

    path = tmp_path / "tutor.sqlite3"
    with open_database(path) as db:
        build_demo(db.sessions, groups=1, seed=3)
        with db.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE assessment_responses SET filled_in = 'together'")
        before = _responses(path)
        migrate.downgrade(db.engine, "0004")
    assert _responses(path) == before
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(assessment_responses)")}
    assert "filled_in" not in columns
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_the_files_read_as_head_are_those_with_the_heads_sqlite_schema(tmp_path):
    """The promise behind SQLITE_READ_AS_HEAD: exactly the older revisions whose tables,
    indexes and triggers are the head's (one listed wrongly would be read as it is and fail)."""
    engine = sqlite_engine(tmp_path / "head.sqlite3")
    migrate.upgrade(engine)
    engine.dispose()
    head = schema_of(tmp_path / "head.sqlite3")
    same = set()
    for old in revisions_oldest_first()[:-1]:
        engine = sqlite_engine(tmp_path / f"{old}.sqlite3")
        migrate.upgrade(engine, old)
        engine.dispose()
        if schema_of(tmp_path / f"{old}.sqlite3") == head:
            same.add(old)
    assert same == SQLITE_READ_AS_HEAD


def test_reading_a_file_whose_tables_differ_brings_it_up_to_date_first(tmp_path):
    """`list` and `print` on a file of revision 0006, whose import records lack the scope
    0007 added: the file is updated (after a backup) and then read, its records whole."""
    from pierglass_desktop.demo.generator import build_demo
    from pierglass_desktop.services.participant_list import participant_list
    from pierglass_desktop.storage.database import reading
    from pierglass_desktop.storage.probe import probe

    path = tmp_path / "tutor.sqlite3"
    with open_database(path) as db:
        build_demo(db.sessions, groups=1, seed=3)
        expected = participant_list(db.sessions)
        migrate.downgrade(db.engine, "0006")
    assert probe(path).revision == "0006"
    with reading(path) as sessions:
        assert participant_list(sessions) == expected
    assert probe(path).revision == HEAD_REVISION
    assert list(tmp_path.glob("*backups*/*")), "the update backs the file up first"
