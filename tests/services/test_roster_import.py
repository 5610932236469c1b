"""A tutor brings the kick-off event's registration list into a group."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pierglass_desktop.cli import main
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.people import Membership, Participant
from pierglass_desktop.exchange.roster import read_roster
from pierglass_desktop.services import roster
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.services.participants import ParticipantInput, create_participant

LIST = (
    "Etunimi;Sukunimi;Sähköposti;Puhelin;Yritys;Y-tunnus;Kunta\n"
    "Aino;Aaltonen;aino@example.fi;040 123;Aino Oy;1234567-1;Pori\n"
    "Liisa;Laine;LIISA@example.fi;;;;Rauma\n"
    "Bad;Idea;not-an-email;;;1234567-2;\n"
    "Aino;Aaltonen;aino@example.fi;;;;\n"
    ";;;;;;\n"
    "Otto;Ojala;;;;FI12345671;\n"
)


@pytest.fixture
def roster_file(tmp_path) -> Path:
    path = tmp_path / "ilmoittautuneet.csv"
    path.write_bytes(LIST.encode("cp1252"))
    return path


def test_headers_in_finnish_and_english_are_recognised():
    header = ("Etunimi", "Sukunimi", "E-mail", "Business ID", "Kotikunta", "Whatever")
    assert roster.guess_mapping(header) == {
        0: "first_name",
        1: "last_name",
        2: "email",
        3: "business_id",
        4: "municipality",
    }


def test_preview_shows_new_matched_and_each_bad_row_with_its_reason(sessions, roster_file):
    group = create_group(sessions, GroupInput("Pori"))
    liisa = create_participant(
        sessions, ParticipantInput("Liisa", "Laine", email="liisa@example.fi")
    )
    table = read_roster(roster_file)
    preview = roster.preview_roster(sessions, table, roster.guess_mapping(table.header), group.id)
    assert [p.data.first_name for p in preview.new] == ["Aino", "Otto"]
    assert [(p.participant_id, p.matched_by) for p in preview.matched] == [(liisa.id, "email")]
    reasons = {e.row: e.reason for e in preview.errors}
    assert set(reasons) == {4, 5}
    assert "E-mail" in reasons[4] and "Business ID" in reasons[4]
    assert "row 2" in reasons[5]
    # The VAT form of a business ID is accepted and stored in its usual form.
    assert preview.new[1].data.business_id == "1234567-1"


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_applying_adds_people_and_memberships_once_after_a_backup(database, roster_file):
    sessions = database.sessions
    group = create_group(sessions, GroupInput("Pori"))
    create_participant(sessions, ParticipantInput("Liisa", "Laine", email="liisa@example.fi"))
    table = read_roster(roster_file)
    mapping = roster.guess_mapping(table.header)
    result = roster.apply_roster(database, table, mapping, group.id, date(2026, 9, 1))
    assert (result.created, result.joined, result.skipped_errors) == (2, 3, 2)
    assert result.backup_path is not None and result.backup_path.is_file()
    again = roster.apply_roster(database, table, mapping, group.id, date(2026, 9, 1))
    assert (again.created, again.joined, again.backup_path) == (0, 0, None)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 3
        joined = s.scalars(select(Membership.joined_on).where(Membership.group_id == group.id))
        assert list(joined) == [date(2026, 9, 1)] * 3


def test_a_mapping_is_remembered_for_the_same_headings(tmp_path):
    header = ("Nimi", "Posti")
    assert roster.remembered_mapping(tmp_path, header) is None
    roster.remember_mapping(tmp_path, header, {0: "name", 1: "email"})
    assert roster.remembered_mapping(tmp_path, header) == {0: "name", 1: "email"}
    assert roster.remembered_mapping(tmp_path, ("Nimi",)) is None


def test_full_name_column_is_split_into_first_and_last_name():
    data = roster.row_input(("Anna Maria Virtanen",), {0: "name"})
    assert (data.first_name, data.last_name) == ("Anna Maria", "Virtanen")


def test_mapping_without_a_name_is_refused(sessions, roster_file):
    group = create_group(sessions, GroupInput("Pori"))
    with pytest.raises(ValidationError, match="first name"):
        roster.preview_roster(sessions, read_roster(roster_file), {2: "email"}, group.id)


def test_command_line_dry_run_writes_nothing_then_import_does(db_path, roster_file, capsys):
    from pierglass_desktop.storage.database import open_database

    with open_database(db_path) as db:
        group = create_group(db.sessions, GroupInput("Pori"))
    before = db_path.read_bytes()
    args = ["roster", "import", str(roster_file), "--group", group.id, "--database", str(db_path)]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Row 4:" in out and "3 new" in out and "dry run" in out
    assert db_path.read_bytes() == before
    assert main([*args, "--joined", "2026-09-01"]) == 0
    assert "Added 3 new people" in capsys.readouterr().out
    assert main([*args[:4], "nope", "--database", str(db_path)]) == 1
    assert "group was not found" in capsys.readouterr().err
