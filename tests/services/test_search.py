"""Searching notes, commitments, sessions and participants, with and without FTS5."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update

from meeting_fixtures import seed_group
from pierglass_desktop.domain.base import new_id, utcnow
from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.models import Note
from pierglass_desktop.services import commitments, notes, search
from pierglass_desktop.storage import search_index


@pytest.fixture
def seeded(sessions):
    group = seed_group(sessions, meetings=2)
    first = group.meeting_ids[0]
    notes.add_note(
        sessions, first, "Palvelusetelit puhuttivat: Liisa kokeilee", NoteVisibility.GROUP
    )
    commitments.save_commitment(
        sessions, first, group.participant_ids[1], "Kuvaa palvelusi verkkoon"
    )
    return group


@pytest.mark.parametrize("use_index", [True, False], ids=["fts5", "like"])
def test_each_kind_is_found_and_opens_its_session(sessions, seeded, use_index):
    first = seeded.meeting_ids[0]

    def found(text):
        return {(r.kind, r.meeting_id) for r in search.search(sessions, text, use_index=use_index)}

    assert found("palvelusetel") == {("note", first)}
    assert found("verkkoon") == {("commitment", first)}
    assert ("meeting", first) in found("Theme 1")
    people = search.search(sessions, "Järvisen", use_index=use_index)
    assert [(r.kind, r.title) for r in people] == [("participant", "Jussi Järvinen")]


@pytest.mark.parametrize("use_index", [True, False], ids=["fts5", "like"])
def test_finnish_letters_match_in_either_case(sessions, seeded, use_index):
    note = "ÄITIYSLOMA alkaa keväällä"
    notes.add_note(sessions, seeded.meeting_ids[1], note, NoteVisibility.GROUP)
    for typed in ("äitiysloma", "Äitiysloma", "KEVÄÄLLÄ"):
        kinds = [r.kind for r in search.search(sessions, typed, use_index=use_index)]
        assert kinds == ["note"], typed
    people = search.search(sessions, "JÄRVINEN", use_index=use_index)
    assert [r.title for r in people] == ["Jussi Järvinen"]


@pytest.mark.parametrize("use_index", [True, False], ids=["fts5", "like"])
def test_snippet_marks_the_match(sessions, seeded, use_index):
    (result,) = search.search(sessions, "kokeilee", use_index=use_index)
    assert "«kokeilee»" in result.snippet


def test_edits_and_deletions_follow_into_the_index(sessions, seeded):
    note = notes.add_note(sessions, seeded.meeting_ids[1], "Saunailta suunnitteilla")
    assert [r.id for r in search.search(sessions, "saunailta")] == [note.id]
    notes.update_note(sessions, note.id, "Kesäretki suunnitteilla")
    assert search.search(sessions, "saunailta") == []
    assert [r.id for r in search.search(sessions, "kesäretki")] == [note.id]
    notes.delete_note(sessions, note.id)
    assert search.search(sessions, "kesäretki") == []


def _note_row(group_id: str, body: str) -> dict:
    return {
        "id": new_id(),
        "group_id": group_id,
        "body": body,
        "visibility": "private",
        "author": "",
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "origin": "",
    }


def test_a_bulk_load_is_searchable_after_its_pause(sessions, seeded):
    rows = [_note_row(seeded.group_id, f"bulk note {i} kahvinkeitin") for i in range(200)]
    with sessions.begin() as s:
        connection = s.connection()
        with search_index.paused(connection):
            before = _index_rows(connection)
            connection.execute(insert(Note.__table__), rows)
            assert _index_rows(connection) == before  # the words wait for the end
    assert len(search.search(sessions, "kahvinkeitin", limit=500)) == 200


def _index_rows(connection) -> list[tuple]:
    rows = connection.exec_driver_sql("SELECT kind, record_id, label, content FROM search_fts")
    return sorted(tuple(row) for row in rows)


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 10**6)),
        st.tuples(st.just("change"), st.integers(0, 50), st.integers(0, 10**6)),
        st.tuples(st.just("tombstone"), st.integers(0, 50)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_after_a_pause_the_index_is_what_a_rebuild_would_make(sessions, seeded, edits):
    """Whatever a bulk load inserts, changes, tombstones or deletes while the index waits (new
    records and those already indexed alike), the index afterwards holds exactly the live
    records' words: what rebuilding it from scratch gives."""
    table = Note.__table__
    with sessions.begin() as s:
        connection = s.connection()
        ids = list(connection.execute(select(table.c.id).order_by(table.c.id)).scalars())
        with search_index.paused(connection):
            for kind, *values in edits:
                if kind == "insert":
                    row = _note_row(seeded.group_id, f"lisätty {values[0]}")
                    connection.execute(insert(table), [row])
                    ids.append(row["id"])
                    continue
                if not ids:
                    continue
                target = table.c.id == ids[values[0] % len(ids)]
                if kind == "change":
                    body = f"muutettu {values[1]}"
                    connection.execute(update(table).where(target).values(body=body))
                elif kind == "tombstone":
                    connection.execute(update(table).where(target).values(deleted_at=utcnow()))
                else:
                    connection.execute(delete(table).where(target))
                    ids.remove(ids[values[0] % len(ids)])
        kept = _index_rows(connection)
        search_index.rebuild(connection)
        assert kept == _index_rows(connection)


def test_rebuild_search_index_restores_a_damaged_index(sessions, seeded):
    with sessions.begin() as s:
        s.connection().exec_driver_sql("DELETE FROM search_fts")
    assert search.search(sessions, "verkkoon") == []
    assert search.rebuild_search_index(sessions)
    assert len(search.search(sessions, "verkkoon")) == 1


def test_without_fts5_the_database_is_made_and_like_answers(tmp_path, monkeypatch):
    from pierglass_desktop.storage.database import open_database

    monkeypatch.setattr(search_index, "fts5_available", lambda connection: False)
    db = open_database(tmp_path / "nofts.sqlite3")
    try:
        seeded = seed_group(db.sessions, meetings=1)
        notes.add_note(db.sessions, seeded.meeting_ids[0], "Ilman indeksiä")
        with db.sessions() as s:
            assert not search_index.index_exists(s.connection())
        assert [r.kind for r in search.search(db.sessions, "indeksi")] == ["note"]
    finally:
        db.close(automatic_backup=False)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40))
def test_any_typed_text_is_a_safe_query(sessions, text):
    for use_index in (True, False):
        results = search.search(sessions, text, use_index=use_index)
        assert isinstance(results, list)


def test_quotes_and_operators_are_taken_literally(sessions, seeded):
    assert search.match_expression(['a"b', "OR"]) == '"a""b"* "OR"*'
    assert search.search(sessions, 'NEAR( "verkkoon" OR') == []


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_an_erased_persons_name_leaves_no_trace_in_the_index_pages(database, sessions, db_path):
    seeded = seed_group(sessions, members=[("Ainutlaatuinen", "Xyzzyläinen", "Oy")])
    person = seeded.participant_ids[0]
    with sessions.begin() as s:
        connection = s.connection()
        for table in ("attendance", "memberships"):
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE participant_id = ?", (person,))
        connection.exec_driver_sql("DELETE FROM participants WHERE id = ?", (person,))
        search_index.forget_erased(connection)
    assert search.search(sessions, "Xyzzyläinen") == []
    database.engine.dispose()
    with sessions.begin() as s:
        s.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = db_path.read_bytes()
    # The index keeps words folded (lower case, no diacritics); the record keeps them as typed.
    assert b"xyzzylainen" not in stored and "Xyzzyläinen".encode() not in stored
