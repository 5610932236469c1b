"""Search on a server database: PostgreSQL's own full-text index, kept like the FTS5 one."""

from __future__ import annotations

from sqlalchemy import insert, text

from meeting_fixtures import seed_group
from pierglass_desktop.domain.base import new_id, utcnow
from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.models import Note
from pierglass_desktop.services import notes, search
from pierglass_desktop.storage import search_index
from pierglass_desktop.storage.database import open_database


def _triggers(connection) -> int:
    return connection.execute(
        text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'search_%' AND NOT tgisinternal")
    ).scalar()


def test_a_new_server_database_has_the_index_and_its_triggers(server):
    location, _url = server
    with open_database(location) as db, db.sessions() as s:
        connection = s.connection()
        assert search_index.index_exists(connection)
        assert _triggers(connection) == len(search_index.SOURCES)


def test_a_finnish_word_finds_its_other_forms(server):
    location, _url = server
    with open_database(location) as db:
        group = seed_group(db.sessions, meetings=1)
        notes.add_note(db.sessions, group.meeting_ids[0], "Kuvaa palvelusi verkkoon")
        found = search.search(db.sessions, "verkossa")  # "online": another case of the word
        assert [r.kind for r in found] == ["note"]
        assert "«verkkoon»" in found[0].snippet


def test_a_bulk_load_pauses_the_index_without_touching_the_schema(server):
    location, _url = server
    with open_database(location) as db:
        group = seed_group(db.sessions, meetings=1)
        rows = [
            {
                "id": new_id(),
                "group_id": group.group_id,
                "body": f"bulk note {i} kahvinkeitin",
                "visibility": NoteVisibility.PRIVATE.value,
                "author": "",
                "created_at": utcnow(),
                "updated_at": utcnow(),
                "origin": "",
            }
            for i in range(200)
        ]
        with db.sessions.begin() as s:
            connection = s.connection()
            with search_index.paused(connection):
                connection.execute(insert(Note.__table__), rows)
                indexed = connection.execute(
                    text("SELECT count(*) FROM search_fts WHERE content LIKE '%kahvinkeitin%'")
                ).scalar()
                assert indexed == 0  # the triggers stood aside
                assert _triggers(connection) == len(search_index.SOURCES)  # and stayed
        assert len(search.search(db.sessions, "kahvinkeitin", limit=500)) == 200
        notes.add_note(db.sessions, group.meeting_ids[0], "Saunailta")  # triggers work again
        assert len(search.search(db.sessions, "saunailta")) == 1
