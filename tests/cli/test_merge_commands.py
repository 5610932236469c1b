"""`pierglass person duplicates` and `pierglass person merge`: the Project page's merge, typed."""

from __future__ import annotations

import json

from sqlalchemy import select
from tests.meeting_fixtures import liisa_in_two_groups

from pierglass_desktop import cli
from pierglass_desktop.domain.models import Attendance, Participant
from pierglass_desktop.storage.backup import list_backups
from pierglass_desktop.storage.database import open_database


def _two_records_of_liisa(path):
    """Liisa Laine in Pori and, under the same e-mail, in Rauma."""
    with open_database(path) as db:
        _pori, rauma, keep, other = liisa_in_two_groups(db.sessions)
        return keep, other, rauma.meeting_ids[0]


def test_coordinator_lists_the_duplicate_and_merges_it_from_a_terminal(tmp_path, capsys):
    path = tmp_path / "project.sqlite3"
    keep, other, rauma_meeting = _two_records_of_liisa(path)
    database = ["--database", str(path)]

    assert cli.main(["person", "duplicates", *database]) == 0
    out = capsys.readouterr().out
    assert "1 probable duplicate:" in out and "Same e-mail address" in out
    assert f"{keep}  Liisa Laine" in out and f"{other}  Liisa Laine" in out
    assert "Kotihoidon yrittäjät, Pori" in out and "Hoiva-alan yrittäjät, Rauma" in out

    assert cli.main(["person", "duplicates", "--json", *database]) == 0
    (pair,) = json.loads(capsys.readouterr().out)
    assert pair["reasons"] == ["email"] and {pair["first"]["id"], pair["second"]["id"]} == {
        keep,
        other,
    }

    assert cli.main(["person", "merge", keep, other, "--yes", *database]) == 0
    out = capsys.readouterr().out
    assert "The two records are now one: Liisa Laine." in out
    (backup,) = list_backups(path, "before-merge")
    assert str(backup) in out
    with open_database(path) as db, db.sessions() as s:
        assert s.get(Participant, other).deleted_at is not None
        moved = s.scalar(
            select(Attendance.participant_id).where(
                Attendance.meeting_id == rauma_meeting, Attendance.deleted_at.is_(None)
            )
        )
    assert moved == keep
    assert cli.main(["person", "duplicates", *database]) == 0
    assert "No probable duplicates found." in capsys.readouterr().out


def test_merge_not_confirmed_changes_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "project.sqlite3"
    keep, other, _meeting = _two_records_of_liisa(path)
    before = path.read_bytes()
    monkeypatch.setattr("builtins.input", lambda _question: "no")
    assert cli.main(["person", "merge", keep, other, "--database", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Keep:" in out and "Nothing was merged." in out
    assert path.read_bytes() == before
    assert list_backups(path, "before-merge") == []


def test_merging_a_person_with_a_missing_one_is_refused_in_a_sentence(tmp_path, capsys):
    path = tmp_path / "project.sqlite3"
    keep, _other, _meeting = _two_records_of_liisa(path)
    before = path.read_bytes()
    args = ["person", "merge", keep, "no-such-id", "--yes", "--database", str(path)]
    assert cli.main(args) == 1
    assert "One of the two people was not found" in capsys.readouterr().err
    assert cli.main(["person", "merge", keep, keep, "--yes", "--database", str(path)]) == 1
    assert "Choose two different people" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert list_backups(path, "before-merge") == []
