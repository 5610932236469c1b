"""`pierglass export sync`, `pierglass import` and `pierglass list tutors|imports` from a shell."""

from __future__ import annotations

import json

from pierglass_desktop import cli
from pierglass_desktop.domain.models import Group
from sync_helpers import build_world, open_db


def _tutor_export(tmp_path, name="export.xlsx", *, change=None):
    tutor = tmp_path / "tutor" / "t.sqlite3"
    with open_db(tutor) as db:
        if change is None:
            build_world(db.sessions)
        else:
            change(db.sessions)
    out = tmp_path / name
    args = ["export", "sync", "--no-encrypt", "--output", str(out), "--database", str(tutor)]
    assert cli.main(args) == 0
    return out


def test_tutor_exports_and_coordinator_starts_a_database_by_importing(tmp_path, capsys):
    export = _tutor_export(tmp_path)
    assert "1 private note stayed here" in capsys.readouterr().out
    coordinator = tmp_path / "project" / "project.sqlite3"
    coordinator.parent.mkdir()
    assert cli.main(["import", str(export), "--database", str(coordinator)]) == 0
    out = capsys.readouterr().out
    assert "export.xlsx: " in out and "Imported 1 file." in out
    assert cli.main(["import", str(export), "--database", str(coordinator)]) == 0
    assert "imported before" in capsys.readouterr().out
    assert cli.main(["list", "imports", "--json", "--database", str(coordinator)]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["kind"] == "sync" and record["filename"].endswith("export.xlsx")
    assert (record["groups"], record["covers"]) == (None, "all groups")
    assert cli.main(["list", "imports", "--database", str(coordinator)]) == 0
    table = capsys.readouterr().out
    assert "Covers" in table.splitlines()[0] and "all groups" in table
    assert cli.main(["list", "tutors", "--database", str(coordinator)]) == 0
    assert "Aino Tutor" in capsys.readouterr().out


def test_dry_run_shows_the_preview_as_json_and_creates_nothing(tmp_path, capsys):
    export = _tutor_export(tmp_path)
    capsys.readouterr()
    coordinator = tmp_path / "project.sqlite3"
    args = ["import", str(export), "--dry-run", "--json", "--database", str(coordinator)]
    assert cli.main(args) == 0
    document = json.loads(capsys.readouterr().out)
    (item,) = document["files"]
    assert item["status"] == "ok" and item["counts"]["participants"]["new"] == 2
    assert document["applied"] is False
    assert not coordinator.exists()


def test_refused_file_exits_1_and_conflicts_exit_3_until_resolved(tmp_path, capsys):
    export = _tutor_export(tmp_path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(export.read_bytes()[:500])
    coordinator = tmp_path / "project.sqlite3"
    database = ["--database", str(coordinator)]
    assert cli.main(["import", str(broken), str(export), *database]) == 1
    assert "broken.xlsx: refused." in capsys.readouterr().out

    def both_change(sessions):
        with sessions.begin() as s:
            s.query(Group).one().description = "Tutorin muutos"

    with open_db(coordinator) as db, db.sessions.begin() as s:
        s.query(Group).one().description = "Koordinaattorin muutos"
    second = _tutor_export(tmp_path, "second.xlsx", change=both_change)
    capsys.readouterr()
    before = coordinator.read_bytes()
    assert cli.main(["import", str(second), *database]) == 3
    out = capsys.readouterr().out
    assert "Conflict: Group" in out and "Nothing was imported" in out
    assert coordinator.read_bytes() == before
    assert cli.main(["import", str(second), "--conflicts", "theirs", *database]) == 0
    with open_db(coordinator) as db, db.sessions() as s:
        assert s.query(Group).one().description == "Tutorin muutos"


def test_export_of_unknown_group_fails_in_a_sentence(tmp_path, capsys):
    _tutor_export(tmp_path)
    tutor = tmp_path / "tutor" / "t.sqlite3"
    output = str(tmp_path / "x.xlsx")
    args = ["export", "sync", "--no-encrypt", "--output", output, "--group", "nope"]
    assert cli.main([*args, "--database", str(tutor)]) == 1
    assert "no group with the id nope" in capsys.readouterr().err
