"""`pierglass list`: aligned tables for people, stable JSON for scripts, sentences for mistakes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pierglass_desktop.cli import main
from pierglass_desktop.cli.list_commands import format_table
from pierglass_desktop.demo.generator import create_demo_database
from pierglass_desktop.domain.errors import NotFound
from pierglass_desktop.domain.models import Group, Meeting, Membership, Participant
from pierglass_desktop.services import groups as group_service
from pierglass_desktop.services import participants, series
from pierglass_desktop.storage.database import open_database

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("list") / "demo.sqlite3"
    create_demo_database(path, groups=3, seed=2, today=TODAY)
    return path


def _json(capsysbinary, *argv):
    assert main(["list", *argv]) == 0
    raw = capsysbinary.readouterr().out
    return raw, json.loads(raw.decode("utf-8"))


def test_coordinator_lists_groups_as_json_with_stable_keys(demo_path, capsysbinary):
    raw, groups = _json(capsysbinary, "groups", "--database", str(demo_path), "--json")
    assert len(groups) == 3
    assert list(groups[0]) == [
        "id", "name", "mode", "location", "status", "start_date", "end_date", "archived",
        "members", "sessions", "tutors",
    ]  # fmt: skip
    assert all(g["sessions"] == 18 and 6 <= g["members"] <= 14 for g in groups)
    date.fromisoformat(groups[0]["start_date"])
    assert [g["name"] for g in groups] == sorted(g["name"] for g in groups)
    assert b"\\u00" not in raw  # UTF-8, not escaped


def test_participants_json_keeps_finnish_letters_unescaped(demo_path, capsysbinary):
    raw, people = _json(capsysbinary, "participants", "--database", str(demo_path), "--json")
    text = raw.decode("utf-8")
    assert any(ch in text for ch in "äöå")
    assert set(people[0]) >= {"id", "first_name", "last_name", "business_id", "groups"}
    assert all(isinstance(p["groups"], list) for p in people)


def test_sessions_of_one_group_in_time_order_with_iso_times(demo_path, capsysbinary):
    _raw, groups = _json(capsysbinary, "groups", "--database", str(demo_path), "--json")
    group = groups[0]
    _raw, sessions = _json(
        capsysbinary, "sessions", "--database", str(demo_path), "--json", "--group", group["id"]
    )
    assert [s["number"] for s in sessions] == list(range(1, 19))
    assert {s["group_id"] for s in sessions} == {group["id"]}
    starts = [datetime.fromisoformat(s["starts_at"]) for s in sessions]
    assert starts == sorted(starts)
    assert {s["status"] for s in sessions} <= {"held", "planned", "cancelled"}


def test_members_of_one_group_come_with_their_membership_dates(demo_path, capsysbinary):
    db = open_database(demo_path)
    try:
        with db.sessions() as s:
            membership = s.scalars(select(Membership)).first()
        rows = participants.list_participants(
            db.sessions, group_id=membership.group_id, today=TODAY
        )
    finally:
        db.close(automatic_backup=False)
    row = next(r for r in rows if r.id == membership.participant_id)
    assert row.joined_on == membership.joined_on and row.left_on == membership.left_on


def test_the_table_is_aligned_under_its_headers(demo_path, capsys):
    assert main(["list", "groups", "--database", str(demo_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, rule, *rows = lines
    assert header.startswith("Name") and set(rule) <= {"-", " "}
    assert len(rows) == 3
    # Every column starts where its header does.
    for title in ("Status", "Mode", "Start", "Tutors", "ID"):
        column = header.index(title)
        assert all(row[column - 2 : column] == "  " for row in rows), title
    members = header.index("Members") + len("Members")
    assert all(row[members - 1].isdigit() for row in rows)  # numbers right-aligned


def test_format_table_pads_finnish_text_by_characters():
    text = format_table(["A", "B"], [["Ä", "1"], ["Öljy", "22"]], right_aligned={1})
    assert text.splitlines() == ["A      B", "----  --", "Ä      1", "Öljy  22"]


def test_deleted_and_archived_records(tmp_path, capsys):
    path = tmp_path / "db.sqlite3"
    create_demo_database(path, groups=2, seed=9, today=TODAY)
    db = open_database(path)
    try:
        with db.sessions.begin() as s:
            first, second = s.scalars(select(Group).order_by(Group.name)).all()
            first.deleted_at = datetime.now(UTC)
            second.archived_at = datetime.now(UTC)
            s.scalars(select(Participant)).first().deleted_at = datetime.now(UTC)
        groups = group_service.list_groups(db.sessions, include_archived=True, today=TODAY)
        meetings = series.list_meetings(db.sessions)
        people = participants.list_participants(db.sessions, today=TODAY)
        with db.sessions() as s:
            alive_people = s.query(Participant).filter(Participant.deleted_at.is_(None)).count()
    finally:
        db.close(automatic_backup=False)
    assert [g.name for g in groups] == [second.name] and groups[0].archived
    assert {m.group_id for m in meetings} == {second.id}
    assert len(people) == alive_people
    assert main(["list", "groups", "--database", str(path)]) == 0
    assert ", archived" in capsys.readouterr().out


def test_a_missing_database_is_a_sentence_and_no_file_is_created(tmp_path, capsys):
    path = tmp_path / "missing.sqlite3"
    assert main(["list", "groups", "--database", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == f"pierglass: There is no database at {path}. Check the file name.\n"
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_group_id_is_a_sentence(demo_path, capsys):
    assert main(["list", "sessions", "--database", str(demo_path), "--group", "nope"]) == 1
    assert "There is no group with the id nope" in capsys.readouterr().err


def test_group_filter_on_groups_is_refused(demo_path, capsys):
    assert main(["list", "groups", "--database", str(demo_path), "--group", "x"]) == 1
    assert "--group can be used with participants and sessions only" in capsys.readouterr().err


def test_an_empty_database_says_there_is_nothing(database, capsys):
    database.close(automatic_backup=False)
    assert main(["list", "sessions", "--database", str(database.path)]) == 0
    assert capsys.readouterr().out == "There are no sessions to list.\n"
    assert main(["list", "groups", "--database", str(database.path), "--json"]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_unknown_kind_is_a_usage_error(demo_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["list", "coffee", "--database", str(demo_path)])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_list_services_raise_not_found_for_a_deleted_group(database):
    create_path = database.path
    with database.sessions.begin() as s:
        group = Group(name="Kotihoidon yrittäjät, Pori", deleted_at=datetime.now(UTC))
        s.add(group)
    with pytest.raises(NotFound):
        series.list_meetings(database.sessions, group_id=group.id)
    with database.sessions() as s:
        assert s.scalar(select(Meeting.id)) is None
    assert create_path.exists()


@pytest.mark.slow
def test_json_is_utf8_even_when_the_console_is_not(demo_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    import pierglass_desktop

    source = Path(pierglass_desktop.__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(source), PYTHONIOENCODING="latin-1")
    command = [sys.executable, "-m", "pierglass_desktop", "list", "participants", "--json"]
    result = subprocess.run(
        [*command, "--database", str(demo_path)], env=env, capture_output=True, check=True
    )
    people = json.loads(result.stdout.decode("utf-8"))
    assert any(ch in p["last_name"] + p["first_name"] for p in people for ch in "äöå")


def test_listing_works_while_a_window_has_the_database_open(tmp_path, capsysbinary):
    path = tmp_path / "open.sqlite3"
    create_demo_database(path, groups=1, seed=4, today=TODAY)
    window = open_database(path)  # holds the lock, as the running app does
    try:
        with window.sessions.begin() as s:
            s.add(Group(name="Saved a moment ago"))
        assert main(["list", "groups", "--database", str(path), "--json"]) == 0
        names = [g["name"] for g in json.loads(capsysbinary.readouterr().out.decode())]
        assert "Saved a moment ago" in names and len(names) == 2
        with window.sessions.begin() as s:  # the window goes on writing as before
            s.add(Group(name="And another"))
        assert window.lock.held
    finally:
        window.close(automatic_backup=False)


def test_json_records_are_written_as_they_are_read_not_after_all_of_them(monkeypatch):
    import io
    import sys

    from pierglass_desktop.cli.list_commands import write_json

    written = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(written, encoding="utf-8"))
    seen_before = []

    def rows():
        for n in range(3):
            seen_before.append(written.getvalue().count(b'"id"'))
            yield {"id": f"p{n}", "name": "Äijälä", "on": date(2026, 1, n + 1)}

    write_json(rows())
    assert seen_before == [0, 1, 2]  # each record was out before the next was read
    records = [{"id": f"p{n}", "name": "Äijälä", "on": f"2026-01-0{n + 1}"} for n in range(3)]
    expected = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    assert written.getvalue().decode("utf-8") == expected  # the same text as the whole list


def test_an_empty_listing_is_an_empty_json_array(database, capsysbinary):
    _raw, people = _json(capsysbinary, "participants", "--database", str(database.path), "--json")
    assert people == []


def test_participants_are_listed_by_name_as_a_person_reads_them(database, capsysbinary):
    for last in ("Ölander", "äijälä", "Zetterberg", "aalto", "Aalto"):
        participants.create_participant(
            database.sessions, participants.ParticipantInput("Aino", last)
        )
    _raw, people = _json(capsysbinary, "participants", "--database", str(database.path), "--json")
    names = [p["last_name"] for p in people]
    assert names == [r.last_name for r in participants.list_participants(database.sessions)]
    assert names[2:] == ["Zetterberg", "äijälä", "Ölander"]  # case folded, beyond ASCII too


_TEXT = st.text(st.characters(exclude_categories=("Cs",)))  # what UTF-8 can carry
_SCALARS = (
    _TEXT
    | st.integers(-(10**12), 10**12)
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates()
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(_TEXT, _SCALARS | st.lists(_TEXT | st.none())), max_size=4))
def test_streamed_json_is_the_text_json_dumps_writes_for_the_whole_list(records):
    import io
    import sys

    from pierglass_desktop.cli.list_commands import to_plain, write_json

    written = io.BytesIO()
    console = io.TextIOWrapper(written, encoding="utf-8")
    stdout, sys.stdout = sys.stdout, console
    try:
        write_json(iter(records))
        text = written.getvalue().decode("utf-8")
    finally:
        sys.stdout = stdout
    plain = [{key: to_plain(value) for key, value in record.items()} for record in records]
    assert text == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
